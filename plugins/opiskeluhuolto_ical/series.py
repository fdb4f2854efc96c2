"""Planning an iCalendar feed: which occurrences become one event, which a series.

Pure and free of :mod:`icalendar`, so the planning can be tested (and its
every ``RRULE`` checked against the library's own occurrences) without
writing a feed.

``mode=expanded`` makes one event per occurrence, its UID the occurrence's
id (organisation, item, period – never the start date).  ``mode=rrule``
derives a recurrence from each item's :class:`~opiskeluhuolto.Rule` itself
(:func:`main_recurrence`, :func:`follow_up_recurrence`): when one RFC 5545
``RRULE`` gives exactly the rule's occurrences *from the first occurrence of
the export range on, for ever* (or to the end of a validity period or school
year, ``UNTIL``), the item becomes one recurring event whose UID is the
item's (:func:`series_uid`), so the feeds of two school years share it.
Everything else stays expanded – always a rule that needs a school calendar
(:attr:`Rule.needs_school_calendar <opiskeluhuolto.Rule.needs_school_calendar>`:
breaks, terms, school days, "ei lomilla", "tulokset seuraavassa
kokouksessa"): its days follow the school year's data, not a pattern, and the
proofs here evaluate rules without a school calendar.

Which ``RRULE`` (candidates are tried in this order; the first proved wins):

* one window: ``FREQ=YEARLY;INTERVAL=N`` (N = the year pattern's interval)
  with ``BYMONTH=m;BYMONTHDAY=d`` (dates, months, seasons, parts of a month,
  deadlines; ``BYMONTHDAY=-1`` for "the last day of February"),
  ``BYWEEKNO=w;BYDAY=MO`` (ISO weeks), ``BYWEEKNO=w;BYDAY=TU`` ("viikon 37
  tiistaina", and the weekday span "ma–pe" as 5 days from Monday) or
  ``BYMONTH=m;BYDAY=2TU`` / ``-1FR`` (an nth weekday); a list of windows is
  one rule when its spans share a length and one such shape
  (``BYWEEKNO=2,33``, ``BYMONTH=2,9;BYMONTHDAY=11``);
* monthly on the nth weekday: ``FREQ=MONTHLY;BYDAY=2TU`` (with
  ``INTERVAL=k`` when k divides 12 and nothing bounds the months), else
  ``BYMONTH=`` the months the cadence keeps in a year (``FREQ=YEARLY;
  INTERVAL=N`` when not every year); whole months vary in length: expanded;
* weekly: ``FREQ=WEEKLY;BYDAY=MO`` (every week of every year), or
  ``FREQ=YEARLY;BYMONTH=9;BYDAY=MO`` (every Monday of the window's months),
  or ``BYWEEKNO=`` the ISO weeks the cadence keeps (parity, "joka toinen
  viikko" within weeks); ``FREQ=WEEKLY;INTERVAL=k`` only for a bounded rule
  (a validity period or a school year) where it is exact – the library
  counts "joka toinen viikko" from each year's first week again, so across a
  53-week ISO year ``INTERVAL=2`` would drift;
* follow-ups: ``BYMONTH=m;BYMONTHDAY=d`` or ``BYWEEKNO=w;BYDAY=MO``.

Never emitted: ``BYWEEKNO=53`` and 29.2. (clients disagree on years without
them), and ``BYWEEKNO`` instances on 1.–3.1. that belong to the previous
ISO year's last week (python-dateutil, which ``recurring_ical_events`` and
many servers use, misplaces them).

**The proof.**  A candidate is compared with the library, occurrence by
occurrence (start and length), from ``DTSTART`` over one full period ``P``
of both: the Gregorian calendar and ISO week numbering repeat every 400
years (146,097 days = 20,871 weeks), so the library's occurrences of
window-year ``Y + P`` are those of ``Y`` moved by ``P`` years whenever ``P``
is a multiple of 400 and of the year interval N; the ``RRULE``'s are too
when ``P`` is also a multiple of its ``INTERVAL`` (yearly), of
``INTERVAL / gcd(INTERVAL, 12)`` (monthly: 12 months a year) or of
``400 · INTERVAL / gcd(INTERVAL, 20871)`` (weekly).  Equal over one period
from ``DTSTART``, equal for ever (by induction, period by period).  A
bounded series is compared up to ``UNTIL`` (or one period, whichever comes
first).  Two shapes are exact by construction and compared over 3 years
only: a weekly cadence in every whole ISO year (ISO years tile time, so it
is every week: ``FREQ=WEEKLY``) and a monthly one in every calendar year
whose step divides 12 (``FREQ=MONTHLY;INTERVAL=k``).  The last years of the
calendar (a span reaching into year 10000) are left out: no date library
represents what lies after them.

**Timed series** (``DTSTART;TZID=…``) keep the local time of day; RFC 5545
gives every instance the first one's exact length (``DTEND − DTSTART``).
So a timed rule is a series only when no instance contains a change of the
zone's UTC offset: each transition of the organisation's time zone
(:mod:`opiskeluhuolto_ical.zones`) over the period – at least 400 years of
its current rule – is looked up among the instances.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import math
import zoneinfo
from collections.abc import Collection, Iterable, Iterator, Sequence

import attrs

from opiskeluhuolto.calendar import CalendarOccurrence
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    DeadlineWindow,
    Frequency,
    NthWeekdayWindow,
    Occurrence,
    Rule,
    Weekday,
    WeekdayWindow,
    WeekWindow,
    WindowList,
    nth_weekday,
)
from opiskeluhuolto_ical import zones

__all__ = [
    "MONTHLY",
    "UID_DOMAIN",
    "WEEKLY",
    "YEARLY",
    "Entry",
    "Recurrence",
    "follow_up_recurrence",
    "main_recurrence",
    "parent_uid",
    "plan",
    "prove",
    "series_uid",
    "uid",
]

UID_DOMAIN = "opiskeluhuolto"

YEARLY, MONTHLY, WEEKLY = "YEARLY", "MONTHLY", "WEEKLY"

_CYCLE_YEARS = 400  # the Gregorian calendar (and ISO week numbering) repeats after 400 years
_CYCLE_WEEKS = 20_871  # weeks in 400 years
_FIRST_CHUNK_YEARS = 8  # the proof compares this many years first (most misfits show early),
_CHUNK_YEARS = 50  # then this many at a time
_SAMPLE_YEARS = 8  # qualifying years whose months or weeks make a cadence's BYMONTH/BYWEEKNO
_CONTINUOUS_YEARS = 3  # how long a shape that is exact by construction is compared
_BOUND_REACH = 12  # a follow-up starts at most this many years after its window-year
_ONE_DAY = _dt.timedelta(days=1)
_LAST_DAY = _dt.date(MAX_YEAR, 12, 31)
_LAST_CHECKED = _dt.date(MAX_YEAR - 2, 12, 31)
_UTC = _dt.UTC


# ---------------------------------------------------------------------------
# UIDs
# ---------------------------------------------------------------------------


def uid(occurrence: CalendarOccurrence) -> str:
    """The UID of an occurrence's own event: its stable id (organisation, item, period).

    >>> import datetime as dt
    >>> from opiskeluhuolto import Occurrence, Rule
    >>> from opiskeluhuolto.calendar import Calendar, Item
    >>> item = Item("kysely", "Kysely", Rule())
    >>> occ = Occurrence(dt.date(2026, 10, 19), dt.date(2026, 11, 1), year=2026, period="2026")
    >>> uid(CalendarOccurrence("sedu", Calendar("k", "K", "g"), item, occ))
    'sedu.kysely.2026@opiskeluhuolto'
    """
    return f"{occurrence.id}@{UID_DOMAIN}"


def series_uid(occurrence: CalendarOccurrence, *, follow_up: bool = False) -> str:
    """The UID of an item's series (``mode=rrule``): organisation and item, never a date.

    >>> import datetime as dt
    >>> from opiskeluhuolto import Occurrence, Rule
    >>> from opiskeluhuolto.calendar import Calendar, Item
    >>> item = Item("kysely", "Kysely", Rule())
    >>> occ = Occurrence(dt.date(2026, 10, 19), dt.date(2026, 11, 1), year=2026, period="2026")
    >>> calendar_occ = CalendarOccurrence("sedu", Calendar("k", "K", "g"), item, occ)
    >>> series_uid(calendar_occ), series_uid(calendar_occ, follow_up=True)
    ('sedu.kysely@opiskeluhuolto', 'sedu.kysely.tulokset@opiskeluhuolto')
    """
    part = ".tulokset" if follow_up else ""
    return f"{occurrence.organisation}.{occurrence.item.id}{part}@{UID_DOMAIN}"


def parent_uid(occurrence: CalendarOccurrence) -> str | None:
    """The UID the parent of a follow-up has as an expanded event (None for a main occurrence)."""
    parent = occurrence.parent
    return None if parent is None else uid(parent)


# ---------------------------------------------------------------------------
# RRULE values and their RFC 5545 reading
# ---------------------------------------------------------------------------


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(value)))


def _weekdays(value: Iterable[Weekday]) -> tuple[Weekday, ...]:
    return tuple(sorted(set(map(Weekday, value))))


@attrs.frozen
class Recurrence:
    """An ``RRULE`` of the shapes this exporter emits, and what RFC 5545 makes of it.

    ``freq`` is ``YEARLY``, ``MONTHLY`` or ``WEEKLY``; ``months``
    (``BYMONTH``), ``monthdays`` (``BYMONTHDAY``, −1 = last), ``weeks``
    (``BYWEEKNO``, ISO weeks: ``WKST=MO``), ``weekdays`` with the ordinal
    ``nth`` (``BYDAY=2TU``, relative to the month).  ``until`` is the start
    day of the last instance (``UNTIL`` is inclusive), or None for no end.
    """

    freq: str
    interval: int = 1
    until: _dt.date | None = None
    months: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    monthdays: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    weeks: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    weekdays: tuple[Weekday, ...] = attrs.field(default=(), converter=_weekdays)
    nth: int | None = None

    def as_ical(
        self, time: _dt.time | None = None, timezone: _dt.tzinfo | None = None
    ) -> dict[str, object]:
        """The ``RRULE`` value as the mapping :mod:`icalendar` takes.

        A timed series (``time`` and ``timezone`` of its ``DTSTART``) has its
        ``UNTIL`` in UTC, as RFC 5545 requires.
        """
        rule: dict[str, object] = {"FREQ": self.freq}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.weekdays:
            prefix = "" if self.nth is None else str(self.nth)
            rule["BYDAY"] = [f"{prefix}{weekday.name}" for weekday in self.weekdays]
        if self.monthdays:
            rule["BYMONTHDAY"] = list(self.monthdays)
        if self.weeks:
            rule["BYWEEKNO"] = list(self.weeks)
        if self.months:
            rule["BYMONTH"] = list(self.months)
        rule["WKST"] = "MO"
        if self.until is not None:
            if time is None or timezone is None:
                rule["UNTIL"] = self.until
            else:
                local = _dt.datetime.combine(self.until, time, tzinfo=timezone)
                rule["UNTIL"] = local.astimezone(_UTC)
        return rule

    def dates(
        self,
        dtstart: _dt.date,
        stop: _dt.date | None = None,
        since: _dt.date | None = None,
    ) -> Iterator[_dt.date]:
        """The instance days RFC 5545 gives from ``dtstart`` (``since``–``until``/``stop``).

        ``since`` skips earlier instances without counting them (intervals
        still count from ``dtstart``).  ``BYWEEKNO`` is read as
        python-dateutil reads it: an iteration year holds the days of that
        calendar year whose ISO week is listed.
        """
        last = min(day for day in (self.until, stop, _LAST_DAY) if day is not None)
        first = dtstart if since is None else max(dtstart, since)
        if self.freq == YEARLY:
            yield from self._yearly(dtstart, first, last)
        elif self.freq == MONTHLY:
            yield from self._monthly(dtstart, first, last)
        else:
            yield from self._weekly(dtstart, first, last)

    def _yearly(self, dtstart: _dt.date, first: _dt.date, last: _dt.date) -> Iterator[_dt.date]:
        year = dtstart.year
        if first.year > year:  # skip whole iteration years
            year += (first.year - year) // self.interval * self.interval
        while year <= last.year:
            for day in self._year_days(year):
                if day > last:
                    return
                if day >= first:
                    yield day
            year += self.interval

    def _monthly(self, dtstart: _dt.date, first: _dt.date, last: _dt.date) -> Iterator[_dt.date]:
        index = dtstart.year * 12 + dtstart.month - 1
        target = first.year * 12 + first.month - 1
        if target > index:
            index += (target - index) // self.interval * self.interval
        while index <= last.year * 12 + last.month - 1:
            year, month = divmod(index, 12)
            month += 1
            if not self.months or month in self.months:
                for day in self._month_days(year, month):
                    if day > last:
                        return
                    if day >= first:
                        yield day
            index += self.interval

    def _weekly(self, dtstart: _dt.date, first: _dt.date, last: _dt.date) -> Iterator[_dt.date]:
        monday = dtstart - _dt.timedelta(days=dtstart.weekday())
        step = 7 * self.interval
        skip = (first - monday).days // step
        if skip > 0:
            monday += _dt.timedelta(days=skip * step)
        while monday <= last:
            for weekday in self.weekdays:
                day = monday + _dt.timedelta(days=weekday)
                if day > last:
                    return
                if day >= first and (not self.months or day.month in self.months):
                    yield day
            if (_dt.date.max - monday).days < step:
                return
            monday += _dt.timedelta(days=step)

    def _year_days(self, year: int) -> list[_dt.date]:
        days: set[_dt.date] = set()
        if self.weeks:
            for week in self.weeks:
                for iso_year in (year - 1, year, year + 1):
                    for weekday in self.weekdays:
                        try:
                            day = _dt.date.fromisocalendar(iso_year, week, weekday + 1)
                        except ValueError:  # week 53 of a 52-week year, or out of range
                            continue
                        if day.year == year and (not self.months or day.month in self.months):
                            days.add(day)
        else:
            for month in self.months or range(1, 13):
                days.update(self._month_days(year, month))
        return sorted(days)

    def _month_days(self, year: int, month: int) -> list[_dt.date]:
        size = _calendar.monthrange(year, month)[1]
        days: list[_dt.date] = []
        if self.weekdays:
            for weekday in self.weekdays:
                if self.nth is not None:
                    found = nth_weekday(year, month, weekday, self.nth)
                    if found is not None:
                        days.append(found)
                else:
                    day = _dt.date(year, month, 1)
                    day += _dt.timedelta(days=(weekday - day.weekday()) % 7)
                    while day.month == month:
                        days.append(day)
                        if day.day + 7 > size:
                            break
                        day += _dt.timedelta(days=7)
        for monthday in self.monthdays:
            number = monthday if monthday > 0 else size + monthday + 1
            if 1 <= number <= size:
                days.append(_dt.date(year, month, number))
        return sorted(days)


# ---------------------------------------------------------------------------
# Candidates: the RRULEs a rule might be
# ---------------------------------------------------------------------------


def _year_of(occurrence: Occurrence) -> int:
    return occurrence.year if occurrence.year is not None else occurrence.start.year


def _years_after(day: _dt.date, years: int) -> _dt.date:
    """The same day ``years`` years on (28.2. for 29.2.), clamped to the calendar."""
    year = day.year + years
    if year > MAX_YEAR:
        return _LAST_DAY
    if year < 1:
        return _dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29.2. in a common year
        return _dt.date(year, 2, 28)


def _mains(rule: Rule, start: _dt.date, stop: _dt.date) -> list[Occurrence]:
    return [
        occ for occ in rule.occurrences(start, stop) if not occ.follow_up and occ.start >= start
    ]


def _window_shapes(rule: Rule, first: Occurrence) -> Iterator[Recurrence]:
    """The yearly RRULE of a window (or list of windows) without a cadence."""
    window = rule.window
    interval = rule.years.interval
    spans = rule.bounds(_year_of(first))
    if window is None or not spans:
        return
    if {end - start for start, end in spans} != {first.end - first.start}:
        return  # a series has one length
    members = window.windows if isinstance(window, WindowList) else (window,)
    kind = members[0]  # a list holds windows of one kind
    starts = [start for start, _end in spans]
    nths = [member for member in members if isinstance(member, NthWeekdayWindow)]
    if nths:
        ordinals = {(member.weekday, member.nth) for member in nths}
        if len(ordinals) == 1:
            ((weekday, nth),) = ordinals
            months = [member.month for member in nths]
            yield Recurrence(YEARLY, interval, months=months, weekdays=[weekday], nth=nth)
        return
    deadlines = [member for member in members if isinstance(member, DeadlineWindow)]
    if deadlines and all(member.day is None for member in deadlines):
        months = [member.month for member in deadlines]
        yield Recurrence(YEARLY, interval, months=months, monthdays=[-1])
        return
    if isinstance(kind, WeekWindow | WeekdayWindow):
        weekdays = {day.weekday() for day in starts}
        weeks = {day.isocalendar().week for day in starts}
        if len(weekdays) == 1 and 53 not in weeks:
            yield Recurrence(YEARLY, interval, weeks=weeks, weekdays=map(Weekday, weekdays))
        return
    monthdays = {day.day for day in starts}
    if len(monthdays) == 1 and not any((day.month, day.day) == (2, 29) for day in starts):
        months = [day.month for day in starts]
        yield Recurrence(YEARLY, interval, months=months, monthdays=monthdays)


def _is_bounded(rule: Rule) -> bool:
    return rule.years.valid_to is not None or rule.school_year is not None


def _main_candidates(rule: Rule, first: Occurrence) -> Iterator[tuple[Recurrence, bool]]:
    """(candidate, exact by construction) pairs for the main occurrences, best first."""
    repeat = rule.repeat
    interval = rule.years.interval
    if repeat is None:
        yield from ((candidate, False) for candidate in _window_shapes(rule, first))
        return
    window = rule.window
    bounded = _is_bounded(rule)
    sample = _mains(rule, first.start, _years_after(first.start, _SAMPLE_YEARS * interval))
    starts = [occ.start for occ in sample]
    if repeat.frequency is Frequency.MONTHLY:
        if repeat.weekday is None or repeat.nth is None:
            return  # whole months differ in length
        weekdays, nth = [repeat.weekday], repeat.nth
        months = {day.month for day in starts}
        every_year = interval == 1
        if window is None and every_year and 12 % repeat.interval == 0:
            yield Recurrence(MONTHLY, repeat.interval, weekdays=weekdays, nth=nth), True
        if every_year:
            kept = () if len(months) == 12 else months
            yield Recurrence(MONTHLY, months=kept, weekdays=weekdays, nth=nth), False
        else:
            yield Recurrence(YEARLY, interval, months=months, weekdays=weekdays, nth=nth), False
        if bounded and repeat.interval > 1:
            yield Recurrence(MONTHLY, repeat.interval, weekdays=weekdays, nth=nth), False
        return
    weekdays = [repeat.weekday if repeat.weekday is not None else Weekday.MO]
    plain = repeat.interval == 1 and repeat.parity is None
    if window is None and interval == 1 and plain:
        yield Recurrence(WEEKLY, weekdays=weekdays), True
    if bounded and repeat.parity is None:
        yield Recurrence(WEEKLY, repeat.interval, weekdays=weekdays), False
    if plain and repeat.is_one_day and window is not None:
        months = {day.month for day in starts}
        yield Recurrence(YEARLY, interval, months=months, weekdays=weekdays), False
    weeks = {day.isocalendar().week for day in starts}
    if weeks and 53 not in weeks:
        yield Recurrence(YEARLY, interval, weeks=weeks, weekdays=weekdays), False


def _follow_up_candidates(rule: Rule, first: Occurrence) -> Iterator[Recurrence]:
    assert rule.follow_up is not None
    interval = rule.years.interval
    start = first.start
    shapes: list[Recurrence] = []
    if (start.month, start.day) != (2, 29):
        shapes.append(Recurrence(YEARLY, interval, months=[start.month], monthdays=[start.day]))
    iso = start.isocalendar()
    if iso.week != 53:
        weekly = Recurrence(YEARLY, interval, weeks=[iso.week], weekdays=[Weekday(start.weekday())])
        if isinstance(rule.follow_up.target, WeekWindow):
            shapes.insert(0, weekly)
        else:
            shapes.append(weekly)
    yield from shapes


# ---------------------------------------------------------------------------
# The proof
# ---------------------------------------------------------------------------


def _period_years(rule: Rule, recurrence: Recurrence) -> int:
    """Years after which both the rule's occurrences and the RRULE's instances repeat."""
    period = math.lcm(_CYCLE_YEARS, rule.years.interval)
    step = recurrence.interval
    if recurrence.freq == YEARLY:
        return math.lcm(period, step)
    if recurrence.freq == MONTHLY:
        return math.lcm(period, step // math.gcd(step, 12))
    return math.lcm(period, _CYCLE_YEARS * step // math.gcd(step, _CYCLE_WEEKS))


def _last_start(rule: Rule, follow_up: bool, after: _dt.date) -> _dt.date | None:
    """The start of the last occurrence (main or follow-up) of a bounded rule, or None."""
    bounds = [rule.years.valid_to]
    if rule.school_year is not None:
        bounds.append(rule.school_year + 1)
    bound = min(year for year in bounds if year is not None)
    reach = _BOUND_REACH if follow_up else 1
    high = _dt.date(min(bound + reach, MAX_YEAR), 12, 31)
    while high >= after:
        low = max(after, _years_after(high, -20) + _ONE_DAY)
        found = [
            occ.start
            for occ in rule.occurrences(low, high)
            if occ.follow_up is follow_up and occ.start >= low
        ]
        if found:
            return max(found)
        high = low - _ONE_DAY
    return None


def _dateutil_misreads(recurrence: Recurrence, day: _dt.date) -> bool:
    """A ``BYWEEKNO`` instance on 1.–3.1. in the previous ISO year's last week."""
    return bool(recurrence.weeks) and day.month == 1 and day.isocalendar().year != day.year


