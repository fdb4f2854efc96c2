"""``opiskeluhuolto sync caldav`` against a real CalDAV server (Radicale) started here.

One Radicale (``radicale_fixture``) with an htpasswd file of many users: each
test syncs into a calendar home of its own (``/vkN/``), so no test sees
another's calendars.  The command runs in-process through
:func:`opiskeluhuolto.cli.main`; what the server holds is read back with
:mod:`http.client` (``GET`` of each group's calendar, one ``VCALENDAR`` of all
its objects) and parsed with :mod:`icalendar`, and compared with the
library's occurrences and meetings computed here, not with the feed.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import itertools
import re
import sys
import threading
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import attrs
import icalendar
import pytest
from radicale_fixture import Server, free_port, start_radicale

from opiskeluhuolto import cli
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.loading import load, load_default
from opiskeluhuolto.publishing import rolling_range
from opiskeluhuolto.sync.caldav_server import GroupCalendar

pytestmark = pytest.mark.usefixtures("manager")

TODAY = "2026-12-03"
PASSWORD = "salainen sana"
USERS = {f"vk{n}": PASSWORD for n in range(40)}
_next_user = itertools.count(1)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with start_radicale(tmp_path_factory.mktemp("radicale"), USERS) as server:
        yield server


@pytest.fixture
def home(radicale: Server) -> Server:
    """A user of its own, so an empty calendar home."""
    return attrs.evolve(radicale, user=f"vk{next(_next_user)}")


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "salasana"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


_COUNT = re.compile(
    r"(?:luotu|luotaisiin|päivitetty|päivitettäisiin|poistettu|poistettaisiin|ennallaan) (\d+)"
)


@attrs.frozen
class Result:
    status: int
    out: str
    err: str

    def total(self) -> tuple[int, ...]:
        """The counts of the total line: created, updated, deleted, unchanged."""
        line = self.out.strip().splitlines()[-1]
        return tuple(int(n) for n in _COUNT.findall(line))


def sync(server: Server, password_file: Path, *args: str, url: str | None = None) -> Result:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(
        [
            "sync",
            "caldav",
            url or server.url,
            "--user",
            server.user,
            "--password-file",
            str(password_file),
            "--today",
            TODAY,
            *args,
        ],
        stdout=out,
        stderr=err,
    )
    return Result(status, out.getvalue(), err.getvalue())


def held(server: Server, group: str) -> list[icalendar.Event]:
    """Every VEVENT of the group's calendar on the server."""
    status, body = server.request("GET", f"/{server.user}/{group}/")
    if status == 404:
        return []
    assert status == 200, body.decode(errors="replace")
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


Instance = tuple[str, object, object]


