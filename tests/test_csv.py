"""The csv exporter: columns, dialects, Finnish Excel, and neutralised formula cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_csv import COLUMN_LABELS, COLUMNS, RECORD_COLUMNS, CsvExporter, header

from opiskeluhuolto import describe
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang, format_occurrence, neutralise_cell
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
    assert data[3:].decode().splitlines()[0] == ";".join(header("fi"))
    assert [r["Kohde"] for r in rows(data, ";")] == ["kysely", "kysely", "juhla"]


# -- excel-fi: Finnish headers, dates Excel reads, text kept as text -----------


def excel_rows(org: Organisation, lang: Lang = "fi") -> list[list[str]]:
    """The excel-fi CSV parsed back with the csv module and the dialect's delimiter."""
    exporter = CsvExporter()
    options = exporter.parse_options({"dialect": "excel-fi"})
    data = exporter.render(ExportContext(org, *SCHOOL_YEAR, options=options, lang=lang))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8")[1:]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def unprotect(cell: str) -> str:
    """What docs/cli.md says: a cell that starts with ' had exactly one added."""
    return cell[1:] if cell.startswith("'") else cell


def test_every_column_has_a_finnish_and_an_english_label() -> None:
    assert tuple(COLUMN_LABELS) == (*COLUMNS, *RECORD_COLUMNS)
    assert header(labels=False) == COLUMNS
    assert len(set(header("fi"))) == len(set(header("en"))) == len(COLUMNS)


def test_excel_fi_headers_are_finnish_and_dates_are_day_month_year() -> None:
    table = excel_rows(organisation())
    assert table[0] == [
        "Alkaa",
        "Päättyy",
        "Kohde",
        "Otsikko",
        "Vuosikello",
        "Ryhmä",
        "Kohderyhmä",
        "Laji",
        "Tulokset",
        "Sääntö",
        "Tunniste",
        "Alkamisaika",
        "Päättymisaika",
        "Ajankohta",
    ]
    assert len(table) == 4
    for row in table[1:]:
        for cell in row[:2]:
            assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", cell), cell
    assert [row[:2] for row in table[1:]] == [
        ["19.10.2026", "1.11.2026"],
        ["2.11.2026", "30.11.2026"],
        ["6.12.2026", "6.12.2026"],
    ]


def test_excel_fi_in_english_has_english_headers_and_the_same_dates() -> None:
    table = excel_rows(organisation(), lang="en")
    assert table[0][:4] == ["Start", "End", "Item", "Title"]
    assert table[1][:2] == ["19.10.2026", "1.11.2026"]


def test_the_comma_dialect_keeps_keys_and_iso_dates() -> None:
    data = render(organisation(), dialect="comma").decode()
    assert data.splitlines()[0] == ",".join(COLUMNS)
    assert data.splitlines()[1].startswith("2026-10-19,2026-11-01,")


@pytest.mark.parametrize(
    "text",
    ["11.2.", "1–2", "1-2", "1,5", "12:00", "3/4", "2026", "0123", "(5)", "10 %", "1e5", "TOSI"],
)
def test_excel_fi_keeps_number_and_date_like_text_as_text(text: str) -> None:
    # The rule text comes from describe(), so the title and the item id carry it.
    table = excel_rows(organisation(title=text, item_id=text))
    first = dict(zip(table[0], table[1], strict=True))
    assert first["Otsikko"] == "'" + text
    assert first["Kohde"] == "'" + text
    assert unprotect(first["Otsikko"]) == text
    # The comma dialect, for programs, leaves them alone (only formulas are neutralised).
    comma = rows(render(organisation(title=text, item_id=text)))[0]
    assert comma["title"] == (text if text[0] not in "-" else "'" + text)


def test_excel_fi_protects_a_when_cell_and_leaves_words_alone() -> None:
    table = excel_rows(organisation())
    cells = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    assert cells[0]["Ajankohta"] == "'19.10.–1.11.2026"  # digits and dashes only
    assert cells[2]["Ajankohta"] == "su 6.12.2026"  # begins with a word
    assert cells[0]["Sääntö"] == "viikoilla 43–44, tulokset aikaisintaan marraskuussa"
    assert cells[0]["Otsikko"] == "Huoltajakysely"


@given(st.text(max_size=30))
def test_excel_fi_cells_round_trip_after_removing_the_protection(title: str) -> None:
    table = excel_rows(organisation(title=title))
    cell = dict(zip(table[0], table[1], strict=True))["Otsikko"]
    assert unprotect(cell) == title
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


@given(st.text(max_size=30), st.booleans())
def test_neutralise_cell_round_trips(value: str, keep_text: bool) -> None:
    cell = neutralise_cell(value, keep_text=keep_text)
    assert unprotect(cell) == value
    assert cell in (value, "'" + value)


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
    cell = neutralise_cell(title)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert not cell.lstrip().startswith(("=", "+", "@"))
    assert cell in (title, "'" + title)


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise_cell("Huoltajakysely (Sedun oma)") == "Huoltajakysely (Sedun oma)"
    assert neutralise_cell("2026-10-19") == "2026-10-19"


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
