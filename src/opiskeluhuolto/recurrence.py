"""Recurrence rules of the annual calendar: windows, year patterns, follow-ups.

This module is the pure core of the library.  It does no I/O, imports nothing
but the standard library and :mod:`attrs`, and every value in it is a frozen,
hashable attrs class, so equal rules compare and hash equal.

Semantics (see ``docs/rules.md``):

* Every occurrence is an all-day span ``[start, end]`` of :class:`datetime.date`,
  both ends inclusive.
* A *window* says where in a year something happens: ISO weeks, months, a date
  or a date range, or a season.  A window may wrap into the next year (weeks
  52–1, months 11–1, dates 15.12.–15.1.).
* A *year pattern* says which years: every year, every N years with a phase
  (even/odd or an anchor year), optionally bounded by a validity period.  The
  year of an occurrence is the year its window starts in (the ISO year for
  weeks).
* A *follow-up* ("tulokset aikaisintaan marraskuussa") is the first occurrence
  of a target month or season that ends after the parent occurrence ends,
  clipped to start no earlier than the day after the parent.

Occurrences are computed per year in closed form, so a query in year 9024
costs what a query in 2026 costs.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeAlias

import attrs

from opiskeluhuolto.errors import BilingualError

__all__ = [
    "CADENCE_CONFLICT",
    "MAX_YEAR",
    "MIN_YEAR",
    "BreakRelation",
    "BreakWindow",
    "Cadence",
    "DateWindow",
    "DeadlineWindow",
    "Direction",
    "FollowUp",
    "Frequency",
    "MonthPart",
    "MonthPartWindow",
    "MonthWindow",
    "NextMeeting",
    "NthWeekdayWindow",
    "Occurrence",
    "Phase",
    "Repeat",
    "Rule",
    "RuleProblem",
    "SchoolCalendarRequired",
    "SchoolContext",
    "SchoolDayWindow",
    "SchoolDays",
    "SchoolWindow",
    "SchoolYear",
    "SchoolYearError",
    "Season",
    "SeasonWindow",
    "TermAnchor",
    "TermPart",
    "TermWindow",
    "TimeOfDay",
    "WeekParity",
    "WeekWindow",
    "Weekday",
    "WeekdayWindow",
    "Window",
    "WindowList",
    "YearPattern",
    "break_name_problem",
    "has_week_53",
    "iso_weeks_in_year",
    "nth_weekday",
    "repeat_problems",
    "rule_problems",
    "year_pattern_problems",
]

MIN_YEAR = 1
MAX_YEAR = 9999

_ONE_DAY = _dt.timedelta(days=1)

# A leap year used to validate day-month pairs: 29.2. is a valid date (it
# occurs only in leap years), 30.2. never is.
_LEAP = 2000


def iso_weeks_in_year(year: int) -> int:
    """Number of ISO weeks (52 or 53) in ISO week-numbering ``year``."""
    return _dt.date(year, 12, 28).isocalendar().week


def has_week_53(year: int) -> bool:
    """Whether ISO year ``year`` has a week 53 (e.g. 2026 and 2032)."""
    return iso_weeks_in_year(year) == 53


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, _calendar.monthrange(year, month)[1])


def _check_month(name: str, value: int) -> None:
    if not 1 <= value <= 12:
        raise ValueError(f"{name} must be a month 1–12, got {value}")


def _check_day_month(day: int, month: int) -> None:
    _check_month("month", month)
    limit = _calendar.monthrange(_LEAP, month)[1]
    if not 1 <= day <= limit:
        raise ValueError(f"{day}.{month}. is not a date (month {month} has at most {limit} days)")


def _int_validator(
    lo: int, hi: int, what: str
) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{attribute.name} must be an int, got {value!r}")
        if not lo <= value <= hi:
            raise ValueError(f"{attribute.name} must be a {what} {lo}–{hi}, got {value}")

    return check


# ---------------------------------------------------------------------------
# Windows
# ---------------------------------------------------------------------------


@attrs.frozen
class WeekWindow:
    """ISO weeks ``first``–``last`` (inclusive); ``first > last`` wraps into the next ISO year.

    The window of ISO year ``Y`` runs from Monday of week ``first`` to Sunday of
    week ``last``.  A window that names week 53 occurs only in ISO years that
    have a week 53 (like RFC 5545 ``BYWEEKNO=53``).
    """

    first: int = attrs.field(validator=_int_validator(1, 53, "ISO week"))
    last: int = attrs.field(validator=_int_validator(1, 53, "ISO week"))

    @property
    def wraps(self) -> bool:
        return self.first > self.last

    @property
    def names_week_53(self) -> bool:
        return self.first == 53 or self.last == 53

    @property
    def can_skip_years(self) -> bool:
        """True when some years have no occurrence of this window (week 53)."""
        return self.names_week_53

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        end_year = year + 1 if self.wraps else year
        try:
            start = _dt.date.fromisocalendar(year, self.first, 1)
            end = _dt.date.fromisocalendar(end_year, self.last, 7)
        except ValueError:  # week 53 in a 52-week year, or outside 1..9999
            return None
        return start, end


@attrs.frozen
class MonthWindow:
    """Months ``first``–``last`` (inclusive); ``first > last`` wraps into the next year."""

    first: int = attrs.field(validator=_int_validator(1, 12, "month"))
    last: int = attrs.field(validator=_int_validator(1, 12, "month"))

    @property
    def wraps(self) -> bool:
        return self.first > self.last

    @property
    def can_skip_years(self) -> bool:
        return False

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        end_year = year + 1 if self.wraps else year
        if not (MIN_YEAR <= year and end_year <= MAX_YEAR):
            return None
        return _dt.date(year, self.first, 1), _last_day(end_year, self.last)


@attrs.frozen
class DateWindow:
    """A day ``day.month.`` or a date range ``day.month.–end_day.end_month.``.

    A single date has ``end_day == day`` and ``end_month == month``.  A range
    whose end comes before its start in the calendar wraps into the next year.
    29.2. occurs only in leap years; a range naming it occurs only when every
    date it names exists.
    """

    day: int
    month: int
    end_day: int
    end_month: int

    def __attrs_post_init__(self) -> None:
        for value in (self.day, self.month, self.end_day, self.end_month):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"date parts must be ints, got {value!r}")
        _check_day_month(self.day, self.month)
        _check_day_month(self.end_day, self.end_month)

    @classmethod
    def on(cls, day: int, month: int) -> DateWindow:
        """A single date."""
        return cls(day, month, day, month)

    @property
    def is_single(self) -> bool:
        return (self.day, self.month) == (self.end_day, self.end_month)

    @property
    def wraps(self) -> bool:
        return (self.end_month, self.end_day) < (self.month, self.day)

    @property
    def can_skip_years(self) -> bool:
        return (self.day, self.month) == (29, 2) or (self.end_day, self.end_month) == (29, 2)

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        end_year = year + 1 if self.wraps else year
        try:
            return (
                _dt.date(year, self.month, self.day),
                _dt.date(end_year, self.end_month, self.end_day),
            )
        except ValueError:  # 29.2. outside a leap year, or outside 1..9999
            return None


class Season(enum.Enum):
    """Seasons as the staff use them: kevät = 1–5, kesä = 6–7, syksy = 8–12."""

    SPRING = "kevät"
    SUMMER = "kesä"
    AUTUMN = "syksy"

    @property
    def months(self) -> tuple[int, int]:
        return _SEASON_MONTHS[self]


_SEASON_MONTHS = {Season.SPRING: (1, 5), Season.SUMMER: (6, 7), Season.AUTUMN: (8, 12)}


@attrs.frozen
class SeasonWindow:
    """A season of the year (spring 1–5, summer 6–7, autumn 8–12)."""

    season: Season = attrs.field(validator=attrs.validators.instance_of(Season))

    @property
    def wraps(self) -> bool:
        return False

    @property
    def can_skip_years(self) -> bool:
        return False

    def as_months(self) -> MonthWindow:
        first, last = self.season.months
        return MonthWindow(first, last)

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        return self.as_months().span(year)


class Weekday(enum.IntEnum):
    """Days of the week, numbered as :meth:`datetime.date.weekday` (Monday = 0)."""

    MO = 0
    TU = 1
    WE = 2
    TH = 3
    FR = 4
    SA = 5
    SU = 6


def _weekday(value: object) -> Weekday:
    if isinstance(value, Weekday):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return Weekday(value)
    raise TypeError(f"weekday must be a Weekday, got {value!r}")


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> _dt.date | None:
    """The ``nth`` ``weekday`` of a month (``nth`` 1–5, or −1–−5 from the end), or None.

    As RFC 5545 ``BYDAY=2TU`` / ``-1FR``: a 5th weekday exists only in months that
    have one.

    >>> nth_weekday(2026, 9, Weekday.TU, 2), nth_weekday(2026, 10, Weekday.FR, -1)
    (datetime.date(2026, 9, 8), datetime.date(2026, 10, 30))
    """
    days = _DAYS_IN_MONTH[month]
    if month == 2 and _calendar.isleap(year):
        days = 29
    first = _dt.date(year, month, 1).weekday()
    if nth > 0:
        day = 1 + (weekday - first) % 7 + 7 * (nth - 1)
    else:
        last = (first + days - 1) % 7
        day = days - (last - weekday) % 7 - 7 * (-nth - 1)
    if 1 <= day <= days:
        return _dt.date(year, month, day)
    return None


def _nth_validator(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be an int, got {value!r}")
    if value == 0 or not -5 <= value <= 5:
        raise ValueError(f"{attribute.name} must be 1–5 or −1–−5, got {value}")


@attrs.frozen
class WeekdayWindow:
    """A weekday of ISO week ``week`` ("viikon 37 tiistaina"), or a weekday span ("ma–pe").

    ``until`` is the last weekday of the span; it defaults to ``weekday`` (one day).
    """

    week: int = attrs.field(validator=_int_validator(1, 53, "ISO week"))
    weekday: Weekday = attrs.field(converter=_weekday)
    until: Weekday = attrs.field(
        default=attrs.Factory(lambda self: self.weekday, takes_self=True), converter=_weekday
    )

    def __attrs_post_init__(self) -> None:
        if self.until < self.weekday:
            raise ValueError(f"weekday span {self.weekday.name}–{self.until.name} runs backwards")

    @property
    def wraps(self) -> bool:
        return False

    @property
    def is_one_day(self) -> bool:
        return self.until == self.weekday

    @property
    def can_skip_years(self) -> bool:
        return self.week == 53

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        try:
            return (
                _dt.date.fromisocalendar(year, self.week, self.weekday + 1),
                _dt.date.fromisocalendar(year, self.week, self.until + 1),
            )
        except ValueError:
            return None


@attrs.frozen
class NthWeekdayWindow:
    """The ``nth`` ``weekday`` of ``month`` ("syyskuun toisena tiistaina"; −1 = last)."""

    month: int = attrs.field(validator=_int_validator(1, 12, "month"))
    weekday: Weekday = attrs.field(converter=_weekday)
    nth: int = attrs.field(validator=_nth_validator)

    @property
    def wraps(self) -> bool:
        return False

    @property
    def is_one_day(self) -> bool:
        return True

    @property
    def can_skip_years(self) -> bool:
        return abs(self.nth) == 5

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        day = nth_weekday(year, self.month, self.weekday, self.nth)
        return None if day is None else (day, day)


class MonthPart(enum.Enum):
    """Parts of a month (a convention): alku 1.–10., puoliväli 11.–20., loppu 21.–last."""

    START = "alku"
    MIDDLE = "puoliväli"
    END = "loppu"


@attrs.frozen
class MonthPartWindow:
    """A part of a month: "lokakuun alussa" (1.–10.), "puolivälissä" (11.–20.), "lopussa"."""

    month: int = attrs.field(validator=_int_validator(1, 12, "month"))
    part: MonthPart = attrs.field(validator=attrs.validators.instance_of(MonthPart))

    @property
    def wraps(self) -> bool:
        return False

    @property
    def is_one_day(self) -> bool:
        return False

    @property
    def can_skip_years(self) -> bool:
        return False

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        if self.part is MonthPart.START:
            return _dt.date(year, self.month, 1), _dt.date(year, self.month, 10)
        if self.part is MonthPart.MIDDLE:
            return _dt.date(year, self.month, 11), _dt.date(year, self.month, 20)
        return _dt.date(year, self.month, 21), _last_day(year, self.month)


@attrs.frozen
class DeadlineWindow:
    """A deadline: "viimeistään 30.9." (one day); ``day=None`` is the month's last day.

    ``day=None`` is kept only where the last day moves (February); the rule
    builder writes other months' last days out ("viimeistään syyskuussa" is 30.9.).
    """

    month: int = attrs.field(validator=_int_validator(1, 12, "month"))
    day: int | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.day is not None:
            if not isinstance(self.day, int) or isinstance(self.day, bool):
                raise TypeError(f"day must be an int or None, got {self.day!r}")
            _check_day_month(self.day, self.month)

    @property
    def wraps(self) -> bool:
        return False

    @property
    def is_one_day(self) -> bool:
        return True

    @property
    def can_skip_years(self) -> bool:
        return (self.day, self.month) == (29, 2)

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        if self.day is None:
            day = _last_day(year, self.month)
        else:
            try:
                day = _dt.date(year, self.month, self.day)
            except ValueError:
                return None
        return day, day


# ---------------------------------------------------------------------------
# Windows that need the school calendar
# ---------------------------------------------------------------------------


class BreakRelation(enum.Enum):
    """Where a :class:`BreakWindow` lies relative to its break."""

    DURING = "during"  # syyslomalla: the break itself
    BEFORE = "before"  # ennen syyslomaa: Monday–Friday of the week before
    AFTER = "after"  # syysloman jälkeen: the first school week after


_BREAK_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzåäö")


def break_name_problem(name: object) -> str | None:
    """Why ``name`` cannot name a break in a rule (None when it can).

    A rule names a break by a one-word Finnish name that ends in "loma"
    ("syysloma", "hiihtoloma"), so that the phrases "syyslomalla", "ennen
    syyslomaa" and "syysloman jälkeen" can say it.
    """
    if not isinstance(name, str):
        return f"a break name must be a str, got {name!r}"
    if not (len(name) > 4 and name.endswith("loma") and set(name) <= _BREAK_NAME_CHARS):
        return f"a break is named by one lower-case word ending in 'loma' (syysloma), got {name!r}"
    return None


def _check_break_name(_inst: object, _attribute: attrs.Attribute[str], value: object) -> None:
    problem = break_name_problem(value)
    if problem is not None:
        raise ValueError(problem)


@attrs.frozen
class BreakWindow:
    """A break of the school calendar by its name: "syyslomalla", "ennen syyslomaa".

    ``name`` is matched against the breaks' ids and names (case-insensitively)
    by the :class:`SchoolContext` that evaluates the rule.  The window-year is
    the break's own: "ennen syyslomaa" of 2026 is the week before the 2026
    autumn break.
    """

    name: str = attrs.field(validator=_check_break_name)
    relation: BreakRelation = attrs.field(
        default=BreakRelation.DURING, validator=attrs.validators.instance_of(BreakRelation)
    )

    @property
    def wraps(self) -> bool:
        return False

    @property
    def can_skip_years(self) -> bool:
        return True  # a year may have no such break


class TermPart(enum.Enum):
    """The two terms of a school year."""

    AUTUMN = "autumn"  # syyslukukausi
    SPRING = "spring"  # kevätlukukausi


class TermAnchor(enum.Enum):
    """Which part of a term a :class:`TermWindow` is."""

    FIRST_DAY = "first-day"  # ensimmäisenä koulupäivänä
    LAST_DAY = "last-day"  # viimeisenä koulupäivänä
    FIRST_WEEK = "first-week"  # alussa: the first school day to the Friday of its week
    LAST_WEEK = "last-week"  # lopussa: the Monday of the last school day's week to that day


@attrs.frozen
class TermWindow:
    """A term anchor: "lukuvuoden ensimmäisenä koulupäivänä", "kevätlukukauden lopussa".

    The window-year is the school year's first year: the spring term of 2026
    is the one of the school year 2026–2027.  A school year without stated
    terms has no occurrence.
    """

    term: TermPart = attrs.field(validator=attrs.validators.instance_of(TermPart))
    anchor: TermAnchor = attrs.field(validator=attrs.validators.instance_of(TermAnchor))

    @property
    def wraps(self) -> bool:
        return self.term is TermPart.SPRING

    @property
    def is_one_day(self) -> bool:
        return self.anchor in (TermAnchor.FIRST_DAY, TermAnchor.LAST_DAY)

    @property
    def can_skip_years(self) -> bool:
        return True  # a school year may have no stated terms


class Direction(enum.Enum):
    """Before or after a day: the school day that a :class:`SchoolDayWindow` finds."""

    BEFORE = "before"
    AFTER = "after"


@attrs.frozen
class SchoolDayWindow:
    """The school day before or after a date: "6.12. edeltävänä koulupäivänä".

    "ensimmäisenä koulupäivänä 1.9. jälkeen" is the first school day after
    1.9. (1.9. itself not included); the window-year is the date's year.
    """

    day: int = attrs.field(validator=_int_validator(1, 31, "day"))
    month: int = attrs.field(validator=_int_validator(1, 12, "month"))
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))

    def __attrs_post_init__(self) -> None:
        _check_day_month(self.day, self.month)

    @property
    def wraps(self) -> bool:
        return False

    @property
    def is_one_day(self) -> bool:
        return True

    @property
    def can_skip_years(self) -> bool:
        return True

    def date(self, year: int) -> _dt.date | None:
        """The date itself in ``year`` (None for 29.2. of a common year)."""
        try:
            return _dt.date(year, self.month, self.day)
        except ValueError:
            return None


SchoolWindow: TypeAlias = BreakWindow | TermWindow | SchoolDayWindow
"""A window that only a school calendar can place (breaks, terms, school days)."""

_SCHOOL_TYPES = (BreakWindow, TermWindow, SchoolDayWindow)


class SchoolDays(enum.Enum):
    """What a rule does with an occurrence that falls on a day that is not a school day."""

    SKIP = "skip"  # ei lomilla: left out
    PREVIOUS = "previous"  # siirtyy edelliseen koulupäivään
    NEXT = "next"  # siirtyy seuraavaan koulupäivään


class SchoolCalendarRequired(BilingualError, ValueError):
    """A rule needs a school calendar (breaks, terms, school days, meetings) and got none."""


def _required(what_fi: str, what_en: str) -> SchoolCalendarRequired:
    return SchoolCalendarRequired(
        f"ajoitus tarvitsee koulukalenterin ({what_fi})",
        f"the timing needs a school calendar ({what_en})",
    )


class SchoolContext(Protocol):
    """What a rule asks of a school calendar (:class:`opiskeluhuolto.school.SchoolCalendar`).

    The core evaluates rules against this protocol and stays free of the
    calendar's data: terms, breaks, public holidays and meetings.
    """

    def is_school_day(self, day: _dt.date) -> bool:
        """Whether ``day`` is a school day."""
        ...

    def window_spans(
        self, window: SchoolWindow, year: int
    ) -> tuple[tuple[_dt.date, _dt.date], ...]:
        """The spans of a school-calendar window in window-year ``year``."""
        ...

    def shift(self, day: _dt.date, direction: Direction) -> _dt.date | None:
        """The nearest school day strictly before or after ``day`` (None when none is near)."""
        ...

    def next_meeting(self, after: _dt.date) -> _dt.date | None:
        """The owning group's first meeting strictly after ``after``."""
        ...