def _same(
    rule: Rule,
    recurrence: Recurrence,
    first: Occurrence,
    stop: _dt.date,
) -> bool:
    """The RRULE's instances are the rule's occurrences of ``first``'s kind up to ``stop``."""
    dtstart, length = first.start, first.end - first.start
    follow_up = first.follow_up
    chunk_start, years = dtstart, _FIRST_CHUNK_YEARS
    while chunk_start <= stop:
        chunk_end = min(stop, _years_after(chunk_start, years) - _ONE_DAY)
        library = [
            (occ.start, occ.end)
            for occ in rule.occurrences(chunk_start, chunk_end)
            if occ.follow_up is follow_up and occ.start >= chunk_start
        ]
        days = list(recurrence.dates(dtstart, chunk_end, since=chunk_start))
        if any(_dateutil_misreads(recurrence, day) for day in days):
            return False
        if library != [(day, day + length) for day in days]:
            return False
        chunk_start = chunk_end + _ONE_DAY
        years = _CHUNK_YEARS
    return True


def _exact_length(day: _dt.date, start: _dt.time, end: _dt.time, zone: _dt.tzinfo) -> _dt.timedelta:
    began = _dt.datetime.combine(day, start, tzinfo=zone).astimezone(_UTC)
    ended = _dt.datetime.combine(day, end, tzinfo=zone).astimezone(_UTC)
    return ended - began


