"""Publishing: the rolling range, event stamps that follow content, and the site's layout.

Feeds that people subscribe to must stay current and must not make clients
churn: the same data gives the same bytes, and an event's ``SEQUENCE`` and
``LAST-MODIFIED`` change exactly when its content does.  This module holds
what the ``ical`` and ``site`` exporters (and a feed server or a CalDAV sync
built on them) share:

* :func:`rolling_range` – this school year and the next, the default range of
  everything published;
* the stamps of a feed's events: :func:`stamp_feed` gives each ``VEVENT``
  ``DTSTAMP``, ``SEQUENCE`` and ``LAST-MODIFIED`` from a :class:`FeedState`
  (per feed, per UID: a digest of the event's content, its sequence and when
  it last changed), :func:`feed_stamps` reads them back from a feed, and
  :func:`read_state` / :meth:`FeedState.to_json` are the state file
  (:data:`STATE_FILE`, ``.opiskeluhuolto-state.json``);
* the site: which paths it has and what each is (:func:`site_layout`), and
  the bytes of one path (:func:`render_path`) or of all (:func:`build_site`).

The stamping works on a feed's bytes (RFC 5545 content lines), so it needs
no iCalendar library; nothing here imports :mod:`icalendar`, and exporters
are reached only through :mod:`opiskeluhuolto.plugins`, when a site is built.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Iterator, Mapping

import attrs

from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "STATE_FILE",
    "EventStamp",
    "FeedState",
    "StateError",
    "event_digest",
    "feed_stamps",
    "read_state",
    "rolling_range",
    "stable_stamp",
    "stamp_feed",
]

STATE_FILE = ".opiskeluhuolto-state.json"
"""The state file a published site keeps beside its feeds."""

_STATE_VERSION = 1
_STAMPS = (b"DTSTAMP", b"SEQUENCE", b"LAST-MODIFIED")
_BEGIN, _END = b"BEGIN:VEVENT", b"END:VEVENT"
_CRLF = b"\r\n"


def rolling_range(today: _dt.date) -> tuple[_dt.date, _dt.date]:
    """This school year and the next: 1.8. of the school year of ``today`` to 31.7. two years on.

    >>> import datetime as dt
    >>> rolling_range(dt.date(2026, 12, 3))
    (datetime.date(2026, 8, 1), datetime.date(2028, 7, 31))
    >>> rolling_range(dt.date(2027, 7, 31))
    (datetime.date(2026, 8, 1), datetime.date(2028, 7, 31))
    """
    year = SchoolYear.containing(today)
    return year.start, year.next().end


def stable_stamp(start: _dt.date) -> _dt.datetime:
    """The stamp of an event no state knows: the first day of the feed's range, 00.00 UTC.

    Never the time of the export, so that a feed without a state file is the
    same bytes every time it is made from the same data.
    """
    return _dt.datetime.combine(start, _dt.time(), tzinfo=_dt.UTC)


class StateError(ValueError):
    """A state file that cannot be read; the message names the file."""


@attrs.frozen
class EventStamp:
    """What a state knows of one event: its content digest, ``SEQUENCE`` and ``LAST-MODIFIED``."""

    digest: str
    sequence: int
    modified: _dt.datetime


def _utc_text(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _parse_utc(text: str) -> _dt.datetime:
    return _dt.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.UTC)


@attrs.frozen
class FeedState:
    """The stamps of every published feed: feed key (a group id, ``""`` for all) → UID → stamp."""

    feeds: Mapping[str, Mapping[str, EventStamp]] = attrs.field(factory=dict)

    def feed(self, key: str) -> Mapping[str, EventStamp]:
        """The stamps of one feed (empty when the state has none)."""
        return self.feeds.get(key, {})

    def with_feed(self, key: str, stamps: Mapping[str, EventStamp]) -> FeedState:
        """This state with the stamps of feed ``key`` replaced (events gone are dropped)."""
        return FeedState({**self.feeds, key: dict(stamps)})

    def to_json(self) -> bytes:
        """The state file's bytes: sorted keys, one event a line, the same state the same bytes."""
        lines = ["{", f' "version": {_STATE_VERSION},', ' "feeds": {']
        feeds = sorted(self.feeds.items())
        for index, (key, stamps) in enumerate(feeds):
            lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {{")
            events = sorted(stamps.items())
            for number, (uid, stamp) in enumerate(events):
                value = {
                    "digest": stamp.digest,
                    "sequence": stamp.sequence,
                    "modified": _utc_text(stamp.modified),
                }
                comma = "," if number < len(events) - 1 else ""
                lines.append(
                    f"   {json.dumps(uid, ensure_ascii=False)}: "
                    f"{json.dumps(value, ensure_ascii=False)}{comma}"
                )
            lines.append("  }" + ("," if index < len(feeds) - 1 else ""))
        lines.extend((" }", "}", ""))
        return "\n".join(lines).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, name: str = STATE_FILE) -> FeedState:
        """Read a state file's bytes; :class:`StateError` naming ``name`` when they are not one."""
        try:
            document = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise StateError(f"{name}: not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise StateError(f"{name}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(document, dict) or document.get("version") != _STATE_VERSION:
            raise StateError(f"{name}: not a state file of version {_STATE_VERSION}")
        feeds = document.get("feeds")
        if not isinstance(feeds, dict):
            raise StateError(f"{name}: feeds: expected a table of feeds")
        found: dict[str, dict[str, EventStamp]] = {}
        for key, events in feeds.items():
            if not isinstance(events, dict):
                raise StateError(f"{name}: feeds.{key}: expected a table of events")
            stamps: dict[str, EventStamp] = {}
            for uid, value in events.items():
                try:
                    digest, sequence = value["digest"], value["sequence"]
                    modified = _parse_utc(value["modified"])
                except (TypeError, KeyError, ValueError):
                    raise StateError(
                        f"{name}: feeds.{key}.{uid}: expected digest, sequence and modified "
                        "(YYYYMMDDTHHMMSSZ)"
                    ) from None
                if not isinstance(digest, str) or type(sequence) is not int or sequence < 0:
                    raise StateError(
                        f"{name}: feeds.{key}.{uid}: digest must be text and sequence "
                        "a whole number ≥ 0"
                    )
                stamps[uid] = EventStamp(digest, sequence, modified)
            found[key] = stamps
        return cls(found)


def read_state(path: str | os.PathLike[str]) -> FeedState:
    """The state file at ``path``; an empty state when there is none yet.

    Raises :class:`StateError` for a file that is there but is not a state file.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return FeedState()
    except OSError as exc:
        raise StateError(f"{os.fspath(path)}: cannot read: {exc.strerror}") from None
    return FeedState.from_json(data, os.fspath(path))


# ---------------------------------------------------------------------------
# Stamping a feed's events
# ---------------------------------------------------------------------------


def _name(line: bytes) -> bytes:
    """A content line's property name, upper-case (``DTSTART`` of ``DTSTART;VALUE=DATE:…``)."""
    end = len(line)
    for stop in (line.find(b":"), line.find(b";")):
        if 0 <= stop < end:
            end = stop
    return line[:end].upper()


def _logical(lines: list[bytes]) -> list[list[bytes]]:
    """Physical lines grouped into content lines (a folded line's continuations with it)."""
    groups: list[list[bytes]] = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _is_stamp(group: list[bytes], depth: int) -> bool:
    return depth == 1 and _name(group[0]) in _STAMPS


def _depths(content: list[list[bytes]]) -> Iterator[tuple[list[bytes], int]]:
    """Each content line of an event with its depth: 1 in the event, 2 in its ``VALARM``, …"""
    depth = 0
    for group in content:
        name = _name(group[0])
        if name == b"BEGIN":
            depth += 1
            yield group, depth
        elif name == b"END":
            yield group, depth
            depth -= 1
        else:
            yield group, depth


def event_digest(content: list[list[bytes]]) -> str:
    """The digest of an event's content: its lines but ``DTSTAMP``, ``SEQUENCE``, ``LAST-MODIFIED``.

    ``content`` is the event's content lines from ``BEGIN:VEVENT`` to
    ``END:VEVENT``, each as its physical (folded) lines.
    """
    digest = hashlib.sha256()
    for group, depth in _depths(content):
        if _is_stamp(group, depth):
            continue
        for line in group:
            digest.update(line)
            digest.update(_CRLF)
    return digest.hexdigest()[:32]


def _unfolded_value(group: list[bytes]) -> str:
    text = b"".join([group[0], *(line[1:] for line in group[1:])]).decode("utf-8")
    return text.partition(":")[2]


def _events(feed: bytes) -> Iterator[tuple[int, int, list[list[bytes]]]]:
    """``(first, last, content lines)`` of each ``VEVENT``: its physical line numbers and lines."""
    lines = feed.split(_CRLF)
    start: int | None = None
    for number, line in enumerate(lines):
        if line == _BEGIN:
            start = number
        elif line == _END and start is not None:
            yield start, number, _logical(lines[start : number + 1])
            start = None


def _uid(content: list[list[bytes]]) -> str:
    for group, depth in _depths(content):
        if depth == 1 and _name(group[0]) == b"UID":
            return _unfolded_value(group)
    return ""


def stamp_feed(
    feed: bytes,
    known: Mapping[str, EventStamp],
    *,
    now: _dt.datetime,
    fallback: _dt.datetime,
) -> bytes:
    """``feed`` with ``DTSTAMP``, ``SEQUENCE`` and ``LAST-MODIFIED`` on every event, from ``known``.

    An event whose UID ``known`` has with the same content digest keeps its
    sequence and time; one whose content changed gets the next sequence and
    ``now``; one ``known`` lacks gets sequence 0 and ``now``, unless
    ``known`` is empty (no state at all), when every event gets sequence 0
    and ``fallback`` (see :func:`stable_stamp`).  ``DTSTAMP`` is the
    ``LAST-MODIFIED`` time: unchanged data, unchanged bytes.  Stamps already
    in ``feed`` are replaced; the lines go right after the event's ``UID``.

    >>> import datetime as dt
    >>> raw = b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:a\\r\\nSUMMARY:Kysely\\r\\n"
    >>> raw += b"END:VEVENT\\r\\nEND:VCALENDAR\\r\\n"
    >>> when = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
    >>> stamped = stamp_feed(raw, {}, now=when, fallback=stable_stamp(dt.date(2026, 8, 1)))
    >>> print(stamped.decode().replace("\\r\\n", "\\n"), end="")
    BEGIN:VCALENDAR
    BEGIN:VEVENT
    UID:a
    DTSTAMP:20260801T000000Z
    SEQUENCE:0
    LAST-MODIFIED:20260801T000000Z
    SUMMARY:Kysely
    END:VEVENT
    END:VCALENDAR
    >>> known = feed_stamps(stamped)
    >>> changed = stamped.replace(b"Kysely", b"Huoltajakysely")
    >>> print(stamp_feed(changed, known, now=when, fallback=when).decode().split("\\r\\n")[3:6])
    ['DTSTAMP:20261203T100000Z', 'SEQUENCE:1', 'LAST-MODIFIED:20261203T100000Z']
    """
    lines = feed.split(_CRLF)
    out: list[bytes] = []
    position = 0
    for first, last, content in _events(feed):
        out.extend(lines[position:first])
        position = last + 1
        uid = _uid(content)
        digest = event_digest(content)
        previous = known.get(uid)
        if previous is not None and previous.digest == digest:
            sequence, modified = previous.sequence, previous.modified
        elif previous is not None:
            sequence, modified = previous.sequence + 1, now
        else:
            sequence, modified = 0, (now if known else fallback)
        stamp = _utc_text(modified).encode("ascii")
        stamps = [b"DTSTAMP:" + stamp, b"SEQUENCE:%d" % sequence, b"LAST-MODIFIED:" + stamp]
        placed = False
        for group, depth in _depths(content):
            if _is_stamp(group, depth):
                continue
            out.extend(group)
            if not placed and depth == 1 and _name(group[0]) == b"UID":
                out.extend(stamps)
                placed = True
    out.extend(lines[position:])
    return _CRLF.join(out)


def feed_stamps(feed: bytes) -> dict[str, EventStamp]:
    """Every event's stamp as the feed holds it: UID → (digest, ``SEQUENCE``, ``LAST-MODIFIED``).

    What a state file records of a feed after :func:`stamp_feed` (an event
    without ``SEQUENCE`` or ``LAST-MODIFIED`` counts as 0 and 1.1.2000).
    """
    found: dict[str, EventStamp] = {}
    for _first, _last, content in _events(feed):
        sequence, modified = 0, stable_stamp(_dt.date(2000, 1, 1))
        for group, depth in _depths(content):
            name = _name(group[0]) if depth == 1 else b""
            if name == b"SEQUENCE":
                sequence = int(_unfolded_value(group))
            elif name == b"LAST-MODIFIED":
                modified = _parse_utc(_unfolded_value(group))
        found[_uid(content)] = EventStamp(event_digest(content), sequence, modified)
    return found
