"""The plugin manager: loads exporters from the ``opiskeluhuolto`` entry points.

Built-in exporters (``plugins/opiskeluhuolto_*``) are registered through the
distribution's entry points exactly like a third party's.  A plugin that fails
to import is reported by name on standard error; every other exporter keeps
working.  Nothing here runs at ``import opiskeluhuolto`` time: the manager is
created on first use.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar, Protocol, TextIO, TypeVar

import attrs
import pluggy

from opiskeluhuolto import hookspecs, output
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.exporting import (
    Between,
    Converter,
    ExportContext,
    Exporter,
    OneOf,
    Option,
    OptionError,
    Output,
    Rendered,
)
from opiskeluhuolto.fmt import Lang, pick
from opiskeluhuolto.stores import RecordStore, RecordStoreError

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import Organisation
    from opiskeluhuolto.records import Record, Records
    from opiskeluhuolto.recurrence import SchoolYear

_T = TypeVar("_T")


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_R = TypeVar("_R", bound=_Named)

__all__ = [
    "DuplicateExporterError",
    "DuplicateRecordStoreError",
    "PluginError",
    "PluginLoadError",
    "RegisteredExporter",
    "RegisteredStore",
    "Registry",
    "StoreRegistry",
    "UnknownExporterError",
    "UnknownRecordStoreError",
    "get_exporter",
    "get_exporters",
    "get_plugin_manager",
    "get_record_store",
    "inspect_exporter",
    "inspect_store",
    "load_errors",
    "make_plugin_manager",
    "registry",
    "reset",
    "store_registry",
]

ENTRY_POINT_GROUP = hookspecs.PROJECT


class PluginError(BilingualError, RuntimeError):
    """A plugin misbehaved; the message names the plugin (Finnish and English).

    ``status`` is the exit status the command line gives: 1 for a plugin's
    bug (it crashed, handed over the wrong thing, tried to end the program),
    2 for a setup the user must fix (two plugins claim one name), 130 for an
    interruption.  The host decides it, never the plugin.
    """

    status: int = 1

    def __init__(
        self, plugin: str, message_fi: str, message_en: str, *, status: int | None = None
    ) -> None:
        super().__init__(message_fi, message_en)
        self.plugin = plugin
        if status is not None:
            self.status = status


class _DuplicateNameError(PluginError):
    """Two plugins registered the same name (an exporter's, a store's): it is refused."""

    status = 2
    what: ClassVar[tuple[str, str]]  # "two …": Finnish partitive, English plural

    def __init__(self, name: str, plugins: Iterable[str]) -> None:
        self.name = name
        self.plugins = tuple(plugins)
        quoted = ", ".join(repr(p) for p in self.plugins)
        what_fi, what_en = self.what
        super().__init__(
            self.plugins[-1],
            f"kaksi {what_fi} samalla nimellä {name!r} (laajennukset {quoted}); "
            "kumpaakaan ei käytetä ennen kuin toinen poistetaan",
            f"two {what_en} named {name!r} (plugins {quoted}); "
            "neither is used until one is removed",
        )


class DuplicateExporterError(_DuplicateNameError):
    """Two plugins registered exporters with the same name: the name is refused."""

    what = ("viejää", "exporters")


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
        return pick(
            lang,
            f"laajennusta {self.name!r} ({self.value}) ei voitu ladata: {self.error}",
            f"plugin {self.name!r} ({self.value}) could not be loaded: {self.error}",
            f"tillägget {self.name!r} ({self.value}) kunde inte laddas: {self.error}",
        )


_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
"""An exporter's name (``export NAME``) and an option's name: short, lower-case, ASCII."""


def _plugin_fault(
    plugin: str, exporter: str | None, fi: str, en: str, *, status: int = 1
) -> PluginError:
    """A :class:`PluginError` whose message starts by naming the exporter and the plugin."""
    if exporter is None:
        who_fi, who_en = f"laajennus {plugin!r}", f"plugin {plugin!r}"
    else:
        who_fi = f"viejä {exporter!r} (laajennus {plugin!r})"
        who_en = f"exporter {exporter!r} (plugin {plugin!r})"
    return PluginError(plugin, f"{who_fi} {fi}", f"{who_en} {en}", status=status)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _guarded(
    plugin: str,
    exporter: str | None,
    doing_fi: str,
    doing_en: str,
    call: Callable[[], _T],
    passes: tuple[type[BaseException], ...] = (),
) -> _T:
    """Run a plugin's code; whatever it raises comes back as a PluginError naming it.

    Exceptions in ``passes`` (an exporter's documented refusals: ``OptionError``,
    ``ValueError``) go through as they are.  ``SystemExit`` never ends the
    program with the plugin's status and ``KeyboardInterrupt`` gives the
    host's 130: a plugin decides no exit status.
    """
    try:
        return call()
    except passes:
        raise
    except PluginError:
        raise
    except SystemExit as exc:
        raise _plugin_fault(
            plugin,
            exporter,
            f"yritti lopettaa ohjelman {doing_fi} (SystemExit {exc.code!r})",
            f"tried to end the program in {doing_en} (SystemExit {exc.code!r})",
        ) from exc
    except KeyboardInterrupt as exc:
        raise _plugin_fault(
            plugin,
            exporter,
            f"keskeytettiin {doing_fi}",
            f"was interrupted in {doing_en}",
            status=130,
        ) from exc
    except BaseException as exc:  # a broken plugin must not break the host
        raise _plugin_fault(
            plugin,
            exporter,
            f"kaatui {doing_fi}: {_reason(exc)}",
            f"failed in {doing_en}: {_reason(exc)}",
        ) from exc


def _text_attribute(
    exporter: object, attribute: str, *, required: bool, problems: list[tuple[str, str]]
) -> str:
    value = getattr(exporter, attribute, None)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(
            (
                f"{attribute} puuttuu tai ei ole tekstiä ({type(value).__name__})",
                f"{attribute} is missing or not text ({type(value).__name__})",
            )
        )
        return ""
    if "\n" in value or not value.isprintable():
        problems.append(
            (f"{attribute} ei ole yksi rivi tekstiä", f"{attribute} is not one line of text")
        )
        return ""
    return value


def _option_problems(options: object) -> list[tuple[str, str]]:
    if not isinstance(options, tuple | list):
        return [
            (
                f"options on {type(options).__name__}, ei Option-arvojen monikko",
                f"options is a {type(options).__name__}, not a tuple of Option",
            )
        ]
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for option in options:
        if not isinstance(option, Option):
            problems.append(
                (
                    f"options sisältää arvon {type(option).__name__}, ei Option",
                    f"options holds a {type(option).__name__}, not an Option",
                )
            )
            continue
        name = option.name
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            problems.append(
                (f"asetuksen nimi {name!r} ei kelpaa", f"option name {name!r} is not valid")
            )
            continue
        if name in seen:
            problems.append((f"asetus {name!r} on kahdesti", f"option {name!r} is declared twice"))
        seen.add(name)
        if not isinstance(option.converter, Converter):
            problems.append(
                (
                    f"asetuksen {name!r} muunnin {option.converter!r} ei ole TEXT, "
                    "WHOLE_NUMBER eikä YES_NO",
                    f"option {name!r} has converter {option.converter!r}, not TEXT, "
                    "WHOLE_NUMBER or YES_NO",
                )
            )
            continue
        if option.validator is not None and not isinstance(option.validator, OneOf | Between):
            problems.append(
                (
                    f"asetuksen {name!r} tarkistin {option.validator!r} ei ole OneOf eikä Between",
                    f"option {name!r} has validator {option.validator!r}, not OneOf or Between",
                )
            )
            continue
        try:
            option.check(option.default)
        except OptionError:
            problems.append(
                (
                    f"asetuksen {name!r} oletusarvo {option.default!r} ei kelpaa "
                    f"({option.converter.expected_fi})",
                    f"option {name!r} has default {option.default!r}, which is not valid "
                    f"({option.converter.expected_en})",
                )
            )
        if not all(isinstance(text, str) for text in (option.help, option.help_en, option.help_sv)):
            problems.append(
                (f"asetuksen {name!r} ohje ei ole tekstiä", f"option {name!r} help is not text")
            )
    return problems


@attrs.frozen
class RegisteredExporter:
    """An exporter, the plugin it came from, and what it declared, checked once.

    The host reads an exporter's declarations only here (:func:`inspect_exporter`
    checked them at registration) and calls its code only through the methods
    below, which name the plugin whatever it does: raise, hand over the wrong
    thing, or call ``sys.exit``.
    """

    exporter: Exporter
    plugin: str
    name: str = ""
    description: str = ""
    description_en: str = ""
    description_sv: str = ""
    output: Output = Output.FILE
    default_path: str | None = None
    options: tuple[Option, ...] = ()
    publishes: bool = False

    def describe(self, lang: Lang = "fi") -> str:
        """The one-line description in ``lang`` (Finnish when the plugin gave none)."""
        return pick(
            lang,
            self.description,
            self.description_en or self.description,
            self.description_sv or self.description,
        )

    def parse_options(self, raw: Mapping[str, str]) -> dict[str, str | int | bool | None]:
        """The exporter's :meth:`~Exporter.parse_options`; ``OptionError`` is the user's."""
        values = _guarded(
            self.plugin,
            self.name,
            "asetuksia lukiessa",
            "parse_options",
            lambda: self.exporter.parse_options(raw),
            (OptionError,),
        )
        if not isinstance(values, Mapping):
            raise _plugin_fault(
                self.plugin,
                self.name,
                f"palautti asetuksista tyypin {type(values).__name__}, ei sanakirjaa",
                f"returned a {type(values).__name__} from parse_options, not a dict",
            )
        return dict(values)

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> tuple[str, ...]:
        """The file name endings the output must have (``()``: any)."""
        found = _guarded(
            self.plugin,
            self.name,
            "päätteitä kysyttäessä",
            "suffixes",
            lambda: self.exporter.suffixes(options),
        )
        if not isinstance(found, tuple | list) or not all(
            isinstance(suffix, str) and suffix.startswith(".") for suffix in found
        ):
            raise _plugin_fault(
                self.plugin,
                self.name,
                f"antoi päätteiksi {found!r}; odotettiin monikkoa kuten ('.ics',)",
                f"returned {found!r} from suffixes; expected a tuple such as ('.ics',)",
            )
        return tuple(suffix.lower() for suffix in found)

    def render(self, context: ExportContext) -> Rendered:
        """Run the exporter and check what it hands over against its ``output``.

        A file (or standard output) is bytes; a folder is a mapping of
        relative paths to bytes.  ``OptionError`` and ``ValueError`` are the
        exporter's refusals of the data or the options and go through as they
        are; anything else it raises, or hands over, is a :class:`PluginError`
        naming the plugin.
        """
        # The options once more against the declarations: a program may have
        # built the context itself, and render trusts what it is given.
        checked = _guarded(
            self.plugin,
            self.name,
            "asetuksia tarkistettaessa",
            "check_options",
            lambda: self.exporter.check_options(context.options),
            (OptionError,),
        )
        context = attrs.evolve(context, options=checked)
        rendered = _guarded(
            self.plugin,
            self.name,
            "viedessä",
            "render",
            lambda: self.exporter.render(context),
            (OptionError, ValueError),
        )
        if self.output is Output.FOLDER:
            if isinstance(rendered, Mapping) and all(
                isinstance(key, str) and isinstance(value, bytes | bytearray)
                for key, value in rendered.items()
            ):
                for key in rendered:
                    try:
                        output.relative_path(key)
                    except output.OutputError as exc:
                        raise _plugin_fault(
                            self.plugin,
                            self.name,
                            f"palautti kelvottoman nimen: {exc.message_fi}",
                            f"returned a bad name: {exc.message_en}",
                        ) from None
                return {key: bytes(value) for key, value in rendered.items()}
            want_fi, want_en = "kansio: sanakirja polku → tavut", "a folder: dict of path → bytes"
        else:
            if isinstance(rendered, bytes | bytearray):
                return bytes(rendered)
            want_fi, want_en = "tiedoston tavut (bytes)", "a file's bytes"
        raise _plugin_fault(
            self.plugin,
            self.name,
            f"palautti tyypin {_shape(rendered)}; odotettiin {want_fi}",
            f"returned {_shape(rendered)}; expected {want_en}",
        )


def _shape(value: object) -> str:
    """``dict[str, str]``, ``NoneType``, ``bytes``: what a plugin handed over, briefly."""
    if isinstance(value, Mapping):
        keys = {type(k).__name__ for k in value}
        values = {type(v).__name__ for v in value.values()}
        return f"dict[{' | '.join(sorted(keys)) or '?'}, {' | '.join(sorted(values)) or '?'}]"
    return type(value).__name__


def inspect_exporter(exporter: object, plugin: str) -> RegisteredExporter:
    """Check what an exporter declares and take it in, or raise a PluginError naming the plugin.

    Every problem is listed in the one message: a missing or non-text
    ``name`` or ``description``, an ``output`` that is not an :class:`Output`,
    ``options`` that are not :class:`Option` values (or whose defaults do not
    fit their kind), a ``default_path`` that is not text, a ``publishes`` that is not a bool.
    """
    if not isinstance(exporter, Exporter):
        raise _plugin_fault(
            plugin,
            None,
            f"rekisteröi arvon {type(exporter).__name__}, joka ei ole Exporter",
            f"registered a {type(exporter).__name__}, which is not an Exporter",
        )

    def declarations() -> RegisteredExporter:
        problems: list[tuple[str, str]] = []
        name = getattr(exporter, "name", None)
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise _plugin_fault(
                plugin,
                None,
                f"rekisteröi viejän {type(exporter).__name__}, jonka nimi {name!r} ei kelpaa "
                "(pieniä kirjaimia a–z, numeroita, - tai _, enintään 32)",
                f"registered exporter {type(exporter).__name__} whose name {name!r} is not "
                "valid (lower-case a–z, digits, - or _, at most 32)",
            )
        description = _text_attribute(exporter, "description", required=True, problems=problems)
        description_en = _text_attribute(
            exporter, "description_en", required=False, problems=problems
        )
        description_sv = _text_attribute(
            exporter, "description_sv", required=False, problems=problems
        )
        output = getattr(exporter, "output", None)
        if not isinstance(output, Output):
            problems.append(
                (
                    f"output on {output!r}, ei Output.FILE, Output.FOLDER eikä Output.STDOUT",
                    f"output is {output!r}, not Output.FILE, Output.FOLDER or Output.STDOUT",
                )
            )
        default_path = getattr(exporter, "default_path", None)
        if default_path is not None and (not isinstance(default_path, str) or not default_path):
            problems.append(
                (
                    f"default_path on {default_path!r}, ei tekstiä eikä None",
                    f"default_path is {default_path!r}, not text or None",
                )
            )
        options = getattr(exporter, "options", ())
        problems.extend(_option_problems(options))
        publishes = getattr(exporter, "publishes", False)
        if not isinstance(publishes, bool):
            problems.append(
                (
                    f"publishes on {publishes!r}, ei True eikä False",
                    f"publishes is {publishes!r}, not True or False",
                )
            )
        if problems:
            raise _plugin_fault(
                plugin,
                name,
                "ei kelpaa: " + "; ".join(fi for fi, _ in problems),
                "is not valid: " + "; ".join(en for _, en in problems),
            )
        assert isinstance(output, Output)
        return RegisteredExporter(
            exporter,
            plugin,
            name=name,
            description=description,
            description_en=description_en,
            description_sv=description_sv,
            output=output,
            default_path=default_path,
            options=tuple(options),
            publishes=bool(publishes),
        )

    return _guarded(plugin, None, "viejää tarkistettaessa", "its declarations", declarations)


_manager: pluggy.PluginManager | None = None
_errors: list[PluginLoadError] = []
_pending: list[importlib.metadata.EntryPoint] = []
"""Entry points of the process-wide manager not loaded yet (see :func:`registry`)."""


def _entry_points(
    distributions: Iterable[str] | None,
) -> list[importlib.metadata.EntryPoint]:
    """The ``opiskeluhuolto`` entry points (of ``distributions`` only, when given)."""
    wanted = None if distributions is None else set(distributions)
    found: list[importlib.metadata.EntryPoint] = []
    seen: set[tuple[str, str]] = set()
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = entry_point.dist.name if entry_point.dist is not None else None
        if wanted is not None and dist not in wanted:
            continue
        if (entry_point.name, entry_point.value) in seen:
            continue  # the same distribution seen twice on sys.path
        seen.add((entry_point.name, entry_point.value))
        found.append(entry_point)
    return found


def _load(
    manager: pluggy.PluginManager,
    entry_points: Iterable[importlib.metadata.EntryPoint],
    errors: list[PluginLoadError],
    stderr: TextIO | None,
) -> None:
    """Import and register ``entry_points``; a failure is named and the others load."""
    for entry_point in entry_points:
        name = entry_point.name
        if manager.has_plugin(name):  # two distributions, one entry-point name
            dist = entry_point.dist.name if entry_point.dist is not None else "?"
            name = f"{name} ({dist})"
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=name)
        except BaseException as exc:  # even sys.exit() at import: the others still work
            error = PluginLoadError(name, entry_point.value, _reason(exc))
            errors.append(error)
            if stderr is not None:
                print(f"opiskeluhuolto: {error}", file=stderr)
    _check_pending(manager, errors, stderr)


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
    manager = _new_manager()
    errors: list[PluginLoadError] = []
    if entry_points:
        _load(manager, _entry_points(distributions), errors, stderr)
    return manager, errors


def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


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


def _process_manager(named: str | None = None) -> pluggy.PluginManager:
    """The process-wide manager, with the entry points called ``named`` (or all) loaded."""
    global _manager
    if _manager is None:
        _manager = _new_manager()
        _pending[:] = _entry_points(None)
        _errors.clear()
    wanted = [ep for ep in _pending if named is None or ep.name == named]
    if wanted:
        _pending[:] = [ep for ep in _pending if ep not in wanted]
        _load(_manager, wanted, _errors, None)
    return _manager


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, every entry point loaded on first use.

    Plugins that fail to load are left out; :func:`load_errors` names them
    (the command line reports them on standard error in the user's language).
    """
    return _process_manager()


