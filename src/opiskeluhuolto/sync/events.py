"""The events of a sync: the library's, from the ``ical`` feed, and the server's.

The wanted events of a group are the ``ical`` exporter's feed of that group
(``meetings=true``), rendered through the public plugin registry: one
``VEVENT`` per UID, so the sync and the published feeds never disagree.  The
server's objects are read the same way.  Both are RFC 5545 content lines, and
this module works on those lines (like :mod:`opiskeluhuolto.publishing`, and
for the same reason: the core imports no iCalendar library; the tests read the
server with :mod:`icalendar`, an independent implementation).

Both sides are reduced to one canonical form (:func:`content`), because a
server stores an event its own way: lines unfolded (wherever they were
folded, with CRLF or LF), each property as ``NAME;PARAM=value…:VALUE`` with
the names upper-case, the parameters sorted and unquoted, ``\\N`` read as
``\\n``, the properties sorted and subcomponents (``VALARM``) likewise, without
``DTSTAMP``, ``SEQUENCE`` and ``LAST-MODIFIED``.  A server that reorders
properties, refolds lines or quotes parameters compares equal; a change of any
other property does not.  (:func:`opiskeluhuolto.publishing.event_digest` is
the feed's own notion, over its own deterministic bytes; the sync must also
read what another program wrote.)
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Sequence

import attrs

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang
from opiskeluhuolto.plugins import RegisteredExporter
from opiskeluhuolto.sync.planner import IGNORED_PROPERTIES, MARKER, RemoteEvent, WantedEvent

__all__ = [
    "Component",
    "FeedEvent",
    "content",
    "feed_events",
    "group_feed",
    "parse",
    "remote_event",
]

_LINE_END = re.compile(rb"\r?\n")
_ESCAPE = re.compile(r"\\(.)")
_FOLD_AT = 75  # octets, RFC 5545 §3.1
_DEFAULT_PRODID = "-//opiskeluhuolto//sync//FI"


class CalendarSyntaxError(ValueError):
    """Text that is no iCalendar object (unbalanced ``BEGIN``/``END``, not UTF-8)."""


def _same_escape(match: re.Match[str]) -> str:
    """``\\N`` and ``\\n`` are one line break (``\\\\N`` stays a backslash and an N)."""
    return "\\n" if match.group(1) == "N" else match.group(0)


@attrs.frozen
class Line:
    """One content line: ``NAME;PARAM=value:VALUE``, as written (unfolded) and as parts."""

    text: str
    name: str
    params: tuple[tuple[str, str], ...]
    value: str

    @property
    def canonical(self) -> str:
        params = "".join(f";{name}={value}" for name, value in sorted(self.params))
        value = _ESCAPE.sub(_same_escape, self.value)
        return f"{self.name}{params}:{value}"

    def param(self, name: str) -> str | None:
        return next((value for key, value in self.params if key == name), None)


@attrs.frozen
class Component:
    """``BEGIN:NAME`` … ``END:NAME``: its own lines and its subcomponents, in order."""

    name: str
    lines: tuple[Line, ...]
    children: tuple[Component, ...]

    def value(self, name: str) -> str | None:
        return next((line.value for line in self.lines if line.name == name), None)

    def walk(self, name: str) -> Iterator[Component]:
        if self.name == name:
            yield self
        for child in self.children:
            yield from child.walk(name)

    def text_lines(self) -> Iterator[str]:
        """The component as unfolded lines (``BEGIN``, its lines, its children, ``END``)."""
        yield f"BEGIN:{self.name}"
        for line in self.lines:
            yield line.text
        for child in self.children:
            yield from child.text_lines()
        yield f"END:{self.name}"


def _split(text: str) -> Line:
    """``NAME;P=v;Q="a:b":VALUE`` → its parts (a quoted parameter value may hold ``;``, ``:``)."""
    end = len(text)
    cut = 0
    while cut < end and text[cut] not in ";:":
        cut += 1
    name = text[:cut].upper()
    params: list[tuple[str, str]] = []
    while cut < end and text[cut] == ";":
        stop, quoted = cut + 1, False
        while stop < end and (quoted or text[stop] not in ";:"):
            if text[stop] == '"':
                quoted = not quoted
            stop += 1
        key, _sep, value = text[cut + 1 : stop].partition("=")
        params.append((key.upper(), value.replace('"', "")))
        cut = stop
    return Line(text, name, tuple(params), text[cut + 1 :] if cut < end else "")


def _logical_lines(data: bytes) -> Iterator[str]:
    """Physical lines (CRLF or LF) unfolded into content lines, decoded as UTF-8."""
    current: bytes | None = None
    for physical in _LINE_END.split(data):
        if physical[:1] in (b" ", b"\t") and current is not None:
            current += physical[1:]
            continue
        if current is not None:
            yield _decoded(current)
        current = physical
    if current:
        yield _decoded(current)


def _decoded(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise CalendarSyntaxError("not UTF-8") from None


def parse(data: bytes | str) -> Component:
    """An iCalendar object's outermost component (normally ``VCALENDAR``)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    stack: list[tuple[str, list[Line], list[Component]]] = []
    top: Component | None = None
    for text in _logical_lines(raw):
        if not text.strip():
            continue
        line = _split(text)
        if line.name == "BEGIN":
            stack.append((line.value.upper(), [], []))
        elif line.name == "END":
            if not stack or stack[-1][0] != line.value.upper():
                raise CalendarSyntaxError(f"unbalanced END:{line.value}")
            name, lines, children = stack.pop()
            done = Component(name, tuple(lines), tuple(children))
            if stack:
                stack[-1][2].append(done)
            elif top is None:
                top = done
        elif stack:
            stack[-1][1].append(line)
    if stack or top is None:
        raise CalendarSyntaxError("no whole component")
    return top


