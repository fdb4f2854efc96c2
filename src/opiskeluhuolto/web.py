"""The feed server: the site's paths, computed on request, as a WSGI application.

``opiskeluhuolto serve`` runs it under waitress; any WSGI server runs
``opiskeluhuolto.web:app``, configured by the environment:

=============================  ==============================================
``OPISKELUHUOLTO_DATA``        the data file (default: the embedded data)
``OPISKELUHUOLTO_BASE_URL``    the address the server is reached at
                               (``https://…``: ``webcal://`` links, QR codes)
``OPISKELUHUOLTO_LANG``        ``fi`` (default) or ``en``
``OPISKELUHUOLTO_STATE``       a site's state file to stamp the feeds from
``OPISKELUHUOLTO_RECORDS``     the school year's records (``FILE`` or
                               ``STORE:LOCATION``, as ``--records``)
=============================  ==============================================

or by the factory, ``make_app(data=…, base_url=…, lang=…, state=…, records=…)``.

The paths and bytes are :class:`~opiskeluhuolto.publishing.SiteBuilder`'s,
so the server and ``export site`` never disagree.  The data is read again
when one of its files changes (each request compares the files' sizes and
modification times) and when the day changes (the rolling range moves on
1.8.).  Responses carry a strong ``ETag`` (a hash of the bytes) and
``Last-Modified`` (the newest data file), and ``If-None-Match`` /
``If-Modified-Since`` are answered with 304.  A group whose data lists
``feed_tokens`` has no public feed: it is served only at
``/g/TOKEN/vuosikello.ics``, and removing a token revokes it.  Data errors are
500 with ``check``'s lines; nothing else of the server's inside reaches a
client.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import hashlib
import os
import tempfile
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

import attrs

from opiskeluhuolto import loading
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import Lang, pick
from opiskeluhuolto.output import write_file_atomic
from opiskeluhuolto.publishing import (
    CONTENT_TYPES,
    FEED_FILE,
    INDEX_FILE,
    STATE_FILE,
    FeedState,
    PageKind,
    Site,
    SiteBuilder,
    StateError,
    UnknownPath,
    check_base_url,
    feed_stamps,
    read_state,
    rolling_range,
)
from opiskeluhuolto.records import Records
from opiskeluhuolto.recurrence import SchoolYear
from opiskeluhuolto.stores import DEFAULT_STORE, RecordStoreError, split_location

__all__ = ["TOKEN_PREFIX", "FeedServer", "app", "make_app"]

TOKEN_PREFIX = "g"
"""Token paths are ``/g/TOKEN/vuosikello.ics``."""

StartResponse = Callable[..., Any]


class WSGIApplication(Protocol):
    def __call__(
        self, environ: Mapping[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]: ...


@attrs.frozen
class Response:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


def _text(status: str, text: str) -> Response:
    body = (text.rstrip("\n") + "\n").encode("utf-8")
    return Response(
        status,
        (
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ),
        body,
    )


@attrs.frozen
class _Generation:
    """One reading of the data: its builder (or its problems), for one day."""

    key: tuple[object, ...]
    builder: SiteBuilder | None
    problems: str
    modified: _dt.datetime
    tokens: Mapping[str, str]  # token → group id
    cache: dict[str, tuple[bytes, str]] = attrs.field(factory=dict, eq=False)


def _fingerprint(files: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for name in files:
        try:
            stat = os.stat(name)
        except OSError:
            found.append((name, -1, -1))
        else:
            found.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


class FeedServer:
    """The WSGI application of one data file (None: the embedded data)."""

    def __init__(
        self,
        data: str | None = None,
        *,
        base_url: str | None = None,
        lang: Lang = "fi",
        state: str | None = None,
        records: str | None = None,
        today: Callable[[], _dt.date] = _dt.date.today,
    ) -> None:
        self.data = data
        self.records = records
        self.base_url = check_base_url(base_url) if base_url else None
        self.lang: Lang = lang
        self.today = today
        self._lock = threading.Lock()
        self._generation: _Generation | None = None
        self._started = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
        # The server keeps the feeds' stamps itself, so SEQUENCE and
        # LAST-MODIFIED rise when an event changes: in ``state`` when given
        # (kept across restarts), else in a file of its own for its lifetime.
        if state is None:
            self._folder = tempfile.TemporaryDirectory(prefix="opiskeluhuolto-serve-")
            state = os.path.join(self._folder.name, STATE_FILE)
        self.state = state
        self._stamps: FeedState | None = None
        # The files of the data chain and their stats (chain_files only when one changed).
        self._chain: list[str] = []
        self._chain_stats: tuple[tuple[str, int, int], ...] | None = None
        # Path → (ETag, when the server first served those bytes): Last-Modified.
        self._seen: dict[str, tuple[str, _dt.datetime]] = {}

    # -- the data -------------------------------------------------------------

    def _files(self) -> list[str]:
        """The files whose change means reading the data again (not the server's own state)."""
        if self.data is not None:
            stats = _fingerprint(self._chain) if self._chain else None
            if stats is None or stats != self._chain_stats:
                self._chain = loading.chain_files(self.data)
                self._chain_stats = _fingerprint(self._chain)
        files = list(self._chain)
        if self.records is not None:
            name, location = split_location(self.records)
            if name in (None, DEFAULT_STORE):
                files.append(location)  # a records file: read again when it changes
        return files

    def generation(self) -> _Generation:
        """The current reading of the data, read again when a file or the day changed."""
        today = self.today()
        files = self._files()
        key = (today, _fingerprint(files))
        current = self._generation
        if current is not None and current.key == key:
            return current
        with self._lock:
            current = self._generation
            if current is None or current.key != key:
                current = self._read(key, today, files)
                self._generation = current
        return current

    def _read(self, key: tuple[object, ...], today: _dt.date, files: list[str]) -> _Generation:
        mtimes = [m for _name, m, _size in _fingerprint(files) if m >= 0]
        modified = (
            _dt.datetime.fromtimestamp(max(mtimes) // 1_000_000_000, _dt.UTC)
            if mtimes
            else self._started
        )
        if self.data is None:
            result = loading.validate_text(
                loading.default_data_text(),
                loading.data_set_file_name(loading.DEFAULT_DATA_SET),
            )
        else:
            result = loading.validate_file(self.data)
        organisation = result.organisation
        if organisation is None:
            return _Generation(key, None, result.format(self.lang), modified, {})
        try:
            if self._stamps is None:
                self._stamps = read_state(self.state) if os.path.exists(self.state) else FeedState()
        except StateError as exc:
            return _Generation(key, None, str(exc), modified, {})
        records = None
        if self.records is not None:
            read = self._read_records(organisation, today)
            if isinstance(read, str):
                return _Generation(key, None, read, modified, {})
            records = read
        start, end = rolling_range(today)
        site = Site(
            organisation,
            start,
            end,
            today,
            lang=self.lang,
            base_url=self.base_url,
            state=self.state,
            generated=modified,
            records=records,
        )
        builder = SiteBuilder(site)
        tokens = {token: g.id for g in organisation.groups for token in g.feed_tokens}
        return _Generation(key, builder, "", modified, tokens)

    def _read_records(self, organisation: Organisation, today: _dt.date) -> Records | str:
        """This school year's records, or their problems as ``check`` words them."""
        from opiskeluhuolto import plugins

        assert self.records is not None
        name, location = split_location(self.records)
        year = SchoolYear.containing(today)
        try:
            store = plugins.get_record_store(name or DEFAULT_STORE)
            if not store.exists(location):
                return pick(
                    self.lang,
                    f"seurantatiedostoa {location} ei ole",
                    f"there is no records file {location}",
                    f"uppföljningsfilen {location} finns inte",
                )
            return store.read(location, organisation, year)
        except loading.LoadError as exc:
            return exc.format(self.lang)
        except (plugins.UnknownRecordStoreError, RecordStoreError) as exc:
            return exc.message(self.lang)

    # -- one request --------------------------------------------------------

    def __call__(self, environ: Mapping[str, Any], start_response: StartResponse) -> list[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        try:
            response = self.respond(method, environ)
        except Exception:
            errors = environ.get("wsgi.errors")
            if errors is not None:
                errors.write(traceback.format_exc())
            response = _text(
                "500 Internal Server Error",
                pick(
                    self.lang,
                    "palvelinvirhe: katso palvelimen loki",
                    "server error: see the log",
                    "serverfel: se serverns logg",
                ),
            )
        start_response(response.status, list(response.headers))
        return [b""] if method == "HEAD" else [response.body]

    def respond(self, method: str, environ: Mapping[str, Any]) -> Response:
        """The response to one request (pure but for reading the data)."""
        if method not in ("GET", "HEAD"):
            response = _text(
                "405 Method Not Allowed",
                pick(self.lang, "vain GET ja HEAD", "only GET and HEAD", "endast GET och HEAD"),
            )
            return attrs.evolve(response, headers=(*response.headers, ("Allow", "GET, HEAD")))
        generation = self.generation()
        if generation.builder is None:
            return _text(
                "500 Internal Server Error",
                pick(
                    self.lang,
                    "aineistossa on virheitä:\n",
                    "the data has errors:\n",
                    "datan innehåller fel:\n",
                )
                + generation.problems,
            )
        raw = str(environ.get("PATH_INFO", "/"))
        # PEP 3333: PATH_INFO is latin-1-decoded bytes.
        path = raw.encode("latin-1", "replace").decode("utf-8", "replace")
        found = self._content(generation, path)
        if found is None and not path.endswith("/") and self._content(generation, path + "/"):
            # A group's folder without its slash: where a static server would send it.
            moved = _text("301 Moved Permanently", path + "/")
            location = urllib.parse.quote(path + "/")
            return attrs.evolve(moved, headers=(*moved.headers, ("Location", location)))
        if found is None:
            return _text(
                "404 Not Found",
                pick(
                    self.lang,
                    f"sivua ei ole: {path}\netusivu: /",
                    f"no such page: {path}\nfront page: /",
                    f"sidan finns inte: {path}\nförstasidan: /",
                ),
            )
        body, content_type, private = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        moment = self._last_modified(path, etag, generation.modified)
        modified = email.utils.format_datetime(moment, usegmt=True)
        headers = (
            ("Content-Type", content_type),
            ("ETag", etag),
            ("Last-Modified", modified),
            ("Cache-Control", "private, no-cache" if private else "public, no-cache"),
        )
        if _not_modified(environ, etag, moment):
            return Response("304 Not Modified", headers)
        return Response("200 OK", (*headers, ("Content-Length", str(len(body)))), body)

    def _content(self, generation: _Generation, path: str) -> tuple[bytes, str, bool] | None:
        """(bytes, content type, private?) of a path, or None for a path the site lacks."""
        builder = generation.builder
        assert builder is not None
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == TOKEN_PREFIX and parts[2] == FEED_FILE:
            group = generation.tokens.get(parts[1])
            if group is None:
                return None
            key = f"\x00{group}"  # no path of the site begins with NUL
            cached = generation.cache.get(key)
            if cached is None:
                with self._lock:
                    cached = (self._stamped(builder, group), CONTENT_TYPES[".ics"])
                generation.cache[key] = cached
            return (*cached, True)
        name = urllib.parse.unquote(path.lstrip("/"))
        if name == "" or name.endswith("/"):
            name += INDEX_FILE
        try:
            page = builder.page(name)
        except UnknownPath:
            return None
        if page.kind is PageKind.STATE:  # the publisher's, not the public's
            return None
        # A private group's calendar has no page in the layout (SiteBuilder.is_private).
        return (*self._bytes(generation, name), False)

    def _bytes(self, generation: _Generation, name: str) -> tuple[bytes, str]:
        cached = generation.cache.get(name)
        if cached is None:
            builder = generation.builder
            assert builder is not None
            with self._lock:
                page = builder.page(name)
                if page.kind is PageKind.FEED and page.group is not None:
                    body = self._stamped(builder, page.group)
                else:
                    body = builder.render(name)
                cached = (body, page.content_type)
            generation.cache[name] = cached
        return cached

    def _stamped(self, builder: SiteBuilder, group: str) -> bytes:
        """The group's feed, stamped from the server's state, whose stamps it then keeps."""
        body = builder.feed(group)
        stamps = self._stamps if self._stamps is not None else FeedState()
        updated = stamps.with_feed(group, feed_stamps(body))
        if updated != stamps:
            write_file_atomic(self.state, updated.to_json())
            self._stamps = updated
        return body

    def _last_modified(self, path: str, etag: str, first: _dt.datetime) -> _dt.datetime:
        """When the server first served these bytes at ``path`` (``first`` on its first reading)."""
        with self._lock:
            seen = self._seen.get(path)
            if seen is not None and seen[0] == etag:
                return seen[1]
            if seen is None:
                # The first time this server serves the path: the newest data file's
                # time (the server's start for the embedded data), never the future.
                now = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
                moment = min(first, now)
            else:
                # Other bytes than before (the data, the day or the range changed):
                # now, and always later than the bytes they replace.
                now = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
                moment = max(now, seen[1] + _dt.timedelta(seconds=1))
            self._seen[path] = (etag, moment)
            return moment


def _not_modified(environ: Mapping[str, Any], etag: str, modified: _dt.datetime) -> bool:
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        tags = [t.strip().removeprefix("W/") for t in str(match).split(",")]
        return "*" in tags or etag in tags
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None:
        return False
    try:
        moment = email.utils.parsedate_to_datetime(str(since))
    except (TypeError, ValueError):
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    if moment > _dt.datetime.now(_dt.UTC):  # a date in the future means nothing (RFC 9110)
        return False
    return modified <= moment


def make_app(
    data: str | None = None,
    *,
    base_url: str | None = None,
    lang: Lang = "fi",
    state: str | None = None,
    records: str | None = None,
) -> FeedServer:
    """A feed server for ``data`` (None: the embedded data)."""
    return FeedServer(data, base_url=base_url, lang=lang, state=state, records=records)


def _from_environment(env: Mapping[str, str]) -> FeedServer:
    """The feed server the ``OPISKELUHUOLTO_*`` variables describe (ValueError naming one)."""
    lang = env.get("OPISKELUHUOLTO_LANG", "fi")
    if lang not in ("fi", "en", "sv"):
        raise ValueError(f"OPISKELUHUOLTO_LANG={lang!r}: fi, en or sv")
    base_url = env.get("OPISKELUHUOLTO_BASE_URL") or None
    try:
        return make_app(
            env.get("OPISKELUHUOLTO_DATA") or None,
            base_url=base_url,
            lang="en" if lang == "en" else "sv" if lang == "sv" else "fi",
            state=env.get("OPISKELUHUOLTO_STATE") or None,
            records=env.get("OPISKELUHUOLTO_RECORDS") or None,
        )
    except ValueError as exc:
        raise ValueError(f"OPISKELUHUOLTO_BASE_URL={base_url!r}: {exc}") from None


class _EnvironmentApp:
    """``opiskeluhuolto.web:app``: configured from the environment on its first request.

    A bad variable is answered with 500 and its one line (and logged once),
    not with the WSGI server's own error page.
    """

    def __init__(self) -> None:
        self._app: FeedServer | None = None
        self._problem: str | None = None
        self._lock = threading.Lock()

    def __call__(self, environ: Mapping[str, Any], start_response: StartResponse) -> list[bytes]:
        if self._app is None and self._problem is None:
            with self._lock:
                if self._app is None and self._problem is None:
                    try:
                        self._app = _from_environment(os.environ)
                    except ValueError as exc:
                        self._problem = str(exc)
                        errors = environ.get("wsgi.errors")
                        if errors is not None:
                            errors.write(f"opiskeluhuolto.web: {exc}\n")
        if self._app is None:
            response = _text(
                "500 Internal Server Error",
                f"palvelimen asetuksissa on virhe / the server's settings are wrong: "
                f"{self._problem}",
            )
            start_response(response.status, list(response.headers))
            return [response.body]
        return self._app(environ, start_response)


app = _EnvironmentApp()
"""The WSGI application for any WSGI server, configured by ``OPISKELUHUOLTO_*``."""
