"""The ``wilma`` exporter: Wilma message drafts for guardians and students (issue 5).

Golden files in ``tests/golden/wilma/`` are drafts from the embedded Sedu data,
reviewed by hand (Finnish wording, weekdays and dates).  After a deliberate
change of wording, regenerate them with ``WILMA_UPDATE_GOLDEN=1 pytest
tests/test_wilma.py`` and review the diff line by line.
"""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import io
import json
import os
import re
from pathlib import Path

import attrs
import opiskeluhuolto_wilma
import opiskeluhuolto_wilma.drafts
import pluggy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_wilma import MANIFEST_COLUMNS, WilmaExporter
from opiskeluhuolto_wilma.drafts import PLACEHOLDERS, send_on_date

import opiskeluhuolto.messages
from opiskeluhuolto import loading, plugins
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, MessageTemplate, Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
from opiskeluhuolto.messages import TEMPLATE_PLACEHOLDERS
from opiskeluhuolto.recurrence import DateWindow, FollowUp, MonthWindow, Rule, WeekWindow
from opiskeluhuolto.strategies import dates, rules

GOLDEN = Path(__file__).resolve().parent / "golden" / "wilma"
UPDATE = bool(os.environ.get("WILMA_UPDATE_GOLDEN"))
GENERATED = dt.datetime(2026, 8, 1, 6, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 8, 1)
WILMA_AUDIENCES = {Audience.HUOLTAJAT, Audience.OPISKELIJAT}


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return loading.load_default()


def export(
    organisation: Organisation,
    start: dt.date = dt.date(2026, 8, 1),
    end: dt.date = dt.date(2027, 7, 31),
    *,
    group: str | None = None,
    lang: str = "fi",
    **options: str,
) -> dict[str, bytes]:
    exporter = WilmaExporter()
    context = ExportContext(
        organisation,
        start,
        end,
        group=group,
        options=exporter.parse_options(options),
        lang="en" if lang == "en" else "fi",
        today=TODAY,
        generated=GENERATED,
    )
    return exporter.render(context)


def manifest_rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    text = files["drafts.csv"].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def drafts_of(files: dict[str, bytes]) -> dict[str, str]:
    return {
        name: data.decode("utf-8") for name, data in files.items() if not name.startswith("drafts.")
    }


# ---------------------------------------------------------------------------
# Golden files: drafts from the embedded Sedu data
# ---------------------------------------------------------------------------

GOLDEN_CASES = [
    # The guardian survey, weeks 43–44 of 2026 = Mon 19.10.–Sun 1.11.2026.
    ("fi", {}, "2026-10-19_huoltajakysely-tiedote_huoltajat.txt"),
    # The autumn family evening in September 2026, to guardians and to students.
    ("fi", {}, "2026-08-18_kotivaenilta-syksy_huoltajat.txt"),
    ("fi", {}, "2026-08-18_kotivaenilta-syksy_opiskelijat.txt"),
    # The bullying survey, weeks 48–49 = 23.11.–6.12.2026, results 1.1.–31.1.2027.
    ("fi", {}, "2026-11-16_kiusaamiskysely_opiskelijat.txt"),
    # A virtual coffee: a place for the recording link.
    ("fi", {}, "2026-10-16_virtuaalikahvit-marraskuu_opiskelijat.txt"),
    # English, and the HTML variant.
    ("en", {}, "2026-11-16_kiusaamiskysely_opiskelijat.txt"),
    ("fi", {"format": "html"}, "2026-08-18_kotivaenilta-syksy_huoltajat.html"),
]


@pytest.mark.parametrize(
    ("lang", "options", "name"),
    GOLDEN_CASES,
    ids=[f"{lang}-{name}" for lang, _options, name in GOLDEN_CASES],
)
def test_golden_drafts(sedu: Organisation, lang: str, options: dict[str, str], name: str) -> None:
    files = export(sedu, lang=lang, **options)
    assert name in files, sorted(files)
    got = files[name].decode("utf-8")
    golden = GOLDEN / lang / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_golden_dates_are_the_stated_ones(sedu: Organisation) -> None:
    rows = {(r["item"], r["audience"]): r for r in manifest_rows(export(sedu))}
    survey = rows["huoltajakysely-tiedote", "huoltajat"]
    assert (survey["start"], survey["end"], survey["send_on"]) == (
        "2026-10-19",
        "2026-11-01",
        "2026-10-19",
    )
    assert dt.date(2026, 10, 19).weekday() == 0  # a Monday
    bullying = rows["kiusaamiskysely", "opiskelijat"]
    assert (bullying["start"], bullying["end"]) == ("2026-11-23", "2026-12-06")
    assert (bullying["results_start"], bullying["results_end"]) == ("2027-01-01", "2027-01-31")
    evening = rows["kotivaenilta-syksy", "huoltajat"]
    assert (evening["start"], evening["end"], evening["lead_days"]) == (
        "2026-09-01",
        "2026-09-30",
        "14",
    )


