"""Layered data: ``extends``, the embedded data sets, ``data`` and ``init``.

A campus builds on Sedu's embedded calendar without copying it; the same
campus written out in full gives exactly the same occurrences.  Errors in
any layer of a chain name that layer's file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opiskeluhuolto import SchoolYear, loading, plugins
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, Output
from opiskeluhuolto.groups import Audience
from opiskeluhuolto.phrases import describe
from opiskeluhuolto.strategies import rules

DATA = Path(__file__).parent / "data"
CAMPUS = DATA / "kauhava.toml"
YEAR = SchoolYear(2026)

pytestmark = pytest.mark.usefixtures("manager")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return loading.load_default()


@pytest.fixture(scope="module")
def campus() -> Organisation:
    return loading.load(CAMPUS)


# ---------------------------------------------------------------------------
# The embedded data sets
# ---------------------------------------------------------------------------


def test_data_sets() -> None:
    assert loading.data_set_names() == ("kansallinen", "sedu")
    assert loading.DEFAULT_DATA_SET == "sedu"
    assert loading.default_data_text() == loading.data_set_text("sedu")
    with pytest.raises(KeyError):
        loading.data_set_text("nosuch")


def test_data_list_and_show() -> None:
    status, out, _ = run("data", "list")
    assert status == 0
    assert out.splitlines() == [
        "kansallinen: Valtakunnalliset kyselyt ja arvioinnit – 5 kohtaa",
        "sedu: Seinäjoen koulutuskuntayhtymä Sedu (pohjana kansallinen) – 49 kohtaa",
    ]
    for name in loading.data_set_names():
        status, out, _ = run("data", "show", name)
        assert (status, out) == (0, loading.data_set_text(name))


def test_data_show_of_an_unknown_set() -> None:
    status, out, err = run("data", "show", "sedux")
    assert (status, out) == (2, "")
    assert err == (
        "opiskeluhuolto: tuntematon aineisto 'sedux' (sisäänrakennetut: kansallinen, sedu)\n"
    )


def test_the_national_items_name_their_source() -> None:
    # The national set alone has no organisation and no owner: it is a base.
    with pytest.raises(loading.LoadError):
        loading.load_data_set("kansallinen")
    sedu = loading.load_default()
    calendar = next(c for c in sedu.calendars if c.id == "valtakunnallinen")
    assert calendar.owner == "sedu-ohr"
    assert {i.id for i in calendar.items} == {
        "kouluterveyskysely",
        "tea-viisari",
        "amisbarometri",
        "arvo-aloituskysely",
        "arvo-paattokysely",
    }
    for item in calendar.items:
        assert item.source, item.id
    # The Arvo surveys are event-driven: undated.
    assert all(i.is_undated for i in calendar.items if i.id.startswith("arvo-")) and not any(
        i.is_undated for i in calendar.items if not i.id.startswith("arvo-")
    )


# ---------------------------------------------------------------------------
# A campus that extends sedu: check, show, export in every format
# ---------------------------------------------------------------------------


def test_the_campus_checks() -> None:
    status, out, err = run("check", str(CAMPUS))
    assert status == 0, err
    assert "kunnossa – 23 ryhmää, 4 kalenteria, 56 kohtaa" in out + err


def test_the_campus_shows(campus: Organisation) -> None:
    status, out, err = run(
        "show", "--data", str(CAMPUS), "--group", "ohr-kauhava", "--school-year", "2026"
    )
    assert status == 0, err
    assert "Kampuksen hyvinvointipäivä" in out
    assert "Kotiväenilta Kauhavalla [mukautettu]" in out
    assert "2.11.–15.11.       vk 45–46  B Sedun huoltajakysely [mukautettu]" in out
    assert "Liikenneturvallisuusviikko" not in out
    # The other campuses see Sedu's calendar as it is.
    status, out, _ = run("show", "--data", str(CAMPUS), "--group", "ohr-lapua")
    assert "Liikenneturvallisuusviikko" in out and "Kauhava" not in out


def test_the_campus_overrides(campus: Organisation) -> None:
    seen = {r.item.id: r.item for r in campus.resolve("ohr-kauhava")}
    survey = seen["huoltajakysely"]
    assert survey.lead_days == 7
    assert survey.message is not None
    guardians = survey.message.for_audience(Audience.HUOLTAJAT).body
    assert guardians is not None and "Kauhavan kampuksen huoltajakysely" in guardians
    assert "liikenneturvallisuusviikko" not in seen
    # The campus's safety group inherits the campus's view.
    below = {r.item.id: r.item for r in campus.resolve("turvallisuusryhma-kauhava")}
    assert below["huoltajakysely"] == survey
    # The campus hears what the Sedu groups highlight to every campus.
    heard = {g.id for g in campus.hierarchy if "ohr-kauhava" in g.highlights_to}
    assert heard == {"sedu-ohr", "fokus", "foorumi-kauhava"}


EXPORTERS = ("agenda", "csv", "ical", "text", "wheel", "wilma")


def test_every_built_in_exporter_is_tried() -> None:
    assert set(EXPORTERS) <= set(plugins.get_exporters())


@pytest.mark.parametrize("name", EXPORTERS)
def test_the_campus_exports(tmp_path: Path, name: str) -> None:
    exporter = plugins.get_exporter(name)
    suffix = exporter.suffixes(exporter.parse_options({}))
    target = tmp_path / f"{name}{suffix[0] if suffix else ''}"
    status, out, err = run(
        "export", name, "--data", str(CAMPUS), "--group", "ohr-kauhava",
        "--school-year", "2026", "-o", str(target),
    )  # fmt: skip
    assert status == 0, err
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    if exporter.output is Output.STDOUT:
        assert files == [] and out
        text = out
    else:
        assert files and all(p.stat().st_size > 0 for p in files)
        text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    if name != "agenda":  # agendas list the coming items of each meeting only
        assert "Kampuksen hyvinvointipäivä" in text
    else:
        assert "Kauhavan kampuksen yhteisöllinen opiskeluhuoltoryhmä – asialista 8.9.2026" in text


# ---------------------------------------------------------------------------
# The same campus as a full copy gives the same occurrences (property)
# ---------------------------------------------------------------------------


def _full_copy_of_sedu() -> str:
    """sedu.toml with the national calendar written into it: no ``extends``."""
    national = loading.data_set_text("kansallinen")
    calendar = national[national.index("\n[[calendars]]\n") + 1 :]
    calendar = calendar.replace(
        'name = "Valtakunnalliset kyselyt ja arvioinnit"\n',
        'name = "Valtakunnalliset kyselyt ja arvioinnit"\nowner = "sedu-ohr"\n',
        1,
    )
    sedu = loading.data_set_text("sedu")
    placed = '[[calendars]]\nid = "valtakunnallinen"\nowner = "sedu-ohr"\n'
    assert placed in sedu and 'extends = "kansallinen"\n' in sedu
    return sedu.replace('extends = "kansallinen"\n', "").replace(placed, calendar)


FULL_SEDU = _full_copy_of_sedu()


def test_the_full_copy_of_sedu_is_sedu(sedu: Organisation) -> None:
    full = loading.loads(FULL_SEDU)
    assert full == sedu


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


PHRASES = (
    "viikoilla 45 ja 46",
    "syyskuussa",
    "11.2.",
    "viikon 37 tiistaina",
    "joka kuukauden toisena tiistaina klo 14–15.30",
    "parillisen vuoden loka-joulukuussa",
    "tarpeen mukaan",
    "jokaisessa kokouksessa",
)

_SEDU = loading.load_default()
INHERITED = tuple(sorted(r.item.id for r in _SEDU.resolve("sedu-ohr")))


@st.composite
def campuses(draw: st.DrawFn) -> str:
    """The text of a campus layer (no ``extends`` line): groups, a calendar, overrides."""
    lines = [
        "[[groups]]",
        'id = "ohr-testi"',
        'name = "Testikampus"',
        'kind = "campus"',
        'parent = "sedu-ohr"',
    ]
    if draw(st.booleans()):
        lines.append('highlights_from = ["sedu-ohr", "fokus"]')
    lines += [
        "",
        "[[groups]]",
        'id = "turva-testi"',
        'name = "Testikampuksen turvallisuusryhmä"',
        'kind = "safety"',
        'parent = "ohr-testi"',
        "",
        "[[calendars]]",
        'id = "testi-vuosikello"',
        'name = "Testikampuksen vuosikello"',
        f"owner = {_q(draw(st.sampled_from(['ohr-testi', 'turva-testi'])))}",
    ]
    phrase = st.one_of(st.sampled_from(PHRASES), rules().map(describe))
    for index in range(draw(st.integers(0, 3))):
        lines += [
            "",
            "[[calendars.items]]",
            f'id = "oma-{index}"',
            f"title = {_q(draw(st.sampled_from(['Oma tapahtuma', 'Kysely', 'Kävely'])))}",
            f"when = {_q(draw(phrase))}",
            f"audience = {json.dumps(draw(st.sampled_from([['opiskelijat'], ['ohr']])))}",
            f"kind = {_q(draw(st.sampled_from(['event', 'survey', 'review'])))}",
        ]
    for item in draw(st.lists(st.sampled_from(INHERITED), unique=True, max_size=3)):
        lines += ["", "[[calendars.overrides]]", f"item = {_q(item)}"]
        fields = draw(
            st.lists(
                st.sampled_from(["when", "title", "lead_days", "kind", "notes", "skip"]),
                unique=True,
                min_size=1,
                max_size=3,
            )
        )
        if "skip" in fields:
            fields = ["skip"]
        for field in fields:
            value = {
                "when": _q(draw(phrase)),
                "title": _q("Muutettu otsikko"),
                "lead_days": str(draw(st.integers(0, 30))),
                "kind": _q(draw(st.sampled_from(["event", "survey", "info"]))),
                "notes": _q("Kampuksen oma huomautus."),
                "skip": "true",
            }[field]
            lines.append(f"{field} = {value}")
    return "\n".join(lines) + "\n"


def _view(organisation: Organisation, group: str) -> list[object]:
    spans = []
    for year in (SchoolYear(2026), SchoolYear(2027)):
        spans += list(organisation.occurrences(year.start, year.end, group))
    return [*organisation.resolve(group), *spans]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campuses())
def test_a_layered_campus_is_its_full_copy(layer: str) -> None:
    layered = loading.validate_text('extends = "sedu"\n\n' + layer, "testi.toml")
    full = loading.validate_text(FULL_SEDU + "\n" + layer, "testi.toml")
    assert layered.ok == full.ok
    # The same problems, in the same words (lines and paths differ: a layer's
    # are its own, counted in its own file).
    assert [p.message_fi for p in layered.problems] == [p.message_fi for p in full.problems]
    if not layered.ok:
        return
    assert layered.organisation is not None and full.organisation is not None
    for group in ("ohr-testi", "turva-testi", "sedu-ohr", "ohr-lapua", "foorumi-lapua"):
        assert _view(layered.organisation, group) == _view(full.organisation, group), group


# ---------------------------------------------------------------------------
# Chains: each layer's problems name its file and line
# ---------------------------------------------------------------------------

TOP = """\
extends = "middle.toml"

