"""``opiskeluhuolto record`` and ``--records`` in the outputs (show, CSV, the wheel).

* ``record`` keeps the comments and the order of a hand-edited file (the golden
  ``tests/golden/records/hand-edited.before.toml`` → ``.after.toml``), writes
  atomically (a write that fails halfway leaves the old file), refuses a typo
  with a suggestion and a bad file with its problems (exit 2, no traceback).
* ``show --records``: a moved occurrence at its new days, marked; a cancelled
  one marked; the CSV's record columns; the wheel leaves a cancelled one out
  and draws a moved one at its new days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opiskeluhuolto import output
from opiskeluhuolto.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "records"
TODAY = "--today=2026-12-10"

# The command line runs against only this distribution's plugins.
pytestmark = pytest.mark.usefixtures("manager")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


HAND_EDITS = (
    ("sedu.huoltajakysely.2026", "done", "--date", "6.11.2026", "--note", "Vastauksia 412 (41 %)"),
    (
        "sedu.kiusaamiskysely.2026.tulokset",
        "cancelled",
        "--group",
        "ohr-lapua",
        "--note",
        "Tulokset käsitellään keväällä",
    ),
    ("sedu.turvallisuuskavely-syksy.2026", "moved", "--to", "2026-12-14", "--group", "ohr-lapua"),
)


def test_record_keeps_the_comments_and_order_of_a_hand_edited_file(folder: Path) -> None:
    shutil.copy(GOLDEN / "hand-edited.before.toml", folder / "oma.toml")
    said = []
    for edit in HAND_EDITS:
        status, out, err = run("record", *edit, "--records", "oma.toml", TODAY)
        assert (status, err) == (0, "")
        said.append(out.strip())
    assert said == [
        "oma.toml: sedu.huoltajakysely.2026: tehty 6.11.2026 (siirretty 26.10.–8.11.2026) "
        "– päivitetty",
        "oma.toml: sedu.kiusaamiskysely.2026.tulokset [ohr-lapua]: peruttu – kirjattu",
        "oma.toml: sedu.turvallisuuskavely-syksy.2026 [ohr-lapua]: siirretty 14.12.2026 – kirjattu",
    ]
    after = (folder / "oma.toml").read_text("utf-8")
    assert after == (GOLDEN / "hand-edited.after.toml").read_text("utf-8")
    # Recording the same again changes nothing.
    for edit in HAND_EDITS:
        assert run("record", *edit, "--records", "oma.toml", TODAY)[0] == 0
    assert (folder / "oma.toml").read_text("utf-8") == after


def test_the_first_record_creates_the_school_years_file(folder: Path) -> None:
    status, out, _ = run("record", "sedu.tea-viisari.2026", "done", TODAY, "--lang", "en")
    assert status == 0
    assert out == "seuranta-2026.toml: sedu.tea-viisari.2026: done 10 December 2026 – recorded\n"
    text = (folder / "seuranta-2026.toml").read_text("utf-8")
    assert text.endswith(
        'school_year = 2026\n\n[[records]]\nid = "sedu.tea-viisari.2026"\nstatus = "done"\n'
        "date = 2026-12-10\n"
    )


def test_an_occurrence_of_last_spring_goes_to_last_years_file(folder: Path) -> None:
    status, out, _ = run("record", "sedu.kesan-vauhdittamo.2027", "done", "--today=2027-08-20")
    assert status == 0 and out.startswith("seuranta-2026.toml: ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("sedu.huoltajakysly.2026", "done"),
            "opiskeluhuolto: ID: lukuvuonna 2026–2027 ei ole esiintymää "
            "'sedu.huoltajakysly.2026' – tarkoititko 'sedu.huoltajakysely.2026'?",
        ),
        (
            ("sedu.huoltajakysely.2026", "moved"),
            "opiskeluhuolto: anna siirron päivä(t): --to PVM[–PVM]",
        ),
        (
            ("sedu.huoltajakysely.2026", "moved", "--to", "1.9.2027"),
            "opiskeluhuolto: --to: siirto lukuvuoden 2026–2027 ulkopuolelle "
            "(1.8.2026–31.7.2027); kirjaa se sen lukuvuoden tiedostoon tai peru tämä",
        ),
        (
            ("sedu.huoltajakysely.2026", "moved", "--to", "12.11.2026–10.11.2026"),
            "opiskeluhuolto: --to: '12.11.2026–10.11.2026': viimeinen päivä on ennen ensimmäistä",
        ),
        (
            ("sedu.huoltajakysely.2026", "cancelled", "--date", "1.11.2026"),
            "opiskeluhuolto: --date on tehdyn kohdan päivä; siirron päivät annetaan --to",
        ),
        (
            ("sedu.tea-viisari.2026", "done", "--group", "fokus"),
            "opiskeluhuolto: ID: esiintymä 'sedu.tea-viisari.2026' ei ole ryhmän 'fokus' "
            "vuosikellossa",
        ),
        (
            ("sedu.tea-viisari.2026", "done", "--note", "a\x1b[31mb"),
            "opiskeluhuolto: --note: tekstissä on ohjausmerkki U+001B (merkki 2); poista se",
        ),
    ],
)
def test_bad_records_are_refused_and_nothing_is_written(
    folder: Path, argv: tuple[str, ...], message: str
) -> None:
    status, out, err = run("record", *argv, TODAY)
    assert (status, out) == (2, "")
    assert err.splitlines() == [message]
    assert not (folder / "seuranta-2026.toml").exists()


def test_a_bad_records_file_is_reported_line_by_line_and_left_alone(folder: Path) -> None:
    bad = 'schema = 1\nschool_year = 2026\n\n[[records]]\nid = "sedu.x.2026"\nstatus = "tehty"\n'
    (folder / "seuranta-2026.toml").write_text(bad, "utf-8")
    status, out, err = run("record", "sedu.tea-viisari.2026", "done", TODAY)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "seuranta-2026.toml:5: records[0].id: lukuvuonna 2026–2027 ei ole esiintymää "
        "'sedu.x.2026' – tarkoititko 'sedu.tea-viisari.2026'?",
        "seuranta-2026.toml:6: records[0].status: tuntematon arvo 'tehty' "
        "(sallitut: done, moved, cancelled)",
    ]
    assert (folder / "seuranta-2026.toml").read_text("utf-8") == bad
    status, _, err = run("show", "--records", "seuranta-2026.toml", "--school-year", "2026")
    assert status == 2 and "Traceback" not in err and len(err.splitlines()) == 2


def test_a_write_that_fails_halfway_leaves_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOLDEN / "hand-edited.before.toml", folder / "oma.toml")
    before = (folder / "oma.toml").read_bytes()

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    status, out, err = run("record", *HAND_EDITS[0], "--records", "oma.toml", TODAY)
    assert (status, out) == (2, "")
    assert (
        err == "opiskeluhuolto: --records: oma.toml: ei voi kirjoittaa: No space left on device\n"
    )
    assert (folder / "oma.toml").read_bytes() == before
    assert sorted(os.listdir(folder)) == ["oma.toml"]  # no temporary file left behind


def test_an_unknown_store_is_named(folder: Path) -> None:
    status, _, err = run("show", "--records", "tietokanta:syksy", "--school-year", "2026")
    assert status == 2
    assert err == (
        "opiskeluhuolto: --records: tuntematon seurantavarasto 'tietokanta'; saatavilla: toml\n"
    )


# -- the outputs -----------------------------------------------------------------


@pytest.fixture
def recorded(folder: Path) -> str:
    shutil.copy(GOLDEN / "hand-edited.after.toml", folder / "seuranta-2026.toml")
    return "seuranta-2026.toml"


def test_show_puts_a_moved_one_at_its_new_days_and_marks_the_records(recorded: str) -> None:
    argv = ("show", "--school-year", "2026", "--group", "ohr-lapua")
    plain = run(*argv)[1]
    status, shown, _ = run(*argv, "--records", recorded)
    assert status == 0
    assert shown == (GOLDEN / "show-ohr-lapua.txt").read_text("utf-8")
    # Without --records the plan is shown as it is, even with the file in the folder.
    assert "[siirretty" not in plain and "[tehty" not in plain
    december = " ".join(shown.split("JOULUKUU 2026")[1].split("TAMMIKUU 2027")[0].split())
    assert "Turvallisuusasiat, turvallisuuskävely" in december
    assert "siirretty, alun perin 1.8.–30.9.]" in december
    assert "[peruttu: Tulokset käsitellään keväällä]" in " ".join(shown.split())
    # Another campus does not see Lapua's records.
    other = run("show", "--school-year", "2026", "--group", "ohr-kurikka", "--records", recorded)
    assert "[peruttu" not in other[1] and "[tehty 6.11., siirretty" in other[1]


def test_the_csv_has_the_record_columns(recorded: str) -> None:
    argv = ("export", "csv", "--school-year", "2026", "--group", "ohr-lapua", "-o", "-")
    status, out, _ = run(*argv, "--records", recorded)
    assert status == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    walk = rows["sedu.turvallisuuskavely-syksy.2026"]
    assert (walk["start"], walk["end"], walk["status"]) == ("2026-12-14", "2026-12-14", "moved")
    assert (walk["planned_start"], walk["planned_end"]) == ("2026-08-01", "2026-09-30")
    survey = rows["sedu.huoltajakysely.2026"]
    assert (survey["status"], survey["record_date"], survey["note"]) == (
        "done",
        "2026-11-06",
        "Vastauksia 412 (41 %)",
    )
    assert survey["link"] == "https://example.org/muistiot/ohr-2026-10-14"
    assert rows["sedu.kiusaamiskysely.2026.tulokset"]["status"] == "cancelled"
    assert rows["sedu.tea-viisari.2026"]["status"] == ""
    plain = run(*argv)[1]
    assert "status" not in plain.splitlines()[0]
    excel = run(*argv[:-2], "--option", "dialect=excel-fi", "-o", "-", "--records", recorded)[1]
    assert ";Seuranta;Suunniteltu alku;" in excel and ";siirretty;1.8.2026;" in excel


def test_the_wheel_leaves_a_cancelled_one_out_and_marks_a_moved_one(recorded: str) -> None:
    argv = ("export", "wheel", "--school-year", "2026", "--group", "ohr-lapua", "-o", "-")
    plain = run(*argv)[1]
    status, drawn, _ = run(*argv, "--records", recorded)
    assert status == 0
    assert "siirretty, alun perin 1.8.–30.9.2026" in drawn
    # The one occurrence of the survey's results is cancelled: it is not drawn.
    assert plain.count("Tulokset: Kiusaamiskysely") > 0
    assert drawn.count("Tulokset: Kiusaamiskysely") == 0


@pytest.mark.parametrize("mode", ["expanded", "rrule"])
def test_the_feed_shows_a_moved_one_at_its_new_days_and_a_cancelled_one_cancelled(
    recorded: str, mode: str
) -> None:
    import icalendar
    import recurring_ical_events

    argv = ("export", "ical", "--school-year", "2026", "--group", "ohr-lapua", "-o", "-")
    argv += ("--option", f"mode={mode}")
    status, out, err = run(*argv, "--records", recorded)
    assert status == 0, err
    feed = icalendar.Calendar.from_ical(out)
    feed.validate()
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    walk = events["sedu.turvallisuuskavely-syksy.2026@opiskeluhuolto"]
    assert walk.decoded("DTSTART") == dt.date(2026, 12, 14)
    assert walk.decoded("DTEND") == dt.date(2026, 12, 15)
    assert str(walk["DESCRIPTION"]).startswith("Siirretty, alun perin 1.8.–30.9.2026\n")
    results = events["sedu.kiusaamiskysely.2026.tulokset@opiskeluhuolto"]
    assert str(results["STATUS"]) == "CANCELLED"
    assert str(results["DESCRIPTION"]).startswith("Peruttu: Tulokset käsitellään keväällä\n")
    survey = events["sedu.huoltajakysely.2026@opiskeluhuolto"]
    # Done, at the days it was moved to before (the record keeps both).
    assert "\nTehty 6.11.2026: Vastauksia 412 (41 %)\n" in str(survey["DESCRIPTION"])
    assert str(survey["URL"]) == "https://example.org/muistiot/ohr-2026-10-14"
    # Every other event is as in the feed without records, and expanding the feed
    # gives each occurrence once, at the days it is at now.
    plain = icalendar.Calendar.from_ical(run(*argv)[1])
    before = {str(e["UID"]) for e in plain.walk("VEVENT")}
    if mode == "expanded":
        assert set(events) == before
    else:  # an item with a record is written event by event, the others as series
        assert "sedu.kiusaamiskysely.2026.tulokset@opiskeluhuolto" not in before
        assert not any("RRULE" in e for e in events.values() if "kiusaamiskysely" in e["UID"])
    starts = [
        (str(e["UID"]), e.decoded("DTSTART"))
        for e in recurring_ical_events.of(feed).between(dt.date(2026, 8, 1), dt.date(2027, 8, 1))
    ]
    assert len(starts) == len(set(starts))
    assert ("sedu.turvallisuuskavely-syksy.2026@opiskeluhuolto", dt.date(2026, 12, 14)) in starts


def test_an_agenda_lists_what_ended_since_the_last_meeting_unrecorded(recorded: str) -> None:
    argv = ("agenda", "--group", "ohr-lapua", "--date", "2026-12-01")
    plain = run(*argv)[1]
    status, agenda, _ = run(*argv, "--records", recorded, "--lang", "en")
    assert status == 0 and "Kirjaamatta" not in plain and "## 6." not in plain
    section = agenda.split("## 6. Not recorded\n")[1]
    assert section.splitlines()[1] == (
        "Ended since 11 November 2026 with no record: what became of them? "
        "Record it: `opiskeluhuolto record ID done|moved|cancelled`."
    )
    listed = [line.rsplit("`", 2)[1] for line in section.splitlines() if line.startswith("- ")]
    # The survey is recorded (done); its results ended 30.11. with no record.
    assert listed == ["sedu.virtuaalikahvit.2026:2026-11", "sedu.huoltajakysely.2026.tulokset"]
    status, finnish, _ = run(*argv, "--records", recorded)
    assert "## 6. Kirjaamatta" in finnish


def test_only_record_imports_tomlkit(recorded: str) -> None:
    code = (
        "import sys; from opiskeluhuolto.cli import main; "
        f"main(['show', '--school-year', '2026', '--records', {recorded!r}]); "
        f"main(['report', '--school-year', '2026', '--records', {recorded!r}, '-o', 'r']); "
        "print('tomlkit' in sys.modules, file=sys.stderr); "
        "main(['record', 'sedu.tea-viisari.2026', 'done', '--records', "
        f"{recorded!r}, '--today', '2026-12-10']); "
        "print('tomlkit' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-2:] == ["False", "True"]