SingleWindow: TypeAlias = (
    WeekWindow
    | MonthWindow
    | DateWindow
    | SeasonWindow
    | WeekdayWindow
    | NthWeekdayWindow
    | MonthPartWindow
    | DeadlineWindow
)
"""A window that gives at most one span a year."""

_SINGLE_TYPES = (
    WeekWindow,
    MonthWindow,
    DateWindow,
    SeasonWindow,
    WeekdayWindow,
    NthWeekdayWindow,
    MonthPartWindow,
    DeadlineWindow,
)


def _merge(spans: list[tuple[_dt.date, _dt.date]]) -> tuple[tuple[_dt.date, _dt.date], ...]:
    """Sorted spans with touching or overlapping ones merged."""
    spans.sort()
    merged: list[tuple[_dt.date, _dt.date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + _ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _windows(value: Iterable[SingleWindow]) -> tuple[SingleWindow, ...]:
    windows = tuple(value)
    if len(windows) < 2:
        raise ValueError("a list of windows needs at least two windows")
    for window in windows:
        if not isinstance(window, _SINGLE_TYPES):
            raise TypeError(f"a list holds single windows, got {window!r}")
    if len({type(w) for w in windows}) != 1:
        raise ValueError("a list of windows holds windows of one kind")
    return windows


@attrs.frozen
class WindowList:
    """Windows of one kind in the same year: "viikoilla 2–3 ja 33–34", "11.2. ja 11.9.".

    Windows that touch or overlap in a year merge into one span; separate ones
    are separate occurrences of the item in that year.
    """

    windows: tuple[SingleWindow, ...] = attrs.field(converter=_windows)

    @property
    def wraps(self) -> bool:
        return any(w.wraps for w in self.windows)

    @property
    def is_one_day(self) -> bool:
        return all(_is_one_day(w) for w in self.windows)

    @property
    def can_skip_years(self) -> bool:
        return any(w.can_skip_years for w in self.windows)

    def spans(self, year: int) -> tuple[tuple[_dt.date, _dt.date], ...]:
        found = [span for w in self.windows if (span := w.span(year)) is not None]
        return _merge(found)

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        """The first span of window-year ``year``."""
        spans = self.spans(year)
        return spans[0] if spans else None


Window: TypeAlias = SingleWindow | WindowList | SchoolWindow
"""Where in a year an item happens."""

_WINDOW_TYPES = (*_SINGLE_TYPES, WindowList, *_SCHOOL_TYPES)


def _is_one_day(window: Window) -> bool:
    """Whether every span of the window is a single day."""
    if isinstance(window, DateWindow):
        return window.is_single
    if isinstance(
        window,
        WeekdayWindow | NthWeekdayWindow | DeadlineWindow | WindowList | TermWindow,
    ):
        return window.is_one_day
    return isinstance(window, SchoolDayWindow)


def window_spans(
    window: Window, year: int, school: SchoolContext | None = None
) -> tuple[tuple[_dt.date, _dt.date], ...]:
    """Every span of ``window`` in window-year ``year`` (most windows give at most one).

    A school-calendar window (:data:`SchoolWindow`) needs ``school``.
    """
    if isinstance(window, WindowList):
        return window.spans(year)
    if isinstance(window, _SCHOOL_TYPES):
        if school is None:
            raise _required("loma, lukukausi tai koulupäivä", "a break, term or school day")
        if not MIN_YEAR <= year <= MAX_YEAR:
            return ()
        return school.window_spans(window, year)
    span = window.span(year)
    return () if span is None else (span,)


# ---------------------------------------------------------------------------
# Cadences within a year and times of day
# ---------------------------------------------------------------------------


class Frequency(enum.Enum):
    """How often within a window: every month or every ISO week."""

    MONTHLY = "monthly"
    WEEKLY = "weekly"


#: The largest interval of a cadence ("joka 12. kuukausi", "joka 52. viikko").
MAX_CADENCE_INTERVAL: dict[Frequency, int] = {Frequency.MONTHLY: 12, Frequency.WEEKLY: 52}


class WeekParity(enum.Enum):
    """Even or odd ISO week numbers ("parillisilla viikoilla")."""

    EVEN = "even"
    ODD = "odd"


def _optional_weekday(value: object) -> Weekday | None:
    return None if value is None else _weekday(value)


@attrs.frozen
class Repeat:
    """A cadence within the year: monthly or weekly, optionally on a weekday.

    * monthly: one occurrence per calendar month (the month, clipped to the
      window); with ``weekday`` and ``nth`` the ``nth`` weekday of each month
      ("joka kuukauden toisena tiistaina");
    * weekly: one occurrence per ISO week (Monday–Sunday, clipped to the
      window); with ``weekday`` that day ("maanantaisin"), with ``until`` a
      weekday span ("ma–pe"); ``parity`` keeps even or odd ISO weeks.

    ``interval`` counts from the window's first month or week (that one
    included): "joka toinen kuukausi elo–toukokuussa" is Aug, Oct, Dec, Feb, Apr.
    The invariants live in :func:`rule_problems`.
    """

    frequency: Frequency = attrs.field(validator=attrs.validators.instance_of(Frequency))
    # The upper bound depends on the frequency: it is in repeat_problems.
    interval: int = attrs.field(
        default=1, validator=_int_validator(1, MAX_CADENCE_INTERVAL[Frequency.WEEKLY], "interval")
    )
    weekday: Weekday | None = attrs.field(default=None, converter=_optional_weekday)
    nth: int | None = attrs.field(default=None, validator=attrs.validators.optional(_nth_validator))
    until: Weekday | None = attrs.field(default=None, converter=_optional_weekday)
    parity: WeekParity | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(WeekParity))
    )

    def __attrs_post_init__(self) -> None:
        _raise_first(
            repeat_problems(
                self.frequency, self.interval, self.weekday, self.nth, self.until, self.parity
            )
        )

    @property
    def is_one_day(self) -> bool:
        return self.weekday is not None and self.until is None

    def split(
        self,
        start: _dt.date,
        end: _dt.date,
        within: tuple[_dt.date, _dt.date] | None = None,
    ) -> Iterator[tuple[_dt.date, _dt.date, str]]:
        """The cadence's spans within the window span ``[start, end]``, each with its period key.

        With ``within`` only the spans that intersect it are made; the spans
        themselves, their keys and the interval's count (from the window's
        first month or week) are the same as without.
        """
        lo, hi = start, end
        if within is not None:
            lo, hi = max(start, within[0]), min(end, within[1])
            if lo > hi:
                return
        if self.frequency is Frequency.MONTHLY:
            yield from self._months(start, end, lo, hi)
        else:
            yield from self._weeks(start, end, lo, hi)

    def _months(
        self, start: _dt.date, end: _dt.date, lo: _dt.date, hi: _dt.date
    ) -> Iterator[tuple[_dt.date, _dt.date, str]]:
        interval = self.interval
        # Months counted from the window's first month; begin at the first kept
        # month that can reach ``lo``.
        first = start.year * 12 + start.month - 1
        index = lo.year * 12 + lo.month - 1 - first
        index += -index % interval
        last = hi.year * 12 + hi.month - 1
        weekday, nth = self.weekday, self.nth or 1
        for count in range(first + index, last + 1, interval):
            year, month0 = divmod(count, 12)
            month = month0 + 1
            key = f"{year:04d}-{_TWO_DIGITS[month]}"
            if weekday is not None:
                day = nth_weekday(year, month, weekday, nth)
                if day is not None and lo <= day <= hi:
                    yield day, day, key
            else:
                month_start = _dt.date(year, month, 1)
                month_end = _last_day(year, month)
                yield (
                    start if start > month_start else month_start,
                    end if end < month_end else month_end,
                    key,
                )

    def _weeks(
        self, start: _dt.date, end: _dt.date, lo: _dt.date, hi: _dt.date
    ) -> Iterator[tuple[_dt.date, _dt.date, str]]:
        # Day ordinals and an ISO year/week counted along, not a date and an
        # isocalendar() per week: this loop is the cost of a weekly cadence.
        start_ord, end_ord = start.toordinal(), end.toordinal()
        first_monday = start_ord - start.weekday()
        monday = lo.toordinal() - lo.weekday()
        index = (monday - first_monday) // 7
        interval = self.interval
        if self.parity is None and interval > 1:
            skip = -index % interval
            index += skip
            monday += 7 * skip
        lo_ord = lo.toordinal()
        last_monday = hi_ord = hi.toordinal()
        iso_year, iso_week, _ = _dt.date.fromordinal(monday).isocalendar()
        weeks = iso_weeks_in_year(iso_year)
        prefix = f"{iso_year:04d}-W"
        first_offset = 0 if self.weekday is None else int(self.weekday)
        last_offset = 6 if self.weekday is None else int(self.until or self.weekday)
        parity = self.parity
        keep_even = parity is WeekParity.EVEN
        step = 7 if parity is not None else 7 * interval
        step_weeks = 1 if parity is not None else interval
        fromordinal = _dt.date.fromordinal
        while monday <= last_monday:
            if parity is None or (iso_week % 2 == 0) == keep_even:
                first = monday + first_offset
                if first < start_ord:
                    first = start_ord
                last = monday + last_offset
                if last > end_ord:
                    last = end_ord
                if first <= last and first <= hi_ord and lo_ord <= last:
                    yield fromordinal(first), fromordinal(last), prefix + _TWO_DIGITS[iso_week]
            monday += step
            iso_week += step_weeks
            while iso_week > weeks:
                iso_week -= weeks
                iso_year += 1
                weeks = iso_weeks_in_year(iso_year) if iso_year <= MAX_YEAR else 52
                prefix = f"{iso_year:04d}-W"


