"""A time zone's transitions and its yearly rule, read from :mod:`zoneinfo`.

Pure (no :mod:`icalendar`): the feed writer builds its ``VTIMEZONE`` from
:func:`zone_rule` and :func:`rule_since`, and the series planner checks
timed series against :func:`transitions`.

A zone of the tz database changes its UTC offset at *transitions*.  Its
current rule (``Europe/Helsinki``: summer time from the last Sunday of March
at 03.00 to the last Sunday of October at 04.00) is what :func:`zone_rule`
finds: the transitions of the 28 years 2100–2127 (every weekday alignment
of the calendar) are read from :mod:`zoneinfo` and must be the same *n*-th
weekday of the same month at the same local time every year, which is
exactly an RFC 5545 ``FREQ=YEARLY;BYMONTH=m;BYDAY=nSU``.  A zone without
transitions in those years has a fixed offset from some year on.
:func:`rule_since` then reads the years before 2100 one by one, back to the
year asked for, and gives the first year from which every year follows the
rule (1996 for ``Europe/Helsinki``).  Years after 2127 are the rule's by
construction of the tz data (the TZif footer, a POSIX ``TZ`` rule, holds
for every year after the last listed transition).

Transitions of other years are found by reading the offset at noon UTC every
seven days and bisecting each change to the second, so an offset that holds
for less than a week could go unseen (the tz database has none since 1950).
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo

import attrs

from opiskeluhuolto.recurrence import Weekday, nth_weekday

__all__ = [
    "Onset",
    "Transition",
    "ZoneRule",
    "rule_since",
    "sampled_transitions",
    "transitions",
    "zone_rule",
]

_UTC = _dt.UTC
_STEP = _dt.timedelta(days=7)
_SECOND = _dt.timedelta(seconds=1)

PROBE_YEARS = range(2100, 2128)
"""The years whose transitions define a zone's rule: 28 years, every weekday alignment."""

_FIRST_SCANNED = PROBE_YEARS.start - 1  # rule_since reads the years from here down
_MIN_YEAR, _MAX_YEAR = 2, 9998  # a day's margin either side of datetime's range
_NTHS = (1, 2, 3, 4, -1, -2, -3, -4)


@attrs.frozen
class Transition:
    """A change of UTC offset: the instant ``at`` (UTC), the offsets before and after it."""

    at: _dt.datetime
    before: _dt.timedelta
    after: _dt.timedelta
    dst: bool
    name: str

    @property
    def local(self) -> _dt.datetime:
        """The local (naive) time of the change in the offset before it, as VTIMEZONE writes it."""
        return (self.at + self.before).replace(tzinfo=None)


@attrs.frozen
class Onset:
    """A yearly transition of a zone's rule: the ``nth`` ``weekday`` of ``month`` at ``time``.

    ``time`` is the local time in the offset before the change (RFC 5545
    ``DTSTART`` of a ``VTIMEZONE`` observance).
    """

    month: int
    weekday: Weekday
    nth: int
    time: _dt.time
    before: _dt.timedelta
    after: _dt.timedelta
    dst: bool
    name: str

    def in_year(self, year: int) -> Transition:
        day = nth_weekday(year, self.month, self.weekday, self.nth)
        assert day is not None  # nth is 1–4 or −1–−4: every month has one
        local = _dt.datetime.combine(day, self.time)
        at = (local - self.before).replace(tzinfo=_UTC)
        return Transition(at, self.before, self.after, self.dst, self.name)

    @property
    def byday(self) -> str:
        return f"{self.nth}{self.weekday.name}"


@attrs.frozen
class ZoneRule:
    """A zone's rule: yearly ``onsets`` (two), or none and a fixed ``offset`` called ``name``."""

    key: str
    onsets: tuple[Onset, ...]
    offset: _dt.timedelta
    name: str

    def transitions(self, year: int) -> tuple[Transition, ...]:
        """The rule's transitions in UTC year ``year``, in order."""
        found = [
            transition
            for local_year in (year - 1, year, year + 1)
            if _MIN_YEAR <= local_year <= _MAX_YEAR
            for onset in self.onsets
            if (transition := onset.in_year(local_year)).at.year == year
        ]
        return tuple(sorted(found, key=_at))


def _at(transition: Transition) -> _dt.datetime:
    return transition.at


