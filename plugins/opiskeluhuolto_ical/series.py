"""Planning an iCalendar feed: which occurrences become one event, which a series.

Pure and free of :mod:`icalendar`, so the planning can be tested (and its
every ``RRULE`` checked against the library's own occurrences) without
writing a feed.

``mode=expanded`` makes one event per occurrence.  ``mode=rrule`` derives a
yearly ``RRULE`` from each item's :class:`~opiskeluhuolto.Rule` itself
(:func:`main_recurrence`, :func:`follow_up_recurrence`): when the rule is
exactly expressible *for every year*, the item becomes one recurring event
that starts at its first occurrence in the export range and runs on past the
range (open-ended, or with ``UNTIL`` at the last year of a validity period).
Everything else stays expanded.

Why a finite check proves "every year": the Gregorian calendar and ISO
week numbering repeat exactly every 400 years (146,097 days, 20,871 weeks),
so the span of window-year ``Y + 400`` is the span of ``Y`` moved by
146,097 days, and so is its follow-up.  The qualifying years of an every-N-
years pattern from ``Y0`` on are ``Y0 + jN``; their position in the 400-year
cycle repeats after ``400 / gcd(N, 400)`` of them.  Checking those (at most
400) years checks them all.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator, Sequence

import attrs

from opiskeluhuolto import Occurrence, Rule, WeekWindow
from opiskeluhuolto.calendar import CalendarOccurrence
from opiskeluhuolto.recurrence import MAX_YEAR

__all__ = [
    "UID_DOMAIN",
    "Entry",
    "YearlyRecurrence",
    "follow_up_recurrence",
    "main_recurrence",
    "plan",
    "uid",
]

UID_DOMAIN = "opiskeluhuolto"

_CYCLE_YEARS = 400  # the Gregorian calendar (and ISO week numbering) repeats after 400 years


def uid(occurrence: CalendarOccurrence) -> str:
    """The event UID of an occurrence: its stable id (organisation, item, start) and a domain.

    >>> import datetime as dt
    >>> from opiskeluhuolto import Occurrence, Rule
    >>> from opiskeluhuolto.calendar import Calendar, Item
    >>> item = Item("kysely", "Kysely", Rule())
    >>> occ = Occurrence(dt.date(2026, 10, 19), dt.date(2026, 11, 1))
    >>> uid(CalendarOccurrence("sedu", Calendar("k", "K", "g"), item, occ))
    'sedu.kysely.20261019@opiskeluhuolto'
    """
    return f"{occurrence.id}@{UID_DOMAIN}"


def parent_uid(occurrence: CalendarOccurrence) -> str | None:
    """The UID the parent of a follow-up has as an expanded event (None for a main occurrence)."""
    parent = occurrence.occurrence.parent
    if parent is None:
        return None
    return uid(
        CalendarOccurrence(occurrence.organisation, occurrence.calendar, occurrence.item, parent)
    )


@attrs.frozen
class YearlyRecurrence:
    """A ``FREQ=YEARLY`` rule of one of the two shapes this exporter emits.

    * by date: ``BYMONTH=m;BYMONTHDAY=d`` – the same day of the year every
      ``interval`` years;
    * by ISO week: ``BYWEEKNO=w;BYDAY=MO;WKST=MO`` – the Monday of ISO week
      ``w`` every ``interval`` ISO years.

    ``until`` is the start of the last occurrence (``UNTIL`` is inclusive),
    or None for a series without end.
    """

    interval: int
    until: _dt.date | None = None
    month: int | None = None
    monthday: int | None = None
    weekno: int | None = None

    def as_ical(self) -> dict[str, object]:
        """The ``RRULE`` value as the mapping :mod:`icalendar` takes."""
        rule: dict[str, object] = {"FREQ": "YEARLY"}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.weekno is not None:
            rule["BYWEEKNO"] = self.weekno
            rule["BYDAY"] = "MO"
        else:
            rule["BYMONTH"] = self.month
            rule["BYMONTHDAY"] = self.monthday
        rule["WKST"] = "MO"
        if self.until is not None:
            rule["UNTIL"] = self.until
        return rule

    def dates(self, dtstart: _dt.date, stop: _dt.date | None = None) -> Iterator[_dt.date]:
        """The start dates RFC 5545 gives this rule from ``dtstart`` up to ``until`` and ``stop``.

        Without ``until`` and ``stop`` it runs to the end of year 9999.
        """
        last = min(day for day in (self.until, stop, _dt.date(MAX_YEAR, 12, 31)) if day is not None)
        if self.weekno is not None:
            year = dtstart.isocalendar().year
            while year <= MAX_YEAR:
                day = _dt.date.fromisocalendar(year, self.weekno, 1)
                if day > last:
                    return
                yield day
                year += self.interval
            return
        assert self.month is not None and self.monthday is not None
        year = dtstart.year
        while year <= MAX_YEAR:
            try:
                day = _dt.date(year, self.month, self.monthday)
            except ValueError:  # 29.2. in a common year: RFC 5545 skips it
                year += self.interval
                continue
            if day > last:
                return
            yield day
            year += self.interval


def _window_year(rule: Rule, occurrence: Occurrence) -> int | None:
    """The window-year (ISO year for weeks) whose span ``occurrence`` is."""
    start = occurrence.start
    for year in (start.year, start.year + 1, start.year - 1):
        span = rule.span(year)
        if span is not None and span[0] == start:
            return year
    return None


def _last_year(rule: Rule) -> int | None:
    """The last qualifying year of a bounded validity period, or None when open-ended."""
    years = rule.years
    if years.valid_to is None:
        return None
    found = list(years.years(years.valid_to - years.interval + 1, years.valid_to))
    return found[-1] if found else None


def _years_to_check(rule: Rule, first_year: int) -> Iterator[int]:
    """The qualifying years from ``first_year`` that decide all later ones (a 400-year cycle)."""
    interval = rule.years.interval
    cycle = interval * _CYCLE_YEARS // math.gcd(interval, _CYCLE_YEARS)
    last = first_year + cycle - 1
    last_valid = _last_year(rule)
    if last_valid is not None:
        last = min(last, last_valid)
    # The last years of the calendar (a span reaching into year 10000) are
    # left out: no date library represents what lies after them.
    return rule.years.years(first_year, min(last, MAX_YEAR - 2))


def _is_leap_day(day: _dt.date) -> bool:
    return day.month == 2 and day.day == 29


def main_recurrence(rule: Rule, first: Occurrence) -> YearlyRecurrence | None:
    """The RRULE whose instances from ``first`` on are exactly the rule's main occurrences.

    ``first`` is a main occurrence of ``rule`` (the series' ``DTSTART``).
    None when the rule is not exactly expressible for every year:

    * windows that occur only in some qualifying years: week 53, 29.2.;
    * windows whose length varies from one qualifying year to another:
      anything containing February when leap and common years both
      qualify, week windows that wrap over the end of a 53-week ISO year;
    * ``BYWEEKNO=1`` every N ≥ 2 years: its Monday may fall in December of
      the previous calendar year, and RFC 5545 counts ``INTERVAL`` in
      calendar years;
    * ``first`` is the last occurrence of a validity period (no series).
    """
    window = rule.window
    if window is None or not rule.is_scheduled or rule.can_skip_years:
        return None
    interval = rule.years.interval
    first_year = _window_year(rule, first)
    if first_year is None:
        return None
    duration = first.end - first.start
    if isinstance(window, WeekWindow):
        if window.first == 1 and interval != 1:
            return None
        shape = {"weekno": window.first}
    else:
        # Months, seasons and dates start on the same day of the year.
        shape = {"month": first.start.month, "monthday": first.start.day}
    for year in _years_to_check(rule, first_year):
        span = rule.span(year)
        if span is None or span[1] - span[0] != duration:
            return None
    last_year = _last_year(rule)
    until = None
    if last_year is not None:
        last_span = rule.span(last_year)
        if last_span is None:
            return None
        until = last_span[0]
        if until <= first.start:
            return None
    return YearlyRecurrence(interval, until, **shape)


def follow_up_recurrence(rule: Rule, first: Occurrence) -> YearlyRecurrence | None:
    """The RRULE whose instances from ``first`` on are exactly the rule's follow-ups.

    ``first`` is a follow-up of ``rule`` (the series' ``DTSTART``).  A series
    needs every later follow-up to start on the same day of the year (never
    29.2.), the same number of years after its parent's window-year, and to
    last as long: "tulokset tammikuussa" after weeks 48–49 is always
    1.1.–31.1.; "aikaisintaan marraskuussa" after weeks 43–44 starts on 2.11.
    in some years and 1.11. in others, so it stays expanded.
    """
    follow_up = rule.follow_up
    parent = first.parent
    if follow_up is None or parent is None or rule.window is None or rule.can_skip_years:
        return None
    parent_year = _window_year(rule, parent)
    if parent_year is None or _is_leap_day(first.start):
        return None
    offset = first.start.year - parent_year
    month, monthday = first.start.month, first.start.day
    duration = first.end - first.start
    for year in _years_to_check(rule, parent_year):
        span = rule.span(year)
        after = None if span is None else follow_up.after(span[1])
        if after is None or after[1] - after[0] != duration:
            return None
        start = after[0]
        if (start.year - year, start.month, start.day) != (offset, month, monthday):
            return None
    last_year = _last_year(rule)
    until = None
    if last_year is not None:
        last_span = rule.span(last_year)
        last_after = None if last_span is None else follow_up.after(last_span[1])
        if last_after is None:
            return None
        until = last_after[0]
        if until <= first.start:
            return None
    return YearlyRecurrence(rule.years.interval, until, month=month, monthday=monthday)


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
    recurrence: YearlyRecurrence | None = None
    related_to: str | None = None

    @property
    def first(self) -> CalendarOccurrence:
        return self.occurrences[0]


def _expanded(occurrence: CalendarOccurrence, related_to: str | None = None) -> Entry:
    return Entry(uid(occurrence), (occurrence,), None, related_to or parent_uid(occurrence))


def _related(
    follow_up: CalendarOccurrence, series_uid: str | None, mains: Sequence[CalendarOccurrence]
) -> str | None:
    """The UID a follow-up's event is ``RELATED-TO``: the item's series when its parent is in it."""
    parent = follow_up.occurrence.parent
    if series_uid is not None and parent is not None and parent.start >= mains[0].start:
        # The series runs from the first main occurrence of the range on; a
        # parent that starts later (and before its follow-up, so within the
        # range) is one of its instances.
        return series_uid
    return parent_uid(follow_up)


def plan(occurrences: Sequence[CalendarOccurrence], *, series: bool = False) -> list[Entry]:
    """The events of a feed for ``occurrences`` (sorted as the library sorts them).

    Without ``series``: one entry per occurrence.  With ``series``: per item,
    the main occurrences become one recurring entry starting at the first of
    them when :func:`main_recurrence` finds an exact rule, and the
    follow-ups likewise with :func:`follow_up_recurrence` (``RELATED-TO`` the
    item's series, or the first follow-up's parent); the rest stay single.
    Entries keep the order of their first occurrence.
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
        main_rule = main_recurrence(rule, mains[0].occurrence) if mains else None
        series_uid: str | None = None
        if main_rule is None:
            entries.extend(_expanded(occ) for occ in mains)
        else:
            series_uid = uid(mains[0])
            entries.append(Entry(series_uid, tuple(mains), main_rule))

        follow_rule = follow_up_recurrence(rule, follow_ups[0].occurrence) if follow_ups else None
        if follow_rule is not None:
            first = follow_ups[0]
            related = series_uid or _related(first, series_uid, mains)
            entries.append(Entry(uid(first), tuple(follow_ups), follow_rule, related))
        else:
            entries.extend(_expanded(occ, _related(occ, series_uid, mains)) for occ in follow_ups)
    entries.sort(key=lambda entry: position[id(entry.first)])
    return entries
