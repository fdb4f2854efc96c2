"""A corpus of hostile plugins: each failure shape as a tiny plugin (issue 14).

Whatever a plugin does (declares nonsense, hands over the wrong thing,
raises, calls ``sys.exit``, raises ``KeyboardInterrupt``), three promises hold:

* every other exporter keeps working (``export csv`` writes its file, exit 0);
* the message names the plugin, on one line;
* the exit status is the host's: 1 for a plugin's bug, 2 for bad input or a
  refused setup, 130 for an interruption; never the plugin's own.
"""

from __future__ import annotations

import importlib.metadata
import io
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pluggy
import pytest

from opiskeluhuolto import hookimpl, plugins
from opiskeluhuolto.cli import main
from opiskeluhuolto.exporting import WHOLE_NUMBER, Between, ExportContext, Exporter, Option, Output

MINI = Path(__file__).parent / "data" / "mini.toml"

PLUGIN = "hostile"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


class _Plugin:
    """A plugin object whose one hook runs ``body(register)``."""

    def __init__(self, body: Callable[[Callable[[object], None]], None]) -> None:
        self.body = body

    @hookimpl
    def register_exporters(self, register: Callable[[object], None]) -> None:
        self.body(register)


@pytest.fixture
def hostile(
    manager: pluggy.PluginManager,
) -> Iterator[Callable[[Callable[[Callable[[object], None]], None]], None]]:
    """Install a hostile plugin called ``hostile`` next to the built-ins."""
    installed: list[object] = []

    def install(body: Callable[[Callable[[object], None]], None]) -> None:
        plugin = _Plugin(body)
        manager.register(plugin, name=PLUGIN)
        installed.append(plugin)

    try:
        yield install
    finally:
        for plugin in installed:
            manager.unregister(plugin)


def registers(*exporters: object) -> Callable[[Callable[[object], None]], None]:
    def body(register: Callable[[object], None]) -> None:
        for exporter in exporters:
            register(exporter)

    return body


def raises(exc: BaseException) -> Callable[[Callable[[object], None]], None]:
    def body(register: Callable[[object], None]) -> None:
        raise exc

    return body


def _assert_csv_still_works(tmp_path: Path) -> str:
    target = tmp_path / "out.csv"
    status, _out, err = run(
        "export", "csv", "--data", str(MINI), "--school-year", "2026", "-o", str(target)
    )
    assert status == 0, err
    assert target.read_bytes().startswith(b"start,end,item")
    return err


# -- declarations: refused at registration, the plugin named, the rest working ---


class _NoName(Exporter):
    description = "Ei nimeä"

    def render(self, context: ExportContext) -> bytes:
        return b""


def _exporter(**attributes: Any) -> Exporter:
    """An exporter instance whose class declares ``attributes`` (over valid defaults)."""
    namespace: dict[str, Any] = {
        "name": "bad",
        "description": "Huono viejä",
        "render": lambda self, context: b"ok",
    }
    namespace.update(attributes)
    cls = type("HostileExporter", (Exporter,), namespace)
    return cls()  # type: ignore[no-any-return]


class _RaisingDescription(Exporter):
    name = "bad"

    @property
    def description(self) -> str:  # type: ignore[override]
        raise RuntimeError("no description today")

    def render(self, context: ExportContext) -> bytes:
        return b""


