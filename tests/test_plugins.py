"""The plugin system: entry points, registration, isolation, failures named by plugin."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import importlib.metadata
import io
import subprocess
import sys
import tomllib
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pluggy
import pytest

import opiskeluhuolto
from opiskeluhuolto import hookimpl, hookspecs, plugins
from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import (
    WHOLE_NUMBER,
    YES_NO,
    ExportContext,
    Exporter,
    OneOf,
    Option,
    OptionError,
    Output,
)
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.recurrence import DateWindow, Rule, WeekWindow

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "opiskeluhuolto"
PLUGINS = ROOT / "plugins"
EXAMPLE = ROOT / "examples" / "opiskeluhuolto_markdown"


def tiny_organisation() -> Organisation:
    hierarchy = Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")])
    items = (
        Item("kysely", "Huoltajakysely", Rule(WeekWindow(43, 44))),
        Item("juhla", "Itsenäisyyspäiväjuhla", Rule(DateWindow.on(6, 12))),
    )
    return Organisation(
        "testi", "Testiopisto", hierarchy, [Calendar("k", "Kalenteri", "ohr", items)]
    )


def context(**options: str | int | bool | None) -> ExportContext:
    return ExportContext(
        organisation=tiny_organisation(),
        start=dt.date(2026, 8, 1),
        end=dt.date(2027, 7, 31),
        options=options,
    )


class DummyExporter(Exporter):
    name = "dummy"
    description = "Testiviejä"
    output = Output.FILE
    options = (
        Option("style", "plain", "tyyli", validator=OneOf(("plain", "fancy"))),
        Option("count", 3, "montako", converter=WHOLE_NUMBER),
        Option("loud", False, "äänekäs", converter=YES_NO),
    )

    def render(self, context: ExportContext) -> bytes:
        return f"{len(context.occurrences())} {context.options['style']}".encode()


@pytest.fixture
def register_plugin(
    manager: pluggy.PluginManager,
) -> Iterator[Callable[[object, str], None]]:
    """Register throwaway plugins; every one is unregistered afterwards."""
    registered: list[object] = []

    def register(plugin: object, name: str) -> None:
        manager.register(plugin, name=name)
        registered.append(plugin)

    try:
        yield register
    finally:
        for plugin in registered:
            manager.unregister(plugin)


def plugin_module(name: str, *exporters: Exporter) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        for exporter in exporters:
            register(exporter)

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    return module


# -- entry points -----------------------------------------------------------


def test_builtin_exporters_come_from_entry_points(manager: pluggy.PluginManager) -> None:
    exporters = plugins.get_exporters(manager)
    assert "csv" in exporters
    assert exporters["csv"].plugin == "csv"
    assert type(exporters["csv"].exporter).__module__ == "opiskeluhuolto_csv"


def test_every_builtin_plugin_package_has_an_entry_point() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    entry_points = pyproject["project"]["entry-points"]["opiskeluhuolto"]
    packages = sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists())
    assert packages, "no built-in plugins found"
    assert sorted(entry_points.values()) == packages
    installed = {
        ep.value
        for ep in importlib.metadata.entry_points(group="opiskeluhuolto")
        if ep.dist is not None and ep.dist.name == "opiskeluhuolto"
    }
    assert installed == set(packages)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_a_plugin() -> None:
    builtin = {p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists()}
    for path in SRC.rglob("*.py"):
        imported = {name.split(".")[0] for name in _imported_modules(path)}
        assert not imported & builtin, f"{path.name} imports a plugin: {imported & builtin}"
        assert "icalendar" not in imported, f"{path.name} imports icalendar"


def test_plugins_use_only_the_public_api() -> None:
    public_modules = {
        "opiskeluhuolto",
        "opiskeluhuolto.exporting",
        "opiskeluhuolto.calendar",
        "opiskeluhuolto.groups",
        "opiskeluhuolto.recurrence",
        "opiskeluhuolto.school",
        "opiskeluhuolto.fmt",
        "opiskeluhuolto.phrases",
        "opiskeluhuolto.agenda",
        "opiskeluhuolto.messages",
        "opiskeluhuolto.publishing",
        # for records stores: the records, their file, the store contract, atomic writes
        "opiskeluhuolto.records",
        "opiskeluhuolto.records_loading",
        "opiskeluhuolto.stores",
        "opiskeluhuolto.loading",
        "opiskeluhuolto.output",
    }
    for path in [*PLUGINS.rglob("*.py"), *EXAMPLE.rglob("*.py")]:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] != "opiskeluhuolto":
                    continue
                assert node.module in public_modules, f"{path}: imports {node.module}"
                for alias in node.names:
                    assert not alias.name.startswith("_"), f"{path}: imports {alias.name}"
                    module = importlib.import_module(node.module)
                    public = getattr(module, "__all__", None)
                    if public is not None and alias.name != "hookimpl":
                        assert alias.name in public, f"{path}: {alias.name} not public"


def test_import_opiskeluhuolto_stays_lean() -> None:
    code = (
        "import sys, opiskeluhuolto; "
        "heavy = [m for m in ('icalendar', 'pluggy', 'hypothesis', 'opiskeluhuolto_ical', "
        "'opiskeluhuolto_csv', 'opiskeluhuolto.plugins', 'tomllib') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_hookimpl_is_reexported_lazily() -> None:
    assert opiskeluhuolto.hookimpl is hookspecs.hookimpl
    with pytest.raises(AttributeError):
        _ = opiskeluhuolto.no_such_name  # type: ignore[attr-defined]


# -- registration -----------------------------------------------------------


def test_throwaway_plugin_is_registered_and_removed(
    manager: pluggy.PluginManager, register_plugin: Callable[[object, str], None]
) -> None:
    register_plugin(plugin_module("dummy_plugin", DummyExporter()), "dummy-plugin")
    exporters = plugins.get_exporters()
    assert exporters["dummy"].plugin == "dummy-plugin"
    assert plugins.get_exporter("dummy").exporter.render(context(style="x")) == b"2 x"


def test_throwaway_plugin_did_not_leak(manager: pluggy.PluginManager) -> None:
    assert "dummy" not in plugins.get_exporters()


def test_two_exporters_with_one_name_are_refused(
    manager: pluggy.PluginManager, register_plugin: Callable[[object, str], None]
) -> None:
    register_plugin(plugin_module("a", DummyExporter()), "first-plugin")
    register_plugin(plugin_module("b", DummyExporter()), "second-plugin")
    with pytest.raises(plugins.DuplicateExporterError) as info:
        plugins.get_exporter("dummy")
    assert info.value.message("en") == (
        "two exporters named 'dummy' (plugins 'first-plugin', 'second-plugin'); "
        "neither is used until one is removed"
    )
    assert info.value.plugins == ("first-plugin", "second-plugin")
    # The name is refused; every other exporter keeps working.
    exporters = plugins.get_exporters()
    assert "dummy" not in exporters
    assert "csv" in exporters
    assert list(plugins.registry().conflicts) == ["dummy"]


def _hook_module(name: str, body: Callable[[Callable[[object], None]], None]) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def register_exporters(register: Callable[[object], None]) -> None:
        body(register)

    module.register_exporters = register_exporters  # type: ignore[attr-defined]
    return module


def _explode(register: Callable[[object], None]) -> None:
    register(DummyExporter())  # registered before the failure: left out with the rest
    raise RuntimeError("boom")


def _wrong(register: Callable[[object], None]) -> None:
    register("not an exporter")


@pytest.mark.parametrize(
    ("body", "en", "fi"),
    [
        (
            _explode,
            "plugin 'bad-plugin' failed in register_exporters: RuntimeError: boom",
            "laajennus 'bad-plugin' kaatui rekisteröidessään viejiä: RuntimeError: boom",
        ),
        (
            _wrong,
            "plugin 'bad-plugin' registered a str, which is not an Exporter",
            "laajennus 'bad-plugin' rekisteröi arvon str, joka ei ole Exporter",
        ),
    ],
)
def test_a_plugin_that_fails_in_its_hook_is_named_and_left_out(
    manager: pluggy.PluginManager,
    register_plugin: Callable[[object, str], None],
    body: Callable[[Callable[[object], None]], None],
    en: str,
    fi: str,
) -> None:
    register_plugin(_hook_module("bad", body), "bad-plugin")
    found = plugins.registry()
    (failure,) = found.failures
    assert failure.plugin == "bad-plugin"
    assert failure.message("en") == en
    assert failure.message("fi") == fi
    assert "dummy" not in found.exporters
    assert "csv" in found.exporters


def test_unknown_exporter_lists_the_known_ones(manager: pluggy.PluginManager) -> None:
    with pytest.raises(plugins.UnknownExporterError) as info:
        plugins.get_exporter("nope")
    assert "csv" in info.value.known
    assert "nope" in str(info.value)


def _fake_entry_points(
    monkeypatch: pytest.MonkeyPatch, *entry_points: importlib.metadata.EntryPoint
) -> None:
    def fake(*, group: str) -> tuple[importlib.metadata.EntryPoint, ...]:
        assert group == "opiskeluhuolto"
        return entry_points

    monkeypatch.setattr(plugins.importlib.metadata, "entry_points", fake)


def test_a_broken_plugin_is_reported_and_the_others_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    EntryPoint = importlib.metadata.EntryPoint
    _fake_entry_points(
        monkeypatch,
        EntryPoint("broken", "opiskeluhuolto_no_such_module_xyz", "opiskeluhuolto"),
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
    )
    stderr = io.StringIO()
    manager, errors = plugins.make_plugin_manager(stderr=stderr)
    assert [e.name for e in errors] == ["broken"]
    assert "ModuleNotFoundError" in errors[0].error
    assert "'broken'" in stderr.getvalue()
    assert "ei voitu ladata" in stderr.getvalue()
    assert list(plugins.get_exporters(manager)) == ["csv"]


def test_a_plugin_with_an_unknown_hook_is_dropped_by_check_pending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("opiskeluhuolto_typo_plugin")

    @hookimpl
    def register_exporterz(register: Callable[[Exporter], None]) -> None:  # typo
        raise AssertionError("never called")

    module.register_exporterz = register_exporterz  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "opiskeluhuolto_typo_plugin", module)
    EntryPoint = importlib.metadata.EntryPoint
    _fake_entry_points(
        monkeypatch,
        EntryPoint("typo", "opiskeluhuolto_typo_plugin", "opiskeluhuolto"),
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
    )
    stderr = io.StringIO()
    manager, errors = plugins.make_plugin_manager(stderr=stderr)
    assert [e.name for e in errors] == ["typo"]
    assert "register_exporterz" in errors[0].error
    assert "'typo'" in stderr.getvalue()
    assert list(plugins.get_exporters(manager)) == ["csv"]


# -- options ----------------------------------------------------------------


def test_options_get_defaults() -> None:
    assert DummyExporter().parse_options({}) == {"style": "plain", "count": 3, "loud": False}


def test_options_are_parsed_by_kind() -> None:
    parsed = DummyExporter().parse_options({"style": "fancy", "count": "7", "loud": "kyllä"})
    assert parsed == {"style": "fancy", "count": 7, "loud": True}


def test_unknown_option_names_the_key_and_the_valid_ones() -> None:
    with pytest.raises(OptionError) as info:
        DummyExporter().parse_options({"colour": "red"})
    assert info.value.key == "colour"
    assert "colour" in info.value.message("en")
    assert "style, count, loud" in info.value.message("en")
    assert "tuntematon asetus" in info.value.message("fi")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("style", "ugly", "valid choices: plain, fancy"),
        ("count", "-1", "expected a whole number ≥ 0"),
        ("count", "many", "expected a whole number ≥ 0"),
        ("loud", "maybe", "expected true or false"),
    ],
)
def test_bad_option_values_are_refused(key: str, value: str, expected: str) -> None:
    with pytest.raises(OptionError) as info:
        DummyExporter().parse_options({key: value})
    assert info.value.key == key
    assert expected in info.value.message("en")
    assert repr(value) in info.value.message("fi")


# -- the example third-party plugin in examples/ ----------------------------


@pytest.fixture
def example_plugin(
    register_plugin: Callable[[object, str], None], monkeypatch: pytest.MonkeyPatch
) -> types.ModuleType:
    monkeypatch.syspath_prepend(str(EXAMPLE))
    module = importlib.import_module("opiskeluhuolto_markdown")
    register_plugin(module, "markdown")
    return module


def test_example_plugin_declares_its_entry_point() -> None:
    pyproject = tomllib.loads((EXAMPLE / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["entry-points"]["opiskeluhuolto"] == {
        "markdown": "opiskeluhuolto_markdown"
    }


def test_example_plugin_renders(example_plugin: types.ModuleType) -> None:
    exporter = plugins.get_exporter("markdown").exporter
    text = exporter.render(context(**exporter.parse_options({}))).decode()
    assert text.splitlines() == [
        "# Testiopisto",
        "",
        "| Ajankohta | Viikot | Asia |",
        "|---|---|---|",
        "| 19.10.–1.11.2026 | vk 43–44 | Huoltajakysely |",
        "| 6.12.2026 | vk 49 | Itsenäisyyspäiväjuhla |",
    ]


# -- hooks are documented and tested (meta-test) ---------------------------


def _hook_names() -> list[str]:
    return [
        name
        for name in dir(hookspecs)
        if callable(getattr(hookspecs, name))
        and hasattr(getattr(hookspecs, name), "opiskeluhuolto_spec")
    ]


def test_every_hook_is_documented() -> None:
    names = _hook_names()
    assert names == ["register_exporters", "register_record_stores"]
    docs = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    for name in names:
        assert f"`{name}" in docs, f"hook {name} is not documented in docs/plugins.md"


def test_every_hook_is_tested() -> None:
    tests = "".join(p.read_text("utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    for name in _hook_names():
        assert f"def {name}(" in tests, f"hook {name} has no test implementation"


# -- lazy loading: a command imports only the plugin it needs ------------------


def _process_wide(monkeypatch: pytest.MonkeyPatch, *entry_points: object) -> None:
    _fake_entry_points(monkeypatch, *entry_points)  # type: ignore[arg-type]
    plugins.reset()
    monkeypatch.setattr(plugins, "_manager", None)


def test_an_export_imports_only_the_plugin_named_like_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    EntryPoint = importlib.metadata.EntryPoint
    _process_wide(
        monkeypatch,
        EntryPoint("broken", "opiskeluhuolto_no_such_module_xyz", "opiskeluhuolto"),
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
        EntryPoint("ical", "opiskeluhuolto_ical", "opiskeluhuolto"),
    )
    try:
        found = plugins.registry(exporter="csv")
        assert list(found.exporters) == ["csv"]
        assert plugins.load_errors() == ()  # the broken plugin was never imported
        assert plugins.get_exporter("ical").plugin == "ical"
        assert plugins.load_errors() == ()
        # An exporter no entry point is named after: every plugin is imported.
        with pytest.raises(plugins.UnknownExporterError) as info:
            plugins.get_exporter("nope")
        assert info.value.known == ("csv", "ical")
        assert [error.name for error in plugins.load_errors()] == ["broken"]
    finally:
        plugins.reset()


def test_an_exporter_registered_under_another_plugins_name_is_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = plugin_module("opiskeluhuolto_extra_formats", DummyExporter())
    monkeypatch.setitem(sys.modules, "opiskeluhuolto_extra_formats", module)
    EntryPoint = importlib.metadata.EntryPoint
    _process_wide(
        monkeypatch,
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
        EntryPoint("extra", "opiskeluhuolto_extra_formats", "opiskeluhuolto"),
    )
    try:
        assert plugins.get_exporter("dummy").plugin == "extra"
    finally:
        plugins.reset()


def test_two_entry_points_with_one_name_are_both_imported_and_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Csv(DummyExporter):
        name = "csv"

    module = plugin_module("opiskeluhuolto_other_csv", Csv())
    monkeypatch.setitem(sys.modules, "opiskeluhuolto_other_csv", module)
    EntryPoint = importlib.metadata.EntryPoint
    _process_wide(
        monkeypatch,
        EntryPoint("csv", "opiskeluhuolto_csv", "opiskeluhuolto"),
        EntryPoint("csv", "opiskeluhuolto_other_csv", "opiskeluhuolto"),
    )
    try:
        found = plugins.registry(exporter="csv")
        assert list(found.conflicts) == ["csv"]
        with pytest.raises(plugins.DuplicateExporterError):
            found.get("csv")
    finally:
        plugins.reset()
