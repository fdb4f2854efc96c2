"""Wilma send-on dates follow the owning group's school calendar.

A draft is due on a school day of the group it is for (the ``--group``
option's group, else the owner of the item's calendar): never on a weekend or
a public holiday, nor in a break or the summer break between terms – it moves
back to the last school day before.  Organisations are built in Python here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_wilma import WilmaExporter
from opiskeluhuolto_wilma.drafts import send_on_date

from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import DateWindow, Direction, Rule
from opiskeluhuolto.school import Break, SchoolCalendar, Term

TODAY = dt.date(2026, 8, 1)
GENERATED = dt.datetime(2026, 8, 1, 8, 0, tzinfo=dt.UTC)

TERMS = (
    Term(
        2026,
        (dt.date(2026, 8, 12), dt.date(2026, 12, 18)),
        (dt.date(2027, 1, 7), dt.date(2027, 5, 29)),
    ),
    Term(
        2027,
        (dt.date(2027, 8, 11), dt.date(2027, 12, 17)),
        (dt.date(2028, 1, 7), dt.date(2028, 5, 31)),
    ),
)
BREAKS = (
    Break("syysloma", "Syysloma", parse_rule("viikolla 42")),
    Break("joululoma", "Joululoma", parse_rule("21.12.–6.1.")),
    Break("talviloma", "Talviloma", parse_rule("viikolla 9")),
)


def _organisation(*items: Item, breaks: tuple[Break, ...] = BREAKS) -> Organisation:
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy(
            [
                Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION),
                Group("kampus", "Testin kampus", GroupKind.CAMPUS, parent="ohr"),
            ]
        ),
        [Calendar("k", "Kodin ja koulun vuosikello", "ohr", items)],
        terms=TERMS,
        breaks=breaks,
    )


def _item(item_id: str, when: str, lead: int) -> Item:
    return Item(
        item_id,
        "Tapahtuma",
        parse_rule(when),
        [Audience.HUOLTAJAT],
        ItemKind.EVENT,
        lead_days=lead,
    )


def send_ons(
    organisation: Organisation,
    start: dt.date = dt.date(2026, 8, 1),
    end: dt.date = dt.date(2027, 12, 31),
    group: str | None = None,
) -> dict[str, list[str]]:
    exporter = WilmaExporter()
    context = ExportContext(
        organisation,
        start,
        end,
        group=group,
        options=exporter.parse_options({}),
        today=TODAY,
        generated=GENERATED,
    )
    rows = csv.DictReader(io.StringIO(exporter.render(context)["drafts.csv"].decode("utf-8")))
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["item"], []).append(row["send_on"])
    return found


def test_a_send_on_date_in_the_autumn_break_moves_to_the_friday_before() -> None:
    # Tue 20.10.2026 less 7 days is Tue 13.10., in week 42 (12.–18.10.): Fri 9.10.
    found = send_ons(_organisation(_item("ilta", "20.10.", 7)), end=dt.date(2026, 12, 31))
    assert found == {"ilta": ["2026-10-09"]}


def test_an_august_event_is_due_on_the_last_school_day_of_spring() -> None:
    # 20.8.2027 less 30 days is 21.7.2027, between terms: the spring term's
    # last school day, Fri 28.5.2027 (the term ends on Saturday 29.5.).
    found = send_ons(_organisation(_item("aloitus", "20.8.", 30)), start=dt.date(2027, 8, 1))
    assert found == {"aloitus": ["2027-05-28"]}
    assert SchoolCalendar(TERMS).shift(dt.date(2027, 7, 21), Direction.BEFORE) == dt.date(
        2027, 5, 28
    )


def test_a_draft_due_on_independence_day_or_in_christmas_moves_back() -> None:
    found = send_ons(
        _organisation(
            _item("juhla", "7.12.", 1),  # due Sun 6.12.2026 → Fri 4.12.
            _item("juhla-2027", "8.12.2027", 2),  # due Mon 6.12.2027 → Fri 3.12.
            _item("tammikuu", "8.1.", 14),  # due Fri 25.12.2026, in the break → Fri 18.12.
            _item("joulu", "23.12.", 0),  # in the break itself → Fri 18.12.2026
        )
    )
    assert found["juhla"] == ["2026-12-04", "2027-12-03"]
    assert found["juhla-2027"] == ["2027-12-03"]
    assert found["tammikuu"] == ["2026-12-18"]  # 8.1.2028 is past the range
    assert found["joulu"] == ["2026-12-18", "2027-12-17"]


def test_the_group_options_breaks_decide() -> None:
    # The campus has its own winter break in week 10; the organisation's is week 9.
    own = Break("talviloma", "Talviloma", parse_rule("viikolla 10"), owner="kampus")
    organisation = _organisation(_item("kysely", "12.3.", 3), breaks=(*BREAKS, own))
    start, end = dt.date(2027, 1, 1), dt.date(2027, 6, 30)
    # Due Tue 9.3.2027: a school day for the organisation; for the campus in
    # its own break (week 10, which replaces week 9): Fri 5.3.
    assert send_ons(organisation, start, end) == {"kysely": ["2027-03-09"]}
    assert send_ons(organisation, start, end, group="kampus") == {"kysely": ["2027-03-05"]}


def test_without_a_school_calendar_only_weekends_and_holidays_count() -> None:
    assert send_on_date(dt.date(2026, 10, 20), 7) == dt.date(2026, 10, 13)
    school = SchoolCalendar(TERMS, BREAKS)
    assert send_on_date(dt.date(2026, 10, 20), 7, school) == dt.date(2026, 10, 9)
    # A calendar that is all break: weekends and holidays decide (never after the start).
    always = SchoolCalendar(breaks=(Break("loma", "Loma", Rule(DateWindow(1, 1, 31, 12))),))
    assert send_on_date(dt.date(2026, 12, 8), 2, always) == dt.date(2026, 12, 4)


SCHOOL = SchoolCalendar(TERMS, BREAKS)


@given(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)), st.integers(0, 120))
def test_a_send_on_date_is_the_last_school_day_on_or_before_the_due_day(
    start: dt.date, lead: int
) -> None:
    due = start - dt.timedelta(days=lead)
    send_on = send_on_date(start, lead, SCHOOL)
    assert send_on <= due <= start
    assert SCHOOL.is_school_day(send_on)
    day = send_on + dt.timedelta(days=1)
    while day <= due:
        assert not SCHOOL.is_school_day(day), day
        day += dt.timedelta(days=1)
