"""The ``VTIMEZONE`` of a feed with timed events.

Imported by the feed writer only (it imports :mod:`icalendar`).  A timed event
is written ``DTSTART;TZID=Europe/Helsinki:20260908T140000``; RFC 5545 wants
the feed to define that ``TZID``.  Clients that know the zone by name use
their own data; the others read this definition, so it must be right for
every instance of every series, not only within the export range:

* from the zone's current rule on (:func:`opiskeluhuolto_ical.zones.rule_since`;
  1996 for ``Europe/Helsinki``) two observances with a yearly ``RRULE``
  (``DAYLIGHT`` from the last Sunday of March at 03.00, ``STANDARD`` from the
  last Sunday of October at 04.00), or one ``STANDARD`` for a zone that no
  longer changes its offset;
* before that, when the feed's first timed event is earlier, the zone's
  history as :meth:`icalendar.Timezone.from_tzinfo` writes it (``RDATE``
  lists), from the year before that event to the rule's first year.

A zone whose current rule is not a yearly nth weekday (none in Europe) gets
:meth:`~icalendar.Timezone.from_tzinfo` up to the year after ``last`` alone;
the planner keeps such a zone's timed events expanded.
"""

from __future__ import annotations

import datetime as _dt
import zoneinfo

import icalendar

from opiskeluhuolto_ical import zones

__all__ = ["vtimezone"]


def _observance(
    onset: zones.Onset | None, rule: zones.ZoneRule, year: int
) -> icalendar.cal.Component:
    if onset is None:  # a fixed offset from ``year`` on
        component: icalendar.cal.Component = icalendar.TimezoneStandard()
        component.add("DTSTART", _dt.datetime(year, 1, 1))
        component.add("TZOFFSETFROM", rule.offset)
        component.add("TZOFFSETTO", rule.offset)
        component.add("TZNAME", rule.name)
        return component
    daylight = onset.after > onset.before  # Europe/Dublin calls its winter time DST
    component = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
    component.add("DTSTART", onset.in_year(year).local)
    component.add("TZOFFSETFROM", onset.before)
    component.add("TZOFFSETTO", onset.after)
    component.add("TZNAME", onset.name)
    component.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": onset.month, "BYDAY": onset.byday})
    return component


def _relabelled(component: icalendar.cal.Component) -> icalendar.cal.Component:
    """An observance as ``DAYLIGHT`` when it moves the clocks forward, else ``STANDARD``.

    :meth:`icalendar.Timezone.from_tzinfo` labels by :meth:`datetime.tzinfo.dst`,
    which the tz database makes negative in some zones (``Europe/Dublin``);
    readers that take standard time as ``utcoffset − dst`` then misplace
    the instants next to the yearly observances, which label by offset.
    """
    offset_to, offset_from = component["TZOFFSETTO"], component["TZOFFSETFROM"]
    assert isinstance(offset_to, icalendar.vUTCOffset)
    assert isinstance(offset_from, icalendar.vUTCOffset)
    forward = offset_to.td > offset_from.td
    relabelled = icalendar.TimezoneDaylight() if forward else icalendar.TimezoneStandard()
    for name, value in component.property_items(recursive=False, sorted=False):
        if name not in ("BEGIN", "END"):
            relabelled.add(name, value, encode=False)
    return relabelled


def vtimezone(key: str, first: _dt.date, last: _dt.date) -> icalendar.Timezone:
    """The ``VTIMEZONE`` of zone ``key`` for timed events from ``first`` on (to ``last``)."""
    floor = max(first.year - 1, 2)
    rule = zones.zone_rule(key)
    if rule is None:
        return icalendar.Timezone.from_tzinfo(
            zoneinfo.ZoneInfo(key),
            key,
            first_date=_dt.date(floor, 1, 1),
            last_date=_dt.date(last.year + 2, 1, 1),
        )
    since = zones.rule_since(key, floor)
    timezone = icalendar.Timezone()
    timezone.add("TZID", key)
    if since > floor:
        history = icalendar.Timezone.from_tzinfo(
            zoneinfo.ZoneInfo(key),
            key,
            first_date=_dt.date(floor, 1, 1),
            last_date=_dt.date(since, 1, 1),
        )
        for component in history.subcomponents:
            timezone.add_component(_relabelled(component))
    for onset in rule.onsets or (None,):
        timezone.add_component(_observance(onset, rule, since))
    return timezone
