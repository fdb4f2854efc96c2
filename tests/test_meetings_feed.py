"""The ical exporter's ``meetings`` option, rrule mode with the school calendar,
and shifted occurrences (the school calendar issue).

Organisations are built in Python; feeds are read back with icalendar and
expanded with recurring-ical-events, as in ``tests/test_ical.py``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_ical import IcalExporter
from opiskeluhuolto_ical.series import plan

from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.school import Break, Term

EXPORTER = IcalExporter()
GENERATED = dt.datetime(2026, 8, 1, 8, 0, tzinfo=dt.UTC)
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
START, END = dt.date(2026, 8, 1), dt.date(2027, 7, 31)

TERMS = (
    Term(
        2026,
        (dt.date(2026, 8, 12), dt.date(2026, 12, 18)),
        (dt.date(2027, 1, 7), dt.date(2027, 5, 29)),
    ),
)
BREAKS = (
    Break("syysloma", "Syysloma", parse_rule("viikolla 42")),
    Break("joululoma", "Joululoma", parse_rule("21.12.–6.1.")),
)


def organisation(*items: Item) -> Organisation:
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy(
            [
                Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION),
                Group(
                    "kampus",
                    "Kampuksen ryhmä",
                    GroupKind.CAMPUS,
                    parent="ohr",
                    meeting_rule=parse_rule(
                        "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"
                    ),
                    extra_meetings=(dt.date(2026, 10, 27),),
                    cancelled_meetings=(dt.date(2026, 11, 10),),
                ),
                Group(
                    "yksikko",
                    "Yksikön ryhmä",
                    GroupKind.UNIT,
                    parent="ohr",
                    meetings=(dt.date(2026, 9, 3), dt.date(2027, 2, 4)),
                ),
            ]
        ),
        [Calendar("k", "Vuosikello", "ohr", items)],
        terms=TERMS,
        breaks=BREAKS,
    )


ITEMS = (
    Item("kysely", "Huoltajakysely", parse_rule("viikoilla 43–44")),
    Item("juhla", "Itsenäisyyspäiväjuhla", parse_rule("6.12. edeltävänä koulupäivänä")),
    Item("siirto", "Juhla", parse_rule("6.12., siirtyy edelliseen koulupäivään")),
    Item("syksy", "Syyslomaa edeltävä viikko", parse_rule("ennen syyslomaa")),
)


def feed(
    org: Organisation, *, group: str | None = None, lang: str = "fi", **options: str
) -> icalendar.Calendar:
    context = ExportContext(
        org,
        START,
        END,
        group=group,
        options=EXPORTER.parse_options(options),
        lang="en" if lang == "en" else "fi",
        generated=GENERATED,
        today=START,
    )
    return icalendar.Calendar.from_ical(EXPORTER.render(context))


def day_of(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def meeting_events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return [e for e in cal.walk("VEVENT") if ".kokous@" in str(e["UID"])]


def test_meetings_are_off_by_default() -> None:
    assert meeting_events(feed(organisation(*ITEMS))) == []
    assert meeting_events(feed(organisation(*ITEMS), meetings="false")) == []
    with pytest.raises(OptionError):
        EXPORTER.parse_options({"meetings": "maybe"})


def test_a_groups_meetings_are_timed_events_with_a_vtimezone() -> None:
    org = organisation(*ITEMS)
    cal = feed(org, group="kampus", meetings="true")
    events = meeting_events(cal)
    expected = [m.day for m in org.meetings("kampus", START, END)]
    assert [day_of(e.decoded("DTSTART")) for e in events] == expected
    # The second Tuesday of October 2026 is in week 42, the autumn break: none;
    # 10.11. is cancelled, 27.10. an extra meeting.
    assert dt.date(2026, 10, 13) not in expected and dt.date(2026, 11, 10) not in expected
    assert dt.date(2026, 10, 27) in expected
    # Tue 11.8.2026 is before the autumn term (12.8.): the first is 8.9.
    first = events[0]
    assert first.decoded("DTSTART") == dt.datetime(2026, 9, 8, 14, tzinfo=HELSINKI)
    assert first.decoded("DTEND") == dt.datetime(2026, 9, 8, 15, 30, tzinfo=HELSINKI)
    assert first["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert str(first["SUMMARY"]) == "Kampuksen ryhmä: kokous"
    assert str(first["UID"]) == "testi.kampus.20260908.kokous@opiskeluhuolto"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    # The extra meeting is held at the rule's time of day.
    extra = next(e for e in events if day_of(e.decoded("DTSTART")) == dt.date(2026, 10, 27))
    assert "Lisäkokous" in str(extra["DESCRIPTION"])
    assert isinstance(extra.decoded("DTSTART"), dt.datetime)
    assert extra.decoded("DTSTART").date() == dt.date(2026, 10, 27)
    # Read back as a client does: the same meetings, at 14.00 local time.
    found = recurring_ical_events.of(cal).between(dt.date(2026, 8, 1), dt.date(2027, 8, 1))
    starts = sorted(
        (e.decoded("DTSTART") for e in found if str(e["SUMMARY"]).endswith(": kokous")),
        key=day_of,
    )
    assert [day_of(s) for s in starts] == expected
    timed = [s for s in starts if isinstance(s, dt.datetime)]
    assert len(timed) == len(expected)  # the extra meeting too, at the rule's time
    assert {(s.hour, s.minute) for s in timed} == {(14, 0)}
    assert timed[0].utcoffset() == dt.timedelta(hours=3)  # summer time in September


def test_without_a_group_every_groups_meetings_listed_ones_all_day() -> None:
    org = organisation(*ITEMS)
    events = meeting_events(feed(org, meetings="true"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert summaries == {"Kampuksen ryhmä: kokous", "Yksikön ryhmä: kokous"}
    listed = [e for e in events if str(e["SUMMARY"]) == "Yksikön ryhmä: kokous"]
    assert [e.decoded("DTSTART") for e in listed] == [dt.date(2026, 9, 3), dt.date(2027, 2, 4)]
    assert [e.decoded("DTEND") for e in listed] == [dt.date(2026, 9, 4), dt.date(2027, 2, 5)]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    days = [day_of(e.decoded("DTSTART")) for e in events]
    assert days == sorted(days)
    english = meeting_events(feed(org, lang="en", meetings="true"))
    assert {str(e["SUMMARY"]) for e in english} == {
        "Kampuksen ryhmä: meeting",
        "Yksikön ryhmä: meeting",
    }


def test_meeting_uids_are_stable_between_ranges() -> None:
    org = organisation(*ITEMS)
    whole = {str(e["UID"]) for e in meeting_events(feed(org, meetings="true"))}
    context = ExportContext(
        org,
        dt.date(2026, 9, 1),
        dt.date(2026, 12, 31),
        options=EXPORTER.parse_options({"meetings": "true"}),
        generated=GENERATED,
        today=START,
    )
    part = {
        str(e["UID"])
        for e in meeting_events(icalendar.Calendar.from_ical(EXPORTER.render(context)))
    }
    assert part and part < whole


def test_rrule_mode_writes_school_calendar_rules_as_single_events() -> None:
    org = organisation(*ITEMS, Item("vuosi", "Vuosittain", parse_rule("viikolla 40")))
    context = ExportContext(
        org,
        dt.date(2026, 8, 1),
        dt.date(2030, 7, 31),
        options=EXPORTER.parse_options({"mode": "rrule"}),
        generated=GENERATED,
        today=START,
    )
    entries = plan(context.occurrences(), series=True)
    series = {e.first.item.id for e in entries if e.recurrence is not None}
    assert series == {"vuosi", "kysely"}
    cal = icalendar.Calendar.from_ical(EXPORTER.render(context))
    singles = [e for e in cal.walk("VEVENT") if ".juhla." in str(e["UID"])]
    assert [e.decoded("DTSTART") for e in singles] == [
        dt.date(2026, 12, 4),
        dt.date(2027, 12, 3),
        dt.date(2028, 12, 5),
        dt.date(2029, 12, 5),
    ]
    assert all("RRULE" not in e for e in singles)


def test_a_shifted_occurrence_says_so() -> None:
    cal = feed(organisation(*ITEMS))
    [moved] = [e for e in cal.walk("VEVENT") if ".siirto." in str(e["UID"])]
    assert moved.decoded("DTSTART") == dt.date(2026, 12, 4)
    description = str(moved["DESCRIPTION"])
    assert description.startswith("Siirretty koulupäivälle, alun perin 6.12.2026\n")
    [english] = [
        e
        for e in feed(organisation(*ITEMS), lang="en").walk("VEVENT")
        if ".siirto." in str(e["UID"])
    ]
    assert str(english["DESCRIPTION"]).startswith(
        "Moved to a school day, originally 6 December 2026\n"
    )
    # An occurrence on its own day says nothing of the kind.
    [survey] = [e for e in cal.walk("VEVENT") if ".kysely." in str(e["UID"])]
    assert "Siirretty" not in str(survey["DESCRIPTION"])


@settings(max_examples=25, deadline=None)
@given(st.dates(dt.date(2026, 8, 1), dt.date(2027, 6, 30)), st.integers(1, 60))
def test_the_feeds_meetings_are_the_organisations(start: dt.date, days: int) -> None:
    org = organisation()
    end = start + dt.timedelta(days=days)
    context = ExportContext(
        org,
        start,
        end,
        group="kampus",
        options=EXPORTER.parse_options({"meetings": "true"}),
        generated=GENERATED,
        today=START,
    )
    cal = icalendar.Calendar.from_ical(EXPORTER.render(context))
    got = [day_of(e.decoded("DTSTART")) for e in meeting_events(cal)]
    assert got == [m.day for m in org.meetings("kampus", start, end)]
    school = org.school_calendar("kampus")
    assert all(school.is_school_day(day) or day == dt.date(2026, 10, 27) for day in got)
