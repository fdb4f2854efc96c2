"""The sync plan: what to create, update and delete to bring a calendar in step.

Pure: given the events the library wants in one calendar and the events the
calendar holds, :func:`plan` computes the operations.  No I/O, no clock,
frozen values; the CalDAV adapter (:mod:`opiskeluhuolto.sync.caldav_server`)
reads the server's events and carries the operations out.

* An event is **ours** when this tool put it there: its UID ends in
  ``@opiskeluhuolto`` *and* it carries the marker property
  (:data:`MARKER`) with the organisation's id.  Every other event is
  **foreign** and is never in a plan: not updated, not deleted, not
  overwritten by a create (a create never takes an object name already in
  the calendar).
* A wanted event that no event of ours holds is created (``SEQUENCE`` 0).
* A wanted event whose event of ours differs in content (compared without
  ``DTSTAMP``, ``SEQUENCE`` and ``LAST-MODIFIED``) is updated in place, with
  the server's ``SEQUENCE`` + 1; an equal one is left alone.
* An event of ours whose UID left the data is deleted, and so is a second
  copy of ours with the same UID (only the first by object name is kept).
* A wanted UID that only a foreign event holds is a **conflict**: reported,
  never touched.

Each operation is one whole event (one PUT or one DELETE), so a run that stops
after any number of operations leaves every event either old or new, and
planning again from what the server then holds completes the work.

>>> wanted = [WantedEvent("a@opiskeluhuolto", ("SUMMARY:Kysely",))]
>>> first = plan(wanted, [])
>>> first.creates
(Create(uid='a@opiskeluhuolto', name='a-opiskeluhuolto.ics'),)
>>> server = [RemoteEvent("/k/ohr/a-opiskeluhuolto.ics", "a@opiskeluhuolto",
...                       ("SUMMARY:Kysely",), 0, ours=True)]
>>> plan(wanted, server).empty
True
>>> moved = [WantedEvent("a@opiskeluhuolto", ("SUMMARY:Kysely (siirretty)",))]
>>> plan(moved, server).updates
(Update(uid='a@opiskeluhuolto', href='/k/ohr/a-opiskeluhuolto.ics', sequence=1),)
>>> plan([], server).deletes
(Delete(uid='a@opiskeluhuolto', href='/k/ohr/a-opiskeluhuolto.ics'),)
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from urllib.parse import unquote, urlsplit

import attrs

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

UID_SUFFIX = "@opiskeluhuolto"
"""Every UID this tool writes ends so (the ``ical`` exporter's UIDs do)."""

MARKER = "X-OPISKELUHUOLTO-SYNC"
"""The property on every event the sync wrote; its value is the organisation's id."""

IGNORED_PROPERTIES = frozenset({"DTSTAMP", "SEQUENCE", "LAST-MODIFIED"})
"""Properties left out when two versions of an event are compared."""

Content = Hashable
"""An event's content in a canonical form: equal exactly when the events are equal."""


@attrs.frozen
class WantedEvent:
    """An event the library wants in the calendar: its UID and its content."""

    uid: str
    content: Content


@attrs.frozen
class RemoteEvent:
    """An event the calendar holds: where (``href``), which (``uid``), what, and whose.

    ``uid`` is ``None`` for an object that has no readable event;
    ``ours`` says the event carries the marker with this organisation's id.
    """

    href: str
    uid: str | None
    content: Content
    sequence: int = 0
    ours: bool = False

    @property
    def name(self) -> str:
        """The object's name in its calendar: the last segment of the href, unquoted."""
        return unquote(urlsplit(self.href).path.rstrip("/").rpartition("/")[2])

    @property
    def is_ours(self) -> bool:
        """Marked *and* with a UID of this tool: only such an event is ever changed."""
        return self.ours and self.uid is not None and self.uid.endswith(UID_SUFFIX)


@attrs.frozen
class Create:
    """PUT a new object ``name`` (in the calendar) holding the wanted event ``uid``."""

    uid: str
    name: str


@attrs.frozen
class Update:
    """PUT the wanted event ``uid`` over ``href``, with ``SEQUENCE`` ``sequence``."""

    uid: str
    href: str
    sequence: int


@attrs.frozen
class Delete:
    """DELETE ``href``, an event of ours that left the data (or a second copy)."""

    uid: str
    href: str


Operation = Create | Update | Delete


@attrs.frozen
class Plan:
    """The operations for one calendar, and what is left as it is."""

    creates: tuple[Create, ...] = ()
    updates: tuple[Update, ...] = ()
    deletes: tuple[Delete, ...] = ()
    unchanged: int = 0
    conflicts: tuple[str, ...] = ()
    """Wanted UIDs that only a foreign event holds: never touched."""

    @property
    def operations(self) -> tuple[Operation, ...]:
        """In the order they are carried out: updates, creates, then deletes."""
        return (*self.updates, *self.creates, *self.deletes)

    @property
    def empty(self) -> bool:
        return not (self.creates or self.updates or self.deletes)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 200


def object_name(uid: str, taken: Iterable[str] = ()) -> str:
    """The object name of a new event: its UID made safe for a URL, not one in ``taken``.

    >>> object_name("sedu.ohr.kysely.2026@opiskeluhuolto")
    'sedu.ohr.kysely.2026-opiskeluhuolto.ics'
    >>> object_name("a@opiskeluhuolto", taken={"a-opiskeluhuolto.ics"})
    'a-opiskeluhuolto-2.ics'
    """
    base = _UNSAFE.sub("-", uid).strip(".-")[:_MAX_NAME] or "tapahtuma"
    taken = set(taken)
    name, number = f"{base}.ics", 1
    while name in taken:
        number += 1
        name = f"{base}-{number}.ics"
    return name


def plan(wanted: Iterable[WantedEvent], remote: Iterable[RemoteEvent]) -> Plan:
    """The operations that make the calendar hold exactly ``wanted`` (and every foreign event).

    ``wanted`` has one event per UID (a second one of a UID is a ValueError).
    """
    wanted_by_uid: dict[str, WantedEvent] = {}
    for want in wanted:
        if want.uid in wanted_by_uid:
            raise ValueError(f"two wanted events with UID {want.uid!r}")
        wanted_by_uid[want.uid] = want
    held = sorted(remote, key=lambda event: (event.name, event.href))
    ours: dict[str, list[RemoteEvent]] = {}
    foreign_uids: set[str] = set()
    for event in held:
        if event.is_ours:
            assert event.uid is not None
            ours.setdefault(event.uid, []).append(event)
        elif event.uid is not None:
            foreign_uids.add(event.uid)
    taken = {event.name for event in held}
    creates: list[Create] = []
    updates: list[Update] = []
    deletes: list[Delete] = []
    conflicts: list[str] = []
    unchanged = 0
    for uid in sorted(wanted_by_uid):
        copies = ours.get(uid)
        if copies:
            kept = copies[0]
            if kept.content == wanted_by_uid[uid].content:
                unchanged += 1
            else:
                updates.append(Update(uid, kept.href, kept.sequence + 1))
        elif uid in foreign_uids:
            conflicts.append(uid)
        else:
            name = object_name(uid, taken)
            taken.add(name)
            creates.append(Create(uid, name))
    for uid in sorted(ours):
        stale = ours[uid] if uid not in wanted_by_uid else ours[uid][1:]
        deletes.extend(Delete(uid, event.href) for event in stale)
    return Plan(tuple(creates), tuple(updates), tuple(deletes), unchanged, tuple(conflicts))
