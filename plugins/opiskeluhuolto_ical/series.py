"""Planning an iCalendar feed: which occurrences become one event, which a series.

Pure and free of :mod:`icalendar`, so the planning can be tested (and its
every ``RRULE`` checked against the library's own occurrences) without
writing a feed.

``mode=expanded`` makes one event per occurrence.  ``mode=rrule`` groups the
occurrences of each item and turns a group into one recurring event when a
yearly ``RRULE`` reproduces *exactly* the library's occurrences inside the
export range (:func:`recurrence_for`); everything else stays expanded.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterator, Sequence

import attrs

from opiskeluhuolto import WeekWindow
from opiskeluhuolto.calendar import CalendarOccurrence

__all__ = ["UID_DOMAIN", "Entry", "YearlyRecurrence", "plan", "recurrence_for", "uid"]

UID_DOMAIN = "opiskeluhuolto"


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

    ``until`` is the start of the last occurrence (``UNTIL`` is inclusive).
    """

    interval: int
    until: _dt.date
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
        rule["UNTIL"] = self.until
        return rule

    def dates(self, dtstart: _dt.date) -> Iterator[_dt.date]:
        """The start dates RFC 5545 gives this rule from ``dtstart`` (for checking)."""
        if self.weekno is not None:
            year = dtstart.isocalendar().year
            while True:
                day = _dt.date.fromisocalendar(year, self.weekno, 1)
                if day > self.until:
                    return
                yield day
                year += self.interval
        assert self.month is not None and self.monthday is not None
        year = dtstart.year
        while True:
            try:
                day = _dt.date(year, self.month, self.monthday)
            except ValueError:  # 29.2. in a common year: RFC 5545 skips it
                year += self.interval
                continue
            if day > self.until:
                return
            yield day
            year += self.interval


def _constant_step(values: Sequence[int]) -> int | None:
    steps = {b - a for a, b in itertools.pairwise(values)}
    if len(steps) != 1:
        return None
    (step,) = steps
    return step if step >= 1 else None


def _is_leap_day(day: _dt.date) -> bool:
    return day.month == 2 and day.day == 29


def recurrence_for(occurrences: Sequence[CalendarOccurrence]) -> YearlyRecurrence | None:
    """A yearly rule whose instances are exactly ``occurrences``, or None.

    ``occurrences`` are one item's main occurrences (or its follow-ups),
    sorted by start.  A series needs at least two of them, one length for all
    (the ``DTEND - DTSTART`` of the series) and no 29.2. (clients disagree on
    it); then either the same day of the year every N years or the Monday
    of the same ISO week (1–52) every N ISO years.  ``BYWEEKNO=1`` is used
    only every year: its Monday may fall in the previous December, which
    breaks ``INTERVAL`` in common implementations.
    """
    if len(occurrences) < 2:
        return None
    starts = [occ.start for occ in occurrences]
    if len({(occ.end - occ.start).days for occ in occurrences}) != 1:
        return None
    if any(_is_leap_day(occ.start) or _is_leap_day(occ.end) for occ in occurrences):
        return None
    until = starts[-1]
    if len({(day.month, day.day) for day in starts}) == 1:
        step = _constant_step([day.year for day in starts])
        if step is not None:
            return YearlyRecurrence(step, until, month=starts[0].month, monthday=starts[0].day)
    weeks = [day.isocalendar() for day in starts]
    if all(w.weekday == 1 for w in weeks) and len({w.week for w in weeks}) == 1:
        week = weeks[0].week
        step = _constant_step([w.year for w in weeks])
        if step is not None and week <= 52 and (week != 1 or step == 1):
            return YearlyRecurrence(step, until, weekno=week)
    return None


@attrs.frozen
class Entry:
    """One VEVENT to write: a single occurrence or a series of them.

    ``occurrences[0]`` gives ``DTSTART``/``DTEND``; ``recurrence`` is None for
    a single event.  ``related_to`` is the UID of the parent's event for a
    follow-up.
    """

    uid: str
    occurrences: tuple[CalendarOccurrence, ...]
    recurrence: YearlyRecurrence | None = None
    related_to: str | None = None

    @property
    def first(self) -> CalendarOccurrence:
        return self.occurrences[0]


def _names_week_53(occurrence: CalendarOccurrence) -> bool:
    window = occurrence.item.rule.window
    return isinstance(window, WeekWindow) and window.names_week_53


def _expanded(occurrence: CalendarOccurrence) -> Entry:
    return Entry(uid(occurrence), (occurrence,), None, parent_uid(occurrence))


def plan(occurrences: Sequence[CalendarOccurrence], *, series: bool = False) -> list[Entry]:
    """The events of a feed for ``occurrences`` (sorted as the library sorts them).

    Without ``series``: one entry per occurrence.  With ``series``: per item,
    the main occurrences become one recurring entry when
    :func:`recurrence_for` finds an exact rule (never for a window naming
    week 53), and so do its follow-ups when every one of their parents is in
    that series; the rest stay single.  Entries keep the order of their
    first occurrence.
    """
    if not series:
        return [_expanded(occ) for occ in occurrences]
    position = {id(occ): index for index, occ in enumerate(occurrences)}
    by_item: dict[str, list[CalendarOccurrence]] = {}
    for occ in occurrences:
        by_item.setdefault(occ.item.id, []).append(occ)
    entries: list[Entry] = []
    for group in by_item.values():
        mains = [occ for occ in group if not occ.follow_up]
        follow_ups = [occ for occ in group if occ.follow_up]
        main_rule = None if _names_week_53(group[0]) else recurrence_for(mains)
        if main_rule is None:
            entries.extend(_expanded(occ) for occ in mains)
            in_series: dict[object, str] = {}
        else:
            series_uid = uid(mains[0])
            entries.append(Entry(series_uid, tuple(mains), main_rule))
            in_series = {occ.occurrence: series_uid for occ in mains}
        follow_rule = None
        if main_rule is not None and all(occ.occurrence.parent in in_series for occ in follow_ups):
            follow_rule = recurrence_for(follow_ups)
        if follow_rule is not None:
            entries.append(Entry(uid(follow_ups[0]), tuple(follow_ups), follow_rule, uid(mains[0])))
            continue
        for occ in follow_ups:
            related = in_series.get(occ.occurrence.parent) or parent_uid(occ)
            entries.append(Entry(uid(occ), (occ,), None, related))
    entries.sort(key=lambda entry: position[id(entry.first)])
    return entries