@functools.lru_cache(maxsize=32)
def _zone(key: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(key)


def _offset(zone: zoneinfo.ZoneInfo, moment: _dt.datetime) -> _dt.timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


@functools.lru_cache(maxsize=4096)
def sampled_transitions(key: str, year: int) -> tuple[Transition, ...]:
    """The transitions of UTC year ``year`` as :mod:`zoneinfo` has them (sampled, bisected)."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return ()
    zone = _zone(key)
    found: list[Transition] = []
    moment = _dt.datetime(year, 1, 1, tzinfo=_UTC) - _dt.timedelta(hours=12)  # noon, 31.12.
    end = _dt.datetime(year + 1, 1, 1, tzinfo=_UTC)
    offset = _offset(zone, moment)
    while moment < end:
        following = moment + _STEP
        next_offset = _offset(zone, following)
        if next_offset != offset:
            # offset(lo) == offset != offset(hi); both are whole seconds
            lo, hi = moment, following
            while hi - lo > _SECOND:
                middle = lo + _dt.timedelta(seconds=(hi - lo) // _SECOND // 2)
                if _offset(zone, middle) == offset:
                    lo = middle
                else:
                    hi = middle
            local = hi.astimezone(zone)
            if hi.year == year:
                found.append(
                    Transition(
                        hi, offset, _offset(zone, hi), bool(local.dst()), local.tzname() or ""
                    )
                )
        offset, moment = next_offset, following
    return tuple(found)


def _onset(group: list[Transition], years: range) -> Onset | None:
    """The yearly onset the transitions of ``years`` (one a year) all are, or None."""
    first = group[0]
    if any(
        (t.before, t.after, t.dst, t.name) != (first.before, first.after, first.dst, first.name)
        for t in group
    ):
        return None
    locals_ = [t.local for t in group]
    month, time, weekday = locals_[0].month, locals_[0].time(), locals_[0].weekday()
    if any((m.month, m.time(), m.weekday()) != (month, time, weekday) for m in locals_):
        return None
    for nth in _NTHS:
        if all(
            nth_weekday(year, month, weekday, nth) == moment.date()
            for year, moment in zip(years, locals_, strict=True)
        ):
            return Onset(
                month, Weekday(weekday), nth, time, first.before, first.after, first.dst, first.name
            )
    return None


@functools.lru_cache(maxsize=32)
def zone_rule(key: str) -> ZoneRule | None:
    """The zone's yearly rule as 2100–2127 show it, or None when no RFC 5545 rule says it.

    Raises :class:`zoneinfo.ZoneInfoNotFoundError` for an unknown zone.
    """
    zone = _zone(key)
    per_year = [sampled_transitions(key, year) for year in PROBE_YEARS]
    if all(not found for found in per_year):
        moment = _dt.datetime(PROBE_YEARS.start, 1, 1, tzinfo=_UTC).astimezone(zone)
        offset = moment.utcoffset()
        assert offset is not None
        return ZoneRule(key, (), offset, moment.tzname() or "")
    if any(len(found) != 2 for found in per_year):
        return None
    onsets = []
    for index in range(2):
        onset = _onset([found[index] for found in per_year], PROBE_YEARS)
        if onset is None:
            return None
        onsets.append(onset)
    # Standard time is the smaller offset (Europe/Dublin calls its winter time DST).
    standard = min(onsets, key=lambda onset: onset.after)
    return ZoneRule(key, tuple(onsets), standard.after, standard.name)


@functools.lru_cache(maxsize=256)
def rule_since(key: str, floor: int) -> int:
    """The first year ≥ ``floor`` from which every year follows :func:`zone_rule` exactly.

    Reads the years from 2099 down to ``floor`` and stops at the first that
    differs.  Only for zones that have a rule.
    """
    rule = zone_rule(key)
    if rule is None:
        raise ValueError(f"time zone {key!r} has no yearly rule")
    floor = max(floor, _MIN_YEAR)
    for year in range(min(_FIRST_SCANNED, PROBE_YEARS.stop), floor - 1, -1):
        if sampled_transitions(key, year) != rule.transitions(year):
            return year + 1
    return floor


def transitions(key: str, first: _dt.date, last: _dt.date) -> tuple[Transition, ...]:
    """Every transition of the years ``first.year``–``last.year``, in order.

    The rule's (by local year) from :func:`rule_since` on, the sampled ones
    (by UTC year) before.
    """
    return _transitions(key, first.year, last.year)


@functools.lru_cache(maxsize=64)
def _transitions(key: str, first: int, last: int) -> tuple[Transition, ...]:
    rule = zone_rule(key)
    since = rule_since(key, first) if rule is not None else _MAX_YEAR + 1
    found: list[Transition] = []
    for year in range(max(first, _MIN_YEAR), min(last, _MAX_YEAR) + 1):
        if rule is not None and year >= since:
            found.extend(sorted((onset.in_year(year) for onset in rule.onsets), key=_at))
        else:
            found.extend(sampled_transitions(key, year))
    return tuple(found)
