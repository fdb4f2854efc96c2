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
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.fmt import Lang, pick
from opiskeluhuolto.records import Records, TrackedOccurrence, track
from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "TEXT",
    "WHOLE_NUMBER",
    "YES_NO",
    "Between",
    "Converter",
    "ExportContext",
    "Exporter",
    "OneOf",
    "Option",
    "OptionError",
    "OptionValue",
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


class OptionError(BilingualError, ValueError):
    """An ``--option KEY=VALUE`` the exporter does not accept."""

    def __init__(self, key: str, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi, message_en)
        self.key = key


OptionValue = str | int | bool | None
"""What an option holds once converted: text, a whole number, yes/no, or nothing."""


def _yes_no(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on", "kyllä", "k"}:
        return True
    if lowered in {"0", "false", "no", "off", "ei", "e"}:
        return False
    raise ValueError(text)


def _whole_number(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):  # "²" passes str.isdigit
        raise ValueError(text)
    return int(digits)


@attrs.frozen
class Converter:
    """Turns an ``--option`` value's text into the option's value, and says what it wants.

    Use the three there are: :data:`TEXT`, :data:`WHOLE_NUMBER` (0, 1, 2, …) and
    :data:`YES_NO` (true/false, kyllä/ei, 1/0).
    """

    kind: type
    convert: Callable[[str], str | int | bool]
    expected_fi: str
    expected_en: str

    def accepts(self, value: object) -> bool:
        """Whether ``value`` (given in code, not as text) is of this converter's kind."""
        return type(value) is self.kind

    def show(self, value: OptionValue) -> str:
        """``value`` as the user would type it: ``true``, never Python's ``True``."""
        return str(value).lower() if isinstance(value, bool) else str(value)


TEXT = Converter(str, str.strip, "tekstiä", "text")
WHOLE_NUMBER = Converter(int, _whole_number, "kokonaislukua ≥ 0", "a whole number ≥ 0")
YES_NO = Converter(bool, _yes_no, "true tai false (tai kyllä/ei)", "true or false")


@attrs.frozen
class OneOf:
    """A validator: the value is one of ``values`` (listed in help and messages)."""

    values: tuple[str, ...]

    def problem(self, value: OptionValue) -> tuple[str, str] | None:
        if value in self.values:
            return None
        listed = ", ".join(self.values)
        return f"sallitut: {listed}", f"valid choices: {listed}"

    def describe(self) -> str:
        return "|".join(self.values)


@attrs.frozen
class Between:
    """A validator: a whole number from ``minimum`` to ``maximum`` (inclusive; no top: None)."""

    minimum: int = 0
    maximum: int | None = None

    def problem(self, value: OptionValue) -> tuple[str, str] | None:
        if isinstance(value, bool) or not isinstance(value, int):
            pass
        elif value >= self.minimum and (self.maximum is None or value <= self.maximum):
            return None
        if self.maximum is None:
            return (
                f"odotettiin kokonaislukua ≥ {self.minimum}",
                f"expected a whole number ≥ {self.minimum}",
            )
        return (
            f"odotettiin kokonaislukua {self.minimum}–{self.maximum}",
            f"expected a whole number {self.minimum}–{self.maximum}",
        )

    def describe(self) -> str:
        return f"{self.minimum}–{self.maximum}" if self.maximum is not None else f"≥ {self.minimum}"


Validator = OneOf | Between


@attrs.frozen
class Option:
    """An option an exporter accepts as ``--option name=value``.

    ``converter`` turns the text into a value (:data:`TEXT`, :data:`WHOLE_NUMBER`
    or :data:`YES_NO`); ``validator`` (:class:`OneOf`, :class:`Between`) says
    which values are good.  Both carry what the messages and the help say, so an
    exporter never checks its options again: ``context.options`` holds values
    :meth:`Exporter.parse_options` (or :meth:`Exporter.check_options`) let through.

    >>> weeks = Option("weeks", 6, "viikot", converter=WHOLE_NUMBER, validator=Between(1, 520))
    >>> weeks.parse("12")
    12
    >>> weeks.parse("0")
    Traceback (most recent call last):
    ...
    opiskeluhuolto.exporting.OptionError: --option weeks: arvo '0' ei kelpaa; odotettiin \
kokonaislukua 1–520
    """

    name: str
    default: OptionValue
    help: str
    help_en: str = ""
    help_sv: str = ""
    converter: Converter = TEXT
    validator: Validator | None = None

    @property
    def choices(self) -> tuple[str, ...]:
        """The values a :class:`OneOf` validator allows (``()`` for any)."""
        return self.validator.values if isinstance(self.validator, OneOf) else ()

    def _refuse(self, shown: str, fi: str, en: str) -> OptionError:
        return OptionError(
            self.name,
            f"--option {self.name}: arvo {shown!r} ei kelpaa; {fi}",
            f"--option {self.name}: invalid value {shown!r}; {en}",
        )

    def parse(self, text: str) -> str | int | bool:
        """The value of ``--option NAME=text``, converted and validated (or OptionError)."""
        try:
            value = self.converter.convert(text)
        except ValueError:
            bounds = self.validator.problem(None) if isinstance(self.validator, Between) else None
            fi, en = bounds or (
                f"odotettiin {self.converter.expected_fi}",
                f"expected {self.converter.expected_en}",
            )
            raise self._refuse(text, fi, en) from None
        self._validate(value, text)
        return value

    def check(self, value: object) -> OptionValue:
        """A value given in code (an :class:`ExportContext` built by a program), checked.

        Text is parsed as from the command line; any other value must be of
        the converter's kind and pass the validator.
        """
        if value is None:
            return None
        if isinstance(value, str) and self.converter.kind is not str:
            return self.parse(value)
        if not self.converter.accepts(value):
            raise self._refuse(
                repr(value),
                f"odotettiin {self.converter.expected_fi}",
                f"expected {self.converter.expected_en}",
            )
        assert isinstance(value, str | int | bool)
        self._validate(value, self.converter.show(value))
        return value

    def _validate(self, value: OptionValue, shown: str) -> None:
        if self.validator is None:
            return
        problem = self.validator.problem(value)
        if problem is not None:
            raise self._refuse(shown, *problem)

    def describe(self, lang: Lang = "fi") -> str:
        """``name=default: help (bounds)`` in ``lang`` (Finnish where the plugin gave none)."""
        text = pick(lang, self.help, self.help_en or self.help, self.help_sv or self.help)
        if self.validator is not None:
            text += f" ({self.validator.describe()})"
        if self.default is None:
            return f"{self.name}: {text}"
        return f"{self.name}={self.converter.show(self.default)}: {text}"


def _ignore_warning(message: str) -> None:
    """The default warning channel of a context a program built: nothing is said."""


def _ignore_progress(done: int, total: int) -> None:
    """The default progress channel: nothing is shown."""


@attrs.frozen
class ExportContext:
    """Everything an exporter is given: the data, the range, the group, the options.

    ``occurrences()`` and ``items()`` already apply the group filter and the
    group's overrides.  ``target`` is where the host will write the output
    (the ``-o`` path; None for standard output or a program that keeps the
    bytes): a folder exporter may read what it wrote there before, never
    write.  ``warn(message)`` tells the user something that is not an error
    (the command line prints it on standard error); ``progress(done, total)``
    reports a long export's progress (shown only on a terminal).

    ``records`` are what became of the occurrences (``--records``; None: no
    records given).  :meth:`tracked_occurrences` lays them over the range's
    occurrences: each a :class:`~opiskeluhuolto.records.TrackedOccurrence`,
    a moved one at its new days (``.occurrence``; ``.planned`` as planned,
    ``.moved``, ``.cancelled``, ``.record``).  :meth:`occurrences` stays the
    plan.
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
    target: str | None = None
    warn: Callable[[str], None] = attrs.field(default=_ignore_warning, eq=False, repr=False)
    progress: Callable[[int, int], None] = attrs.field(
        default=_ignore_progress, eq=False, repr=False
    )
    records: Records | None = None

    def occurrences(self) -> list[CalendarOccurrence]:
        return self.organisation.occurrences(self.start, self.end, self.group)

    def tracked_occurrences(self) -> list[TrackedOccurrence]:
        """The range's occurrences with the records applied, sorted by the days they are at now.

        Without records every occurrence is as planned and unrecorded.  An
        occurrence moved into the range is in it, one moved out of it is not.
        """
        if self.records is None:
            return [TrackedOccurrence(occ, occ) for occ in self.occurrences()]
        return track(self.organisation, self.records, self.start, self.end, self.group)

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
    description_sv: ClassVar[str] = ""
    output: ClassVar[Output] = Output.FILE
    default_path: ClassVar[str | None] = None
    options: ClassVar[tuple[Option, ...]] = ()
    publishes: ClassVar[bool] = False
    """A publishing exporter (feeds people subscribe to, a site): without a range given
    its range is this school year and the next
    (:func:`opiskeluhuolto.publishing.rolling_range`), not this school year."""

    def describe(self, lang: Lang = "fi") -> str:
        """The one-line description in ``lang`` (Finnish where the plugin gave none)."""
        return pick(
            lang,
            self.description,
            self.description_en or self.description,
            self.description_sv or self.description,
        )

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

    def check_options(self, given: Mapping[str, object]) -> dict[str, OptionValue]:
        """Options given in code (an :class:`ExportContext` a program built), checked.

        The same rules as :meth:`parse_options`: defaults filled in, unknown
        keys refused, each value converted (text) or checked (a value of the
        option's kind) and validated.  The host calls it before every render,
        so ``render`` can trust ``context.options``.
        """
        known = {option.name: option for option in self.options}
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = ", ".join(known) or "–"
            raise OptionError(
                unknown[0],
                f"--option {unknown[0]}: tuntematon asetus viejälle {self.name}; sallitut: {names}",
                f"--option {unknown[0]}: unknown option for exporter {self.name}; "
                f"valid options: {names}",
            )
        return {
            option.name: option.check(given[option.name])
            if given.get(option.name) is not None
            else option.default
            for option in self.options
        }

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> tuple[str, ...]:
        """File name endings the output must have with these options (``()``: any).

        The command line refuses ``-o`` with another ending (exit 2), so an
        SVG never lands in ``vuosikello.png``.
        """
        return ()

    @abc.abstractmethod
    def render(self, context: ExportContext) -> Rendered:
        """Produce the export: bytes for a file, or relative path → bytes for a folder."""
