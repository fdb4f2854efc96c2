"""The feed server: ``opiskeluhuolto.web`` in-process, and under waitress on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import io
import os
import shutil
import socket
import threading
import time
import wsgiref.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

from opiskeluhuolto import loading
from opiskeluhuolto.publishing import Site, SiteBuilder, rolling_range
from opiskeluhuolto.web import FeedServer, make_app

pytestmark = pytest.mark.usefixtures("manager")

TODAY = dt.date(2026, 12, 3)
CAMPUS = Path(__file__).parent / "data" / "kauhava.toml"
TOKEN = "Kx7-salainen_syote_2026"


class Got:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.code = int(status.split()[0])
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(app: FeedServer, path: str, method: str = "GET", **headers: str) -> Got:
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "PATH_INFO": path}
    wsgiref.util.setup_testing_defaults(environ)
    environ["PATH_INFO"] = path.encode("utf-8").decode("latin-1")
    environ["wsgi.errors"] = io.StringIO()
    for name, value in headers.items():
        environ[f"HTTP_{name.upper()}"] = value
    seen: list[Any] = []

    def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
        seen.extend([status, response_headers])

    body = b"".join(app(environ, start_response))
    return Got(seen[0], seen[1], body)


def server(data: Path | None = None, **kwargs: Any) -> FeedServer:
    return FeedServer(None if data is None else str(data), today=lambda: TODAY, **kwargs)


@pytest.fixture(scope="module")
def embedded() -> FeedServer:
    return server()


@pytest.fixture(scope="module")
def builder() -> SiteBuilder:
    start, end = rolling_range(TODAY)
    site = Site(loading.load_default(), start, end, TODAY)
    return SiteBuilder(site)


@pytest.fixture
def campus(tmp_path: Path) -> Path:
    path = tmp_path / "kauhava.toml"
    shutil.copy(CAMPUS, path)
    return path


def with_token(path: Path, token: str = TOKEN) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'highlights_from = ["sedu-ohr", "fokus"]\n',
        f'highlights_from = ["sedu-ohr", "fokus"]\nfeed_tokens = ["{token}"]\n',
    )
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# The same paths and bytes as the site
# ---------------------------------------------------------------------------


def test_every_path_of_the_site_is_served_as_built(
    embedded: FeedServer, builder: SiteBuilder
) -> None:
    for page in builder.layout():
        got = get(embedded, "/" + page.path)
        if page.kind.value == "state":
            assert got.code == 404  # the state file is the publisher's, not the public's
            continue
        assert got.code == 200, page.path
        assert got.headers["content-type"] == page.content_type
        assert got.body == builder.render(page.path), page.path


def test_the_front_page_and_folders(embedded: FeedServer) -> None:
    front = get(embedded, "/")
    assert front.code == 200 and front.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="fi">' in front.text
    assert get(embedded, "/index.html").body == front.body
    assert get(embedded, "/ohr-lapua/").body == get(embedded, "/ohr-lapua/index.html").body


def test_a_feed(embedded: FeedServer) -> None:
    got = get(embedded, "/ohr-lapua/vuosikello.ics")
    assert got.headers["content-type"] == "text/calendar; charset=utf-8"
    assert got.headers["content-length"] == str(len(got.body))
    feed = icalendar.Calendar.from_ical(got.body)
    assert feed.walk("VEVENT")


def test_unknown_paths_are_404_in_finnish(embedded: FeedServer) -> None:
    for path in ("/nope", "/ohr-lapua/nope.ics", "/../etc/passwd", "/g/x/vuosikello.ics", "/ä"):
        got = get(embedded, path)
        assert got.code == 404, path
        assert got.headers["content-type"] == "text/plain; charset=utf-8"
        assert got.text.startswith("sivua ei ole: "), path
    english = server(lang="en")
    assert get(english, "/nope").text == "no such page: /nope\nfront page: /\n"


def test_head_and_other_methods(embedded: FeedServer) -> None:
    full = get(embedded, "/ohr-lapua/vuosikello.ics")
    head = get(embedded, "/ohr-lapua/vuosikello.ics", "HEAD")
    assert head.code == 200 and head.body == b""
    assert head.headers["content-length"] == str(len(full.body))
    assert head.headers["etag"] == full.headers["etag"]
    post = get(embedded, "/", "POST")
    assert post.code == 405 and post.headers["allow"] == "GET, HEAD"


# ---------------------------------------------------------------------------
# Conditional requests
# ---------------------------------------------------------------------------


def test_if_none_match(embedded: FeedServer) -> None:
    first = get(embedded, "/ohr-lapua/vuosikello.ics")
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = get(embedded, "/ohr-lapua/vuosikello.ics", if_none_match=etag)
    assert again.code == 304 and again.body == b""
    assert again.headers["etag"] == etag
    assert get(embedded, "/ohr-lapua/vuosikello.ics", if_none_match=f'"x", W/{etag}').code == 304
    assert get(embedded, "/ohr-lapua/vuosikello.ics", if_none_match="*").code == 304
    assert get(embedded, "/ohr-lapua/vuosikello.ics", if_none_match='"other"').code == 200


def test_if_modified_since(campus: Path) -> None:
    app = server(campus)
    first = get(app, "/ohr-kauhava/vuosikello.ics")
    modified = email.utils.parsedate_to_datetime(first.headers["last-modified"])
    assert modified == dt.datetime.fromtimestamp(int(campus.stat().st_mtime), dt.UTC)
    same = get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since=first.headers["last-modified"])
    assert same.code == 304
    older = email.utils.format_datetime(modified - dt.timedelta(seconds=1), usegmt=True)
    assert get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since=older).code == 200
    assert get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since="not a date").code == 200


def _touch(path: Path, text: str) -> None:
    """Write ``text`` with a modification time surely after the previous one."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_a_change_to_the_data_is_served_at_once(campus: Path) -> None:
    app = server(campus)
    first = get(app, "/ohr-kauhava/vuosikello.ics")
    assert b"Kampuksen hyvinvointip" in first.body
    _touch(campus, campus.read_text(encoding="utf-8").replace("hyvinvointipäivä", "liikuntapäivä"))
    changed = get(app, "/ohr-kauhava/vuosikello.ics", if_none_match=first.headers["etag"])
    assert changed.code == 200
    assert b"Kampuksen liikuntap" in changed.body
    assert changed.headers["etag"] != first.headers["etag"]
    # Other groups' feeds did not change: their ETags hold.
    lapua = get(server(campus), "/ohr-lapua/vuosikello.ics")
    assert get(app, "/ohr-lapua/vuosikello.ics", if_none_match=lapua.headers["etag"]).code == 304


