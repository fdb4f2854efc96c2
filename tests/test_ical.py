"""The ``ical`` exporter: RFC 5545 feeds that round-trip through another implementation.

The feeds are parsed with :mod:`icalendar` and expanded with
:mod:`recurring_ical_events` (python-dateutil's RFC 5545 engine) over the
export range; the result must be exactly the library's occurrences, timed
ones with their aware datetimes, in both modes, for generated organisations,
the seed phrases and the embedded Sedu data.  Every series is also checked
against the library far past the range: with dateutil's ``rrulestr`` and,
for the second-edition shapes (weekdays, nth weekdays, cadences, lists,
times of day), with ``recurring_ical_events`` over a century.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zoneinfo
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from dateutil import rrule as du_rrule
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from opiskeluhuolto_ical import IcalExporter, zones
from opiskeluhuolto_ical.series import (
    YEARLY,
    Entry,
    Recurrence,
    follow_up_recurrence,
    main_recurrence,
    plan,
)
from opiskeluhuolto_ical.vtimezone import vtimezone

import opiskeluhuolto
from opiskeluhuolto import (
    DateWindow,
    MonthWindow,
    Rule,
    SchoolYear,
    Season,
    SeasonWindow,
    WeekWindow,
    YearPattern,
    cli,
    plugins,
)
from opiskeluhuolto import strategies as ost
from opiskeluhuolto.calendar import Calendar, CalendarOccurrence, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Audience, Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.phrases import SEED_PHRASES, parse_rule
from opiskeluhuolto.plugins import get_exporters, make_plugin_manager
from opiskeluhuolto.recurrence import (
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthPart,
    MonthPartWindow,
    NthWeekdayWindow,
    Repeat,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    Window,
    WindowList,
    rule_problems,
)

GENERATED = dt.datetime(2026, 8, 1, 6, 0, tzinfo=dt.UTC)
MODES = ("expanded", "rrule")
DOMAIN = "@opiskeluhuolto"
EXPORTER = IcalExporter()


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def organisation(
    rules: Sequence[Rule],
    *,
    titles: Sequence[str] | None = None,
    timezone: str = "Europe/Helsinki",
) -> Organisation:
    """An organisation with one calendar holding one item per rule."""
    hierarchy = Hierarchy(
        [
            Group("ohr", "Sedun opiskeluhuoltoryhmä"),
            Group("kampus", "Kampuksen opiskeluhuoltoryhmä", parent="ohr"),
        ]
    )
    names = titles if titles is not None else [f"Kohde {i}" for i in range(len(rules))]
    items = [
        Item(
            f"kohde-{i}",
            names[i],
            rule,
            audience=[Audience.HUOLTAJAT] if i % 2 else [],
            kind=ItemKind.SURVEY,
            notes="Huom: muista, tarkista; valmistele." if i == 0 else None,
        )
        for i, rule in enumerate(rules)
    ]
    return Organisation(
        "sedu", "Sedu", hierarchy, [Calendar("vk", "Vuosikello", "ohr", items)], timezone
    )


def context(
    org: Organisation,
    start: dt.date,
    end: dt.date,
    mode: str = "expanded",
    **kwargs: object,
) -> ExportContext:
    options = EXPORTER.parse_options({"mode": mode})
    return ExportContext(
        org,
        start,
        end,
        options=options,
        generated=GENERATED,
        today=start,
        **kwargs,  # type: ignore[arg-type]
    )


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


# A period: the window-year, the window's ordinal in a list, the month or ISO week
# of a cadence ("2026", "2026.2", "2026:2026-09", "2026.1:2026-W37") – never a date.
PERIOD = re.compile(r"\d{1,4}(\.\d{1,2})?(:\d{4}-(\d{2}|W\d{2}))?")


def uid_parts(uid: str, organisation_id: str) -> tuple[str, str | None, bool]:
    """(item, period or None for a series, follow-up) of a UID.

    ``<org>.<item>.<period>[.tulokset]@opiskeluhuolto`` is an occurrence's
    event, ``<org>.<item>[.tulokset]@opiskeluhuolto`` an item's series.
    """
    assert uid.endswith(DOMAIN), uid
    body = uid[: -len(DOMAIN)]
    assert body.startswith(organisation_id + "."), uid
    item, _dot, rest = body[len(organisation_id) + 1 :].partition(".")
    follow_up = rest == "tulokset" or rest.endswith(".tulokset")
    period = rest.removesuffix("tulokset").removesuffix(".") or None
    assert period is None or PERIOD.fullmatch(period), uid
    return item, period, follow_up


def uid_item(uid: str, organisation_id: str) -> str:
    """The item id inside a UID."""
    return uid_parts(uid, organisation_id)[0]


def summary_of(occ: CalendarOccurrence, lang: str = "fi") -> str:
    if occ.follow_up:
        return f"{'Results' if lang == 'en' else 'Tulokset'}: {occ.item.title}"
    if occ.item.rule.is_deadline:
        return f"{'Deadline' if lang == 'en' else 'Määräaika'}: {occ.item.title}"
    return occ.item.title


# (first day, last day, item, summary, start and end instants (UTC) of a timed occurrence)
Key = tuple[dt.date, dt.date, str, str, dt.datetime | None, dt.datetime | None]


def in_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """An aware datetime as UTC: aware datetimes that share a tzinfo compare by wall time,
    so 03.00 and 04.00 on 28.3.2027 in Helsinki (the same instant) would differ."""
    return None if moment is None else moment.astimezone(dt.UTC)


def expected_keys(ctx: ExportContext) -> Counter[Key]:
    return Counter(
        (
            occ.start,
            occ.end,
            occ.item.id,
            summary_of(occ, ctx.lang),
            in_utc(occ.starts_at),
            in_utc(occ.ends_at),
        )
        for occ in ctx.occurrences()
    )


def instance_span(
    event: icalendar.Event, timezone: str
) -> tuple[dt.date, dt.date, dt.datetime | None, dt.datetime | None]:
    """(first day, last day, start and end instants in UTC) of an event or expanded instance."""
    start = event["DTSTART"].dt
    end = event["DTEND"].dt
    if type(start) is dt.date:
        assert type(end) is dt.date
        return start, end - dt.timedelta(days=1), None, None
    assert isinstance(start, dt.datetime) and isinstance(end, dt.datetime)
    # A timed event is in the organisation's zone (TZID), never floating or UTC.
    assert isinstance(start.tzinfo, zoneinfo.ZoneInfo) and start.tzinfo.key == timezone
    assert isinstance(end.tzinfo, zoneinfo.ZoneInfo) and end.tzinfo.key == timezone
    return start.date(), end.date(), in_utc(start), in_utc(end)


def expanded_keys(data: bytes, ctx: ExportContext) -> Counter[Key]:
    """Expand the feed with recurring_ical_events over the export range (end inclusive)."""
    feed = parse(data)
    found: Counter[Key] = Counter()
    timezone = ctx.organisation.timezone
    for event in recurring_ical_events.of(feed).between(ctx.start, ctx.end + dt.timedelta(days=1)):
        first, last, starts_at, ends_at = instance_span(event, timezone)
        uid = str(event["UID"])
        item = uid_item(uid, ctx.organisation.id)
        found[(first, last, item, str(event["SUMMARY"]), starts_at, ends_at)] += 1
    return found


def check_round_trip(ctx: ExportContext) -> bytes:
    data = EXPORTER.render(ctx)
    assert expanded_keys(data, ctx) == expected_keys(ctx)
    if ctx.options.get("mode") == "expanded":
        uids = [str(event["UID"]) for event in parse(data).walk("VEVENT")]
        assert uids == [occ.id + DOMAIN for occ in ctx.occurrences()]
    return data


def rrule_of(event: icalendar.Event) -> str | None:
    rule = event.get("RRULE")
    return None if rule is None else rule.to_ical().decode()


def events(data: bytes) -> list[icalendar.Event]:
    return list(parse(data).walk("VEVENT"))


def event_lines(data: bytes) -> list[bytes]:
    """The content lines inside the feed's VEVENTs (not its VTIMEZONE's)."""
    found: list[bytes] = []
    inside = False
    for line in data.split(b"\r\n"):
        if line == b"BEGIN:VEVENT":
            inside = True
        elif line == b"END:VEVENT":
            inside = False
        elif inside:
            found.append(line)
    return found


# ---------------------------------------------------------------------------
# round trip: generated organisations
# ---------------------------------------------------------------------------


@st.composite
def export_ranges(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    year = draw(st.integers(min_value=1890, max_value=2210))
    kind = draw(st.sampled_from(["school-year", "multi-year", "any"]))
    if kind == "school-year":
        school = SchoolYear(year)
        return school.start, school.end
    if kind == "multi-year":
        school = SchoolYear(year)
        return school.start, SchoolYear(year + draw(st.integers(2, 11))).end
    start = draw(ost.dates(1890, 2210))
    return start, start + dt.timedelta(days=draw(st.integers(0, 9 * 366)))


@given(st.lists(ost.rules(), min_size=1, max_size=4), export_ranges())
def test_round_trip_generated(rules: list[Rule], span: tuple[dt.date, dt.date]) -> None:
    org = organisation(rules)
    for mode in MODES:
        check_round_trip(context(org, *span, mode))


# How far past its DTSTART every emitted RRULE is checked against the library.
CHECK_YEARS = 40


def rrule_starts(recurrence: Recurrence, dtstart: dt.date, stop: dt.date) -> list[dt.date]:
    """The RRULE as icalendar writes it, read back and expanded by dateutil (DTSTART..stop)."""
    text = icalendar.vRecur(recurrence.as_ical()).to_ical().decode()
    midnight = dt.time()
    reading = du_rrule.rrulestr(text, dtstart=dt.datetime.combine(dtstart, midnight))
    found = reading.between(
        dt.datetime.combine(dtstart, midnight), dt.datetime.combine(stop, midnight), inc=True
    )
    return [moment.date() for moment in found]


def rrule_moments(
    recurrence: Recurrence, first: CalendarOccurrence, stop: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """A timed series read back by dateutil: (start, end) instants (UTC) up to ``stop``.

    RFC 5545 gives every instance the local time of ``DTSTART`` and the exact
    length of the first instance (``DTEND - DTSTART``).
    """
    assert first.time is not None and first.starts_at is not None and first.ends_at is not None
    zone = zoneinfo.ZoneInfo(first.timezone)
    text = icalendar.vRecur(recurrence.as_ical(first.time.start, zone)).to_ical().decode()
    reading = du_rrule.rrulestr(text, dtstart=first.starts_at)
    length = first.ends_at.astimezone(dt.UTC) - first.starts_at.astimezone(dt.UTC)
    last = dt.datetime.combine(stop, dt.time(23, 59), tzinfo=zone)
    return [
        (moment.astimezone(dt.UTC), moment.astimezone(dt.UTC) + length)
        for moment in reading.between(first.starts_at, last, inc=True)
    ]


def check_series_against_library(entry: Entry, years: int = CHECK_YEARS) -> None:
    """An entry's RRULE gives exactly the rule's occurrences (of its kind) for ``years`` years.

    The series starts at ``entry.first`` and runs past the export range: every
    instance dateutil gives from DTSTART to DTSTART + ``years`` must be an
    occurrence of the item's rule (main or follow-up as the entry is) with
    the series' duration, and every such occurrence must be an instance.  A
    timed series is compared moment by moment (aware, in the organisation's
    zone), so an instance that contains a change of the UTC offset would
    show.
    """
    assert entry.recurrence is not None
    first = entry.first
    rule = first.item.rule
    start = first.start
    stop = dt.date(min(start.year + years, 9990), start.month, min(start.day, 28))
    duration = first.end - first.start
    found = [
        CalendarOccurrence(first.organisation, first.calendar, first.item, occ, first.timezone)
        for occ in rule.occurrences(start, stop)
        if occ.follow_up == first.follow_up and start <= occ.start <= stop
    ]
    library = [(occ.start, occ.end) for occ in found]
    starts = rrule_starts(entry.recurrence, start, stop)
    assert [(day, day + duration) for day in starts] == library
    # The planner's own RFC 5545 reading agrees with dateutil's.
    assert list(entry.recurrence.dates(start, stop)) == starts
    if first.time is not None:
        moments = [(in_utc(occ.starts_at), in_utc(occ.ends_at)) for occ in found]
        assert rrule_moments(entry.recurrence, first, stop) == moments


@given(st.lists(ost.rules(dated=True), min_size=1, max_size=4), export_ranges())
@settings(max_examples=150)
def test_every_rrule_matches_the_library(rules: list[Rule], span: tuple[dt.date, dt.date]) -> None:
    """Each series' RFC 5545 reading gives exactly the library's occurrences, past the range too."""
    org = organisation(rules)
    ctx = context(org, *span, "rrule")
    occurrences = ctx.occurrences()
    entries = plan(occurrences, series=True)
    covered = [occ for entry in entries for occ in entry.occurrences]
    assert sorted(map(id, covered)) == sorted(map(id, occurrences))
    for entry in entries:
        if entry.recurrence is None:
            assert len(entry.occurrences) == 1
            continue
        days = {(occ.end - occ.start).days for occ in entry.occurrences}
        assert len(days) == 1
        in_range = list(entry.recurrence.dates(entry.first.start, ctx.end))
        assert in_range == [occ.start for occ in entry.occurrences]
        check_series_against_library(entry)


# ---------------------------------------------------------------------------
# round trip: the seed phrases and the embedded Sedu data
# ---------------------------------------------------------------------------

RANGES = {
    "school-year-2026": (SchoolYear(2026).start, SchoolYear(2026).end),
    "school-year-2031": (SchoolYear(2031).start, SchoolYear(2031).end),
    "2024-2036": (dt.date(2024, 1, 1), dt.date(2036, 12, 31)),
    "2090-2110": (dt.date(2090, 8, 1), dt.date(2110, 7, 31)),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("span", RANGES.values(), ids=list(RANGES))
def test_round_trip_seed_phrases(mode: str, span: tuple[dt.date, dt.date]) -> None:
    org = organisation([parse_rule(phrase) for phrase in SEED_PHRASES])
    ctx = context(org, *span, mode)
    assert ctx.occurrences()
    check_round_trip(ctx)


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return load_default()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("span", RANGES.values(), ids=list(RANGES))
def test_round_trip_sedu(sedu: Organisation, mode: str, span: tuple[dt.date, dt.date]) -> None:
    ctx = context(sedu, *span, mode)
    assert len(ctx.occurrences()) > 40
    check_round_trip(ctx)


@pytest.mark.parametrize("mode", MODES)
def test_round_trip_sedu_every_group(sedu: Organisation, mode: str) -> None:
    start, end = RANGES["school-year-2026"]
    for group in sedu.groups:
        ctx = context(sedu, start, end, mode, group=group.id)
        data = check_round_trip(ctx)
        assert parse(data)["X-WR-CALNAME"] == f"{sedu.name} – {group.name}"


def test_sedu_rrule_mode_makes_series(sedu: Organisation) -> None:
    start, end = RANGES["2024-2036"]
    ctx = context(sedu, start, end, "rrule")
    expanded = events(EXPORTER.render(context(sedu, start, end, "expanded")))
    series = events(EXPORTER.render(ctx))
    assert len(series) < len(expanded) / 2
    rules = {uid_item(str(e["UID"]), "sedu"): rrule_of(e) for e in series if rrule_of(e)}
    # Whole months differ in length (the monthly virtual coffees), and so do
    # windows that contain February in leap years: expanded.
    assert "virtuaalikahvit" not in rules
    assert "turvallisuuskavelyt-suojautumisharjoitus" not in rules
    assert rules["huoltajakysely"] == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert rules["tea-viisari"] == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=10;WKST=MO"
    # Every item whose occurrences (of one kind) in the range all have one
    # length is a series in this data; the expanded ones vary, or follow the
    # school calendar (the Independence Day celebration on the school day
    # before 6.12.), which is never an RRULE.
    lengths: dict[tuple[str, bool], set[dt.timedelta]] = {}
    for occ in ctx.occurrences():
        if occ.item.rule.needs_school_calendar:
            continue
        lengths.setdefault((occ.item.id, occ.follow_up), set()).add(occ.end - occ.start)
    in_series = {
        (entry.first.item.id, entry.first.follow_up)
        for entry in plan(ctx.occurrences(), series=True)
        if entry.recurrence is not None
    }
    assert in_series == {kind for kind, found in lengths.items() if len(found) == 1}


def school_year_feed(year: int, *extra: str) -> bytes:
    """The command line's feed of the embedded data for one school year."""
    out = io.StringIO()
    argv = ["export", "ical", "--school-year", str(year), *extra, "-o", "-"]
    assert cli.main(argv, stdout=out, stderr=io.StringIO()) == 0
    return out.getvalue().encode("utf-8")