_TWO_DIGITS = tuple(f"{n:02d}" for n in range(54))


def repeat_problems(
    frequency: Frequency,
    interval: int,
    weekday: Weekday | None,
    nth: int | None,
    until: Weekday | None,
    parity: WeekParity | None,
) -> list[RuleProblem]:
    """The broken invariants of a cadence within the year (empty when it is sound)."""
    problems: list[RuleProblem] = []
    weekly = frequency is Frequency.WEEKLY
    cap = MAX_CADENCE_INTERVAL[frequency]
    if interval > cap:
        problems.append(
            RuleProblem(
                "repeat",
                f"{'viikko' if weekly else 'kuukausi'}väli on enintään {cap}",
                f"a {'week' if weekly else 'month'} interval is 1–{cap}",
                f"ett {'vecko' if weekly else 'månads'}intervall är 1–{cap}",
            )
        )
    if nth is not None and (weekly or weekday is None):
        problems.append(
            RuleProblem(
                "repeat",
                "järjestysluku (toisena tiistaina) käy vain kuukausittaiseen viikonpäivään",
                "an ordinal (second Tuesday) goes only with a monthly weekday",
                "ett ordningstal (andra tisdagen) går bara med en veckodag varje månad",
            )
        )
    if not weekly and weekday is not None and nth is None:
        problems.append(
            RuleProblem(
                "repeat",
                "kuukausittaiselle viikonpäivälle tarvitaan järjestys (esim. toisena tiistaina)",
                "a monthly weekday needs an ordinal (e.g. the second Tuesday)",
                "en veckodag varje månad behöver ett ordningstal (t.ex. andra tisdagen)",
            )
        )
    if until is not None and (not weekly or weekday is None or until <= weekday):
        problems.append(
            RuleProblem(
                "repeat",
                "viikonpäiväväli (ma–pe) käy vain viikoittain ja etenevänä",
                "a weekday span (Mon–Fri) goes only with a weekly cadence and runs forwards",
                "en period av veckodagar (må–fr) går bara med varje vecka och framåt",
            )
        )
    if parity is not None and (not weekly or interval != 1):
        problems.append(
            RuleProblem(
                "repeat",
                "parilliset/parittomat viikot eivät käy yhdessä välin kanssa (joka toinen)",
                "even/odd weeks cannot be combined with an interval (every other)",
                "jämna/udda veckor går inte ihop med ett intervall (varannan)",
            )
        )
    return problems


