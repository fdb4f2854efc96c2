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
from collections.abc import Callable, Iterator
from typing import TypeAlias

import attrs

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Cadence",
    "DateWindow",
    "FollowUp",
    "MonthWindow",
    "Occurrence",
    "Phase",
    "Rule",
    "SchoolYear",
    "SchoolYearError",
    "Season",
    "SeasonWindow",
    "WeekWindow",
    "Window",
    "YearPattern",
    "has_week_53",
    "iso_weeks_in_year",
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


def _check_week(name: str, value: int) -> None:
    if not 1 <= value <= 53:
        raise ValueError(f"{name} must be an ISO week 1–53, got {value}")


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


Window: TypeAlias = WeekWindow | MonthWindow | DateWindow | SeasonWindow
"""Where in a year an item happens."""

_WINDOW_TYPES = (WeekWindow, MonthWindow, DateWindow, SeasonWindow)


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
        if self.phase in (Phase.EVEN, Phase.ODD):
            if self.interval != 2:
                raise ValueError("even/odd years need interval 2")
            if self.anchor is not None:
                raise ValueError("even/odd years take no anchor year")
        elif self.phase in (Phase.NEXT, Phase.LAST):
            if self.anchor is None:
                raise ValueError(f"phase {self.phase.value} needs an anchor year")
        elif self.anchor is not None:
            raise ValueError("an anchor year needs a phase (NEXT or LAST)")
        if self.interval == 1 and self.phase is not None:
            raise ValueError("an every-year pattern takes no phase")
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_from > self.valid_to
        ):
            raise ValueError(f"validity {self.valid_from}–{self.valid_to} ends before it starts")

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
class FollowUp:
    """A follow-up such as "tulokset aikaisintaan marraskuussa".

    Its occurrence is the first occurrence of ``target`` (a month window or a
    season) whose end is after the parent's end, clipped to start no earlier
    than the day after the parent ends.  ``earliest`` records "aikaisintaan"
    (at the earliest); it does not change the dates.
    """

    target: MonthWindow | SeasonWindow = attrs.field(
        validator=attrs.validators.instance_of((MonthWindow, SeasonWindow))
    )
    earliest: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def after(self, parent_end: _dt.date) -> tuple[_dt.date, _dt.date] | None:
        """The follow-up span for a parent occurrence that ends on ``parent_end``."""
        # The target's window-year Y spans start in Y; the first one ending
        # after parent_end is in year parent_end.year - 1 (a wrapping target
        # such as Nov–Jan), parent_end.year or parent_end.year + 1.
        for year in range(parent_end.year - 1, parent_end.year + 2):
            span = self.target.span(year)
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
    """An all-day span ``[start, end]`` (both inclusive).

    A follow-up (survey results, say) carries its ``parent`` occurrence.
    """

    start: _dt.date
    end: _dt.date
    parent: Occurrence | None = None

    @property
    def follow_up(self) -> bool:
        return self.parent is not None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def intersects(self, start: _dt.date, end: _dt.date) -> bool:
        return self.start <= end and start <= self.end

    def sort_key(self) -> tuple[_dt.date, _dt.date, bool]:
        return self.start, self.end, self.follow_up


def _check_window(_inst: object, _attribute: attrs.Attribute[Window | None], value: object) -> None:
    if value is not None and not isinstance(value, _WINDOW_TYPES):
        raise TypeError(
            f"window must be one of {[t.__name__ for t in _WINDOW_TYPES]}, got {value!r}"
        )


@attrs.frozen
class Rule:
    """A complete timing: a window, a year pattern, an optional follow-up.

    Undated rules carry a :class:`Cadence` instead of a window and have no
    occurrences.  A rule with neither a window nor a cadence (the seed's bare
    "joka toinen vuosi") is legal but has no occurrences either;
    :attr:`is_scheduled` tells the two apart.
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

    def __attrs_post_init__(self) -> None:
        if self.cadence is not None and (
            self.window is not None or self.follow_up is not None or self.years != YearPattern()
        ):
            raise ValueError("an undated cadence takes no window, year pattern or follow-up")

    @property
    def is_undated(self) -> bool:
        return self.cadence is not None

    @property
    def is_scheduled(self) -> bool:
        """Whether the rule has dates: a window and a determined year pattern."""
        return self.window is not None and self.years.is_determined

    @property
    def can_skip_years(self) -> bool:
        """True when a qualifying year may still have no occurrence (week 53, 29.2.)."""
        return self.window is not None and self.window.can_skip_years

    def span(self, year: int) -> tuple[_dt.date, _dt.date] | None:
        """The span of window-year ``year``, or None when that year has none."""
        if self.window is None or not self.years.includes(year):
            return None
        return self.window.span(year)

    def _instances(self, first_year: int, last_year: int) -> Iterator[Occurrence]:
        assert self.window is not None
        first_year = max(first_year, MIN_YEAR)
        last_year = min(last_year, MAX_YEAR)
        for year in self.years.years(first_year, last_year):
            span = self.window.span(year)
            if span is None:
                continue
            occurrence = Occurrence(span[0], span[1])
            yield occurrence
            if self.follow_up is not None:
                after = self.follow_up.after(span[1])
                if after is not None:
                    yield Occurrence(after[0], after[1], occurrence)

    def occurrences(self, start: _dt.date, end: _dt.date) -> list[Occurrence]:
        """Every occurrence (follow-ups included) whose span intersects ``[start, end]``, sorted.

        A follow-up appears when its own span intersects the query, even if
        its parent's does not.
        """
        if not self.is_scheduled or start > end:
            return []
        assert self.window is not None
        # A window of year Y starts in Y (ISO year for weeks, which can begin
        # on 29.12. of Y-1) and ends at the latest in Y+1; its follow-up ends
        # at the latest a year after that.  So only window-years
        # start.year-3 .. end.year+1 can touch the query.
        back = 3 if self.follow_up is not None else 2
        found = [
            occ
            for occ in self._instances(start.year - back, end.year + 1)
            if occ.intersects(start, end)
        ]
        found.sort(key=Occurrence.sort_key)
        return found

    def instances(self, start: _dt.date, end: _dt.date) -> list[Occurrence]:
        """The main occurrences (no follow-ups) whose span intersects ``[start, end]``."""
        return [occ for occ in self.occurrences(start, end) if not occ.follow_up]


# ---------------------------------------------------------------------------
# School year
# ---------------------------------------------------------------------------

_SCHOOL_YEAR_START_MONTH = 8


class SchoolYearError(ValueError):
    """A school year that cannot be read; Finnish ``str()``, English in ``message("en")``."""

    def __init__(self, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi)
        self.message_fi = message_fi
        self.message_en = message_en

    def message(self, lang: str = "fi") -> str:
        return self.message_en if lang == "en" else self.message_fi


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
        if not all(part.isdigit() and len(part) == 4 for part in parts) or len(parts) > 2:
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
