"""The ``ical`` exporter: RFC 5545 feeds that round-trip through another implementation.

The feeds are parsed with :mod:`icalendar` and expanded with
:mod:`recurring_ical_events` (python-dateutil's RFC 5545 engine) over the
export range; the result must be exactly the library's occurrences, in both
modes, for generated organisations, the seed phrases and the embedded Sedu
data.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence

import icalendar
import pytest
import recurring_ical_events
from dateutil import rrule as du_rrule
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_ical import IcalExporter
from opiskeluhuolto_ical.series import (
    Entry,
    YearlyRecurrence,
    follow_up_recurrence,
    main_recurrence,
    plan,
)

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
)
from opiskeluhuolto import strategies as ost
from opiskeluhuolto.calendar import Calendar, CalendarOccurrence, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Audience, Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.phrases import SEED_PHRASES, parse_rule
from opiskeluhuolto.plugins import get_exporters, make_plugin_manager

GENERATED = dt.datetime(2026, 8, 1, 6, 0, tzinfo=dt.UTC)
MODES = ("expanded", "rrule")
DOMAIN = "@opiskeluhuolto"
EXPORTER = IcalExporter()


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def organisation(rules: Sequence[Rule], *, titles: Sequence[str] | None = None) -> Organisation:
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
    return Organisation("sedu", "Sedu", hierarchy, [Calendar("vk", "Vuosikello", "ohr", items)])


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


def uid_item(uid: str, organisation_id: str) -> str:
    """The item id inside a UID ``<org>.<item>[.tulokset].<yyyymmdd>@opiskeluhuolto``."""
    assert uid.endswith(DOMAIN), uid
    body = uid[: -len(DOMAIN)]
    assert body.startswith(organisation_id + "."), uid
    body = body[len(organisation_id) + 1 :]
    body, _dot, day = body.rpartition(".")
    assert len(day) == 8 and day.isdigit(), uid
    return body.removesuffix(".tulokset")


def summary_of(occ: CalendarOccurrence, lang: str = "fi") -> str:
    if not occ.follow_up:
        return occ.item.title
    return f"{'Results' if lang == 'en' else 'Tulokset'}: {occ.item.title}"


Key = tuple[dt.date, dt.date, str, str]


def expected_keys(ctx: ExportContext) -> Counter[Key]:
    return Counter(
        (occ.start, occ.end, occ.item.id, summary_of(occ, ctx.lang)) for occ in ctx.occurrences()
    )


def expanded_keys(data: bytes, ctx: ExportContext) -> Counter[Key]:
    """Expand the feed with recurring_ical_events over the export range (end inclusive)."""
    feed = parse(data)
    found: Counter[Key] = Counter()
    for event in recurring_ical_events.of(feed).between(ctx.start, ctx.end + dt.timedelta(days=1)):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt
        assert type(start) is dt.date and type(end) is dt.date
        uid = str(event["UID"])
        found[
            (
                start,
                end - dt.timedelta(days=1),
                uid_item(uid, ctx.organisation.id),
                str(event["SUMMARY"]),
            )
        ] += 1
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


def rrule_starts(recurrence: YearlyRecurrence, dtstart: dt.date, stop: dt.date) -> list[dt.date]:
    """The RRULE as icalendar writes it, read back and expanded by dateutil (DTSTART..stop)."""
    text = icalendar.vRecur(recurrence.as_ical()).to_ical().decode()
    midnight = dt.time()
    reading = du_rrule.rrulestr(text, dtstart=dt.datetime.combine(dtstart, midnight))
    found = reading.between(
        dt.datetime.combine(dtstart, midnight), dt.datetime.combine(stop, midnight), inc=True
    )
    return [moment.date() for moment in found]


def check_series_against_library(entry: Entry, years: int = CHECK_YEARS) -> None:
    """An entry's RRULE gives exactly the rule's occurrences (of its kind) for ``years`` years.

    The series starts at ``entry.first`` and runs past the export range: every
    instance dateutil gives from DTSTART to DTSTART + ``years`` must be an
    occurrence of the item's rule (main or follow-up as the entry is) with
    the series' duration, and every such occurrence must be an instance.
    """
    assert entry.recurrence is not None
    first = entry.first
    rule = first.item.rule
    start = first.start
    stop = dt.date(min(start.year + years, 9990), start.month, min(start.day, 28))
    duration = first.end - first.start
    library = [
        (occ.start, occ.end)
        for occ in rule.occurrences(start, stop)
        if occ.follow_up == first.follow_up and start <= occ.start <= stop
    ]
    starts = rrule_starts(entry.recurrence, start, stop)
    assert [(day, day + duration) for day in starts] == library
    # The planner's own RFC 5545 reading agrees with dateutil's.
    assert list(entry.recurrence.dates(start, stop)) == starts


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
    expanded = events(EXPORTER.render(context(sedu, start, end, "expanded")))
    series = events(EXPORTER.render(context(sedu, start, end, "rrule")))
    assert len(series) < len(expanded) / 3
    rules = {str(e["UID"]).split(".")[1]: rrule_of(e) for e in series if rrule_of(e)}
    # Windows that contain February are 1 day longer in leap years: expanded.
    assert "virtuaalikahvit-helmikuu" not in rules
    assert "turvallisuuskavelyt-suojautumisharjoitus" not in rules
    assert "virtuaalikahvit-tammikuu" in rules
    assert rules["huoltajakysely"] == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert rules["tea-viisari"] == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=10;WKST=MO"


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
    assert sedu_rrule_2026.count(b"\r\nRRULE:") == series_count
    ctx = context(sedu, *RANGES["school-year-2026"], "rrule")
    planned = plan(ctx.occurrences(), series=True)
    assert series_count == sum(1 for e in planned if e.recurrence is not None)
    assert len(found) == len(planned)
    # Most items of one school year are a series now; the rest are windows
    # with February (leap years) and clipped results.
    assert series_count >= 3 * (len(found) - series_count) > 0
    survey = by_item["huoltajakysely"]
    assert rrule_of(survey) == "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert survey["DTSTART"].dt == dt.date(2026, 10, 19)
    assert survey["DTEND"].dt - survey["DTSTART"].dt == dt.timedelta(days=14)
    tea = by_item["tea-viisari"]
    assert rrule_of(tea) == "FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1;BYMONTH=10;WKST=MO"
    assert (tea["DTSTART"].dt, tea["DTEND"].dt) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    # Results in January after weeks 48–49 are always 1.1.–31.1.: a related series.
    results = [e for e in found if ".kiusaamiskysely.tulokset." in str(e["UID"])]
    assert [rrule_of(e) for e in results] == ["FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=1;WKST=MO"]
    assert results[0]["RELATED-TO"] == "sedu.kiusaamiskysely.20261123@opiskeluhuolto"
    # The clipped November results of the guardian survey stay a single event.
    clipped = [e for e in found if ".huoltajakysely.tulokset." in str(e["UID"])]
    assert [rrule_of(e) for e in clipped] == [None]
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
    assert b"RRULE" not in school_year_feed(2026)


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
    assert found[0]["RELATED-TO"] == "sedu.kohde-0.20261123@opiskeluhuolto"


def test_recurrences_from_the_rule() -> None:
    rule = Rule(DateWindow.on(11, 2), YearPattern.every(3, next=2026))
    first = rule.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    assert main_recurrence(rule, first) == YearlyRecurrence(3, None, month=2, monthday=11)
    assert list(
        YearlyRecurrence(3, None, month=2, monthday=11).dates(first.start, dt.date(2036, 1, 1))
    ) == [
        dt.date(2026, 2, 11),
        dt.date(2029, 2, 11),
        dt.date(2032, 2, 11),
        dt.date(2035, 2, 11),
    ]
    bounded = Rule(WeekWindow(40, 40), YearPattern(valid_to=2030))
    first = bounded.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    assert main_recurrence(bounded, first) == YearlyRecurrence(1, dt.date(2030, 9, 30), weekno=40)
    clipped = parse_rule("viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.")
    results = clipped.occurrences(dt.date(2026, 1, 1), dt.date(2026, 12, 31))[1]
    assert results.follow_up and follow_up_recurrence(clipped, results) is None
    assert main_recurrence(clipped, results.parent) is not None  # type: ignore[arg-type]


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
    assert "sedu.kohde-0.20261019@opiskeluhuolto" in found
    assert "sedu.kohde-0.tulokset.20261102@opiskeluhuolto" in found


def test_feed_properties_and_all_day_dates() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"])
    data = EXPORTER.render(ctx)
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    for prop in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Sedu",
        "X-WR-TIMEZONE:Europe/Helsinki",
    ):
        assert prop in lines
    assert any(line.startswith("PRODID:-//") for line in lines)
    starts = [line for line in lines if line.startswith("DTSTART")]
    ends = [line for line in lines if line.startswith("DTEND")]
    assert len(starts) == len(ends) == len(ctx.occurrences())
    assert all(
        line.startswith(("DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:")) for line in starts + ends
    )
    assert all(line == "DTSTAMP:20260801T060000Z" for line in lines if line.startswith("DTSTAMP"))
    for event, occ in zip(events(data), ctx.occurrences(), strict=True):
        assert event["DTSTART"].dt == occ.start
        assert event["DTEND"].dt == occ.end + dt.timedelta(days=1)  # exclusive


def test_description_and_categories() -> None:
    org = organisation(SEED_RULES)
    ctx = context(org, *RANGES["school-year-2026"])
    found = {str(e["UID"]): e for e in events(EXPORTER.render(ctx))}
    event = found["sedu.kohde-0.20261019@opiskeluhuolto"]  # weeks 43–44, notes
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
    results = found["sedu.kohde-0.tulokset.20261102@opiskeluhuolto"]
    assert str(results["SUMMARY"]) == "Tulokset: Kohde 0"
    assert results["RELATED-TO"] == "sedu.kohde-0.20261019@opiskeluhuolto"
    assert "RELATED-TO" not in found["sedu.kohde-0.20261019@opiskeluhuolto"]


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
    other = ExportContext(org, *RANGES["2024-2036"], generated=GENERATED + dt.timedelta(days=1))
    assert EXPORTER.render(other) != EXPORTER.render(context(org, *RANGES["2024-2036"]))


def test_empty_range_is_a_valid_feed() -> None:
    org = organisation([Rule(DateWindow.on(11, 2))])
    data = EXPORTER.render(context(org, dt.date(2026, 3, 1), dt.date(2026, 12, 31)))
    assert parse(data)["X-WR-CALNAME"] == "Sedu" and events(data) == []


# ---------------------------------------------------------------------------
# options and registration
# ---------------------------------------------------------------------------


def test_options_defaults() -> None:
    assert EXPORTER.parse_options({}) == {"mode": "expanded", "alarm_days": None}
    assert EXPORTER.parse_options({"mode": "rrule", "alarm_days": "7"}) == {
        "mode": "rrule",
        "alarm_days": 7,
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
    with pytest.raises(OptionError) as caught:
        EXPORTER.render(bad)
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