def _time(value: object) -> _dt.time:
    if not isinstance(value, _dt.time) or value.tzinfo is not None:
        raise TypeError(f"a time of day must be a naive datetime.time, got {value!r}")
    return value


@attrs.frozen(order=True)
class TimeOfDay:
    """A time of day "klo 14–15.30" in the organisation's time zone; no end = one hour."""

    start: _dt.time = attrs.field(converter=_time)
    end: _dt.time = attrs.field(
        default=attrs.Factory(
            lambda self: (
                _dt.datetime.combine(_dt.date(2000, 1, 1), self.start) + _dt.timedelta(hours=1)
            ).time(),
            takes_self=True,
        ),
        converter=_time,
    )

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"time {self.start:%H.%M}–{self.end:%H.%M} ends before it starts")


# ---------------------------------------------------------------------------
# Year patterns
# ---------------------------------------------------------------------------


class Phase(enum.Enum):
    """How the phase of an every-N-years pattern was stated.

    ``EVEN``/``ODD`` are "parillisina/parittomina vuosina" (N = 2);
    ``NEXT``/``LAST`` are "seuraava 2026" and "viimeksi 2025".  All four fix
    the same thing, the anchor year; the style is kept so the rule can be
    described back the way it was written.
    """

    EVEN = "even"
    ODD = "odd"
    NEXT = "next"
    LAST = "last"


