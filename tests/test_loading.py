"""Loading and validating data files (opiskeluhuolto.loading).

* The corpus under ``tests/broken/``: every ``NAME.toml`` is validated with
  ``validate_file`` and its formatted problems must equal ``NAME.expected``
  (Finnish), ``NAME.sv.expected`` (Swedish) and, where present,
  ``NAME.en.expected`` (English) exactly – file, line, key path and message.
* A good document loads to an Organisation written out by hand here.
* Structured ``when`` tables and the equivalent Finnish phrases give equal rules.
* The key locator: hand-written tricky documents and a hypothesis property
  over generated documents (nested tables, arrays of tables, multi-line
  strings that contain things that look like keys and headers).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import cli
from opiskeluhuolto.calendar import (
    Calendar,
    Item,
    ItemKind,
    MessageTemplate,
    Organisation,
    Origin,
    Override,
)
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
from opiskeluhuolto.loading import (
    DEFAULT_DATA_NAME,
    LoadError,
    LoadResult,
    Problem,
    default_data_text,
    load,
    load_default,
    loads,
    validate_file,
    validate_text,
)
from opiskeluhuolto.locator import format_path, locate_keys
from opiskeluhuolto.phrases import parse_rule
from opiskeluhuolto.recurrence import (
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Phase,
    Rule,
    Season,
    SeasonWindow,
    WeekWindow,
    YearPattern,
)
from opiskeluhuolto.schema import KeyPath

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.toml"))


# ---------------------------------------------------------------------------
# The corpus of broken files
# ---------------------------------------------------------------------------


def test_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 30
    for name in CASES:
        assert (BROKEN / f"{name}.expected").is_file(), name
        assert (BROKEN / f"{name}.sv.expected").is_file(), name
    multi = [name for name in CASES if len(_expected(name, "fi")) > 1]
    assert len(multi) >= 4
    stray = {p.name.split(".")[0] for p in BROKEN.iterdir()} - set(CASES)
    assert not stray


def _expected(name: str, lang: str) -> list[str]:
    suffix = ".expected" if lang == "fi" else f".{lang}.expected"
    return (BROKEN / f"{name}{suffix}").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", CASES)
def test_corpus_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    result = validate_file(f"{name}.toml")
    assert [p.format() for p in result.problems] == _expected(name, "fi")
    if (BROKEN / f"{name}.en.expected").exists():
        assert [p.format("en") for p in result.problems] == _expected(name, "en")
    assert [p.format("sv") for p in result.problems] == _expected(name, "sv")
    assert result.problems, "every corpus file has at least one problem"
    for problem in result.problems:
        assert problem.file == f"{name}.toml"
    if name.startswith("warning-"):
        # Warnings only: the file loads.
        assert result.ok and not result.errors and result.organisation is not None
        assert isinstance(load(f"{name}.toml"), Organisation)
    else:
        assert not result.ok and result.organisation is None
        with pytest.raises(LoadError) as info:
            load(f"{name}.toml")
        assert info.value.problems == result.problems
        assert str(info.value).splitlines() == _expected(name, "fi")


@pytest.mark.parametrize("name", CASES)
def test_corpus_file_through_the_command_line(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``opiskeluhuolto check`` prints exactly the problems and exits 2 (0 for warnings)."""
    monkeypatch.chdir(BROKEN)
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["check", f"{name}.toml"], stdout=out, stderr=err)
    problems = err.getvalue().splitlines()
    if name.startswith("warning-"):
        assert status == 0
        assert problems == _expected(name, "fi")
        assert out.getvalue().startswith(f"{name}.toml: kunnossa – ")
    else:
        assert status == 2
        count = sum(1 for line in _expected(name, "fi") if ": varoitus: " not in line)
        assert problems[:-1] == _expected(name, "fi")
        assert problems[-1] == f"{name}.toml: {count} virhe{'ttä' if count != 1 else ''}"
        assert out.getvalue() == ""
    assert "Traceback" not in err.getvalue()


def test_problem_fields_of_a_phrase_error() -> None:
    text = (BROKEN / "phrase-week-54.toml").read_text(encoding="utf-8")
    (problem,) = validate_text(text, "x.toml").problems
    assert problem == Problem(
        "x.toml",
        26,
        "calendars[0].items[0].when",
        'ajoitusta "viikoilla 43 ja 54" ei voi lukea: viikkoa "54" ei ole (viikot 1–53); '
        'sana "54", merkki 17',
        'cannot read the timing "viikoilla 43 ja 54": there is no week "54" (weeks 1–53); '
        'word "54" at character 17',
        "error",
        # The Finnish phrase reader's own reason is Finnish (it has no Swedish).
        'kan inte läsa tidpunkten "viikoilla 43 ja 54": viikkoa "54" ei ole (viikot 1–53); '
        'ordet "54", tecken 17',
    )


def test_every_problem_is_collected_in_one_pass() -> None:
    text = (BROKEN / "multi-calendars.toml").read_text(encoding="utf-8")
    result = validate_text(text, "m.toml")
    assert [(p.line, p.path, p.severity) for p in result.problems] == [
        (26, "calendars[0].items[0].when", "error"),
        (27, "calendars[0].items[0].audience[1]", "error"),
        (32, "calendars[0].items[1].when.weeks", "error"),
        (33, "calendars[0].items[1].lead_days", "error"),
        (41, "calendars[1].items[0].id", "error"),
        (43, "calendars[1].items[0].when.date", "error"),
        (47, "calendars[1].overrides[0].when", "warning"),
        (48, "calendars[1].overrides[0].skp", "error"),
    ]
    assert len(result.errors) == 7 and len(result.warnings) == 1


