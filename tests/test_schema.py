"""The declared tables of a data file (opiskeluhuolto.schema).

* Each schema table has the keys, and the required keys, of its key table in
  ``docs/data.md`` (read from the repository at test time).
* The walker: unknown keys with a suggestion, missing required keys, wrong
  types, bad choices with a suggestion, converted values, readers and the
  order of the problems.
* The module's docstring examples run.
"""

from __future__ import annotations

import datetime as dt
import doctest
import re
from pathlib import Path

import pytest

from opiskeluhuolto import schema
from opiskeluhuolto.calendar import ItemKind
from opiskeluhuolto.groups import Audience, GroupKind
from opiskeluhuolto.schema import Key, KeyPath, Kind, Table, Walker

DATA_MD = Path(__file__).resolve().parent.parent / "docs" / "data.md"

# The heading in docs/data.md whose key table documents each schema table.
HEADINGS: dict[str, Table] = {
    "Top level": schema.TOP,
    "`[organisation]`": schema.ORGANISATION,
    "`[[groups]]`": schema.GROUP,
    "`[[terms]]`": schema.TERMS,
    "`[[breaks]]`": schema.BREAK,
    "`[[calendars]]`": schema.CALENDAR,
    "`[[calendars.items]]`": schema.ITEM,
    "`[calendars.items.message]`": schema.MESSAGE,
    "`[calendars.items.message.huoltajat]` and `[calendars.items.message.opiskelijat]`": (
        schema.AUDIENCE_MESSAGE
    ),
    "Overrides": schema.OVERRIDE,
}

_HEADING = re.compile(r"^#+\s+(.*?)\s*$")


def documented_keys() -> dict[str, dict[str, bool]]:
    """For each heading of docs/data.md, its ``| key | … |`` table: key → required."""
    found: dict[str, dict[str, bool]] = {}
    heading = ""
    in_table = False
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if match:
            heading, in_table = match.group(1), False
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            in_table = False
        elif cells[0] == "key":
            in_table = heading not in found
            if in_table:
                found[heading] = {}
        elif in_table and not set(cells[0]) <= set("-"):
            required = bool(cells[1:]) and cells[1].startswith("required")
            for name in re.findall(r"`([^`]+)`", cells[0]):
                found[heading][name] = required
    return found


def test_every_table_is_documented() -> None:
    assert set(HEADINGS.values()) == set(schema.TABLES)
    documented = documented_keys()
    for heading in HEADINGS:
        assert heading in documented, f"docs/data.md has no key table under {heading!r}"


@pytest.mark.parametrize("heading", list(HEADINGS))
def test_schema_table_matches_docs(heading: str) -> None:
    table = HEADINGS[heading]
    documented = documented_keys()[heading]
    assert set(table.names) == set(documented), heading
    assert set(table.required) == {k for k, required in documented.items() if required}, heading


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name or "top")
def test_keys_are_unique_and_described(table: Table) -> None:
    assert len(set(table.names)) == len(table.names)
    for key in table.keys:
        assert key.doc.strip() and "\n" not in key.doc, key
        assert bool(key.choices) == (key.kind in (Kind.CHOICE, Kind.CHOICES)), key


# ---------------------------------------------------------------------------
# The walker
# ---------------------------------------------------------------------------

Reported = list[tuple[KeyPath, str, str]]


def walker() -> tuple[Walker, Reported]:
    problems: Reported = []
    return Walker(lambda path, fi, en, sv: problems.append((path, fi, en))), problems


def test_unknown_key_with_a_suggestion() -> None:
    w, problems = walker()
    w.walk({"id": "a", "name": "A", "parnet": "b", "xyzzy": 1}, ("groups", 0), schema.GROUP)
    assert problems == [
        (
            ("groups", 0, "parnet"),
            "tuntematon avain 'parnet' – tarkoititko 'parent'?",
            "unknown key 'parnet' – did you mean 'parent'?",
        ),
        (
            ("groups", 0, "xyzzy"),
            "tuntematon avain 'xyzzy'; sallitut avaimet: id, name, kind, parent, "
            "highlights_to, highlights_from, roles, meetings, extra_meetings, "
            "cancelled_meetings, feed_tokens",
            "unknown key 'xyzzy'; allowed keys: id, name, kind, parent, highlights_to, "
            "highlights_from, roles, meetings, extra_meetings, cancelled_meetings, feed_tokens",
        ),
    ]


def test_missing_required_keys_in_table_order() -> None:
    w, problems = walker()
    values = w.walk({"items": []}, ("calendars", 1), schema.CALENDAR)
    assert values == {"items": []}
    assert problems == [
        (
            ("calendars", 1, key),
            f"pakollinen avain '{key}' puuttuu",
            f"missing required key '{key}'",
        )
        for key in ("id", "name", "owner")
    ]


def test_wrong_types() -> None:
    w, problems = walker()
    values = w.walk(
        {"id": 3, "name": "A", "roles": ["rehtori", True], "extra_meetings": "ma"},
        ("groups", 0),
        schema.GROUP,
    )
    assert values == {"id": None, "name": "A", "roles": None, "extra_meetings": None}
    assert [(path, en) for path, _fi, en in problems] == [
        (("groups", 0, "id"), "expected string, got integer"),
        (("groups", 0, "roles", 1), "expected string, got boolean"),
        (("groups", 0, "extra_meetings"), "expected array, got string"),
    ]
    assert problems[0][1] == "odotettiin tyyppiä merkkijono, saatiin kokonaisluku"