# ---------------------------------------------------------------------------
# What gets a draft
# ---------------------------------------------------------------------------


def test_registered_through_the_entry_point(manager: pluggy.PluginManager) -> None:
    registered = plugins.get_exporters(manager)["wilma"]
    assert registered.plugin == "wilma"
    assert isinstance(registered.exporter, WilmaExporter)
    assert registered.exporter.default_path == "wilma-luonnokset"


def test_drafts_only_for_guardians_and_students(sedu: Organisation) -> None:
    rows = manifest_rows(export(sedu))
    items = {item.id: item for _calendar, item in sedu.items()}
    for row in rows:
        assert Audience(row["audience"]) in items[row["item"]].audience
        assert row["audience"] in ("huoltajat", "opiskelijat")
    drafted = {row["item"] for row in rows}
    # Staff and welfare-group business gets no drafts.
    assert not drafted & {"huoltajakysely", "tea-viisari", "kotivaenillat", "tuttu-hanke"}
    # Family evening: one draft for guardians, one for students.
    assert {r["audience"] for r in rows if r["item"] == "kotivaenilta-syksy"} == {
        "huoltajat",
        "opiskelijat",
    }
    # Undated items (as needed) have no occurrences, so no drafts.
    assert "opintojen-eteneminen" not in drafted


def test_results_are_part_of_the_survey_draft(sedu: Organisation) -> None:
    # A range that holds only the January results of the 2026 bullying survey.
    files = export(sedu, dt.date(2027, 1, 10), dt.date(2027, 1, 20))
    assert not any("kiusaamiskysely" in name for name in files)
    files = export(sedu)
    text = files["2026-11-16_kiusaamiskysely_opiskelijat.txt"].decode("utf-8")
    assert "Tulokset valmistuvat aikaisintaan tammikuussa 2027." in text
    assert "Tulokset: pe 1.1.–su 31.1.2027" in text


def test_guardian_drafts_say_whom_they_reach(sedu: Organisation) -> None:
    for name, text in drafts_of(export(sedu)).items():
        if name.endswith("_huoltajat.txt"):
            assert "Vastaanottajat: Huoltajat – alaikäisten opiskelijoiden huoltajat" in text
            assert "Täysi-ikäisen opiskelijan huoltaja näkee viestin vain" in text
        else:
            assert "Vastaanottajat: Opiskelijat" in text


def test_subjects_carry_no_notes(sedu: Organisation) -> None:
    items = {item.id: item for _calendar, item in sedu.items()}
    for row in manifest_rows(export(sedu)):
        notes = items[row["item"]].notes
        assert "\n" not in row["subject"]
        assert row["subject"].startswith(items[row["item"]].title)
        if notes:
            assert notes not in row["subject"]


def test_recipients_name_the_campus(sedu: Organisation) -> None:
    files = export(sedu, group="ohr-seinajoki")
    text = files["2026-08-18_kotivaenilta-syksy_huoltajat.txt"].decode("utf-8")
    assert "alaikäisten opiskelijoiden huoltajat, Seinäjoen kampus\n" in text
    assert text.endswith(
        "Ystävällisin terveisin\nSeinäjoen koulutuskuntayhtymä Sedu, Seinäjoen kampus\n"
    )
    # A group below a campus group is that campus.
    files = export(sedu, group="turvallisuusryhma-lapua")
    assert "kaikki opiskelijat, Lapuan kampus" in files[
        "2026-08-18_kotivaenilta-syksy_opiskelijat.txt"
    ].decode("utf-8")