def _keeps_its_length(
    recurrence: Recurrence, first: Occurrence, timezone: str, stop: _dt.date, period: int
) -> bool:
    """No instance of a timed series contains a change of the zone's UTC offset."""
    time = first.time
    assert time is not None
    if zones.zone_rule(timezone) is None:
        return False  # no yearly rule to check the future against: stay expanded
    zone = zoneinfo.ZoneInfo(timezone)
    nominal = _dt.datetime.combine(first.start, time.end) - _dt.datetime.combine(
        first.start, time.start
    )
    if _exact_length(first.start, time.start, time.end, zone) != nominal:
        return False
    last = stop
    if recurrence.until is None:
        # Cover a whole period of the zone's rule, which may begin after DTSTART.
        since = zones.rule_since(timezone, first.start.year)
        last = max(stop, min(_years_after(_dt.date(since, 1, 1), period), _LAST_CHECKED))
    for transition in zones.transitions(timezone, first.start, last):
        before = transition.local  # the change's wall time in the offset before it
        after = (transition.at + transition.after).replace(tzinfo=None)  # … and after it
        for day in {before.date(), after.date()}:
            if not first.start <= day <= last:
                continue
            began = _dt.datetime.combine(day, time.start)
            ended = _dt.datetime.combine(day, time.end)
            if max(before, after) < began or min(before, after) > ended:
                continue  # the change is outside that day's hours either way
            if _exact_length(day, time.start, time.end, zone) == nominal:
                continue
            if next(recurrence.dates(first.start, day, since=day), None) == day:
                return False
    return True


