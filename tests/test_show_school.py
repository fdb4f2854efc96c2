"""``show`` lists the group's breaks among the occurrences and marks shifted ones.

Organisations are built in Python: terms, breaks and items whose timing
follows the school calendar.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_text import render_text

from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import SchoolYear
from opiskeluhuolto.school import Break, Term

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
    Break("talviloma", "Talviloma", parse_rule("viikolla 9"), owner="kampus"),
)


def _organisation(*items: Item) -> Organisation:
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy(
            [
                Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION),
                Group("kampus", "Testin kampus", GroupKind.CAMPUS, parent="ohr"),
            ]
        ),
        [Calendar("k", "Vuosikello", "ohr", items)],
        terms=TERMS,
        breaks=BREAKS,
    )


ITEMS = (
    Item("kysely", "Huoltajakysely", parse_rule("viikoilla 43–44")),
    Item("ilta", "Syysilta", parse_rule("viikolla 41")),
    Item("juhla", "Itsenäisyyspäiväjuhla", parse_rule("6.12., siirtyy edelliseen koulupäivään")),
)
YEAR = SchoolYear(2026)


def show(group: str | None = None, lang: str = "fi") -> list[str]:
    text = render_text(
        ExportContext(
            _organisation(*ITEMS),
            YEAR.start,
            YEAR.end,
            group,
            lang="en" if lang == "en" else "fi",
            school_year=YEAR,
        )
    )
    return text.splitlines()


def test_a_break_is_a_line_in_date_order() -> None:
    lines = show()
    october = lines[lines.index("LOKAKUU 2026") + 1 : lines.index("MARRASKUU 2026")]
    assert october == [
        "  5.10.–11.10.       vk 41     A Syysilta",
        "  12.10.–18.10.      vk 42     Loma: Syysloma",
        "  19.10.–1.11.       vk 43–44  A Huoltajakysely",
        "",
    ]
    # The columns are the occurrences': the break's span and weeks line up.
    assert lines.count("  12.10.–18.10.      vk 42     Loma: Syysloma") == 1


def test_a_break_across_the_new_year_is_listed_under_its_first_month() -> None:
    lines = show()
    december = lines[lines.index("JOULUKUU 2026") + 1 : lines.index("TAMMIKUU 2027")]
    assert "  21.12.2026–6.1.2027 vk 52–1" in december
    assert " " * 31 + "Loma: Joululoma" in december
    january = lines[lines.index("TAMMIKUU 2027") + 1 : lines.index("HELMIKUU 2027")]
    assert not any("Joululoma" in line for line in january)


def test_the_groups_own_breaks() -> None:
    # The campus's winter break is not the organisation's.
    assert not any("Talviloma" in line for line in show())
    lines = show("kampus")
    march = lines[lines.index("MAALISKUU 2027") + 1 : lines.index("HUHTIKUU 2027")]
    assert march == ["  1.3.–7.3.          vk 9      Loma: Talviloma", ""]


def test_a_shifted_occurrence_is_marked() -> None:
    lines = show()
    [line] = [line for line in lines if "Itsenäisyyspäiväjuhla" in line]
    assert line.startswith("  pe 4.12.           vk 49     A Itsenäisyyspäiväjuhla (siirretty,")
    text = "\n".join(lines)
    assert "Itsenäisyyspäiväjuhla (siirretty, alun perin su 6.12.)" in " ".join(text.split())
    english = " ".join("\n".join(show(lang="en")).split())
    assert "Itsenäisyyspäiväjuhla (moved, originally Sun 6 Dec)" in english
    assert "Break: Syysloma" in english
    # An occurrence on its own day carries no mark.
    assert "Syysilta (siirretty" not in text


def test_english_month_without_entries_but_a_break_is_not_empty() -> None:
    lines = show("kampus", "en")
    march = lines[lines.index("MARCH 2027") + 1 : lines.index("APRIL 2027")]
    assert march[0].endswith("Break: Talviloma") and "(nothing)" not in march


@settings(max_examples=30, deadline=None)
@given(st.integers(2000, 2090))
def test_every_break_of_the_year_is_listed_once_in_its_month(year: int) -> None:
    # Without terms for other years a break is still a break: listed each year.
    school_year = SchoolYear(year)
    text = render_text(
        ExportContext(
            _organisation(*ITEMS), school_year.start, school_year.end, school_year=school_year
        )
    )
    lines = text.splitlines()
    assert sum("Loma: Syysloma" in line for line in lines) == 1
    assert sum("Loma: Joululoma" in line for line in lines) == 1
    monday = dt.date.fromisocalendar(year, 42, 1)
    heading = next(i for i, line in enumerate(lines) if re.fullmatch(r"LOKAKUU \d{4}", line))
    index = next(i for i, line in enumerate(lines) if "Loma: Syysloma" in line)
    assert index > heading
    assert lines[index].startswith(f"  {monday.day}.10.–")