def _optional_year(
    _inst: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be an int or None, got {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"{attribute.name} must be a year {MIN_YEAR}–{MAX_YEAR}, got {value}")


@attrs.frozen
class RuleProblem:
    """One broken rule invariant: which ``part`` of the rule, in Finnish, English and Swedish.

    The invariants of a rule live in :func:`year_pattern_problems` and
    :func:`rule_problems`; the values' own validation raises the first problem
    as a :class:`ValueError`, and the rule builder (:mod:`opiskeluhuolto.builder`)
    reports each at the place in the phrase or table that stated the part.
    Parts: ``window``, ``repeat``, ``interval``, ``phase``, ``anchor``,
    ``validity``, ``school_year``, ``follow_up``, ``cadence``, ``time``,
    ``school_days``.
    """

    part: str
    fi: str
    en: str
    sv: str


def _raise_first(problems: list[RuleProblem]) -> None:
    if problems:
        raise ValueError(problems[0].en)


def year_pattern_problems(
    interval: int,
    phase: Phase | None,
    anchor: int | None,
    valid_from: int | None,
    valid_to: int | None,
) -> list[RuleProblem]:
    """The broken invariants of a year pattern (empty when it is sound)."""
    problems: list[RuleProblem] = []
    if phase in (Phase.EVEN, Phase.ODD):
        if interval != 2:
            problems.append(
                RuleProblem(
                    "phase",
                    f"parillinen/pariton vuosi tarkoittaa joka toista vuotta, ei joka "
                    f"{interval}. vuotta",
                    f"even/odd years mean every other year, not every {interval} years",
                    f"jämna/udda år betyder vartannat år, inte vart {interval}:e år",
                )
            )
        if anchor is not None:
            problems.append(
                RuleProblem(
                    "anchor",
                    "parillisille/parittomille vuosille ei anneta vuotta",
                    "even/odd years take no anchor year",
                    "jämna/udda år får inget årtal",
                )
            )
    elif phase in (Phase.NEXT, Phase.LAST):
        if anchor is None:
            problems.append(
                RuleProblem(
                    "anchor",
                    "seuraava/viimeksi tarvitsee vuoden",
                    "needs an anchor year",
                    "nästa/senast behöver ett årtal",
                )
            )
        elif interval < 2:
            problems.append(
                RuleProblem(
                    "anchor",
                    "seuraava/viimeksi tarvitsee välin, esim. joka toinen vuosi",
                    "next/last needs an interval, e.g. every other year",
                    "nästa/senast behöver ett intervall, t.ex. vartannat år",
                )
            )
    elif anchor is not None:
        problems.append(
            RuleProblem(
                "anchor",
                "vuosi tarvitsee välin ja sanan seuraava tai viimeksi",
                "an anchor year needs a phase (next or last)",
                "ett årtal behöver nästa gång eller senast",
            )
        )
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        problems.append(
            RuleProblem(
                "validity",
                f"voimassaolo {valid_from}–{valid_to} päättyy ennen kuin alkaa",
                f"validity {valid_from}–{valid_to} ends before it starts",
                f"giltighetstiden {valid_from}–{valid_to} slutar innan den börjar",
            )
        )
    return problems


@attrs.frozen
class YearPattern:
    """Which years a window occurs in.

    ``YearPattern()`` is every year.  ``YearPattern(2, Phase.EVEN)`` is even
    years, ``YearPattern(2, Phase.NEXT, 2026)`` every other year with 2026 one
    of them.  Year ``Y`` qualifies iff ``(Y - anchor) % interval == 0``; the
    anchor fixes the phase only, it is not a lower bound.  ``valid_from`` and
    ``valid_to`` (inclusive) bound the years.

    An every-N-years pattern without a phase (``interval > 1`` and ``phase is
    None``) is legal – the seed says "joka toinen vuosi" without saying which –
    but it cannot be scheduled: :attr:`is_determined` is false and rules using
    it have no occurrences.
    """

    interval: int = attrs.field(default=1, validator=_int_validator(1, 99, "year interval"))
    phase: Phase | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Phase))
    )
    anchor: int | None = attrs.field(default=None, validator=_optional_year)
    valid_from: int | None = attrs.field(default=None, validator=_optional_year)
    valid_to: int | None = attrs.field(default=None, validator=_optional_year)

    def __attrs_post_init__(self) -> None:
        _raise_first(
            year_pattern_problems(
                self.interval, self.phase, self.anchor, self.valid_from, self.valid_to
            )
        )

    @classmethod
    def even(cls) -> YearPattern:
        return cls(2, Phase.EVEN)

    @classmethod
    def odd(cls) -> YearPattern:
        return cls(2, Phase.ODD)

    @classmethod
    def every(
        cls, interval: int, *, next: int | None = None, last: int | None = None
    ) -> YearPattern:
        """Every ``interval`` years, with ``next=`` or ``last=`` fixing the phase."""
        if next is not None and last is not None:
            raise ValueError("give next= or last=, not both")
        if next is not None:
            return cls(interval, Phase.NEXT, next)
        if last is not None:
            return cls(interval, Phase.LAST, last)
        return cls(interval)

    @property
    def phase_year(self) -> int | None:
        """A year that qualifies (ignoring validity), or None when undetermined."""
        if self.interval == 1:
            return 0
        if self.phase is Phase.EVEN:
            return 0
        if self.phase is Phase.ODD:
            return 1
        return self.anchor

    @property
    def is_determined(self) -> bool:
        return self.phase_year is not None

    def includes(self, year: int) -> bool:
        """Whether ``year`` qualifies (phase and validity)."""
        if self.valid_from is not None and year < self.valid_from:
            return False
        if self.valid_to is not None and year > self.valid_to:
            return False
        phase_year = self.phase_year
        if phase_year is None:
            return False
        return (year - phase_year) % self.interval == 0

    def years(self, first: int, last: int) -> Iterator[int]:
        """The qualifying years in ``[first, last]``, computed without scanning from the anchor."""
        phase_year = self.phase_year
        if phase_year is None:
            return
        lo = max(first, self.valid_from if self.valid_from is not None else first)
        hi = min(last, self.valid_to if self.valid_to is not None else last)
        if lo > hi:
            return
        offset = (phase_year - lo) % self.interval
        yield from range(lo + offset, hi + 1, self.interval)


