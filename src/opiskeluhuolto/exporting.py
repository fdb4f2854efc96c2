"""The exporter contract: what a plugin implements and what it is given.

An exporter is a subclass of :class:`Exporter` that declares its name, a
one-line description, its options and what it produces (a file, a folder or
standard output), and implements :meth:`Exporter.render`.  It never writes
anything itself: it returns bytes (a file) or a mapping of relative paths to
bytes (a folder), and the host writes them atomically.

Plugins hand their exporters to the host through the ``register_exporters``
hook (see :mod:`opiskeluhuolto.hookspecs`).  This module imports neither
pluggy nor any exporter dependency.
"""

from __future__ import annotations

import abc
import datetime as _dt
import enum
from collections.abc import Callable, Mapping
from typing import ClassVar

import attrs

from opiskeluhuolto.calendar import CalendarOccurrence, Organisation, ResolvedItem
from opiskeluhuolto.fmt import Lang
from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "ExportContext",
    "Exporter",
    "Option",
    "OptionError",
    "Output",
    "Rendered",
]


class Output(enum.Enum):
    """What an exporter produces."""

    FILE = "file"  # one file; ``-o -`` sends it to standard output
    FOLDER = "folder"  # a folder of files
    STDOUT = "stdout"  # standard output only


Rendered = bytes | Mapping[str, bytes]
"""What :meth:`Exporter.render` returns: a file's bytes, or relative path → bytes."""


class OptionError(ValueError):
    """An ``--option KEY=VALUE`` the exporter does not accept."""

    def __init__(self, key: str, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi)
        self.key = key
        self.message_fi = message_fi
        self.message_en = message_en

    def message(self, lang: Lang = "fi") -> str:
        return self.message_en if lang == "en" else self.message_fi


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on", "kyllä", "k"}:
        return True
    if lowered in {"0", "false", "no", "off", "ei", "e"}:
        return False
    raise ValueError(text)


def _parse_non_negative_int(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(text)
    value = int(digits)
    if value < 0:
        raise ValueError(text)
    return value


@attrs.frozen
class Option:
    """An option an exporter accepts as ``--option name=value``.

    ``choices`` limits the value to a set of words; ``kind`` is ``str``,
    ``int`` (a whole number ≥ 0) or ``bool`` (true/false, kyllä/ei).
    """

    name: str
    default: str | int | bool | None
    help: str
    help_en: str = ""
    choices: tuple[str, ...] = ()
    kind: type = str

    def parse(self, text: str) -> str | int | bool:
        if self.choices:
            if text not in self.choices:
                raise OptionError(
                    self.name,
                    f"--option {self.name}: arvo {text!r} ei kelpaa; "
                    f"sallitut: {', '.join(self.choices)}",
                    f"--option {self.name}: invalid value {text!r}; "
                    f"valid choices: {', '.join(self.choices)}",
                )
            return text
        parser: Callable[[str], str | int | bool]
        if self.kind is bool:
            parser, want_fi, want_en = _parse_bool, "true tai false (tai kyllä/ei)", "true or false"
        elif self.kind is int:
            parser, want_fi, want_en = (
                _parse_non_negative_int,
                "kokonaislukua ≥ 0",
                "a whole number ≥ 0",
            )
        else:
            return text
        try:
            return parser(text)
        except ValueError:
            raise OptionError(
                self.name,
                f"--option {self.name}: arvo {text!r} ei kelpaa; odotettiin {want_fi}",
                f"--option {self.name}: invalid value {text!r}; expected {want_en}",
            ) from None

    def describe(self, lang: Lang = "fi") -> str:
        text = self.help_en if lang == "en" and self.help_en else self.help
        if self.choices:
            text += f" ({'|'.join(self.choices)})"
        if self.default is None:
            return f"{self.name}: {text}"
        # As the user would type it: follow_ups=true, never Python's True.
        shown = str(self.default).lower() if isinstance(self.default, bool) else self.default
        return f"{self.name}={shown}: {text}"


@attrs.frozen
class ExportContext:
    """Everything an exporter is given: the data, the range, the group, the options.

    ``occurrences()`` and ``items()`` already apply the group filter and the
    group's overrides.
    """

    organisation: Organisation
    start: _dt.date
    end: _dt.date
    group: str | None = None
    options: Mapping[str, str | int | bool | None] = attrs.field(factory=dict)
    lang: Lang = "fi"
    school_year: SchoolYear | None = None
    today: _dt.date = attrs.field(factory=_dt.date.today)
    generated: _dt.datetime = attrs.field(
        factory=lambda: _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    )

    def occurrences(self) -> list[CalendarOccurrence]:
        return self.organisation.occurrences(self.start, self.end, self.group)

    def items(self) -> tuple[ResolvedItem, ...]:
        return self.organisation.resolve(self.group)

    @property
    def title(self) -> str:
        """A human title for the export: organisation (and group) name."""
        if self.group is None:
            return self.organisation.name
        return f"{self.organisation.name} – {self.organisation.group(self.group).name}"


class Exporter(abc.ABC):
    """Base class of every exporter, built-in or third-party.

    Subclasses set the class attributes and implement :meth:`render`.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    description_en: ClassVar[str] = ""
    output: ClassVar[Output] = Output.FILE
    default_path: ClassVar[str | None] = None
    options: ClassVar[tuple[Option, ...]] = ()

    def describe(self, lang: Lang = "fi") -> str:
        return self.description_en if lang == "en" and self.description_en else self.description

    def parse_options(self, raw: Mapping[str, str]) -> dict[str, str | int | bool | None]:
        """Validate ``--option`` values: defaults filled in, unknown keys refused.

        Raises :class:`OptionError` naming the key and the valid choices.
        """
        known = {option.name: option for option in self.options}
        values: dict[str, str | int | bool | None] = {
            option.name: option.default for option in self.options
        }
        for key, text in raw.items():
            option = known.get(key)
            if option is None:
                names = ", ".join(known) or "–"
                raise OptionError(
                    key,
                    f"--option {key}: tuntematon asetus viejälle {self.name}; sallitut: {names}",
                    f"--option {key}: unknown option for exporter {self.name}; "
                    f"valid options: {names}",
                )
            values[key] = option.parse(text)
        return values

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> tuple[str, ...]:
        """File name endings the output must have with these options (``()``: any).

        The command line refuses ``-o`` with another ending (exit 2), so an
        SVG never lands in ``vuosikello.png``.
        """
        return ()

    @abc.abstractmethod
    def render(self, context: ExportContext) -> Rendered:
        """Produce the export: bytes for a file, or relative path → bytes for a folder."""
