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
from opiskeluhuolto_wilma.drafts import PLACEHOLDERS, is_working_day, send_on_date

import opiskeluhuolto.messages
from opiskeluhuolto import loading, plugins
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, MessageTemplate, Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, OptionError
from opiskeluhuolto.fmt import format_date, language
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
from opiskeluhuolto.messages import TEMPLATE_PLACEHOLDERS
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
from opiskeluhuolto.school import public_holidays
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
        lang=language(lang),
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
    # The guardian survey, weeks 43–44 of 2026 = Mon 19.10.–Sun 1.11.2026, results
    # at the earliest in November (2.11.–30.11.), sent Fri 9.10. (before week 42).
    ("fi", {}, "2026-10-09_huoltajakysely_huoltajat.txt"),
    # The autumn family evening in September 2026, to guardians and to students.
    ("fi", {}, "2026-08-18_kotivaenilta-syksy_huoltajat.txt"),
    ("fi", {}, "2026-08-18_kotivaenilta-syksy_opiskelijat.txt"),
    # The bullying survey, weeks 48–49 = 23.11.–6.12.2026, results 1.1.–31.1.2027.
    ("fi", {}, "2026-11-16_kiusaamiskysely_opiskelijat.txt"),
    # A virtual coffee (one monthly item): its own month, a place for the recording link.
    # November's, 14 days before Sun 1.11. = Sun 18.10., in the autumn break
    # (week 42): sent on the last school day before it, Fri 9.10.
    ("fi", {}, "2026-10-09_virtuaalikahvit_opiskelijat.txt"),
    # The Independence Day celebration, on the school day before Sunday 6.12.2026
    # (Fri 4.12.), sent 14 days before.
    ("fi", {}, "2026-11-20_itsenaisyyspaivajuhla_opiskelijat.txt"),
    ("en", {}, "2026-11-20_itsenaisyyspaivajuhla_opiskelijat.txt"),
    # English, and the HTML variant.
    ("en", {}, "2026-11-16_kiusaamiskysely_opiskelijat.txt"),
    ("fi", {"format": "html"}, "2026-08-18_kotivaenilta-syksy_huoltajat.html"),
    # Swedish over Finnish-only data: Swedish letter, Finnish title and place.
    ("sv", {}, "2026-11-20_itsenaisyyspaivajuhla_opiskelijat.txt"),
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


SWEDISH_CASES = [
    # The guardians' survey, veckorna 43–44 = må 19.10.–sö 1.11.2026, lead_days 10:
    # sent fredag 9.10. (ten days before, a school day before höstlovet in week 42);
    # results tidigast i november (2.11.–30.11.).
    "2026-10-09_vardnadshavarenkat_huoltajat.txt",
    # The parents' evening in September, to the students (sent 14 days before 1.9.).
    "2026-08-18_foraldrakvall_opiskelijat.txt",
    # The safety survey on 11.2.2027, a Thursday, sent a week before.
    "2027-02-04_sakerhetsenkat_opiskelijat.txt",
]


@pytest.mark.parametrize("name", SWEDISH_CASES)
def test_golden_swedish_drafts(name: str) -> None:
    """The Swedish example's drafts in Swedish: its own Swedish titles and notes,
    "Bästa vårdnadshavare," to guardians and "Hej," to students."""
    example = loading.load(Path(__file__).parent.parent / "docs/examples/yrkesskola.toml")
    files = export(example, lang="sv")
    assert name in files, sorted(files)
    got = files[name].decode("utf-8")
    golden = GOLDEN / "sv" / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    body = got.split("-" * 72 + "\n", 1)[1]
    greeting = "Bästa vårdnadshavare," if name.endswith("_huoltajat.txt") else "Hej,"
    assert body.startswith(greeting + "\n\n")
    assert body.endswith("Med vänliga hälsningar\nYrkesinstitutet Exempel\n")
    for finnish in ("Hyvä huoltaja", "Mitä:", "Milloin:", "täydennä", "viikoilla", "Tulokset"):
        assert finnish not in got