[[calendars]]
id = "kauhava"
name = "Kauhavan vuosikello"
owner = "turva-kauhava"

[[calendars.items]]
id = "harjoitus"
title = "Harjoitus"
when = "viikolla 9"
audience = ["henkilosto"]
kind = "drill"
"""

MIDDLE = """\
schema = 1
extends = "bottom/base.toml"

[[groups]]
id = "turva-kauhava"
name = "Kauhavan turvallisuusryhmä"
kind = "safety"
parent = "ohr-kauhava"
"""

BOTTOM = """\
# the campus, on Sedu's data
extends = "sedu"

[[groups]]
id = "ohr-kauhava"
name = "Kauhavan kampus"
kind = "campus"
parent = "sedu-ohr"
"""


def _chain(tmp_path: Path, top: str = TOP, middle: str = MIDDLE, bottom: str = BOTTOM) -> Path:
    (tmp_path / "bottom").mkdir(exist_ok=True)
    (tmp_path / "top.toml").write_text(top, encoding="utf-8")
    (tmp_path / "middle.toml").write_text(middle, encoding="utf-8")
    (tmp_path / "bottom" / "base.toml").write_text(bottom, encoding="utf-8")
    return tmp_path / "top.toml"


def _errors(path: Path) -> list[str]:
    result = loading.validate_file(path)
    assert result.organisation is None
    return [p.format() for p in result.problems]


def test_a_three_level_chain_loads(tmp_path: Path) -> None:
    organisation = loading.load(_chain(tmp_path))
    assert [g.id for g in organisation.groups][-2:] == ["ohr-kauhava", "turva-kauhava"]
    assert "harjoitus" in {r.item.id for r in organisation.resolve("turva-kauhava")}
    # Relative paths: the middle file's base is relative to the middle file.
    assert "huoltajakysely" in {r.item.id for r in organisation.resolve("turva-kauhava")}


def test_an_error_in_each_layer_names_its_file_and_line(tmp_path: Path) -> None:
    top = _chain(
        tmp_path,
        top=TOP.replace("viikolla 9", "viikolla 99"),
        middle=MIDDLE.replace('kind = "safety"', 'kind = "safetyx"'),
        bottom=BOTTOM.replace('parent = "sedu-ohr"', 'parent = "sedu-ohrr"'),
    )
    errors = _errors(top)
    base = str(tmp_path / "bottom" / "base.toml")
    middle = str(tmp_path / "middle.toml")
    assert errors[0] == (
        f"{base}:8: groups[0].parent: tuntematon ryhmä 'sedu-ohrr' – tarkoititko 'sedu-ohr'?"
    ) or errors[0].startswith(f"{base}:8: groups[")
    assert any(e.startswith(f"{middle}:7: groups[") and "'safetyx'" in e for e in errors), errors
    assert any(e.startswith(f"{top}:11: calendars[") and '"viikolla 99"' in e for e in errors), (
        errors
    )
    # Base first, then by line.
    files = [e.split(":")[0] for e in errors]
    assert files == sorted(files, key=[base, middle, str(top)].index)


def test_a_cycle(tmp_path: Path) -> None:
    top = _chain(tmp_path, bottom=BOTTOM.replace('extends = "sedu"', 'extends = "../top.toml"'))
    (error,) = _errors(top)
    base = tmp_path / "bottom" / "base.toml"
    assert error == (
        f"{base}:2: extends: extends-ketjussa on kehä: "
        f"{top} → {tmp_path / 'middle.toml'} → {base} → {base.parent / '../top.toml'}"
    )


def test_a_file_that_extends_itself(tmp_path: Path) -> None:
    path = tmp_path / "self.toml"
    path.write_text('extends = "self.toml"\n', encoding="utf-8")
    (error,) = _errors(path)
    assert error.startswith(f"{path}:1: extends: extends-ketjussa on kehä")


def test_a_missing_base(tmp_path: Path) -> None:
    top = _chain(tmp_path, middle=MIDDLE.replace("bottom/base.toml", "bottom/nosuch.toml"))
    (error,) = _errors(top)
    assert error == (
        f"{tmp_path / 'middle.toml'}:2: extends: perustiedosto 'bottom/nosuch.toml': "
        "tiedostoa ei voi lukea: tiedostoa ei ole"
    )


def test_a_base_with_a_syntax_error(tmp_path: Path) -> None:
    top = _chain(tmp_path, bottom=BOTTOM + "this is = = not toml\n")
    (error,) = _errors(top)
    assert error.startswith(f"{tmp_path / 'bottom' / 'base.toml'}:9: TOML-syntaksivirhe")


def test_a_base_of_another_schema(tmp_path: Path) -> None:
    top = _chain(tmp_path, middle=MIDDLE.replace("schema = 1", "schema = 2"))
    (error,) = _errors(top)
    assert error == (
        f"{tmp_path / 'middle.toml'}:1: schema: tuntematon skeeman versio 2; "
        "tämä versio lukee vain versiota 1"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"sedux"',
            "tuntematon aineisto 'sedux' – tarkoititko 'sedu'? (sisäänrakennetut: "
            'kansallinen, sedu; tiedosto annetaan polkuna, esim. "perus.toml")',
        ),
        ("3", 'extends on aineiston nimi tai tiedoston polku, esim. extends = "sedu"'),
        ('""', 'extends on aineiston nimi tai tiedoston polku, esim. extends = "sedu"'),
    ],
)
def test_a_bad_extends_lists_the_data_sets(tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "campus.toml"
    path.write_text(f"schema = 1\nextends = {value}\n", encoding="utf-8")
    assert _errors(path) == [f"{path}:2: extends: {message}"]


def test_a_base_calendar_without_an_owner_must_be_placed(tmp_path: Path) -> None:
    path = tmp_path / "own.toml"
    path.write_text(
        'extends = "kansallinen"\n\n[organisation]\nid = "koulu"\nname = "Koulu"\n\n'
        '[[groups]]\nid = "ohr"\nname = "Opiskeluhuoltoryhmä"\nkind = "organisation"\n',
        encoding="utf-8",
    )
    errors = _errors(path)
    assert any(
        e.startswith(f"{path}:1: extends:") and "[[calendars]]" in e and "valtakunnallinen" in e
        for e in errors
    ), errors
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[calendars]]\nid = "valtakunnallinen"\nowner = "ohr"\n',
        encoding="utf-8",
    )
    organisation = loading.load(path)
    assert [c.id for c in organisation.calendars_for("ohr")] == ["valtakunnallinen"]


# ---------------------------------------------------------------------------
# New check errors
# ---------------------------------------------------------------------------


def _campus_errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "campus.toml"
    path.write_text('extends = "sedu"\n' + text, encoding="utf-8")
    return _errors(path)


CAMPUS_GROUP = """
[[groups]]
id = "ohr-testi"
name = "Testikampus"
kind = "campus"
parent = "sedu-ohr"
"""

CAMPUS_CALENDAR = """
[[calendars]]
id = "testi"
name = "Testin vuosikello"
owner = "ohr-testi"
"""


def test_a_group_in_its_own_highlights_to(tmp_path: Path) -> None:
    (error,) = _campus_errors(tmp_path, CAMPUS_GROUP + 'highlights_to = ["ohr-testi"]\n')
    assert "groups[0].highlights_to[0]:" in error and "ohr-testi" in error
    assert error.startswith(f"{tmp_path / 'campus.toml'}:8:")


def test_empty_titles_and_names(tmp_path: Path) -> None:
    errors = _campus_errors(
        tmp_path,
        CAMPUS_GROUP.replace('"Testikampus"', '"  "')
        + CAMPUS_CALENDAR
        + '\n[[calendars.items]]\nid = "x"\ntitle = ""\nwhen = "syyskuussa"\n'
        'audience = ["ohr"]\nkind = "event"\n',
    )
    assert [e.split(": ")[1] for e in errors] == ["groups[0].name", "calendars[0].items[0].title"]


def test_an_override_with_no_field(tmp_path: Path) -> None:
    (error,) = _campus_errors(
        tmp_path,
        CAMPUS_GROUP + CAMPUS_CALENDAR + '\n[[calendars.overrides]]\nitem = "huoltajakysely"\n',
    )
    assert error.startswith(f"{tmp_path / 'campus.toml'}:15: calendars[0].overrides[0].item:")
    assert "anna jokin muutettava kenttä" in error


def test_an_override_that_would_drop_the_results(tmp_path: Path) -> None:
    (error,) = _campus_errors(
        tmp_path,
        CAMPUS_GROUP
        + CAMPUS_CALENDAR
        + '\n[[calendars.overrides]]\nitem = "huoltajakysely"\nwhen = "jokaisessa kokouksessa"\n',
    )
    assert error.startswith(f"{tmp_path / 'campus.toml'}:16: calendars[0].overrides[0].when:")
    assert "tulokset" in error


def test_an_override_may_change_every_field(tmp_path: Path) -> None:
    path = tmp_path / "campus.toml"
    path.write_text(
        'extends = "sedu"\n'
        + CAMPUS_GROUP
        + CAMPUS_CALENDAR
        + """
