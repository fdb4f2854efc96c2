"""The register_record_stores hook: the built-in toml store, a plugin's own, failures by name."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pluggy
import pytest

from opiskeluhuolto import hookimpl, loading, plugins
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.records import Record, Records, RecordStatus
from opiskeluhuolto.recurrence import SchoolYear
from opiskeluhuolto.stores import RecordStore, RecordStoreError, split_location

YEAR = SchoolYear(2026)
SEDU = loading.load_default()


class MemoryStore(RecordStore):
    """A store that keeps records in a dict, as a Sedu script's database would."""

    name = "muisti"
    description = "Muistiin"

    def __init__(self) -> None:
        self.kept: dict[str, Records] = {}

    def exists(self, location: str) -> bool:
        return location in self.kept

    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        return self.kept.get(location, Records(school_year))

    def put(
        self, location: str, record: Record, organisation: Organisation, school_year: SchoolYear
    ) -> None:
        self.kept[location] = self.read(location, organisation, school_year).with_record(record)


class CrashingStore(MemoryStore):
    name = "kaatuva"

    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        raise ZeroDivisionError("oho")


class WrongStore(MemoryStore):
    name = "vaara"

    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        return "ei"  # type: ignore[return-value]


class ReadOnlyStore(MemoryStore):
    name = "vain-luku"

    def put(
        self, location: str, record: Record, organisation: Organisation, school_year: SchoolYear
    ) -> None:
        raise RecordStoreError("vain luettavissa", "read-only")


def store_plugin(*stores: object) -> types.ModuleType:
    module = types.ModuleType("store_plugin")

    @hookimpl
    def register_record_stores(register: Callable[[object], None]) -> None:
        for store in stores:
            register(store)

    module.register_record_stores = register_record_stores  # type: ignore[attr-defined]
    return module


@pytest.fixture
def add(manager: pluggy.PluginManager) -> Iterator[Callable[[str, types.ModuleType], None]]:
    added: list[types.ModuleType] = []

    def register(name: str, module: types.ModuleType) -> None:
        manager.register(module, name=name)
        added.append(module)

    yield register
    for module in added:
        manager.unregister(module)


def test_the_toml_store_is_a_plugin_like_any(manager: pluggy.PluginManager) -> None:
    found = plugins.store_registry(manager)
    assert set(found.stores) == {"toml"}
    assert found.stores["toml"].plugin == "toml"
    assert type(found.stores["toml"].store).__module__ == "opiskeluhuolto_records_toml"


def test_a_plugins_store_keeps_records(
    manager: pluggy.PluginManager, add: Callable[[str, types.ModuleType], None]
) -> None:
    add("sedu-db", store_plugin(MemoryStore()))
    store = plugins.store_registry(manager).get("muisti")
    record = Record("sedu.tea-viisari.2026", RecordStatus.DONE, date=dt.date(2026, 11, 2))
    store.put("kanta", record, SEDU, YEAR)
    assert store.exists("kanta") and not store.exists("muu")
    assert store.read("kanta", SEDU, YEAR) == Records(YEAR, [record])


def test_failures_are_named_by_plugin(
    manager: pluggy.PluginManager, add: Callable[[str, types.ModuleType], None]
) -> None:
    add("kaatuu", store_plugin(CrashingStore()))
    add("vaarin", store_plugin(WrongStore()))
    add("ei-varasto", store_plugin(object()))
    add("vain", store_plugin(ReadOnlyStore()))
    found = plugins.store_registry(manager)
    assert [str(f) for f in found.failures] == [
        "laajennus 'ei-varasto' rekisteröi arvon object, joka ei ole RecordStore"
    ]
    with pytest.raises(plugins.PluginError) as crash:
        found.get("kaatuva").read("x", SEDU, YEAR)
    assert crash.value.plugin == "kaatuu"
    assert crash.value.message("en") == (
        "plugin 'kaatuu' failed in records store 'kaatuva' read: ZeroDivisionError: oho"
    )
    with pytest.raises(plugins.PluginError, match=r"vaarin.*palautti arvon str"):
        found.get("vaara").read("x", SEDU, YEAR)
    with pytest.raises(RecordStoreError, match="vain luettavissa"):
        found.get("vain-luku").put("x", Record("y", RecordStatus.CANCELLED), SEDU, YEAR)


def test_two_stores_with_one_name_are_refused(
    manager: pluggy.PluginManager, add: Callable[[str, types.ModuleType], None]
) -> None:
    add("yksi", store_plugin(MemoryStore()))
    add("kaksi", store_plugin(MemoryStore()))
    found = plugins.store_registry(manager)
    with pytest.raises(plugins.DuplicateRecordStoreError) as refused:
        found.get("muisti")
    assert refused.value.status == 2 and refused.value.plugins == ("yksi", "kaksi")
    with pytest.raises(plugins.UnknownRecordStoreError, match="saatavilla: toml"):
        found.get("tietokanta")


def test_a_store_lookup_imports_only_the_entry_point_named_like_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    EntryPoint = importlib.metadata.EntryPoint
    points = (
        EntryPoint("broken", "opiskeluhuolto_no_such_module_xyz", "opiskeluhuolto"),
        EntryPoint("toml", "opiskeluhuolto_records_toml", "opiskeluhuolto"),
    )
    monkeypatch.setattr(plugins.importlib.metadata, "entry_points", lambda **_: points)
    plugins.reset()
    monkeypatch.setattr(plugins, "_manager", None)
    try:
        assert plugins.get_record_store("toml").name == "toml"
        assert plugins.load_errors() == ()
    finally:
        plugins.reset()


def test_locations_name_their_store() -> None:
    assert split_location("muisti:kanta") == ("muisti", "kanta")
    assert split_location("seuranta-2026.toml") == (None, "seuranta-2026.toml")
    assert split_location(str(Path("/tmp/x:y.toml"))) == (None, "/tmp/x:y.toml")