def load_errors() -> tuple[PluginLoadError, ...]:
    """The plugins that failed to load into the process-wide manager so far."""
    return tuple(_errors)


def reset(
    manager: pluggy.PluginManager | None = None, errors: Iterable[PluginLoadError] = ()
) -> None:
    """Drop (or replace) the process-wide manager; for tests and embedding hosts.

    ``errors`` are the load failures :func:`load_errors` then reports (those
    :func:`make_plugin_manager` returned with ``manager``).
    """
    global _manager
    _manager = manager
    _errors[:] = errors
    _pending.clear()


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


def registry(
    manager: pluggy.PluginManager | None = None, *, exporter: str | None = None
) -> Registry:
    """Ask every plugin for its exporters.

    A plugin whose ``register_exporters`` fails (or registers something that
    is not an :class:`~opiskeluhuolto.exporting.Exporter`) is left out and
    named in :attr:`Registry.failures`; a name registered by two plugins is
    refused (:attr:`Registry.conflicts`).  Every other exporter works.

    With the process-wide manager and ``exporter`` given, only the entry
    points *named* ``exporter`` are imported (``export ical`` imports the
    ``ical`` plugin, not the wheel's); the others are imported only when none
    of those registers it.  Two plugins whose entry points share that name
    are both imported, so their clash is still refused.
    """
    if manager is None:
        found = _registry(_process_manager(exporter))
        settled = exporter is None or exporter in found.exporters or exporter in found.conflicts
        if settled or not _pending:
            return found
        manager = _process_manager()  # nothing named so registered it: import the rest
    return _registry(manager)