[[calendars.overrides]]
item = "kiusaamiskysely"
when = "viikoilla 46 ja 47"
results = "joulukuussa"
title = "Kiusaamiskysely (Testikampus)"
audience = ["opiskelijat", "ohr"]
notes = "Oma huomautus."
kind = "review"
lead_days = 3
source = "Kampuksen oma päätös"

[calendars.overrides.message]
subject = "{title}"
""",
        encoding="utf-8",
    )
    item = {r.item.id: r.item for r in loading.load(path).resolve("ohr-testi")}["kiusaamiskysely"]
    assert (item.title, item.notes, item.kind.value, item.lead_days, item.source) == (
        "Kiusaamiskysely (Testikampus)",
        "Oma huomautus.",
        "review",
        3,
        "Kampuksen oma päätös",
    )
    assert [a.value for a in item.audience] == ["opiskelijat", "ohr"]
    assert item.message is not None and item.message.subject == "{title}"
    assert describe(item.rule) == "viikoilla 46–47, tulokset joulukuussa"


# ---------------------------------------------------------------------------
# init: a starter file for every group of the embedded data as parent
# ---------------------------------------------------------------------------


def _uncommented(text: str) -> str:
    """The starter file with its example blocks switched on."""
    keys = ("[[calendars.", "id = ", "title = ", "when = ", "audience = ", "kind = ", "item = ")
    out = []
    for line in text.splitlines():
        body = line[2:] if line.startswith("# ") else None
        if body is not None and (body.startswith(keys) or body.startswith("meetings = ")):
            line = body
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("parent", [g.id for g in _SEDU.groups])
def test_init_passes_check_for_every_parent(tmp_path: Path, parent: str) -> None:
    target = tmp_path / "uusi.toml"
    status, _out, err = run(
        "init", "--extends", "sedu", "--parent", parent, "--id", "uusi-ryhma",
        "--name", "Uusi ryhmä", "-o", str(target),
    )  # fmt: skip
    assert status == 0, err
    assert err == f"Kirjoitettu {target}; tarkista: opiskeluhuolto check {target}\n"
    text = target.read_text(encoding="utf-8")
    assert loading.validate_file(target).ok
    organisation = loading.load(target)
    assert organisation.hierarchy.get("uusi-ryhma").parent == parent
    # The examples, switched on, pass too: the overridden item is inherited.
    target.write_text(_uncommented(text), encoding="utf-8")
    result = loading.validate_file(target)
    assert result.ok, result.format()
    if "[[calendars.overrides]]" in text:
        assert {r.origin.value for r in loading.load(target).resolve("uusi-ryhma")} >= {
            "adapted",
            "own",
        }


def test_init_extending_a_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    target = tmp_path / "sub" / "yksikko.toml"
    status, _out, err = run(
        "init", "--extends", str(CAMPUS), "--parent", "ohr-kauhava", "--id", "kauhava-yksikko",
        "--name", "Kauhavan yksikkö", "-o", str(target),
    )  # fmt: skip
    assert status == 0, err
    assert loading.load(target).hierarchy.get("kauhava-yksikko").parent == "ohr-kauhava"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--parent", "sedu-ohrr"],
            "--parent: tuntematon ryhmä 'sedu-ohrr' – tarkoititko 'sedu-ohr'?",
        ),
        (["--id", "ohr-lapua"], "--id: ryhmä 'ohr-lapua' on jo pohjassa; valitse toinen tunnus"),
        (["--id", "Iso Kirjain"], "--id: "),
        (["--name", " "], "--name: nimi ei voi olla tyhjä"),
        (["--extends", "kansallinen"], "--extends kansallinen: aineistossa ei ole organisaatiota"),
    ],
)
def test_init_refuses(tmp_path: Path, argv: list[str], message: str) -> None:
    args = {"--extends": "sedu", "--parent": "sedu-ohr", "--id": "uusi", "--name": "Uusi"}
    args.update(dict(zip(argv[::2], argv[1::2], strict=True)))
    target = tmp_path / "uusi.toml"
    flat = [part for pair in args.items() for part in pair]
    status, out, err = run("init", *flat, "-o", str(target))
    assert (status, out) == (2, "")
    assert err.startswith(f"opiskeluhuolto: {message}"), err
    assert not target.exists()


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "uusi.toml"
    target.write_text("# minun\n", encoding="utf-8")
    status, _out, err = run(
        "init", "--extends", "sedu", "--parent", "sedu-ohr", "--id", "uusi", "--name", "Uusi",
        "-o", str(target),
    )  # fmt: skip
    assert status == 2
    assert "init ei korvaa tiedostoa" in err
    assert target.read_text(encoding="utf-8") == "# minun\n"


# ---------------------------------------------------------------------------
# No view of the embedded data lists an event twice for one group
# ---------------------------------------------------------------------------


def _events(sedu: Organisation, group: str) -> list[tuple[str, dt.date]]:
    return [(o.id, o.start) for o in sedu.occurrences(YEAR.start, YEAR.end, group)]


@pytest.mark.parametrize("group", [g.id for g in _SEDU.groups])
def test_no_event_twice_in_the_data(sedu: Organisation, group: str) -> None:
    ids = [r.item.id for r in sedu.resolve(group)]
    assert len(ids) == len(set(ids))
    occurrences = [o for o in sedu.occurrences(YEAR.start, YEAR.end, group) if not o.follow_up]
    # No two items of one view are the same event: overlapping, with a shared
    # title part ("Valmistumisjuhla/joulujuhla" and "Valmistumisjuhla").
    for i, a in enumerate(occurrences):
        for b in occurrences[i + 1 :]:
            if a.item.id == b.item.id or not (a.start <= b.end and b.start <= a.end):
                continue
            parts_a = {p.strip().lower() for p in a.item.title.split("/")}
            parts_b = {p.strip().lower() for p in b.item.title.split("/")}
            assert not parts_a & parts_b, (group, a.item.id, b.item.id)


def _render(sedu: Organisation, name: str, group: str) -> object:
    exporter = plugins.get_exporter(name)
    options = exporter.parse_options({})
    context = ExportContext(
        sedu, YEAR.start, YEAR.end, group=group, options=options,
        today=YEAR.start, school_year=YEAR,
        generated=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    return exporter.render(context)


def _listed(sedu: Organisation, name: str, group: str) -> list[str]:
    """The occurrence ids (or, where a format has none, item and date) each view lists."""
    rendered = _render(sedu, name, group)
    if name == "csv":
        assert isinstance(rendered, bytes)
        return [row["id"] for row in csv.DictReader(io.StringIO(rendered.decode("utf-8-sig")))]
    if name == "ical":
        assert isinstance(rendered, bytes)
        feed = icalendar.Calendar.from_ical(rendered)
        return [
            f"{e['SUMMARY']}@{e.decoded('DTSTART')}"
            for e in recurring_ical_events.of(feed).between(YEAR.start, YEAR.end)
        ]
    if name == "wheel":
        assert isinstance(rendered, bytes)
        return re.findall(r'<g [^>]*data-id="([^"]+)"', rendered.decode("utf-8"))
    if name == "wilma":
        assert isinstance(rendered, dict)
        rows = csv.DictReader(io.StringIO(rendered["drafts.csv"].decode("utf-8-sig")))
        return [f"{row['id']}/{row['audience']}" for row in rows]
    if name == "text":
        assert isinstance(rendered, bytes)
        # One line per occurrence: "  1.9.–30.9.   vk 36–40  B Title".
        return re.findall(r"^  (\S+) +vk [\d–]+ +[A-Z]+ (.+)$", rendered.decode("utf-8"), re.M)
    assert name == "agenda"
    assert isinstance(rendered, dict)
    listed = []
    for text in (data.decode("utf-8") for data in rendered.values()):
        listed += [f"{text.splitlines()[0]}/{line}" for line in text.splitlines()
                   if line.startswith("- ")]  # fmt: skip
    return listed


@pytest.mark.parametrize("name", EXPORTERS)
def test_no_view_lists_an_event_twice(sedu: Organisation, name: str) -> None:
    for group in [g.id for g in sedu.groups]:
        if name == "agenda" and not sedu.hierarchy.get(group).meetings:
            continue
        listed = _listed(sedu, name, group)
        twice = [key for key, count in Counter(map(str, listed)).items() if count > 1]
        assert not twice, (group, twice)
        if name == "csv":
            assert len(listed) == len(_events(sedu, group))


def test_each_audience_gets_one_draft_of_a_shared_event(sedu: Organisation) -> None:
    rendered = _render(sedu, "wilma", "ohr-seinajoki")
    assert isinstance(rendered, dict)
    rows = list(csv.DictReader(io.StringIO(rendered["drafts.csv"].decode("utf-8-sig"))))
    for item in ("kotivaenilta-syksy", "valmistumisjuhla-joulukuu", "valmistumisjuhla-kevat"):
        assert sorted(r["audience"] for r in rows if r["item"] == item) == [
            "huoltajat",
            "opiskelijat",
        ], item
    assert [r["audience"] for r in rows if r["item"] == "huoltajakysely"] == ["huoltajat"]