_Canonical = tuple[str, tuple[str, ...], tuple[object, ...]]


def _canonical(component: Component) -> _Canonical:
    lines = sorted(
        line.canonical for line in component.lines if line.name not in IGNORED_PROPERTIES
    )
    children = sorted(_canonical(child) for child in component.children)
    return (component.name, tuple(lines), tuple(children))


def content(events: Sequence[Component]) -> tuple[_Canonical, ...]:
    """The canonical content of an object's events (one for every object of ours)."""
    return tuple(_canonical(event) for event in events)


def _fold(text: str) -> bytes:
    """One content line folded at 75 octets, never inside a character (RFC 5545 §3.1)."""
    out: list[bytes] = []
    chunk, size, limit = bytearray(), 0, _FOLD_AT
    for char in text:
        encoded = char.encode("utf-8")
        if size + len(encoded) > limit:
            out.append(bytes(chunk))
            chunk, size, limit = bytearray(b" "), 1, _FOLD_AT
        chunk += encoded
        size += len(encoded)
    out.append(bytes(chunk))
    return b"\r\n".join(out)


@attrs.frozen
class FeedEvent:
    """One event of the feed, marked for the sync, and the time zones it refers to."""

    uid: str
    event: Component
    timezones: tuple[Component, ...]
    prodid: str

    @property
    def wanted(self) -> WantedEvent:
        return WantedEvent(self.uid, content([self.event]))

    def object(self, sequence: int, modified: _dt.datetime) -> bytes:
        """The calendar object to PUT: this event with ``SEQUENCE``, ``LAST-MODIFIED``, ``DTSTAMP``.

        No ``METHOD`` (RFC 4791 §4.1: a calendar object resource has none),
        so ``DTSTAMP`` is the time the object was last revised (RFC 5545
        §3.8.7.2): ``modified``, like ``LAST-MODIFIED``, not the feed's own
        stamp.  ``SEQUENCE`` and ``LAST-MODIFIED`` go right after the
        ``UID``; ``DTSTAMP`` stays where the feed has it (or follows them).
        """
        stamp = modified.astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{self.prodid}", "CALSCALE:GREGORIAN"]
        for timezone in self.timezones:
            lines.extend(timezone.text_lines())
        lines.append(f"BEGIN:{self.event.name}")
        stamped = any(line.name == "DTSTAMP" for line in self.event.lines)
        for line in self.event.lines:
            lines.append(f"DTSTAMP:{stamp}" if line.name == "DTSTAMP" else line.text)
            if line.name == "UID":
                lines.extend((f"SEQUENCE:{sequence}", f"LAST-MODIFIED:{stamp}"))
                if not stamped:
                    lines.append(f"DTSTAMP:{stamp}")
        for child in self.event.children:
            lines.extend(child.text_lines())
        lines.extend((f"END:{self.event.name}", "END:VCALENDAR"))
        return b"".join(_fold(text) + b"\r\n" for text in lines)


def feed_events(data: bytes, organisation_id: str) -> list[FeedEvent]:
    """The feed's events, one per UID, each marked with :data:`MARKER` ``organisation_id``.

    A feed with two events of one UID is a ValueError: the sync would not
    know which of them the calendar should hold.
    """
    feed = parse(data)
    zones = {zone.value("TZID") or "": zone for zone in feed.children if zone.name == "VTIMEZONE"}
    prodid = feed.value("PRODID") or _DEFAULT_PRODID
    found: dict[str, FeedEvent] = {}
    for event in feed.children:
        if event.name != "VEVENT":
            continue
        uid = event.value("UID")
        if uid is None:
            raise ValueError("the feed has an event without a UID")
        if uid in found:
            raise ValueError(f"the feed has two events with UID {uid!r}")
        kept = [
            line for line in event.lines if line.name not in ("SEQUENCE", "LAST-MODIFIED", MARKER)
        ]
        kept.append(_split(f"{MARKER}:{organisation_id}"))
        marked = Component(event.name, tuple(kept), event.children)
        used = sorted(
            {
                tzid
                for component in marked.walk("VEVENT")
                for line in component.lines
                if (tzid := line.param("TZID")) is not None
            }
        )
        timezones = tuple(zones[tzid] for tzid in used if tzid in zones)
        found[uid] = FeedEvent(uid, marked, timezones, prodid)
    return list(found.values())


def remote_event(href: str, data: bytes | str | None, organisation_id: str) -> RemoteEvent:
    """A server's object as the planner sees it; unreadable data is a foreign object."""
    try:
        events = list(parse(data or b"").walk("VEVENT"))
    except CalendarSyntaxError:
        events = []
    if not events:
        return RemoteEvent(href, None, (), 0, ours=False)
    first = events[0]
    sequences = [event.value("SEQUENCE") or "0" for event in events]
    sequence = max(int(s) if s.strip().isascii() and s.strip().isdigit() else 0 for s in sequences)
    return RemoteEvent(
        href,
        first.value("UID"),
        content(events),
        sequence,
        ours=first.value(MARKER) == organisation_id,
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