def test_golden_dates_are_the_stated_ones(sedu: Organisation) -> None:
    rows = {(r["item"], r["audience"]): r for r in manifest_rows(export(sedu))}
    survey = rows["huoltajakysely", "huoltajat"]
    assert (survey["start"], survey["end"], survey["send_on"], survey["lead_days"]) == (
        "2026-10-19",
        "2026-11-01",
        "2026-10-09",
        "10",
    )
    assert (survey["results_start"], survey["results_end"]) == ("2026-11-02", "2026-11-30")
    assert dt.date(2026, 10, 19).weekday() == 0  # a Monday
    assert dt.date(2026, 10, 9).weekday() == 4  # the Friday of week 41
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
    assert not drafted & {"tea-viisari", "kiusaamiskysely-tulokset", "tuttu-hanke"}
    # The guardian survey is answered by guardians only.
    assert {r["audience"] for r in rows if r["item"] == "huoltajakysely"} == {"huoltajat"}
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


def test_the_guardian_survey_asks_guardians_to_answer(sedu: Organisation) -> None:
    text = export(sedu)["2026-10-09_huoltajakysely_huoltajat.txt"].decode("utf-8")
    message = text.split("-" * 72 + "\n")[1]
    assert "Pyydämme teitä vastaamaan kyselyyn." in message
    assert "Kyselyn linkki: [täydennä: kyselyn linkki]\n" in message
    assert "Tulokset valmistuvat aikaisintaan marraskuussa 2026.\n" in message
    assert "Tiedotamme" not in message and "tiedotteen sisältö" not in message


def test_students_and_guardians_hear_of_each_event_once(sedu: Organisation) -> None:
    # The graduation parties are one item shown in both calendars (also_in):
    # one draft to each audience, not two on the same day.
    rows = manifest_rows(export(sedu))
    for audience in ("huoltajat", "opiskelijat"):
        for send_on in {r["send_on"] for r in rows}:
            titles = [
                part.strip().lower()
                for r in rows
                if (r["audience"], r["send_on"]) == (audience, send_on)
                for part in r["title"].split("/")
            ]
            assert len(titles) == len(set(titles)), (audience, send_on, titles)
    graduation = sorted(
        (r["send_on"], r["audience"], r["item"]) for r in rows if "Valmistumisjuhla" in r["title"]
    )
    assert graduation == [
        ("2026-11-17", "huoltajat", "valmistumisjuhla-joulukuu"),
        ("2026-11-17", "opiskelijat", "valmistumisjuhla-joulukuu"),
        ("2027-04-16", "huoltajat", "valmistumisjuhla-kevat"),
        ("2027-04-16", "opiskelijat", "valmistumisjuhla-kevat"),
    ]


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


def test_recording_line_comes_from_the_notes_only() -> None:
    recorded = Item(
        "kahvit",
        "Virtuaalikahvit",
        Rule(DateWindow.on(10, 9)),
        [Audience.OPISKELIJAT],
        ItemKind.EVENT,
        notes="Tallenteen linkki Wilmaan.",
    )
    # A virtual session that is not recorded: no recording line.
    live = attrs.evolve(recorded, id="live", notes=None)
    files = drafts_of(export(_organisation(recorded, live)))
    line = "Tallenne julkaistaan Wilmassa tilaisuuden jälkeen: [täydennä: tallenteen linkki]\n"
    assert line in files["2026-08-27_kahvit_opiskelijat.txt"]
    assert "Tallenne" not in files["2026-08-27_live_opiskelijat.txt"]
    english = drafts_of(export(_organisation(recorded), lang="en"))
    assert (
        "The recording will be published in Wilma after the session: "
        "[fill in: recording link]\n" in english["2026-08-27_kahvit_opiskelijat.txt"]
    )


