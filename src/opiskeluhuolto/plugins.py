"""The plugin manager: loads exporters from the ``opiskeluhuolto`` entry points.

Built-in exporters (``plugins/opiskeluhuolto_*``) are registered through the
distribution's entry points exactly like a third party's.  A plugin that fails
to import is reported by name on standard error; every other exporter keeps
working.  Nothing here runs at ``import opiskeluhuolto`` time: the manager is
created on first use.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterable
from typing import TextIO

import attrs
import pluggy

from opiskeluhuolto import hookspecs
from opiskeluhuolto.exporting import Exporter

__all__ = [
    "DuplicateExporterError",
    "PluginError",
    "PluginLoadError",
    "RegisteredExporter",
    "UnknownExporterError",
    "get_exporter",
    "get_exporters",
    "get_plugin_manager",
    "load_errors",
    "make_plugin_manager",
    "reset",
]

ENTRY_POINT_GROUP = hookspecs.PROJECT


class PluginError(RuntimeError):
    """A plugin misbehaved; the message names the plugin."""


class DuplicateExporterError(PluginError):
    """Two plugins registered exporters with the same name."""


class UnknownExporterError(KeyError):
    """No exporter of that name is registered."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(name)

    def __str__(self) -> str:
        return f"tuntematon viejä {self.name!r}; saatavilla: {', '.join(self.known)}"


@attrs.frozen
class PluginLoadError:
    """A plugin (entry point) that could not be loaded, and why."""

    name: str
    value: str
    error: str

    def __str__(self) -> str:
        return f"laajennusta {self.name!r} ({self.value}) ei voitu ladata: {self.error}"


@attrs.frozen
class RegisteredExporter:
    """An exporter and the plugin it came from."""

    exporter: Exporter
    plugin: str


_manager: pluggy.PluginManager | None = None
_errors: list[PluginLoadError] = []


def make_plugin_manager(
    *,
    entry_points: bool = True,
    distributions: Iterable[str] | None = None,
    stderr: TextIO | None = None,
) -> tuple[pluggy.PluginManager, list[PluginLoadError]]:
    """A new plugin manager with the hook specs and the entry-point plugins.

    ``distributions`` limits the entry points to those of the named
    distributions (tests use it so that plugins installed on the machine
    never leak in).  Failures are returned and, when ``stderr`` is given,
    reported there by plugin name.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    errors: list[PluginLoadError] = []
    if entry_points:
        wanted = None if distributions is None else set(distributions)
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            dist = entry_point.dist.name if entry_point.dist is not None else None
            if wanted is not None and dist not in wanted:
                continue
            if manager.get_plugin(entry_point.name) is not None:
                continue  # the same distribution seen twice on sys.path
            try:
                plugin = entry_point.load()
                manager.register(plugin, name=entry_point.name)
            except Exception as exc:  # a broken plugin must not break the others
                error = PluginLoadError(
                    entry_point.name, entry_point.value, f"{type(exc).__name__}: {exc}"
                )
                errors.append(error)
                if stderr is not None:
                    print(f"opiskeluhuolto: {error}", file=stderr)
        _check_pending(manager, errors, stderr)
    return manager, errors


def _check_pending(
    manager: pluggy.PluginManager, errors: list[PluginLoadError], stderr: TextIO | None
) -> None:
    """``check_pending()``, dropping (and reporting by name) plugins with unknown hooks."""
    while True:
        try:
            manager.check_pending()
            return
        except pluggy.PluginValidationError as exc:
            name = manager.get_name(exc.plugin) or repr(exc.plugin)
            manager.unregister(exc.plugin)
            error = PluginLoadError(name, getattr(exc.plugin, "__name__", name), str(exc))
            errors.append(error)
            if stderr is not None:
                print(f"opiskeluhuolto: {error}", file=stderr)


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, created (and entry points loaded) on first use."""
    global _manager
    if _manager is None:
        _manager, errors = make_plugin_manager(stderr=sys.stderr)
        _errors[:] = errors
    return _manager


def load_errors() -> tuple[PluginLoadError, ...]:
    """The plugins that failed to load into the process-wide manager."""
    get_plugin_manager()
    return tuple(_errors)


def reset(manager: pluggy.PluginManager | None = None) -> None:
    """Drop (or replace) the process-wide manager; for tests and embedding hosts."""
    global _manager
    _manager = manager
    _errors.clear()


def get_exporters(
    manager: pluggy.PluginManager | None = None,
) -> dict[str, RegisteredExporter]:
    """Every registered exporter by name.

    Raises :class:`DuplicateExporterError` naming both plugins when two
    exporters share a name.
    """
    manager = get_plugin_manager() if manager is None else manager
    found: dict[str, RegisteredExporter] = {}
    for impl in manager.hook.register_exporters.get_hookimpls():
        plugin_name = manager.get_name(impl.plugin) or impl.plugin_name

        def register(exporter: Exporter, _plugin: str = plugin_name) -> None:
            if not isinstance(exporter, Exporter):
                raise TypeError(
                    f"plugin {_plugin!r} registered {exporter!r}, not an Exporter instance"
                )
            previous = found.get(exporter.name)
            if previous is not None:
                raise DuplicateExporterError(
                    f"kaksi viejää samalla nimellä {exporter.name!r}: laajennukset "
                    f"{previous.plugin!r} ja {_plugin!r} (two exporters named "
                    f"{exporter.name!r}: plugins {previous.plugin!r} and {_plugin!r})"
                )
            found[exporter.name] = RegisteredExporter(exporter, _plugin)

        try:
            impl.function(register=register)
        except DuplicateExporterError:
            raise
        except Exception as exc:
            raise PluginError(
                f"laajennus {plugin_name!r} kaatui rekisteröidessään viejiä "
                f"(plugin {plugin_name!r} failed in register_exporters): "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    return dict(sorted(found.items()))


def get_exporter(name: str, manager: pluggy.PluginManager | None = None) -> RegisteredExporter:
    """The exporter called ``name`` (:class:`UnknownExporterError` listing the others)."""
    exporters = get_exporters(manager)
    try:
        return exporters[name]
    except KeyError:
        raise UnknownExporterError(name, exporters) from None
