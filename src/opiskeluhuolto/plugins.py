"""The plugin manager: loads exporters from the ``opiskeluhuolto`` entry points.

Built-in exporters (``plugins/opiskeluhuolto_*``) are registered through the
distribution's entry points exactly like a third party's.  A plugin that fails
to import is reported by name on standard error; every other exporter keeps
working.  Nothing here runs at ``import opiskeluhuolto`` time: the manager is
created on first use.
"""

from __future__ import annotations

import importlib.metadata
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
    "Registry",
    "UnknownExporterError",
    "get_exporter",
    "get_exporters",
    "get_plugin_manager",
    "load_errors",
    "make_plugin_manager",
    "registry",
    "reset",
]

ENTRY_POINT_GROUP = hookspecs.PROJECT


class PluginError(RuntimeError):
    """A plugin misbehaved; the message names the plugin (Finnish and English)."""

    def __init__(self, plugin: str, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi)
        self.plugin = plugin
        self.message_fi = message_fi
        self.message_en = message_en

    def message(self, lang: str = "fi") -> str:
        return self.message_en if lang == "en" else self.message_fi


class DuplicateExporterError(PluginError):
    """Two plugins registered exporters with the same name: the name is refused."""

    def __init__(self, name: str, plugins: Iterable[str]) -> None:
        self.name = name
        self.plugins = tuple(plugins)
        quoted = ", ".join(repr(p) for p in self.plugins)
        super().__init__(
            self.plugins[-1],
            f"kaksi viejää samalla nimellä {name!r} (laajennukset {quoted}); "
            "kumpaakaan ei käytetä ennen kuin toinen poistetaan",
            f"two exporters named {name!r} (plugins {quoted}); "
            "neither is used until one is removed",
        )


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
        return self.message("fi")

    def message(self, lang: str = "fi") -> str:
        if lang == "en":
            return f"plugin {self.name!r} ({self.value}) could not be loaded: {self.error}"
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
    """The process-wide plugin manager, created (and entry points loaded) on first use.

    Plugins that fail to load are left out; :func:`load_errors` names them
    (the command line reports them on standard error in the user's language).
    """
    global _manager
    if _manager is None:
        _manager, errors = make_plugin_manager()
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


@attrs.frozen
class Registry:
    """What the plugins registered: usable exporters, refused names, failed plugins."""

    exporters: dict[str, RegisteredExporter]
    conflicts: dict[str, DuplicateExporterError]
    failures: tuple[PluginError, ...]

    def get(self, name: str) -> RegisteredExporter:
        """The exporter called ``name``.

        Raises :class:`DuplicateExporterError` naming both plugins when two
        registered it, :class:`UnknownExporterError` listing the others when none did.
        """
        if name in self.conflicts:
            raise self.conflicts[name]
        try:
            return self.exporters[name]
        except KeyError:
            raise UnknownExporterError(name, self.exporters) from None

    @property
    def problems(self) -> tuple[PluginError, ...]:
        """Every problem to report: failed plugins, then refused names."""
        return (*self.failures, *self.conflicts.values())


def registry(manager: pluggy.PluginManager | None = None) -> Registry:
    """Ask every plugin for its exporters.

    A plugin whose ``register_exporters`` fails (or registers something that
    is not an :class:`~opiskeluhuolto.exporting.Exporter`) is left out and
    named in :attr:`Registry.failures`; a name registered by two plugins is
    refused (:attr:`Registry.conflicts`).  Every other exporter works.
    """
    manager = get_plugin_manager() if manager is None else manager
    claims: dict[str, list[RegisteredExporter]] = {}
    failures: list[PluginError] = []
    for impl in manager.hook.register_exporters.get_hookimpls():
        plugin_name = manager.get_name(impl.plugin) or impl.plugin_name
        mine: list[RegisteredExporter] = []

        def register(
            exporter: Exporter, _mine: list[RegisteredExporter] = mine, _plugin: str = plugin_name
        ) -> None:
            if not isinstance(exporter, Exporter):
                raise TypeError(f"{exporter!r} is not an Exporter instance")
            _mine.append(RegisteredExporter(exporter, _plugin))

        try:
            impl.function(register=register)
        except Exception as exc:  # a broken plugin must not break the others
            reason = f"{type(exc).__name__}: {exc}"
            failures.append(
                PluginError(
                    plugin_name,
                    f"laajennus {plugin_name!r} kaatui rekisteröidessään viejiä: {reason}",
                    f"plugin {plugin_name!r} failed in register_exporters: {reason}",
                )
            )
            continue
        for registered in mine:
            claims.setdefault(registered.exporter.name, []).append(registered)
    exporters = {name: found[0] for name, found in sorted(claims.items()) if len(found) == 1}
    conflicts = {
        name: DuplicateExporterError(name, (r.plugin for r in found))
        for name, found in sorted(claims.items())
        if len(found) > 1
    }
    return Registry(exporters, conflicts, tuple(failures))


def get_exporters(
    manager: pluggy.PluginManager | None = None,
) -> dict[str, RegisteredExporter]:
    """Every usable exporter by name (see :func:`registry` for what was left out)."""
    return registry(manager).exporters


def get_exporter(name: str, manager: pluggy.PluginManager | None = None) -> RegisteredExporter:
    """The exporter called ``name`` (see :meth:`Registry.get`)."""
    return registry(manager).get(name)