def test_file_names_are_ascii_sortable_and_unique(sedu: Organisation) -> None:
    files = export(sedu)
    pattern = re.compile(r"\d{4}-\d{2}-\d{2}_[a-z0-9-]+_(huoltajat|opiskelijat)\.txt")
    names = sorted(drafts_of(files))
    assert names and all(pattern.fullmatch(name) for name in names)
    rows = manifest_rows(files)
    assert [r["file"] for r in rows] == names  # the manifest is in send-on order
    assert [r["send_on"] for r in rows] == sorted(r["send_on"] for r in rows)


def test_ascii_slug_of_odd_item_ids() -> None:
    organisation = _organisation(
        Item("kotiväenilta ä/ö", "Ilta", Rule(DateWindow.on(10, 9)), [Audience.HUOLTAJAT]),
        Item("kotivaenilta-a-o", "Ilta", Rule(DateWindow.on(10, 9)), [Audience.HUOLTAJAT]),
    )
    names = set(drafts_of(export(organisation)))
    assert names == {
        "2026-09-03_kotivaenilta-a-o_huoltajat.txt",
        "2026-09-03_kotivaenilta-a-o-2_huoltajat.txt",
    }
    assert all(name.isascii() for name in names)


# ---------------------------------------------------------------------------
# Lead times
# ---------------------------------------------------------------------------


def _organisation(*items: Item) -> Organisation:
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION)]),
        [Calendar("k", "Kodin ja koulun vuosikello", "ohr", items)],
    )


def test_send_on_moves_a_weekend_back_to_friday() -> None:
    assert send_on_date(dt.date(2026, 11, 23), 7) == dt.date(2026, 11, 16)
    assert send_on_date(dt.date(2026, 12, 6), 0) == dt.date(2026, 12, 4)  # Sun → Fri
    assert send_on_date(dt.date(2026, 12, 5), 0) == dt.date(2026, 12, 4)  # Sat → Fri
    assert send_on_date(dt.date(1, 1, 3), 30) == dt.date.min


def test_lead_days_kind_item_and_option() -> None:
    survey = Item(
        "kysely", "Kysely", Rule(WeekWindow(43, 44)), [Audience.OPISKELIJAT], ItemKind.SURVEY
    )
    event = Item("ilta", "Ilta", Rule(WeekWindow(43, 44)), [Audience.HUOLTAJAT], ItemKind.EVENT)
    own = attrs.evolve(event, id="oma", lead_days=3)
    organisation = _organisation(survey, event, own)
    leads = {r["item"]: r["lead_days"] for r in manifest_rows(export(organisation))}
    assert leads == {"kysely": "7", "ilta": "14", "oma": "3"}
    leads = {r["item"]: r["lead_days"] for r in manifest_rows(export(organisation, lead_days="0"))}
    assert leads == {"kysely": "0", "ilta": "0", "oma": "0"}
    with pytest.raises(OptionError):
        WilmaExporter().parse_options({"lead_days": "-1"})


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------


def test_every_placeholder_the_loader_accepts_is_filled() -> None:
    # One line per placeholder the data file may use: each must come out filled.
    body = "\n".join(f"{name}=<{{{name}}}>" for name in TEMPLATE_PLACEHOLDERS)
    item = Item(
        "kysely",
        "Kysely",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
        [Audience.HUOLTAJAT],
        ItemKind.SURVEY,
        notes="Muistiinpano",
        message=MessageTemplate(subject="{title}", body=body),
    )
    text = export(_organisation(item))["2026-10-12_kysely_huoltajat.txt"].decode("utf-8")
    filled = dict(
        line.split("=", 1) for line in text.splitlines() if line.split("=", 1)[0] in PLACEHOLDERS
    )
    assert sorted(filled) == sorted(TEMPLATE_PLACEHOLDERS)
    for name, value in filled.items():
        assert value.startswith("<") and value.endswith(">"), name
        assert len(value) > 2 and "{" not in value, name
    assert filled["dates"] == "<19.10.–1.11.2026>"
    assert filled["results"] == "<aikaisintaan marraskuussa 2026>"
    assert filled["notes"] == "<Muistiinpano>"


def test_messages_doctests() -> None:
    for module in (opiskeluhuolto.messages, opiskeluhuolto_wilma.drafts):
        result = doctest.testmod(module, report=False)
        assert result.attempted > 0 and result.failed == 0