# ---------------------------------------------------------------------------
# Problems, results, errors
# ---------------------------------------------------------------------------


def test_problem_format() -> None:
    error = Problem("f.toml", 3, "groups[0].parent", "tuntematon ryhmä 'x'", "unknown group 'x'")
    assert error.severity == "error"
    assert error.format() == "f.toml:3: groups[0].parent: tuntematon ryhmä 'x'"
    assert error.format("en") == "f.toml:3: groups[0].parent: unknown group 'x'"
    assert error.message() == "tuntematon ryhmä 'x'" and error.message("en") == "unknown group 'x'"
    assert str(error) == error.format()
    warning = Problem("f.toml", 9, "calendars[0].items[1].when", "hui", "eek", "warning")
    assert warning.format() == "f.toml:9: calendars[0].items[1].when: varoitus: hui"
    assert warning.format("en") == "f.toml:9: calendars[0].items[1].when: warning: eek"
    whole_file = Problem("f.toml", None, "", "tiedostoa ei ole", "no such file")
    assert whole_file.format("en") == "f.toml: no such file"


def test_load_error_carries_problems_and_formats_finnish() -> None:
    problems = (
        Problem("a.toml", 1, "schema", "yksi", "one"),
        Problem("a.toml", 5, "x", "kaksi", "two", "warning"),
    )
    error = LoadError(problems)
    assert isinstance(error, ValueError)
    assert error.problems == problems
    assert str(error) == "a.toml:1: schema: yksi\na.toml:5: x: varoitus: kaksi"
    assert error.format("en") == "a.toml:1: schema: one\na.toml:5: x: warning: two"
    assert error.errors == problems[:1]


def test_load_result_properties() -> None:
    warning = Problem("a", 1, "p", "v", "w", "warning")
    error = Problem("a", 2, "p", "e", "e")
    assert LoadResult(None, (warning,)).ok
    assert LoadResult(None, (warning,)).warnings == (warning,)
    mixed = LoadResult(None, (warning, error))
    assert not mixed.ok and mixed.errors == (error,) and mixed.warnings == (warning,)
    assert mixed.format("en") == "a:1: p: warning: w\na:2: p: e"


def test_format_path() -> None:
    assert format_path(("calendars", 1, "items", 3, "when")) == "calendars[1].items[3].when"
    assert format_path(("groups", 2, "highlights_to", 1)) == "groups[2].highlights_to[1]"
    assert format_path(("groups", 0, "a b")) == 'groups[0]."a b"'
    assert format_path(()) == ""


def test_the_locator_is_its_own_light_module() -> None:
    import subprocess
    import sys

    from opiskeluhuolto import loading, locator

    # loading keeps re-exporting the locator's public names: one definition, two doors.
    assert loading.format_path is locator.format_path
    assert loading.locate_keys is locator.locate_keys
    code = (
        "import sys, opiskeluhuolto.locator; "
        "print(sorted(m for m in ('attr', 'tomllib', 'opiskeluhuolto.schema', "
        "'opiskeluhuolto.loading') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "puuttuu.toml"
    result = validate_file(path)
    assert result.organisation is None
    assert [p.format() for p in result.problems] == [
        f"{path}: tiedostoa ei voi lukea: tiedostoa ei ole"
    ]
    assert [p.format("en") for p in result.problems] == [
        f"{path}: cannot read the file: No such file or directory"
    ]
    with pytest.raises(LoadError):
        load(path)


def test_directory_is_a_problem(tmp_path: Path) -> None:
    (problem,) = validate_file(tmp_path).problems
    assert problem.format() == f"{tmp_path}: tiedostoa ei voi lukea: se on hakemisto"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load(path) == EXPECTED


def test_accepts_path_like_and_str(tmp_path: Path) -> None:
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load(path) == load(os.fspath(path)) == EXPECTED


def test_loads_raises_with_default_filename() -> None:
    with pytest.raises(LoadError) as info:
        loads("schema = 1\n")
    assert str(info.value) == "<data>:1: organisation: pakollinen avain 'organisation' puuttuu"


def test_warnings_do_not_raise() -> None:
    text = GOOD.replace('when = "viikoilla 43 ja 44"', 'when = "viikolla 53"')
    result = validate_text(text, "w.toml")
    assert result.ok and result.organisation is not None
    message = "week 53 exists only in some years; in the others the item does not occur"
    assert [p.format("en") for p in result.problems] == [
        # Once, where the timing is: the campus override changes only the results.
        f"w.toml:36: calendars[0].items[0].when: warning: {message}",
    ]
    assert loads(text) == result.organisation


# ---------------------------------------------------------------------------
# A good document
# ---------------------------------------------------------------------------

GOOD = """\
# A small but complete data file.
schema = 1

[organisation]
id = "mini-opisto"
name = "Mini-opisto"
timezone = "Europe/Helsinki"

[[groups]]
id = "ohr"
name = "Opiskeluhuoltoryhmä"
kind = "organisation"
roles = ["koulutuspäällikkö", "kuraattori"]

[[groups]]
id = "kampus"
name = "Kampuksen ohr"
kind = "campus"
parent = "ohr"
meetings = [2026-10-13, 2026-09-08]

[[groups]]
id = "foorumi"
name = "Opiskelijafoorumi"
kind = "student-body"
highlights_to = ["kampus"]

[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "huoltajakysely"
title = "Huoltajakysely"
when = "viikoilla 43 ja 44"
results = "aikaisintaan marraskuussa"
audience = ["opiskelijat", "huoltajat"]
kind = "survey"
lead_days = 14

[calendars.items.message]
subject = "Huoltajakysely alkaa"
body = '''
Hyvä huoltaja,
kysely on auki viikoilla 43–44.
'''

[[calendars.items]]
id = "kotivaenilta"
title = "Kotiväenilta"
when = { months = 9 }
audience = ["huoltajat"]
kind = "event"
notes = "Kampukset sopivat päivän itse."

[[calendars.items]]
id = "hyvinvointikysely"
title = "Hyvinvointikysely"
when = { months = [10, 12], parity = "even", results = { months = [1, 3] } }

[[calendars.items]]
id = "nostot"
title = "Nostot"
when = { cadence = "every-meeting" }

[[calendars]]
id = "kampus-vuosikello"
name = "Kampuksen vuosikello"
owner = "kampus"

[[calendars.items]]
id = "turvallisuuskavely"
title = "Turvallisuuskävely"
when = { season = "syksy", every = 2, next = 2026 }
kind = "drill"

[[calendars.overrides]]
item = "kotivaenilta"
when = "10.9."
title = "Kampuksen kotiväenilta"

[[calendars.overrides]]
item = "huoltajakysely"
results = { season = "syksy" }

[[calendars.overrides]]
item = "nostot"
skip = true
"""

SURVEY_RULE = Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True))

