"""The ``ical`` exporter: an RFC 5545 (iCalendar) feed of the annual calendar.

Registered through the ``opiskeluhuolto`` entry points like any third-party
plugin and built on the public API of :mod:`opiskeluhuolto` only.  Loading the
plugin is cheap: :mod:`icalendar` is imported when a feed is rendered.

* ``mode=expanded`` (default): one ``VEVENT`` per occurrence.  All-day ones
  have ``DTSTART;VALUE=DATE`` the first day and ``DTEND`` the day after the
  last (exclusive); timed ones (``klo 14–15.30``) ``DTSTART;TZID=<zone>`` and
  ``DTEND;TZID=<zone>`` in the organisation's time zone, with a ``VTIMEZONE``
  for it (:mod:`opiskeluhuolto_ical.vtimezone`).  Every client shows exactly
  the library's dates and times.
* ``mode=rrule``: one recurring ``VEVENT`` per item wherever one ``RRULE`` is
  exactly the item's rule for ever – yearly, monthly or weekly shapes,
  proved over a 400-year cycle (:mod:`opiskeluhuolto_ical.series`): it
  starts at the item's first occurrence in the export range and runs on past
  it (open-ended, or ``UNTIL`` the end of a validity period or school year);
  single events for the rest.
  A rule that needs the school calendar (breaks, terms, school days) is
  never a series.
* ``alarm_days=N``: a ``VALARM`` N days before each event.
* ``meetings=true`` (default false): the group's meetings as events too (the
  ``--group`` option's group, else every group's), timed with ``TZID`` when
  the meeting rule has a time, else all-day; SUMMARY "<group>: kokous"
  ("meeting"), UID from organisation, group and day.
* ``refresh_hours=N`` (default 12): ``REFRESH-INTERVAL;VALUE=DURATION`` and
  ``X-PUBLISHED-TTL``.
* ``state=FILE``: a state file (``.opiskeluhuolto-state.json``) to read each
  event's ``SEQUENCE`` and ``LAST-MODIFIED`` from; without one every event
  has ``SEQUENCE:0`` and is stamped with the range's first day
  (:mod:`opiskeluhuolto.publishing`).  The time of the export is in no byte of
  an unchanged feed.

Fit for subscription: all-day events are ``TRANSP:TRANSPARENT``; there is no
``METHOD`` (no ``ORGANIZER``); ``X-WR-CALNAME`` is escaped; the organisation's
``VTIMEZONE`` is always there, so a feed with no event is valid (and the
exporter warns through ``context.warn``).

An occurrence moved to a school day ("siirtyy edelliseen koulupäivään") says
so first in its DESCRIPTION ("Siirretty koulupäivälle, alun perin 6.12.2026").

Follow-ups ("Tulokset: …") are events of their own with ``RELATED-TO`` the
parent's UID; deadlines are marked "Määräaika: …" ("Deadline: …").  An
event's UID is its occurrence's stable id (organisation, item, period – never
the start date), a series' the item's (organisation, item), each followed by
``@opiskeluhuolto``.  See ``docs/ical.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from opiskeluhuolto import hookimpl
from opiskeluhuolto.calendar import MAX_LEAD_DAYS
from opiskeluhuolto.exporting import (
    WHOLE_NUMBER,
    YES_NO,
    Between,
    ExportContext,
    Exporter,
    OneOf,
    Option,
    Output,
)
from opiskeluhuolto.fmt import format_span, pick

__all__ = ["DEFAULT_REFRESH_HOURS", "MODES", "IcalExporter", "feed_key"]

MODES = ("expanded", "rrule")


MAX_ALARM_DAYS = MAX_LEAD_DAYS
"""The earliest reminder: a year (and a day) before the event."""

DEFAULT_REFRESH_HOURS = 12
"""How often a subscriber fetches the feed again (``REFRESH-INTERVAL``, ``X-PUBLISHED-TTL``)."""

MAX_REFRESH_HOURS = 24 * 7
"""The longest refresh interval: a week."""


class IcalExporter(Exporter):
    """RFC 5545 feed: ``mode=expanded|rrule``, ``alarm_days=N``, ``meetings=true|false``."""

    name = "ical"
    description = "iCalendar-syöte (RFC 5545) kalenterisovelluksiin"
    description_en = "iCalendar feed (RFC 5545) for calendar applications"
    description_sv = "iCalendar-flöde (RFC 5545) för kalenderprogram"
    output = Output.FILE
    default_path = "vuosikello.ics"
    options = (
        Option(
            "mode",
            "expanded",
            "expanded: oma tapahtuma jokaisesta esiintymästä; rrule: toistuva tapahtuma "
            "(RRULE) aina kun sääntö on tarkasti ilmaistavissa",
            "expanded: one event per occurrence; rrule: a recurring event (RRULE) "
            "wherever the rule is exactly expressible",
            help_sv=(
                "expanded: en egen händelse för varje tillfälle; rrule: en återkommande "
                "händelse (RRULE) där regeln kan uttryckas exakt"
            ),
            validator=OneOf(MODES),
        ),
        Option(
            "alarm_days",
            None,
            "muistutus N päivää ennen alkua (oletus: ei muistutusta)",
            "a reminder N days before the start (default: no reminder)",
            help_sv="en påminnelse N dagar före början (standard: ingen påminnelse)",
            converter=WHOLE_NUMBER,
            validator=Between(0, MAX_ALARM_DAYS),
        ),
        Option(
            "meetings",
            None,
            "true: myös ryhmän kokoukset tapahtumina, ilman ryhmää kaikkien ryhmien "
            "(oletus: false)",
            "true: the group's meetings as events too, without a group every group's "
            "(default: false)",
            help_sv=(
                "true: också gruppens möten som händelser, utan grupp alla gruppers "
                "(standard: false)"
            ),
            converter=YES_NO,
        ),
        Option(
            "refresh_hours",
            DEFAULT_REFRESH_HOURS,
            "kuinka usein tilaajan sovellus hakee syötteen uudelleen, tunteina "
            "(REFRESH-INTERVAL, X-PUBLISHED-TTL)",
            "how often a subscriber's application fetches the feed again, in hours "
            "(REFRESH-INTERVAL, X-PUBLISHED-TTL)",
            help_sv=(
                "hur ofta prenumerantens program hämtar flödet på nytt, i timmar "
                "(REFRESH-INTERVAL, X-PUBLISHED-TTL)"
            ),
            converter=WHOLE_NUMBER,
            validator=Between(1, MAX_REFRESH_HOURS),
        ),
        Option(
            "state",
            None,
            "tilatiedosto (.opiskeluhuolto-state.json), josta tapahtumien SEQUENCE ja "
            "LAST-MODIFIED luetaan; vain luetaan, export site päivittää sen (oletus: ei "
            "tilaa, SEQUENCE:0)",
            "a state file (.opiskeluhuolto-state.json) to read the events' SEQUENCE and "
            "LAST-MODIFIED from; only read, export site updates it (default: no state, "
            "SEQUENCE:0)",
            help_sv=(
                "en tillståndsfil (.opiskeluhuolto-state.json) som händelsernas SEQUENCE och "
                "LAST-MODIFIED läses från; den läses bara, export site uppdaterar den "
                "(standard: inget tillstånd, SEQUENCE:0)"
            ),
        ),
    )

    def render(self, context: ExportContext) -> bytes:
        # The host checked the options against the declarations above.
        mode = context.options.get("mode") or "expanded"
        alarm_days = context.options.get("alarm_days")
        with_meetings = context.options.get("meetings") is True
        refresh = context.options.get("refresh_hours")
        state = context.options.get("state")
        # Lazy imports: registering the plugin must not import icalendar.
        from opiskeluhuolto.publishing import read_state
        from opiskeluhuolto_ical.feed import group_meetings, render_feed
        from opiskeluhuolto_ical.series import plan

        known = read_state(state).feed(feed_key(context)) if isinstance(state, str) else None
        tracked = None
        if context.records is None:
            occurrences = context.occurrences()
            entries = plan(occurrences, series=mode == "rrule")
        else:
            # With records: each occurrence at the days it is at now, and an
            # item with a record is written event by event (no series).
            found = context.tracked_occurrences()
            tracked = {t.id: t for t in found if t.record is not None}
            recorded = {t.planned.item.id for t in found if t.record is not None}
            occurrences = [t.occurrence for t in found]
            entries = plan(occurrences, series=mode == "rrule", singles=recorded)
        meetings = group_meetings(context) if with_meetings else []
        if not entries and not meetings:
            context.warn(_no_events(context))
        return render_feed(
            context,
            entries,
            alarm_days=alarm_days if isinstance(alarm_days, int) else None,
            meetings=meetings,
            refresh_hours=refresh if isinstance(refresh, int) else DEFAULT_REFRESH_HOURS,
            known=known,
            tracked=tracked,
        )


def feed_key(context: ExportContext) -> str:
    """The feed's key in a state file: its group's id, ``""`` for the whole organisation."""
    return context.group or ""


def _no_events(context: ExportContext) -> str:
    span = format_span(context.start, context.end, context.lang)
    if context.group is None:
        return pick(
            context.lang,
            f"ical: aineistossa ei ole tapahtumia aikavälillä {span}; syöte on tyhjä "
            "(mutta kelvollinen)",
            f"ical: the data has no events in {span}; the feed is empty (but valid)",
            f"ical: data har inga händelser under {span}; flödet är tomt (men giltigt)",
        )
    return pick(
        context.lang,
        f"ical: ryhmällä {context.group!r} ei ole tapahtumia aikavälillä {span}; syöte on "
        "tyhjä (mutta kelvollinen)",
        f"ical: group {context.group!r} has no events in {span}; the feed is empty (but valid)",
        f"ical: gruppen {context.group!r} har inga händelser under {span}; flödet är tomt "
        "(men giltigt)",
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(IcalExporter())