def prove(
    rule: Rule,
    recurrence: Recurrence,
    first: Occurrence,
    *,
    timezone: str = "Europe/Helsinki",
    by_construction: bool = False,
) -> Recurrence | None:
    """``recurrence`` (with ``UNTIL`` for a bounded rule) if it is exactly the rule from ``first``.

    ``first`` is an occurrence of ``rule`` (main or follow-up: the series
    is of its kind) and the series' ``DTSTART``.  None when the ``RRULE``
    differs from the library anywhere after ``first``, or when a bounded
    rule has nothing after ``first`` (a series of one is a single event).
    ``by_construction`` shortens the comparison for the two shapes the
    module docstring proves exact.
    """
    until = None
    if _is_bounded(rule):
        until = _last_start(rule, first.follow_up, first.start)
        if until is None or until <= first.start:
            return None
    candidate = attrs.evolve(recurrence, until=until)
    period = _period_years(rule, candidate)
    stop = min(_years_after(first.start, period) - _ONE_DAY, _LAST_CHECKED)
    if until is not None:
        stop = min(stop, until)
    compared = stop
    if by_construction:
        compared = min(stop, _years_after(first.start, _CONTINUOUS_YEARS))
    if not _same(rule, candidate, first, compared):
        return None
    if first.time is not None and not _keeps_its_length(candidate, first, timezone, stop, period):
        return None
    return candidate