EXPECTED = Organisation(
    "mini-opisto",
    "Mini-opisto",
    Hierarchy(
        (
            Group(
                "ohr",
                "Opiskeluhuoltoryhmä",
                GroupKind.ORGANISATION,
                roles=("koulutuspäällikkö", "kuraattori"),
            ),
            Group(
                "kampus",
                "Kampuksen ohr",
                GroupKind.CAMPUS,
                parent="ohr",
                meetings=(dt.date(2026, 9, 8), dt.date(2026, 10, 13)),
            ),
            Group(
                "foorumi",
                "Opiskelijafoorumi",
                GroupKind.STUDENT_BODY,
                highlights_to=("kampus",),
            ),
        )
    ),
    (
        Calendar(
            "vuosikello",
            "Vuosikello",
            "ohr",
            (
                Item(
                    "huoltajakysely",
                    "Huoltajakysely",
                    SURVEY_RULE,
                    (Audience.HUOLTAJAT, Audience.OPISKELIJAT),
                    ItemKind.SURVEY,
                    lead_days=14,
                    message=MessageTemplate(
                        "Huoltajakysely alkaa",
                        "Hyvä huoltaja,\nkysely on auki viikoilla 43–44.\n",
                    ),
                ),
                Item(
                    "kotivaenilta",
                    "Kotiväenilta",
                    Rule(MonthWindow(9, 9)),
                    (Audience.HUOLTAJAT,),
                    ItemKind.EVENT,
                    notes="Kampukset sopivat päivän itse.",
                ),
                Item(
                    "hyvinvointikysely",
                    "Hyvinvointikysely",
                    Rule(MonthWindow(10, 12), YearPattern.even(), FollowUp(MonthWindow(1, 3))),
                ),
                Item("nostot", "Nostot", Rule(cadence=Cadence.EVERY_MEETING)),
            ),
        ),
        Calendar(
            "kampus-vuosikello",
            "Kampuksen vuosikello",
            "kampus",
            (
                Item(
                    "turvallisuuskavely",
                    "Turvallisuuskävely",
                    Rule(SeasonWindow(Season.AUTUMN), YearPattern.every(2, next=2026)),
                    kind=ItemKind.DRILL,
                ),
            ),
            (
                Override(
                    "kotivaenilta",
                    when=Rule(DateWindow.on(10, 9)),
                    title="Kampuksen kotiväenilta",
                ),
                Override("huoltajakysely", results=FollowUp(SeasonWindow(Season.AUTUMN))),
                Override("nostot", skip=True),
            ),
        ),
    ),
    "Europe/Helsinki",
)


def test_good_document_loads_to_the_expected_organisation() -> None:
    result = validate_text(GOOD, "good.toml")
    assert result.problems == ()
    assert result.ok
    assert result.organisation == EXPECTED
    assert loads(GOOD) == EXPECTED


def test_overrides_take_effect_for_the_owner_only() -> None:
    organisation = loads(GOOD)
    seen_by_campus = {r.item.id: r for r in organisation.resolve("kampus")}
    assert "nostot" not in seen_by_campus
    assert seen_by_campus["kotivaenilta"].origin is Origin.ADAPTED
    assert seen_by_campus["kotivaenilta"].item.title == "Kampuksen kotiväenilta"
    assert seen_by_campus["kotivaenilta"].item.rule == Rule(DateWindow.on(10, 9))
    assert seen_by_campus["turvallisuuskavely"].origin is Origin.OWN
    seen_by_ohr = {r.item.id: r.item for r in organisation.resolve("ohr")}
    assert seen_by_ohr["kotivaenilta"].rule == Rule(MonthWindow(9, 9))
    assert seen_by_ohr["huoltajakysely"].rule == SURVEY_RULE
    assert "turvallisuuskavely" not in seen_by_ohr


