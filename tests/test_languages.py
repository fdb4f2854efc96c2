"""Data in several languages: ``organisation.languages`` and ``title = { fi = …, sv = … }``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import loading
from opiskeluhuolto.calendar import LANGUAGES, Item, Override
from opiskeluhuolto.recurrence import Rule

HEAD = """\
schema = 1
[organisation]
id = "skola"
name = "Yrkesskolan"
{languages}
[[groups]]
id = "ohr"
name = "Elevhälsogruppen"

[[groups]]
id = "campus"
name = "Campus Vasa"
parent = "ohr"

[[calendars]]
id = "k"
name = "Årsklocka"
owner = "ohr"
"""

ITEMS = """
[[calendars.items]]
id = "enkat"
title = { fi = "Huoltajakysely", sv = "Vårdnadshavarenkät" }
notes = { fi = "Linkki Wilmaan.", sv = "Länken i Wilma." }
when = "viikoilla 43 ja 44"

[[calendars.items]]
id = "kahvi"
title = "Virtuaalikahvit"
when = "syyskuussa"
"""


def data(languages: str = 'languages = ["fi", "sv"]', items: str = ITEMS) -> str:
    return HEAD.format(languages=languages) + items


def check(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "koulu.toml"
    path.write_text(text, encoding="utf-8")
    return [p.format().replace(f"{tmp_path}/", "") for p in loading.validate_file(path).problems]


def test_titles_and_notes_in_two_languages() -> None:
    organisation = loading.loads(data())
    assert organisation.languages == ("fi", "sv")
    items = {i.id: i for _c, i in organisation.items()}
    survey = items["enkat"]
    assert (survey.title, survey.notes) == ("Huoltajakysely", "Linkki Wilmaan.")
    assert survey.title_in("sv") == "Vårdnadshavarenkät"
    assert survey.notes_in("sv") == "Länken i Wilma."
    assert survey.title_in("en") == "Huoltajakysely"  # not given: the data's own
    assert items["kahvi"].title_in("sv") == "Virtuaalikahvit"


def test_swedish_first() -> None:
    text = data('languages = ["sv", "fi"]').replace(
        'title = { fi = "Huoltajakysely", sv = "Vårdnadshavarenkät" }',
        'title = { sv = "Vårdnadshavarenkät", fi = "Huoltajakysely" }',
    )
    # The data's own language is Swedish: so are its timing phrases.
    text = text.replace('"viikoilla 43 ja 44"', '"veckorna 43 och 44"')
    text = text.replace('"syyskuussa"', '"i september"')
    survey = {i.id: i for _c, i in loading.loads(text).items()}["enkat"]
    assert survey.title == "Vårdnadshavarenkät"
    assert survey.title_in("fi") == "Huoltajakysely"


def test_a_missing_translation_is_a_warning(tmp_path: Path) -> None:
    assert check(tmp_path, data()) == [
        "koulu.toml:28: calendars[0].items[1].title: varoitus: ruotsinkielinen käännös "
        "puuttuu (näytetään suomeksi)",
    ]
    result = loading.validate_text(data(), "koulu.toml")
    assert result.ok and [p.message_en for p in result.warnings] == [
        "no Swedish translation (shown in Finnish)"
    ]


def test_without_declared_languages_nothing_is_missing(tmp_path: Path) -> None:
    assert check(tmp_path, data("")) == []
    assert loading.loads(data("")).languages == ()


def test_the_data_s_own_language_is_required(tmp_path: Path) -> None:
    text = data(items='\n[[calendars.items]]\nid = "x"\ntitle = { sv = "Bara svenska" }\n'
                'when = "syyskuussa"\n')  # fmt: skip
    assert check(tmp_path, text) == [
        "koulu.toml:22: calendars[0].items[0].title: anna teksti myös suomeksi, aineiston "
        "omalla kielellä (title.fi; organisation.languages)",
    ]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        (
            '{ fi = "Kysely", se = "Enkät" }',
            "calendars[0].items[0].title.se: tuntematon kieli 'se' (sallitut: fi, sv, en)",
        ),
        (
            '{ fi = "Kysely", sv = "  " }',
            "calendars[0].items[0].title.sv: teksti ei voi olla tyhjä",
        ),
        ("{}", "calendars[0].items[0].title: anna teksti tai kielet"),
        ("{ fi = 3 }", "calendars[0].items[0].title.fi: odotettiin tyyppiä merkkijono"),
    ],
)
def test_bad_texts(tmp_path: Path, title: str, message: str) -> None:
    text = data(items=f'\n[[calendars.items]]\nid = "x"\ntitle = {title}\nwhen = "syyskuussa"\n')
    problems = check(tmp_path, text)
    assert any(p.startswith("koulu.toml:22: " + message) for p in problems), problems


def test_a_language_not_declared_is_a_warning(tmp_path: Path) -> None:
    text = data(
        items='\n[[calendars.items]]\nid = "x"\ntitle = { fi = "Kysely", sv = "Enkät", '
        'en = "Survey" }\nwhen = "syyskuussa"\n'
    )
    assert check(tmp_path, text) == [
        "koulu.toml:22: calendars[0].items[0].title.en: varoitus: kieli 'en' ei ole aineiston "
        "kielissä (fi, sv); lisää se luetteloon organisation.languages"
    ]


def test_an_unknown_organisation_language(tmp_path: Path) -> None:
    problems = check(tmp_path, data('languages = ["fi", "se"]'))
    assert problems[0].startswith("koulu.toml:5: organisation.languages[1]: tuntematon arvo 'se'")


OVERRIDES = """
[[calendars]]
id = "campus-k"
name = "Campus Vasa"
owner = "campus"