DECLARATIONS: dict[str, tuple[Callable[[Callable[[object], None]], None], str]] = {
    "no name": (registers(_NoName()), "nimi None ei kelpaa"),
    "name None": (registers(_exporter(name=None)), "nimi None ei kelpaa"),
    "name 123": (registers(_exporter(name=123)), "nimi 123 ei kelpaa"),
    "name with a space": (registers(_exporter(name="Bad Name")), "nimi 'Bad Name' ei kelpaa"),
    "name with a newline": (registers(_exporter(name="a\nb")), "ei kelpaa"),
    "no description": (registers(_exporter(description=None)), "description puuttuu"),
    "empty description": (registers(_exporter(description=" ")), "description puuttuu"),
    "two-line description": (
        registers(_exporter(description="a\nb")),
        "description ei ole yksi rivi",
    ),
    "description_sv a number": (
        registers(_exporter(description_sv=3)),
        "description_sv puuttuu tai ei ole tekstiä (int)",
    ),
    "two-line description_sv": (
        registers(_exporter(description_sv="a\nb")),
        "description_sv ei ole yksi rivi",
    ),
    "options not Option": (registers(_exporter(options=("weeks",))), "ei Option"),
    "options a string": (registers(_exporter(options="weeks")), "ei Option-arvojen monikko"),
    "option converter not a Converter": (
        registers(_exporter(options=(Option("x", 1.5, "x", converter=float),))),  # type: ignore[arg-type]
        "ei ole TEXT, WHOLE_NUMBER eikä YES_NO",
    ),
    "option validator not a validator": (
        registers(_exporter(options=(Option("x", None, "x", validator=range(3)),))),  # type: ignore[arg-type]
        "tarkistin range(0, 3) ei ole OneOf eikä Between",
    ),
    "option default of another kind": (
        registers(_exporter(options=(Option("weeks", "six", "viikot", converter=WHOLE_NUMBER),))),
        "oletusarvo 'six' ei kelpaa (kokonaislukua ≥ 0)",
    ),
    "option default outside its bounds": (
        registers(
            _exporter(
                options=(
                    Option("weeks", 0, "viikot", converter=WHOLE_NUMBER, validator=Between(1)),
                )
            )
        ),
        "oletusarvo 0 ei kelpaa",
    ),
    "option help_sv not text": (
        registers(_exporter(options=(Option("a", None, "a", help_sv=b"a"),))),  # type: ignore[arg-type]
        "asetuksen 'a' ohje ei ole tekstiä",
    ),
    "option declared twice": (
        registers(_exporter(options=(Option("a", None, "a"), Option("a", None, "a")))),
        "asetus 'a' on kahdesti",
    ),
    "output a string": (
        registers(_exporter(output="file")),
        "output on 'file', ei Output.FILE",
    ),
    "default_path a number": (registers(_exporter(default_path=3)), "default_path on 3"),
    "description raises": (
        registers(_RaisingDescription()),
        "kaatui viejää tarkistettaessa: RuntimeError: no description today",
    ),
    "not an Exporter": (registers("exporter"), "rekisteröi arvon str, joka ei ole Exporter"),
    "hook raises": (raises(RuntimeError("oops")), "kaatui rekisteröidessään viejiä"),
    "hook calls sys.exit(0)": (raises(SystemExit(0)), "yritti lopettaa ohjelman"),
    "hook calls sys.exit(3)": (raises(SystemExit(3)), "(SystemExit 3)"),
    "hook raises KeyboardInterrupt": (raises(KeyboardInterrupt()), "keskeytettiin"),
    "hook raises GeneratorExit": (raises(GeneratorExit()), "GeneratorExit"),
}


@pytest.mark.parametrize("case", sorted(DECLARATIONS))
def test_a_hostile_declaration_is_named_and_every_other_exporter_works(
    case: str,
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
    tmp_path: Path,
) -> None:
    body, expected = DECLARATIONS[case]
    hostile(body)
    err = _assert_csv_still_works(tmp_path)
    (line,) = err.splitlines()[:-1]  # the hostile plugin's line; then "Kirjoitettu …"
    assert line.startswith("opiskeluhuolto: "), line
    assert "laajennus 'hostile'" in line
    assert expected in line
    assert err.splitlines()[-1].startswith("Kirjoitettu ")

    status, out, err = run("exporters")
    assert status == 0
    assert "csv" in out and "laajennus: hostile" not in out
    assert "laajennus 'hostile'" in err

    status, _out, err = run("export", "bad", "--data", str(MINI), "-o", str(tmp_path / "x"))
    assert status == 2
    assert "tuntematon muoto 'bad'" in err
    assert not (tmp_path / "x").exists()


def test_every_problem_of_a_declaration_is_in_its_one_message(
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
) -> None:
    hostile(registers(_exporter(description=None, output="file", options="x")))
    (failure,) = plugins.registry().failures
    assert failure.message("en") == (
        "exporter 'bad' (plugin 'hostile') is not valid: description is missing or not "
        "text (NoneType); output is 'file', not Output.FILE, Output.FOLDER or "
        "Output.STDOUT; options is a str, not a tuple of Option"
    )


# -- render and friends: checked at the call, the plugin named, the host's status ---