def test_item_templates_are_used_in_finnish() -> None:
    message = MessageTemplate(
        subject="{title}: vastaa {weeks}",
        body="Hei!\n\n{title} on avoinna {period}. Tulokset {results}.\n{{ei paikkamerkki}}",
    )
    item = Item(
        "kysely",
        "Kysely",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
        [Audience.OPISKELIJAT],
        ItemKind.SURVEY,
        message=message,
    )
    files = export(_organisation(item))
    text = files["2026-10-12_kysely_opiskelijat.txt"].decode("utf-8")
    assert "Aihe: Kysely: vastaa viikoilla 43–44\n" in text
    assert text.endswith(
        "Hei!\n\nKysely on avoinna viikoilla 43–44 (19.10.–1.11.2026). "
        "Tulokset aikaisintaan marraskuussa 2026.\n{ei paikkamerkki}\n"
    )
    # English drafts use the English defaults (the data's templates are Finnish).
    english = export(_organisation(item), lang="en")
    assert "Subject: Kysely in weeks 43–44\n" in english[
        "2026-10-12_kysely_opiskelijat.txt"
    ].decode("utf-8")


def test_unknown_placeholder_in_an_item_is_an_error() -> None:
    item = Item(
        "kysely",
        "Kysely",
        Rule(WeekWindow(43, 44)),
        [Audience.OPISKELIJAT],
        message=MessageTemplate(body="Tulokset {tulokset}"),
    )
    with pytest.raises(
        ValueError, match=r"kysely\.message\.body: unknown placeholder \{tulokset\}"
    ):
        export(_organisation(item))


def test_unknown_placeholder_in_a_data_file_is_reported_with_file_and_line(
    tmp_path: Path,
) -> None:
    text = (Path(__file__).parent / "data" / "mini.toml").read_text("utf-8")
    bad = _with_message(text, 'subject = "{title} {viikot}"\nbody = "{title} {period"\n')
    result = loading.validate_text(bad, "mini.toml")
    problems = [p.format("fi") for p in result.errors]
    subject_line = bad.splitlines().index('subject = "{title} {viikot}"') + 1
    assert any(
        p.startswith(f"mini.toml:{subject_line}: ") and "message.subject" in p and "'{viikot}'" in p
        for p in problems
    ), problems
    assert any("message.body" in p and "paikkamerkki" in p for p in problems), problems
    good = _with_message(text, 'subject = "{title} {weeks}"\nbody = "{{vakio}} {results}"\n')
    assert loading.validate_text(good, "mini.toml").errors == ()