def main_recurrence(
    rule: Rule, first: Occurrence, timezone: str = "Europe/Helsinki"
) -> Recurrence | None:
    """The RRULE whose instances from ``first`` on are exactly the rule's main occurrences.

    ``first`` is a main occurrence of ``rule`` (the series' ``DTSTART``).
    None when no shape of the module docstring is exact, and always for a
    rule that needs a school calendar.
    """
    if not rule.is_scheduled or first.follow_up or rule.needs_school_calendar:
        return None  # a school calendar's breaks and holidays are not an RRULE
    for candidate, by_construction in _main_candidates(rule, first):
        proved = prove(rule, candidate, first, timezone=timezone, by_construction=by_construction)
        if proved is not None:
            return proved
    return None


def follow_up_recurrence(rule: Rule, first: Occurrence) -> Recurrence | None:
    """The RRULE whose instances from ``first`` on are exactly the rule's follow-ups.

    ``first`` is a follow-up of ``rule`` (the series' ``DTSTART``).  A series
    needs every later follow-up on the same day of the year (or Monday of the
    same ISO week) and as long: "tulokset tammikuussa" after weeks 48–49 is
    always 1.1.–31.1.; "aikaisintaan marraskuussa" after weeks 43–44 starts
    on 2.11. in some years and 1.11. in others, so it stays expanded.
    """
    if (
        rule.follow_up is None
        or not first.follow_up
        or not rule.is_scheduled
        or rule.needs_school_calendar
    ):
        return None
    for candidate in _follow_up_candidates(rule, first):
        proved = prove(rule, candidate, first)
        if proved is not None:
            return proved
    return None