def test_a_data_error_is_500_with_the_check_message_then_mended(campus: Path) -> None:
    app = server(campus)
    good = campus.read_text(encoding="utf-8")
    _touch(campus, good.replace('kind = "drill"', 'kind = "dril"'))
    got = get(app, "/")
    assert got.code == 500
    assert got.text.startswith("aineistossa on virheitä:\n")
    assert f"{campus}:" in got.text and "tuntematon arvo 'dril'" in got.text
    assert "Traceback" not in got.text
    _touch(campus, good)
    assert get(app, "/").code == 200


def test_a_change_in_a_base_file_is_seen(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    shutil.copy(CAMPUS, base)
    top = tmp_path / "unit.toml"
    top.write_text(
        'extends = "base.toml"\n\n[[groups]]\nid = "kauhava-yksikko"\nname = "Yksikkö"\n'
        'parent = "ohr-kauhava"\n',
        encoding="utf-8",
    )
    app = server(top)
    before = get(app, "/kauhava-yksikko/vuosikello.ics")
    _touch(base, base.read_text(encoding="utf-8").replace("hyvinvointipäivä", "liikuntapäivä"))
    after = get(app, "/kauhava-yksikko/vuosikello.ics")
    assert before.body != after.body and b"Kampuksen liikuntap" in after.body


def test_the_range_rolls_with_the_day(campus: Path) -> None:
    days = iter([dt.date(2027, 7, 31), dt.date(2027, 8, 1)])
    app = FeedServer(str(campus), today=lambda: next(days))
    july = icalendar.Calendar.from_ical(get(app, "/ohr-kauhava/vuosikello.ics").body)
    august = icalendar.Calendar.from_ical(get(app, "/ohr-kauhava/vuosikello.ics").body)
    last = {e.decoded("DTSTART") for e in july.walk("VEVENT")}
    now = {e.decoded("DTSTART") for e in august.walk("VEVENT")}
    assert last != now


# ---------------------------------------------------------------------------
# Secret per-feed tokens
# ---------------------------------------------------------------------------


def test_a_token_opens_a_private_feed_and_removing_it_revokes(campus: Path) -> None:
    with_token(campus)
    app = server(campus)
    assert get(app, "/ohr-kauhava/vuosikello.ics").code == 404
    secret = get(app, f"/g/{TOKEN}/vuosikello.ics")
    assert secret.code == 200
    assert secret.headers["content-type"] == "text/calendar; charset=utf-8"
    assert secret.headers["cache-control"] == "private, no-cache"
    assert b"Kampuksen hyvinvointip" in secret.body
    assert get(app, f"/g/{TOKEN}x/vuosikello.ics").code == 404
    assert get(app, f"/g/{TOKEN}/index.html").code == 404
    # Other groups keep their public feeds.
    assert get(app, "/ohr-lapua/vuosikello.ics").code == 200
    # The token appears nowhere else the server shows, and no page links the private feed.
    for path in ("/", "/ohr-kauhava/", "/ohr-lapua/vuosikello.csv"):
        assert TOKEN not in get(app, path).text
    assert "ohr-kauhava/vuosikello.ics" not in get(app, "/").text
    assert "Ryhmän vuosikello on yksityinen" in get(app, "/ohr-kauhava/").text
    # Nothing else of the private calendar is public: not its sheet, wheels or agendas,
    # nor the feeds of the groups below it (they see its calendar).
    for path in (
        "/ohr-kauhava/vuosikello.csv",
        "/ohr-kauhava/vuosikello-2026-2027.html",
        "/turvallisuusryhma-kauhava/vuosikello.ics",
        "/turvallisuusryhma-kauhava/vuosikello.csv",
        "/.opiskeluhuolto-state.json",
    ):
        assert get(app, path).code == 404, path
    _touch(campus, campus.read_text(encoding="utf-8").replace(f'feed_tokens = ["{TOKEN}"]\n', ""))
    assert get(app, f"/g/{TOKEN}/vuosikello.ics").code == 404
    assert get(app, "/ohr-kauhava/vuosikello.ics").code == 200


# ---------------------------------------------------------------------------
# The environment-configured application
# ---------------------------------------------------------------------------


def test_the_module_app_reads_the_environment(
    campus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import opiskeluhuolto.web as web

    monkeypatch.setenv("OPISKELUHUOLTO_DATA", str(campus))
    monkeypatch.setenv("OPISKELUHUOLTO_LANG", "en")
    monkeypatch.setenv("OPISKELUHUOLTO_BASE_URL", "https://example.org/vuosikello/")
    fresh = type(web.app)()
    got = get(fresh, "/")  # type: ignore[arg-type]
    assert got.code == 200 and '<html lang="en">' in got.text
    assert "webcal://example.org/vuosikello/ohr-kauhava/vuosikello.ics" in got.text
    assert make_app(str(campus)).data == str(campus)


# ---------------------------------------------------------------------------
# Under waitress, with concurrent clients
# ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def waitress_server(campus: Path) -> Iterator[tuple[int, FeedServer]]:
    import waitress

    app = server(campus)
    port = _free_port()
    httpd = waitress.create_server(app, host="127.0.0.1", port=port, threads=8)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield port, app
    finally:
        httpd.close()
        thread.join(timeout=10)


CLIENTS, REQUESTS = 8, 200
PATHS = ("/", "/ohr-kauhava/vuosikello.ics", "/ohr-lapua/vuosikello.ics", "/nope")


def test_concurrent_clients_under_waitress(waitress_server: tuple[int, FeedServer]) -> None:
    port, app = waitress_server
    expected = {}
    for path in PATHS:
        got = get(app, path)
        expected[path] = (got.code, hashlib.sha256(got.body).hexdigest(), got.headers.get("etag"))
    wrong: list[str] = []
    done = [0]
    lock = threading.Lock()

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            for n in range(REQUESTS):
                path = PATHS[(index + n) % len(PATHS)]
                code, digest, etag = expected[path]
                conditional = etag is not None and n % 5 == 0
                headers = {"If-None-Match": etag} if conditional and etag else {}
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                want = 304 if conditional else code
                ok = response.status == want and (
                    want == 304 or hashlib.sha256(body).hexdigest() == digest
                )
                with lock:
                    done[0] += 1
                    if not ok:
                        wrong.append(f"{path}: {response.status}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not wrong, wrong[:5]
    assert done[0] == CLIENTS * REQUESTS


def test_a_private_feed_is_not_in_the_static_site(campus: Path) -> None:
    with_token(campus)
    start, end = rolling_range(TODAY)
    builder = SiteBuilder(Site(loading.load(campus), start, end, TODAY))
    files = builder.build()
    private = [p for p in files if p.startswith(("ohr-kauhava/", "turvallisuusryhma-kauhava/"))]
    assert private == ["ohr-kauhava/index.html", "turvallisuusryhma-kauhava/index.html"]
    assert "ohr-lapua/vuosikello.ics" in files
    assert not any(TOKEN.encode() in data for data in files.values())
    # Not even the state file (it lies in the site) names the private events.
    assert b"kauhava-hyvinvointipaiva" not in files[".opiskeluhuolto-state.json"]
    assert all(b"Kampuksen hyvinvointip" not in data for data in files.values())


RECORDS = Path(__file__).parent / "golden" / "records" / "hand-edited.after.toml"


def test_records_reach_the_served_feeds_and_the_site(tmp_path: Path) -> None:
    records = tmp_path / "seuranta-2026.toml"
    shutil.copy(RECORDS, records)
    app = server(records=str(records))
    feed = icalendar.Calendar.from_ical(get(app, "/ohr-lapua/vuosikello.ics").body)
    walk = {str(e["UID"]): e for e in feed.walk("VEVENT")}[
        "sedu.turvallisuuskavely-syksy.2026@opiskeluhuolto"
    ]
    assert walk.decoded("DTSTART") == dt.date(2026, 12, 14)
    plain = icalendar.Calendar.from_ical(get(server(), "/ohr-lapua/vuosikello.ics").body)
    assert {str(e["UID"]) for e in plain.walk("VEVENT")} == {
        str(e["UID"]) for e in feed.walk("VEVENT")
    }
    # A records file with a problem: 500 with its line, until it is mended.
    _touch(records, records.read_text(encoding="utf-8").replace('status = "moved"', 'status = "x"'))
    broken = get(app, "/ohr-lapua/vuosikello.ics")
    assert broken.code == 500 and f"{records}:" in broken.text
    assert get(server(records=str(tmp_path / "nosuch.toml")), "/").code == 500


def test_export_site_with_records(tmp_path: Path) -> None:
    from opiskeluhuolto.cli import main

    records = tmp_path / "seuranta-2026.toml"
    shutil.copy(RECORDS, records)
    target = tmp_path / "public"
    out, err = io.StringIO(), io.StringIO()
    argv = ["export", "site", "--today", "3.12.2026", "--records", str(records), "-o", str(target)]
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    feed = icalendar.Calendar.from_ical((target / "ohr-lapua" / "vuosikello.ics").read_bytes())
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in feed.walk("VEVENT")}
    assert starts["sedu.turvallisuuskavely-syksy.2026@opiskeluhuolto"] == dt.date(2026, 12, 14)


# ---------------------------------------------------------------------------
# What the red-team review found
# ---------------------------------------------------------------------------


def test_last_modified_moves_whenever_the_bytes_change(campus: Path) -> None:
    days = [dt.date(2027, 7, 31)]
    app = FeedServer(str(campus), today=lambda: days[0])
    first = get(app, "/ohr-kauhava/vuosikello.ics")
    since = first.headers["last-modified"]
    assert get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since=since).code == 304
    days[0] = dt.date(2027, 8, 1)  # the rolling range moves on: other bytes, same data file
    moved = get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since=since)
    assert moved.code == 200 and moved.body != first.body
    later = email.utils.parsedate_to_datetime(moved.headers["last-modified"])
    assert later > email.utils.parsedate_to_datetime(since)
    # A data file put back with an older modification time: still other bytes, later time.
    old = campus.stat().st_mtime_ns
    campus.write_text(
        campus.read_text("utf-8").replace("hyvinvointipäivä", "liikuntapäivä"), "utf-8"
    )
    os.utime(campus, ns=(old - 10**12, old - 10**12))
    restored = get(
        app, "/ohr-kauhava/vuosikello.ics", if_modified_since=moved.headers["last-modified"]
    )
    assert restored.code == 200
    assert email.utils.parsedate_to_datetime(restored.headers["last-modified"]) > later
    # A date in the future means nothing.
    future = email.utils.format_datetime(dt.datetime(2099, 1, 1, tzinfo=dt.UTC), usegmt=True)
    assert get(app, "/ohr-kauhava/vuosikello.ics", if_modified_since=future).code == 200


