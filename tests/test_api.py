"""The top-level API: every exported name resolves, the heavy parts load lazily."""

from __future__ import annotations

import subprocess
import sys

import opiskeluhuolto


def test_every_exported_name_resolves() -> None:
    for name in opiskeluhuolto.__all__:
        assert getattr(opiskeluhuolto, name) is not None, name
    assert set(opiskeluhuolto.__all__) <= set(dir(opiskeluhuolto))


def test_lazy_names_are_the_modules_own() -> None:
    from opiskeluhuolto import calendar, groups, hookspecs, loading

    assert opiskeluhuolto.Organisation is calendar.Organisation
    assert opiskeluhuolto.Hierarchy is groups.Hierarchy
    assert opiskeluhuolto.load_default is loading.load_default
    assert opiskeluhuolto.hookimpl is hookspecs.hookimpl


def test_import_loads_nothing_until_a_name_is_used() -> None:
    code = (
        "import sys, opiskeluhuolto; "
        "print(sorted(m for m in ('opiskeluhuolto.loading', 'opiskeluhuolto.calendar', "
        "'opiskeluhuolto.groups', 'opiskeluhuolto.hookspecs', 'opiskeluhuolto.recurrence', "
        "'opiskeluhuolto.phrases', 'attr', 'tomllib', 'pluggy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_load_default_from_the_top_level() -> None:
    org = opiskeluhuolto.load_default()
    assert org.id == "sedu"
    assert isinstance(org, opiskeluhuolto.Organisation)


def test_first_use_loads_only_what_it_needs() -> None:
    code = (
        "import sys, opiskeluhuolto; opiskeluhuolto.Rule; "
        "print(sorted(m for m in ('opiskeluhuolto.recurrence', 'opiskeluhuolto.loading', "
        "'pluggy', 'icalendar') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['opiskeluhuolto.recurrence']"