def _claims(
    manager: pluggy.PluginManager,
    hook: str,
    inspect: Callable[[object, str], _R],
    doing_fi: str,
) -> tuple[dict[str, list[_R]], list[PluginError]]:
    """Call every plugin's ``hook`` with a ``register``; what each registered, by name.

    A plugin whose hook fails (or registers something ``inspect`` refuses)
    is left out and named among the failures; the others keep theirs.
    """
    claims: dict[str, list[_R]] = {}
    failures: list[PluginError] = []
    for impl in getattr(manager.hook, hook).get_hookimpls():
        plugin_name = manager.get_name(impl.plugin) or impl.plugin_name
        mine: list[_R] = []

        def register(thing: object, _mine: list[_R] = mine, _plugin: str = plugin_name) -> None:
            _mine.append(inspect(thing, _plugin))

        try:
            _guarded(
                plugin_name,
                None,
                doing_fi,
                hook,
                functools.partial(impl.function, register=register),
            )
        except PluginError as exc:  # a broken plugin must not break the others
            failures.append(exc)
            continue
        for registered in mine:
            claims.setdefault(registered.name, []).append(registered)
    return claims, failures


def _registry(manager: pluggy.PluginManager) -> Registry:
    claims, failures = _claims(
        manager, "register_exporters", inspect_exporter, "rekisteröidessään viejiä"
    )
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
    """The exporter called ``name`` (see :meth:`Registry.get`); imports only what it needs."""
    return registry(manager, exporter=name).get(name)