def test_virtual_coffee_subjects_carry_no_staff_note(sedu: Organisation) -> None:
    rows = [r for r in manifest_rows(export(sedu)) if r["item"] == "virtuaalikahvit"]
    assert len(rows) == 10  # one monthly item, a draft for each month of term
    months = ["elo", "syys", "loka", "marras", "joulu", "tammi", "helmi", "maalis", "huhti"]
    assert [r["subject"] for r in rows] == [
        f"Opiskelijoiden virtuaalikahvit {m}kuussa" for m in [*months, "touko"]
    ]
    for row in rows:
        assert "Tallenne julkaistaan Wilmassa" in export(sedu)[row["file"]].decode("utf-8")


def test_one_day_on_a_weekend_or_holiday_names_no_day(sedu: Organisation) -> None:
    # A celebration typed on 6.12. itself (Sunday in 2026, Monday in 2027).
    item = Item(
        "juhla",
        "Itsenäisyyspäiväjuhla",
        Rule(DateWindow.on(6, 12)),
        [Audience.OPISKELIJAT],
        ItemKind.EVENT,
    )
    text = export(_organisation(item))["2026-11-20_juhla_opiskelijat.txt"].decode("utf-8")
    header, message = text.split("-" * 72 + "\n")
    assert "\nTarkista päivä: 6.12.2026 on sunnuntai ja itsenäisyyspäivä. " in header
    assert "\nAihe: Itsenäisyyspäiväjuhla\n" in header  # no "6.12." in the subject
    assert "sunnuntaina" not in message and "6.12.2026 on" in message
    assert "Milloin: [täydennä: päivä (6.12.2026 on sunnuntai ja itsenäisyyspäivä)]\n" in message
    # Independence Day on a Monday (2027): a holiday, not a weekend.
    text = export(_organisation(item), dt.date(2027, 8, 1), dt.date(2028, 7, 31))[
        "2027-11-22_juhla_opiskelijat.txt"
    ].decode("utf-8")
    assert "Tarkista päivä: 6.12.2027 on itsenäisyyspäivä. " in text
    assert "maanantaina 6.12.2027" not in text
    # The data's celebration is on the school day before 6.12.: Fri 4.12.2026, named.
    text = export(sedu)["2026-11-20_itsenaisyyspaivajuhla_opiskelijat.txt"].decode("utf-8")
    assert "Tarkista päivä" not in text
    assert "\nAihe: Itsenäisyyspäiväjuhla 4.12.\n" in text
    assert "\nMilloin: perjantaina 4.12.2026\n" in text
    # A one-day item on a school day keeps its day (the safety survey, Thu 11.2.2027).
    text = export(sedu)["2027-02-04_turvallisuuskysely_opiskelijat.txt"].decode("utf-8")
    assert "Milloin: torstaina 11.2.2027\n" in text and "Tarkista päivä" not in text
    # The same survey on Sunday 11.2.2029: every date placeholder holds the fill-in.
    item = Item(
        "kysely",
        "Kysely",
        Rule(DateWindow.on(11, 2)),
        [Audience.OPISKELIJAT],
        ItemKind.SURVEY,
        message=MessageTemplate(subject="{title} {dates}", body="{dates}|{start}|{end}|{period}"),
    )
    files = export(_organisation(item), dt.date(2029, 1, 1), dt.date(2029, 12, 31))
    text = files["2029-02-02_kysely_opiskelijat.txt"].decode("utf-8")
    fill = "[täydennä: päivä (11.2.2029 on sunnuntai)]"
    assert text.endswith("|".join([fill] * 4) + "\n")
    assert f"Aihe: Kysely {fill}\n" in text


