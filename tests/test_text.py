"""The ``text`` exporter: what ``show`` prints, as an exporter like every other.

Golden files in ``tests/golden/text/`` are the embedded Sedu data's school
year 2026, for the whole organisation and for one campus group.  After a
deliberate change of layout or wording, regenerate them with
``UPDATE_GOLDEN=1 pytest tests/test_text.py`` and review the diff line by line.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pluggy
import pytest
from opiskeluhuolto_text import WIDTH, TextExporter, render_text

from opiskeluhuolto import hookimpl, loading, plugins
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import ExportContext, Exporter, Output
from opiskeluhuolto.recurrence import SchoolYear

GOLDEN = Path(__file__).resolve().parent / "golden" / "text"
YEAR = SchoolYear(2026)
CAMPUS = "ohr-seinajoki"

# The command line runs against only this distribution's plugins.
pytestmark = pytest.mark.usefixtures("manager")


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return loading.load_default()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def context(
    organisation: Organisation, group: str | None = None, lang: str = "fi"
) -> ExportContext:
    return ExportContext(
        organisation,
        YEAR.start,
        YEAR.end,
        group,
        lang="en" if lang == "en" else "fi",
        school_year=YEAR,
    )


GOLDEN_CASES = [(None, "sedu-2026.txt"), (CAMPUS, f"sedu-2026-{CAMPUS}.txt")]


@pytest.mark.parametrize(("group", "name"), GOLDEN_CASES)
def test_golden_text(sedu: Organisation, group: str | None, name: str) -> None:
    text = render_text(context(sedu, group))
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert all(len(line) <= WIDTH for line in text.splitlines())


@pytest.mark.parametrize(("group", "name"), GOLDEN_CASES)
@pytest.mark.parametrize("command", [("show",), ("export", "text")])
def test_show_and_export_text_print_the_golden_text(
    group: str | None, name: str, command: tuple[str, ...]
) -> None:
    argv = [*command, "--school-year", "2026"]
    if group is not None:
        argv += ["--group", group]
    status, out, err = run(*argv)
    assert (status, err) == (0, "")
    assert out == (GOLDEN / name).read_text(encoding="utf-8")


EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
SWEDISH_CASES = [
    (("--group", CAMPUS), f"sedu-2026-{CAMPUS}.sv.txt"),
    (("--data", str(EXAMPLES / "yrkesskola.toml")), "yrkesskola-2026.sv.txt"),
]


@pytest.mark.parametrize(("argv", "name"), SWEDISH_CASES)
def test_golden_swedish_text(argv: tuple[str, ...], name: str) -> None:
    """``--lang sv show``: Swedish headings, months, weeks (v. 43–44), dates and titles.

    The Swedish example's titles are its own (Swedish); Sedu's data is Finnish
    only, so its titles stay Finnish around the Swedish words.
    """
    status, out, err = run("--lang", "sv", "show", "--school-year", "2026", *argv)
    assert (status, err) == (0, "")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
    assert all(len(line) <= WIDTH for line in out.splitlines())
    assert "Läsåret 2026–2027 (1.8.2026–31.7.2027)" in out.splitlines()
    for finnish in ("Lukuvuosi", "ELOKUU", "vk ", "tulokset", "Loma:", "(ei merkintöjä)"):
        assert finnish not in out


def test_the_exporter_renders_bytes_to_standard_output(sedu: Organisation) -> None:
    registered = plugins.get_exporter("text")
    assert registered.plugin == "text"
    assert registered.output is Output.STDOUT
    assert registered.options == ()
    rendered = registered.render(context(sedu, lang="en"))
    assert isinstance(rendered, bytes)
    assert rendered.decode("utf-8") == render_text(context(sedu, lang="en"))
    assert rendered.decode("utf-8").splitlines()[1] == (
        "School year 2026–2027 (1 August 2026 – 31 July 2027)"
    )


def test_exporters_lists_it() -> None:
    status, out, _err = run("exporters")
    assert status == 0
    assert "text       Kalenteri tekstinä kuukausittain (kuten show)\n" in out
    assert "           laajennus: text; vakiotuloste\n" in out
    status, out, _err = run("exporters", "--lang", "en")
    assert "           plugin: text; stdout\n" in out


def test_show_without_the_text_exporter_says_so() -> None:
    manager, errors = plugins.make_plugin_manager(entry_points=False)
    assert errors == []
    plugins.reset(manager)
    status, out, err = run("show", "--school-year", "2026")
    assert (status, out) == (2, "")
    assert err == "opiskeluhuolto: viejää text ei ole asennettu (show tarvitsee sen)\n"
    status, out, err = run("show", "--school-year", "2026", "--lang", "en")
    assert err == "opiskeluhuolto: the text exporter is not installed (show needs it)\n"


class OtherText(Exporter):
    name = "text"
    description = "Toinen tekstiviejä"

    def render(self, context: ExportContext) -> bytes:
        return b"other"


class OtherTextPlugin:
    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(OtherText())


def test_a_second_text_exporter_is_refused_by_show(manager: pluggy.PluginManager) -> None:
    plugin = OtherTextPlugin()
    manager.register(plugin, name="other-text")
    try:
        status, out, err = run("show", "--school-year", "2026", "--lang", "en")
    finally:
        manager.unregister(plugin)
    assert (status, out) == (2, "")
    assert err == (
        "opiskeluhuolto: two exporters named 'text' (plugins 'text', 'other-text'); "
        "neither is used until one is removed\n"
    )


def test_show_imports_only_the_text_plugin() -> None:
    code = (
        "import io, sys\n"
        "from opiskeluhuolto.cli import main\n"
        "status = main(['show', '--school-year', '2026'], stdout=io.StringIO())\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('opiskeluhuolto_'))\n"
        "print(status, loaded, 'icalendar' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0 ['opiskeluhuolto_text'] False"


def test_the_exporter_class_is_the_registered_one() -> None:
    assert type(plugins.get_exporter("text").exporter) is TextExporter