def test_override_results_on_a_grandchild() -> None:
    text = GOOD + (
        '\n[[groups]]\nid = "yksikko"\nname = "Yksikkö"\nparent = "kampus"\n'
        '\n[[calendars]]\nid = "yksikko-vuosikello"\nname = "Yksikkö"\nowner = "yksikko"\n'
        '\n[[calendars.overrides]]\nitem = "turvallisuuskavely"\nwhen = "viikolla 40"\n'
        'results = "tulokset joulukuussa"\n'
    )
    organisation = loads(text)
    (override,) = organisation.calendars[-1].overrides
    assert override == Override(
        "turvallisuuskavely",
        when=Rule(WeekWindow(40, 40), follow_up=FollowUp(MonthWindow(12, 12))),
    )


def test_default_data_set_loads() -> None:
    text = default_data_text()
    assert text.lstrip().startswith(("#", "schema"))
    result = validate_text(text, DEFAULT_DATA_NAME)
    assert result.errors == ()
    organisation = load_default()
    assert organisation == result.organisation
    assert organisation.id == "sedu"
    assert len(organisation.calendars) >= 1


def test_problems_in_the_embedded_data_name_the_embedded_file() -> None:
    broken = default_data_text().replace("schema = 1", "schema = 1\nschemaa = 1", 1)
    (problem,) = validate_text(broken, DEFAULT_DATA_NAME).errors
    assert problem.format("en").startswith("sedu.toml (embedded):")
    assert problem.path == "schemaa"


# ---------------------------------------------------------------------------
# Structured `when` tables and phrases
# ---------------------------------------------------------------------------

EQUIVALENT: list[tuple[str, str, Rule]] = [
    ("viikko 40", "{ weeks = 40 }", Rule(WeekWindow(40, 40))),
    ("viikoilla 43 ja 44", "{ weeks = [43, 44] }", Rule(WeekWindow(43, 44))),
    ("viikoilla 52–1", "{ weeks = [52, 1] }", Rule(WeekWindow(52, 1))),
    ("elokuussa", "{ months = 8 }", Rule(MonthWindow(8, 8))),
    ("tammi-maaliskuussa", "{ months = [1, 3] }", Rule(MonthWindow(1, 3))),
    ("marras-tammikuussa", "{ months = [11, 1] }", Rule(MonthWindow(11, 1))),
    ("11.2.", '{ date = "11.2." }', Rule(DateWindow.on(11, 2))),
    ("1.6.–15.8.", '{ date = "1.6.–15.8." }', Rule(DateWindow(1, 6, 15, 8))),
    ("keväisin", '{ season = "kevät" }', Rule(SeasonWindow(Season.SPRING))),
    ("kesän ajalla", '{ season = "kesä" }', Rule(SeasonWindow(Season.SUMMER))),
    ("syksyllä", '{ season = "syksy" }', Rule(SeasonWindow(Season.AUTUMN))),
    (
        "jokaisessa kokouksessa",
        '{ cadence = "every-meeting" }',
        Rule(cadence=Cadence.EVERY_MEETING),
    ),
    ("tarpeen mukaan", '{ cadence = "as-needed" }', Rule(cadence=Cadence.AS_NEEDED)),
    (
        "parillisen vuoden loka-joulukuussa",
        '{ months = [10, 12], parity = "even" }',
        Rule(MonthWindow(10, 12), YearPattern.even()),
    ),
    (
        "parittomina vuosina syyskuussa",
        '{ months = 9, every = 2, parity = "odd" }',
        Rule(MonthWindow(9, 9), YearPattern.odd()),
    ),
    (
        "joka toinen vuosi, seuraava 2027, syyskuussa",
        "{ months = 9, every = 2, next = 2027 }",
        Rule(MonthWindow(9, 9), YearPattern.every(2, next=2027)),
    ),
    (
        "keväisin joka toinen vuosi. Viimeksi vuonna 2025",
        '{ season = "kevät", every = 2, last = 2025 }',
        Rule(SeasonWindow(Season.SPRING), YearPattern.every(2, last=2025)),
    ),
    (
        "2024–2025 elokuussa",
        "{ months = 8, valid = [2024, 2025] }",
        Rule(MonthWindow(8, 8), YearPattern(valid_from=2024, valid_to=2025)),
    ),
    (
        "2024–2025 elokuussa",
        "{ months = 8, valid_from = 2024, valid_to = 2025 }",
        Rule(MonthWindow(8, 8), YearPattern(valid_from=2024, valid_to=2025)),
    ),
    ("joka toinen vuosi", "{ every = 2 }", Rule(years=YearPattern(2))),
    (
        "viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.",
        "{ weeks = [43, 44], results = { month = 11, earliest = true } }",
        SURVEY_RULE,
    ),
    (
        "vuosittain viikoilla 48 ja 49. Tulokset aikaisintaan tammikuussa.",
        "{ weeks = [48, 49], results = { month = 1, earliest = true } }",
        Rule(WeekWindow(48, 49), follow_up=FollowUp(MonthWindow(1, 1), earliest=True)),
    ),
    (
        "Joka toinen vuosi. Seuraava 2026. Tulokset elokuussa.",
        "{ every = 2, next = 2026, results = { months = 8 } }",
        Rule(years=YearPattern.every(2, next=2026), follow_up=FollowUp(MonthWindow(8, 8))),
    ),
    (
        "keväisin joka toinen vuosi. Viimeksi vuonna 2025. Tulokset syksyllä.",
        '{ season = "kevät", every = 2, last = 2025, results = { season = "syksy" } }',
        Rule(
            SeasonWindow(Season.SPRING),
            YearPattern.every(2, last=2025),
            FollowUp(SeasonWindow(Season.AUTUMN)),
        ),
    ),
]


