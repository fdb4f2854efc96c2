"""The ``ical`` exporter: RFC 5545 feeds that round-trip through another implementation.

The feeds are parsed with :mod:`icalendar` and expanded with
:mod:`recurring_ical_events` (python-dateutil's RFC 5545 engine) over the
export range; the result must be exactly the library's occurrences, in both
modes, for generated organisations, the seed phrases and the embedded Sedu
data.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_ical import IcalExporter
from opiskeluhuolto_ical.series import YearlyRecurrence, plan, recurrence_for

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


@given(st.lists(ost.rules(dated=True), min_size=1, max_size=4), export_ranges())
def test_every_rrule_matches_the_library(rules: list[Rule], span: tuple[dt.date, dt.date]) -> None:
    """Each series' own RFC 5545 reading gives exactly the occurrences it stands for."""
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
        assert list(entry.recurrence.dates(entry.first.start)) == [
            occ.start for occ in entry.occurrences
        ]


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
    assert rules["huoltajakysely"] == "FREQ=YEARLY;UNTIL=20361020;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert rules["tea-viisari"] == (
        "FREQ=YEARLY;UNTIL=20361001;INTERVAL=2;BYMONTHDAY=1;BYMONTH=10;WKST=MO"
    )


# ---------------------------------------------------------------------------
# which rules become an RRULE
# ---------------------------------------------------------------------------


def single_item_events(rule: Rule, start: dt.date, end: dt.date) -> list[icalendar.Event]:
    ctx = context(organisation([rule]), start, end, "rrule")
    return events(check_round_trip(ctx))


def test_weeks_become_byweekno_with_the_window_as_duration() -> None:
    found = single_item_events(Rule(WeekWindow(43, 44)), dt.date(2026, 1, 1), dt.date(2030, 12, 31))
    assert len(found) == 1
    (event,) = found
    assert rrule_of(event) == "FREQ=YEARLY;UNTIL=20301021;BYDAY=MO;BYWEEKNO=43;WKST=MO"
    assert event["DTSTART"].dt == dt.date(2026, 10, 19)
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(days=14)


def test_biennial_starts_in_a_qualifying_year() -> None:
    rule = Rule(SeasonWindow(Season.AUTUMN), YearPattern.every(2, next=2027))
    (event,) = single_item_events(rule, dt.date(2026, 1, 1), dt.date(2034, 12, 31))
    assert event["DTSTART"].dt == dt.date(2027, 8, 1)
    assert rrule_of(event) == "FREQ=YEARLY;UNTIL=20330801;INTERVAL=2;BYMONTHDAY=1;BYMONTH=8;WKST=MO"


def test_validity_period_ends_the_series() -> None:
    rule = Rule(DateWindow.on(11, 2), YearPattern(valid_from=2024, valid_to=2027))
    (event,) = single_item_events(rule, dt.date(2020, 1, 1), dt.date(2040, 12, 31))
    assert event["DTSTART"].dt == dt.date(2024, 2, 11)
    assert "UNTIL=20270211" in (rrule_of(event) or "")


def test_series_starts_at_the_first_occurrence_inside_the_range() -> None:
    # Starts before the range (a span that reaches into it) and ends in it.
    rule = Rule(MonthWindow(7, 9))
    (event,) = single_item_events(rule, dt.date(2026, 8, 15), dt.date(2029, 7, 10))
    assert event["DTSTART"].dt == dt.date(2026, 7, 1)
    assert "UNTIL=20290701" in (rrule_of(event) or "")


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
    rule = parse_rule("keväisin joka toinen vuosi. Viimeksi vuonna 2025. Tulokset syksyllä.")
    found = single_item_events(rule, dt.date(2026, 1, 1), dt.date(2036, 12, 31))
    assert len(found) == 2
    main, results = found
    assert rrule_of(main) is None or "INTERVAL=2" in (rrule_of(main) or "")
    assert rrule_of(results) == (
        "FREQ=YEARLY;UNTIL=20350801;INTERVAL=2;BYMONTHDAY=1;BYMONTH=8;WKST=MO"
    )
    assert results["RELATED-TO"] == main["UID"]


def test_single_occurrence_needs_no_rrule() -> None:
    found = single_item_events(Rule(WeekWindow(43, 44)), *RANGES["school-year-2026"])
    assert [rrule_of(e) for e in found] == [None]


def test_recurrence_for_refuses_irregular_years() -> None:
    rule = Rule(DateWindow.on(11, 2), YearPattern.every(3, next=2026))
    org = organisation([rule])
    occs = org.occurrences(dt.date(2026, 1, 1), dt.date(2040, 1, 1))
    assert recurrence_for(occs) == YearlyRecurrence(3, dt.date(2038, 2, 11), month=2, monthday=11)
    assert recurrence_for([occs[0], occs[1], occs[3]]) is None
    assert recurrence_for(occs[:1]) is None


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