def school_year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    school = SchoolYear(year)
    return (
        dt.datetime.combine(school.start, dt.time()),
        dt.datetime.combine(school.end + dt.timedelta(days=1), dt.time()),
    )


@pytest.fixture(scope="module")
def sedu_rrule_2026() -> bytes:
    return school_year_feed(2026, "--option", "mode=rrule")


def test_sedu_school_year_rrule_feed_has_series(sedu: Organisation, sedu_rrule_2026: bytes) -> None:
    """`export ical --option mode=rrule --school-year 2026`: one school year, yet series."""
    found = events(sedu_rrule_2026)
    by_item = {
        uid_item(str(e["UID"]), "sedu"): e
        for e in found
        if rrule_of(e) and not str(e["SUMMARY"]).startswith("Tulokset: ")
    }
    series_count = sum(1 for e in found if rrule_of(e))
    assert sum(line.startswith(b"RRULE:") for line in event_lines(sedu_rrule_2026)) == series_count
    ctx = context(sedu, *RANGES["school-year-2026"], "rrule")
    planned = plan(ctx.occurrences(), series=True)
    assert series_count == sum(1 for e in planned if e.recurrence is not None)
    assert len(found) == len(planned)
    # Most items of one school year are a series now; the rest are the
    # monthly virtual coffees (whole months differ in length), windows with
    # February (leap years) and clipped results.
    expanded_kinds = {
        (entry.first.item.id, entry.first.follow_up)
        for entry in planned
        if entry.recurrence is None
    }
    assert series_count >= 3 * len(expanded_kinds) > 0
    assert ("virtuaalikahvit", False) in expanded_kinds
    survey = by_item["huoltajakysely"]
    assert rrule_of(survey) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert survey["DTSTART"].dt == dt.date(2026, 10, 19)
    assert survey["DTEND"].dt - survey["DTSTART"].dt == dt.timedelta(days=14)
    tea = by_item["tea-viisari"]
    assert rrule_of(tea) == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=10;WKST=MO"
    assert (tea["DTSTART"].dt, tea["DTEND"].dt) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    # Results in January after weeks 48–49 are always 1.1.–31.1.: a related series.
    results = [
        e for e in found if uid_parts(str(e["UID"]), "sedu")[::2] == ("kiusaamiskysely", True)
    ]
    assert [str(e["UID"]) for e in results] == ["sedu.kiusaamiskysely.tulokset@opiskeluhuolto"]
    assert [rrule_of(e) for e in results] == ["FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=1;WKST=MO"]
    assert results[0]["RELATED-TO"] == "sedu.kiusaamiskysely@opiskeluhuolto"
    # Series have the item's UID: no date, no period.
    assert str(survey["UID"]) == "sedu.huoltajakysely@opiskeluhuolto"
    # The clipped November results of the guardian survey stay a single event,
    # related to the survey's series.
    clipped = [
        e for e in found if uid_parts(str(e["UID"]), "sedu")[::2] == ("huoltajakysely", True)
    ]
    assert [str(e["UID"]) for e in clipped] == ["sedu.huoltajakysely.2026.tulokset@opiskeluhuolto"]
    assert [rrule_of(e) for e in clipped] == [None]
    assert clipped[0]["RELATED-TO"] == "sedu.huoltajakysely@opiskeluhuolto"
    # Round trip over the export range.
    assert expanded_keys(sedu_rrule_2026, ctx) == expected_keys(ctx)