# ---------------------------------------------------------------------------
# Follow-ups and cadences
# ---------------------------------------------------------------------------


@attrs.frozen
class NextMeeting:
    """The follow-up target "seuraavassa kokouksessa": the owning group's next meeting."""

    @property
    def wraps(self) -> bool:
        return False

    @property
    def can_skip_years(self) -> bool:
        return False


FollowUpTarget: TypeAlias = MonthWindow | SeasonWindow | WeekWindow | DateWindow | NextMeeting
"""What a follow-up can aim at: a month (range), a season, an ISO week (range), a date,
or the owning group's next meeting."""

_FOLLOW_UP_TYPES = (MonthWindow, SeasonWindow, WeekWindow, DateWindow, NextMeeting)


def _check_target(
    _inst: object, _attribute: attrs.Attribute[FollowUpTarget], value: object
) -> None:
    if not isinstance(value, _FOLLOW_UP_TYPES):
        raise TypeError(
            f"a follow-up targets a month, season, week, date or the next meeting, got {value!r}"
        )
    if isinstance(value, DateWindow) and not value.is_single:
        raise ValueError("a follow-up date is one day (tulokset 15.1.)")


@attrs.frozen
class FollowUp:
    """A follow-up such as "tulokset aikaisintaan marraskuussa".

    Its occurrence is the first occurrence of ``target`` (a month window, a
    season, ISO weeks or a date) whose end is after the parent's end, clipped
    to start no earlier than the day after the parent ends; for
    :class:`NextMeeting` it is the day of the owning group's first meeting
    after the parent ends.  ``earliest`` records "aikaisintaan" (at the
    earliest); it does not change the dates.
    """

    target: FollowUpTarget = attrs.field(validator=_check_target)
    earliest: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def after(
        self, parent_end: _dt.date, school: SchoolContext | None = None
    ) -> tuple[_dt.date, _dt.date] | None:
        """The follow-up span for a parent occurrence that ends on ``parent_end``.

        The next meeting needs ``school`` (the owning group's calendar).
        """
        target = self.target
        if isinstance(target, NextMeeting):
            if school is None:
                raise _required("seuraava kokous", "the next meeting")
            meeting = school.next_meeting(parent_end)
            return None if meeting is None else (meeting, meeting)
        # The target's window-year Y spans start in Y (or 29.12. of Y-1 for
        # weeks); the first one ending after parent_end is in year
        # parent_end.year - 1 (a wrapping target), parent_end.year or
        # parent_end.year + 1 – or, for week 53 and 29.2., up to 8 years on.
        reach = 9 if target.can_skip_years else 2
        for year in range(parent_end.year - 1, min(parent_end.year + reach, MAX_YEAR + 1)):
            span = target.span(year)
            if span is not None and span[1] > parent_end:
                first_free = parent_end + _ONE_DAY
                return max(span[0], first_free), span[1]
        return None


class Cadence(enum.Enum):
    """Undated cadences: agenda items, not calendar dates."""

    EVERY_MEETING = "every-meeting"
    AS_NEEDED = "as-needed"


# ---------------------------------------------------------------------------
# Occurrences and rules
# ---------------------------------------------------------------------------


@attrs.frozen(order=False)
class Occurrence:
    """A span ``[start, end]`` of days (both inclusive), all-day or at a time of day.

    A follow-up (survey results, say) carries its ``parent`` occurrence.
    ``year`` is the window-year the occurrence belongs to (the ISO year for
    weeks), ``period`` names it within the rule: ``"2026"``, ``"2026.2"``
    (the second window of a list), ``"2026:2026-09"`` (a monthly cadence),
    ``"2026:2026-W37"`` (weekly).  A timed occurrence has ``time``; its
    aware datetimes come from :meth:`start_at` and :meth:`end_at`.
    """

    start: _dt.date
    end: _dt.date
    parent: Occurrence | None = None
    time: TimeOfDay | None = None
    # Where the occurrence comes from, not what it is: left out of equality.
    year: int | None = attrs.field(default=None, eq=False)
    period: str | None = attrs.field(default=None, eq=False)
    #: The day a shifted occurrence fell on before "siirtyy … koulupäivään" moved it.
    moved_from: _dt.date | None = attrs.field(default=None, eq=False)

    @property
    def follow_up(self) -> bool:
        return self.parent is not None

    @property
    def is_timed(self) -> bool:
        return self.time is not None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def start_at(self, tz: _dt.tzinfo) -> _dt.datetime | None:
        """The aware start of a timed occurrence in ``tz`` (None when all-day)."""
        if self.time is None:
            return None
        return _dt.datetime.combine(self.start, self.time.start, tzinfo=tz)

    def end_at(self, tz: _dt.tzinfo) -> _dt.datetime | None:
        """The aware end of a timed occurrence in ``tz`` (None when all-day)."""
        if self.time is None:
            return None
        return _dt.datetime.combine(self.end, self.time.end, tzinfo=tz)

    def intersects(self, start: _dt.date, end: _dt.date) -> bool:
        return self.start <= end and start <= self.end

    def sort_key(self) -> tuple[_dt.date, _dt.date, bool, _dt.time]:
        return self.start, self.end, self.follow_up, self.time.start if self.time else _MIDNIGHT


_MIDNIGHT = _dt.time(0, 0)


def _check_window(_inst: object, _attribute: attrs.Attribute[Window | None], value: object) -> None:
    if value is not None and not isinstance(value, _WINDOW_TYPES):
        raise TypeError(
            f"window must be one of {[t.__name__ for t in _WINDOW_TYPES]}, got {value!r}"
        )


CADENCE_CONFLICT = RuleProblem(
    "cadence",
    "jaksottomaan ajoitukseen (jokaisessa kokouksessa, tarpeen mukaan) "
    "ei voi liittää ajankohtaa, vuosisääntöä eikä tuloksia",
    "an undated cadence (at every meeting, as needed) takes no window, year pattern or follow-up",
    "en takt utan datum (vid varje möte, vid behov) kan inte ha en period, en årsregel "
    "eller resultat",
)


def _gives_one_days(window: Window | None, repeat: Repeat | None) -> bool:
    """Whether every occurrence of a window and cadence is a single day."""
    if repeat is not None:
        return repeat.is_one_day
    return window is not None and _is_one_day(window)