def _with_message(text: str, message: str) -> str:
    """``text`` with a message table added to its first calendar item."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "[[calendars.items]]")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
        len(lines),
    )
    return "".join([*lines[:end], "[calendars.items.message]\n", message, *lines[end:]])


# ---------------------------------------------------------------------------
# Formats, manifest, language, command line
# ---------------------------------------------------------------------------


def test_manifest_option(sedu: Organisation) -> None:
    assert "drafts.json" not in export(sedu, manifest="csv")
    assert "drafts.csv" not in export(sedu, manifest="json")
    both = export(sedu)
    document = json.loads(both["drafts.json"])
    assert document["generated"] == "2026-08-01T06:00:00+00:00"
    assert [{k: str(v) for k, v in d.items()} for d in document["drafts"]] == manifest_rows(both)


def test_html_uses_only_simple_tags_in_the_message(sedu: Organisation) -> None:
    files = export(sedu, format="html")
    names = list(drafts_of(files))
    assert names and all(name.endswith(".html") for name in names)
    for text in drafts_of(files).values():
        message = text.split('<div class="wilma-viesti">', 1)[1].split("</div>", 1)[0]
        assert set(re.findall(r"</?([a-z]+)", message)) <= {"p", "br"}


def test_english_drafts(sedu: Organisation) -> None:
    files = export(sedu, lang="en")
    text = files["2026-08-18_kotivaenilta-syksy_huoltajat.txt"].decode("utf-8")
    assert "Recipients: Guardians – guardians of under-age students" in text
    assert "Send on: Tuesday 18 August 2026 (14 days before the start)" in text
    assert "When: in September 2026" in text
    assert "Hyvä" not in text and "Lähetyspäivä" not in text


def test_spreadsheet_formulas_are_neutralised() -> None:
    item = Item("kaava", "=HYPERLINK(1)", Rule(DateWindow.on(10, 9)), [Audience.OPISKELIJAT])
    row = manifest_rows(export(_organisation(item)))[0]
    assert row["title"] == "'=HYPERLINK(1)"


def test_cli_writes_the_folder(tmp_path: Path, manager: pluggy.PluginManager) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "luonnokset"
    status = main(
        ["export", "wilma", "--school-year", "2026", "-o", str(target)], stdout=out, stderr=err
    )
    assert status == 0, err.getvalue()
    assert (target / "2026-11-16_kiusaamiskysely_opiskelijat.txt").is_file()
    assert (target / "drafts.csv").is_file() and (target / "drafts.json").is_file()
    status = main(["export", "wilma", "-o", "-"], stdout=out, stderr=err)
    assert status == 2 and "-o KANSIO" in err.getvalue()
    status = main(
        ["export", "wilma", "--option", "format=pdf", "-o", str(target)], stdout=out, stderr=err
    )
    assert status == 2


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_characters="{}", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=20,
).filter(str.strip)

_ITEMS = st.lists(
    st.builds(
        lambda rule, audience, kind, title, lead, notes: (rule, audience, kind, title, lead, notes),
        rules(dated=True),
        st.frozensets(st.sampled_from(Audience)),
        st.sampled_from(ItemKind),
        _TEXT,
        st.none() | st.integers(0, 60),
        st.none() | _TEXT,
    ),
    min_size=1,
    max_size=4,
)


def _random_organisation(
    specs: list[tuple[Rule, frozenset[Audience], ItemKind, str, int | None, str | None]],
) -> Organisation:
    items = [
        Item(f"kohde-{i}", title, rule, audience, kind, notes, lead)
        for i, (rule, audience, kind, title, lead, notes) in enumerate(specs)
    ]
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy(
            [
                Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION),
                Group("ohr-x", "X:n kampuksen ryhmä", GroupKind.CAMPUS, parent="ohr"),
            ]
        ),
        [Calendar("k", "Kalenteri", "ohr", items)],
    )


@given(
    _ITEMS,
    dates(1990, 2100),
    st.integers(0, 800),
    st.sampled_from(["fi", "en"]),
    st.sampled_from([None, "ohr-x"]),
    st.sampled_from(["text", "html"]),
)
def test_properties_of_an_export(
    specs: list[tuple[Rule, frozenset[Audience], ItemKind, str, int | None, str | None]],
    start: dt.date,
    days: int,
    lang: str,
    group: str | None,
    fmt: str,
) -> None:
    organisation = _random_organisation(specs)
    end = start + dt.timedelta(days=days)
    files = export(organisation, start, end, group=group, lang=lang, format=fmt)
    occurrences = [o for o in organisation.occurrences(start, end, group) if not o.follow_up]

    # One draft per (occurrence, audience) with guardians or students, and no other.
    expected = sorted(
        (occ.id, audience.value)
        for occ in occurrences
        for audience in occ.item.audience
        if audience in WILMA_AUDIENCES
    )
    rows = manifest_rows(files)
    assert sorted((row["id"], row["audience"]) for row in rows) == expected

    # Files and manifest agree: the same files, in the same order, in both manifests.
    drafts = drafts_of(files)
    assert [row["file"] for row in rows] == sorted(drafts)
    document = json.loads(files["drafts.json"])
    assert len(document["drafts"]) == len(rows)
    for draft, row in zip(document["drafts"], rows, strict=True):
        assert list(draft) == list(row) == list(MANIFEST_COLUMNS)
        for column, value in draft.items():
            # The CSV neutralises cells a spreadsheet would run as formulas.
            assert row[column] in (str(value), f"'{value}")

    by_id = {occ.id: occ for occ in occurrences}
    for row in document["drafts"]:
        occ = by_id[row["id"]]
        send_on = dt.date.fromisoformat(row["send_on"])
        # Sent on or before the first day, never on a weekend (but 1.1.0001).
        assert send_on <= occ.start
        assert send_on.weekday() < 5 or send_on == dt.date.min
        assert row["file"].startswith(f"{row['send_on']}_")
        assert row["file"].isascii()
        text = drafts[row["file"]]
        # Every placeholder is filled (titles and notes here have no braces).
        assert "{" not in text and "}" not in text
        subject = row["subject"]
        if fmt == "text":
            assert f"\n{'Subject' if lang == 'en' else 'Aihe'}: {subject}\n" in text
            assert row["recipients"] in text
