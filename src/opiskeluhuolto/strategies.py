"""Hypothesis strategies for property tests of your own code that uses rules.

This is the only module of :mod:`opiskeluhuolto` that imports :mod:`hypothesis`;
``import opiskeluhuolto`` never imports it, so hypothesis stays a test-time
dependency.  Every strategy generates valid, frozen values of
:mod:`opiskeluhuolto.recurrence`, including the awkward ones (week 53, 29.2.,
fifth weekdays, windows that wrap into the next year, intervals up to 99),
and in the canonical form the rule builder gives them, so that
``parse_rule(describe(rule)) == rule`` for every rule generated here:

* a list of windows (:class:`~opiskeluhuolto.recurrence.WindowList`) is sorted
  and its windows neither touch nor overlap (nothing in it could merge);
* a deadline's ``day`` is None only for February (the one last day that moves);
* times of day are whole minutes;
* a cadence within the year (:class:`~opiskeluhuolto.recurrence.Repeat`) is
  bounded only by weeks, months, dates, seasons or parts of months.

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
from typing import TYPE_CHECKING

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from opiskeluhuolto.builder import canonical_windows
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
    BreakRelation,
    BreakWindow,
    Cadence,
    DateWindow,
    DeadlineWindow,
    Direction,
    FollowUp,
    FollowUpTarget,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NextMeeting,
    NthWeekdayWindow,
    Phase,
    Repeat,
    Rule,
    SchoolDays,
    SchoolDayWindow,
    SchoolWindow,
    SchoolYear,
    Season,
    SeasonWindow,
    SingleWindow,
    TermAnchor,
    TermPart,
    TermWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    WeekWindow,
    Window,
    WindowList,
    YearPattern,
    rule_problems,
)
from opiskeluhuolto.school import Break, SchoolCalendar, Term

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import Organisation
    from opiskeluhuolto.records import Record, Records

__all__ = [
    "ANCHOR_MAX",
    "ANCHOR_MIN",
    "date_windows",
    "dates",
    "deadline_windows",
    "follow_ups",
    "month_part_windows",
    "month_windows",
    "nth_weekday_windows",
    "records",
    "repeats",
    "rules",
    "school_calendars",
    "school_rules",
    "school_windows",
    "season_windows",
    "single_windows",
    "times_of_day",
    "week_windows",
    "weekday_windows",
    "window_lists",
    "windows",
    "year_patterns",
]

ANCHOR_MIN = 1900
"""Smallest anchor, validity and school year that the strategies generate."""

ANCHOR_MAX = 2200
"""Largest anchor, validity and school year that the strategies generate."""

# A leap year: 29.2. is a valid day-month pair, and its day numbers (1–366)
# order every day-month pair of any year.
_LEAP = 2000

_WEEKDAYS = st.sampled_from(Weekday)
_NTHS = st.sampled_from([1, 2, 3, 4, 5, -1, -2, -3, -4, -5])
_MONTHS = st.integers(min_value=1, max_value=12)
_WEEKS = st.integers(min_value=1, max_value=53)


# ---------------------------------------------------------------------------
# Single windows
# ---------------------------------------------------------------------------


def week_windows() -> SearchStrategy[WeekWindow]:
    """ISO week windows ``first``–``last``, 1–53, including wraps (52–1) and week 53.

    >>> from hypothesis import find
    >>> find(week_windows(), lambda window: window.first == 52 and window.wraps)
    WeekWindow(first=52, last=...)
    """
    single = _WEEKS.map(lambda week: WeekWindow(week, week))
    return st.one_of(single, st.builds(WeekWindow, _WEEKS, _WEEKS))


def month_windows() -> SearchStrategy[MonthWindow]:
    """Month windows ``first``–``last``, 1–12, including wraps (11–1).

    >>> from hypothesis import find
    >>> find(month_windows(), lambda window: window.first == 11 and window.wraps)
    MonthWindow(first=11, last=...)
    """
    return st.builds(MonthWindow, _MONTHS, _MONTHS)


def _days_in(month: int) -> int:
    return _calendar.monthrange(_LEAP, month)[1]


@st.composite
def _day_month(draw: st.DrawFn) -> tuple[int, int]:
    month = draw(_MONTHS)
    day = draw(
        st.one_of(
            st.integers(min_value=1, max_value=_days_in(month)),
            # The edges of a month on their own, so 29.2. and 31.12. come up often.
            st.sampled_from([1, _days_in(month)]),
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


@st.composite
def _weekday_span(draw: st.DrawFn) -> tuple[Weekday, Weekday]:
    """A weekday and the last day of its span: mostly one day, sometimes ma–pe and the like."""
    first = draw(_WEEKDAYS)
    if draw(st.booleans()):
        return first, first
    return first, draw(st.sampled_from([d for d in Weekday if d >= first]))


@st.composite
def _weekday_window(draw: st.DrawFn) -> WeekdayWindow:
    week = draw(st.one_of(_WEEKS, st.sampled_from([1, 52, 53])))
    first, until = draw(_weekday_span())
    return WeekdayWindow(week, first, until)


def weekday_windows() -> SearchStrategy[WeekdayWindow]:
    """A weekday of an ISO week ("viikon 37 tiistaina") or a weekday span ("viikolla 37 ma–pe").

    Weeks 1, 52 and 53 come up often: their days can fall in the neighbouring
    calendar year, and week 53 exists only in some years.

    >>> from hypothesis import find
    >>> find(weekday_windows(), lambda window: window.week == 53).can_skip_years
    True
    >>> find(weekday_windows(), lambda window: not window.is_one_day).until > Weekday.MO
    True
    """
    return _weekday_window()


def nth_weekday_windows() -> SearchStrategy[NthWeekdayWindow]:
    """The nth (1–5, −1–−5) weekday of a month ("syyskuun toisena tiistaina"); 5th ones skip years.

    >>> from hypothesis import find
    >>> find(nth_weekday_windows(), lambda window: window.nth == -1)
    NthWeekdayWindow(month=..., weekday=..., nth=-1)
    >>> find(nth_weekday_windows(), lambda window: abs(window.nth) == 5).can_skip_years
    True
    """
    return st.builds(NthWeekdayWindow, _MONTHS, _WEEKDAYS, _NTHS)


def month_part_windows() -> SearchStrategy[MonthPartWindow]:
    """The start (1.–10.), middle (11.–20.) or end (21.–last) of a month ("lokakuun alussa").

    >>> from hypothesis import find
    >>> find(month_part_windows(), lambda window: (window.month, window.part.value) == (2, "loppu"))
    MonthPartWindow(month=2, part=<MonthPart.END: 'loppu'>)
    """
    return st.builds(MonthPartWindow, _MONTHS, st.sampled_from(MonthPart))


@st.composite
def _deadline_window(draw: st.DrawFn) -> DeadlineWindow:
    if draw(st.integers(0, 4)) == 0:
        return DeadlineWindow(2)  # "viimeistään helmikuussa": the last day moves
    day, month = draw(_day_month())
    return DeadlineWindow(month, day)


def deadline_windows() -> SearchStrategy[DeadlineWindow]:
    """Deadlines in canonical form ("viimeistään 30.9."): a day of a month, or February's last.

    ``day=None`` (the last day of the month) only for February, where the
    last day moves; the rule builder writes out every other month's last day
    ("viimeistään syyskuussa" is 30.9.).  29.2. comes up too (leap years only).

    >>> from hypothesis import find
    >>> find(deadline_windows(), lambda window: window.day is None)
    DeadlineWindow(month=2, day=None)
    """
    return _deadline_window()


def single_windows() -> SearchStrategy[SingleWindow]:
    """Any window that gives at most one span a year (every kind but a list).

    >>> from hypothesis import find
    >>> find(single_windows(), lambda window: isinstance(window, NthWeekdayWindow))
    NthWeekdayWindow(...)
    """
    return st.one_of(
        week_windows(),
        month_windows(),
        date_windows(),
        season_windows(),
        weekday_windows(),
        nth_weekday_windows(),
        month_part_windows(),
        deadline_windows(),
    )


# ---------------------------------------------------------------------------
# Lists of windows
# ---------------------------------------------------------------------------
#
# A list is drawn as runs of "slots" – weeks 1–53, months 1–12, day numbers
# 1–366 of a leap year, the 36 thirds of the months – each run at least
# ``gap`` slots after the previous one, so that no two windows of the list
# touch or overlap in any year.  The last run may wrap into the next year
# when it ends well before the first one starts.


@st.composite
def _runs(
    draw: st.DrawFn, lo: int, hi: int, gap: int, longest: int, wrap: bool
) -> list[tuple[int, int]]:
    """2–4 runs ``(first, last)`` of slots in ``lo..hi``, sorted, ``gap`` apart.

    With ``wrap``, the last run may wrap: ``first > last``, its ``last`` at
    least ``gap`` slots before the first run's ``first``.
    """
    count = draw(st.integers(min_value=2, max_value=4))
    spread = max(gap, (hi - lo) // (2 * count))
    runs: list[tuple[int, int]] = []
    start = lo + draw(st.integers(min_value=0, max_value=spread))
    for _ in range(count):
        length = draw(st.one_of(st.just(0), st.integers(min_value=0, max_value=longest)))
        end = start + length
        if end > hi:
            break
        runs.append((start, end))
        start = end + draw(st.integers(min_value=gap, max_value=gap + spread))
    if len(runs) < 2:
        reject()
    if wrap and draw(st.integers(0, 3)) == 0:
        first_start, last_end = runs[0][0], runs[-1][1]
        if first_start - gap >= lo and last_end + gap <= hi:
            start = draw(st.integers(min_value=last_end + gap, max_value=hi))
            end = draw(st.integers(min_value=lo, max_value=first_start - gap))
            runs.append((start, end))
    return runs


def _leap_day(number: int) -> tuple[int, int]:
    """Day and month of day ``number`` (1–366) of a leap year."""
    day = _dt.date(_LEAP, 1, 1) + _dt.timedelta(days=number - 1)
    return day.day, day.month


_FEB_28 = 59  # day numbers in a leap year
_FEB_29 = 60


@st.composite
def _date_list(draw: st.DrawFn, singles: bool | None = None) -> list[SingleWindow]:
    """Single dates ("11.2. ja 11.9."), or date ranges (``singles=False``), or either."""
    if singles is None:
        singles = draw(st.booleans())
    # Three slots apart in a leap year leave at least one free day between two
    # windows in a common year, where 29.2. is missing.
    runs = draw(_runs(1, 366, 3, 0 if singles else 40, wrap=not singles))
    parts: list[SingleWindow] = []
    for first, last in runs:
        (day, month), (end_day, end_month) = _leap_day(first), _leap_day(last)
        parts.append(DateWindow(day, month, end_day, end_month))
    return parts


@st.composite
def _deadline_list(draw: st.DrawFn) -> list[SingleWindow]:
    # Three slots from both neighbours keep a deadline on February's last day
    # (28.2. or 29.2.) apart from them in every year.
    runs = draw(_runs(1, 366, 3, 0, wrap=False))
    parts: list[SingleWindow] = []
    for first, _last in runs:
        if first in (_FEB_28, _FEB_29) and draw(st.booleans()):
            parts.append(DeadlineWindow(2))
        else:
            day, month = _leap_day(first)
            parts.append(DeadlineWindow(month, day))
    return parts


@st.composite
def _month_part_list(draw: st.DrawFn) -> list[SingleWindow]:
    runs = draw(_runs(0, 35, 2, 0, wrap=False))
    parts = list(MonthPart)
    return [MonthPartWindow(slot // 3 + 1, parts[slot % 3]) for slot, _ in runs]


@st.composite
def _weekday_list(draw: st.DrawFn) -> list[SingleWindow]:
    first, until = draw(_weekday_span())
    # Whole weeks (ma–su) of consecutive weeks would touch: keep them apart.
    gap = 2 if (first, until) == (Weekday.MO, Weekday.SU) else 1
    runs = draw(_runs(1, 53, gap, 0, wrap=False))
    return [WeekdayWindow(week, first, until) for week, _ in runs]


@st.composite
def _nth_list(draw: st.DrawFn) -> list[SingleWindow]:
    weekday, nth = draw(_WEEKDAYS), draw(_NTHS)
    runs = draw(_runs(1, 12, 1, 0, wrap=False))
    return [NthWeekdayWindow(month, weekday, nth) for month, _ in runs]


def _list_parts(kind: str, cadence: bool) -> SearchStrategy[list[SingleWindow]]:
    if kind == "weeks":
        return _runs(1, 53, 2, 6, wrap=True).map(lambda runs: [WeekWindow(*r) for r in runs])
    if kind == "months":
        return _runs(1, 12, 2, 2, wrap=True).map(lambda runs: [MonthWindow(*r) for r in runs])
    if kind == "seasons":
        # Spring and autumn: summer touches both.
        return st.just([SeasonWindow(Season.SPRING), SeasonWindow(Season.AUTUMN)])
    if kind == "dates":
        return _date_list(singles=False if cadence else None)
    if kind == "deadlines":
        return _deadline_list()
    if kind == "parts":
        return _month_part_list()
    if kind == "weekdays":
        return _weekday_list()
    return _nth_list()


_LIST_KINDS = ("weeks", "months", "dates", "seasons", "parts", "deadlines", "weekdays", "nths")
_CADENCE_LIST_KINDS = ("weeks", "months", "dates", "seasons", "parts")


@st.composite
def _window_list(draw: st.DrawFn, cadence: bool = False) -> WindowList:
    kinds = _CADENCE_LIST_KINDS if cadence else _LIST_KINDS
    parts = draw(_list_parts(draw(st.sampled_from(kinds)), cadence))
    window = canonical_windows(parts)  # sorted as the rule builder sorts them
    if not isinstance(window, WindowList):  # pragma: no cover - the runs never merge
        reject()
    return window


def window_lists() -> SearchStrategy[WindowList]:
    """Lists of 2–4 windows of one kind in canonical form ("viikoilla 2–3 ja 33–34").

    As the rule builder leaves them: sorted, never a list of one, and no two
    windows of a list touch or overlap in any year (so none of them merge,
    and each window is an occurrence of its own).  The last window of a list
    of weeks, months or date ranges may wrap into the next year
    ("viikoilla 10–12 ja 50–2").  Weekdays and nth weekdays share their
    weekday ("viikoilla 37 ja 40 tiistaina", "syys- ja lokakuun toisena
    tiistaina").

    >>> from hypothesis import find
    >>> len(find(window_lists(), lambda window: len(window.windows) > 2).windows) > 2
    True
    >>> find(window_lists(), lambda window: window.wraps).windows[-1].wraps
    True
    """
    return _window_list()


def windows() -> SearchStrategy[Window]:
    """Any window: weeks, months, dates, a season, weekdays, parts of months, deadlines, lists.

    >>> from hypothesis import find
    >>> find(windows(), lambda window: isinstance(window, MonthWindow))
    MonthWindow(first=..., last=...)
    >>> find(windows(), lambda window: isinstance(window, WindowList))
    WindowList(windows=(...))
    """
    return st.one_of(single_windows(), window_lists())


# ---------------------------------------------------------------------------
# Cadences within the year and times of day
# ---------------------------------------------------------------------------


@st.composite
def _repeat(draw: st.DrawFn) -> Repeat:
    if draw(st.booleans()):
        interval = draw(st.sampled_from([1, 1, 1, 2, 3, 4, 6, 12]) | st.integers(1, 12))
        if draw(st.booleans()):
            return Repeat(Frequency.MONTHLY, interval, draw(_WEEKDAYS), draw(_NTHS))
        return Repeat(Frequency.MONTHLY, interval)
    parity = draw(st.none() | st.sampled_from(WeekParity))
    interval = 1
    if parity is None:
        interval = draw(st.sampled_from([1, 1, 1, 2, 2, 3, 4]) | st.integers(1, 52))
    weekday = draw(st.none() | _WEEKDAYS)
    until = None
    if weekday is not None and weekday < Weekday.SU and draw(st.integers(0, 3)) == 0:
        until = draw(st.sampled_from([d for d in Weekday if d > weekday]))
    return Repeat(Frequency.WEEKLY, interval, weekday, None, until, parity)


def repeats() -> SearchStrategy[Repeat]:
    """Cadences within the year, only in combinations :class:`Repeat` accepts.

    * monthly, every 1–12 months (mostly 1, 2, 3, 4, 6, 12; the phrases say
      no more than "joka 12. kuukausi"), optionally on the nth weekday (1–5,
      −1–−5) of each month ("joka kuukauden toisena tiistaina");
    * weekly, every 1–52 weeks (mostly 1–4) or on even or odd ISO weeks,
      optionally on a weekday ("maanantaisin", "joka toinen tiistai") or a
      weekday span ("ma–pe").

    >>> from hypothesis import find
    >>> find(repeats(), lambda repeat: repeat.nth is not None).frequency
    <Frequency.MONTHLY: 'monthly'>
    >>> find(repeats(), lambda repeat: repeat.parity is not None).interval
    1
    """
    return _repeat()


@st.composite
def _time_of_day(draw: st.DrawFn) -> TimeOfDay:
    if draw(st.booleans()):
        start = draw(st.integers(min_value=7 * 60, max_value=20 * 60))
        return TimeOfDay(_dt.time(start // 60, start % 60))  # one hour
    start = draw(st.integers(min_value=7 * 60, max_value=21 * 60 - 1))
    end = draw(st.integers(min_value=start + 1, max_value=21 * 60))
    return TimeOfDay(_dt.time(start // 60, start % 60), _dt.time(end // 60, end % 60))


def times_of_day() -> SearchStrategy[TimeOfDay]:
    """Times of day between 7.00 and 21.00, whole minutes, ending after they start.

    Half of them give no end (one hour long, as "klo 14").

    >>> from hypothesis import find
    >>> time = find(times_of_day(), lambda time: time.end.minute != 0)
    >>> time.end > time.start and time.start.second == time.end.second == 0
    True
    """
    return _time_of_day()


# ---------------------------------------------------------------------------
# Year patterns and follow-ups
# ---------------------------------------------------------------------------


def _intervals(min_value: int) -> SearchStrategy[int]:
    # Mostly the realistic 1–5 (every year … every fifth year), now and then
    # anything up to the largest legal interval.
    return st.one_of(
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=min_value, max_value=5),
        st.integers(min_value=6, max_value=99),
    )


_YEARS = st.integers(min_value=ANCHOR_MIN, max_value=ANCHOR_MAX)


@st.composite
def _validity(draw: st.DrawFn) -> tuple[int | None, int | None]:
    if draw(st.integers(0, 4)) == 0:
        year = draw(_YEARS)  # one year only: "vuonna 2027", "syyskuussa 2026"
        return year, year
    valid_from = draw(st.none() | _YEARS)
    valid_to = draw(st.none() | _YEARS)
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        valid_from, valid_to = valid_to, valid_from
    return valid_from, valid_to


@st.composite
def _year_pattern(draw: st.DrawFn, determined: bool, validity: bool) -> YearPattern:
    valid_from, valid_to = draw(_validity()) if validity and draw(st.booleans()) else (None, None)
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
    return YearPattern(interval, phase, draw(_YEARS), valid_from, valid_to)


def year_patterns(*, determined: bool = True, validity: bool = True) -> SearchStrategy[YearPattern]:
    """Year patterns: every year, even or odd years, every N years ``next``/``last`` a year.

    Intervals are mostly 2–5 and occasionally up to 99; anchor years lie in
    1900–2200.  With ``validity`` (the default) some patterns carry a validity
    period (``valid_from``/``valid_to``, either or both, sometimes one year
    only as "vuonna 2027") within 1900–2200.  With ``determined=False`` the
    strategy also generates every-N-years patterns without a phase (the
    seed's bare "joka toinen vuosi"), which have no occurrences.

    >>> from hypothesis import find
    >>> find(year_patterns(), lambda pattern: pattern.phase is Phase.LAST)
    YearPattern(interval=..., phase=<Phase.LAST: 'last'>, anchor=..., ...)
    >>> find(year_patterns(), lambda pattern: pattern.interval > 5).interval <= 99
    True
    >>> find(year_patterns(determined=False), lambda pattern: not pattern.is_determined)
    YearPattern(interval=..., phase=None, anchor=None, ...)
    """
    return _year_pattern(determined, validity)


def _follow_up_targets() -> SearchStrategy[FollowUpTarget]:
    return st.one_of(
        month_windows(),
        season_windows(),
        week_windows(),
        _day_month().map(lambda dm: DateWindow.on(*dm)),
    )


def follow_ups() -> SearchStrategy[FollowUp]:
    """Follow-ups: a month window, a season, ISO weeks or one date; "at the earliest" or not.

    Week targets include week 53 and wraps ("tulokset viikolla 47", "tulokset
    aikaisintaan viikolla 2"), date targets 29.2. ("tulokset 15.1.").

    >>> from hypothesis import find
    >>> find(follow_ups(), lambda follow_up: isinstance(follow_up.target, MonthWindow))
    FollowUp(target=MonthWindow(first=..., last=...), earliest=...)
    >>> find(follow_ups(), lambda follow_up: isinstance(follow_up.target, DateWindow)).target
    DateWindow(day=..., month=..., end_day=..., end_month=...)
    """
    return st.builds(FollowUp, _follow_up_targets(), st.booleans())


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def _one_day(window: Window) -> bool:
    """Whether every span of ``window`` is one day (a time of day may go with it)."""
    if isinstance(window, WindowList):
        return all(_one_day(w) for w in window.windows)
    if isinstance(window, DateWindow):
        return window.is_single
    if isinstance(window, WeekdayWindow):
        return window.is_one_day
    return isinstance(window, NthWeekdayWindow | DeadlineWindow)


def _cadence_bounds() -> SearchStrategy[Window]:
    """Windows that may bound a cadence: weeks, months, date ranges, seasons, parts of months."""
    date_ranges = date_windows().filter(lambda window: not window.is_single)
    lists = _window_list(cadence=True).filter(lambda window: not _one_day(window))
    return st.one_of(
        month_windows(),
        week_windows(),
        season_windows(),
        date_ranges,
        month_part_windows(),
        lists,
    )


_SCHOOL_YEARS = st.none() | st.none() | st.none() | _YEARS


@st.composite
def _window_rule(draw: st.DrawFn) -> Rule:
    """A window (any kind), maybe a time of day when it is one day, a school year, results."""
    window = draw(windows())
    years = draw(year_patterns())
    follow_up = draw(st.none() | follow_ups())
    time = draw(st.none() | times_of_day()) if _one_day(window) else None
    school_year = draw(_SCHOOL_YEARS)
    if rule_problems(window, years, follow_up, None, None, time, school_year):
        reject()  # pragma: no cover - the parts are drawn to fit
    return Rule(window, years, follow_up, None, None, time, school_year)


@st.composite
def _cadence_rule(draw: st.DrawFn) -> Rule:
    """A monthly or weekly cadence, bounded by a window or by the year."""
    repeat = draw(repeats())
    window = draw(st.none() | _cadence_bounds())
    years = draw(year_patterns())
    follow_up = draw(st.none() | follow_ups())
    time = draw(st.none() | times_of_day()) if repeat.is_one_day else None
    school_year = draw(_SCHOOL_YEARS)
    if rule_problems(window, years, follow_up, None, repeat, time, school_year):
        reject()  # pragma: no cover - the parts are drawn to fit
    return Rule(window, years, follow_up, None, repeat, time, school_year)


def _first_edition_rules() -> SearchStrategy[Rule]:
    """Rules of the first edition's shapes: weeks, months, dates, seasons; month results."""
    results = st.builds(FollowUp, month_windows() | season_windows(), st.booleans())
    return st.builds(
        Rule,
        window=st.one_of(week_windows(), month_windows(), date_windows(), season_windows()),
        years=year_patterns(),
        follow_up=st.none() | results,
    )


def _scheduled_rules() -> SearchStrategy[Rule]:
    return st.one_of(_first_edition_rules(), _window_rule(), _cadence_rule())


def _unscheduled_rules() -> SearchStrategy[Rule]:
    undated = st.sampled_from(Cadence).map(lambda cadence: Rule(cadence=cadence))
    windowless = year_patterns(determined=False).map(lambda years: Rule(years=years))
    # A window or a cadence with an every-N-years pattern that does not say which years.
    phaseless = st.builds(
        lambda window, interval, follow_up: Rule(window, YearPattern(interval), follow_up),
        windows(),
        _intervals(2),
        st.none() | follow_ups(),
    )
    phaseless_cadence = st.builds(
        lambda repeat, interval: Rule(years=YearPattern(interval), repeat=repeat),
        repeats(),
        _intervals(2),
    )
    return st.one_of(undated, windowless, phaseless, phaseless_cadence)


def rules(dated: bool | None = None) -> SearchStrategy[Rule]:
    """Rules, in the canonical form the rule builder gives them.

    * ``dated=True``: scheduled rules (:attr:`Rule.is_scheduled`): a window of
      any kind or a monthly/weekly cadence (bounded by a window or by the
      year), a determined year pattern, and maybe a follow-up, a time of day
      (on one-day windows and weekday cadences only) and a school year.  Some
      of them (week 53, 29.2., fifth weekdays) skip years.
    * ``dated=False``: rules without dates: undated cadences ("every
      meeting", "as needed"), windowless year-pattern-only rules ("joka
      toinen vuosi") and windows or cadences whose every-N-years pattern has
      no phase.  Their :meth:`Rule.occurrences` is always empty.
    * ``dated=None`` (default): either kind, mostly scheduled ones.

    >>> from hypothesis import find
    >>> find(rules(dated=True), lambda rule: rule.follow_up is not None).is_scheduled
    True
    >>> find(rules(dated=True), lambda rule: rule.repeat is not None).repeat
    Repeat(frequency=...)
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


# ---------------------------------------------------------------------------
# The school calendar
# ---------------------------------------------------------------------------

#: The breaks that :func:`school_windows` and :func:`school_calendars` name
#: (one lower-case word ending in "loma", as a rule's break name must).
BREAK_NAMES = ("syysloma", "joululoma", "hiihtoloma", "talviloma")


def _break_windows() -> SearchStrategy[BreakWindow]:
    return st.builds(BreakWindow, st.sampled_from(BREAK_NAMES), st.sampled_from(BreakRelation))


def _school_day_windows() -> SearchStrategy[SchoolDayWindow]:
    @st.composite
    def build(draw: st.DrawFn) -> SchoolDayWindow:
        day, month = draw(_day_month())
        return SchoolDayWindow(day, month, draw(st.sampled_from(Direction)))

    return build()


def school_windows() -> SearchStrategy[SchoolWindow]:
    """Windows that only a school calendar places: breaks, term anchors, school days.

    "syyslomalla", "ennen hiihtolomaa", "kevätlukukauden viimeisenä
    koulupäivänä", "6.12. edeltävänä koulupäivänä" (29.2. included); the
    break names are those of :data:`BREAK_NAMES`.

    >>> from hypothesis import find
    >>> from opiskeluhuolto.recurrence import TermWindow
    >>> find(school_windows(), lambda window: isinstance(window, TermWindow)).term
    <TermPart.AUTUMN: 'autumn'>
    """
    terms = st.builds(TermWindow, st.sampled_from(TermPart), st.sampled_from(TermAnchor))
    return st.one_of(_break_windows(), terms, _school_day_windows())


@st.composite
def _school_rule(draw: st.DrawFn) -> Rule:
    kind = draw(st.sampled_from(("school", "window", "cadence")))
    window: Window | None
    repeat: Repeat | None = None
    if kind == "school":
        window = draw(school_windows())
    elif kind == "window":
        window = draw(single_windows())
    else:
        repeat = draw(repeats())
        window = draw(st.none() | _cadence_bounds())
    one_day = Rule(window, repeat=repeat).is_one_day
    policies: list[SchoolDays | None] = [None, SchoolDays.SKIP]
    if one_day:
        policies += [SchoolDays.PREVIOUS, SchoolDays.NEXT]
    school_days = draw(st.sampled_from(policies))
    if kind != "school" and school_days is None:
        school_days = SchoolDays.SKIP  # a plain rule is a school rule by its policy
    time = draw(st.none() | times_of_day()) if one_day else None
    follow_up = draw(st.none() | st.just(FollowUp(NextMeeting())))
    years = YearPattern()
    if rule_problems(window, years, follow_up, None, repeat, time, None, school_days):
        reject()  # pragma: no cover - the parts are drawn to fit
    return Rule(window, years, follow_up, None, repeat, time, None, school_days)


def school_rules() -> SearchStrategy[Rule]:
    """Rules that need a school calendar (:attr:`Rule.needs_school_calendar`).

    A school window (:func:`school_windows`), or a plain window or a monthly or
    weekly cadence with "ei lomilla"; one-day ones may instead move to the
    previous or next school day ("6.12., siirtyy edelliseen koulupäivään"),
    and any may have its results at the next meeting.  Every year; valid by
    :func:`~opiskeluhuolto.recurrence.rule_problems` and in canonical form.
    Not part of :func:`rules`: those are evaluated without a school calendar.

    >>> from hypothesis import find
    >>> from opiskeluhuolto.recurrence import SchoolDays
    >>> rule = find(school_rules(), lambda rule: rule.school_days is SchoolDays.PREVIOUS)
    >>> rule.is_one_day, rule.needs_school_calendar
    (True, True)
    """
    return _school_rule()


@st.composite
def _term(draw: st.DrawFn, school_year: int) -> Term:
    autumn_start = _dt.date(school_year, 8, draw(st.integers(1, 20)))
    autumn_end = _dt.date(school_year, 12, draw(st.integers(12, 23)))
    spring_start = _dt.date(school_year + 1, 1, draw(st.integers(2, 12)))
    spring_end = _dt.date(school_year + 1, 5, 20) + _dt.timedelta(days=draw(st.integers(0, 20)))
    return Term(school_year, (autumn_start, autumn_end), (spring_start, spring_end))


@st.composite
def _break(draw: st.DrawFn, name: str) -> Break:
    first = draw(st.integers(1, 52))
    window: Window = draw(
        st.just(WeekWindow(first, min(first + draw(st.integers(0, 1)), 53))) | date_windows()
    )
    return Break(name, name.capitalize(), Rule(window))


@st.composite
def _school_calendar(draw: st.DrawFn, min_year: int, max_year: int) -> SchoolCalendar:
    years = draw(st.lists(st.integers(min_year, max_year - 1), max_size=2, unique=True))
    terms = [draw(_term(year)) for year in years]
    names = draw(st.lists(st.sampled_from(BREAK_NAMES), max_size=3, unique=True))
    breaks = [draw(_break(name)) for name in names]
    return SchoolCalendar(terms=terms, breaks=breaks)


def school_calendars(min_year: int = 2020, max_year: int = 2035) -> SearchStrategy[SchoolCalendar]:
    """School calendars: 0–2 school years' terms in ``min_year``–``max_year`` and 0–3 breaks.

    A break's rule is a plain window (one ISO week or two, or dates); its id
    is one of :data:`BREAK_NAMES` and its name the same capitalised, so a
    rule's break name finds it.  No meetings (give them with
    :meth:`~opiskeluhuolto.school.SchoolCalendar.with_meetings`).

    >>> from hypothesis import find
    >>> find(school_calendars(), lambda school: len(school.breaks) == 2).breaks[0].id
    'syysloma'
    """
    if not MIN_YEAR <= min_year < max_year <= MAX_YEAR:
        raise ValueError(f"need {MIN_YEAR} <= min_year < max_year <= {MAX_YEAR}")
    return _school_calendar(min_year, max_year)


# ---------------------------------------------------------------------------
# Follow-through records
# ---------------------------------------------------------------------------

#: Text of notes: letters (ä, ö, å too), digits, punctuation and spaces, quotes
#: and backslashes included; never the control characters a data file refuses.
_NOTE_TEXT = st.text(
    st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@st.composite
def _record(draw: st.DrawFn, occurrence: str, group: str | None, year: SchoolYear) -> Record:
    from opiskeluhuolto.records import Record, RecordStatus

    status = draw(st.sampled_from(RecordStatus))
    in_year = st.dates(year.start, year.end)
    to = None
    if status is RecordStatus.MOVED or (status is RecordStatus.DONE and draw(st.booleans())):
        first = draw(in_year)
        last = min(first + _dt.timedelta(days=draw(st.integers(0, 30))), year.end)
        to = (first, last)
    return Record(
        occurrence,
        status,
        group=group,
        date=draw(in_year) if status is RecordStatus.DONE else None,
        to=to,
        note=draw(st.none() | _NOTE_TEXT),
        link=draw(st.none() | st.integers(1, 999).map(lambda n: f"https://example.org/m/{n}")),
    )


@st.composite
def _records(
    draw: st.DrawFn, organisation: Organisation, year: SchoolYear, max_size: int
) -> Records:
    from opiskeluhuolto.records import Records
    from opiskeluhuolto.records_loading import occurrence_index

    index = occurrence_index(organisation, year)
    keys = sorted(
        {(occurrence, group) for group, ids in index.views.items() for occurrence in ids},
        key=lambda key: (key[0], key[1] or ""),
    )
    if not keys:
        return Records(year)
    chosen = draw(st.lists(st.sampled_from(keys), max_size=max_size, unique=True))
    return Records(year, [draw(_record(occurrence, group, year)) for occurrence, group in chosen])


def records(
    organisation: Organisation, school_year: int | SchoolYear, *, max_size: int = 12
) -> SearchStrategy[Records]:
    """Valid records of ``organisation``'s occurrences in a school year.

    Each record is for an occurrence of the year, as everyone sees it or as
    one group does (never two for one occurrence and group): done on a day
    of the year (some after a move), moved within the year (up to 31 days
    long), or cancelled, with or without a note and a link.

    >>> from hypothesis import find
    >>> from opiskeluhuolto import load_default
    >>> found = find(records(load_default(), 2026), lambda r: len(r) == 2)
    >>> found.school_year.first_year, len(found)
    (2026, 2)
    """
    year = school_year if isinstance(school_year, SchoolYear) else SchoolYear(school_year)
    return _records(organisation, year, max_size)