def test_a_timed_item_says_its_day_and_time() -> None:
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=TimeOfDay(dt.time(14), dt.time(15, 30)),
    )
    item = Item("kahvit", "Virtuaalikahvit", rule, [Audience.OPISKELIJAT], ItemKind.EVENT)
    files = drafts_of(export(_organisation(item), dt.date(2026, 8, 1), dt.date(2026, 9, 30)))
    text = files["2026-08-25_kahvit_opiskelijat.txt"]  # 14 days before Tue 8.9.2026
    header, message = text.split("-" * 72 + "\n")
    assert "\nAihe: Virtuaalikahvit 8.9. klo 14.00–15.30\n" in header
    assert "\nAjankohta: ti 8.9.2026 klo 14.00–15.30\n" in header
    # Running text: the essive weekday; the time is known, only the place is to fill in.
    assert "\nMilloin: tiistaina 8.9.2026 klo 14.00–15.30\n" in message
    assert "\nPaikka: [täydennä: paikka]\n" in message and "kellonaika" not in message
    english = drafts_of(
        export(_organisation(item), dt.date(2026, 8, 1), dt.date(2026, 9, 30), lang="en")
    )["2026-08-25_kahvit_opiskelijat.txt"]
    assert "\nWhen: Tue 8 Sep 2026 at 14:00–15:30\n" in english
    assert "\nWhen: on Tuesday 8 September 2026 at 14:00–15:30\n" in english
    assert "\nPlace: [fill in: place]\n" in english
    # Every date placeholder of an item's own template.
    own = attrs.evolve(item, message=MessageTemplate(body="{dates}|{period}|{start}|{end}|{when}"))
    text = drafts_of(export(_organisation(own), dt.date(2026, 9, 1), dt.date(2026, 9, 30)))[
        "2026-08-25_kahvit_opiskelijat.txt"
    ]
    assert text.endswith(
        "tiistaina 8.9.2026 klo 14.00–15.30|tiistaina 8.9.2026 klo 14.00–15.30|"
        "tiistaina 8.9.2026|tiistaina 8.9.2026|8.9. klo 14.00–15.30\n"
    )


def test_a_deadline_says_by_when() -> None:
    item = Item("lomake", "Lomakkeen palautus", Rule(DeadlineWindow(9, 30)), [Audience.HUOLTAJAT])
    [text] = drafts_of(export(_organisation(item))).values()
    assert "\nAjankohta: viimeistään ke 30.9.2026\n" in text
    assert "\nMilloin: viimeistään keskiviikkona 30.9.2026\n" in text
    [english] = drafts_of(export(_organisation(item), lang="en")).values()
    assert "\nWhen: by Wed 30 Sep 2026\n" in english
    assert "\nWhen: by Wednesday 30 September 2026\n" in english


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


def test_send_on_skips_public_holidays() -> None:
    # The reviewer's cases: kouluterveyskysely (1.1.–31.5.2027, 7 days) fell on
    # Fri 25.12.2026, infokirje-tammikuu (January 2027, 0 days) on Fri 1.1.2027.
    assert send_on_date(dt.date(2027, 1, 1), 7) == dt.date(2026, 12, 23)  # past 25., 24.12.
    assert send_on_date(dt.date(2027, 1, 1), 0) == dt.date(2026, 12, 31)
    assert send_on_date(dt.date(2026, 12, 28), 2) == dt.date(2026, 12, 23)  # Sat 26.12.
    assert send_on_date(dt.date(2027, 1, 6), 0) == dt.date(2027, 1, 5)  # loppiainen (Wed)
    # Easter 2027 (28.3.): Good Friday 26.3. and Easter Monday 29.3.
    assert send_on_date(dt.date(2027, 3, 29), 0) == dt.date(2027, 3, 25)
    assert send_on_date(dt.date(2027, 5, 1), 0) == dt.date(2027, 4, 30)  # vappu is a Saturday
    assert send_on_date(dt.date(2026, 5, 1), 0) == dt.date(2026, 4, 30)  # vappu, Friday
    assert send_on_date(dt.date(2027, 5, 6), 0) == dt.date(2027, 5, 5)  # helatorstai
    assert send_on_date(dt.date(2027, 6, 25), 0) == dt.date(2027, 6, 24)  # juhannusaatto
    assert send_on_date(dt.date(2027, 12, 6), 0) == dt.date(2027, 12, 3)  # Mon 6.12. → Fri


