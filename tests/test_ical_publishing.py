"""Feeds fit for subscription: every published feed is valid, current and stable.

Every group's published feed (the rolling range, meetings included) is read
by three implementations – :mod:`icalendar` (with its ``validate()``),
:mod:`recurring_ical_events` (dateutil's engine) and the independent ``ical``
package – and must hold exactly the library's occurrences and meetings.
``SEQUENCE`` and ``LAST-MODIFIED`` are checked as a law over random edits:
they change on exactly the events whose content (read back with icalendar,
not with the stamping code) changed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zoneinfo
from collections import Counter
from pathlib import Path

import attrs
import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from opiskeluhuolto_ical import IcalExporter

from opiskeluhuolto import cli, publishing
from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import Rule, WeekWindow

EXPORTER = IcalExporter()
TODAY = dt.date(2026, 12, 3)
START, END = publishing.rolling_range(TODAY)
GENERATED = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
STAMPS = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")

# (UID, first day, last day, start and end instants in UTC for a timed event)
Key = tuple[str, dt.date, dt.date, dt.datetime | None, dt.datetime | None]


def published(
    organisation: Organisation, group: str | None, **options: object
) -> tuple[ExportContext, bytes, list[str]]:
    """A group's published feed: the rolling range, meetings included; and the warnings."""
    warnings: list[str] = []
    context = ExportContext(
        organisation,
        START,
        END,
        group=group,
        options=EXPORTER.check_options({"meetings": True, **options}),
        today=TODAY,
        generated=GENERATED,
        warn=warnings.append,
    )
    return context, EXPORTER.render(context), warnings