def rule_problems(
    window: Window | None,
    years: YearPattern,
    follow_up: FollowUp | None,
    cadence: Cadence | None,
    repeat: Repeat | None,
    time: TimeOfDay | None,
    school_year: int | None,
    school_days: SchoolDays | None = None,
) -> list[RuleProblem]:
    """The broken invariants of a rule's parts (empty when they fit together).

    This is the one place that says which parts combine: the values check
    themselves with it, and the rule builder reports its problems at the
    words or keys that stated each part.
    """
    problems: list[RuleProblem] = []
    if cadence is not None:
        if (  # the message is CADENCE_CONFLICT
            window is not None
            or follow_up is not None
            or years != YearPattern()
            or repeat is not None
            or time is not None
            or school_year is not None
            or school_days is not None
        ):
            problems.append(CADENCE_CONFLICT)
        return problems
    if repeat is not None and isinstance(window, _SCHOOL_TYPES):
        problems.append(
            RuleProblem(
                "repeat",
                "kuukausittaista tai viikoittaista toistoa ei voi rajata lomaan, lukukauteen "
                "eikä koulupäivään",
                "a monthly or weekly cadence cannot be bounded by a break, a term or a school day",
                "en upprepning (varje månad, varje vecka) kan inte begränsas till ett lov, en "
                "termin eller en skoldag",
            )
        )
    if school_days is not None and window is None and repeat is None:
        problems.append(
            RuleProblem(
                "school_days",
                "lomapäivien käsittely (ei lomilla, siirtyy) tarvitsee ajankohdan",
                "what happens on days off (not in breaks, moves) needs a window",
                "vad som händer på lovdagar (inte under lov, flyttas) behöver en period",
            )
        )
    elif school_days in (SchoolDays.PREVIOUS, SchoolDays.NEXT) and not _gives_one_days(
        window, repeat
    ):
        problems.append(
            RuleProblem(
                "school_days",
                "vain yhden päivän ajankohta voi siirtyä koulupäivään (esim. 6.12., "
                "siirtyy edelliseen koulupäivään)",
                "only a one-day timing can move to a school day (e.g. 6.12., moves to "
                "the previous school day)",
                "bara en tidpunkt på en dag kan flyttas till en skoldag (t.ex. 6.12., flyttas "
                "till föregående skoldag)",
            )
        )
    if repeat is not None and window is not None and _is_one_day(window):
        problems.append(
            RuleProblem(
                "repeat",
                "toistuvaa ajoitusta (kuukausittain, viikoittain) ei voi rajata yhteen päivään",
                "a monthly or weekly cadence cannot be bounded by a single day",
                "en upprepning (varje månad, varje vecka) kan inte begränsas till en enda dag",
            )
        )
    bounds = window.windows if isinstance(window, WindowList) else (window,)
    if repeat is not None and any(
        isinstance(w, DeadlineWindow | WeekdayWindow | NthWeekdayWindow) for w in bounds
    ):
        problems.append(
            RuleProblem(
                "repeat",
                "kuukausittaista tai viikoittaista toistoa ei voi rajata viikonpäivään "
                "eikä määräaikaan; rajaa se viikoilla, kuukausilla tai päivämäärillä",
                "a monthly or weekly cadence cannot be bounded by weekdays or a deadline; "
                "bound it by weeks, months or dates",
                "en upprepning (varje månad, varje vecka) kan inte begränsas till veckodagar "
                "eller en sista dag; begränsa den med veckor, månader eller datum",
            )
        )
    if time is not None and not _gives_one_days(window, repeat):
        problems.append(
            RuleProblem(
                "time",
                "kellonaika käy vain yhden päivän ajankohtaan (esim. 10.9. klo 17.30–19 "
                "tai maanantaisin klo 14)",
                "a time of day goes only with a one-day window (e.g. 10.9. at 17.30–19 "
                "or Mondays at 14)",
                "ett klockslag går bara med en period på en dag (t.ex. 10.9. kl. 17.30–19 eller "
                "på måndagar kl. 14)",
            )
        )
    if school_year is not None:
        if not isinstance(school_year, int) or isinstance(school_year, bool):
            raise TypeError(f"school_year must be an int, got {school_year!r}")
        if not MIN_YEAR <= school_year <= MAX_YEAR - 1:
            problems.append(
                RuleProblem(
                    "school_year",
                    f"lukuvuosi {school_year} on mahdoton",
                    f"impossible school year {school_year}",
                    f"omöjligt läsår {school_year}",
                )
            )
    return problems


@attrs.frozen
class Rule:
    """A complete timing: a window, a year pattern, an optional follow-up.

    * ``repeat`` makes it a cadence within the year (monthly, weekly), bounded
      by ``window`` when one is given;
    * ``time`` makes one-day occurrences timed ("klo 14–15.30");
    * ``school_year`` keeps only occurrences that start in that school year
      ("lukuvuonna 2026–2027");
    * ``school_days`` leaves out ("ei lomilla") or moves ("siirtyy edelliseen
      koulupäivään") occurrences that fall on days that are not school days.

    Rules placed by the school calendar (breaks, terms, school days, the next
    meeting) or with ``school_days`` are evaluated against a
    :class:`SchoolContext`; without one they raise :class:`SchoolCalendarRequired`.

    Undated rules carry a :class:`Cadence` instead of a window and have no
    occurrences.  A rule with neither a window, a repeat nor a cadence (the
    seed's bare "joka toinen vuosi") is legal but has no occurrences either;
    :attr:`is_scheduled` tells the two apart.  Which parts combine is said
    once, by :func:`rule_problems`.
    """

    window: Window | None = attrs.field(default=None, validator=_check_window)
    years: YearPattern = attrs.field(
        factory=YearPattern, validator=attrs.validators.instance_of(YearPattern)
    )
    follow_up: FollowUp | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(FollowUp))
    )
    cadence: Cadence | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Cadence))
    )
    repeat: Repeat | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Repeat))
    )
    time: TimeOfDay | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(TimeOfDay))
    )
    school_year: int | None = None
    school_days: SchoolDays | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(SchoolDays))
    )

    def __attrs_post_init__(self) -> None:
        _raise_first(
            rule_problems(
                self.window,
                self.years,
                self.follow_up,
                self.cadence,
                self.repeat,
                self.time,
                self.school_year,
                self.school_days,
            )
        )

    @property
    def is_one_day(self) -> bool:
        """Whether every occurrence is a single day (a date, a weekday, "maanantaisin")."""
        return _gives_one_days(self.window, self.repeat)

    @property
    def needs_school_calendar(self) -> bool:
        """Whether evaluating the rule needs a :class:`SchoolContext`."""
        return (
            isinstance(self.window, _SCHOOL_TYPES)
            or self.school_days is not None
            or self.needs_meetings
        )

    @property
    def needs_terms(self) -> bool:
        """Whether the rule is placed by the terms ("lukuvuoden ensimmäisenä koulupäivänä")."""
        return isinstance(self.window, TermWindow)

    @property
    def needs_meetings(self) -> bool:
        """Whether the follow-up is the owning group's next meeting."""
        return self.follow_up is not None and isinstance(self.follow_up.target, NextMeeting)

    @property
    def break_name(self) -> str | None:
        """The break the rule is placed by ("syyslomalla"), if any."""
        return self.window.name if isinstance(self.window, BreakWindow) else None

    @property
    def is_undated(self) -> bool:
        return self.cadence is not None

    @property
    def is_scheduled(self) -> bool:
        """Whether the rule has dates: a window or a repeat, and a determined year pattern."""
        return (self.window is not None or self.repeat is not None) and self.years.is_determined

    @property
    def is_deadline(self) -> bool:
        """Whether the rule is a deadline ("viimeistään 30.9.")."""
        return isinstance(self.window, DeadlineWindow)

    @property
    def can_skip_years(self) -> bool:
        """True when a qualifying year may have no occurrence (week 53, 29.2., 5th weekday)."""
        return self.window is not None and self.window.can_skip_years

    def bounds(
        self, year: int, school: SchoolContext | None = None
    ) -> tuple[tuple[_dt.date, _dt.date], ...]:
        """The window spans of window-year ``year`` (ignoring the year pattern).

        A cadence without a window is bounded by the year: the calendar year for
        monthly, the ISO year for weekly cadences.
        """
        if self.window is not None:
            return window_spans(self.window, year, school)
        if self.repeat is None or not MIN_YEAR <= year <= MAX_YEAR:
            return ()
        if self.repeat.frequency is Frequency.MONTHLY:
            return ((_dt.date(year, 1, 1), _dt.date(year, 12, 31)),)
        start = _dt.date.fromisocalendar(year, 1, 1)
        if year == MAX_YEAR:
            return ((start, _dt.date.max),)
        return ((start, _dt.date.fromisocalendar(year + 1, 1, 1) - _ONE_DAY),)

    def span(
        self, year: int, school: SchoolContext | None = None
    ) -> tuple[_dt.date, _dt.date] | None:
        """The first window span of window-year ``year``, or None when that year has none."""
        if not self.years.includes(year):
            return None
        spans = self.bounds(year, school)
        return spans[0] if spans else None

    def spans(
        self, year: int, school: SchoolContext | None = None
    ) -> tuple[tuple[_dt.date, _dt.date], ...]:
        """Every window span of window-year ``year`` that the year pattern allows."""
        if not self.years.includes(year):
            return ()
        return self.bounds(year, school)

    def _year_instances(
        self,
        year: int,
        within: tuple[_dt.date, _dt.date] | None = None,
        school: SchoolContext | None = None,
    ) -> Iterator[Occurrence]:
        bounds = self.bounds(year, school)
        numbered = len(bounds) > 1 or isinstance(self.window, WindowList)
        for ordinal, (start, end) in enumerate(bounds, start=1):
            base = f"{year}.{ordinal}" if numbered else f"{year}"
            if self.repeat is None:
                yield Occurrence(start, end, None, self.time, year, base)
                continue
            for first, last, key in self.repeat.split(start, end, within):
                yield Occurrence(first, last, None, self.time, year, f"{base}:{key}")

    def _instances(
        self,
        first_year: int,
        last_year: int,
        within: tuple[_dt.date, _dt.date] | None = None,
        school: SchoolContext | None = None,
    ) -> Iterator[Occurrence]:
        first_year = max(first_year, MIN_YEAR)
        last_year = min(last_year, MAX_YEAR)
        school_year = SchoolYear(self.school_year) if self.school_year is not None else None
        policy = self.school_days
        if policy is not None and school is None:
            raise _required("koulupäivät", "the school days")
        skip_days = (
            school.is_school_day if policy is SchoolDays.SKIP and school is not None else None
        )
        for year in self.years.years(first_year, last_year):
            for occurrence in self._year_instances(year, within, school):
                if skip_days is not None and occurrence.start == occurrence.end:
                    if not skip_days(occurrence.start):  # "ei lomilla", one day: the common case
                        continue
                elif policy is not None:
                    assert school is not None
                    found = _on_school_days(occurrence, policy, school)
                    if found is None:
                        continue
                    occurrence = found
                if school_year is not None and occurrence.start not in school_year:
                    continue
                yield occurrence
                if self.follow_up is not None:
                    after = self.follow_up.after(occurrence.end, school)
                    if after is not None:
                        yield Occurrence(
                            after[0], after[1], occurrence, None, year, occurrence.period
                        )

    def occurrences(
        self, start: _dt.date, end: _dt.date, school: SchoolContext | None = None
    ) -> list[Occurrence]:
        """Every occurrence (follow-ups included) whose span intersects ``[start, end]``, sorted.

        A follow-up appears when its own span intersects the query, even if
        its parent's does not.  ``school`` is the school calendar that breaks,
        terms, school days and meetings come from (see
        :attr:`needs_school_calendar`).
        """
        if not self.is_scheduled or start > end:
            return []
        # A window of year Y starts in Y (ISO year for weeks, which can begin
        # on 29.12. of Y-1) and ends at the latest in Y+1; its follow-up ends
        # at the latest a year after that (up to 9 for a week-53 or 29.2.
        # target).  So only window-years start.year-back .. end.year+1 can
        # touch the query.
        back = 2
        # Without follow-ups a cadence need not split its windows outside the
        # query (a follow-up can reach the query from a parent that does not,
        # and a shifted day from a day that does not).
        within: tuple[_dt.date, _dt.date] | None = (start, end)
        if self.follow_up is not None:
            back = 11 if self.follow_up.target.can_skip_years else 3
            within = None
        if self.school_days in (SchoolDays.PREVIOUS, SchoolDays.NEXT):
            within = None
        found = [
            occ
            for occ in self._instances(start.year - back, end.year + 1, within, school)
            if occ.start <= end and start <= occ.end
        ]
        found.sort(key=Occurrence.sort_key)
        return found

    def instances(
        self, start: _dt.date, end: _dt.date, school: SchoolContext | None = None
    ) -> list[Occurrence]:
        """The main occurrences (no follow-ups) whose span intersects ``[start, end]``."""
        return [occ for occ in self.occurrences(start, end, school) if not occ.follow_up]