def _sequence(body: bytes, uid: str) -> int:
    feed = icalendar.Calendar.from_ical(body)
    return int({str(e["UID"]): e for e in feed.walk("VEVENT")}[uid]["SEQUENCE"])


UID = "sedu.kauhava-hyvinvointipaiva.2026@opiskeluhuolto"


def test_the_server_raises_sequence_when_an_event_changes(campus: Path, tmp_path: Path) -> None:
    app = server(campus)
    assert _sequence(get(app, "/ohr-kauhava/vuosikello.ics").body, UID) == 0
    text = campus.read_text(encoding="utf-8")
    for number, when in enumerate(("viikon 38 tiistaina", "viikon 39 tiistaina"), 1):
        _touch(campus, text.replace("viikon 37 tiistaina", when))
        body = get(app, "/ohr-kauhava/vuosikello.ics").body
        assert _sequence(body, UID) == number
        # Unchanged events keep theirs.
        assert _sequence(body, "sedu.huoltajakysely.2026@opiskeluhuolto") == 0
    # With a state file the stamps outlive the server.
    state = tmp_path / "tila.json"
    first = server(campus, state=str(state))
    get(first, "/ohr-kauhava/vuosikello.ics")
    _touch(campus, text)
    again = server(campus, state=str(state))
    assert _sequence(get(again, "/ohr-kauhava/vuosikello.ics").body, UID) == 1


