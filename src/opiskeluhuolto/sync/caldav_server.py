"""The CalDAV adapter: one calendar per group under a calendar home, read and written.

Built on the optional :mod:`caldav` package (``pip install
'opiskeluhuolto[caldav]'``), imported when a :class:`CalDavServer` is made.

URL layout: the URL given is a **calendar home** (a collection whose members
are calendars), or a **principal** whose ``calendar-home-set`` names one.
Each group's calendar is the member ``<home>/<group id>/``, created with
``MKCALENDAR`` when missing and named (``displayname``) after the group.  For
Radicale the home of user ``vuosikello`` is ``https://host/vuosikello/``, so
the calendar of group ``ohr-lapua`` is ``https://host/vuosikello/ohr-lapua/``.

Every write is conditional (RFC 9110 §13.1), so two runs at the same time
cannot both create one object or overwrite each other's work: a new object is
``PUT`` with ``If-None-Match: *``, and an object read from the calendar is
replaced or deleted with ``If-Match`` and the ETag it was read with (when the
server gave a strong one).  A refused precondition (``412``) stops the run
with one line, like a dropped connection; the next run plans from what the
server then holds and completes the work.

Every failure is a :class:`SyncError` with one line in Finnish and English and
the exit status it deserves: 2 for what the user must fix (credentials,
rights, a URL that is no CalDAV calendar home), 1 for the server's or the
network's failure (unreachable, a dropped connection, a 5xx answer, a 412).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote, urljoin, urlsplit

from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.sync.planner import RemoteEvent

if TYPE_CHECKING:
    from caldav.collection import Calendar

__all__ = [
    "INSTALL_HINT",
    "CalDavServer",
    "GroupCalendar",
    "SyncError",
    "caldav_available",
]

INSTALL_HINT = "pip install 'opiskeluhuolto[caldav]'"

TIMEOUT = 30
"""Seconds to wait for the server's answer to one request."""


class SyncError(BilingualError, RuntimeError):
    """A sync that cannot go on: one line, and the exit status (1 server, 2 user)."""

    def __init__(
        self, message_fi: str, message_en: str, message_sv: str | None = None, *, status: int = 1
    ) -> None:
        super().__init__(message_fi, message_en, message_sv)
        self.status = status


def caldav_available() -> bool:
    """The optional ``caldav`` package is installed (importing it is cheap: it loads lazily)."""
    try:
        import caldav  # noqa: F401
    except ImportError:
        return False
    return True


def _reason(exc: BaseException) -> str:
    """The shortest true account of a network error (the innermost cause's text)."""
    inner: BaseException = exc
    while inner.__cause__ is not None or inner.__context__ is not None:
        inner = cast(BaseException, inner.__cause__ or inner.__context__)
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    for known in ("Connection refused", "Name or service not known", "timed out"):
        if known in str(exc) or known in text:
            return known
    return text[:160]


@contextlib.contextmanager
def _talking(url: str, *, home: bool = False) -> Iterator[None]:
    """Turn the caldav and network errors of a request to ``url`` into a SyncError."""
    from caldav.lib import error

    where = urlsplit(url).netloc or url
    try:
        yield
    except error.AuthorizationError as exc:
        if exc.status == 403:
            raise SyncError(
                f"{url}: ei oikeutta (HTTP 403); tarkista tunnus ja sen oikeudet",
                f"{url}: forbidden (HTTP 403); check the user and its rights",
                status=2,
            ) from None
        raise SyncError(
            f"{url}: palvelin ei hyväksynyt tunnusta tai salasanaa (HTTP 401); "
            "tarkista --user ja --password-file",
            f"{url}: the server refused the user or password (HTTP 401); "
            "check --user and --password-file",
            status=2,
        ) from None
    except error.DAVError as exc:
        status = exc.status
        if home or status in (404, 405, 501):
            raise SyncError(
                f"{url} ei ole CalDAV-kalenterikoti (palvelin vastasi "
                f"{_status_text(status, exc)}); anna kalenterikodin tai käyttäjän URL, "
                "esim. https://palvelin/dav/kayttaja/",
                f"{url} is not a CalDAV calendar home (the server answered "
                f"{_status_text(status, exc)}); give the URL of a calendar home or user, "
                "e.g. https://server/dav/user/",
                status=2,
            ) from None
        raise SyncError(
            f"{where}: palvelin vastasi virheellä {_status_text(status, exc)}",
            f"{where}: the server answered with an error: {_status_text(status, exc)}",
        ) from None
    except OSError as exc:  # refused, unreachable, timed out, dropped
        raise SyncError(
            f"{where}: palvelimeen ei saatu yhteyttä ({_reason(exc)})",
            f"{where}: could not reach the server ({_reason(exc)})",
        ) from None