def test_the_sedu_drafts_are_sent_on_working_days(sedu: Organisation) -> None:
    rows = {(r["item"], r["audience"]): r for r in manifest_rows(export(sedu))}
    # Due in the Christmas break (21.12.–6.1.): the last school day before it,
    # Fri 18.12.2026 (without the break: Wed 23.12. and Thu 31.12.).
    assert rows["kouluterveyskysely", "opiskelijat"]["send_on"] == "2026-12-18"
    assert rows["infokirje-tammikuu", "huoltajat"]["send_on"] == "2026-12-18"
    for row in rows.values():
        day = dt.date.fromisoformat(row["send_on"])
        assert is_working_day(day), row
        owner = next(c.owner for c in sedu.calendars if any(i.id == row["item"] for i in c.items))
        assert sedu.school_calendar(owner).is_school_day(day), row


def finnish_holidays(year: int) -> dict[dt.date, str]:
    return {h.day: h.name_fi for h in public_holidays(year)}


def test_working_days_are_the_school_modules_holidays() -> None:
    # One truth: the drafts' working days are the core's public holidays.
    for year in (2026, 2027, 2031):
        closed = {d for d in finnish_holidays(year) if d.weekday() < 5}
        day = dt.date(year, 1, 1)
        while day.year == year:
            assert is_working_day(day) == (day.weekday() < 5 and day not in closed), day
            day += dt.timedelta(days=1)


def test_finnish_holidays_2026_and_2027_by_hand() -> None:
    def on_weekdays(year: int) -> dict[str, str]:
        return {
            f"{d.day}.{d.month}.": n for d, n in finnish_holidays(year).items() if d.weekday() < 5
        }

    # 2026: Easter 5.4.; Ascension Day = Easter + 39 = Thu 14.5.; Midsummer Eve Fri 19.6.
    assert on_weekdays(2026) == {
        "1.1.": "uudenvuodenpäivä",
        "6.1.": "loppiainen",
        "3.4.": "pitkäperjantai",
        "6.4.": "2. pääsiäispäivä",
        "1.5.": "vappu",
        "14.5.": "helatorstai",
        "19.6.": "juhannusaatto",
        "24.12.": "jouluaatto",
        "25.12.": "joulupäivä",
    }  # 6.12. Sun and 26.12. Sat
    # 2027: Easter 28.3.; Ascension Day Thu 6.5.; Midsummer Eve Fri 25.6.
    assert on_weekdays(2027) == {
        "1.1.": "uudenvuodenpäivä",
        "6.1.": "loppiainen",
        "26.3.": "pitkäperjantai",
        "29.3.": "2. pääsiäispäivä",
        "6.5.": "helatorstai",
        "25.6.": "juhannusaatto",
        "6.12.": "itsenäisyyspäivä",
        "24.12.": "jouluaatto",
    }  # 1.5. Sat, 25.12. Sat, 26.12. Sun


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
    for module in (
        opiskeluhuolto.messages,
        opiskeluhuolto_wilma.drafts,
    ):
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

# A message template: literal text (no braces) and placeholders the loader accepts.
_TEMPLATE = st.lists(
    st.sampled_from(TEMPLATE_PLACEHOLDERS).map(lambda name: "{" + name + "}")
    | _TEXT
    | st.sampled_from(["\n", "\n\n", " "]),
    max_size=12,
).map("".join)

_MESSAGES = st.none() | st.builds(
    MessageTemplate, subject=st.none() | _TEMPLATE, body=st.none() | _TEMPLATE
)

_Spec = tuple[
    Rule, frozenset[Audience], ItemKind, str, int | None, str | None, MessageTemplate | None
]