class _Hostile(Exporter):
    """Renders (or fails) as ``behaviour`` says; a file exporter unless told otherwise."""

    name = "bad"
    description = "Huono viejä"

    def __init__(
        self,
        behaviour: Callable[[], object],
        output: Output = Output.FILE,
        suffixes: Callable[[], object] | None = None,
    ) -> None:
        self.behaviour = behaviour
        self.output = output  # type: ignore[misc]
        self._suffixes = suffixes

    def render(self, context: ExportContext) -> Any:
        return self.behaviour()

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> Any:
        return () if self._suffixes is None else self._suffixes()


def _raise(exc: BaseException) -> Callable[[], object]:
    def behaviour() -> object:
        raise exc

    return behaviour


RENDERS: dict[str, tuple[_Hostile, int, str]] = {
    "returns None": (_Hostile(lambda: None), 1, "palautti tyypin NoneType; odotettiin"),
    "returns str": (_Hostile(lambda: "text"), 1, "palautti tyypin str"),
    "returns a dict of str": (
        _Hostile(lambda: {"a.txt": "x"}),
        1,
        "palautti tyypin dict[str, str]",
    ),
    "file exporter returns a folder": (
        _Hostile(lambda: {"a.txt": b"x"}),
        1,
        "palautti tyypin dict[str, bytes]; odotettiin tiedoston tavut",
    ),
    "folder exporter returns bytes": (
        _Hostile(lambda: b"x", Output.FOLDER),
        1,
        "palautti tyypin bytes; odotettiin kansio",
    ),
    "folder exporter returns a dict of str": (
        _Hostile(lambda: {"a.txt": "x"}, Output.FOLDER),
        1,
        "palautti tyypin dict[str, str]; odotettiin kansio",
    ),
    "folder with ../": (
        _Hostile(lambda: {"../evil.txt": b"x"}, Output.FOLDER),
        1,
        "palautti kelvottoman nimen: vientikansion tiedostonimi '../evil.txt' ei kelpaa",
    ),
    "folder with an absolute path": (
        _Hostile(lambda: {"/tmp/evil.txt": b"x"}, Output.FOLDER),
        1,
        "'/tmp/evil.txt' ei kelpaa",
    ),
    "render raises RuntimeError": (
        _Hostile(_raise(RuntimeError("oops"))),
        1,
        "kaatui viedessä: RuntimeError: oops",
    ),
    "render calls sys.exit(0)": (
        _Hostile(_raise(SystemExit(0))),
        1,
        "yritti lopettaa ohjelman viedessä (SystemExit 0)",
    ),
    "render calls sys.exit(3)": (_Hostile(_raise(SystemExit(3))), 1, "(SystemExit 3)"),
    "render raises KeyboardInterrupt": (
        _Hostile(_raise(KeyboardInterrupt())),
        130,
        "keskeytettiin viedessä",
    ),
    "render refuses the data": (
        _Hostile(_raise(ValueError("ei tällaista dataa"))),
        2,
        "bad: ei tällaista dataa",
    ),
    "suffixes a string": (
        _Hostile(lambda: b"x", suffixes=lambda: ".txt"),
        1,
        "antoi päätteiksi '.txt'",
    ),
    "suffixes raises": (
        _Hostile(lambda: b"x", suffixes=_raise(TypeError("no"))),
        1,
        "kaatui päätteitä kysyttäessä: TypeError: no",
    ),
    "suffixes calls sys.exit": (
        _Hostile(lambda: b"x", suffixes=_raise(SystemExit(0))),
        1,
        "yritti lopettaa ohjelman päätteitä kysyttäessä",
    ),
}