@pytest.mark.parametrize("year", [2027, 2028])
def test_sedu_series_are_true_beyond_the_range(
    sedu: Organisation, sedu_rrule_2026: bytes, year: int
) -> None:
    """The 2026 feed, expanded over a later school year, gives that year's occurrences."""
    feed = parse(sedu_rrule_2026)
    series = [e for e in feed.walk("VEVENT") if rrule_of(e) is not None]
    series_uids = {str(e["UID"]) for e in series}

    def kind(event: icalendar.Event) -> tuple[str, bool]:
        return uid_item(str(event["UID"]), "sedu"), str(event["SUMMARY"]).startswith("Tulokset: ")

    found: Counter[tuple[str, bool, dt.date, dt.date]] = Counter(
        (*kind(event), event["DTSTART"].dt, event["DTEND"].dt - dt.timedelta(days=1))
        for event in recurring_ical_events.of(feed).between(*school_year_range(year))
        if str(event["UID"]) in series_uids
    )
    series_kinds = {kind(event) for event in series}
    school = SchoolYear(year)
    wanted: Counter[tuple[str, bool, dt.date, dt.date]] = Counter(
        (occ.item.id, occ.follow_up, occ.start, occ.end)
        for occ in sedu.occurrences(school.start, school.end)
        if (occ.item.id, occ.follow_up) in series_kinds
    )
    assert found == wanted
    monday = dt.date.fromisocalendar(year, 43, 1)
    assert found[("huoltajakysely", False, monday, monday + dt.timedelta(days=13))] == 1
    tea = [key for key in found if key[0] == "tea-viisari"]
    assert tea == (
        [("tea-viisari", False, dt.date(2028, 10, 1), dt.date(2028, 12, 31))]
        if year == 2028
        else []
    )
    # Every main occurrence of an item that is a series in the feed is there.
    mains = {item for item, follow_up in series_kinds if not follow_up}
    assert {key[0] for key in found if not key[1]} == {
        occ.item.id
        for occ in sedu.occurrences(school.start, school.end)
        if occ.item.id in mains and not occ.follow_up
    }


def test_sedu_school_year_series_hold_for_decades(sedu: Organisation) -> None:
    """Every RRULE of the 2026 feed, checked against the library for 40 years."""
    ctx = context(sedu, *RANGES["school-year-2026"], "rrule")
    entries = [e for e in plan(ctx.occurrences(), series=True) if e.recurrence is not None]
    assert len(entries) >= 30
    for entry in entries:
        check_series_against_library(entry, years=40)


def test_expanded_mode_makes_no_series(sedu: Organisation) -> None:
    assert not any(line.startswith(b"RRULE") for line in event_lines(school_year_feed(2026)))


# ---------------------------------------------------------------------------
# which rules become an RRULE
# ---------------------------------------------------------------------------


def single_item_events(rule: Rule, start: dt.date, end: dt.date) -> list[icalendar.Event]:
    ctx = context(organisation([rule]), start, end, "rrule")
    found = events(check_round_trip(ctx))
    for entry in plan(ctx.occurrences(), series=True):
        if entry.recurrence is not None:
            check_series_against_library(entry)
    return found


def test_weeks_become_byweekno_with_the_window_as_duration() -> None:
    found = single_item_events(Rule(WeekWindow(43, 44)), dt.date(2026, 1, 1), dt.date(2030, 12, 31))
    assert len(found) == 1
    (event,) = found
    assert rrule_of(event) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert event["DTSTART"].dt == dt.date(2026, 10, 19)
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(days=14)


def test_one_occurrence_in_the_range_is_still_a_series() -> None:
    """The default range (one school year) holds one occurrence: the RRULE goes on."""
    (event,) = single_item_events(Rule(WeekWindow(43, 44)), *RANGES["school-year-2026"])
    assert rrule_of(event) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert event["DTSTART"].dt == dt.date(2026, 10, 19)


def test_biennial_starts_in_a_qualifying_year() -> None:
    rule = Rule(SeasonWindow(Season.AUTUMN), YearPattern.every(2, next=2027))
    (event,) = single_item_events(rule, dt.date(2026, 1, 1), dt.date(2034, 12, 31))
    assert event["DTSTART"].dt == dt.date(2027, 8, 1)
    assert rrule_of(event) == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=8;WKST=MO"


def test_validity_period_ends_the_series() -> None:
    rule = Rule(DateWindow.on(11, 2), YearPattern(valid_from=2024, valid_to=2027))
    (event,) = single_item_events(rule, dt.date(2020, 1, 1), dt.date(2040, 12, 31))
    assert event["DTSTART"].dt == dt.date(2024, 2, 11)
    assert rrule_of(event) == "FREQ=YEARLY;UNTIL=20270211;BYMONTHDAY=11;BYMONTH=2;WKST=MO"
    # The same UNTIL when the range ends before the validity does.
    (event,) = single_item_events(rule, dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    assert rrule_of(event) == "FREQ=YEARLY;UNTIL=20270211;BYMONTHDAY=11;BYMONTH=2;WKST=MO"
    # The last valid occurrence alone is a single event.
    (event,) = single_item_events(rule, dt.date(2027, 1, 1), dt.date(2040, 12, 31))
    assert rrule_of(event) is None


def test_series_starts_at_the_first_occurrence_intersecting_the_range() -> None:
    # Starts before the range (a span that reaches into it).
    rule = Rule(MonthWindow(7, 9))
    (event,) = single_item_events(rule, dt.date(2026, 8, 15), dt.date(2029, 7, 10))
    assert event["DTSTART"].dt == dt.date(2026, 7, 1)
    assert rrule_of(event) == "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=7;WKST=MO"


@pytest.mark.parametrize(
    ("rule", "wanted"),
    [
        # Common years only: January–March is always 90 days long.
        (
            Rule(MonthWindow(1, 3), YearPattern.every(4, next=2025)),
            "FREQ=YEARLY;INTERVAL=4;BYMONTHDAY=1;BYMONTH=1;WKST=MO",
        ),
        # 2027–2031 have 52 ISO weeks: weeks 52–1 are always 14 days.
        (
            Rule(WeekWindow(52, 1), YearPattern(valid_from=2027, valid_to=2031)),
            "FREQ=YEARLY;UNTIL=20311222;BYDAY=MO;BYWEEKNO=52;WKST=MO",
        ),
        # Week 1 every year: its Monday may be in December, INTERVAL=1 is safe.
        (Rule(WeekWindow(1, 2)), "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=1;WKST=MO"),
        # A wrapping date range that never contains 29.2.
        (Rule(DateWindow(15, 12, 15, 1)), "FREQ=YEARLY;BYMONTHDAY=15;BYMONTH=12;WKST=MO"),
    ],
    ids=repr,
)
def test_constant_in_every_year_becomes_a_series(rule: Rule, wanted: str) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2040, 12, 31)
    found = single_item_events(rule, start, end)
    assert [rrule_of(event) for event in found] == [wanted]


@pytest.mark.parametrize(
    "rule",
    [
        Rule(MonthWindow(1, 3)),  # 90 or 91 days
        Rule(SeasonWindow(Season.SPRING)),  # February again
        Rule(DateWindow(1, 2, 1, 3)),  # across 29.2.
        Rule(DateWindow.on(29, 2)),  # leap years only
        Rule(WeekWindow(53, 53)),  # ISO years with a week 53 only
        Rule(WeekWindow(50, 53)),
        Rule(WeekWindow(52, 1)),  # 2 or 3 weeks: 2026 has a week 53
        Rule(WeekWindow(1, 2), YearPattern.even()),  # BYWEEKNO=1 may start in December
    ],
    ids=repr,
)
def test_not_exactly_expressible_stays_expanded(rule: Rule) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2040, 12, 31)
    found = single_item_events(rule, start, end)
    assert len(found) == len(rule.occurrences(start, end)) > 1
    assert all(rrule_of(event) is None for event in found)