_ITEMS = st.lists(
    st.tuples(
        rules(dated=True),
        st.frozensets(st.sampled_from(Audience)),
        st.sampled_from(ItemKind),
        _TEXT,
        st.none() | st.integers(0, 60),
        st.none() | _TEXT,
        _MESSAGES,
    ),
    min_size=1,
    max_size=4,
)


def _random_organisation(specs: list[_Spec]) -> Organisation:
    items = [
        Item(f"kohde-{i}", title, rule, audience, kind, notes, lead, message)
        for i, (rule, audience, kind, title, lead, notes, message) in enumerate(specs)
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
    specs: list[_Spec],
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
        # Sent on or before the first day, never on a weekend or a public
        # holiday (but 1.1.0001, the floor).
        assert send_on <= occ.start
        assert is_working_day(send_on) or send_on == dt.date.min
        assert row["file"].startswith(f"{row['send_on']}_")
        assert row["file"].isascii()
        text = drafts[row["file"]]
        # Every placeholder is filled, the item's own templates' too (titles,
        # notes and the templates' literal text here have no braces).
        assert "{" not in text and "}" not in text
        # A one-day occurrence on a weekend or holiday: its day is not named
        # in the message (the sender fills in the real day).
        if occ.start == occ.end and not is_working_day(occ.start) and fmt == "text":
            message = text.split("-" * 72 + "\n", 1)[1]
            weekday = "full" if lang == "en" else "essive"
            shown = format_date(occ.start, "en" if lang == "en" else "fi", weekday=weekday)
            assert shown not in message and shown not in row["subject"]
        subject = row["subject"]
        if fmt == "text":
            assert f"\n{'Subject' if lang == 'en' else 'Aihe'}: {subject}\n" in text
            assert row["recipients"] in text


# ---------------------------------------------------------------------------
# Per-audience wording
# ---------------------------------------------------------------------------


def test_each_audience_is_addressed_as_itself(sedu: Organisation) -> None:
    # The built-in texts: guardians are "Hyvä huoltaja", students "Hei".
    for name, text in drafts_of(export(sedu)).items():
        message = text.split("-" * 72 + "\n")[1]
        if name.endswith("_huoltajat.txt"):
            assert message.startswith("Hyvä huoltaja,\n"), name
        else:
            assert message.startswith("Hei,\n"), name
            assert "huoltaja," not in message.splitlines()[0], name


PER_AUDIENCE = """
extends = "sedu"

[[calendars]]
id = "seinajoki"
name = "Seinäjoen kampuksen vuosikello"
owner = "ohr-seinajoki"

[[calendars.overrides]]
item = "kotivaenilta-syksy"

[calendars.overrides.message]
subject = "{title} {year}"

[calendars.overrides.message.huoltajat]
body = "Hyvä huoltaja, tervetuloa kotiväeniltaan {period}."

[calendars.overrides.message.opiskelijat]
subject = "Tule kotiväeniltaan"
body = "Hei, kotiväenilta on {period}."
"""


def test_a_message_per_audience() -> None:
    campus = loading.loads(PER_AUDIENCE, "seinajoki.toml")
    files = drafts_of(export(campus, group="ohr-seinajoki"))
    guardians = files["2026-08-18_kotivaenilta-syksy_huoltajat.txt"]
    students = files["2026-08-18_kotivaenilta-syksy_opiskelijat.txt"]
    assert "Aihe: Kotiväenilta 2026\n" in guardians
    assert "Hyvä huoltaja, tervetuloa kotiväeniltaan syyskuussa 2026." in guardians
    assert "Aihe: Tule kotiväeniltaan\n" in students
    assert "Hei, kotiväenilta on syyskuussa 2026." in students
    assert "huoltaja" not in students.split("-" * 72 + "\n")[1]
    # The other campuses keep the built-in wording.
    other = drafts_of(export(campus, group="ohr-lapua"))
    assert "Hyvä huoltaja,\n" in other["2026-08-18_kotivaenilta-syksy_huoltajat.txt"]