# ---------------------------------------------------------------------------
# Records stores (register_record_stores)
# ---------------------------------------------------------------------------


class DuplicateRecordStoreError(_DuplicateNameError):
    """Two plugins registered records stores with the same name: the name is refused."""

    what = ("seurantavarastoa", "records stores")


class UnknownRecordStoreError(BilingualError, LookupError):
    """No records store of that name is registered."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        listed = ", ".join(self.known) or "–"
        super().__init__(
            f"tuntematon seurantavarasto {name!r}; saatavilla: {listed}",
            f"unknown records store {name!r}; available: {listed}",
        )


_STORE_REFUSALS: tuple[type[BaseException], ...] = (ValueError, RecordStoreError)
"""What a store may raise for the user to fix: bad records (LoadError) and its own refusals."""


def _store_fault(plugin: str, store: str, fi: str, en: str) -> PluginError:
    return PluginError(
        plugin,
        f"seurantavarasto {store!r} (laajennus {plugin!r}) {fi}",
        f"records store {store!r} (plugin {plugin!r}) {en}",
    )


@attrs.frozen
class RegisteredStore:
    """A records store, the plugin it came from, and its checked declarations.

    The host calls a store only through these methods: whatever the store
    raises besides its refusals (``LoadError`` and other ``ValueError``,
    :class:`~opiskeluhuolto.stores.RecordStoreError`) or hands back comes
    back as a :class:`PluginError` naming the plugin.
    """

    store: RecordStore
    plugin: str
    name: str = ""
    description: str = ""
    description_en: str = ""

    def describe(self, lang: Lang = "fi") -> str:
        return self.description_en if lang == "en" and self.description_en else self.description

    def _call(self, doing_fi: str, doing_en: str, call: Callable[[], _T]) -> _T:
        return _guarded(
            self.plugin,
            None,
            f"seurantavaraston {self.name!r} {doing_fi}",
            f"records store {self.name!r} {doing_en}",
            call,
            _STORE_REFUSALS,
        )

    def default_location(self, school_year: SchoolYear) -> str:
        found = self._call(
            "oletussijaintia kysyttäessä",
            "default_location",
            lambda: self.store.default_location(school_year),
        )
        if not isinstance(found, str) or not found:
            raise _plugin_fault(
                self.plugin,
                None,
                f"antoi oletussijainniksi {found!r}, ei tekstiä",
                f"returned {found!r} from default_location, not text",
            )
        return found

    def exists(self, location: str) -> bool:
        found = self._call("tarkistuksessa", "exists", lambda: self.store.exists(location))
        return bool(found)

    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        from opiskeluhuolto.records import Records

        found = self._call(
            "luvussa", "read", lambda: self.store.read(location, organisation, school_year)
        )
        if not isinstance(found, Records) or found.school_year != school_year:
            raise _store_fault(
                self.plugin,
                self.name,
                f"palautti arvon {_shape(found)}, ei lukuvuoden {school_year} Records-arvoa",
                f"returned {_shape(found)}, not the Records of school year {school_year}",
            )
        return found

    def put(
        self, location: str, record: Record, organisation: Organisation, school_year: SchoolYear
    ) -> None:
        self._call(
            "kirjauksessa",
            "put",
            lambda: self.store.put(location, record, organisation, school_year),
        )


def inspect_store(store: object, plugin: str) -> RegisteredStore:
    """Check what a store declares and take it in, or raise a PluginError naming the plugin."""
    if not isinstance(store, RecordStore):
        raise _plugin_fault(
            plugin,
            None,
            f"rekisteröi arvon {type(store).__name__}, joka ei ole RecordStore",
            f"registered a {type(store).__name__}, which is not a RecordStore",
        )
    name = getattr(store, "name", None)
    if not isinstance(name, str) or not _NAME.fullmatch(name) or len(name) < 2:
        raise _plugin_fault(
            plugin,
            None,
            f"rekisteröi seurantavaraston {type(store).__name__}, jonka nimi {name!r} ei kelpaa "
            "(2–32 merkkiä: pieniä kirjaimia a–z, numeroita, - tai _)",
            f"registered records store {type(store).__name__} whose name {name!r} is not "
            "valid (2–32 characters: lower-case a–z, digits, - or _)",
        )
    problems: list[tuple[str, str]] = []
    description = _text_attribute(store, "description", required=True, problems=problems)
    description_en = _text_attribute(store, "description_en", required=False, problems=problems)
    if problems:
        raise _store_fault(
            plugin,
            name,
            "ei kelpaa: " + "; ".join(fi for fi, _ in problems),
            "is not valid: " + "; ".join(en for _, en in problems),
        )
    return RegisteredStore(store, plugin, name, description, description_en)


@attrs.frozen
class StoreRegistry:
    """What the plugins registered as records stores: usable ones, refused names, failures."""

    stores: dict[str, RegisteredStore]
    conflicts: dict[str, DuplicateRecordStoreError]
    failures: tuple[PluginError, ...]

    def get(self, name: str) -> RegisteredStore:
        """The store called ``name`` (DuplicateRecordStoreError, UnknownRecordStoreError)."""
        if name in self.conflicts:
            raise self.conflicts[name]
        try:
            return self.stores[name]
        except KeyError:
            raise UnknownRecordStoreError(name, self.stores) from None


def store_registry(
    manager: pluggy.PluginManager | None = None, *, store: str | None = None
) -> StoreRegistry:
    """Ask every plugin for its records stores (lazily, as :func:`registry` does).

    With the process-wide manager and ``store`` given, the entry points
    named ``store`` are imported first, the rest only when none of those
    registers it.
    """
    if manager is None:
        found = _store_registry(_process_manager(store))
        settled = store is None or store in found.stores or store in found.conflicts
        if settled or not _pending:
            return found
        manager = _process_manager()
    return _store_registry(manager)


def _store_registry(manager: pluggy.PluginManager) -> StoreRegistry:
    claims, failures = _claims(
        manager, "register_record_stores", inspect_store, "rekisteröidessään seurantavarastoja"
    )
    stores = {name: found[0] for name, found in sorted(claims.items()) if len(found) == 1}
    conflicts = {
        name: DuplicateRecordStoreError(name, (r.plugin for r in found))
        for name, found in sorted(claims.items())
        if len(found) > 1
    }
    return StoreRegistry(stores, conflicts, tuple(failures))


def get_record_store(name: str, manager: pluggy.PluginManager | None = None) -> RegisteredStore:
    """The records store called ``name``; imports only what it needs."""
    return store_registry(manager, store=name).get(name)