def utc(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.astimezone(dt.UTC)


def expected(context: ExportContext) -> Counter[Key]:
    """The library's occurrences and the group's meetings, as the feed must hold them."""
    organisation = context.organisation
    found: Counter[Key] = Counter(
        (f"{occ.id}@opiskeluhuolto", occ.start, occ.end, utc(occ.starts_at), utc(occ.ends_at))
        for occ in context.occurrences()
    )
    assert context.group is not None
    zone = zoneinfo.ZoneInfo(organisation.timezone)
    for meeting in organisation.meetings(context.group, context.start, context.end):
        uid = f"{organisation.id}.{context.group}.{meeting.day:%Y%m%d}.kokous@opiskeluhuolto"
        if meeting.time is None:
            found[(uid, meeting.day, meeting.day, None, None)] += 1
        else:
            begins = dt.datetime.combine(meeting.day, meeting.time.start, tzinfo=zone)
            ends = dt.datetime.combine(meeting.day, meeting.time.end, tzinfo=zone)
            found[(uid, meeting.day, ends.date(), utc(begins), utc(ends))] += 1
    return found


def key_of(uid: str, start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> Key:
    if isinstance(start, dt.datetime):
        assert isinstance(end, dt.datetime)
        return uid, start.date(), end.date(), utc(start), utc(end)
    assert not isinstance(end, dt.datetime)
    return uid, start, end - dt.timedelta(days=1), None, None


def with_icalendar(data: bytes, context: ExportContext) -> Counter[Key]:
    feed = icalendar.Calendar.from_ical(data)
    feed.validate()  # PRODID, VERSION and at least one component
    for event in feed.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "LAST-MODIFIED"} <= set(event)
    found: Counter[Key] = Counter()
    last = context.end + dt.timedelta(days=1)
    for event in recurring_ical_events.of(feed).between(context.start, last):
        found[key_of(str(event["UID"]), event["DTSTART"].dt, event["DTEND"].dt)] += 1
    return found


def with_ical(data: bytes) -> Counter[Key]:
    """The independent ``ical`` package (its own parser and time-zone handling)."""
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert [timezone.tz_id for timezone in calendar.timezones] == ["Europe/Helsinki"]
    found: Counter[Key] = Counter()
    for event in calendar.events:
        assert event.rrule is None and event.dtend is not None  # published feeds are expanded
        assert event.sequence is not None and event.last_modified is not None
        if isinstance(event.dtstart, dt.datetime):
            assert event.transparency is None
        else:
            assert event.transparency == "TRANSPARENT"
        found[key_of(event.uid, event.dtstart, event.dtend)] += 1
    return found


# ---------------------------------------------------------------------------
# every published feed of the embedded data, and a group without events
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return load_default()


def test_every_groups_published_feed_holds_exactly_the_librarys_events(
    sedu: Organisation,
) -> None:
    checked = 0
    for group in sedu.groups:
        context, data, warnings = published(sedu, group.id)
        wanted = expected(context)
        assert with_icalendar(data, context) == wanted, group.id
        assert with_ical(data) == wanted, group.id
        assert bool(warnings) == (not wanted), group.id
        checked += bool(wanted)
    assert checked > 0


def empty_organisation(name: str = "Testiopisto") -> Organisation:
    return Organisation(
        "testi",
        name,
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä"), Group("tyhja", "Tyhjä ryhmä")]),
        [Calendar("k", "Vuosikello", "ohr", [Item("kysely", "Kysely", parse_rule("viikolla 43"))])],
    )


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_group_without_events_gets_a_valid_feed_and_a_warning(lang: str) -> None:
    organisation = empty_organisation()
    warnings: list[str] = []
    context = ExportContext(
        organisation,
        START,
        END,
        group="tyhja",
        lang=lang,
        warn=warnings.append,  # type: ignore[arg-type]
    )
    data = EXPORTER.render(context)
    feed = icalendar.Calendar.from_ical(data)
    feed.validate()
    assert [str(c["TZID"]) for c in feed.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert feed.walk("VEVENT") == []
    assert with_ical(data) == Counter()
    word = "group 'tyhja' has no events" if lang == "en" else "ryhmällä 'tyhja' ei ole tapahtumia"
    assert len(warnings) == 1 and word in warnings[0], warnings
    # The group that has events says nothing.
    quiet: list[str] = []
    EXPORTER.render(attrs.evolve(context, group="ohr", warn=quiet.append))
    assert quiet == []


EMPTY_GROUP_TOML = """\
schema = 1

[organisation]
id = "testi"
name = "Testiopisto"

[[groups]]
id = "ohr"
name = "Opiskeluhuoltoryhmä"

[[groups]]
id = "tyhja"
name = "Tyhjä ryhmä"

[[calendars]]
id = "k"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "kysely"
title = "Kysely"
when = "viikolla 43"
"""


def test_the_command_line_warns_about_an_empty_feed_on_standard_error(tmp_path: Path) -> None:
    data = tmp_path / "vuosikello.toml"
    data.write_text(EMPTY_GROUP_TOML, encoding="utf-8")
    target = tmp_path / "tyhja.ics"
    out, err = io.StringIO(), io.StringIO()
    argv = ["export", "ical", "--data", str(data), "--group", "tyhja", "-o", str(target)]
    status = cli.main(argv, stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("opiskeluhuolto: varoitus: ical: ryhmällä 'tyhja' ei ole"), lines
    icalendar.Calendar.from_ical(target.read_bytes()).validate()


# ---------------------------------------------------------------------------
# the calendar's own properties
# ---------------------------------------------------------------------------


def test_a_hostile_calendar_name_is_escaped() -> None:
    hostile = 'Sedu, "A"; B\\C\nD:E'
    organisation = empty_organisation(hostile)
    data = EXPORTER.render(ExportContext(organisation, START, END, group="ohr"))
    lines = data.split(b"\r\n")
    (raw,) = [line for line in lines if line.startswith(b"X-WR-CALNAME:")]
    assert (
        raw == b'X-WR-CALNAME:Sedu\\, "A"\\; B\\\\C\\nD:E \xe2\x80\x93 Opiskeluhuoltoryhm\xc3\xa4'
    )
    # Read back by RFC 5545 §3.3.11 (not by icalendar, which wrote it).
    value = raw.decode().partition(":")[2]
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    assert unescaped == f"{hostile} – Opiskeluhuoltoryhmä"
    calendar = IcsCalendarStream.calendar_from_ics(data.decode())
    assert len(calendar.events) == 2  # week 43 of 2026 and of 2027


@pytest.mark.parametrize(("hours", "duration"), [(12, "PT12H"), (1, "PT1H"), (30, "P1DT6H")])
def test_refresh_interval(hours: int, duration: str) -> None:
    context = ExportContext(
        empty_organisation(), START, END, options={"refresh_hours": hours}, group="ohr"
    )
    lines = EXPORTER.render(context).decode().split("\r\n")
    assert f"REFRESH-INTERVAL;VALUE=DURATION:{duration}" in lines
    assert f"X-PUBLISHED-TTL:{duration}" in lines


@pytest.mark.parametrize("text", ["0", "169", "12h", "-1"])
def test_refresh_interval_is_validated(text: str) -> None:
    with pytest.raises(OptionError) as caught:
        EXPORTER.parse_options({"refresh_hours": text})
    assert "1–168" in caught.value.message("en")


def test_no_method_without_an_organizer_and_all_day_events_are_transparent(
    sedu: Organisation,
) -> None:
    _context, data, _warnings = published(sedu, "ohr-seinajoki")
    feed = icalendar.Calendar.from_ical(data)
    assert "METHOD" not in feed and "ORGANIZER" not in data.decode()
    events = feed.walk("VEVENT")
    timed = [e for e in events if isinstance(e["DTSTART"].dt, dt.datetime)]
    all_day = [e for e in events if not isinstance(e["DTSTART"].dt, dt.datetime)]
    assert timed and all_day  # the group's timed meetings and its all-day items
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in all_day)
    assert all("TRANSP" not in e for e in timed)


# ---------------------------------------------------------------------------
# SEQUENCE and LAST-MODIFIED follow the content
# ---------------------------------------------------------------------------

EDITS = ("keep", "retime", "retitle", "remove")


def survey(number: int, week: int, title: str) -> Item:
    # Results a month later, so that a title change changes two events.
    rule = parse_rule(f"viikolla {week}, tulokset aikaisintaan joulukuussa")
    return Item(f"kohde-{number}", title, rule)


def organisation_of(items: list[Item]) -> Organisation:
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")]),
        [Calendar("k", "Vuosikello", "ohr", items)],
    )


def contents(data: bytes) -> dict[str, dict[str, bytes]]:
    """UID → every property but the stamps, as icalendar serialises it (the oracle)."""
    found: dict[str, dict[str, bytes]] = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        found[str(event["UID"])] = {
            name: event[name].to_ical() if hasattr(event[name], "to_ical") else repr(event[name])
            for name in event
            if name not in STAMPS
        } | {"alarms": b"".join(alarm.to_ical() for alarm in event.walk("VALARM"))}
    return found


def stamps_of(data: bytes) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    return {
        str(event["UID"]): (
            int(event["SEQUENCE"]),
            event["LAST-MODIFIED"].dt,
            event["DTSTAMP"].dt,
        )
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }


def feed_with_state(items: list[Item], state: Path | None, generated: dt.datetime) -> bytes:
    options = {} if state is None else {"state": str(state)}
    context = ExportContext(
        organisation_of(items),
        dt.date(2026, 8, 1),
        dt.date(2027, 7, 31),
        options=EXPORTER.check_options(options),
        generated=generated,
    )
    return EXPORTER.render(context)


@settings(max_examples=40, deadline=None)
@given(
    weeks=st.lists(st.integers(33, 40), min_size=1, max_size=6),  # autumn 2026, and +2
    edits=st.lists(st.sampled_from(EDITS), min_size=6, max_size=6),
    added=st.integers(0, 2),
    earlier=st.integers(0, 3),
)
def test_sequence_rises_exactly_on_the_events_whose_content_changed(
    weeks: list[int], edits: list[str], added: int, earlier: int
) -> None:
    before = [survey(n, week, f"Kysely {n}") for n, week in enumerate(weeks)]
    after: list[Item] = []
    for item, edit, week in zip(before, edits, weeks, strict=False):
        if edit == "retime":  # the same school year: the UID stays, the dates move
            rule = parse_rule(f"viikolla {week + 2}, tulokset aikaisintaan joulukuussa")
            after.append(attrs.evolve(item, rule=rule))
        elif edit == "retitle":
            after.append(attrs.evolve(item, title=f"{item.title} (muutettu)"))
        elif edit == "keep":
            after.append(item)
    after.extend(survey(100 + n, 20 + n, f"Uusi {n}") for n in range(added))
    first_time = GENERATED - dt.timedelta(days=30)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / publishing.STATE_FILE
        # A state whose events are already at some sequence: earlier changes.
        first = feed_with_state(before, None, first_time)
        known = {
            uid: attrs.evolve(stamp, sequence=stamp.sequence + earlier)
            for uid, stamp in publishing.feed_stamps(first).items()
        }
        path.write_bytes(publishing.FeedState().with_feed("", known).to_json())
        first = feed_with_state(before, path, first_time)
        assert publishing.feed_stamps(first) == known  # the state is what the feed says
        second = feed_with_state(after, path, GENERATED)
        old, new = contents(first), contents(second)
        old_stamps, new_stamps = stamps_of(first), stamps_of(second)
        changed = set()
        for uid, content in new.items():
            sequence, modified, stamp = new_stamps[uid]
            assert stamp == modified
            if uid not in old:
                assert (sequence, modified) == (0, GENERATED), uid
            elif content == old[uid]:
                assert (sequence, modified) == old_stamps[uid][:2], uid
            else:
                changed.add(uid)
                assert (sequence, modified) == (old_stamps[uid][0] + 1, GENERATED), uid
        # The edits say which events changed: every event of a retimed or a
        # retitled survey (its results describe the timing and name the title),
        # nothing of the others; removed ones are gone, added ones are new.
        edited = {
            item.id
            for item, edit in zip(before, edits, strict=False)
            if edit in ("retime", "retitle")
        }
        removed = {item.id for item, edit in zip(before, edits, strict=False) if edit == "remove"}
        item_of = {uid: uid.split(".")[1] for uid in {*old, *new}}
        assert changed == {uid for uid in old if uid in new and item_of[uid] in edited}
        assert not any(item_of[uid] in removed for uid in new)
        assert {item_of[uid] for uid in new if uid not in old} == {
            f"kohde-{100 + n}" for n in range(added)
        }
        # Written back and run again: the same bytes, whatever the clock says.
        path.write_bytes(
            publishing.FeedState().with_feed("", publishing.feed_stamps(second)).to_json()
        )
        again = feed_with_state(after, path, GENERATED + dt.timedelta(days=3))
        assert again == second


def test_unchanged_data_gives_the_same_bytes_without_a_state(sedu: Organisation) -> None:
    _context, once, _ = published(sedu, "ohr-lapua")
    later = ExportContext(
        sedu,
        START,
        END,
        group="ohr-lapua",
        options=EXPORTER.check_options({"meetings": True}),
        generated=GENERATED + dt.timedelta(days=40, hours=3),
    )
    assert EXPORTER.render(later) == once
    assert GENERATED.strftime("%Y%m%d").encode() not in once


def test_a_retimed_survey_keeps_its_uid_and_raises_its_sequence() -> None:
    """The issue's case: the guardian survey moves from weeks 43–44 to 45–46."""
    item = Item("huoltajakysely", "Huoltajakysely", Rule(WeekWindow(43, 44)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / publishing.STATE_FILE
        first = feed_with_state([item], None, GENERATED)
        path.write_bytes(
            publishing.FeedState().with_feed("", publishing.feed_stamps(first)).to_json()
        )
        moved = feed_with_state(
            [attrs.evolve(item, rule=Rule(WeekWindow(45, 46)))], path, GENERATED
        )
    (before,) = icalendar.Calendar.from_ical(first).walk("VEVENT")
    (after,) = icalendar.Calendar.from_ical(moved).walk("VEVENT")
    assert str(before["UID"]) == str(after["UID"]) == "testi.huoltajakysely.2026@opiskeluhuolto"
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert after["DTSTART"].dt == dt.date(2026, 11, 2)
    assert after["LAST-MODIFIED"].dt == GENERATED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"{", "not valid JSON"),
        (b'{"version": 7, "feeds": {}}', "not a state file of version 1"),
        (b'{"version": 1, "feeds": {"": {"x": {"digest": "d"}}}}', "feeds..x: expected digest"),
        (b"\xff", "not UTF-8"),
        (b'{"version": true, "feeds": {}}', "not a state file of version 1"),
        (
            b'{"version": 1, "feeds": {"": {"x": {"digest": "d", "sequence": '
            b'99999999999999999999999, "modified": "20260801T000000Z"}}}}',
            "sequence a whole number 0–2147483647",
        ),
    ],
)
def test_a_broken_state_file_is_refused_naming_the_file(
    tmp_path: Path, text: bytes, message: str
) -> None:
    path = tmp_path / publishing.STATE_FILE
    path.write_bytes(text)
    with pytest.raises(publishing.StateError) as caught:
        feed_with_state([survey(0, 20, "Kysely")], path, GENERATED)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    out, err = io.StringIO(), io.StringIO()
    argv = ["export", "ical", "--option", f"state={path}", "-o", str(tmp_path / "x.ics")]
    assert cli.main(argv, stdout=out, stderr=err) == 2
    assert len(err.getvalue().splitlines()) == 1 and message in err.getvalue()
    assert not (tmp_path / "x.ics").exists()