def _status_text(status: int | None, exc: Exception) -> str:
    if status is not None:
        return f"HTTP {status}"
    reason = getattr(exc, "reason", "") or type(exc).__name__
    return str(reason).strip().splitlines()[0][:120]


_ICAL_TYPE = 'text/calendar; charset="utf-8"'


def _changed_meanwhile(href: str) -> SyncError:
    """A 412: the object is no longer what this run read (or one is there already)."""
    return SyncError(
        f"{href}: tapahtuma muuttui palvelimella tämän ajon aikana (HTTP 412), ehkä "
        "samaan aikaan tehdyn toisen ajon takia",
        f"{href}: the event changed on the server during this run (HTTP 412), perhaps "
        "by another run at the same time",
        f"{href}: händelsen ändrades på servern under körningen (HTTP 412), kanske av "
        "en annan körning samtidigt",
    )


class GroupCalendar:
    """One group's calendar on the server: its events, and whole-event PUTs and DELETEs.

    Writes are conditional on what :meth:`events` read: an object read then
    is replaced or deleted only while its ETag is the same (``If-Match``),
    any other href is created only where nothing is (``If-None-Match: *``).
    """

    def __init__(self, calendar: Calendar, *, created: bool) -> None:
        self._calendar = calendar
        self.url = str(calendar.url)
        self.created = created
        self._etags: dict[str, str | None] = {}
        """href → the strong ETag it was read with (``None``: the server gave none)."""

    def events(self, organisation_id: str) -> list[RemoteEvent]:
        """Every event object of the calendar (one REPORT), as the planner sees it."""
        from opiskeluhuolto.sync.events import remote_event

        with _talking(self.url):
            found = cast("list[Any]", self._calendar.get_events())
        for obj in found:
            etag = obj.etag
            strong = isinstance(etag, str) and bool(etag) and not etag.startswith("W/")
            self._etags[str(obj.url)] = etag if strong else None
        return [remote_event(str(obj.url), obj.data, organisation_id) for obj in found]

    def _condition(self, href: str) -> dict[str, str]:
        if href not in self._etags:
            return {"If-None-Match": "*"}
        etag = self._etags[href]
        return {} if etag is None else {"If-Match": etag}

    def href(self, name: str) -> str:
        """The URL of the object ``name`` in this calendar."""
        return urljoin(self.url if self.url.endswith("/") else self.url + "/", quote(name))

    def put(self, href: str, data: bytes) -> None:
        """Store one whole event at ``href`` (created or replaced in one request).

        An href :meth:`events` read is replaced only if unchanged since
        (``If-Match``); any other is created only if free (``If-None-Match:
        *``).  A 412 is a :class:`SyncError` (status 1).
        """
        from caldav.lib import error

        client = cast(Any, self._calendar.client)
        headers = {"Content-Type": _ICAL_TYPE, **self._condition(href)}
        with _talking(href):
            answer = client.put(href, data, headers)
            if answer.status == 412:
                raise _changed_meanwhile(href)
            if answer.status not in (200, 201, 204):
                raise error.error_from_response(error.PutError, answer)
        # Written: a second PUT of this run to the href replaces what it wrote.
        etag = (answer.headers or {}).get("Etag")
        self._etags[href] = etag if etag and not etag.startswith("W/") else None

    def delete(self, href: str) -> None:
        """DELETE the object at ``href``, only if unchanged since :meth:`events` read it.

        An object already gone (404) counts as deleted.
        """
        from caldav.lib import error

        client = cast(Any, self._calendar.client)
        etag = self._etags.get(href)
        with _talking(href):
            answer = client.delete(href, {"If-Match": etag} if etag else {})
            if answer.status == 412:
                raise _changed_meanwhile(href)
            if answer.status not in (200, 204, 404):
                raise error.error_from_response(error.DeleteError, answer)
        self._etags.pop(href, None)


