"""The school calendar: public holidays, terms, breaks, school days and meetings.

Pure and frozen like the rest of the core.  A :class:`SchoolCalendar` is the
school year as one group sees it; rules are evaluated against it (it is the
:class:`~opiskeluhuolto.recurrence.SchoolContext` of
:meth:`Rule.occurrences <opiskeluhuolto.recurrence.Rule.occurrences>`).

* Finnish public holidays are built in (:func:`public_holidays`), Easter from
  :func:`dateutil.easter.easter`.
* A *school day* is Monday–Friday, within a term where the school year's
  terms are given, not a public holiday and not in a break.
* Breaks are rules like any other ("viikolla 42"), so they recur.

>>> import datetime as dt
>>> from opiskeluhuolto.phrases import parse_rule
>>> school = SchoolCalendar(breaks=(Break("syysloma", "Syysloma", parse_rule("viikolla 42")),))
>>> school.is_school_day(dt.date(2026, 10, 14)), school.is_school_day(dt.date(2026, 10, 21))
(False, True)
>>> school.holiday(dt.date(2026, 12, 6)).name_fi
'itsenäisyyspäivä'
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Iterator

import attrs
from dateutil.easter import easter

from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.fmt import pick
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
    BreakRelation,
    BreakWindow,
    Direction,
    Rule,
    SchoolDayWindow,
    SchoolWindow,
    SchoolYear,
    TermAnchor,
    TermPart,
    TermWindow,
    TimeOfDay,
)

__all__ = [
    "Break",
    "Meeting",
    "MeetingPlan",
    "PublicHoliday",
    "SchoolCalendar",
    "SchoolCalendarError",
    "Term",
    "public_holidays",
]

_ONE_DAY = _dt.timedelta(days=1)
# How far a shift or a "school day before/after" looks: past the longest
# summer break, never further.
_SEARCH_DAYS = 200
# How far a next or previous meeting is looked for: six quarters.
_MEETING_REACH = _dt.timedelta(days=6 * 92)


# ---------------------------------------------------------------------------
# Public holidays
# ---------------------------------------------------------------------------


@attrs.frozen(order=True)
class PublicHoliday:
    """A Finnish public holiday (pyhäpäivä) on ``day``."""

    day: _dt.date
    key: str = attrs.field(order=False)
    name_fi: str = attrs.field(order=False)
    name_en: str = attrs.field(order=False)
    name_sv: str = attrs.field(default="", order=False)

    def name(self, lang: str = "fi") -> str:
        """The holiday's name: ``itsenäisyyspäivä``, ``Independence Day``,
        ``självständighetsdagen`` (Finnish when a hand-made one has no Swedish)."""
        return pick(lang, self.name_fi, self.name_en, self.name_sv or None)


_NAMES: dict[str, tuple[str, str, str]] = {
    "uudenvuodenpaiva": ("uudenvuodenpäivä", "New Year's Day", "nyårsdagen"),
    "loppiainen": ("loppiainen", "Epiphany", "trettondagen"),
    "pitkaperjantai": ("pitkäperjantai", "Good Friday", "långfredagen"),
    "paasiaispaiva": ("pääsiäispäivä", "Easter Sunday", "påskdagen"),
    "toinen-paasiaispaiva": ("2. pääsiäispäivä", "Easter Monday", "annandag påsk"),
    "vappu": ("vappu", "May Day", "första maj"),
    "helatorstai": ("helatorstai", "Ascension Day", "Kristi himmelsfärdsdag"),
    "helluntaipaiva": ("helluntaipäivä", "Whit Sunday", "pingstdagen"),
    "juhannusaatto": ("juhannusaatto", "Midsummer Eve", "midsommarafton"),
    "juhannuspaiva": ("juhannuspäivä", "Midsummer Day", "midsommardagen"),
    "pyhainpaiva": ("pyhäinpäivä", "All Saints' Day", "alla helgons dag"),
    "itsenaisyyspaiva": ("itsenäisyyspäivä", "Independence Day", "självständighetsdagen"),
    "jouluaatto": ("jouluaatto", "Christmas Eve", "julafton"),
    "joulupaiva": ("joulupäivä", "Christmas Day", "juldagen"),
    "tapaninpaiva": ("tapaninpäivä", "St Stephen's Day", "annandag jul"),
}


def _saturday_from(day: _dt.date) -> _dt.date:
    """The Saturday in the seven days from ``day``."""
    return day + _dt.timedelta(days=(5 - day.weekday()) % 7)


def public_holidays(year: int) -> tuple[PublicHoliday, ...]:
    """Finland's public holidays of ``year``, in date order.

    As the law has them since 1991; 1973–1990 Epiphany and Ascension Day were
    on Saturdays, and since 1955 Midsummer and All Saints' Day are on the
    Saturday of 20.–26.6. and 31.10.–6.11. (before that 24.6. and 1.11.).
    Midsummer Eve and Christmas Eve are included: schools and offices close.

    >>> [h.day.isoformat() for h in public_holidays(2027)][:5]
    ['2027-01-01', '2027-01-06', '2027-03-26', '2027-03-28', '2027-03-29']
    """
    ordered = sorted(_holiday_days(year).items(), key=lambda pair: pair[1])
    return tuple(PublicHoliday(day, key, *_NAMES[key]) for key, day in ordered)


def _holiday_days(year: int) -> dict[str, _dt.date]:
    """The days of :func:`public_holidays` by key (the values, without making them)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return {}
    sunday = easter(year)
    days: dict[str, _dt.date] = {
        "uudenvuodenpaiva": _dt.date(year, 1, 1),
        "loppiainen": _dt.date(year, 1, 6),
        "pitkaperjantai": sunday - _dt.timedelta(days=2),
        "paasiaispaiva": sunday,
        "toinen-paasiaispaiva": sunday + _dt.timedelta(days=1),
        "vappu": _dt.date(year, 5, 1),
        "helatorstai": sunday + _dt.timedelta(days=39),
        "helluntaipaiva": sunday + _dt.timedelta(days=49),
        "juhannusaatto": _dt.date(year, 6, 23),
        "juhannuspaiva": _dt.date(year, 6, 24),
        "pyhainpaiva": _dt.date(year, 11, 1),
        "itsenaisyyspaiva": _dt.date(year, 12, 6),
        "jouluaatto": _dt.date(year, 12, 24),
        "joulupaiva": _dt.date(year, 12, 25),
        "tapaninpaiva": _dt.date(year, 12, 26),
    }
    if year >= 1955:
        midsummer = _saturday_from(_dt.date(year, 6, 20))
        days["juhannuspaiva"] = midsummer
        days["juhannusaatto"] = midsummer - _ONE_DAY
        days["pyhainpaiva"] = _saturday_from(_dt.date(year, 10, 31))
    if 1973 <= year <= 1990:
        days["loppiainen"] = _saturday_from(_dt.date(year, 1, 6))
        days["helatorstai"] = sunday + _dt.timedelta(days=34)
    return days