# ---------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------


@attrs.frozen
class Entry:
    """One VEVENT to write: a single occurrence or a series.

    ``occurrences`` are the occurrences of the export range the entry stands
    for; ``occurrences[0]`` gives ``DTSTART``/``DTEND``.  ``recurrence`` is
    None for a single event; a series continues past the range.
    ``related_to`` is the UID of the parent's event for a follow-up.
    """

    uid: str
    occurrences: tuple[CalendarOccurrence, ...]
    recurrence: Recurrence | None = None
    related_to: str | None = None

    @property
    def first(self) -> CalendarOccurrence:
        return self.occurrences[0]


def _expanded(occurrence: CalendarOccurrence, related_to: str | None = None) -> Entry:
    return Entry(uid(occurrence), (occurrence,), None, related_to or parent_uid(occurrence))


def _related(
    follow_up: CalendarOccurrence, series: str | None, mains: Sequence[CalendarOccurrence]
) -> str | None:
    """The UID a follow-up's event is ``RELATED-TO``: the item's series when its parent is in it."""
    parent = follow_up.occurrence.parent
    if series is not None and parent is not None and parent.start >= mains[0].start:
        # The series runs from the first main occurrence of the range on; a
        # parent that starts later (and before its follow-up, so within the
        # range) is one of its instances.
        return series
    return parent_uid(follow_up)