def _item_rule(when: str, results: str | None = None) -> Rule:
    text = (
        'schema = 1\n[organisation]\nid = "o"\nname = "O"\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        '[[calendars]]\nid = "c"\nname = "C"\nowner = "g"\n'
        f'[[calendars.items]]\nid = "i"\ntitle = "I"\nwhen = {when}\n'
    )
    if results is not None:
        text += f"results = {results}\n"
    result = validate_text(text)
    assert result.errors == (), result.format("en")
    assert result.organisation is not None
    return result.organisation.calendars[0].items[0].rule


@pytest.mark.parametrize(("phrase", "table", "rule"), EQUIVALENT)
def test_table_and_phrase_give_equal_rules(phrase: str, table: str, rule: Rule) -> None:
    assert parse_rule(phrase) == rule
    assert _item_rule(json.dumps(phrase, ensure_ascii=False)) == rule
    assert _item_rule(table) == rule


@pytest.mark.parametrize(
    ("results", "follow_up"),
    [
        ('"aikaisintaan marraskuussa"', FollowUp(MonthWindow(11, 11), earliest=True)),
        ('"tulokset elokuussa"', FollowUp(MonthWindow(8, 8))),
        ('"syksyllä"', FollowUp(SeasonWindow(Season.AUTUMN))),
        ("{ month = 11, earliest = true }", FollowUp(MonthWindow(11, 11), earliest=True)),
        ("{ months = [1, 3] }", FollowUp(MonthWindow(1, 3))),
        ('{ season = "syksy" }', FollowUp(SeasonWindow(Season.AUTUMN))),
    ],
)
def test_results_phrase_and_table(results: str, follow_up: FollowUp) -> None:
    assert _item_rule('"viikoilla 43 ja 44"', results) == Rule(
        WeekWindow(43, 44), follow_up=follow_up
    )
    assert _item_rule("{ weeks = [43, 44] }", results) == Rule(
        WeekWindow(43, 44), follow_up=follow_up
    )


def test_phase_styles_are_kept() -> None:
    assert _item_rule("{ months = 9, every = 3, last = 2025 }").years == YearPattern(
        3, Phase.LAST, 2025
    )


# ---------------------------------------------------------------------------
# The key locator
# ---------------------------------------------------------------------------

TRICKY = "\n".join(
    [
        "schema = 1 # comment [not.a.header]",  # 1
        '"quoted key" = "a = b"   # 2',  # 2
        "'lit.key' = 'x'",  # 3
        'dotted . inner = """',  # 4
        "[not.a.header]",  # 5
        "fake = 1",  # 6
        "[[nor.this]]",  # 7
        '"""',  # 8
        "after = 3",  # 9
        "arr = [",  # 10
        "  1,   # [[x]]",  # 11
        "  [2, 3],",  # 12
        "  { a = 1, b = [",  # 13
        "    4] },",  # 14
        '  """multi',  # 15
        '  line""",',  # 16
        "  '''lit",  # 17
        "''',",  # 18
        "]",  # 19
        "",  # 20
        "[[calendars]]",  # 21
        'id = "a"',  # 22
        "inline = { x = 1, y = { z = 2 } }",  # 23
        "",  # 24
        "[[calendars.items]]",  # 25
        'id = "i0"',  # 26
        "",  # 27
        "[calendars.items.message]",  # 28
        "body = '''",  # 29
        'id = "not a key"',  # 30
        "'''",  # 31
        "",  # 32
        "[[calendars.items]]",  # 33
        'id = "i1"',  # 34
        "",  # 35
        "[[calendars]]",  # 36
        'id = "b"',  # 37
        "",  # 38
        "[[calendars.items]]",  # 39
        'id = "j0"',  # 40
        "",  # 41
        '[ tables . "sub table" ]',  # 42
        'key = "value\\" = still a string"',  # 43
    ]
)


def test_locator_on_a_tricky_document() -> None:
    assert tomllib.loads(TRICKY)["calendars"][1]["items"][0]["id"] == "j0"
    lines = locate_keys(TRICKY)
    expected: dict[KeyPath, int] = {
        ("schema",): 1,
        ("quoted key",): 2,
        ("lit.key",): 3,
        ("dotted",): 4,
        ("dotted", "inner"): 4,
        ("after",): 9,
        ("arr",): 10,
        ("arr", 0): 11,
        ("arr", 1): 12,
        ("arr", 1, 1): 12,
        ("arr", 2): 13,
        ("arr", 2, "a"): 13,
        ("arr", 2, "b", 0): 14,
        ("arr", 3): 15,
        ("arr", 4): 17,
        ("calendars",): 21,
        ("calendars", 0): 21,
        ("calendars", 0, "id"): 22,
        ("calendars", 0, "inline", "y", "z"): 23,
        ("calendars", 0, "items"): 25,
        ("calendars", 0, "items", 0): 25,
        ("calendars", 0, "items", 0, "id"): 26,
        ("calendars", 0, "items", 0, "message"): 28,
        ("calendars", 0, "items", 0, "message", "body"): 29,
        ("calendars", 0, "items", 1): 33,
        ("calendars", 0, "items", 1, "id"): 34,
        ("calendars", 1): 36,
        ("calendars", 1, "id"): 37,
        ("calendars", 1, "items", 0): 39,
        ("calendars", 1, "items", 0, "id"): 40,
        ("tables", "sub table"): 42,
        ("tables", "sub table", "key"): 43,
    }
    for path, line in expected.items():
        assert lines.get(path) == line, format_path(path)
    assert ("fake",) not in lines and ("not", "a", "header") not in lines
    assert ("calendars", 0, "items", 0, "message", "id") not in lines


