"""The command line: exit statuses, messages, atomic output, languages."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pluggy
import pytest
from opiskeluhuolto_text import render_text

from opiskeluhuolto import hookimpl, plugins
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, Exporter, Output
from opiskeluhuolto.fmt import wrap
from opiskeluhuolto.groups import Group, Hierarchy
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
)

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.toml"


class Result:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status = status
        self.out = out
        self.err = err


def run(*argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return Result(status, out.getvalue(), err.getvalue())


# Every test here runs the command line against only this distribution's plugins.
pytestmark = pytest.mark.usefixtures("manager")


class FailingExporter(Exporter):
    name = "failing"
    description = "Kaatuu kesken"
    output = Output.FILE

    def render(self, context: ExportContext) -> bytes:
        context.occurrences()
        raise RuntimeError("disk on fire")


class FolderExporter(Exporter):
    name = "folder"
    description = "Kansio"
    output = Output.FOLDER

    def render(self, context: ExportContext) -> dict[str, bytes]:
        return {
            f"{occ.item.id}-{occ.start}.txt": occ.item.title.encode()
            for occ in context.occurrences()
        }


class TestPlugin:
    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(FailingExporter())
        register(FolderExporter())


@pytest.fixture
def test_plugin(manager: pluggy.PluginManager) -> Iterator[None]:
    plugin = TestPlugin()
    manager.register(plugin, name="test-plugin")
    try:
        yield
    finally:
        manager.unregister(plugin)


# -- help and usage ----------------------------------------------------------


def test_help_is_finnish_by_default() -> None:
    result = run("--help")
    assert result.status == 0
    assert result.out.startswith("käyttö: opiskeluhuolto")
    assert "näytä lukuvuoden kalenteri kuukausittain" in result.out
    assert "komennot" in result.out


def test_help_in_english() -> None:
    result = run("--lang", "en", "--help")
    assert result.status == 0
    assert result.out.startswith("usage: opiskeluhuolto")
    assert "show the school year month by month" in result.out


def test_no_command_prints_help_and_exits_2() -> None:
    result = run()
    assert result.status == 2
    assert "käyttö:" in result.out


def test_unknown_command_is_a_usage_error_in_finnish() -> None:
    result = run("frobnicate")
    assert result.status == 2
    assert "virhe: argumentti KOMENTO: virheellinen valinta: 'frobnicate'" in result.err
    assert "Traceback" not in result.err


def test_missing_argument_is_translated() -> None:
    result = run("check")
    assert result.status == 2
    assert "seuraavat argumentit puuttuvat: TIEDOSTO" in result.err


def test_python_dash_m_works() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "opiskeluhuolto", "check", str(MINI)],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "kunnossa" in completed.stdout


# -- check -------------------------------------------------------------------


def test_check_good_file_prints_a_summary() -> None:
    result = run("check", str(MINI))
    assert result.status == 0
    # 6.12. is always a public holiday: a warning (this school year's date), not an error.
    assert result.out == f"{MINI}: kunnossa – 3 ryhmää, 2 kalenteria, 4 kohtaa, 1 varoitus\n"
    assert "6.12." in result.err and "ei ole koulupäivä" in result.err


def test_check_good_file_in_english() -> None:
    result = run("check", str(MINI), "--lang", "en")
    assert result.out == f"{MINI}: OK – 3 groups, 2 calendars, 4 items, 1 warning\n"


def test_check_bad_file_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    text = MINI.read_text("utf-8")
    text = text.replace('when = "6.12."', 'when = "31.2."').replace(
        'owner = "kampus"', 'owner = "kampuz"'
    )
    bad.write_text(text, "utf-8")
    result = run("check", str(bad))
    assert result.status == 2
    lines = result.err.splitlines()
    assert len(lines) == 3, result.err
    assert lines[0].startswith(f"{bad}:42: calendars[0].items[1].when: ")
    assert "31.2." in lines[0]
    assert lines[1].startswith(f"{bad}:55: calendars[1].owner: ")
    assert lines[1].endswith("tuntematon ryhmä 'kampuz' – tarkoititko 'kampus'?")
    assert lines[2] == f"{bad}: 2 virhettä"
    assert "Traceback" not in result.err


def test_check_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.toml"))
    assert result.status == 2
    assert "nope.toml" in result.err
    assert "Traceback" not in result.err


def test_check_toml_syntax_error_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "syntax.toml"
    bad.write_text('schema = 1\n[organisation\nid = "x"\n', "utf-8")
    result = run("check", str(bad))
    assert result.status == 2
    assert result.err.startswith(f"{bad}:2:")


# -- show --------------------------------------------------------------------


def test_show_school_year() -> None:
    result = run("show", "--data", str(MINI), "--school-year", "2026-2027")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["Mini-opisto", "Lukuvuosi 2026–2027 (1.8.2026–31.7.2027)"]
    assert lines.index("ELOKUU 2026") < lines.index("HEINÄKUU 2027")
    assert "  19.10.–1.11.       vk 43–44  A Huoltajakysely" in lines
    assert "                               ↳ tulokset 2.11.–30.11." in lines
    assert "  su 6.12.           vk 49     A Itsenäisyyspäiväjuhla" in lines
    assert lines[-2:] == ["JOKAISESSA KOKOUKSESSA", "  A Nostot foorumin kokouksista"]
    assert all(len(line) <= 80 for line in lines)


def timed_organisation() -> Organisation:
    """A timed monthly item (second Tuesday, 14.00–15.30), a deadline and a one-day result."""
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=TimeOfDay(dt.time(14), dt.time(15, 30)),
    )
    items = [
        Item("kahvit", "Virtuaalikahvit", rule, kind=ItemKind.EVENT),
        Item(
            "lomake",
            "Lomakkeen palautus",
            Rule(DeadlineWindow(9, 30), follow_up=FollowUp(DateWindow.on(15, 10))),
        ),
    ]
    hierarchy = Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")])
    return Organisation(
        "testi", "Testiopisto", hierarchy, [Calendar("k", "Kalenteri", "ohr", items)]
    )


def test_show_prints_weekdays_times_and_deadlines() -> None:
    text = render_text(
        ExportContext(timed_organisation(), dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    )
    lines = text.splitlines()
    # A timed one-day item: weekday, day and time; the title on a line of its own.
    i = lines.index("  ti 8.9. klo 14.00–15.30 vk 37")
    assert lines[i + 1] == " " * 31 + "A Virtuaalikahvit"
    assert "  ti 13.10. klo 14.00–15.30 vk 42" in lines
    # A deadline, and its one-day results under it.
    i = lines.index("  viimeistään ke 30.9. vk 40")
    assert lines[i + 1 : i + 3] == [
        " " * 31 + "A Lomakkeen palautus",
        " " * 31 + "↳ tulokset to 15.10.",
    ]
    english = render_text(
        ExportContext(timed_organisation(), dt.date(2026, 9, 1), dt.date(2026, 10, 31), lang="en")
    )
    assert "  Tue 8 Sep at 14:00–15:30 wk 37\n" in english
    assert "  by Wed 30 Sep wk 40 " not in english  # short enough for the columns
    assert "  by Wed 30 Sep      wk 40     A Lomakkeen palautus\n" in english
    assert "↳ results Thu 15 Oct\n" in english


def test_show_group_marks_origin_in_english() -> None:
    result = run(
        "show", "--data", str(MINI), "--school-year", "2026", "--group", "kampus", "--lang", "en"
    )
    assert result.status == 0, result.err
    assert "  A = Opiskeluhuollon vuosikello (Opiskeluhuoltoryhmä) – inherited" in result.out
    assert "  B = Kampuksen oma vuosikello (Kampuksen yhteisöllinen ohr) – own" in result.out
    assert "  1–30 Sep           wk 36–40  B Turvallisuuskävely\n" in result.out
    assert "  19 Oct–1 Nov       wk 43–44  A Huoltajakysely\n" in result.out


def test_show_group_filter_leaves_out_other_calendars() -> None:
    result = run("show", "--data", str(MINI), "--school-year", "2026", "--group", "ohr")
    assert "Turvallisuuskävely" not in result.out
    assert "Huoltajakysely" in result.out


def test_show_default_range_is_the_school_year_of_today() -> None:
    result = run("show", "--data", str(MINI), "--today", "15.3.2027")
    assert "Lukuvuosi 2026–2027" in result.out
    result = run("show", "--data", str(MINI), "--today", "2027-08-01")
    assert "Lukuvuosi 2027–2028" in result.out


def test_show_from_to() -> None:
    result = run("show", "--data", str(MINI), "--from", "1.10.2026", "--to", "2026-12-31")
    assert result.status == 0
    assert "Aikaväli 1.10.–31.12.2026" in result.out
    assert "ELOKUU" not in result.out


def test_follow_up_without_its_parent_is_shown_in_its_own_month() -> None:
    result = run("show", "--data", str(MINI), "--from", "5.11.2026", "--to", "30.11.2026")
    assert "  5.11.–30.11." not in result.out
    assert "Tulokset: Huoltajakysely" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--school-year", "2026-2028"), "vuosien on oltava peräkkäiset"),
        (("--school-year", "ensi vuosi"), "odotettiin muotoa 2026"),
        (("--from", "31.2.2026", "--to", "1.3.2026"), "ei ole päivämäärä"),
        (("--from", "1.3.2026"), "--from ja --to annetaan yhdessä"),
        (("--from", "2.3.2026", "--to", "1.3.2026"), "--to on ennen"),
        (("--school-year", "2026", "--from", "1.1.2026", "--to", "2.1.2026"), "ei molempia"),
        (("--group", "nobody"), "tuntematon ryhmä 'nobody'"),
        (("--school-year", "9999"), "lukuvuosi '9999': vuoden on oltava 1–9998"),
        (("--from", "1.12.9999", "--to", "31.12.9999"), "aikavälin on oltava 1.1.2–31.12.9998"),
        (("--today", "31.12.9999"), "aikavälin on oltava 1.1.2–31.12.9998 sisällä"),
        (("--from", "1.1.2000", "--to", "1.1.2100"), "1.1.2000–1.1.2100 on yli 100 vuotta"),
        (("--from", "0002-01-01", "--to", "31.12.9998"), "on yli 100 vuotta; jaa se osiin"),
    ],
)
def test_show_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run("show", "--data", str(MINI), *args)
    assert result.status == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_range_errors_in_english() -> None:
    result = run("show", "--data", str(MINI), "--school-year", "2026-2028", "--lang", "en")
    assert result.status == 2
    assert result.err == (
        "opiskeluhuolto: --school-year: school year '2026-2028': the years must be consecutive\n"
    )


@pytest.mark.parametrize("end", ["31.12.2099", "28.2.2100"])
def test_a_century_is_the_longest_range(end: str) -> None:
    start = "1.1.2000" if end.startswith("31") else "1.3.2000"
    result = run("export", "csv", "--data", str(MINI), "--from", start, "--to", end, "-o", "-")
    assert result.status == 0, result.err


def test_the_last_representable_school_year_works() -> None:
    result = run("show", "--data", str(MINI), "--school-year", "9997")
    assert result.status == 0, result.err
    assert "Lukuvuosi 9997–9998" in result.out


def test_unknown_group_lists_the_groups() -> None:
    result = run("show", "--data", str(MINI), "--group", "nobody")
    assert "  kampus" in result.err
    assert "Kampuksen yhteisöllinen ohr" in result.err


def test_bad_data_file_exits_2_with_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.read_text("utf-8").replace("schema = 1", "schema = 9"), "utf-8")
    result = run("show", "--data", str(bad))
    assert result.status == 2
    assert result.err.startswith(f"{bad}:2: schema:")


# -- export ------------------------------------------------------------------


def test_export_csv_to_stdout() -> None:
    out = io.StringIO()
    status = main(
        ["export", "csv", "--data", str(MINI), "--school-year", "2026", "-o", "-"],
        stdout=out,
        stderr=io.StringIO(),
    )
    assert status == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("start,end,item,title,calendar")
    assert lines[1].startswith("2026-09-01,2026-09-30,kampuskavely,Turvallisuuskävely,")
    assert len(lines) == 5  # header, kävely, kysely, tulokset, juhla


def test_export_writes_the_file_and_reports(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = run("export", "csv", "--data", str(MINI), "--school-year", "2026", "-o", str(target))
    assert result.status == 0, result.err
    assert target.read_text("utf-8").startswith("start,end,item")
    assert result.err.startswith(f"Kirjoitettu {target} (")


def test_export_default_path_is_the_exporters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "csv", "--data", str(MINI), "--school-year", "2026")
    assert result.status == 0, result.err
    assert (tmp_path / "vuosikello.csv").exists()


def test_export_unknown_format_lists_the_known_ones() -> None:
    result = run("export", "nosuch", "--data", str(MINI))
    assert result.status == 2
    assert "tuntematon muoto 'nosuch'" in result.err
    assert "csv" in result.err


def test_export_bad_option_names_key_and_choices(tmp_path: Path) -> None:
    result = run("export", "csv", "--data", str(MINI), "--option", "dialect=tab", "--lang", "en")
    assert result.status == 2
    assert "--option dialect: invalid value 'tab'; valid choices: comma, excel-fi" in result.err


def test_export_malformed_option(tmp_path: Path) -> None:
    result = run("export", "csv", "--data", str(MINI), "--option", "dialect")
    assert result.status == 2
    assert "odotettiin muotoa AVAIN=ARVO" in result.err


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("csv", "--option", "nosuch=1"), 2),
        (("csv", "--group", "nobody"), 2),
        (("csv", "--data", "BROKEN"), 2),
        (("failing",), 1),
    ],
)
def test_a_failed_export_leaves_the_previous_file_untouched(
    tmp_path: Path, test_plugin: None, args: tuple[str, ...], status: int
) -> None:
    target = tmp_path / "vuosikello.out"
    target.write_bytes(b"previous content")
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[organisation]\n", "utf-8")
    argv = ["export", *args]
    if "--data" not in argv:
        argv += ["--data", str(MINI)]
    argv = [str(broken) if a == "BROKEN" else a for a in argv]
    result = run(*argv, "-o", str(target))
    assert result.status == status
    assert target.read_bytes() == b"previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.toml", "vuosikello.out"]
    assert "Traceback" not in result.err


def test_an_exporter_crash_is_exit_1_with_one_line(tmp_path: Path, test_plugin: None) -> None:
    result = run("export", "failing", "--data", str(MINI), "-o", str(tmp_path / "x"))
    assert result.status == 1
    assert result.err == (
        "opiskeluhuolto: viejä 'failing' (laajennus 'test-plugin') kaatui viedessä: "
        "RuntimeError: disk on fire\n"
    )


def test_folder_export_is_swapped_in_whole(tmp_path: Path, test_plugin: None) -> None:
    target = tmp_path / "kansio"
    argv = ["export", "folder", "--data", str(MINI), "-o", str(target)]
    assert run(*argv, "--school-year", "2025").status == 0
    assert "huoltajakysely-2025-10-20.txt" in {p.name for p in target.iterdir()}
    result = run(*argv, "--school-year", "2026")
    assert result.status == 0, result.err
    names = sorted(p.name for p in target.iterdir())
    assert names == [
        ".opiskeluhuolto-vienti",
        "huoltajakysely-2026-10-19.txt",
        "huoltajakysely-2026-11-02.txt",
        "itsenaisyyspaiva-2026-12-06.txt",
        "kampuskavely-2026-09-01.txt",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kansio"]


def test_folder_export_never_replaces_ones_own_folder(tmp_path: Path, test_plugin: None) -> None:
    target = tmp_path / "omat"
    target.mkdir()
    (target / "muistiinpano.txt").write_text("tärkeä")
    result = run("export", "folder", "--data", str(MINI), "-o", str(target))
    assert result.status == 2
    assert result.err == (
        f"opiskeluhuolto: -o {target}: kansio {target} ei ole tyhjä eikä aiemman viennin "
        "tekemä; sitä ei korvata: anna uusi kansio\n"
    )
    assert sorted(p.name for p in target.iterdir()) == ["muistiinpano.txt"]


@pytest.mark.parametrize(
    ("fmt", "target", "message"),
    [
        ("csv", "puuttuu/x.csv", "folder puuttuu does not exist"),
        ("csv", "kansio", "kansio is a folder; give a file name"),
        ("folder", "tiedosto", "tiedosto is a file; give a folder name"),
        ("folder", ".", ". is the working folder or above it; give a new folder"),
    ],
)
def test_unwritable_output_is_exit_2_before_any_work(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    test_plugin: None,
    fmt: str,
    target: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kansio").mkdir()
    (tmp_path / "tiedosto").write_text("x")
    result = run("export", fmt, "--data", str(MINI), "-o", target, "--lang", "en")
    assert result.status == 2
    assert result.err == f"opiskeluhuolto: -o {target}: {message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kansio", "tiedosto"]


def test_folder_export_refuses_stdout(test_plugin: None) -> None:
    result = run("export", "folder", "--data", str(MINI), "-o", "-")
    assert result.status == 2
    assert "kirjoittaa kansion" in result.err


def test_exporters_lists_name_description_and_plugin(test_plugin: None) -> None:
    result = run("exporters")
    assert result.status == 0
    assert "csv        CSV-taulukko: yksi rivi jokaisesta esiintymästä" in result.out
    assert "laajennus: csv; tiedosto" in result.out
    assert "laajennus: test-plugin; kansio" in result.out
    assert "--option dialect=comma" in result.out


def test_exporters_in_english(test_plugin: None) -> None:
    result = run("exporters", "--lang", "en")
    assert "csv        CSV sheet: one row per occurrence" in result.out
    assert "plugin: csv; file" in result.out


BUILT_IN = ("agenda", "csv", "ical", "site", "text", "wheel", "wilma")


def test_exporters_in_swedish(test_plugin: None) -> None:
    """Every built-in exporter's description and option help in Swedish; a plugin's without
    Swedish in Finnish."""
    found = plugins.registry().exporters
    built_in = [
        name
        for name, exporter in found.items()
        if type(exporter.exporter).__module__.startswith("opiskeluhuolto_")
    ]
    assert sorted(built_in) == sorted(BUILT_IN)  # a new built-in exporter is checked too
    result = run("exporters", "--lang", "sv")
    assert result.status == 0
    for name in built_in:
        exporter = found[name]
        assert exporter.plugin == name
        assert exporter.description_sv and exporter.description_sv != exporter.description
        assert f"{name:<10} {exporter.description_sv}" in result.out
        for option in exporter.options:
            assert option.help_sv and option.help_sv != option.help, (name, option.name)
            assert option.describe("sv") == option.describe("fi").replace(
                option.help, option.help_sv
            )
            listed = wrap(" " * 13 + "--option ", option.describe("sv"), 15)
            assert "\n".join(listed) in result.out, (name, option.name)
    assert "csv        CSV-tabell: en rad per tillfälle" in result.out
    assert "tillägg: csv; fil" in result.out
    assert "folder     Kansio" in result.out  # test-plugin gives no Swedish
    assert "tillägg: test-plugin; mapp" in result.out


def test_env_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPISKELUHUOLTO_LANG", "en")
    result = run("check", str(MINI))
    assert "OK – 3 groups" in result.out


def test_debug_env_reraises(
    tmp_path: Path, test_plugin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPISKELUHUOLTO_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        run("export", "failing", "--data", str(MINI), "-o", str(tmp_path / "x"))
    assert os.listdir(tmp_path) == []


class BrokenPlugin:
    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        raise RuntimeError("boom")


class ClashingPlugin:
    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(FolderExporter())


@pytest.fixture
def bad_plugins(manager: pluggy.PluginManager, test_plugin: None) -> Iterator[None]:
    broken, clashing = BrokenPlugin(), ClashingPlugin()
    manager.register(broken, name="broken-plugin")
    manager.register(clashing, name="clashing-plugin")
    try:
        yield
    finally:
        manager.unregister(broken)
        manager.unregister(clashing)


def test_a_broken_plugin_is_named_and_the_others_still_export(bad_plugins: None) -> None:
    result = run("export", "csv", "--data", str(MINI), "--school-year", "2026", "-o", "-")
    assert result.status == 0
    assert result.out.startswith("start,end,item")
    assert result.err.splitlines() == [
        "opiskeluhuolto: laajennus 'broken-plugin' kaatui rekisteröidessään viejiä: "
        "RuntimeError: boom",
        "opiskeluhuolto: kaksi viejää samalla nimellä 'folder' (laajennukset 'test-plugin', "
        "'clashing-plugin'); kumpaakaan ei käytetä ennen kuin toinen poistetaan",
    ]


def test_a_refused_name_cannot_be_exported(bad_plugins: None) -> None:
    result = run("export", "folder", "--data", str(MINI), "-o", "x", "--lang", "en")
    assert result.status == 2
    assert result.err.splitlines()[-1] == (
        "opiskeluhuolto: two exporters named 'folder' (plugins 'test-plugin', "
        "'clashing-plugin'); neither is used until one is removed"
    )


def test_exporters_lists_the_working_ones_and_names_the_problems(bad_plugins: None) -> None:
    result = run("exporters", "--lang", "en")
    assert result.status == 0
    assert "csv        CSV sheet" in result.out
    assert "failing    " in result.out
    assert "folder     " not in result.out
    assert "plugin 'broken-plugin' failed in register_exporters" in result.err
    assert "two exporters named 'folder'" in result.err