def plan(
    occurrences: Sequence[CalendarOccurrence],
    *,
    series: bool = False,
    singles: Collection[str] = (),
) -> list[Entry]:
    """The events of a feed for ``occurrences`` (sorted as the library sorts them).

    Without ``series``: one entry per occurrence.  With ``series``: per item,
    the main occurrences become one recurring entry starting at the first of
    them when :func:`main_recurrence` proves an exact rule, and the
    follow-ups likewise with :func:`follow_up_recurrence` (``RELATED-TO`` the
    item's series, or the first follow-up's parent); the rest stay single.
    Entries keep the order of their first occurrence.  The items in
    ``singles`` (those with records) are written one event per occurrence.
    """
    if not series:
        return [_expanded(occ) for occ in occurrences]
    position = {id(occ): index for index, occ in enumerate(occurrences)}
    by_item: dict[str, list[CalendarOccurrence]] = {}
    for occ in occurrences:
        by_item.setdefault(occ.item.id, []).append(occ)
    entries: list[Entry] = []
    for group in by_item.values():
        rule = group[0].item.rule
        mains = [occ for occ in group if not occ.follow_up]
        follow_ups = [occ for occ in group if occ.follow_up]
        main_rule = None
        if group[0].item.id in singles:
            entries.extend(_expanded(occ) for occ in group)
            continue
        if mains:
            main_rule = main_recurrence(rule, mains[0].occurrence, mains[0].timezone)
        main_uid: str | None = None
        if main_rule is None:
            entries.extend(_expanded(occ) for occ in mains)
        else:
            main_uid = series_uid(mains[0])
            entries.append(Entry(main_uid, tuple(mains), main_rule))

        follow_rule = follow_up_recurrence(rule, follow_ups[0].occurrence) if follow_ups else None
        if follow_rule is not None:
            first = follow_ups[0]
            related = main_uid or _related(first, main_uid, mains)
            uid_ = series_uid(first, follow_up=True)
            entries.append(Entry(uid_, tuple(follow_ups), follow_rule, related))
        else:
            entries.extend(_expanded(occ, _related(occ, main_uid, mains)) for occ in follow_ups)
    entries.sort(key=lambda entry: position[id(entry.first)])
    return entries