def test_a_bad_state_file_is_a_500_with_its_message(campus: Path, tmp_path: Path) -> None:
    state = tmp_path / "tila.json"
    state.write_text("{bad", encoding="utf-8")
    got = get(server(campus, state=str(state)), "/ohr-lapua/vuosikello.ics")
    assert got.code == 500 and str(state) in got.text and "Traceback" not in got.text


def test_a_bad_environment_is_a_500_with_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import opiskeluhuolto.web as web

    monkeypatch.setenv("OPISKELUHUOLTO_BASE_URL", "ftp://x")
    got = get(type(web.app)(), "/")  # type: ignore[arg-type]
    assert got.code == 500 and "OPISKELUHUOLTO_BASE_URL" in got.text and "ftp://x" in got.text


def test_the_data_chain_is_read_again_only_when_a_file_changes(
    campus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = server(campus)
    get(app, "/")
    calls = []
    real = loading.chain_files
    monkeypatch.setattr(loading, "chain_files", lambda path: calls.append(path) or real(path))
    for _ in range(5):
        get(app, "/")
    assert calls == []
    _touch(campus, campus.read_text(encoding="utf-8") + "\n")
    get(app, "/")
    assert calls == [str(campus)]


def test_serve_says_nothing_of_listening_on_a_port_in_use() -> None:
    from opiskeluhuolto.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out, err = io.StringIO(), io.StringIO()
        status = main(["serve", "--port", str(port)], stdout=out, stderr=err)
    assert status == 1
    assert err.getvalue().startswith(f"opiskeluhuolto: 127.0.0.1:{port}: ")
    assert "syötepalvelin" not in err.getvalue() and len(err.getvalue().splitlines()) == 1


def test_a_folder_without_its_slash_is_redirected(embedded: FeedServer) -> None:
    got = get(embedded, "/ohr-lapua")
    assert got.code == 301 and got.headers["location"] == "/ohr-lapua/"
    assert get(embedded, "/ohr-lapuaa").code == 404
    assert get(embedded, "/ohr-lapua/vuosikello.ics/").code == 404


def test_a_bad_base_url_is_refused_in_the_user_s_language() -> None:
    from opiskeluhuolto.publishing import BaseUrlError

    for url in ("ftp://x", "https://a b/", 'https://x/"', "https://x/?q=1"):
        with pytest.raises(BaseUrlError) as refused:
            FeedServer(base_url=url)
        assert refused.value.message("fi").startswith(f"base_url {url!r}: odotettiin osoitetta")
        assert refused.value.message("sv").startswith(f"base_url {url!r}: förväntade en adress")