def instances(events: list[icalendar.Event]) -> list[Instance]:
    return sorted(
        ((str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events), key=lambda i: i[0]
    )


def library(org: Organisation, group: str) -> dict[str, tuple[object, object, str]]:
    """The group's occurrences and meetings in the rolling range: UID → (start, end, title)."""
    start, end = rolling_range(dt.date.fromisoformat(TODAY))
    wanted: dict[str, tuple[object, object, str]] = {}
    for occ in org.occurrences(start, end, group):
        uid = f"{occ.id}@opiskeluhuolto"
        assert uid not in wanted
        wanted[uid] = (
            occ.starts_at or occ.start,
            occ.ends_at or occ.end + dt.timedelta(days=1),
            occ.item.title,
        )
    name = org.group(group).name
    for meeting in org.meetings(group, start, end):
        uid = f"{org.id}.{group}.{meeting.day:%Y%m%d}.kokous@opiskeluhuolto"
        if meeting.time is None:
            span: tuple[object, object] = (meeting.day, meeting.day + dt.timedelta(days=1))
        else:
            zone = zoneinfo.ZoneInfo(org.timezone)
            span = (
                dt.datetime.combine(meeting.day, meeting.time.start, tzinfo=zone),
                dt.datetime.combine(meeting.day, meeting.time.end, tzinfo=zone),
            )
        wanted[uid] = (*span, name)
    return wanted


def assert_holds_exactly(server: Server, org: Organisation, group: str) -> list[icalendar.Event]:
    """The calendar holds the library's events (UIDs, dates, times, titles) once each."""
    events = [e for e in held(server, group) if e.get("X-OPISKELUHUOLTO-SYNC") is not None]
    found = instances(events)
    uids = [uid for uid, _start, _end in found]
    assert len(uids) == len(set(uids)), f"{group}: duplicates"
    wanted = library(org, group)
    assert {uid: (s, e) for uid, s, e in found} == {
        uid: (s, e) for uid, (s, e, _title) in wanted.items()
    }, group
    for event in events:
        assert wanted[str(event["UID"])][2] in str(event["SUMMARY"])
        assert str(event["X-OPISKELUHUOLTO-SYNC"]) == org.id
    return events


def _sequences(server: Server, group: str) -> dict[str, int]:
    return {str(e["UID"]): int(e.get("SEQUENCE", 0)) for e in held(server, group)}


# -- the embedded data ---------------------------------------------------------


def test_first_sync_of_the_embedded_data_then_a_second_run_changes_nothing(
    home: Server, password_file: Path
) -> None:
    first = sync(home, password_file)
    assert first.status == 0, first.err
    assert first.err == ""  # not a terminal: no progress
    org = load_default()
    total = 0
    for group in org.groups:
        events = assert_holds_exactly(home, org, group.id)
        assert all(int(e["SEQUENCE"]) == 0 for e in events)
        total += len(events)
        # the calendar is named after the group
        status, body = home.request(
            "PROPFIND",
            f"/{home.user}/{group.id}/",
            b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><displayname/></prop></propfind>',
            {"Depth": "0", "Content-Type": "application/xml"},
        )
        assert status == 207 and group.name.encode() in body
    assert total > 500
    assert first.total() == (total, 0, 0, 0)
    assert f"Yhteensä {len(org.groups)} kalenteria, joista {len(org.groups)} uutta" in first.out

    before = {group.id: home.request("GET", f"/{home.user}/{group.id}/") for group in org.groups}
    second = sync(home, password_file)
    assert second.status == 0, second.err
    assert second.total() == (0, 0, 0, total)
    after = {group.id: home.request("GET", f"/{home.user}/{group.id}/") for group in org.groups}
    assert after == before


# -- a data file of our own, changed -------------------------------------------

BASE = """\
schema = 1

[organisation]
id = "testi"
name = "Testiopisto"
timezone = "Europe/Helsinki"

[[groups]]
id = "ohr"
name = "Opiskeluhuoltoryhmä"
kind = "organisation"
meetings = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa"

[[groups]]
id = "kampus"
name = "Kampuksen ohr"
kind = "campus"
parent = "ohr"

[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "huoltajakysely"
title = "Huoltajakysely"
when = "viikoilla 43 ja 44"
results = "aikaisintaan marraskuussa"
kind = "survey"

[[calendars.items]]
id = "juhla"
title = "Itsenäisyyspäiväjuhla"
when = "6.12."
kind = "event"

[[calendars.items]]
id = "kavely"
title = "Turvallisuuskävely"
when = "syyskuussa"
kind = "drill"
"""

ADDED = """
[[calendars.items]]
id = "liikunta"
title = "Liikuntapäivä"
when = "viikolla 37"
kind = "event"
"""


def changed(text: str) -> str:
    """Moved (43–44 → 45–46), renamed, one removed, one added."""
    text = text.replace('when = "viikoilla 43 ja 44"', 'when = "viikoilla 45 ja 46"')
    text = text.replace('title = "Itsenäisyyspäiväjuhla"', 'title = "Itsenäisyyspäivän juhla"')
    removed = '[[calendars.items]]\nid = "kavely"\ntitle = "Turvallisuuskävely"\n'
    removed += 'when = "syyskuussa"\nkind = "drill"\n'
    assert removed in text
    return text.replace(removed, "") + ADDED


FOREIGN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Käsin//FI\r
BEGIN:VEVENT\r
UID:%s\r
DTSTAMP:20261001T120000Z\r
DTSTART;VALUE=DATE:20261020\r
DTEND;VALUE=DATE:20261021\r
SUMMARY:Oma merkintä\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _put_foreign(server: Server, group: str, name: str, uid: str) -> bytes:
    body = (FOREIGN % uid).encode()
    status, answer = server.request(
        "PUT", f"/{server.user}/{group}/{name}", body, {"Content-Type": "text/calendar"}
    )
    assert status in (201, 204), answer
    status, stored = server.request("GET", f"/{server.user}/{group}/{name}")
    assert status == 200
    return stored


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_data_file_is_synced_and_foreign_events_survive(
    home: Server, password_file: Path, tmp_path: Path
) -> None:
    v1 = _write(tmp_path, "v1.toml", BASE)
    v2 = _write(tmp_path, "v2.toml", changed(BASE))
    org1, org2 = load(v1), load(v2)
    first = sync(home, password_file, "--data", str(v1))
    assert first.status == 0, first.err
    for group in ("ohr", "kampus"):
        assert_holds_exactly(home, org1, group)
    # By hand: an event of someone else's, and one imported from our own feed
    # (its UID ends in @opiskeluhuolto, but it has no marker).
    foreign = {
        "oma.ics": _put_foreign(home, "ohr", "oma.ics", "oma-merkinta@example.org"),
        "tuotu.ics": _put_foreign(home, "ohr", "tuotu.ics", "testi.tuotu.2026@opiskeluhuolto"),
    }
    sequences1 = _sequences(home, "ohr")

    dry = sync(home, password_file, "--data", str(v2), "--dry-run")
    assert dry.status == 0, dry.err
    assert dry.out.startswith("Harjoitusajo (--dry-run), mitään ei muutettu")
    assert _sequences(home, "ohr") == sequences1  # nothing changed

    real = sync(home, password_file, "--data", str(v2))
    assert real.status == 0, real.err
    assert real.total() == dry.total()
    created, updated, deleted, _unchanged = real.total()
    assert created > 0 and updated > 0 and deleted > 0

    old, new = library(org1, "ohr"), library(org2, "ohr")
    events = assert_holds_exactly(home, org2, "ohr")
    assert_holds_exactly(home, org2, "kampus")
    sequences2 = {str(e["UID"]): int(e["SEQUENCE"]) for e in events}
    # no METHOD: each object's DTSTAMP is when it was last revised (RFC 5545 §3.8.7.2)
    for event in events:
        assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt, event["UID"]
    changed_uids = {uid for uid in old.keys() & new.keys() if old[uid] != new[uid]}
    # the survey and its results moved under the same UIDs, the party renamed
    assert any("huoltajakysely" in uid for uid in changed_uids)
    assert any("juhla" in uid for uid in changed_uids)
    for uid, sequence in sequences2.items():
        if uid in changed_uids:
            assert sequence == sequences1[uid] + 1, uid
        elif uid in old:
            assert sequence == sequences1[uid], uid
        else:
            assert sequence == 0, uid
    assert not any("kavely" in uid for uid in sequences2)
    assert any("liikunta" in uid for uid in sequences2)
    # Per group: the report's lines add up to the changes seen on the server.
    assert f"ohr:    luotu {len(new.keys() - old.keys())}, päivitetty {len(changed_uids)}" in (
        real.out
    )

    again = sync(home, password_file, "--data", str(v2))
    assert again.status == 0 and again.total()[:3] == (0, 0, 0)
    for name, stored in foreign.items():
        assert home.request("GET", f"/{home.user}/ohr/{name}") == (200, stored)


def test_a_dry_run_on_an_empty_home_makes_nothing_and_counts_what_a_run_then_does(
    home: Server, password_file: Path, tmp_path: Path
) -> None:
    data = _write(tmp_path, "v1.toml", BASE)
    dry = sync(home, password_file, "--data", str(data), "--dry-run")
    assert dry.status == 0, dry.err
    assert "(kalenteri luotaisiin)" in dry.out
    assert held(home, "ohr") == [] and held(home, "kampus") == []
    status, _ = home.request("PROPFIND", f"/{home.user}/ohr/", None, {"Depth": "0"})
    assert status == 404
    real = sync(home, password_file, "--data", str(data))
    assert real.status == 0 and real.total() == dry.total()
    assert real.total()[0] == len(library(load(data), "ohr")) + len(library(load(data), "kampus"))


def test_one_group_and_english(home: Server, password_file: Path, tmp_path: Path) -> None:
    data = _write(tmp_path, "v1.toml", BASE)
    result = sync(home, password_file, "--data", str(data), "--group", "kampus", "--lang", "en")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(f"CalDAV {home.url}, 1 August 2026 – 31 July 2028")
    assert lines[1].startswith("  kampus: created ") and lines[1].endswith("(new calendar)")
    assert lines[2].startswith("Total 1 calendar (new): created ")
    assert held(home, "ohr") == []
    assert_holds_exactly(home, load(data), "kampus")


# -- interruption ----------------------------------------------------------------


def _state(server: Server, group: str) -> dict[str, tuple[str, ...]]:
    """UID → the event's lines but DTSTAMP and LAST-MODIFIED (the time of the run)."""
    found: dict[str, tuple[str, ...]] = {}
    for event in held(server, group):
        lines = event.to_ical().decode().replace("\r\n ", "").split("\r\n")
        kept = [ln for ln in lines if not ln.startswith(("DTSTAMP", "LAST-MODIFIED"))]
        found[str(event["UID"])] = tuple(sorted(kept))
    return found


@pytest.mark.parametrize("k", [1, 4])
def test_a_run_stopped_after_k_changes_then_a_full_run_ends_as_one_full_run(
    radicale: Server,
    password_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    k: int,
) -> None:
    v1 = _write(tmp_path, "v1.toml", BASE)
    v2 = _write(tmp_path, "v2.toml", changed(BASE))
    reference, stopped = (attrs.evolve(radicale, user=f"vk{next(_next_user)}") for _ in "ab")
    for server in (reference, stopped):
        assert sync(server, password_file, "--data", str(v1)).status == 0
    assert sync(reference, password_file, "--data", str(v2)).status == 0

    calls = {"n": 0}
    real_put, real_delete = GroupCalendar.put, GroupCalendar.delete

    def counted(original: object) -> object:
        def operation(self: GroupCalendar, *args: object) -> None:
            if calls["n"] == k:
                raise KeyboardInterrupt
            calls["n"] += 1
            original(self, *args)  # type: ignore[operator]

        return operation

    monkeypatch.setattr(GroupCalendar, "put", counted(real_put))
    monkeypatch.setattr(GroupCalendar, "delete", counted(real_delete))
    interrupted = sync(stopped, password_file, "--data", str(v2))
    monkeypatch.undo()
    assert interrupted.status == 130
    assert re.fullmatch(
        rf"opiskeluhuolto: keskeytetty: tehty {k}/\d+ muutosta; seuraava ajo jatkaa siitä\n",
        interrupted.err,
    ), interrupted.err
    assert _state(stopped, "ohr") != _state(reference, "ohr")

    completed = sync(stopped, password_file, "--data", str(v2))
    assert completed.status == 0, completed.err
    assert sum(completed.total()[:3]) > 0
    for group in ("ohr", "kampus"):
        assert _state(stopped, group) == _state(reference, group)


def test_a_server_that_goes_away_mid_run_then_a_full_run(
    tmp_path: Path, password_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real dropped connection: Radicale stopped after 3 PUTs, started again on its storage."""
    data = _write(tmp_path, "v1.toml", BASE)
    organisation = load(data)
    total = len(library(organisation, "ohr")) + len(library(organisation, "kampus"))
    storage = tmp_path / "radicale"
    storage.mkdir()
    real_put = GroupCalendar.put
    with start_radicale(storage, USERS) as server:
        calls = {"n": 0}

        def put(self: GroupCalendar, href: str, body: bytes) -> None:
            calls["n"] += 1
            if calls["n"] == 4:
                assert server.process is not None
                server.process.terminate()
                server.process.wait(timeout=10)
            real_put(self, href, body)

        monkeypatch.setattr(GroupCalendar, "put", put)
        result = sync(server, password_file, "--data", str(data))
        monkeypatch.undo()
    assert result.status == 1 and result.out == ""
    port = server.port
    assert result.err == (
        f"opiskeluhuolto: 127.0.0.1:{port}: palvelimeen ei saatu yhteyttä (Connection refused); "
        f"tehty 3/{total} muutosta; seuraava ajo jatkaa siitä\n"
    )
    with start_radicale(storage, USERS, port=port) as again:
        completed = sync(again, password_file, "--data", str(data))
        assert completed.status == 0, completed.err
        assert completed.total() == (total - 3, 0, 0, 3)
        for group in ("ohr", "kampus"):
            assert_holds_exactly(again, organisation, group)


# -- progress -------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(home: Server, password_file: Path, tmp_path: Path) -> None:
    data = _write(tmp_path, "v1.toml", BASE)
    err = _Terminal()
    status = cli.main(
        [
            "sync",
            "caldav",
            home.url,
            "--user",
            home.user,
            "--password-file",
            str(password_file),
            "--today",
            TODAY,
            "--data",
            str(data),
        ],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert status == 0
    shown = err.getvalue()
    total = len(library(load(data), "ohr")) + len(library(load(data), "kampus"))
    assert shown.startswith("\r[1/") and f"\r[{total}/{total}]" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end


# -- bad arguments and servers ----------------------------------------------------


def test_a_wrong_password_is_one_line_and_status_2(home: Server, tmp_path: Path) -> None:
    wrong = _write(tmp_path, "väärä", "väärä\n")
    result = sync(home, wrong, "--data", str(_write(tmp_path, "v1.toml", BASE)))
    assert result.status == 2 and result.out == ""
    assert result.err == (
        f"opiskeluhuolto: {home.url}: palvelin ei hyväksynyt tunnusta tai salasanaa "
        "(HTTP 401); tarkista --user ja --password-file\n"
    )


def test_another_user_s_home_is_forbidden(home: Server, password_file: Path) -> None:
    other = attrs.evolve(home, user="vk0")
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(
        ["sync", "caldav", other.url, "--user", home.user, "--password-file", str(password_file)],
        stdout=out,
        stderr=err,
    )
    assert status == 2 and err.getvalue().count("\n") == 1
    assert "ei oikeutta (HTTP 403)" in err.getvalue()


def test_an_unreachable_server_is_one_line_and_status_1(password_file: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/vk/"
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["--lang", "en", "sync", "caldav", url], stdout=out, stderr=err)
    assert status == 1
    assert err.getvalue() == (
        f"opiskeluhuolto: 127.0.0.1:{url.split(':')[2].split('/')[0]}: "
        "could not reach the server (Connection refused)\n"
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_url_that_is_no_caldav_server_is_one_line_and_status_2(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>Ei kalentereita</p>")
    handler = lambda *a: _Quiet(*a, directory=str(tmp_path))  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        out, err = io.StringIO(), io.StringIO()
        status = cli.main(["sync", "caldav", url], stdout=out, stderr=err)
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
        httpd.server_close()
    assert status == 2 and err.getvalue().count("\n") == 1, err.getvalue()
    assert f"{url} ei ole CalDAV-kalenterikoti" in err.getvalue()


def test_a_calendar_url_instead_of_a_home_is_refused(
    home: Server, password_file: Path, tmp_path: Path
) -> None:
    data = _write(tmp_path, "v1.toml", BASE)
    assert sync(home, password_file, "--data", str(data), "--group", "kampus").status == 0
    result = sync(home, password_file, "--data", str(data), url=home.url + "kampus/")
    assert result.status == 2 and result.err.count("\n") == 1
    assert f"{home.url}kampus/ on kalenteri; anna kalenterikoti" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "vk"], "--user ja --password-file annetaan yhdessä"),
        (["--password-file", "x"], "--user ja --password-file annetaan yhdessä"),
        (["--user", "vk", "--password-file", "puuttuu"], "--password-file puuttuu: ei voi lukea"),
        (["--user", "vk", "--password-file", "tyhja"], "ensimmäisellä rivillä pitää olla"),
    ],
)
def test_bad_credentials_arguments_are_one_line_and_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tyhja").write_text("\n")
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["sync", "caldav", "http://127.0.0.1:9/", *args], stdout=out, stderr=err)
    assert status == 2 and err.getvalue().count("\n") == 1 and message in err.getvalue()


def test_bad_data_is_reported_before_the_server_is_asked(tmp_path: Path) -> None:
    broken = _write(tmp_path, "rikki.toml", BASE.replace('kind = "drill"', 'kind = "pora"'))
    out, err = io.StringIO(), io.StringIO()
    url = f"http://127.0.0.1:{free_port()}/vk/"  # nobody answers there
    status = cli.main(["sync", "caldav", url, "--data", str(broken)], stdout=out, stderr=err)
    assert status == 2
    assert re.match(rf"{re.escape(str(broken))}:\d+: ", err.getvalue()), err.getvalue()


def test_an_ftp_url_is_refused() -> None:
    err = io.StringIO()
    assert cli.main(["sync", "caldav", "ftp://palvelin/"], stdout=io.StringIO(), stderr=err) == 2
    assert "ei ole http- tai https-osoite" in err.getvalue()


def test_without_the_caldav_package_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "caldav", None)  # import caldav raises ImportError
    err = io.StringIO()
    status = cli.main(["sync", "caldav", "https://x/"], stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert err.getvalue() == (
        "opiskeluhuolto: sync caldav tarvitsee caldav-paketin: "
        "pip install 'opiskeluhuolto[caldav]'\n"
    )


# -- a group that left the data -------------------------------------------------

TYHJA = """
[[groups]]
id = "tyhja"
name = "Tyhjä ryhmä"
kind = "campus"
parent = "ohr"
meetings = "joka kuukauden ensimmäisenä maanantaina klo 9–10 elo–toukokuussa"
"""

OTHER_ORGANISATION = FOREIGN.replace("SUMMARY:Oma merkintä\r\n", "X-OPISKELUHUOLTO-SYNC:muu\r\n")


def _calendar_exists(server: Server, name: str) -> bool:
    status, _ = server.request("PROPFIND", f"/{server.user}/{name}/", None, {"Depth": "0"})
    return status == 207


@pytest.mark.parametrize("how", ["removed", "renamed"])
def test_a_group_that_left_the_data_loses_our_events_and_keeps_the_rest(
    home: Server, password_file: Path, tmp_path: Path, how: str
) -> None:
    v1 = _write(tmp_path, "v1.toml", BASE.replace("\n[[calendars]]", TYHJA + "\n[[calendars]]", 1))
    later = BASE if how == "removed" else v1.read_text().replace('id = "tyhja"', 'id = "uusi"')
    v2 = _write(tmp_path, "v2.toml", later)
    org1, org2 = load(v1), load(v2)
    assert sync(home, password_file, "--data", str(v1)).status == 0
    ours = len(assert_holds_exactly(home, org1, "tyhja"))
    assert ours > 0
    # By hand in the group's calendar: someone's event, one imported from our
    # feed (no marker), one of another organisation's sync (its marker).
    kept = {
        "oma.ics": _put_foreign(home, "tyhja", "oma.ics", "oma@example.org"),
        "tuotu.ics": _put_foreign(home, "tyhja", "tuotu.ics", "testi.tuotu.2026@opiskeluhuolto"),
    }
    body = (OTHER_ORGANISATION % "muu.kysely.2026@opiskeluhuolto").encode()
    assert home.request("PUT", f"/{home.user}/tyhja/muu.ics", body)[0] == 201
    kept["muu.ics"] = home.request("GET", f"/{home.user}/tyhja/muu.ics")[1]
    # A calendar made by hand, with no event of ours, is none of the sync's business.
    assert home.request("MKCALENDAR", f"/{home.user}/kasin/")[0] == 201
    hand = _put_foreign(home, "kasin", "oma.ics", "kasin@example.org")
    before = home.request("GET", f"/{home.user}/tyhja/")

    # Only one group: the removed group's calendar is left for a full run.
    one = sync(home, password_file, "--data", str(v2), "--group", "ohr")
    assert one.status == 0 and "poistun" not in one.out
    assert home.request("GET", f"/{home.user}/tyhja/") == before

    dry = sync(home, password_file, "--data", str(v2), "--dry-run")
    assert dry.status == 0, dry.err
    assert f"\n  poistunut ryhmä tyhja: poistettaisiin {ours}\n" in dry.out
    assert "kasin" not in dry.out
    groups = "2 kalenteria" if how == "removed" else "3 kalenteria, joista 1 luotaisiin,"
    assert f"\nYhteensä {groups} ja 1 poistuneen ryhmän kalenteri: " in dry.out
    assert dry.total()[2] == ours
    assert home.request("GET", f"/{home.user}/tyhja/") == before  # nothing changed

    real = sync(home, password_file, "--data", str(v2))
    assert real.status == 0, real.err
    assert f"\n  poistunut ryhmä tyhja: poistettu {ours}\n" in real.out
    assert real.total() == dry.total()
    # Ours are gone, every other event is as it was, and the calendar stays.
    assert _calendar_exists(home, "tyhja")
    assert sorted(str(e["UID"]) for e in held(home, "tyhja")) == [
        "muu.kysely.2026@opiskeluhuolto",
        "oma@example.org",
        "testi.tuotu.2026@opiskeluhuolto",
    ]
    for name, stored in kept.items():
        assert home.request("GET", f"/{home.user}/tyhja/{name}") == (200, stored)
    assert home.request("GET", f"/{home.user}/kasin/oma.ics") == (200, hand)
    # The server holds exactly the library's events.
    for group in org2.groups:
        assert_holds_exactly(home, org2, group.id)

    again = sync(home, password_file, "--data", str(v2))
    assert again.status == 0 and again.total()[:3] == (0, 0, 0)
    assert "poistun" not in again.out


def test_a_removed_group_in_english(home: Server, password_file: Path, tmp_path: Path) -> None:
    v1 = _write(tmp_path, "v1.toml", BASE.replace("\n[[calendars]]", TYHJA + "\n[[calendars]]", 1))
    v2 = _write(tmp_path, "v2.toml", BASE)
    assert sync(home, password_file, "--data", str(v1)).status == 0
    ours = len(held(home, "tyhja"))
    result = sync(home, password_file, "--data", str(v2), "--lang", "en")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[-2] == f"  removed group tyhja: deleted {ours}"
    assert lines[-1].startswith("Total 2 calendars and 1 calendar of a removed group: created 0")
    assert held(home, "tyhja") == [] and _calendar_exists(home, "tyhja")


# -- two runs at the same time ----------------------------------------------------


@pytest.mark.parametrize("change", ["create", "update"])
def test_a_run_that_another_run_overtook_stops_at_412_and_the_next_run_completes(
    home: Server,
    password_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    """Run B does all the work between run A's reading and A's first PUT: A's
    conditional PUT (If-None-Match: * to create, If-Match to update) is refused."""
    v1 = _write(tmp_path, "v1.toml", BASE)
    v2 = _write(tmp_path, "v2.toml", changed(BASE))
    if change == "update":
        assert sync(home, password_file, "--data", str(v1)).status == 0
    data = v1 if change == "create" else v2
    real_put = GroupCalendar.put
    first: dict[str, str] = {}

    def put(self: GroupCalendar, href: str, body: bytes) -> None:
        if not first:
            first["href"] = href
            overtaking = sync(home, password_file, "--data", str(data))  # run B
            assert overtaking.status == 0, overtaking.err
        real_put(self, href, body)

    monkeypatch.setattr(GroupCalendar, "put", put)
    overtaken = sync(home, password_file, "--data", str(data))  # run A
    monkeypatch.undo()
    assert overtaken.status == 1 and overtaken.out == ""
    assert re.fullmatch(
        rf"opiskeluhuolto: {re.escape(first['href'])}: tapahtuma muuttui palvelimella tämän "
        r"ajon aikana \(HTTP 412\), ehkä samaan aikaan tehdyn toisen ajon takia; "
        r"tehty 0/\d+ muutosta; seuraava ajo jatkaa siitä\n",
        overtaken.err,
    ), overtaken.err
    organisation = load(data)
    for group in ("ohr", "kampus"):
        assert_holds_exactly(home, organisation, group)  # once each: no duplicates
    completed = sync(home, password_file, "--data", str(data))
    assert completed.status == 0 and completed.total()[:3] == (0, 0, 0)