@pytest.mark.parametrize(
    "rule",
    [
        # 2027–2031 all have 52 weeks but the series would run on into 2032 (53).
        Rule(WeekWindow(52, 1), YearPattern(valid_from=2027)),
        # 2025 is a common year, 2028 (the next) a leap year.
        Rule(MonthWindow(2, 2), YearPattern.every(3, next=2025)),
    ],
    ids=repr,
)
def test_constant_in_the_range_but_not_beyond_stays_expanded(rule: Rule) -> None:
    found = single_item_events(rule, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    assert [rrule_of(event) for event in found] == [None]


def test_clipped_follow_ups_are_expanded_and_related_to_the_series() -> None:
    rule = parse_rule("viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.")
    found = single_item_events(rule, dt.date(2026, 1, 1), dt.date(2033, 12, 31))
    series = [e for e in found if rrule_of(e)]
    results = [e for e in found if not rrule_of(e)]
    assert len(series) == 1 and len(results) == 8
    # 2.11.2026 (clipped) … 1.11.2032 (not clipped): no single yearly rule.
    assert {e["DTSTART"].dt for e in results} >= {dt.date(2026, 11, 2), dt.date(2032, 11, 1)}
    assert all(e["RELATED-TO"] == series[0]["UID"] for e in results)
    assert all(str(e["SUMMARY"]) == "Tulokset: Kohde 0" for e in results)


def test_regular_follow_ups_become_a_related_series() -> None:
    # Odd years are common years: spring is always 1.1.–31.5.
    rule = parse_rule("keväisin joka toinen vuosi. Viimeksi vuonna 2025. Tulokset syksyllä.")
    found = single_item_events(rule, dt.date(2026, 1, 1), dt.date(2036, 12, 31))
    assert len(found) == 2
    main, results = found
    assert rrule_of(main) == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=1;WKST=MO"
    assert rrule_of(results) == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=8;WKST=MO"
    assert results["RELATED-TO"] == main["UID"]


def test_january_results_after_weeks_48_49_are_a_series() -> None:
    rule = parse_rule("vuosittain viikoilla 48 ja 49, tulokset aikaisintaan tammikuussa")
    main, results = single_item_events(rule, *RANGES["school-year-2026"])
    assert rrule_of(main) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=48;WKST=MO"
    assert rrule_of(results) == "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=1;WKST=MO"
    assert (results["DTSTART"].dt, results["DTEND"].dt) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 2, 1),
    )
    assert results["RELATED-TO"] == main["UID"]


def test_follow_up_series_without_its_parent_in_the_range() -> None:
    """Results in the range whose parent is not: the results alone are a series."""
    rule = parse_rule("vuosittain viikoilla 48 ja 49, tulokset aikaisintaan tammikuussa")
    found = single_item_events(rule, dt.date(2027, 1, 10), dt.date(2027, 6, 30))
    assert [rrule_of(e) for e in found] == ["FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=1;WKST=MO"]
    assert str(found[0]["UID"]) == "sedu.kohde-0.tulokset@opiskeluhuolto"
    # The parent (weeks 48–49 of 2026) is not in this feed: its expanded event's UID.
    assert found[0]["RELATED-TO"] == "sedu.kohde-0.2026@opiskeluhuolto"


def test_recurrences_from_the_rule() -> None:
    rule = Rule(DateWindow.on(11, 2), YearPattern.every(3, next=2026))
    first = rule.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    assert main_recurrence(rule, first) == Recurrence(YEARLY, 3, months=[2], monthdays=[11])
    assert list(
        Recurrence(YEARLY, 3, months=[2], monthdays=[11]).dates(first.start, dt.date(2036, 1, 1))
    ) == [
        dt.date(2026, 2, 11),
        dt.date(2029, 2, 11),
        dt.date(2032, 2, 11),
        dt.date(2035, 2, 11),
    ]
    bounded = Rule(WeekWindow(40, 40), YearPattern(valid_to=2030))
    first = bounded.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    assert main_recurrence(bounded, first) == Recurrence(
        YEARLY, 1, dt.date(2030, 9, 30), weeks=[40], weekdays=[Weekday.MO]
    )
    clipped = parse_rule("viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.")
    results = clipped.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[1]
    assert results.follow_up and follow_up_recurrence(clipped, results) is None
    assert main_recurrence(clipped, results.parent) is not None  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# the second edition's shapes in rrule mode
# ---------------------------------------------------------------------------

CENTURY = 100
HELSINKI = "Europe/Helsinki"
MO, TU, WE, TH, FR, SU = Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR, Weekday.SU
AFTERNOON = TimeOfDay(dt.time(14), dt.time(15, 30))


def check_century(ctx: ExportContext, data: bytes, years: int = CENTURY) -> None:
    """The feed's series, expanded by recurring_ical_events for ``years`` years, are the library.

    Every instance from a series' DTSTART to ``years`` years after the
    range's start must be an occurrence (of the series' kind) of its item,
    with the same days – and for a timed series the same aware start and
    end – and every such occurrence an instance.
    """
    feed = parse(data)
    timezone = ctx.organisation.timezone
    series = {str(e["UID"]): e for e in feed.walk("VEVENT") if "RRULE" in e}
    if not series:
        return
    begins = {uid: instance_span(event, timezone)[0] for uid, event in series.items()}
    stop = dt.date(min(ctx.start.year + years, 9990), ctx.start.month, min(ctx.start.day, 28))
    found: Counter[tuple[str, dt.date, dt.date, dt.datetime | None, dt.datetime | None]] = Counter()
    for event in recurring_ical_events.of(feed).between(
        min(begins.values()), stop + dt.timedelta(days=1)
    ):
        uid = str(event["UID"])
        if uid in series:
            first, last, starts_at, ends_at = instance_span(event, timezone)
            if first <= stop:
                found[(uid, first, last, starts_at, ends_at)] += 1
    wanted: Counter[tuple[str, dt.date, dt.date, dt.datetime | None, dt.datetime | None]] = (
        Counter()
    )
    for uid, begin in begins.items():
        item, period, follow_up = uid_parts(uid, ctx.organisation.id)
        assert period is None  # a series' UID names the item, not a period
        for occ in ctx.organisation.occurrences(begin, stop):
            if occ.item.id == item and occ.follow_up == follow_up and begin <= occ.start:
                wanted[(uid, occ.start, occ.end, in_utc(occ.starts_at), in_utc(occ.ends_at))] += 1
    assert found == wanted


def check_shape(rule: Rule, wanted: str | None, span: tuple[dt.date, dt.date]) -> bytes:
    """The rule in rrule mode: one series ``wanted`` (or all expanded), true for a century."""
    ctx = context(organisation([rule]), *span, "rrule")
    data = check_round_trip(ctx)
    found = events(data)
    if wanted is None:
        assert len(found) == len(ctx.occurrences()) >= 1
        assert all(rrule_of(event) is None for event in found)
    else:
        assert [rrule_of(event) for event in found if not event_is_follow_up(event)] == [wanted]
        for entry in plan(ctx.occurrences(), series=True):
            if entry.recurrence is not None:
                check_series_against_library(entry, years=CENTURY)
    check_century(ctx, data)
    return data


def event_is_follow_up(event: icalendar.Event) -> bool:
    return uid_parts(str(event["UID"]), "sedu")[2]


def weeks(*numbers: int) -> str:
    return ",".join(map(str, numbers))