# ---------------------------------------------------------------------------
# Terms, breaks and meetings
# ---------------------------------------------------------------------------


class SchoolCalendarError(BilingualError, ValueError):
    """A school calendar that cannot answer (an unknown break); bilingual like the others."""


def _span(value: tuple[_dt.date, _dt.date]) -> tuple[_dt.date, _dt.date]:
    start, end = value
    if not isinstance(start, _dt.date) or not isinstance(end, _dt.date):
        raise TypeError(f"a term is a pair of dates, got {value!r}")
    if start > end:
        raise ValueError(f"a term ends on or after its start, got {start}–{end}")
    return start, end


@attrs.frozen(order=True)
class Term:
    """The two terms of school year ``school_year`` (2026 = 2026–2027), both ends inclusive."""

    school_year: int
    autumn: tuple[_dt.date, _dt.date] = attrs.field(converter=_span, order=False)
    spring: tuple[_dt.date, _dt.date] = attrs.field(converter=_span, order=False)

    def __attrs_post_init__(self) -> None:
        year = SchoolYear(self.school_year)
        if not (self.autumn[0] in year and self.spring[1] in year):
            raise ValueError(f"the terms of {year} lie within 1.8.{year.first_year}–31.7.")
        if self.autumn[1] >= self.spring[0]:
            raise ValueError("the spring term starts after the autumn term ends")

    def part(self, which: TermPart) -> tuple[_dt.date, _dt.date]:
        return self.autumn if which is TermPart.AUTUMN else self.spring

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and (
            self.autumn[0] <= day <= self.autumn[1] or self.spring[0] <= day <= self.spring[1]
        )


def _check_break_rule(_inst: object, _attribute: attrs.Attribute[Rule], value: object) -> None:
    if not isinstance(value, Rule):
        raise TypeError(f"a break's timing is a Rule, got {value!r}")
    if value.needs_school_calendar or value.follow_up is not None or value.time is not None:
        raise ValueError("a break's timing is a plain window: no breaks, terms, results or time")