def test_locator_survives_invalid_toml() -> None:
    lines = locate_keys('a = 1\nb = "open\n[c]\nd = 2\n')
    assert lines[("a",)] == 1


def test_missing_key_points_at_the_table_header() -> None:
    text = GOOD.replace('title = "Turvallisuuskävely"\n', "")
    (problem,) = validate_text(text, "g.toml").problems
    assert problem.format("en") == (
        "g.toml:72: calendars[1].items[0].title: missing required key 'title'"
    )
    assert text.splitlines()[71] == "[[calendars.items]]"


# -- the property ------------------------------------------------------------

_BARE = st.text(alphabet="abcxyz_-019", min_size=1, max_size=5)
_QUOTED_CHARS = st.sampled_from(list("ab .=[]#{},\"\\'é"))
_NAME = st.one_of(_BARE, st.text(alphabet=_QUOTED_CHARS, max_size=6))
_STRING_CHARS = st.sampled_from(list("ab =[]{}#,.'\"\\é\t"))

_ML_BASIC = [
    "x = 1",
    "[table]",
    "[[calendars.items]]",
    'a = \\"\\"\\"',
    'b = \\"""',  # an escaped quote and two more: b = """
    "# comment",
    "'''",
    '""',
    "\\\\",
    "}]",
    "  indented = true",
    "continued \\",
]
_ML_LITERAL = ["x = 1", "[table]", "[[aot]]", 'y = """', "\\ raw", "# c", "''", "a.b = 'c'"]


# Strategies are built once: building them inside the draws is slow.
_NAME_LISTS = {n: st.lists(_NAME, max_size=n, unique=True) for n in range(10)}


def _names(most: int) -> st.SearchStrategy[list[str]]:
    return _NAME_LISTS[most]


def _key_text(name: str, style: int) -> str:
    if _BARE_RE_OK(name) and style == 0:
        return name
    if style == 1 and "'" not in name:
        return f"'{name}'"
    return json.dumps(name, ensure_ascii=False)


def _BARE_RE_OK(name: str) -> bool:
    return bool(name) and all(c.isascii() and (c.isalnum() or c in "_-") for c in name)


@st.composite
def _scalar(draw: st.DrawFn, single_line: bool = False) -> str:
    kind = draw(st.integers(0, 3 if single_line else 7))
    if kind == 0:
        return str(draw(st.integers(-1000, 1000)))
    if kind == 1:
        return draw(st.sampled_from(["true", "false", "1.5", "2026-09-08", "1979-05-27 07:32:00"]))
    if kind == 2:
        return json.dumps(draw(st.text(alphabet=_STRING_CHARS, max_size=8)), ensure_ascii=False)
    if kind == 3:
        text = draw(st.text(alphabet='ab =[]#"{}.', max_size=8))
        return f"'{text}'"
    if kind in (4, 5):
        parts = draw(st.lists(st.sampled_from(_ML_BASIC), max_size=4))
        tail = draw(st.sampled_from(["", "\n", '"', '""', '""']))
        if parts and parts[-1].endswith(("\\", '"')) and not tail.startswith("\n"):
            tail = "\n" + tail
        lead = draw(st.sampled_from(["", "\n"]))
        return '"""' + lead + "\n".join(parts) + tail + '"""'
    parts = draw(st.lists(st.sampled_from(_ML_LITERAL), max_size=4))
    tail = draw(st.sampled_from(["", "\n", "'", "''", "''"]))
    if parts and parts[-1].endswith("'") and not tail.startswith("\n"):
        tail = "\n" + tail
    return "'''" + "\n".join(parts) + tail + "'''"


_SCALARS = _scalar()
_ONE_LINE_SCALARS = _scalar(single_line=True)