def test_a_missing_state_file_is_an_empty_state(tmp_path: Path) -> None:
    missing = tmp_path / "ei-ole.json"
    assert publishing.read_state(missing) == publishing.FeedState()
    with_missing = feed_with_state([survey(0, 20, "Kysely")], missing, GENERATED)
    assert with_missing == feed_with_state([survey(0, 20, "Kysely")], None, GENERATED)


def test_state_file_round_trip_and_stable_bytes() -> None:
    stamp = publishing.EventStamp("abc", 3, dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC))
    state = publishing.FeedState({"ohr": {"b@x": stamp, "a@x": stamp}, "": {}})
    data = state.to_json()
    assert publishing.FeedState.from_json(data) == state
    assert data.index(b'"a@x"') < data.index(b'"b@x"')  # sorted: the same state, the same bytes
    assert publishing.FeedState.from_json(data).to_json() == data


def test_rolling_range_is_this_school_year_and_the_next() -> None:
    for today, first in [
        (dt.date(2026, 8, 1), 2026),
        (dt.date(2026, 12, 3), 2026),
        (dt.date(2027, 7, 31), 2026),
        (dt.date(2027, 8, 1), 2027),
    ]:
        assert publishing.rolling_range(today) == (
            dt.date(first, 8, 1),
            dt.date(first + 2, 7, 31),
        )
