"""The csv exporter: columns, dialects, and neutralised formula cells."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_csv import COLUMNS, CsvExporter, neutralise

from opiskeluhuolto import describe
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import format_occurrence
from opiskeluhuolto.groups import Audience, Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.recurrence import (
    DateWindow,
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthWindow,
    Repeat,
    Rule,
    TimeOfDay,
    Weekday,
    WeekWindow,
)

SCHOOL_YEAR = (dt.date(2026, 8, 1), dt.date(2027, 7, 31))


def organisation(title: str = "Huoltajakysely", item_id: str = "kysely") -> Organisation:
    hierarchy = Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")])
    items = (
        Item(
            item_id,
            title,
            Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
            audience=[Audience.OPISKELIJAT, Audience.HUOLTAJAT],
            kind=ItemKind.SURVEY,
        ),
        Item("juhla", "Itsenäisyyspäiväjuhla", Rule(DateWindow.on(6, 12)), kind=ItemKind.EVENT),
    )
    return Organisation(
        "testi", "Testiopisto", hierarchy, [Calendar("k", "Kalenteri", "ohr", items)]
    )


def render(org: Organisation, **options: str) -> bytes:
    exporter = CsvExporter()
    context = ExportContext(org, *SCHOOL_YEAR, options=exporter.parse_options(options))
    return exporter.render(context)


def rows(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_one_row_per_occurrence_with_the_columns() -> None:
    data = render(organisation())
    assert data.decode().splitlines()[0] == ",".join(COLUMNS)
    table = rows(data)
    assert [(r["start"], r["end"], r["item"], r["follow_up"]) for r in table] == [
        ("2026-10-19", "2026-11-01", "kysely", "0"),
        ("2026-11-02", "2026-11-30", "kysely", "1"),
        ("2026-12-06", "2026-12-06", "juhla", "0"),
    ]
    first = table[0]
    assert first["title"] == "Huoltajakysely"
    assert first["calendar"] == "k"
    assert first["group"] == "ohr"
    assert first["audience"] == "huoltajat opiskelijat"
    assert first["kind"] == "survey"
    assert first["rule"] == "viikoilla 43–44, tulokset aikaisintaan marraskuussa"
    assert first["id"] == "testi.kysely.2026"
    assert table[1]["id"] == "testi.kysely.2026.tulokset"


def test_timed_and_deadline_rows() -> None:
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=TimeOfDay(dt.time(14), dt.time(15, 30)),
    )
    items = (
        Item("kahvit", "Virtuaalikahvit", rule, kind=ItemKind.EVENT),
        Item("lomake", "Lomakkeen palautus", Rule(DeadlineWindow(9, 30))),
    )
    org = Organisation(
        "testi",
        "Testiopisto",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")]),
        [Calendar("k", "Kalenteri", "ohr", items)],
    )
    table = rows(render(org))
    assert len(table) == 10 + 1  # August–May, and the deadline
    coffee = next(r for r in table if r["start"] == "2026-09-08")
    assert (coffee["end"], coffee["start_time"], coffee["end_time"]) == (
        "2026-09-08",
        "14:00",
        "15:30",
    )
    assert coffee["when"] == "ti 8.9.2026 klo 14.00–15.30"
    assert coffee["id"] == "testi.kahvit.2026:2026-09"
    deadline = next(r for r in table if r["item"] == "lomake")
    assert (deadline["start"], deadline["start_time"], deadline["end_time"]) == (
        "2026-09-30",
        "",
        "",
    )
    assert deadline["when"] == "viimeistään ke 30.9.2026"
    exporter = CsvExporter()
    context = ExportContext(org, *SCHOOL_YEAR, options=exporter.parse_options({}), lang="en")
    english = rows(exporter.render(context))
    assert {r["when"] for r in english} >= {
        "Tuesday 8 September 2026 at 14:00–15:30",
        "by Wednesday 30 September 2026",
    }


def test_all_day_rows_have_empty_times() -> None:
    table = rows(render(organisation()))
    assert [(r["start_time"], r["end_time"]) for r in table] == [("", "")] * 3
    assert [r["when"] for r in table] == ["19.10.–1.11.2026", "2.11.–30.11.2026", "su 6.12.2026"]


def test_the_first_columns_are_kept_in_order() -> None:
    # New columns come last: a sheet read by position keeps working.
    assert COLUMNS[:11] == (
        "start",
        "end",
        "item",
        "title",
        "calendar",
        "group",
        "audience",
        "kind",
        "follow_up",
        "rule",
        "id",
    )
    assert COLUMNS[11:] == ("start_time", "end_time", "when")


def test_default_dialect_is_comma_utf8_without_bom() -> None:
    data = render(organisation())
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert "Itsenäisyyspäiväjuhla".encode() in data


def test_excel_fi_dialect_is_semicolon_with_bom() -> None:
    data = render(organisation(), dialect="excel-fi")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode().splitlines()[0] == ";".join(COLUMNS)
    assert [r["item"] for r in rows(data, ";")] == ["kysely", "kysely", "juhla"]


@pytest.mark.parametrize(
    "dangerous",
    [
        '=HYPERLINK("http://example.invalid","klikkaa")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        " =1+1",
        "=cmd|' /C calc'!A0",
    ],
)
def test_formula_cells_are_neutralised(dangerous: str) -> None:
    table = rows(render(organisation(title=dangerous)))
    for row in table:
        if row["item"] == "kysely":
            assert row["title"] == "'" + dangerous
            assert not row["title"].startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text(min_size=1, max_size=30))
def test_no_cell_from_data_can_start_a_formula(title: str) -> None:
    cell = neutralise(title)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert not cell.lstrip().startswith(("=", "+", "@"))
    assert cell in (title, "'" + title)


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("Huoltajakysely (Sedun oma)") == "Huoltajakysely (Sedun oma)"
    assert neutralise("2026-10-19") == "2026-10-19"


def test_english_rule_column() -> None:
    exporter = CsvExporter()
    context = ExportContext(
        organisation(), *SCHOOL_YEAR, options=exporter.parse_options({}), lang="en"
    )
    table = rows(exporter.render(context))
    assert table[0]["rule"] == "weeks 43–44, results at the earliest in November"


def test_embedded_data_round_trips_through_a_csv_reader() -> None:
    org = load_default()
    table = rows(render(org))
    occurrences = org.occurrences(*SCHOOL_YEAR)
    assert len(table) == len(occurrences)
    for row, occ in zip(table, occurrences, strict=True):
        assert row["start"] == occ.start.isoformat()
        assert row["end"] == occ.end.isoformat()
        assert row["item"] == occ.item.id
        assert row["title"] == occ.item.title
        assert row["rule"] == describe(occ.item.rule)
        assert row["id"] == occ.id
        assert row["when"] == format_occurrence(occ)