[[calendars.overrides]]
item = "enkat"
{change}
"""


def test_an_override_may_translate_only() -> None:
    text = data() + OVERRIDES.format(change='title = { sv = "Enkät till vårdnadshavare" }')
    organisation = loading.loads(text)
    seen = {r.item.id: r.item for r in organisation.resolve("campus")}["enkat"]
    assert seen.title == "Huoltajakysely"
    assert seen.title_in("sv") == "Enkät till vårdnadshavare"
    assert seen.notes_in("sv") == "Länken i Wilma."


def test_a_new_title_drops_the_old_translation(tmp_path: Path) -> None:
    text = data() + OVERRIDES.format(change='title = "Kampuksen huoltajakysely"')
    seen = {r.item.id: r.item for r in loading.loads(text).resolve("campus")}["enkat"]
    assert seen.title_in("sv") == "Kampuksen huoltajakysely"  # not the old title's Swedish
    assert check(tmp_path, text)[-1] == (
        "koulu.toml:38: calendars[1].overrides[0].title: varoitus: ruotsinkielinen käännös "
        "puuttuu (näytetään suomeksi)"
    )


texts = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1).filter(
    str.strip
)


@given(
    title=texts,
    translations=st.dictionaries(st.sampled_from(LANGUAGES), texts),
    changed=st.dictionaries(st.sampled_from(LANGUAGES), texts),
    new_title=st.none() | texts,
)
def test_title_in_laws(
    title: str, translations: dict[str, str], changed: dict[str, str], new_title: str | None
) -> None:
    item = Item("x", title, Rule(), translations=[("title", k, v) for k, v in translations.items()])
    for lang in LANGUAGES:
        assert item.title_in(lang) == translations.get(lang, title)
    adapted = Override(
        "x", title=new_title, translations=[("title", k, v) for k, v in changed.items()]
    ).apply(item)
    for lang in LANGUAGES:
        kept = {} if new_title is not None else translations
        assert adapted.title_in(lang) == changed.get(lang, kept.get(lang, new_title or title))


# ---------------------------------------------------------------------------
# A data file written in Swedish: its phrases are Swedish
# ---------------------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "yrkesskola.toml"


def test_the_swedish_example_reads_swedish_phrases() -> None:
    import datetime as dt

    school = loading.load(EXAMPLE)
    assert school.languages == ("sv", "fi")
    occurrences = {
        (o.item.id, o.start, o.end)
        for o in school.occurrences(dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    }
    # "veckorna 43 och 44", results "tidigast i november"
    assert ("vardnadshavarenkat", dt.date(2026, 10, 19), dt.date(2026, 11, 1)) in occurrences
    assert ("vardnadshavarenkat", dt.date(2026, 11, 2), dt.date(2026, 11, 30)) in occurrences
    # "jämna år i oktober–december"
    assert ("tea-viisari", dt.date(2026, 10, 1), dt.date(2026, 12, 31)) in occurrences
    # "andra tisdagen i varje månad kl. 14–15.30 i augusti–maj, inte under lov":
    # 11.8. is before the term, 13.10. in the autumn break (vecka 42)
    days = [
        m.day for m in school.meetings("elevhalsa-vasa", dt.date(2026, 8, 1), dt.date(2026, 12, 31))
    ]
    assert days == [dt.date(2026, 9, 8), dt.date(2026, 11, 10), dt.date(2026, 12, 8)]
    items = {i.id: i for _c, i in school.items()}
    assert items["vardnadshavarenkat"].title == "Vårdnadshavarenkät"
    assert items["vardnadshavarenkat"].title_in("fi") == "Huoltajakysely"


def test_a_finnish_phrase_in_a_swedish_file_is_an_error(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'when = "veckorna 43 och 44"', 'when = "viikoilla 43 ja 44"'
    )
    problems = check(tmp_path, text)
    assert any('ajoitusta "viikoilla 43 ja 44" ei voi lukea' in p for p in problems), problems


@pytest.mark.usefixtures("manager")
@pytest.mark.parametrize("name", ["agenda", "csv", "ical", "site", "text", "wheel", "wilma"])
def test_the_swedish_example_exports_in_every_format(tmp_path: Path, name: str) -> None:
    import io

    from opiskeluhuolto import plugins
    from opiskeluhuolto.cli import main

    exporter = plugins.get_exporter(name)
    suffix = exporter.suffixes(exporter.parse_options({}))
    target = tmp_path / f"out{suffix[0] if suffix else ''}"
    argv = ["export", name, "--data", str(EXAMPLE), "--today", "3.12.2026", "-o", str(target)]
    if name == "agenda":
        argv += ["--group", "elevhalsa-vasa"]
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    text = out.getvalue() + "".join(p.read_text("utf-8", errors="replace") for p in written)
    # In Finnish (the default) the items' Finnish translations; in Swedish their own titles.
    assert "Huoltajakysely" in text or name == "agenda"
    swedish = tmp_path / "sv"
    swedish.mkdir()
    argv[argv.index("-o") + 1] = str(swedish / target.name)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", "sv", *argv], stdout=out, stderr=err) == 0, err.getvalue()
    written = [p for p in swedish.rglob("*") if p.is_file()]
    text = out.getvalue() + "".join(p.read_text("utf-8", errors="replace") for p in written)
    assert "Vårdnadshavarenkät" in text or name == "agenda"
    assert "Huoltajakysely" not in text
