"""The sync's events (:mod:`opiskeluhuolto.sync.events`): one canonical content for both sides.

A server may store an event its own way – properties reordered, lines folded
elsewhere, text escaped differently, parameters in another order, its own
DTSTAMP – and it must still compare equal; any other change must not.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import plugins
from opiskeluhuolto.loading import loads
from opiskeluhuolto.sync import MARKER
from opiskeluhuolto.sync.events import (
    FeedEvent,
    _fold,
    feed_events,
    group_feed,
    parse,
    remote_event,
)

STORED = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FI\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:o.kysely.2026@opiskeluhuolto\r\n"
    "DTSTAMP:20260801T000000Z\r\n"
    "SEQUENCE:2\r\n"
    "DTSTART;VALUE=DATE:20261019\r\n"
    "DTEND;VALUE=DATE:20261102\r\n"
    "SUMMARY:Kysely\\, huoltajat\\; kaikki\r\n"
    "DESCRIPTION:Ajoitus: viikoilla 43–44\\nRyhmä: OHR\r\n"
    "CATEGORIES:kysely,huoltajat\r\n"
    f"{MARKER}:o\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)

# The same event as another server writes it: other order, folded, DTSTAMP
# and LAST-MODIFIED of its own, SEQUENCE unchanged, \n-only line ends.
RESTORED = (
    "BEGIN:VCALENDAR\nPRODID:-//y//EN\nVERSION:2.0\n"
    "BEGIN:VEVENT\n"
    "CATEGORIES:kysely,huoltajat\n"
    "DESCRIPTION:Ajoitus: viikoilla 43–44\\nRyhm\n ä: OHR\n"
    "DTEND;VALUE=DATE:20261102\n"
    f"{MARKER}:o\n"
    "DTSTART;VALUE=DATE:20261019\n"
    "LAST-MODIFIED:20261203T101010Z\n"
    "SUMMARY:Kysely\\, huoltajat\\; kaikki\n"
    "UID:o.kysely.2026@opiskeluhuolto\n"
    "DTSTAMP:20261203T101010Z\n"
    "SEQUENCE:2\n"
    "END:VEVENT\nEND:VCALENDAR\n"
)


def test_a_server_s_own_formatting_compares_equal() -> None:
    first = remote_event("/k/a.ics", STORED, "o")
    again = remote_event("/k/a.ics", RESTORED, "o")
    assert first.content == again.content
    assert (first.uid, first.sequence, first.ours) == ("o.kysely.2026@opiskeluhuolto", 2, True)
    assert first.is_ours and again.is_ours


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("SUMMARY:Kysely\\, huoltajat", "SUMMARY:Kysely huoltajat"),
        ("DTSTART;VALUE=DATE:20261019", "DTSTART;VALUE=DATE:20261026"),
        ("CATEGORIES:kysely,huoltajat", "CATEGORIES:kysely"),
        ("DESCRIPTION:Ajoitus", "DESCRIPTION:ajoitus"),
    ],
)
def test_any_other_change_differs(old: str, new: str) -> None:
    assert old in STORED
    changed = remote_event("/k/a.ics", STORED.replace(old, new), "o")
    assert changed.content != remote_event("/k/a.ics", STORED, "o").content


def test_dtstamp_sequence_and_last_modified_are_left_out() -> None:
    other = STORED.replace("SEQUENCE:2", "SEQUENCE:7\r\nLAST-MODIFIED:20261203T101010Z")
    other = other.replace("DTSTAMP:20260801T000000Z", "DTSTAMP:20300101T000000Z")
    assert other != STORED
    assert (
        remote_event("/k/a.ics", other, "o").content
        == remote_event("/k/a.ics", STORED, "o").content
    )


@pytest.mark.parametrize(
    "data", [None, "", "ei kalenteri", b"\xff\xfe\x00", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"]
)
def test_an_unreadable_object_is_foreign(data: str | bytes | None) -> None:
    event = remote_event("/k/x.ics", data, "o")
    assert event.uid is None and not event.is_ours


def test_another_organisation_s_marker_is_foreign() -> None:
    assert not remote_event("/k/a.ics", STORED, "sedu").is_ours


DATA = """
schema = 1
[organisation]
id = "o"
name = "Opisto"
timezone = "Europe/Helsinki"
[[groups]]
id = "ohr"
name = "OHR"
kind = "organisation"
meetings = "joka kuukauden toisena tiistaina klo 14–15.30 syys–lokakuussa"
[[calendars]]
id = "vk"
name = "Vuosikello"
owner = "ohr"
[[calendars.items]]
id = "kysely"
title = "Kysely"
when = "viikoilla 43 ja 44"
kind = "survey"
"""


@pytest.fixture
def events(manager: object) -> dict[str, FeedEvent]:
    organisation = loads(DATA)
    feed = group_feed(
        plugins.get_exporter("ical"), organisation, "ohr", dt.date(2026, 8, 1), dt.date(2027, 7, 31)
    )
    return {event.uid: event for event in feed_events(feed, organisation.id)}


def test_the_objects_to_put_are_whole_marked_events_without_method(
    events: dict[str, FeedEvent],
) -> None:
    assert sorted(events) == [
        "o.kysely.2026@opiskeluhuolto",
        "o.ohr.20260908.kokous@opiskeluhuolto",
        "o.ohr.20261013.kokous@opiskeluhuolto",
    ]
    now = dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC)
    for uid, event in events.items():
        data = event.object(3, now)
        parsed = icalendar.Calendar.from_ical(data)
        (vevent,) = parsed.walk("VEVENT")
        assert "METHOD" not in parsed
        assert str(vevent["UID"]) == uid and int(vevent["SEQUENCE"]) == 3
        assert vevent["LAST-MODIFIED"].dt == now and str(vevent[MARKER]) == "o"
        # no METHOD: DTSTAMP is when the object was last revised (RFC 5545 §3.8.7.2)
        assert vevent["DTSTAMP"].dt == now and data.count(b"DTSTAMP") == 1
        timed = "kokous" in uid
        assert len(parsed.walk("VTIMEZONE")) == (1 if timed else 0)
        # what a server then holds compares equal to what is wanted
        assert remote_event("/k/x.ics", data, "o").content == event.wanted.content


def test_an_event_without_a_dtstamp_gets_one() -> None:
    feed = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
        "UID:a@opiskeluhuolto\r\nDTSTART;VALUE=DATE:20261019\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = feed_events(feed.encode(), "o")
    now = dt.datetime(2026, 12, 3, 8, 15, tzinfo=dt.UTC)
    (vevent,) = icalendar.Calendar.from_ical(event.object(1, now)).walk("VEVENT")
    assert vevent["DTSTAMP"].dt == vevent["LAST-MODIFIED"].dt == now


def test_a_feed_with_two_events_of_one_uid_is_refused() -> None:
    event = "BEGIN:VEVENT\r\nUID:a@opiskeluhuolto\r\nDTSTART;VALUE=DATE:20261019\r\nEND:VEVENT\r\n"
    feed = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{event}{event}END:VCALENDAR\r\n"
    with pytest.raises(ValueError, match="two events with UID 'a@opiskeluhuolto'"):
        feed_events(feed.encode(), "o")


def test_quoted_and_reordered_parameters_compare_equal() -> None:
    timed = STORED.replace(
        "DTSTART;VALUE=DATE:20261019",
        "DTSTART;TZID=Europe/Helsinki;VALUE=DATE-TIME:20261019T140000",
    )
    requoted = timed.replace(
        "DTSTART;TZID=Europe/Helsinki;VALUE=DATE-TIME:",
        'dtstart;value=DATE-TIME;tzid="Europe/Helsinki":',
    )
    assert (
        remote_event("/k/a.ics", timed, "o").content
        == remote_event("/k/a.ics", requoted, "o").content
    )


def test_unbalanced_components_are_foreign() -> None:
    broken = STORED.replace("END:VEVENT\r\n", "")
    assert remote_event("/k/a.ics", broken, "o").uid is None


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300))
def test_folding_keeps_lines_short_and_whole(value: str) -> None:
    """Folded at 75 octets, never inside a character; unfolding gives the line back."""
    folded = _fold(f"DESCRIPTION:{value}")
    for physical in folded.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # no character cut in two
    (line,) = parse(b"BEGIN:X\r\n" + folded + b"\r\nEND:X\r\n").lines
    assert line.value == value
