"""Keeping CalDAV calendars in step with the library: ``opiskeluhuolto sync caldav``.

* :mod:`opiskeluhuolto.sync.planner` – the pure planner: given the events the
  library wants in a calendar and the events the calendar holds, what to
  create, update and delete (re-exported here);
* :mod:`opiskeluhuolto.sync.events` – the wanted events, from the ``ical``
  exporter's feed (through the plugin registry), and the server's events, both
  read as RFC 5545 content lines into one canonical form (no iCalendar library
  in the core: the tests read the server with :mod:`icalendar`);
* :mod:`opiskeluhuolto.sync.caldav_server` – the adapter to a CalDAV server
  (the optional ``caldav`` package: ``pip install 'opiskeluhuolto[caldav]'``);
* :mod:`opiskeluhuolto.sync.run` – one run over the groups (and the calendars
  of groups that have left the data): plan, carry out, count.

Importing this package imports neither :mod:`caldav` nor any exporter.
See ``docs/sync.md``.
"""

from __future__ import annotations

from opiskeluhuolto.sync.planner import (
    IGNORED_PROPERTIES,
    MARKER,
    UID_SUFFIX,
    Create,
    Delete,
    Operation,
    Plan,
    RemoteEvent,
    Update,
    WantedEvent,
    object_name,
    plan,
)

__all__ = [
    "IGNORED_PROPERTIES",
    "MARKER",
    "UID_SUFFIX",
    "Create",
    "Delete",
    "Operation",
    "Plan",
    "RemoteEvent",
    "Update",
    "WantedEvent",
    "object_name",
    "plan",
]