@pytest.mark.parametrize(
    ("case", "to"),
    [
        (case, to)
        for case, (exporter, _status, _text) in sorted(RENDERS.items())
        for to in ("file", "stdout")
        if to == "file" or exporter.output is Output.FILE
    ],
)
def test_a_hostile_render_is_named_and_leaves_the_previous_output(
    case: str,
    to: str,
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
    tmp_path: Path,
) -> None:
    exporter, expected_status, expected = RENDERS[case]
    hostile(registers(exporter))
    target = tmp_path / ("kansio" if exporter.output is Output.FOLDER else "out.txt")
    if exporter.output is Output.FILE:
        target.write_bytes(b"previous")
    status, out, err = run(
        "export", "bad", "--data", str(MINI), "--school-year", "2026",
        "-o", "-" if to == "stdout" else str(target),
    )  # fmt: skip
    assert status == expected_status, err
    (line,) = err.splitlines()
    who = "opiskeluhuolto: bad: " if expected_status == 2 else (
        "opiskeluhuolto: viejä 'bad' (laajennus 'hostile') "
    )  # fmt: skip
    assert line.startswith(who), line
    assert expected in line
    assert out == ""
    if exporter.output is Output.FILE:
        assert target.read_bytes() == b"previous"
    else:
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["out.txt"] if exporter.output is Output.FILE else []
    )
    _assert_csv_still_works(tmp_path)


def test_a_render_failure_speaks_english_too(
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
) -> None:
    hostile(registers(_Hostile(_raise(SystemExit(3)))))
    status, _out, err = run("export", "bad", "--data", str(MINI), "-o", "-", "--lang", "en")
    assert status == 1
    assert err == (
        "opiskeluhuolto: exporter 'bad' (plugin 'hostile') tried to end the program "
        "in render (SystemExit 3)\n"
    )


class _OverridesParseOptions(Exporter):
    name = "bad"
    description = "Huono viejä"

    def parse_options(self, raw: Mapping[str, str]) -> Any:
        if raw:
            raise TypeError("cannot")
        return ["not", "a", "dict"]

    def render(self, context: ExportContext) -> bytes:
        return b""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ((), "palautti asetuksista tyypin list, ei sanakirjaa"),
        (("--option", "x=1"), "kaatui asetuksia lukiessa: TypeError: cannot"),
    ],
)
def test_a_hostile_parse_options_is_named(
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
    argv: tuple[str, ...],
    expected: str,
) -> None:
    hostile(registers(_OverridesParseOptions()))
    status, _out, err = run("export", "bad", "--data", str(MINI), "-o", "-", *argv)
    assert status == 1
    assert err == f"opiskeluhuolto: viejä 'bad' (laajennus 'hostile') {expected}\n"


def test_a_name_clash_is_said_once(
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
) -> None:
    hostile(registers(_exporter(name="csv")))
    status, _out, err = run("export", "csv", "--data", str(MINI), "-o", "-")
    assert status == 2
    (line,) = err.splitlines()
    assert line.startswith("opiskeluhuolto: kaksi viejää samalla nimellä 'csv'")


# -- import time: a plugin module that exits or interrupts while it is imported ---


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("import sys\nsys.exit(0)\n", "SystemExit: 0"),
        ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
        ("raise KeyboardInterrupt\n", "KeyboardInterrupt"),
        ("raise RuntimeError('at import')\n", "RuntimeError: at import"),
    ],
)
def test_a_plugin_that_exits_at_import_is_named_and_the_others_load(
    body: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = f"opiskeluhuolto_hostile_{abs(hash(body))}"
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(body), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, module, raising=False)
    EntryPoint = importlib.metadata.EntryPoint
    entry_points = (
        EntryPoint("hostile", module, "opiskeluhuolto"),
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
    )

    def fake(*, group: str) -> tuple[importlib.metadata.EntryPoint, ...]:
        return entry_points

    monkeypatch.setattr(plugins.importlib.metadata, "entry_points", fake)
    manager, errors = plugins.make_plugin_manager()
    assert [error.name for error in errors] == ["hostile"]
    assert expected in errors[0].error
    plugins.reset(manager, errors)
    try:
        target = tmp_path / "out.csv"
        status, _out, err = run("export", "csv", "--data", str(MINI), "-o", str(target))
        assert status == 0
        assert target.exists()
        assert "laajennusta 'hostile'" in err
        assert expected in err
    finally:
        plugins.reset()


def test_a_folder_exporter_asked_for_standard_output_is_refused_before_it_runs(
    hostile: Callable[[Callable[[Callable[[object], None]], None]], None],
) -> None:
    hostile(registers(_Hostile(_raise(AssertionError("never rendered")), Output.FOLDER)))
    status, out, err = run("export", "bad", "--data", str(MINI), "-o", "-")
    assert (status, out) == (2, "")
    assert err == "opiskeluhuolto: viejä bad kirjoittaa kansion: anna -o KANSIO\n"