def test_bad_choice_with_a_suggestion() -> None:
    w, problems = walker()
    values = w.walk(
        {"item": "x", "audience": ["huoltajat", "opiskelja"]},
        ("calendars", 0, "overrides", 0),
        schema.OVERRIDE,
    )
    assert values == {"item": "x", "audience": None}
    valid = "huoltajat, opiskelijat, henkilosto, ohr"
    assert problems == [
        (
            ("calendars", 0, "overrides", 0, "audience", 1),
            f"tuntematon arvo 'opiskelja' – tarkoititko 'opiskelijat'? (sallitut: {valid})",
            f"unknown value 'opiskelja' – did you mean 'opiskelijat'? (valid: {valid})",
        )
    ]


def test_converted_values() -> None:
    w, problems = walker()
    group = w.walk(
        {
            "id": "kampus",
            "name": "Kampus",
            "kind": "campus",
            "highlights_to": ["ohr"],
            "meetings": [dt.date(2026, 9, 8)],
        },
        ("groups", 1),
        schema.GROUP,
    )
    assert group == {
        "id": "kampus",
        "name": "Kampus",
        "kind": GroupKind.CAMPUS,
        "highlights_to": ["ohr"],
        "meetings": [dt.date(2026, 9, 8)],
    }
    item = w.walk(
        {
            "id": "kysely",
            "title": "Kysely",
            "when": {"weeks": 40},
            "audience": ["huoltajat", "ohr"],
            "kind": "survey",
            "lead_days": 14,
            "message": {"subject": "{title}"},
        },
        ("calendars", 0, "items", 0),
        schema.ITEM,
    )
    assert item == {
        "id": "kysely",
        "title": {"": "Kysely"},  # a text: language → text ("" = the data's own)
        "when": {"weeks": 40},  # nested: returned as written, for the caller
        "audience": (Audience.HUOLTAJAT, Audience.OHR),
        "kind": ItemKind.SURVEY,
        "lead_days": 14,
        "message": {"subject": "{title}"},
    }
    assert problems == []


def test_bounds_and_checks() -> None:
    w, problems = walker()
    item = {"id": "a", "title": "A", "when": "syksyllä", "lead_days": -1}
    assert w.walk(item, ("items", 0), schema.ITEM)["lead_days"] is None
    item = {"id": "a", "title": "A", "when": "syksyllä", "lead_days": 367}
    assert w.walk(item, ("items", 0), schema.ITEM)["lead_days"] is None
    item = {"id": "a", "title": "A", "when": "syksyllä", "lead_days": 366}
    assert w.walk(item, ("items", 0), schema.ITEM)["lead_days"] == 366
    assert w.walk({"id": "Sedu", "name": "S"}, ("organisation",), schema.ORGANISATION) == {
        "id": None,
        "name": "S",
    }
    assert w.walk({"id": " ", "name": "S"}, ("organisation",), schema.ORGANISATION)["id"] is None
    assert [en for _path, _fi, en in problems] == [
        "-1 must be between 0 and 366",
        "367 must be between 0 and 366",
        "id 'Sedu' may contain only lowercase letters a–z, digits, hyphens and underscores "
        "(at most 64 characters, starting with a letter or digit)",
        "an id cannot be empty",
    ]


def test_readers_read_in_table_order() -> None:
    w, problems = walker()
    seen: list[str] = []

    def when(value: object, path: KeyPath) -> str:
        seen.append("when")
        w.report(path, "ajoitus", "timing", "tidpunkt")
        return f"rule of {value}"

    table = {"id": "a", "title": 1, "when": "syksyllä", "kind": "nope"}
    values = w.walk(table, ("items", 0), schema.ITEM, {"when": when})
    assert values["when"] == "rule of syksyllä"
    assert [path[-1] for path, _fi, _en in problems] == ["title", "when", "kind"]
    with pytest.raises(ValueError, match="no key 'wen'"):
        w.walk(table, ("items", 0), schema.ITEM, {"wen": when})


def test_first_keys_are_read_before_the_keys_are_checked() -> None:
    w, problems = walker()
    w.walk({"schema": "1", "groupz": []}, (), schema.TOP)
    assert [(path, en) for path, _fi, en in problems] == [
        (("schema",), "expected integer, got string"),
        (("groupz",), "unknown key 'groupz' – did you mean 'groups'?"),
        (("organisation",), "missing required key 'organisation'"),
    ]


def test_a_table_of_its_own() -> None:
    table = Table(
        "example",
        (
            Key("n", Kind.INTEGER, "a number", required=True),
            Key("on", Kind.BOOLEAN, "a switch"),
            Key("colour", Kind.CHOICE, "a colour", choices={"red": 1, "green": 2}),
        ),
    )
    w, problems = walker()
    assert w.walk({"n": 2, "on": True, "colour": "green"}, (), table) == {
        "n": 2,
        "on": True,
        "colour": 2,
    }
    assert w.walk({"n": True, "on": 1, "colour": "gren"}, ("x",), table) == {
        "n": None,
        "on": None,
        "colour": None,
    }
    assert [en for _path, _fi, en in problems] == [
        "expected integer, got boolean",
        "expected boolean, got integer",
        "unknown value 'gren' – did you mean 'green'? (valid: red, green)",
    ]
    assert table.key("on").kind is Kind.BOOLEAN
    with pytest.raises(KeyError):
        table.key("off")


def test_arrays_of_tables() -> None:
    w, problems = walker()
    assert w.tables([{"a": 1}, 2], ("groups",)) == [(("groups", 0), {"a": 1})]
    assert w.tables({"a": 1}, ("calendars",)) == []
    assert [(path, en) for path, _fi, en in problems] == [
        (("groups", 1), "expected table, got integer"),
        (("calendars",), "expected array of tables, got table"),
    ]


def test_doctests() -> None:
    result = doctest.testmod(schema, report=False)
    assert result.attempted > 0
    assert result.failed == 0