class _Writer:
    """Serialises a generated document and records where each key path is."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.line = 1
        self.expected: dict[KeyPath, int] = {}

    def emit(self, text: str) -> None:
        self.chunks.append(text)
        self.line += text.count("\n")

    def mark(self, path: KeyPath) -> None:
        self.expected[path] = self.line

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def _value(draw: st.DrawFn, w: _Writer, path: KeyPath, depth: int) -> None:
    kind = draw(st.integers(0, 5)) if depth < 2 else 0
    if kind <= 2:
        w.emit(draw(_SCALARS))
    elif kind == 3 or kind == 4:
        multiline = kind == 4
        count = draw(st.integers(0, 3))
        w.emit("[")
        for index in range(count):
            if multiline:
                w.emit("\n")
                if draw(st.booleans()):
                    w.emit("  # x = [[1]]\n")
                w.emit("  ")
            w.mark((*path, index))
            _value(draw, w, (*path, index), depth + 1)
            w.emit(",")
            if not multiline:
                w.emit(" ")
        w.emit("\n]" if multiline else "]")
    else:
        names = draw(_names(3))
        w.emit("{ ")
        for index, name in enumerate(names):
            if index:
                w.emit(", ")
            w.mark((*path, name))
            w.emit(f"{_key_text(name, draw(st.integers(0, 2)))} = ")
            # Inline tables stay on one line: single-line scalars only.
            w.emit(draw(_ONE_LINE_SCALARS))
        w.emit(" }")


def _key_values(draw: st.DrawFn, w: _Writer, table: KeyPath, names: list[str]) -> None:
    for name in names:
        if draw(st.integers(0, 4)) == 0:
            inner = draw(_NAME)
            w.mark((*table, name))
            w.mark((*table, name, inner))
            w.emit(f"{_key_text(name, 0)} . {_key_text(inner, draw(st.integers(0, 2)))} = ")
            path: KeyPath = (*table, name, inner)
        else:
            w.mark((*table, name))
            w.emit(f"{_key_text(name, draw(st.integers(0, 2)))} = ")
            path = (*table, name)
        _value(draw, w, path, 0)
        if draw(st.booleans()):
            w.emit("  # [fake] = 1")
        w.emit("\n")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[KeyPath, int]]:
    w = _Writer()
    top = draw(_names(7))
    n_kv = draw(st.integers(0, len(top)))
    n_table = draw(st.integers(0, len(top) - n_kv))
    kv_names, table_names, aot_names = top[:n_kv], top[n_kv : n_kv + n_table], top[n_kv + n_table :]
    if draw(st.booleans()):
        w.emit("# header comment\n\n")
    _key_values(draw, w, (), kv_names)
    for name in table_names:
        sub = draw(_names(4))
        split = draw(st.integers(0, len(sub)))
        w.emit("\n")
        w.mark((name,))
        w.emit(f"[{_key_text(name, draw(st.integers(0, 2)))}]\n")
        _key_values(draw, w, (name,), sub[:split])
        for child in sub[split:]:
            w.mark((name, child))
            w.emit(f"[ {_key_text(name, 0)} . {_key_text(child, draw(st.integers(0, 2)))} ]\n")
            _key_values(draw, w, (name, child), draw(_names(2)))
    for name in aot_names:
        for index in range(draw(st.integers(1, 2))):
            keys = draw(_names(5))
            split = draw(st.integers(0, len(keys)))
            own, nested = keys[:split], keys[split:]
            w.emit("\n")
            w.mark((name, index))
            w.emit(f"[[{_key_text(name, draw(st.integers(0, 2)))}]]\n")
            _key_values(draw, w, (name, index), own)
            for child in nested:
                for child_index in range(draw(st.integers(1, 2))):
                    w.mark((name, index, child, child_index))
                    head = f"{_key_text(name, 0)}.{_key_text(child, 0)}"
                    w.emit(f"[[{head}]]\n")
                    leaf = (name, index, child, child_index)
                    _key_values(draw, w, leaf, draw(_names(3)))
                    if draw(st.booleans()):
                        w.mark((*leaf, "message"))
                        w.emit(f"[{head}.message]\n")
                        _key_values(draw, w, (*leaf, "message"), draw(_names(2)))
    return w.text, w.expected


def _leaf_paths(value: Any, path: KeyPath = ()) -> list[KeyPath]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaf_paths(v, (*path, k))] or [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaf_paths(v, (*path, i))] or [path]
    return [path]


@given(documents())
def test_locator_maps_every_key_path_to_its_line(doc: tuple[str, dict[KeyPath, int]]) -> None:
    text, expected = doc
    data = tomllib.loads(text)  # the generator writes valid TOML
    located = locate_keys(text)
    for path, line in expected.items():
        assert located.get(path) == line, (format_path(path), text)
    for path in _leaf_paths(data):
        if path:
            assert path in located, (format_path(path), text)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_input_is_one_problem(device: str) -> None:
    result = validate_file(device)
    assert [p.format("en") for p in result.problems] == [
        f"{device}: the file is too large for a data file (over 16 MiB)"
    ]
    status = cli.main(["check", device], stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert status == 2 and "liian suuri" in err.getvalue()


def test_the_size_cap_is_exact(tmp_path: Path) -> None:
    from opiskeluhuolto.loading import MAX_DATA_BYTES

    big = tmp_path / "iso.toml"
    big.write_bytes(b"#" * MAX_DATA_BYTES)  # a comment exactly at the cap: read
    assert "too large" not in validate_file(big).format("en")
    big.write_bytes(b"#" * (MAX_DATA_BYTES + 1))
    assert "too large" in validate_file(big).format("en")


# ---------------------------------------------------------------------------
# The key locator scans a file at most once, and meeting dates are not repeated
# ---------------------------------------------------------------------------


def _count_scans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from opiskeluhuolto import locator

    calls: list[int] = []
    original = locator._Scanner.scan

    def counting(self: Any) -> dict[KeyPath, int]:
        calls.append(len(self.s))
        return original(self)

    monkeypatch.setattr(locator._Scanner, "scan", counting)
    return calls


def _many_problems(groups: int) -> str:
    """A file with a warning (week 53) and an error (an unknown parent) per group."""
    parts = ['schema = 1\n[organisation]\nid = "o"\nname = "O"\n']
    for index in range(groups):
        parts.append(f'[[groups]]\nid = "g{index}"\nname = "G"\nparent = "puuttuu{index}"\n')
    parts.append('[[calendars]]\nid = "c"\nname = "C"\nowner = "g0"\n')
    for index in range(groups):
        parts.append(f'[[calendars.items]]\nid = "i{index}"\ntitle = "T"\nwhen = "viikolla 53"\n')
    return "".join(parts)


def test_the_locator_scans_the_file_once_however_many_problems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_scans(monkeypatch)
    text = _many_problems(200)
    result = validate_text(text, "x.toml")
    assert len(result.errors) == 200 and len(result.warnings) == 200
    assert calls == [len(text)]  # one scan of the whole text for 400 problems
    # Every problem still has its own line.
    assert result.errors[0].line == 8 and result.errors[-1].line == 5 + 4 * 199 + 3
    assert len({p.line for p in result.warnings}) == 200


def test_the_locator_scans_a_file_with_warnings_only_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_scans(monkeypatch)
    text = _many_problems(50).replace('parent = "puuttuu', 'kind = "other"\n# "')
    result = validate_text(text, "x.toml")
    assert result.ok and len(result.warnings) == 50
    assert len(calls) == 1


def test_a_good_file_is_never_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_scans(monkeypatch)
    result = validate_text(
        _many_problems(20).replace('parent = "puuttuu', '# "').replace("53", "40")
    )
    assert result.ok and not result.problems
    assert calls == []


def test_a_repeated_meeting_date_is_one_problem_each() -> None:
    text = (
        'schema = 1\n[organisation]\nid = "o"\nname = "O"\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        "meetings = [2026-09-08, 2026-09-08, 2026-09-08]\n"
        "extra_meetings = [2026-09-08]\n"
        "cancelled_meetings = [2026-10-13, 2026-10-13]\n"
    )
    result = validate_text(text, "x.toml")
    assert [(p.line, p.path) for p in result.errors] == [
        (8, "groups[0].meetings[1]"),
        (8, "groups[0].meetings[2]"),
        (9, "groups[0].extra_meetings[0]"),
        (10, "groups[0].cancelled_meetings[1]"),
    ]
    assert result.errors[0].message_fi == (
        "kokouspäivä 8.9.2026 on jo annettu (rivillä 8, groups[0].meetings[0])"
    )
    assert result.errors[0].message_en == (
        "duplicate meeting date '8.9.2026' (first on line 8, groups[0].meetings[0])"
    )
    assert result.errors[3].message_en == (
        "duplicate cancelled meeting date '13.10.2026' "
        "(first on line 10, groups[0].cancelled_meetings[0])"
    )


def test_a_date_both_listed_and_cancelled_is_fine() -> None:
    text = (
        'schema = 1\n[organisation]\nid = "o"\nname = "O"\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        "meetings = [2026-09-08, 2026-10-13]\n"
        "extra_meetings = [2026-12-01]\n"
        "cancelled_meetings = [2026-10-13, 2026-12-01]\n"
    )
    assert validate_text(text).ok


def test_many_distinct_meeting_dates_load() -> None:
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=k) for k in range(3000)]
    text = (
        'schema = 1\n[organisation]\nid = "o"\nname = "O"\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        f"meetings = [{', '.join(d.isoformat() for d in days)}]\n"
        f"cancelled_meetings = [{', '.join(d.isoformat() for d in days[::7])}]\n"
    )
    organisation = loads(text)
    assert len(organisation.group("g").meetings) == 3000
    meetings = organisation.meetings("g", dt.date(2000, 1, 1), dt.date(2000, 1, 14))
    assert [m.day.day for m in meetings] == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14]


def test_feed_tokens_are_read_and_checked() -> None:
    base = 'schema = 1\n[organisation]\nid = "o"\nname = "O"\n[[groups]]\nid = "g"\nname = "G"\n'
    token = "k3J9-abcdefghijklmnop_Q"
    org = loads(base + f'feed_tokens = ["{token}"]\n', "t.toml")
    assert org.group("g").feed_tokens == (token,)
    assert token not in repr(org.group("g"))  # a secret is never printed
    result = validate_text(base + 'feed_tokens = ["lyhyt"]\n', "t.toml")
    assert [p.format().split(": ")[:2] for p in result.errors] == [
        ["t.toml:8", "groups[0].feed_tokens"]
    ]
    assert "16–128" in result.errors[0].message_fi


def test_a_feed_token_opens_one_group_s_feed(tmp_path: Path) -> None:
    path = tmp_path / "tunnisteet.toml"
    token = "Kx7-salainen_syote_2026"
    path.write_text(
        'extends = "sedu"\n\n'
        '[[groups]]\nid = "a-ryhma"\nname = "A"\nparent = "sedu-ohr"\n'
        f'feed_tokens = ["{token}"]\n\n'
        f'[[groups]]\nid = "b-ryhma"\nname = "B"\nparent = "sedu-ohr"\n'
        f'feed_tokens = ["Toinen-tunniste-12345", "{token}", "Toinen-tunniste-12345"]\n',
        encoding="utf-8",
    )
    problems = [p.format() for p in validate_file(path).problems]
    assert problems == [
        f"{path}:13: groups[1].feed_tokens[1]: sama syötteen tunniste on jo ryhmällä 'a-ryhma'; "
        "jokaisella tunnisteella on yksi ryhmä",
        f"{path}:13: groups[1].feed_tokens[2]: sama syötteen tunniste on jo ryhmällä 'b-ryhma'; "
        "jokaisella tunnisteella on yksi ryhmä",
    ]
    assert not any(token in p for p in problems)  # a secret is never printed