NEW_SHAPES = [
    pytest.param(
        Rule(NthWeekdayWindow(9, TU, 2)), "FREQ=YEARLY;BYDAY=2TU;BYMONTH=9;WKST=MO", id="2TU-9"
    ),
    pytest.param(
        Rule(NthWeekdayWindow(10, FR, -1)),
        "FREQ=YEARLY;BYDAY=-1FR;BYMONTH=10;WKST=MO",
        id="last-FR-10",
    ),
    pytest.param(
        Rule(NthWeekdayWindow(10, FR, -2)),
        "FREQ=YEARLY;BYDAY=-2FR;BYMONTH=10;WKST=MO",
        id="2nd-last-FR-10",
    ),
    # A 5th Thursday only in the years that have one, as RFC 5545 says.
    pytest.param(
        Rule(NthWeekdayWindow(10, TH, 5)), "FREQ=YEARLY;BYDAY=5TH;BYMONTH=10;WKST=MO", id="5TH-10"
    ),
    pytest.param(
        Rule(NthWeekdayWindow(9, TU, 2), YearPattern.even()),
        "FREQ=YEARLY;INTERVAL=2;BYDAY=2TU;BYMONTH=9;WKST=MO",
        id="2TU-9-even-years",
    ),
    pytest.param(
        Rule(WeekdayWindow(37, TU)), "FREQ=YEARLY;BYDAY=TU;BYWEEKNO=37;WKST=MO", id="TU-w37"
    ),
    # Monday to Friday of week 37: five days from Monday.
    pytest.param(
        Rule(WeekdayWindow(37, MO, FR)), "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=37;WKST=MO", id="MO-FR-w37"
    ),
    # Sunday of week 52 is 1.1. or 2.1. in some years: dateutil misreads those.
    pytest.param(Rule(WeekdayWindow(52, SU)), None, id="SU-w52"),
    pytest.param(Rule(WeekdayWindow(53, TU)), None, id="TU-w53"),
    # The Monday of week 1 may be in December, and INTERVAL counts calendar years.
    # (30.12.2030 is the Monday of week 1 of 2031.)
    pytest.param(Rule(WeekdayWindow(1, MO), YearPattern.odd()), None, id="MO-w1-odd-years"),
    pytest.param(
        Rule(MonthPartWindow(10, MonthPart.START)),
        "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=10;WKST=MO",
        id="start-of-10",
    ),
    pytest.param(
        Rule(MonthPartWindow(10, MonthPart.MIDDLE)),
        "FREQ=YEARLY;BYMONTHDAY=11;BYMONTH=10;WKST=MO",
        id="middle-of-10",
    ),
    pytest.param(
        Rule(MonthPartWindow(10, MonthPart.END)),
        "FREQ=YEARLY;BYMONTHDAY=21;BYMONTH=10;WKST=MO",
        id="end-of-10",
    ),
    pytest.param(Rule(MonthPartWindow(2, MonthPart.END)), None, id="end-of-2"),
    pytest.param(
        Rule(DeadlineWindow(9, 30)), "FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=9;WKST=MO", id="by-30.9."
    ),
    pytest.param(
        Rule(DeadlineWindow(2)), "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2;WKST=MO", id="by-end-of-2"
    ),
    pytest.param(Rule(DeadlineWindow(2, 29)), None, id="by-29.2."),
    pytest.param(
        Rule(WindowList([WeekWindow(2, 3), WeekWindow(33, 34)])),
        "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=2,33;WKST=MO",
        id="weeks-2-3-and-33-34",
    ),
    pytest.param(
        Rule(WindowList([DateWindow.on(11, 2), DateWindow.on(11, 9)])),
        "FREQ=YEARLY;BYMONTHDAY=11;BYMONTH=2,9;WKST=MO",
        id="11.2.-and-11.9.",
    ),
    # Touching windows merge: one span 1.9.–31.10.
    pytest.param(
        Rule(WindowList([MonthWindow(9, 9), MonthWindow(10, 10)])),
        "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=9;WKST=MO",
        id="9-and-10",
    ),
    pytest.param(Rule(WindowList([MonthWindow(1, 1), MonthWindow(4, 4)])), None, id="1-and-4"),
    pytest.param(
        Rule(WindowList([NthWeekdayWindow(9, TU, 2), NthWeekdayWindow(1, TU, 2)])),
        "FREQ=YEARLY;BYDAY=2TU;BYMONTH=1,9;WKST=MO",
        id="2TU-of-9-and-1",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.MONTHLY, weekday=TU, nth=2)),
        "FREQ=MONTHLY;BYDAY=2TU;WKST=MO",
        id="monthly-2TU",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.MONTHLY, weekday=FR, nth=-1)),
        "FREQ=MONTHLY;BYDAY=-1FR;WKST=MO",
        id="monthly-last-FR",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.MONTHLY, interval=3, weekday=TU, nth=1)),
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU;WKST=MO",
        id="every-3rd-month-1TU",
    ),
    # Every 5th month from January of each year: 1, 6, 11 – INTERVAL=5 would drift.
    pytest.param(
        Rule(repeat=Repeat(Frequency.MONTHLY, interval=5, weekday=TU, nth=1)),
        "FREQ=MONTHLY;BYDAY=1TU;BYMONTH=1,6,11;WKST=MO",
        id="every-5th-month-1TU",
    ),
    pytest.param(
        Rule(MonthWindow(8, 5), repeat=Repeat(Frequency.MONTHLY, weekday=TU, nth=2)),
        "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,8,9,10,11,12;WKST=MO",
        id="monthly-2TU-8-5",
    ),
    pytest.param(
        Rule(MonthWindow(8, 5), repeat=Repeat(Frequency.MONTHLY, interval=2, weekday=TU, nth=2)),
        "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=2,4,8,10,12;WKST=MO",
        id="every-other-month-2TU-8-5",
    ),
    pytest.param(
        Rule(
            MonthWindow(9, 11),
            YearPattern.even(),
            repeat=Repeat(Frequency.MONTHLY, weekday=WE, nth=1),
        ),
        "FREQ=YEARLY;INTERVAL=2;BYDAY=1WE;BYMONTH=9,10,11;WKST=MO",
        id="monthly-1WE-9-11-even-years",
    ),
    # Whole months differ in length.
    pytest.param(Rule(repeat=Repeat(Frequency.MONTHLY)), None, id="monthly"),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO)),
        "FREQ=WEEKLY;BYDAY=MO;WKST=MO",
        id="mondays",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO, until=FR)),
        "FREQ=WEEKLY;BYDAY=MO;WKST=MO",
        id="weekly-MO-FR",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY)), "FREQ=WEEKLY;BYDAY=MO;WKST=MO", id="weekly"
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO, parity=WeekParity.EVEN)),
        f"FREQ=YEARLY;BYDAY=MO;BYWEEKNO={weeks(*range(2, 53, 2))};WKST=MO",
        id="mondays-even-weeks",
    ),
    # Weeks 53 and 1 are both odd.
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO, parity=WeekParity.ODD)),
        None,
        id="mondays-odd-weeks",
    ),
    # Every other week from each ISO year's week 1: 51, 53, 1 across a 53-week year.
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, interval=2, weekday=TU)),
        None,
        id="every-other-TU",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, interval=3, weekday=TU)),
        f"FREQ=YEARLY;BYDAY=TU;BYWEEKNO={weeks(*range(1, 53, 3))};WKST=MO",
        id="every-3rd-TU",
    ),
    pytest.param(
        Rule(WeekWindow(34, 50), repeat=Repeat(Frequency.WEEKLY, interval=2, weekday=TU)),
        f"FREQ=YEARLY;BYDAY=TU;BYWEEKNO={weeks(*range(34, 51, 2))};WKST=MO",
        id="every-other-TU-w34-50",
    ),
    pytest.param(
        Rule(MonthWindow(9, 9), repeat=Repeat(Frequency.WEEKLY, weekday=MO)),
        "FREQ=YEARLY;BYDAY=MO;BYMONTH=9;WKST=MO",
        id="mondays-in-9",
    ),
    # Clipped to the month: some weeks are shorter.
    pytest.param(
        Rule(MonthWindow(9, 9), repeat=Repeat(Frequency.WEEKLY, weekday=MO, until=FR)),
        None,
        id="MO-FR-in-9",
    ),
    # ISO years 2027–2031 have 52 weeks: every other Tuesday never restarts out of step.
    pytest.param(
        Rule(
            years=YearPattern(valid_from=2027, valid_to=2031),
            repeat=Repeat(Frequency.WEEKLY, interval=2, weekday=TU),
        ),
        "FREQ=WEEKLY;UNTIL=20311216;INTERVAL=2;BYDAY=TU;WKST=MO",
        id="every-other-TU-2027-2031",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO), school_year=2026),
        "FREQ=WEEKLY;UNTIL=20270726;BYDAY=MO;WKST=MO",
        id="mondays-in-school-year-2026",
    ),
    # Timed: DTSTART;TZID=Europe/Helsinki, the local time kept across DST.
    pytest.param(
        Rule(NthWeekdayWindow(9, TU, 2), time=AFTERNOON),
        "FREQ=YEARLY;BYDAY=2TU;BYMONTH=9;WKST=MO",
        id="2TU-9-at-14",
    ),
    pytest.param(
        Rule(NthWeekdayWindow(10, SU, -1), time=AFTERNOON),
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;WKST=MO",
        id="last-SU-10-at-14",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.MONTHLY, weekday=TU, nth=2), time=AFTERNOON),
        "FREQ=MONTHLY;BYDAY=2TU;WKST=MO",
        id="monthly-2TU-at-14",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=SU), time=AFTERNOON),
        "FREQ=WEEKLY;BYDAY=SU;WKST=MO",
        id="sundays-at-14",
    ),
    pytest.param(
        Rule(DeadlineWindow(9, 30), time=TimeOfDay(dt.time(16))),
        "FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=9;WKST=MO",
        id="by-30.9.-at-16",
    ),
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO), time=AFTERNOON, school_year=2026),
        "FREQ=WEEKLY;UNTIL=20270726T110000Z;BYDAY=MO;WKST=MO",
        id="mondays-at-14-in-school-year-2026",
    ),
    # The clocks change at 03.00/04.00 on some Sundays: those instances are an
    # hour shorter or longer, and a series has one exact length.
    pytest.param(
        Rule(repeat=Repeat(Frequency.WEEKLY, weekday=SU), time=TimeOfDay(dt.time(2), dt.time(5))),
        None,
        id="sundays-at-2-5",
    ),
]


LEAP_DAY_RULES = (Rule(DeadlineWindow(2, 29)),)  # exported for school year 2027–2028


@pytest.mark.parametrize(("rule", "wanted"), NEW_SHAPES)
def test_new_shapes_in_rrule_mode(rule: Rule, wanted: str | None) -> None:
    school = SchoolYear(2027 if rule in LEAP_DAY_RULES else 2026)
    check_shape(rule, wanted, (school.start, school.end))


def test_new_follow_up_targets_in_rrule_mode() -> None:
    weeks_47 = Rule(WeekWindow(43, 44), follow_up=FollowUp(WeekWindow(47, 47)))
    found = events(
        check_shape(
            weeks_47, "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO", RANGES["school-year-2026"]
        )
    )
    main, results = found
    assert rrule_of(results) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=47;WKST=MO"
    assert str(results["UID"]) == "sedu.kohde-0.tulokset@opiskeluhuolto"
    assert results["RELATED-TO"] == main["UID"] == "sedu.kohde-0@opiskeluhuolto"
    january = Rule(WeekWindow(48, 49), follow_up=FollowUp(DateWindow.on(15, 1)))
    main, results = events(
        check_shape(january, "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=48;WKST=MO", RANGES["school-year-2026"])
    )
    assert rrule_of(results) == "FREQ=YEARLY;BYMONTHDAY=15;BYMONTH=1;WKST=MO"
    assert results["DTSTART"].dt == dt.date(2027, 1, 15)


def test_every_monday_is_a_series_far_away_too() -> None:
    rule = Rule(repeat=Repeat(Frequency.WEEKLY, weekday=MO), time=AFTERNOON)
    data = check_shape(rule, "FREQ=WEEKLY;BYDAY=MO;WKST=MO", RANGES["2090-2110"])
    (event,) = events(data)
    assert event["DTSTART"].dt == dt.datetime(2090, 8, 7, 14, tzinfo=zoneinfo.ZoneInfo(HELSINKI))


WEEKDAYS = st.sampled_from(list(Weekday))
MONTHS = st.integers(1, 12)


