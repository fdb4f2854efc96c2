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
import enum
import hashlib
import io
import json
import os
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING

import attrs

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.fmt import Lang, UniqueFileNames, pick
from opiskeluhuolto.recurrence import SchoolYear

if TYPE_CHECKING:
    from opiskeluhuolto.exporting import OptionValue, Rendered
    from opiskeluhuolto.plugins import RegisteredExporter
    from opiskeluhuolto.records import Records

__all__ = [
    "AGENDA_FOLDER",
    "CONTENT_TYPES",
    "CSV_FILE",
    "FEED_FILE",
    "INDEX_FILE",
    "QR_FILE",
    "STATE_FILE",
    "BaseUrlError",
    "EventStamp",
    "FeedState",
    "Page",
    "PageKind",
    "Site",
    "SiteBuilder",
    "StateError",
    "UnknownPath",
    "build_site",
    "check_base_url",
    "event_digest",
    "feed_stamps",
    "group_folders",
    "read_state",
    "render_path",
    "rolling_range",
    "school_years",
    "site_layout",
    "stable_stamp",
    "stamp_feed",
    "wheel_file",
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


MAX_SEQUENCE = 2**31 - 1
"""SEQUENCE is an RFC 5545 INTEGER: at most 2147483647, where a state's sequence stops."""


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
        version = document.get("version") if isinstance(document, dict) else None
        if type(version) is not int or version != _STATE_VERSION:
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
                if (
                    not isinstance(digest, str)
                    or type(sequence) is not int
                    or not 0 <= sequence <= MAX_SEQUENCE
                ):
                    raise StateError(
                        f"{name}: feeds.{key}.{uid}: digest must be text and sequence "
                        f"a whole number 0–{MAX_SEQUENCE}"
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
            sequence, modified = min(previous.sequence + 1, MAX_SEQUENCE), now
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


# ---------------------------------------------------------------------------
# The site: its layout, and the bytes of one path
# ---------------------------------------------------------------------------

FEED_FILE = "vuosikello.ics"
CSV_FILE = "vuosikello.csv"
QR_FILE = "vuosikello-qr.svg"
AGENDA_FOLDER = "asialistat"
INDEX_FILE = "index.html"

CONTENT_TYPES: Mapping[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
"""The content type of each kind of file of the site, by its ending."""


class PageKind(enum.Enum):
    """What a path of the site is."""

    INDEX = "index"  # the front page: every group, subscribe links, instructions
    GROUP = "group"  # a group's page: its feed, wheel pages, CSV, agendas
    FEED = "feed"  # the group's feed (ical, meetings included)
    QR = "qr"  # a QR code of the feed's webcal:// link (needs base_url and segno)
    WHEEL = "wheel"  # the wheel of one school year (an HTML page)
    CSV = "csv"  # the group's occurrences as a spreadsheet (excel-fi)
    AGENDA = "agenda"  # one meeting's agenda (Markdown)
    STATE = "state"  # the state file: SEQUENCE and LAST-MODIFIED of every feed's events


@attrs.frozen
class Page:
    """One path of the site and what it is: its kind, its group, a wheel's school year."""

    path: str
    kind: PageKind
    group: str | None = None
    school_year: SchoolYear | None = None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[os.path.splitext(self.path)[1]]


class UnknownPath(LookupError):
    """A path that the site does not have."""


@attrs.frozen
class Site:
    """What a site is made of: the data, the range, the language, the address and the state.

    ``start``/``end`` is the range of the feeds and sheets (by default
    :func:`rolling_range`), ``base_url`` the address the site is served at
    (``https://…``; without it links are relative and there are no
    ``webcal://`` links or QR codes), ``state`` the state file to stamp the
    feeds from (None: no state), ``records`` what became of the occurrences (the
    feeds, sheets, wheels and agendas show them as ``--records`` does).  ``warn``
    and ``progress`` are the host's channels to the user (see
    :class:`~opiskeluhuolto.exporting.ExportContext`).
    """

    organisation: Organisation
    start: _dt.date
    end: _dt.date
    today: _dt.date
    lang: Lang = "fi"
    base_url: str | None = None
    state: str | None = None
    generated: _dt.datetime = attrs.field(
        factory=lambda: _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    )
    records: Records | None = None
    warn: Callable[[str], None] = attrs.field(default=lambda _m: None, eq=False, repr=False)
    progress: Callable[[int, int], None] = attrs.field(
        default=lambda _d, _t: None, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if self.base_url is not None:
            check_base_url(self.base_url)


class BaseUrlError(BilingualError, ValueError):
    """A ``base_url`` that is not an ``https://`` or ``http://`` address of a site."""


def check_base_url(url: str) -> str:
    """``url`` if it is an ``https://`` or ``http://`` address; else a :class:`BaseUrlError`.

    >>> check_base_url("ftp://x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    opiskeluhuolto.publishing.BaseUrlError: base_url 'ftp://x': odotettiin osoitetta ...
    """
    parts = urllib.parse.urlsplit(url)
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or any(c.isspace() or c in "\"'<>" for c in url)
    ):
        raise BaseUrlError(
            f"base_url {url!r}: odotettiin osoitetta kuten https://example.org/vuosikello/ "
            "(https:// tai http://, ei ?- eikä #-merkkiä)",
            f"base_url {url!r}: expected an address such as https://example.org/vuosikello/ "
            "(https:// or http://, no ? or #)",
            f"base_url {url!r}: förväntade en adress som https://example.org/vuosikello/ "
            "(https:// eller http://, inget ? eller #)",
        )
    return url


def school_years(start: _dt.date, end: _dt.date) -> list[SchoolYear]:
    """The school years that ``[start, end]`` touches, in order."""
    first, last = SchoolYear.containing(start), SchoolYear.containing(end)
    return [SchoolYear(year) for year in range(first.first_year, last.first_year + 1)]


def group_folders(organisation: Organisation) -> dict[str, str]:
    """Group id → its folder in the site: the id as a safe file name, unique, hierarchy order."""
    names = UniqueFileNames(taken=[INDEX_FILE, STATE_FILE])
    return {group.id: names.add(group.id) for group in organisation.groups}


def wheel_file(year: SchoolYear) -> str:
    """``vuosikello-2026-2027.html``: the wheel page of one school year."""
    return f"vuosikello-{year.first_year}-{year.first_year + 1}.html"


class SiteBuilder:
    """The site of one :class:`Site`: its layout, and each path's bytes (made once, kept).

    Exporters are found through :mod:`opiskeluhuolto.plugins` (``ical``,
    ``csv``, ``wheel``, ``agenda``), never imported: a missing one leaves its
    files out with a warning.  What several paths share (a group's agendas,
    the feeds for the state file) is rendered once per builder.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.folders = group_folders(site.organisation)
        self._agendas: dict[str, Mapping[str, bytes]] = {}
        self._feeds: dict[str, bytes] = {}
        self._missing: set[str] = set()
        self._layout: list[Page] | None = None
        self._private: frozenset[str] | None = None

    # -- the exporters ------------------------------------------------------

    def _exporter(self, name: str) -> RegisteredExporter | None:
        from opiskeluhuolto import plugins

        try:
            return plugins.get_exporter(name)
        except (plugins.UnknownExporterError, plugins.PluginError):
            if name not in self._missing:
                self._missing.add(name)
                self.site.warn(
                    pick(
                        self.site.lang,
                        f"site: viejää {name!r} ei ole; sen tiedostot jäävät pois",
                        f"site: there is no exporter {name!r}; its files are left out",
                        f"site: exportören {name!r} finns inte; dess filer utelämnas",
                    )
                )
            return None

    def _render(
        self,
        name: str,
        group: str,
        options: Mapping[str, OptionValue],
        span: tuple[_dt.date, _dt.date] | None = None,
        school_year: SchoolYear | None = None,
    ) -> Rendered | None:
        from opiskeluhuolto.exporting import ExportContext

        exporter = self._exporter(name)
        if exporter is None:
            return None
        site = self.site
        start, end = span or (site.start, site.end)
        context = ExportContext(
            site.organisation,
            start,
            end,
            group=group,
            options=exporter.exporter.check_options(options),
            lang=site.lang,
            school_year=school_year,
            today=site.today,
            generated=site.generated,
            warn=site.warn,
            records=site.records,
        )
        return exporter.render(context)

    def feed(self, group: str) -> bytes:
        """The group's feed: the site's range, meetings included, stamped from the state."""
        if group not in self._feeds:
            options: dict[str, OptionValue] = {"meetings": True}
            if self.site.state is not None:
                options["state"] = self.site.state
            rendered = self._render("ical", group, options)
            self._feeds[group] = rendered if isinstance(rendered, bytes) else b""
        return self._feeds[group]

    def agendas(self, group: str) -> Mapping[str, bytes]:
        """The group's agendas (file name → Markdown); none for a group without meetings."""
        if group not in self._agendas:
            site = self.site
            found: Mapping[str, bytes] = {}
            if site.organisation.meetings(group, site.start, site.end):
                rendered = self._render("agenda", group, {})
                found = rendered if isinstance(rendered, Mapping) else {}
            self._agendas[group] = found
        return self._agendas[group]

    # -- the layout ---------------------------------------------------------

    def layout(self) -> list[Page]:
        """Every path of the site, in order: the front page, then each group's files."""
        if self._layout is not None:
            return self._layout
        from opiskeluhuolto import plugins

        found = plugins.registry().exporters
        have = {name for name in ("ical", "csv", "wheel", "agenda") if name in found}
        pages = [Page(INDEX_FILE, PageKind.INDEX)]
        years = school_years(self.site.start, self.site.end)
        for group in self.site.organisation.groups:
            folder = self.folders[group.id]
            pages.append(Page(f"{folder}/{INDEX_FILE}", PageKind.GROUP, group.id))
            if self.is_private(group.id):
                continue  # its page says so; nothing of its calendar is published
            if "ical" in have:
                pages.append(Page(f"{folder}/{FEED_FILE}", PageKind.FEED, group.id))
                if self.site.base_url is not None and _segno() is not None:
                    pages.append(Page(f"{folder}/{QR_FILE}", PageKind.QR, group.id))
            if "wheel" in have:
                pages.extend(
                    Page(f"{folder}/{wheel_file(year)}", PageKind.WHEEL, group.id, year)
                    for year in years
                )
            if "csv" in have:
                pages.append(Page(f"{folder}/{CSV_FILE}", PageKind.CSV, group.id))
            if "agenda" in have:
                for name in self.agendas(group.id):
                    path = f"{folder}/{AGENDA_FOLDER}/{name}"
                    pages.append(Page(path, PageKind.AGENDA, group.id))
        if "ical" in have:
            pages.append(Page(STATE_FILE, PageKind.STATE))
        self._layout = pages
        return pages

    def page(self, path: str) -> Page:
        """The page at ``path``; :class:`UnknownPath` when the site has none."""
        for page in self.layout():
            if page.path == path:
                return page
        raise UnknownPath(path)

    # -- the bytes of one path ----------------------------------------------

    def render(self, path: str) -> bytes:
        """The bytes of the site's file at ``path`` (:class:`UnknownPath` if there is none)."""
        page = self.page(path)
        group = page.group
        if page.kind is PageKind.INDEX:
            return self._index().encode("utf-8")
        if page.kind is PageKind.STATE:
            return self.state().to_json()
        assert group is not None
        if page.kind is PageKind.GROUP:
            return self._group_page(group).encode("utf-8")
        if page.kind is PageKind.FEED:
            return self.feed(group)
        if page.kind is PageKind.QR:
            return _qr_svg(self.links(group)[0] or "")
        if page.kind is PageKind.WHEEL:
            year = page.school_year
            assert year is not None
            span = (max(self.site.start, year.start), min(self.site.end, year.end))
            rendered = self._render("wheel", group, {"format": "html"}, span, year)
        elif page.kind is PageKind.CSV:
            rendered = self._render("csv", group, {"dialect": "excel-fi"})
        else:
            rendered = self.agendas(group).get(path.rsplit("/", 1)[1])
        return rendered if isinstance(rendered, bytes) else b""

    def state(self) -> FeedState:
        """The state after this build: every group's feed, as it was stamped."""
        state = FeedState()
        for group in self.site.organisation.groups:
            if not self.is_private(group.id):  # the state file lies in the site
                state = state.with_feed(group.id, feed_stamps(self.feed(group.id)))
        return state

    def build(self) -> dict[str, bytes]:
        """Every path of the site and its bytes (progress reported path by path)."""
        pages = self.layout()
        files: dict[str, bytes] = {}
        for done, page in enumerate(pages, 1):
            files[page.path] = self.render(page.path)
            self.site.progress(done, len(pages))
        return files

    # -- links and pages ------------------------------------------------------

    def is_private(self, group: str) -> bool:
        """Whether the group's calendar is private: it or a group above it lists ``feed_tokens``.

        A group below a private one sees the private group's calendars, so it
        is private too.  Nothing of a private group's calendar is in the site
        (no feed, QR code, wheel, sheet or agenda; its page says the address
        is given separately); a feed server serves its feed only at
        ``/g/TOKEN/vuosikello.ics`` (:mod:`opiskeluhuolto.web`), for a token of
        its own.
        """
        private = self._private
        if private is None:
            hierarchy = self.site.organisation.hierarchy
            private = self._private = frozenset(
                g.id
                for g in self.site.organisation.groups
                if any(a.feed_tokens for a in hierarchy.path(g.id))
            )
        return group in private

    def links(self, group: str) -> tuple[str | None, str]:
        """``(webcal://…, https://…)`` of the group's feed; without base_url ``(None, path)``."""
        path = f"{urllib.parse.quote(self.folders[group])}/{FEED_FILE}"
        base = self.site.base_url
        if base is None:
            return None, path
        url = urllib.parse.urljoin(base if base.endswith("/") else base + "/", path)
        return "webcal://" + url.split("://", 1)[1], url

    def _index(self) -> str:
        from opiskeluhuolto.site_html import index_page

        return index_page(self)

    def _group_page(self, group: str) -> str:
        from opiskeluhuolto.site_html import group_page

        return group_page(self, group)


def _segno() -> ModuleType | None:
    """The QR code library (the ``site`` extra), or None when it is not installed."""
    try:
        import segno
    except ImportError:
        return None
    return segno


def _qr_svg(link: str) -> bytes:
    """The QR code of ``link`` as a standalone SVG (dark on white, a quiet zone of 4)."""
    segno = _segno()
    assert segno is not None
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=4, border=4, xmldecl=False)
    return out.getvalue()


def site_layout(site: Site) -> list[Page]:
    """Every path of ``site`` and what it is (see :class:`SiteBuilder`)."""
    return SiteBuilder(site).layout()


def render_path(site: Site, path: str) -> bytes:
    """The bytes of one path of ``site``; :class:`UnknownPath` when there is no such path."""
    return SiteBuilder(site).render(path)


def build_site(site: Site) -> dict[str, bytes]:
    """Every path of ``site`` and its bytes: what ``export site`` writes."""
    return SiteBuilder(site).build()
