"""Every message and label table speaks Finnish, English and Swedish (issue 17).

Two guards, so that no Swedish is forgotten later:

* the tables: each entry of every label and message table is a (Finnish,
  English, Swedish) triple of non-empty texts, every member of an enum has
  one, and the tables kept per language have the same keys;
* the calls: every ``pick(...)`` in ``src/`` and ``plugins/`` gives a Swedish
  text (a fourth argument, ``sv=``, or a ``*table_entry`` of a table checked
  here), the data checks' (``loading``, ``messages``, ``records_loading``)
  and the commands' that print them (``init``, ``record``) too, except in the
  modules listed in :data:`NOT_YET`, each with what is missing.  The data
  checks' ``error``/``warning``/``report`` take the Swedish text as a required
  argument, which ``mypy --strict`` holds them to.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest
from opiskeluhuolto_csv import COLUMN_LABELS, COLUMNS, RECORD_COLUMNS
from opiskeluhuolto_ical import feed
from opiskeluhuolto_text import _ORIGIN_MARK
from opiskeluhuolto_wheel.layout import _KIND_NAMES
from opiskeluhuolto_wilma import texts

from opiskeluhuolto import agenda, calendar, fmt, groups, records, school, site_html
from opiskeluhuolto.calendar import ItemKind, Origin, Undated
from opiskeluhuolto.cli import _parser, export
from opiskeluhuolto.groups import Audience
from opiskeluhuolto.records import Outcome

ROOT = Path(__file__).resolve().parent.parent

NOT_YET: dict[str, str] = {}
"""Modules with calls still without Swedish (a Swedish output falls back to Finnish)."""


# -- the tables ---------------------------------------------------------------


def _is_triple(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and all(isinstance(text, str) and text.strip() for text in value)
    )


TABLES: dict[str, Mapping[object, object]] = {
    "calendar._KIND_LABELS": calendar._KIND_LABELS,
    "calendar._UNDATED_HEADINGS": calendar._UNDATED_HEADINGS,
    "groups._AUDIENCE_LABELS": groups._AUDIENCE_LABELS,
    "records._OUTCOME_LABELS": records._OUTCOME_LABELS,
    "school._NAMES": school._NAMES,
    "opiskeluhuolto_text._ORIGIN_MARK": _ORIGIN_MARK,
    "opiskeluhuolto_csv.COLUMN_LABELS": COLUMN_LABELS,
    "cli.export._OUTPUT_KIND": export._OUTPUT_KIND,
    "wheel layout._KIND_NAMES": _KIND_NAMES,
    "wilma texts._LABELS": texts._LABELS,
    "wilma texts._GREETING": texts._GREETING,
    "wilma texts._LEAD": texts._LEAD,
    "wilma texts._WHY": texts._WHY,
    "wilma texts._WHY_DEFAULT": texts._WHY_DEFAULT,
    "wilma texts._BODY": texts._BODY,
    "cli FLAGS help": {k: f.help for k, f in _parser.FLAGS.items() if f.help is not None},
    "cli FLAGS metavar": {k: f.metavar for k, f in _parser.FLAGS.items() if f.metavar},
    "cli COMMANDS": {c.name: c.help for c in _parser.COMMANDS},
}


@pytest.mark.parametrize("name", TABLES)
def test_every_entry_is_finnish_english_and_swedish(name: str) -> None:
    table = TABLES[name]
    assert table
    bad = {key: value for key, value in table.items() if not _is_triple(value)}
    assert not bad, f"{name}: not (fi, en, sv): {bad}"


def test_the_single_texts_are_triples_too() -> None:
    assert _is_triple(texts._INFO_LEAD)
    assert _is_triple(_parser._DATE) and _is_triple(_parser._FILE) and _is_triple(_parser._PATH)


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        (calendar._KIND_LABELS, ItemKind),
        (calendar._UNDATED_HEADINGS, Undated),
        (groups._AUDIENCE_LABELS, Audience),
        (records._OUTCOME_LABELS, Outcome),
        (_ORIGIN_MARK, Origin),
        (texts._GREETING, (Audience.HUOLTAJAT, Audience.OPISKELIJAT)),
        (texts._WHY_DEFAULT, (Audience.HUOLTAJAT, Audience.OPISKELIJAT)),
    ],
)
def test_every_member_has_its_three_labels(table: Mapping[object, object], enum: object) -> None:
    assert set(table) == set(enum)  # type: ignore[call-overload]


def test_the_labels_are_the_languages_own() -> None:
    """Swedish is no copy of the Finnish or the English (names like Outlook aside)."""
    assert ItemKind.SURVEY.label("sv") == "enkät"
    assert Audience.HUOLTAJAT.label("sv") == "vårdnadshavare"
    assert Outcome.UNRECORDED.label("sv") == "inte antecknat"
    assert Undated.AS_NEEDED.heading("sv") == "Vid behov"
    holidays = {h.key: h for h in school.public_holidays(2026)}
    assert holidays["itsenaisyyspaiva"].name("sv") == "självständighetsdagen"
    assert all(h.name("sv") not in (h.name("fi"), h.name("en")) for h in holidays.values())
    for name in ("calendar._KIND_LABELS", "groups._AUDIENCE_LABELS", "wilma texts._LEAD"):
        for fi, en, sv in TABLES[name].values():  # type: ignore[misc]
            assert sv not in (fi, en), (name, sv)


def test_the_date_words_of_every_language() -> None:
    for table, size in (
        (fmt.MONTHS_FI, 12),
        (fmt.MONTHS_EN, 12),
        (fmt.MONTHS_SV, 12),
        (fmt.WEEKDAYS_FI, 7),
        (fmt.WEEKDAYS_FI_SHORT, 7),
        (fmt.WEEKDAYS_EN, 7),
        (fmt.WEEKDAYS_SV, 7),
        (fmt.WEEKDAYS_SV_SHORT, 7),
    ):
        assert len(table) == len(set(table)) == size
    monday = dt.date(2026, 10, 19)
    assert [fmt.month_name(10, lang) for lang in ("fi", "en", "sv")] == [
        "lokakuu",
        "October",
        "oktober",
    ]
    assert fmt.format_date(monday, "sv", weekday="full", year=False) == "måndag 19.10."
    assert fmt.format_date(monday, "sv", weekday="short") == "må 19.10.2026"
    assert fmt.format_date(monday, "sv", weekday="essive") == "måndag 19.10.2026"
    assert fmt.format_weeks(monday, monday, "sv") == "vecka 43"
    assert fmt.format_weeks(monday, dt.date(2026, 11, 1), "sv") == "veckorna 43–44"
    assert fmt.format_weeks(monday, dt.date(2026, 11, 1), "sv", short=True) == "v. 43–44"
    assert fmt.format_span(monday, dt.date(2026, 11, 1), "sv") == "19.10.–1.11.2026"


def test_the_per_language_tables_have_the_same_keys() -> None:
    assert set(feed._LABELS) == {"fi", "en", "sv"}
    assert feed._LABELS["fi"].keys() == feed._LABELS["en"].keys() == feed._LABELS["sv"].keys()
    assert set(site_html._INSTRUCTIONS) == {"fi", "en", "sv"}
    shapes = {
        lang: [len(steps) for _app, steps in apps] for lang, apps in site_html._INSTRUCTIONS.items()
    }
    assert shapes["fi"] == shapes["en"] == shapes["sv"]
    apps = [app for app, _steps in site_html._INSTRUCTIONS["sv"]]
    assert apps == ["Outlook", "Google Kalender", "iPhone och iPad", "Android"]
    assert set(COLUMN_LABELS) == {*COLUMNS, *RECORD_COLUMNS}


def test_the_agenda_s_headings_in_every_language() -> None:
    from opiskeluhuolto import load_default

    sedu = load_default()
    built = agenda.build_agenda(sedu, "ohr-seinajoki", dt.date(2026, 11, 10))
    headings = {
        lang: [line for line in agenda.render_markdown(built, lang).splitlines() if line[:1] == "#"]
        for lang in ("fi", "en", "sv")
    }
    assert headings["sv"] == [
        "# Seinäjoen kampuksen yhteisöllinen opiskeluhuoltoryhmä – föredragningslista 10.11.2026",
        "## 1. Vid varje möte",
        "## 2. Ur årsklockan",
        "### Pågår",
        "### Börjar",
        "## 3. Resultat att granska",
        "## 4. Lyft från andra grupper",
        "## 5. Vid behov",
    ]
    assert len(headings["fi"]) == len(headings["en"]) == len(headings["sv"])
    for fi, en, sv in zip(headings["fi"][1:], headings["en"][1:], headings["sv"][1:], strict=True):
        assert len({fi, en, sv}) == 3


# -- the calls ----------------------------------------------------------------


def _is_pick(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "pick") or (
        isinstance(func, ast.Attribute) and func.attr == "pick"
    )


def _gives_swedish(node: ast.Call) -> bool:
    return (
        len(node.args) >= 4
        or any(keyword.arg == "sv" for keyword in node.keywords)
        or any(isinstance(arg, ast.Starred) for arg in node.args)  # a checked table's entry
    )


def pick_calls() -> dict[str, list[ast.Call]]:
    """Module → its ``pick`` calls, in ``src/`` and ``plugins/``."""
    found: dict[str, list[ast.Call]] = {}
    for folder in ("src", "plugins"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            module = str(path.relative_to(ROOT))
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and _is_pick(node):
                    found.setdefault(module, []).append(node)
    return found


def calls_without_swedish() -> dict[str, list[int]]:
    """Module → the lines of its ``pick`` calls that give no Swedish text."""
    found: dict[str, list[int]] = {}
    for module, calls in pick_calls().items():
        for node in calls:
            if not _gives_swedish(node):
                found.setdefault(module, []).append(node.lineno)
    return found


def test_every_pick_gives_a_swedish_text() -> None:
    missing = {m: lines for m, lines in calls_without_swedish().items() if m not in NOT_YET}
    assert not missing, f"pick(...) without Swedish (add the fourth text): {missing}"


def test_the_list_of_what_is_not_yet_swedish_is_exact() -> None:
    """A module listed in NOT_YET still has such calls: take it off the list once it has none."""
    found = calls_without_swedish()
    assert sorted(found) == sorted(NOT_YET)


def test_the_checker_sees_calls_without_swedish() -> None:
    tree = ast.parse('pick(lang, "a", "b")\npick(lang, "a", "b", "c")\npick(lang, *T)\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_pick(n)]
    assert [_gives_swedish(c) for c in sorted(calls, key=lambda c: c.lineno)] == [
        False,
        True,
        True,
    ]
    # The walk reaches the modules: the report's calls (the last to get Swedish) are seen.
    calls = pick_calls()
    assert len(calls["src/opiskeluhuolto/report.py"]) >= 20
    assert len(calls["src/opiskeluhuolto/cli/report.py"]) == 1
