"""Integration: an ``ical`` feed stored in a real CalDAV server (Radicale) and read back.

A Radicale server runs on 127.0.0.1 with a free port, a temporary storage
folder, no authentication and no configuration file (``radicale_fixture``).  The feed of the
embedded Sedu data is PUT as a whole calendar to a collection URL (Radicale
creates the calendar collection), read back with GET and compared event by
event; so is a feed of timed events (``TZID`` and ``VTIMEZONE``), in both
modes.  The first test PUTs the very file the README's main-job command
writes (``opiskeluhuolto export ical -o vuosikello.ics``, default options,
run through :func:`opiskeluhuolto.cli.main`).  Only :mod:`http.client` talks
to the server; every wait is bounded and the server is always terminated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pluggy
import pytest
import recurring_ical_events
from opiskeluhuolto_ical import IcalExporter
from radicale_fixture import USER, Server, start_radicale

from opiskeluhuolto import SchoolYear, cli
from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.recurrence import (
    DateWindow,
    Frequency,
    NthWeekdayWindow,
    Repeat,
    Rule,
    TimeOfDay,
    Weekday,
    WeekWindow,
)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with start_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


def _feed(mode: str) -> tuple[ExportContext, bytes]:
    school_year = SchoolYear(2026)
    start = school_year.start if mode == "expanded" else dt.date(2024, 8, 1)
    context = ExportContext(
        load_default(),
        start,
        school_year.end if mode == "expanded" else dt.date(2031, 7, 31),
        options=IcalExporter().parse_options({"mode": mode, "alarm_days": "7"}),
        generated=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )
    return context, IcalExporter().render(context)


def _events(data: bytes) -> dict[str, tuple[object, ...]]:
    found: dict[str, tuple[object, ...]] = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        rrule = event.get("RRULE")
        found[str(event["UID"])] = (
            event["DTSTART"].dt,
            event["DTEND"].dt,
            None if rrule is None else rrule.to_ical(),
            str(event["SUMMARY"]),
            str(event["DESCRIPTION"]),
            event.get("RELATED-TO"),
            len(event.walk("VALARM")),
        )
    return found


def _instances(data: bytes, context: ExportContext) -> set[tuple[str, dt.date, dt.date]]:
    feed = icalendar.Calendar.from_ical(data)
    return {
        (str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt)
        for e in recurring_ical_events.of(feed).between(
            context.start, context.end + dt.timedelta(days=1)
        )
    }


# The README's main job, pinned to a day of school year 2026–2027.
MAIN_JOB_TODAY = "2026-11-27"


def test_main_job_feed_survives_a_caldav_server(
    radicale: Server, manager: pluggy.PluginManager, tmp_path: Path
) -> None:
    """The file of `opiskeluhuolto export ical -o vuosikello.ics` (default options) in Radicale."""
    path = tmp_path / "vuosikello.ics"
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(
        ["export", "ical", "--today", MAIN_JOB_TODAY, "-o", str(path)], stdout=out, stderr=err
    )
    assert status == 0, err.getvalue()
    sent = path.read_bytes()
    # Default options: expanded (only the VTIMEZONE's observances recur), no alarms.
    assert sent.count(b"\r\nRRULE:") == 2 and sent.count(b"BEGIN:VTIMEZONE") == 1
    assert b"VALARM" not in sent

    collection = f"/{USER}/vuosikello/"
    status, body = radicale.request(
        "PUT", collection, sent, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (200, 201, 204), body.decode(errors="replace")
    status, received = radicale.request("GET", collection)
    assert status == 200, received.decode(errors="replace")

    sent_events = _events(sent)
    assert len(sent_events) > 20
    assert _events(received) == sent_events
    # Exactly the library's occurrences of the school year, after the round trip.
    school_year = SchoolYear.containing(dt.date.fromisoformat(MAIN_JOB_TODAY))
    context = ExportContext(load_default(), school_year.start, school_year.end)
    wanted = {
        (f"{occ.id}@opiskeluhuolto", occ.start, occ.end + dt.timedelta(days=1))
        for occ in context.occurrences()
    }
    assert _instances(received, context) == wanted


@pytest.mark.parametrize("mode", ["expanded", "rrule"])
def test_feed_survives_a_caldav_server(radicale: Server, mode: str) -> None:
    context, sent = _feed(mode)
    path = f"/{USER}/{mode}/"
    status, body = radicale.request(
        "PUT", path, sent, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (200, 201, 204), body.decode(errors="replace")
    status, received = radicale.request("GET", path)
    assert status == 200, received.decode(errors="replace")

    sent_events = _events(sent)
    received_events = _events(received)
    assert len(sent_events) > 20
    assert received_events == sent_events
    for values in received_events.values():
        start, end = values[0], values[1]
        assert type(start) is dt.date and type(end) is dt.date and end > start
    # Expanded by the same RFC 5545 engine, both give the same occurrences.
    assert _instances(received, context) == _instances(sent, context)
    assert len(_instances(received, context)) == len(context.occurrences())


def test_single_event_can_be_fetched_by_uid_path(radicale: Server) -> None:
    """Radicale stores one item per UID: each event of the feed is an object of its own."""
    _context, sent = _feed("expanded")
    path = f"/{USER}/per-uid/"
    status, _ = radicale.request(
        "PUT", path, sent, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (200, 201, 204)
    listing_body = b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    status, listing = radicale.request(
        "PROPFIND", path, listing_body, {"Depth": "1", "Content-Type": "application/xml"}
    )
    assert status == 207
    hrefs = listing.decode().count(".ics</")
    assert hrefs == len(_events(sent))


def _timed_feed(mode: str) -> tuple[ExportContext, bytes]:
    afternoon = TimeOfDay(dt.time(14), dt.time(15, 30))
    rules = [
        Rule(NthWeekdayWindow(9, Weekday.TU, 2), time=afternoon),
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=Weekday.SU), time=afternoon),
        Rule(DateWindow.on(25, 10), time=TimeOfDay(dt.time(3, 30))),  # 03.30 happens twice
        Rule(WeekWindow(43, 44)),
    ]
    items = [Item(f"kohde-{n}", f"Kohde {n}", rule) for n, rule in enumerate(rules)]
    org = Organisation(
        "sedu",
        "Sedu",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")]),
        [Calendar("vk", "Vuosikello", "ohr", items)],
    )
    school_year = SchoolYear(2026)
    context = ExportContext(
        org,
        school_year.start,
        school_year.end,
        options=IcalExporter().parse_options({"mode": mode}),
        generated=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )
    return context, IcalExporter().render(context)


@pytest.mark.parametrize("mode", ["expanded", "rrule"])
def test_timed_feed_survives_a_caldav_server(radicale: Server, mode: str) -> None:
    context, sent = _timed_feed(mode)
    path = f"/{USER}/timed-{mode}/"
    status, body = radicale.request(
        "PUT", path, sent, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (200, 201, 204), body.decode(errors="replace")
    status, received = radicale.request("GET", path)
    assert status == 200, received.decode(errors="replace")

    assert _events(received) == _events(sent)
    timezones = icalendar.Calendar.from_ical(received).walk("VTIMEZONE")
    assert {str(tz["TZID"]) for tz in timezones} == {"Europe/Helsinki"}
    # The library's aware datetimes, after the round trip.
    wanted = {
        (
            f"{occ.id}@opiskeluhuolto",
            occ.starts_at or occ.start,
            occ.ends_at or occ.end + dt.timedelta(days=1),
        )
        for occ in context.occurrences()
    }
    found = _instances(received, context)
    if mode == "expanded":
        assert found == wanted
    else:
        assert {(start, end) for _uid, start, end in found} == {
            (start, end) for _uid, start, end in wanted
        }
        assert b"RRULE:FREQ=WEEKLY;BYDAY=SU;WKST=MO" in received