class CalDavServer:
    """A CalDAV calendar home, reached with basic or digest authentication.

    ``password`` comes from a file the command line reads (never argv).
    :meth:`connect` checks the URL before anything else is asked.
    """

    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: int = TIMEOUT,
    ) -> None:
        from caldav.davclient import DAVClient

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SyncError(
                f"{url!r} ei ole http- tai https-osoite, esim. https://palvelin/dav/kayttaja/",
                f"{url!r} is not an http or https URL, e.g. https://server/dav/user/",
                status=2,
            )
        self.url = url if url.endswith("/") else url + "/"
        self.home = self.url
        self._client = DAVClient(
            url=self.url,
            username=user,
            password=password,
            timeout=timeout,
            enable_rfc6764=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> CalDavServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def connect(self) -> str:
        """Check the URL: a calendar home, or a principal with one; returns the home URL."""
        from caldav.collection import CalendarSet
        from caldav.elements import cdav, dav

        with _talking(self.url, home=True):
            collection = CalendarSet(client=self._client, url=self.url)
            props = cast(
                "dict[str, Any]",
                collection.get_properties([dav.ResourceType(), cdav.CalendarHomeSet()]),
            )
        types = props.get("{DAV:}resourcetype") or []
        home_set = props.get("{urn:ietf:params:xml:ns:caldav}calendar-home-set")
        if "{urn:ietf:params:xml:ns:caldav}calendar" in types:
            raise SyncError(
                f"{self.url} on kalenteri; anna kalenterikoti, jonka alle ryhmien kalenterit "
                "tehdään (esim. osoite ilman viimeistä osaa)",
                f"{self.url} is a calendar; give the calendar home under which the groups' "
                "calendars go (e.g. the URL without its last part)",
                status=2,
            )
        if isinstance(home_set, str) and home_set:
            self.home = urljoin(self.url, home_set)
            if not self.home.endswith("/"):
                self.home += "/"
        elif "{DAV:}collection" not in types:
            raise SyncError(
                f"{self.url} ei ole CalDAV-kalenterikoti (ei kokoelma); anna kalenterikodin "
                "tai käyttäjän URL, esim. https://palvelin/dav/kayttaja/",
                f"{self.url} is not a CalDAV calendar home (not a collection); give the URL "
                "of a calendar home or user, e.g. https://server/dav/user/",
                status=2,
            )
        return self.home

    def calendar_url(self, group_id: str) -> str:
        return urljoin(self.home, quote(group_id, safe="") + "/")

    def other_calendars(self, known: set[str]) -> list[tuple[str, GroupCalendar]]:
        """The calendars in the home whose name is none of ``known`` (one PROPFIND).

        Each as its name (the last segment of its URL, unquoted: the id of
        the group it was made for) and the calendar, sorted by name.  Nothing
        on the server changes.
        """
        from caldav.collection import CalendarSet

        with _talking(self.home):
            found = cast(
                "list[Calendar]", CalendarSet(client=self._client, url=self.home).get_calendars()
            )
        home = urlsplit(self.home).path.rstrip("/")
        others: list[tuple[str, GroupCalendar]] = []
        for calendar in found:
            parent, _sep, last = urlsplit(str(calendar.url)).path.rstrip("/").rpartition("/")
            name = unquote(last)
            if unquote(parent) != unquote(home) or not name or name in known:
                continue
            others.append((name, GroupCalendar(calendar, created=False)))
        return sorted(others, key=lambda other: other[0])

    def calendar(self, group_id: str, name: str, *, create: bool = True) -> GroupCalendar | None:
        """The group's calendar, made (or renamed after the group) when ``create``.

        Without ``create`` (a dry run) a missing calendar is ``None`` and
        nothing on the server changes.
        """
        from caldav.collection import Calendar, CalendarSet
        from caldav.elements import dav
        from caldav.lib import error

        url = self.calendar_url(group_id)
        calendar = Calendar(client=self._client, url=url)
        props: dict[str, Any] | None
        with _talking(url):
            try:
                props = cast(
                    "dict[str, Any]",
                    calendar.get_properties([dav.ResourceType(), dav.DisplayName()]),
                )
            except error.NotFoundError:
                props = None
        if props is None:
            if not create:
                return None
            with _talking(url):
                home = CalendarSet(client=self._client, url=self.home)
                made = cast(Calendar, home.make_calendar(name=name, cal_id=group_id))
            return GroupCalendar(made, created=True)
        types = props.get("{DAV:}resourcetype") or []
        if "{urn:ietf:params:xml:ns:caldav}calendar" not in types:
            raise SyncError(
                f"{url} on olemassa mutta ei ole kalenteri; siirrä se pois tai anna toinen URL",
                f"{url} exists but is not a calendar; move it away or give another URL",
                status=2,
            )
        if create and props.get("{DAV:}displayname") != name:
            with _talking(url):
                calendar.set_properties([dav.DisplayName(name)])
        return GroupCalendar(calendar, created=False)