@st.composite
def deadline_windows(draw: st.DrawFn) -> DeadlineWindow:
    month = draw(MONTHS)
    last = (dt.date(2000 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return DeadlineWindow(month, draw(st.none() | st.integers(1, last)))


@st.composite
def weekday_windows(draw: st.DrawFn) -> WeekdayWindow:
    first, last = sorted((draw(WEEKDAYS), draw(WEEKDAYS)))
    if draw(st.booleans()):
        last = first
    return WeekdayWindow(draw(st.integers(1, 53)), first, last)


NEW_WINDOW_KINDS: list[st.SearchStrategy[Window]] = [
    weekday_windows(),
    st.builds(NthWeekdayWindow, MONTHS, WEEKDAYS, st.sampled_from([1, 2, 3, 4, 5, -1, -2, -5])),
    st.builds(MonthPartWindow, MONTHS, st.sampled_from(list(MonthPart))),
    deadline_windows(),
    ost.week_windows(),
    ost.month_windows(),
    ost.date_windows(),
    ost.season_windows(),
]


@st.composite
def new_windows(draw: st.DrawFn) -> Window:
    kind = draw(st.sampled_from(NEW_WINDOW_KINDS))
    if draw(st.integers(0, 3)) == 0:
        return WindowList(draw(st.lists(kind, min_size=2, max_size=3)))
    return draw(kind)


@st.composite
def repeats(draw: st.DrawFn) -> Repeat:
    if draw(st.booleans()):
        interval = draw(st.sampled_from([1, 1, 2, 3, 4, 5, 6, 12]))
        if draw(st.integers(0, 3)) == 0:
            return Repeat(Frequency.MONTHLY, interval)
        nth = draw(st.sampled_from([1, 2, 3, 4, 5, -1, -2]))
        return Repeat(Frequency.MONTHLY, interval, draw(WEEKDAYS), nth)
    parity = draw(st.sampled_from([None, None, WeekParity.EVEN, WeekParity.ODD]))
    interval = 1 if parity is not None else draw(st.sampled_from([1, 1, 2, 3]))
    weekday = draw(st.none() | WEEKDAYS)
    until = None
    if weekday is not None and weekday < Weekday.SU and draw(st.integers(0, 3)) == 0:
        until = draw(st.sampled_from([day for day in Weekday if day > weekday]))
    return Repeat(Frequency.WEEKLY, interval, weekday, None, until, parity)


@st.composite
def times(draw: st.DrawFn) -> TimeOfDay:
    start = draw(st.integers(0, 22 * 4)) * 15
    end = min(start + draw(st.integers(1, 12)) * 15, 23 * 60 + 59)
    return TimeOfDay(dt.time(*divmod(start, 60)), dt.time(*divmod(end, 60)))


YEAR_PATTERNS = st.sampled_from(
    [
        YearPattern(),
        YearPattern(),
        YearPattern.even(),
        YearPattern.every(3, next=2027),
        YearPattern(valid_from=2027, valid_to=2031),
        YearPattern(valid_to=2060),
    ]
)


@st.composite
def new_rules(draw: st.DrawFn) -> Rule:
    """Scheduled rules built from the second edition's values (and the first's windows)."""
    repeat = draw(st.none() | repeats())
    window = draw(new_windows()) if repeat is None or draw(st.booleans()) else None
    years = draw(YEAR_PATTERNS)
    school_year = draw(st.sampled_from([None, None, None, 2026, 2100]))
    follow_up = None
    if draw(st.integers(0, 4)) == 0:
        target = draw(
            st.one_of(
                ost.month_windows(),
                ost.week_windows(),
                st.builds(DateWindow.on, st.integers(1, 28), MONTHS),
            )
        )
        follow_up = FollowUp(target)
    time = draw(st.none() | times())
    for candidate in (time, None):
        problems = rule_problems(window, years, follow_up, None, repeat, candidate, school_year)
        if not problems:
            return Rule(window, years, follow_up, None, repeat, candidate, school_year)
    if repeat is not None and window is not None:
        window = None  # a cadence bounded by a single day: drop the window
        return Rule(window, years, follow_up, None, repeat, None, school_year)
    assume(False)
    raise AssertionError("unreachable")


@given(new_rules(), st.sampled_from([1995, 2026, 2026, 2027, 2031, 2100, 2190]))
@settings(max_examples=60)
def test_rrule_feeds_of_new_shapes_hold_for_a_century(rule: Rule, year: int) -> None:
    """rrule mode: the range round-trips, and every series is the library for 100 years."""
    school = SchoolYear(year)
    ctx = context(organisation([rule]), school.start, school.end, "rrule")
    data = check_round_trip(ctx)
    for entry in plan(ctx.occurrences(), series=True):
        if entry.recurrence is not None:
            check_series_against_library(entry, years=CENTURY)
    check_century(ctx, data)


@given(st.lists(new_rules(), min_size=1, max_size=3), export_ranges())
@settings(max_examples=100)
def test_round_trip_new_shapes(rules: list[Rule], span: tuple[dt.date, dt.date]) -> None:
    """Both modes, several items and any range: exactly the library's occurrences."""
    org = organisation(rules)
    for mode in MODES:
        check_round_trip(context(org, *span, mode))


# ---------------------------------------------------------------------------
# timed events and the time zone
# ---------------------------------------------------------------------------


def utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def test_timed_events_on_the_days_the_clocks_change() -> None:
    """25.10.2026 (summer time ends 04.00 → 03.00) and 28.3.2027 (begins 03.00 → 04.00)."""
    night = TimeOfDay(dt.time(3, 30), dt.time(3, 45))
    rules = [
        Rule(DateWindow.on(25, 10), time=AFTERNOON),
        Rule(DateWindow.on(28, 3), time=AFTERNOON),
        Rule(DateWindow.on(25, 10), time=night),
        Rule(DateWindow.on(28, 3), time=night),
        Rule(DateWindow.on(10, 9), time=TimeOfDay(dt.time(17, 30), dt.time(19))),
        Rule(WeekWindow(43, 44)),
    ]
    ctx = context(organisation(rules), *RANGES["school-year-2026"])
    data = check_round_trip(ctx)
    lines = data.decode().split("\r\n")
    assert "DTSTART;TZID=Europe/Helsinki:20261025T140000" in lines
    assert "DTEND;TZID=Europe/Helsinki:20261025T153000" in lines
    assert "DTSTART;TZID=Europe/Helsinki:20270328T140000" in lines
    assert "DTSTART;VALUE=DATE:20261019" in lines  # all-day events stay all-day
    found = {uid_item(str(e["UID"]), "sedu"): e for e in events(data)}
    moments = {
        item: (utc(e["DTSTART"].dt), utc(e["DTEND"].dt))
        for item, e in found.items()
        if item != "kohde-5"  # all-day
    }
    at = dt.datetime
    # Winter time (+2) after the change, summer time (+3) after the spring one.
    assert moments["kohde-0"] == (
        at(2026, 10, 25, 12, tzinfo=dt.UTC),
        at(2026, 10, 25, 13, 30, tzinfo=dt.UTC),
    )
    assert moments["kohde-1"] == (
        at(2027, 3, 28, 11, tzinfo=dt.UTC),
        at(2027, 3, 28, 12, 30, tzinfo=dt.UTC),
    )
    # 03.30 on 25.10. happens twice: the first one (summer time), as RFC 5545
    # and zoneinfo (fold=0) read it.
    assert moments["kohde-2"][0] == at(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    # 03.30 on 28.3. does not exist: read with the offset before the gap (+2).
    assert moments["kohde-3"][0] == at(2027, 3, 28, 1, 30, tzinfo=dt.UTC)
    assert moments["kohde-4"] == (
        at(2026, 9, 10, 14, 30, tzinfo=dt.UTC),
        at(2026, 9, 10, 16, tzinfo=dt.UTC),
    )
    # Every timed event is the library's aware datetimes.
    for occ in ctx.occurrences():
        event = found[occ.item.id]
        if occ.time is not None:
            assert (event["DTSTART"].dt, event["DTEND"].dt) == (occ.starts_at, occ.ends_at)
            assert in_utc(event["DTEND"].dt) == in_utc(occ.ends_at)
    # One VTIMEZONE, its rule both ways.
    (timezone,) = parse(data).walk("VTIMEZONE")
    assert str(timezone["TZID"]) == HELSINKI
    (daylight,) = timezone.walk("DAYLIGHT")
    (standard,) = timezone.walk("STANDARD")
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    hours = dt.timedelta(hours=1)
    assert (daylight["TZOFFSETFROM"].td, daylight["TZOFFSETTO"].td) == (2 * hours, 3 * hours)
    assert (standard["TZOFFSETFROM"].td, standard["TZOFFSETTO"].td) == (3 * hours, 2 * hours)
    assert daylight["DTSTART"].dt == at(2025, 3, 30, 3)
    assert standard["DTSTART"].dt == at(2025, 10, 26, 4)
    assert (str(daylight["TZNAME"]), str(standard["TZNAME"])) == ("EEST", "EET")
    # Read on its own (not looked up by name), the VTIMEZONE gives every
    # daytime event the same instant.
    own = timezone.to_tz(lookup_tzid=False)
    for item in ("kohde-0", "kohde-1", "kohde-4"):
        local = found[item]["DTSTART"].dt.replace(tzinfo=None)
        assert utc(local.replace(tzinfo=own)) == moments[item][0]


def test_all_day_feeds_have_only_the_organisations_vtimezone() -> None:
    """No event is timed, yet the feed defines the zone X-WR-TIMEZONE names (never empty)."""
    data = EXPORTER.render(context(organisation(SEED_RULES), *RANGES["school-year-2026"]))
    (timezone,) = parse(data).walk("VTIMEZONE")
    assert str(timezone["TZID"]) == HELSINKI
    assert not any(b"TZID" in line for line in event_lines(data))


def test_timed_series_across_the_clock_changes() -> None:
    """Sundays at 14.00 in rrule mode: 25.10.2026 and 28.3.2027 keep 14.00 local time."""
    rule = Rule(repeat=Repeat(Frequency.WEEKLY, weekday=SU), time=AFTERNOON)
    ctx = context(organisation([rule]), *RANGES["school-year-2026"], "rrule")
    data = check_round_trip(ctx)
    feed = parse(data)
    (event,) = feed.walk("VEVENT")
    assert str(event["UID"]) == "sedu.kohde-0@opiskeluhuolto"
    assert event["DTSTART"].dt == dt.datetime(2026, 8, 2, 14, tzinfo=zoneinfo.ZoneInfo(HELSINKI))
    expanded = {
        e["DTSTART"].dt.date(): (utc(e["DTSTART"].dt), utc(e["DTEND"].dt))
        for e in recurring_ical_events.of(feed).between(dt.date(2026, 10, 1), dt.date(2027, 4, 30))
    }
    assert expanded[dt.date(2026, 10, 18)][0].hour == 11  # +3
    assert expanded[dt.date(2026, 10, 25)][0].hour == 12  # +2 from that morning on
    assert expanded[dt.date(2027, 3, 28)][0].hour == 11  # +3 again
    assert all(end - start == dt.timedelta(minutes=90) for start, end in expanded.values())


VTIMEZONE_ZONES = [
    HELSINKI,
    "America/New_York",  # second Sunday of March, first of November
    "Australia/Sydney",  # summer time over the new year
    "Europe/Dublin",  # tzdata calls its winter time daylight saving
    "Asia/Tokyo",  # no change since 1951
    "Europe/Istanbul",  # stopped changing in 2016
]


@pytest.mark.parametrize("key", VTIMEZONE_ZONES)
@pytest.mark.parametrize("first", [dt.date(2026, 9, 8), dt.date(1975, 6, 1)], ids=str)
def test_vtimezone_is_the_zone_in_every_year(key: str, first: dt.date) -> None:
    """The VTIMEZONE read back alone (dateutil's tzical) has zoneinfo's offsets, far on too."""
    feed = icalendar.Calendar()
    feed.add_component(vtimezone(key, first, first))
    (component,) = icalendar.Calendar.from_ical(feed.to_ical()).walk("VTIMEZONE")
    own = component.to_tz(lookup_tzid=False)
    zone = zoneinfo.ZoneInfo(key)
    margin = dt.timedelta(hours=3)  # clear of the hour a change skips or repeats
    checked = 0
    years = [*range(first.year, 2101), 2399, 2400, 5000, 9000]
    for year in years:
        moments = [dt.datetime(year, month, 15, 12, tzinfo=dt.UTC) for month in range(1, 13)]
        for transition in zones.sampled_transitions(key, year):
            moments += [transition.at - margin, transition.at + margin]
        for moment in moments:
            # A client reads DTSTART;TZID=… as a local time: the offset it gives.
            local = moment.astimezone(zone).replace(tzinfo=None)
            assert local.replace(tzinfo=own).utcoffset() == moment.astimezone(zone).utcoffset(), (
                key,
                moment,
            )
            checked += 1
    assert checked >= 12 * len(years)


def test_timezone_of_the_organisation() -> None:
    """TZID and VTIMEZONE follow the organisation's zone, and so do the instants."""
    rule = Rule(NthWeekdayWindow(11, SU, 1), time=AFTERNOON)  # the day New York changes
    org = organisation([rule], timezone="America/New_York")
    ctx = context(org, *RANGES["school-year-2026"], "rrule")
    data = check_round_trip(ctx)
    check_century(ctx, data)
    (event,) = events(data)
    assert rrule_of(event) == "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11;WKST=MO"
    assert b"DTSTART;TZID=America/New_York:20261101T140000" in data
    assert [str(tz["TZID"]) for tz in parse(data).walk("VTIMEZONE")] == ["America/New_York"]


def test_history_before_the_zones_rule() -> None:
    """A timed event in 1990 gets the zone's history (RDATE) before its current rule (1996)."""
    rule = Rule(DateWindow.on(25, 9), time=AFTERNOON)  # summer time ended on 30.9.1990
    ctx = context(organisation([rule]), dt.date(1990, 1, 1), dt.date(1997, 12, 31))
    data = check_round_trip(ctx)
    (timezone,) = parse(data).walk("VTIMEZONE")
    own = timezone.to_tz(lookup_tzid=False)
    for event in events(data):
        local = event["DTSTART"].dt.replace(tzinfo=None)
        assert utc(local.replace(tzinfo=own)) == utc(event["DTSTART"].dt)
    assert utc(events(data)[0]["DTSTART"].dt) == dt.datetime(1990, 9, 25, 11, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------
# UIDs and the shape of the feed
# ---------------------------------------------------------------------------

SEED_RULES = [parse_rule(phrase) for phrase in SEED_PHRASES]


@pytest.mark.parametrize("mode", MODES)
def test_uids_unique_and_stable(mode: str) -> None:
    start, end = RANGES["2024-2036"]
    org = organisation(SEED_RULES)
    first = EXPORTER.render(context(org, start, end, mode))
    second = EXPORTER.render(context(org, start, end, mode))
    assert first == second
    uids = [str(e["UID"]) for e in events(first)]
    assert len(uids) == len(set(uids)) > 10
    # Reordering items and renaming every title keeps every UID and date.
    calendar = org.calendars[0]
    shuffled = Organisation(
        org.id,
        "Toinen nimi",
        org.hierarchy,
        [
            Calendar(
                calendar.id,
                calendar.name,
                calendar.owner,
                [
                    Item(item.id, f"Uusi nimi {n}", item.rule)
                    for n, item in enumerate(reversed(calendar.items))
                ],
            )
        ],
    )
    renamed = EXPORTER.render(context(shuffled, start, end, mode))

    def identity(data: bytes) -> set[tuple[str, dt.date, dt.date, str | None]]:
        return {(str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt, rrule_of(e)) for e in events(data)}

    assert identity(renamed) == identity(first)


def test_uids_come_from_the_occurrence_ids() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"])
    found = [str(e["UID"]) for e in events(EXPORTER.render(ctx))]
    assert found == [f"{occ.id}@opiskeluhuolto" for occ in ctx.occurrences()]
    # The window-year is the period: no start date in any UID.
    assert "sedu.kohde-0.2026@opiskeluhuolto" in found
    assert "sedu.kohde-0.2026.tulokset@opiskeluhuolto" in found
    assert all(uid_parts(uid, "sedu")[1] is not None for uid in found)


def test_uids_of_cadences_and_lists_name_the_period() -> None:
    rules = [
        Rule(MonthWindow(9, 10), repeat=Repeat(Frequency.MONTHLY, weekday=TU, nth=2)),
        Rule(WeekWindow(37, 38), repeat=Repeat(Frequency.WEEKLY, weekday=MO)),
        Rule(WindowList([WeekWindow(2, 3), WeekWindow(33, 34)])),
    ]
    ctx = context(organisation(rules), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    found = [str(e["UID"]) for e in events(check_round_trip(ctx))]
    assert found == [
        "sedu.kohde-2.2026.1@opiskeluhuolto",
        "sedu.kohde-2.2026.2@opiskeluhuolto",
        "sedu.kohde-1.2026:2026-W37@opiskeluhuolto",
        "sedu.kohde-0.2026:2026-09@opiskeluhuolto",
        "sedu.kohde-1.2026:2026-W38@opiskeluhuolto",
        "sedu.kohde-0.2026:2026-10@opiskeluhuolto",
    ]


def test_moving_an_items_weeks_keeps_its_uids() -> None:
    """Weeks 43–44 → 45–46: every event keeps its UID (a subscriber's calendar updates)."""
    results = FollowUp(MonthWindow(12, 12), earliest=True)
    span = RANGES["2024-2036"]
    for mode in MODES:
        before, after = (
            events(
                EXPORTER.render(
                    context(organisation([Rule(window, follow_up=results)]), *span, mode)
                )
            )
            for window in (WeekWindow(43, 44), WeekWindow(45, 46))
        )
        assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in after]
        assert len(before) > 1
        assert [e["DTSTART"].dt for e in before] != [e["DTSTART"].dt for e in after]


def test_school_years_rrule_feeds_share_their_series_uids(sedu_rrule_2026: bytes) -> None:
    """Subscribing to the 2026 feed and then the 2027 one updates the series, never doubles them."""
    feed_2027 = school_year_feed(2027, "--option", "mode=rrule")

    def series(data: bytes) -> dict[tuple[str, bool], str]:
        """(item, follow-up) → UID of each series of a feed."""
        found = {}
        for event in events(data):
            if rrule_of(event):
                item, period, follow_up = uid_parts(str(event["UID"]), "sedu")
                assert period is None  # no period, no date
                found[(item, follow_up)] = str(event["UID"])
        return found

    first, second = series(sedu_rrule_2026), series(feed_2027)
    both = first.keys() & second.keys()
    # Every-other-year items occur in one of the two school years only.
    assert len(both) >= 25
    assert {kind: first[kind] for kind in both} == {kind: second[kind] for kind in both}
    # The same item, moved on a year: the 2027 series starts in 2027.
    starts = {str(e["UID"]): e["DTSTART"].dt for e in events(feed_2027) if rrule_of(e)}
    assert starts["sedu.huoltajakysely@opiskeluhuolto"] == dt.date(2027, 10, 25)


def test_deadlines_are_marked_in_the_summary() -> None:
    rules = [
        Rule(DeadlineWindow(9, 30)),
        Rule(DeadlineWindow(2), follow_up=FollowUp(MonthWindow(4, 4))),
    ]
    for lang, word, results in (("fi", "Määräaika", "Tulokset"), ("en", "Deadline", "Results")):
        ctx = context(organisation(rules), *RANGES["school-year-2026"], lang=lang)
        found = events(check_round_trip(ctx))
        assert [str(e["SUMMARY"]) for e in found] == [
            f"{word}: Kohde 0",
            f"{word}: Kohde 1",
            f"{results}: Kohde 1",
        ]
        assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in found[:2]] == [
            (dt.date(2026, 9, 30), dt.date(2026, 10, 1)),
            (dt.date(2027, 2, 28), dt.date(2027, 3, 1)),
        ]


def test_feed_properties_and_all_day_dates() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"])
    data = EXPORTER.render(ctx)
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    inside = [line.decode() for line in event_lines(data)]
    for prop in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Sedu",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        "X-WR-TIMEZONE:Europe/Helsinki",
    ):
        assert prop in lines
    # The product, never the organisation whose data it is (any school's feed).
    assert any(line.startswith("PRODID:-//opiskeluhuolto//opiskeluhuolto ") for line in lines)
    starts = [line for line in inside if line.startswith("DTSTART")]
    ends = [line for line in inside if line.startswith("DTEND")]
    assert len(starts) == len(ends) == len(ctx.occurrences())
    assert all(
        line.startswith(("DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:")) for line in starts + ends
    )
    # No METHOD: there is no ORGANIZER (RFC 5546 wants one with METHOD:PUBLISH).
    assert not any(line.startswith(("METHOD", "ORGANIZER")) for line in lines)
    # Without a state file: sequence 0, stamped with the range's first day, never "now".
    for name, value in (
        ("DTSTAMP", "20260801T000000Z"),
        ("LAST-MODIFIED", "20260801T000000Z"),
        ("SEQUENCE", "0"),
        ("TRANSP", "TRANSPARENT"),
    ):
        assert [line for line in inside if line.startswith(f"{name}:")] == [
            f"{name}:{value}"
        ] * len(starts)
    for event, occ in zip(events(data), ctx.occurrences(), strict=True):
        assert event["DTSTART"].dt == occ.start
        assert event["DTEND"].dt == occ.end + dt.timedelta(days=1)  # exclusive


def test_description_and_categories() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"])
    found = {str(e["UID"]): e for e in events(EXPORTER.render(ctx))}
    event = found["sedu.kohde-0.2026@opiskeluhuolto"]  # weeks 43–44, notes
    assert str(event["SUMMARY"]) == "Kohde 0"
    assert str(event["DESCRIPTION"]) == (
        f"Ajoitus: {opiskeluhuolto.describe(SEED_RULES[0], 'fi')}\n"
        "Ryhmä: Sedun opiskeluhuoltoryhmä\n"
        "\n"
        "Huom: muista, tarkista; valmistele."
    )
    assert event["CATEGORIES"].cats == ["kysely"]
    item_with_audience = [e for e in found.values() if str(e["SUMMARY"]) == "Kohde 1"]
    assert item_with_audience[0]["CATEGORIES"].cats == ["kysely", "huoltajat"]
    assert "Kohderyhmä: huoltajat" in str(item_with_audience[0]["DESCRIPTION"])


def test_english() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"], lang="en")
    check_round_trip(ctx)
    found = events(EXPORTER.render(ctx))
    results = [e for e in found if str(e["SUMMARY"]) == "Results: Kohde 0"]
    assert len(results) == 1
    description = str(results[0]["DESCRIPTION"])
    assert description.startswith(f"Timing: {opiskeluhuolto.describe(SEED_RULES[0], 'en')}\n")
    assert "Group: Sedun opiskeluhuoltoryhmä" in description
    audience = next(e for e in found if str(e["SUMMARY"]) == "Kohde 1")
    assert audience["CATEGORIES"].cats == ["survey", "guardians"]


def test_follow_ups_are_related_to_their_parent() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    found = {str(e["UID"]): e for e in events(EXPORTER.render(ctx))}
    results = found["sedu.kohde-0.2026.tulokset@opiskeluhuolto"]
    assert str(results["SUMMARY"]) == "Tulokset: Kohde 0"
    assert results["DTSTART"].dt == dt.date(2026, 11, 2)
    assert results["RELATED-TO"] == "sedu.kohde-0.2026@opiskeluhuolto"
    assert "RELATED-TO" not in found["sedu.kohde-0.2026@opiskeluhuolto"]


def test_group_filter() -> None:
    org = organisation(SEED_RULES)
    own = Calendar(
        "oma", "Kampus", "kampus", [Item("oma", "Oma tapahtuma", Rule(DateWindow.on(1, 9)))]
    )
    org = Organisation(org.id, org.name, org.hierarchy, [*org.calendars, own])
    span = RANGES["school-year-2026"]
    everything = events(EXPORTER.render(context(org, *span)))
    top = events(EXPORTER.render(context(org, *span, group="ohr")))
    campus = events(EXPORTER.render(context(org, *span, group="kampus")))
    assert len(top) + 1 == len(campus) == len(everything)
    assert "Oma tapahtuma" not in {str(e["SUMMARY"]) for e in top}
    calname = parse(EXPORTER.render(context(org, *span, group="kampus")))["X-WR-CALNAME"]
    assert calname == "Sedu – Kampuksen opiskeluhuoltoryhmä"


def test_alarm() -> None:
    org = organisation(SEED_RULES)
    ctx = ExportContext(
        org,
        *RANGES["school-year-2026"],
        options=EXPORTER.parse_options({"alarm_days": "3"}),
        generated=GENERATED,
    )
    found = events(EXPORTER.render(ctx))
    alarms = [alarm for event in found for alarm in event.walk("VALARM")]
    assert len(alarms) == len(found)
    assert all(alarm["TRIGGER"].dt == -dt.timedelta(days=3) for alarm in alarms)
    assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in alarms)
    no_alarm = EXPORTER.render(context(org, *RANGES["school-year-2026"]))
    assert b"VALARM" not in no_alarm


def test_deterministic_bytes() -> None:
    org = organisation(SEED_RULES)
    for mode in MODES:
        first = EXPORTER.render(context(org, *RANGES["2024-2036"], mode))
        assert first == EXPORTER.render(context(org, *RANGES["2024-2036"], mode))
    # Without a state file the time of the export is in no byte of the feed.
    other = ExportContext(org, *RANGES["2024-2036"], generated=GENERATED + dt.timedelta(days=1))
    assert EXPORTER.render(other) == EXPORTER.render(context(org, *RANGES["2024-2036"]))


def test_empty_range_is_a_valid_feed() -> None:
    org = organisation([Rule(DateWindow.on(11, 2))])
    data = EXPORTER.render(context(org, dt.date(2026, 3, 1), dt.date(2026, 12, 31)))
    assert parse(data)["X-WR-CALNAME"] == "Sedu" and events(data) == []


# ---------------------------------------------------------------------------
# options and registration
# ---------------------------------------------------------------------------


def test_options_defaults() -> None:
    assert EXPORTER.parse_options({}) == {
        "mode": "expanded",
        "alarm_days": None,
        "meetings": None,
        "refresh_hours": 12,
        "state": None,
    }
    assert EXPORTER.parse_options({"mode": "rrule", "alarm_days": "7", "meetings": "kyllä"}) == {
        "mode": "rrule",
        "alarm_days": 7,
        "meetings": True,
        "refresh_hours": 12,
        "state": None,
    }


def test_unknown_mode_names_key_and_choices() -> None:
    with pytest.raises(OptionError) as caught:
        EXPORTER.parse_options({"mode": "weekly"})
    assert caught.value.key == "mode"
    assert "expanded, rrule" in caught.value.message("en")
    assert "expanded, rrule" in caught.value.message("fi")
    # A context built in code without parse_options is validated the same way.
    org = organisation(SEED_RULES)
    bad = ExportContext(org, *RANGES["school-year-2026"], options={"mode": "weekly"})
    with pytest.raises(OptionError) as caught:  # the host checks before every render
        plugins.inspect_exporter(EXPORTER, "ical").render(bad)
    assert caught.value.key == "mode"


@pytest.mark.parametrize("raw", [{"alarm_days": "-1"}, {"alarm_days": "huomenna"}, {"tila": "x"}])
def test_bad_options(raw: dict[str, str]) -> None:
    with pytest.raises(OptionError) as caught:
        EXPORTER.parse_options(raw)
    assert caught.value.key == next(iter(raw))


def test_registered_through_entry_points() -> None:
    manager, errors = make_plugin_manager(distributions=["opiskeluhuolto"])
    assert errors == []
    registered = get_exporters(manager)["ical"]
    assert registered.plugin == "ical"
    assert isinstance(registered.exporter, IcalExporter)
    assert registered.exporter.default_path == "vuosikello.ics"


def test_loading_the_plugin_does_not_import_icalendar() -> None:
    code = (
        "import sys\n"
        "from opiskeluhuolto.plugins import get_exporters, make_plugin_manager\n"
        "manager, _ = make_plugin_manager(distributions=['opiskeluhuolto'])\n"
        "assert 'ical' in get_exporters(manager)\n"
        "assert 'icalendar' not in sys.modules, 'icalendar imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("days", ["99999999999", "367", "-1", "²"])
def test_alarm_days_out_of_range_is_exit_2(tmp_path: Path, days: str) -> None:
    err = io.StringIO()
    target = tmp_path / "v.ics"
    argv = ["export", "ical", "--option", f"alarm_days={days}", "-o", str(target)]
    assert cli.main(argv, stdout=io.StringIO(), stderr=err) == 2
    assert "--option alarm_days" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not target.exists()


def test_alarm_days_up_to_a_year_is_written(tmp_path: Path) -> None:
    target = tmp_path / "v.ics"
    argv = ["export", "ical", "--option", "alarm_days=366", "-o", str(target)]
    assert cli.main(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert "TRIGGER:-P366D" in target.read_text(encoding="utf-8")