@attrs.frozen
class Break:
    """A break ("syysloma", "viikolla 42") owned by ``owner`` (None: every group).

    A break of a lower group with the same id replaces the inherited one for
    that group and the groups below it; ``skip`` removes it.
    """

    id: str
    name: str
    rule: Rule = attrs.field(validator=_check_break_rule)
    owner: str | None = None
    skip: bool = False

    def matches(self, name: str) -> bool:
        """Whether a rule's break name ("syysloma") means this break (its id or name)."""
        wanted = name.casefold()
        return wanted in (self.id.casefold(), self.name.casefold())


@attrs.frozen(order=True)
class Meeting:
    """A meeting of a group on ``day`` (timed when the meeting rule gives a time)."""

    day: _dt.date
    time: TimeOfDay | None = attrs.field(default=None, order=False)
    extra: bool = attrs.field(default=False, order=False)


def _dates(value: Iterable[_dt.date]) -> tuple[_dt.date, ...]:
    return tuple(sorted(set(value)))


def _check_meeting_rule(
    _inst: object, _attribute: attrs.Attribute[Rule | None], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, Rule):
        raise TypeError(f"a meeting rule is a Rule, got {value!r}")
    if value.needs_meetings or value.follow_up is not None:
        raise ValueError("a meeting rule has no results")


@attrs.frozen
class MeetingPlan:
    """When a group meets: a rule, listed dates, extra and cancelled meetings."""

    rule: Rule | None = attrs.field(default=None, validator=_check_meeting_rule)
    dates: tuple[_dt.date, ...] = attrs.field(default=(), converter=_dates)
    extra: tuple[_dt.date, ...] = attrs.field(default=(), converter=_dates)
    cancelled: tuple[_dt.date, ...] = attrs.field(default=(), converter=_dates)

    @property
    def is_empty(self) -> bool:
        return self.rule is None and not self.dates and not self.extra


# ---------------------------------------------------------------------------
# The school calendar
# ---------------------------------------------------------------------------


def _terms(value: Iterable[Term]) -> tuple[Term, ...]:
    terms = tuple(sorted(value))
    years = [t.school_year for t in terms]
    if len(set(years)) != len(years):
        raise ValueError("one set of terms per school year")
    return terms


def _breaks(value: Iterable[Break]) -> tuple[Break, ...]:
    breaks = tuple(value)
    ids = [b.id for b in breaks]
    if len(set(ids)) != len(ids):
        raise ValueError("one break per id in a school calendar")
    return breaks


