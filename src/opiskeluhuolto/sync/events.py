"""The events of a sync: the library's, from the ``ical`` feed, and the server's.

The wanted events of a group are the ``ical`` exporter's feed of that group
(``meetings=true``), rendered through the public plugin registry and parsed
with :mod:`icalendar`: one ``VEVENT`` per UID, so the sync and the published
feeds never disagree.  The server's objects are parsed the same way.  Both
sides are reduced to one canonical form (:func:`content`): each property as
``NAME;PARAMS:VALUE`` re-serialised by icalendar, sorted, subcomponents
(``VALARM``) likewise, without ``DTSTAMP``, ``SEQUENCE`` and
``LAST-MODIFIED``; so a server that reorders properties, refolds lines or
escapes text its own way compares equal, and a change of any other property
does not.

Imported only by a sync: importing it imports :mod:`icalendar`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import cast

import attrs
import icalendar

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang
from opiskeluhuolto.plugins import RegisteredExporter
from opiskeluhuolto.sync.planner import IGNORED_PROPERTIES, MARKER, RemoteEvent, WantedEvent

__all__ = ["FeedEvent", "content", "feed_events", "group_feed", "remote_event"]

_Canonical = tuple[str, tuple[str, ...], tuple[object, ...]]


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _canonical(component: icalendar.cal.Component) -> _Canonical:
    lines: list[str] = []
    for name, value in component.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END") or name in IGNORED_PROPERTIES:
            continue
        params = getattr(value, "params", None)
        rendered = _text(value.to_ical()) if hasattr(value, "to_ical") else str(value)
        lines.append(f"{name};{_text(params.to_ical()) if params else ''}:{rendered}")
    subcomponents = sorted(_canonical(sub) for sub in component.subcomponents)
    return (component.name or "", tuple(sorted(lines)), tuple(subcomponents))


def content(events: Sequence[icalendar.cal.Component]) -> tuple[_Canonical, ...]:
    """The canonical content of an object's events (one for every object of ours)."""
    return tuple(_canonical(event) for event in events)


@attrs.frozen(eq=False)
class FeedEvent:
    """One event of the feed, marked for the sync, and the time zones it refers to."""

    uid: str
    event: icalendar.Event
    timezones: tuple[icalendar.Timezone, ...]
    prodid: str

    @property
    def wanted(self) -> WantedEvent:
        return WantedEvent(self.uid, content([self.event]))

    def object(self, sequence: int, modified: _dt.datetime) -> bytes:
        """The calendar object to PUT: this event with ``SEQUENCE`` and ``LAST-MODIFIED``.

        No ``METHOD`` (RFC 4791 §4.1: a calendar object resource has none).
        """
        wrapper = icalendar.Calendar()
        wrapper.add("prodid", self.prodid)
        wrapper.add("version", "2.0")
        wrapper.add("calscale", "GREGORIAN")
        for timezone in self.timezones:
            wrapper.add_component(timezone)
        self.event["SEQUENCE"] = icalendar.vInt(sequence)
        self.event["LAST-MODIFIED"] = icalendar.vDDDTypes(modified.astimezone(_dt.UTC))
        wrapper.add_component(self.event)
        data: bytes = wrapper.to_ical()
        return data


def _tzids(component: icalendar.cal.Component) -> set[str]:
    found: set[str] = set()
    for _name, value in component.property_items(recursive=True, sorted=False):
        params = getattr(value, "params", None)
        if params and "TZID" in params:
            found.add(str(params["TZID"]))
    return found


def feed_events(data: bytes, organisation_id: str) -> list[FeedEvent]:
    """The feed's events, one per UID, each marked with :data:`MARKER` ``organisation_id``.

    A feed with two events of one UID is a ValueError: the sync would not
    know which of them the calendar should hold.
    """
    feed = icalendar.Calendar.from_ical(data)
    zones = {str(zone["TZID"]): zone for zone in feed.walk("VTIMEZONE")}
    prodid = str(feed.get("PRODID", "-//opiskeluhuolto//sync//FI"))
    found: dict[str, FeedEvent] = {}
    for event in feed.walk("VEVENT"):
        uid = str(event["UID"])
        if uid in found:
            raise ValueError(f"the feed has two events with UID {uid!r}")
        for name in ("SEQUENCE", "LAST-MODIFIED", MARKER):
            event.pop(name, None)
        event[MARKER] = icalendar.vText(organisation_id)
        used = tuple(zones[tzid] for tzid in sorted(_tzids(event)) if tzid in zones)
        found[uid] = FeedEvent(
            uid, cast(icalendar.Event, event), cast("tuple[icalendar.Timezone, ...]", used), prodid
        )
    return list(found.values())


def remote_event(href: str, data: bytes | str | None, organisation_id: str) -> RemoteEvent:
    """A server's object as the planner sees it; unreadable data is a foreign object."""
    try:
        events = icalendar.Calendar.from_ical(data or "").walk("VEVENT")
    except Exception:  # whatever icalendar cannot read is foreign: never touched
        events = []
    if not events:
        return RemoteEvent(href, None, (), 0, ours=False)
    first = events[0]
    uid = first.get("UID")
    try:
        sequence = max(int(event.get("SEQUENCE", 0)) for event in events)
    except (TypeError, ValueError):
        sequence = 0
    marker = first.get(MARKER)
    return RemoteEvent(
        href,
        None if uid is None else str(uid),
        content(events),
        sequence,
        ours=marker is not None and str(marker) == organisation_id,
    )


def group_feed(
    exporter: RegisteredExporter,
    organisation: Organisation,
    group: str,
    start: _dt.date,
    end: _dt.date,
    *,
    lang: Lang = "fi",
    today: _dt.date | None = None,
) -> bytes:
    """The ``ical`` feed of ``group`` with its meetings, as the published feeds have it."""
    options = exporter.parse_options({"meetings": "true"})
    context = ExportContext(
        organisation,
        start,
        end,
        group=group,
        options=options,
        lang=lang,
        today=_dt.date.today() if today is None else today,
    )
    rendered = exporter.render(context)
    if not isinstance(rendered, bytes):  # the host checked the output: a file is bytes
        raise TypeError(f"exporter {exporter.name!r} did not render one file")
    return rendered