def _on_school_days(
    occurrence: Occurrence, policy: SchoolDays, school: SchoolContext
) -> Occurrence | None:
    """The occurrence as ``policy`` leaves it: kept, left out (None) or moved."""
    start, end = occurrence.start, occurrence.end
    if policy is SchoolDays.SKIP and start == end:
        return occurrence if school.is_school_day(start) else None
    if policy is SchoolDays.SKIP:
        # Kept when one of its days is a school day ("viikoittain, ei lomilla"
        # keeps the week of Independence Day but not the autumn break).
        day = start
        while day <= end:
            if school.is_school_day(day):
                return occurrence
            if day == _dt.date.max:
                break
            day += _ONE_DAY
        return None
    if school.is_school_day(start):
        return occurrence
    direction = Direction.BEFORE if policy is SchoolDays.PREVIOUS else Direction.AFTER
    moved = school.shift(start, direction)
    if moved is None:
        return None
    return attrs.evolve(occurrence, start=moved, end=moved, moved_from=start)


# ---------------------------------------------------------------------------
# School year
# ---------------------------------------------------------------------------

_SCHOOL_YEAR_START_MONTH = 8


class SchoolYearError(BilingualError, ValueError):
    """A school year that cannot be read; Finnish ``str()``, English in ``message("en")``."""


@attrs.frozen(order=True)
class SchoolYear:
    """A school year 1.8.–31.7.: ``SchoolYear(2026)`` is 1.8.2026–31.7.2027."""

    first_year: int = attrs.field(validator=_int_validator(MIN_YEAR, MAX_YEAR - 1, "year"))

    @property
    def start(self) -> _dt.date:
        return _dt.date(self.first_year, _SCHOOL_YEAR_START_MONTH, 1)

    @property
    def end(self) -> _dt.date:
        return _dt.date(self.first_year + 1, _SCHOOL_YEAR_START_MONTH, 1) - _ONE_DAY

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.first_year}–{self.first_year + 1}"

    def next(self) -> SchoolYear:
        return SchoolYear(self.first_year + 1)

    def previous(self) -> SchoolYear:
        return SchoolYear(self.first_year - 1)

    @classmethod
    def containing(cls, day: _dt.date) -> SchoolYear:
        """The school year that contains ``day``."""
        if day.month >= _SCHOOL_YEAR_START_MONTH:
            return cls(day.year)
        return cls(day.year - 1)

    @classmethod
    def parse(cls, text: str) -> SchoolYear:
        """Parse ``2026``, ``2026-2027`` or ``2026–2027`` (:class:`SchoolYearError` otherwise)."""
        cleaned = text.strip().replace("–", "-").replace("—", "-")
        parts = [part.strip() for part in cleaned.split("-")]
        if len(parts) > 2 or not all(
            part.isascii() and part.isdigit() and len(part) == 4 for part in parts
        ):
            raise SchoolYearError(
                f"lukuvuosi {text!r}: odotettiin muotoa 2026 tai 2026–2027",
                f"school year {text!r}: expected 2026 or 2026–2027",
            )
        first = int(parts[0])
        if len(parts) == 2 and int(parts[1]) != first + 1:
            raise SchoolYearError(
                f"lukuvuosi {text!r}: vuosien on oltava peräkkäiset",
                f"school year {text!r}: the years must be consecutive",
            )
        if not MIN_YEAR <= first <= MAX_YEAR - 1:
            raise SchoolYearError(
                f"lukuvuosi {text!r}: vuoden on oltava {MIN_YEAR}–{MAX_YEAR - 1}",
                f"school year {text!r}: the year must be {MIN_YEAR}–{MAX_YEAR - 1}",
            )
        return cls(first)