@attrs.frozen
class SchoolCalendar:
    """The school year as a group sees it: terms, breaks, public holidays, meetings.

    Answers are computed per year and kept (the value stays frozen; the cache
    is not part of its equality).
    """

    terms: tuple[Term, ...] = attrs.field(default=(), converter=_terms)
    breaks: tuple[Break, ...] = attrs.field(default=(), converter=_breaks)
    meetings: MeetingPlan = attrs.field(factory=MeetingPlan)
    _cache: dict[object, object] = attrs.field(
        factory=dict, init=False, eq=False, repr=False, hash=False
    )
    # Per calendar year: the weekdays that are holidays or in a break.
    _closed_years: dict[int, frozenset[_dt.date]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False, hash=False
    )
    # Per school year (its first year): (autumn start, autumn end, spring start, spring end).
    _term_days: dict[int, tuple[_dt.date, _dt.date, _dt.date, _dt.date]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self,
            "_term_days",
            {t.school_year: (*t.autumn, *t.spring) for t in self.terms},
        )

    # -- days ------------------------------------------------------------------

    def holiday(self, day: _dt.date) -> PublicHoliday | None:
        """The public holiday on ``day``, if it is one."""
        return self._holidays(day.year).get(day)

    def _holidays(self, year: int) -> dict[_dt.date, PublicHoliday]:
        key = ("holidays", year)
        found = self._cache.get(key)
        if found is None:
            found = {h.day: h for h in public_holidays(year)}
            self._cache[key] = found
        return found  # type: ignore[return-value]

    def term(self, school_year: int) -> Term | None:
        """The terms of school year ``school_year``, when given."""
        if school_year not in self._term_days:
            return None
        return next(t for t in self.terms if t.school_year == school_year)

    def breaks_on(self, day: _dt.date) -> tuple[Break, ...]:
        """The breaks that ``day`` lies in."""
        return tuple(b for b in self.breaks if day in self._break_days(b, day.year))

    def _break_days(self, brk: Break, year: int) -> frozenset[_dt.date]:
        """The days of ``brk`` that fall in calendar year ``year``."""
        key = ("break", brk.id, year)
        found = self._cache.get(key)
        if found is None:
            days: set[_dt.date] = set()
            lo, hi = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
            # Window-years Y-1 (a wrapping break), Y and Y+1 (ISO week 1 may
            # begin on 29.12.) can reach calendar year Y.
            for window_year in range(max(year - 1, MIN_YEAR), min(year + 1, MAX_YEAR) + 1):
                for start, end in brk.rule.spans(window_year):
                    day, last = max(start, lo), min(end, hi)
                    while day <= last:
                        days.add(day)
                        if day == _dt.date.max:
                            break
                        day += _ONE_DAY
            found = frozenset(days)
            self._cache[key] = found
        return found  # type: ignore[return-value]

    def _closed(self, year: int) -> frozenset[_dt.date]:
        """Every weekday of calendar year ``year`` that is a holiday or in a break."""
        found = self._closed_years.get(year)
        if found is None:
            days = set(_holiday_days(year).values())
            for brk in self.breaks:
                days |= self._break_days(brk, year)
            found = frozenset(day for day in days if day.weekday() < 5)
            self._closed_years[year] = found
        return found

    def is_school_day(self, day: _dt.date) -> bool:
        """Monday–Friday, in a term (where terms are given), not a holiday, not in a break."""
        if day.weekday() >= 5:
            return False
        closed = self._closed_years.get(day.year)
        if closed is None:
            closed = self._closed(day.year)
        if day in closed:
            return False
        if self._term_days:
            # The school year's first year (not SchoolYear: 1.8.9999 begins none).
            term = self._term_days.get(day.year if day.month >= 8 else day.year - 1)
            if term is not None and not (term[0] <= day <= term[1] or term[2] <= day <= term[3]):
                return False
        return True

    def school_days(self, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The school days of ``[start, end]`` in order."""
        day = start
        while day <= end:
            if self.is_school_day(day):
                yield day
            if day == _dt.date.max:
                return
            day += _ONE_DAY

    def shift(self, day: _dt.date, direction: Direction) -> _dt.date | None:
        """The nearest school day strictly before or after ``day`` (None past 200 days)."""
        step = -_ONE_DAY if direction is Direction.BEFORE else _ONE_DAY
        current = day
        for _ in range(_SEARCH_DAYS):
            try:
                current += step
            except OverflowError:
                return None
            if self.is_school_day(current):
                return current
        return None

    # -- windows -----------------------------------------------------------------

    def find_break(self, name: str) -> Break | None:
        """The break that a rule's break name means, by id or name (case-insensitive)."""
        for brk in self.breaks:
            if brk.matches(name):
                return brk
        return None

    def window_spans(
        self, window: SchoolWindow, year: int
    ) -> tuple[tuple[_dt.date, _dt.date], ...]:
        """The spans of a school-calendar window in window-year ``year``."""
        span: tuple[_dt.date, _dt.date] | None
        if isinstance(window, BreakWindow):
            return self._break_window(window, year)
        if isinstance(window, TermWindow):
            span = self._term_window(window, year)
        else:
            span = self._school_day_window(window, year)
        return () if span is None else (span,)

    def _break_window(
        self, window: BreakWindow, year: int
    ) -> tuple[tuple[_dt.date, _dt.date], ...]:
        brk = self.find_break(window.name)
        if brk is None:
            known = ", ".join(b.id for b in self.breaks) or "ei yhtään"
            known_en = ", ".join(b.id for b in self.breaks) or "none"
            raise SchoolCalendarError(
                f"tuntematon loma {window.name!r} (lomat: {known})",
                f"unknown break {window.name!r} (breaks: {known_en})",
            )
        spans = brk.rule.spans(year)
        if window.relation is BreakRelation.DURING:
            return spans
        found: list[tuple[_dt.date, _dt.date]] = []
        for start, end in spans:
            if window.relation is BreakRelation.BEFORE:
                monday = start - _dt.timedelta(days=start.weekday() + 7)
                found.append((monday, monday + _dt.timedelta(days=4)))
                continue
            monday = end + _dt.timedelta(days=7 - end.weekday())
            for _ in range(_SEARCH_DAYS // 7):
                friday = monday + _dt.timedelta(days=4)
                if any(self.is_school_day(d) for d in _days(monday, friday)):
                    found.append((monday, friday))
                    break
                monday += _dt.timedelta(days=7)
        return tuple(found)

    def _term_window(self, window: TermWindow, year: int) -> tuple[_dt.date, _dt.date] | None:
        term = self.term(year)
        if term is None:
            return None
        start, end = term.part(window.term)
        days = list(self.school_days(start, end))
        if not days:
            return None
        first, last = days[0], days[-1]
        if window.anchor is TermAnchor.FIRST_DAY:
            return first, first
        if window.anchor is TermAnchor.LAST_DAY:
            return last, last
        if window.anchor is TermAnchor.FIRST_WEEK:
            friday = first + _dt.timedelta(days=4 - first.weekday())
            return first, min(friday, end)
        monday = last - _dt.timedelta(days=last.weekday())
        return max(monday, start), last

    def _school_day_window(
        self, window: SchoolDayWindow, year: int
    ) -> tuple[_dt.date, _dt.date] | None:
        day = window.date(year)
        if day is None:
            return None
        found = self.shift(day, window.direction)
        return None if found is None else (found, found)

    # -- meetings ------------------------------------------------------------------

    def meetings_between(self, start: _dt.date, end: _dt.date) -> list[Meeting]:
        """The group's meetings in ``[start, end]``: rule, listed and extra, minus cancelled."""
        plan = self.meetings
        found: dict[_dt.date, Meeting] = {}
        if plan.rule is not None:
            for occ in plan.rule.occurrences(start, end, self):
                if start <= occ.start <= end:
                    found.setdefault(occ.start, Meeting(occ.start, occ.time))
        # The plan's dates are sorted: only those in the range are looked at.
        for day in _between(plan.dates, start, end):
            found.setdefault(day, Meeting(day))
        # An extra meeting is held at the rule's time of day, when it has one.
        extra_time = plan.rule.time if plan.rule is not None else None
        for day in _between(plan.extra, start, end):
            found.setdefault(day, Meeting(day, extra_time, extra=True))
        for day in _between(plan.cancelled, start, end):
            found.pop(day, None)
        return [found[day] for day in sorted(found)]

    def _held(self) -> tuple[list[_dt.date], frozenset[_dt.date]]:
        """The listed and extra meetings less the cancelled ones (sorted), and the cancelled.

        Computed once per calendar: a lookup of the nearest meeting is then a
        bisection, not a pass over every date.
        """
        key = "held"
        found = self._cache.get(key)
        if found is None:
            plan = self.meetings
            cancelled = frozenset(plan.cancelled)
            held = sorted({*plan.dates, *plan.extra} - cancelled)
            found = (held, cancelled)
            self._cache[key] = found
        return found  # type: ignore[return-value]

    def next_meeting(self, after: _dt.date) -> _dt.date | None:
        """The first meeting strictly after ``after``, within a year and a half (552 days)."""
        return self._nearest(after, forward=True)

    def previous_meeting(self, before: _dt.date) -> _dt.date | None:
        """The last meeting strictly before ``before``, within a year and a half (552 days)."""
        return self._nearest(before, forward=False)

    def _nearest(self, day: _dt.date, *, forward: bool) -> _dt.date | None:
        plan = self.meetings
        held, cancelled = self._held()
        # Listed meetings as far as the rule's are looked for, a year and a
        # half: else a follow-up "seuraavassa kokouksessa" of any year long
        # past would land on the next listed meeting.
        try:
            bound = day + _MEETING_REACH if forward else day - _MEETING_REACH
        except OverflowError:
            bound = _dt.date.max if forward else _dt.date.min
        found: _dt.date | None = None
        if forward:
            index = bisect.bisect_right(held, day)
            if index < len(held) and held[index] <= bound:
                found = held[index]
        else:
            index = bisect.bisect_left(held, day)
            if index > 0 and held[index - 1] >= bound:
                found = held[index - 1]
        if plan.rule is None:
            return found
        step = _dt.timedelta(days=91)
        for index in range(6):
            try:
                if forward:
                    lo = day + _ONE_DAY + index * (step + _ONE_DAY)
                    hi = min(lo + step, _dt.date.max)
                else:
                    hi = day - _ONE_DAY - index * (step + _ONE_DAY)
                    lo = max(hi - step, _dt.date.min)
            except OverflowError:
                break
            days = [
                occ.start
                for occ in plan.rule.occurrences(lo, hi, self)
                if lo <= occ.start <= hi and occ.start not in cancelled
            ]
            if days:
                ruled = days[0] if forward else days[-1]
                if found is None:
                    return ruled
                return min(found, ruled) if forward else max(found, ruled)
        return found

    def with_meetings(self, meetings: MeetingPlan) -> SchoolCalendar:
        """The same days with another group's meetings (the owner of an inherited item)."""
        return SchoolCalendar(self.terms, self.breaks, meetings)


def _between(days: tuple[_dt.date, ...], start: _dt.date, end: _dt.date) -> tuple[_dt.date, ...]:
    """The days of a sorted tuple that lie in ``[start, end]``."""
    return days[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)]


def _days(start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY
