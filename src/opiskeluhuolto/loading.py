"""Load and validate TOML data files (``schema = 1``).

Validation collects **every** problem in a file, not just the first one.  Each
:class:`Problem` carries the file name, the 1-based line, the key path (such
as ``calendars[0].items[3].when``) and a Finnish and an English message, and
formats as ``FILE:LINE: key.path: message``.  Errors make :func:`load` raise
:class:`LoadError`; warnings (a rule that skips some years, an item that will
have no dates) never do.

The keys of every table but the timings are declared in
:mod:`opiskeluhuolto.schema`, whose walker checks them; this module adds the
lines and the checks across tables (references, duplicate ids, cycles,
overrides) and reads the timings.

:func:`validate_text` and :func:`loads` are pure.  Only :func:`validate_file`,
:func:`load`, :func:`load_default` and :func:`default_data_text` read files.

``tomllib`` reports no lines for keys: the lines come from
:mod:`opiskeluhuolto.locator` (:func:`locate_keys`, :func:`format_path` are
re-exported here).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import errno
import importlib.resources
import json
import os
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeAlias, TypeVar

import attrs

from opiskeluhuolto import schema as _schema
from opiskeluhuolto.builder import RuleBuilder
from opiskeluhuolto.calendar import (
    LANGUAGE_WORDS,
    Calendar,
    Item,
    ItemKind,
    MessageTemplate,
    Organisation,
    Override,
)
from opiskeluhuolto.fmt import (
    WEEKDAYS_EN,
    WEEKDAYS_FI,
    WEEKDAYS_FI_ESSIVE,
    WEEKDAYS_FI_SHORT,
    WEEKDAYS_SV_SHORT,
    pick,
)
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy, find_cycle
from opiskeluhuolto.locator import Locator, format_path, locate_keys
from opiskeluhuolto.messages import template_problems
from opiskeluhuolto.phrases import (
    RuleSyntaxError,
    ordinal_word,
    parse_follow_up,
    parse_rule,
    parse_rule_with_warnings,
)
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
    BreakRelation,
    BreakWindow,
    Cadence,
    DateWindow,
    DeadlineWindow,
    Direction,
    FollowUp,
    FollowUpTarget,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NextMeeting,
    NthWeekdayWindow,
    Phase,
    Rule,
    SchoolDays,
    SchoolDayWindow,
    SchoolYear,
    Season,
    SeasonWindow,
    SingleWindow,
    TermAnchor,
    TermPart,
    TermWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    WeekWindow,
    WindowList,
    YearPattern,
    break_name_problem,
)
from opiskeluhuolto.schema import KeyPath, Reader
from opiskeluhuolto.schema import suggest as _suggest
from opiskeluhuolto.school import Break, SchoolCalendar, Term

__all__ = [
    "DEFAULT_DATA_NAME",
    "DEFAULT_DATA_SET",
    "MAX_LAYERS",
    "SCHEMA",
    "KeyPath",
    "LoadError",
    "LoadResult",
    "Problem",
    "chain_files",
    "data_set_file_name",
    "data_set_names",
    "data_set_text",
    "default_data_text",
    "format_path",
    "load",
    "load_data_set",
    "load_default",
    "loads",
    "locate_keys",
    "validate_file",
    "validate_text",
]

SCHEMA = 1
"""The schema number this version reads."""

MAX_DATA_BYTES = 16 * 1024 * 1024
"""The largest data file read (16 MiB; Sedu's whole data set is about 30 KiB)."""

DEFAULT_DATA_NAME = "sedu.toml (embedded)"  # data_set_file_name("sedu")
"""The file name shown in problems of the embedded default data set."""

Severity: TypeAlias = Literal["error", "warning"]


# ---------------------------------------------------------------------------
# Problems and results
# ---------------------------------------------------------------------------


@attrs.frozen
class Problem:
    """One problem in a data file, in Finnish, English and Swedish.

    ``line`` is 1-based, or None when the problem concerns the whole file (an
    unreadable file, a missing top-level key).  ``path`` is the key path such
    as ``calendars[0].items[3].when``, or "" when there is none (a TOML syntax
    error).
    """

    file: str
    line: int | None
    path: str
    message_fi: str
    message_en: str
    severity: Severity = "error"
    message_sv: str | None = None
    """None only in a problem made elsewhere (a plugin's): Swedish then shows the Finnish."""

    def message(self, lang: str = "fi") -> str:
        """The message in ``lang`` ("fi", "en" or "sv")."""
        return pick(lang, self.message_fi, self.message_en, self.message_sv)

    def format(self, lang: str = "fi") -> str:
        """``FILE:LINE: key.path: message`` (``varoitus:``/``warning:``/``varning:`` before
        a warning)."""
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.path:
            parts.append(self.path)
        message = self.message(lang)
        if self.severity == "warning":
            message = pick(lang, "varoitus: ", "warning: ", "varning: ") + message
        parts.append(message)
        # One problem is one line: a newline (or ESC) quoted from the data
        # is shown as \\uXXXX, never acted on by the terminal.
        return _schema.visible(": ".join(parts))

    def __str__(self) -> str:
        return self.format()


class LoadError(ValueError):
    """A data file has errors.  ``problems`` holds all of them (errors and warnings)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def format(self, lang: str = "fi") -> str:
        """Every problem formatted in ``lang``, one per line."""
        return "\n".join(p.format(lang) for p in self.problems)


@attrs.frozen
class LoadResult:
    """The outcome of validating a file: the organisation (None on errors) and every problem."""

    organisation: Organisation | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors

    def format(self, lang: str = "fi") -> str:
        """Every problem formatted in ``lang``, one per line."""
        return "\n".join(p.format(lang) for p in self.problems)


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

_SYNTAX: tuple[tuple[str, str, str], ...] = (
    # tomllib's English message, its Finnish, its Swedish
    (r"Invalid statement", "virheellinen rivi", "ogiltig rad"),
    (r"Invalid value", "virheellinen arvo", "ogiltigt värde"),
    (
        r"Expected '=' after a key in a key/value pair",
        "avaimen jälkeen puuttuu '='",
        "'=' saknas efter nyckeln",
    ),
    (
        r"Invalid initial character for a key part",
        "virheellinen merkki avaimen alussa",
        "ogiltigt tecken i början av nyckeln",
    ),
    (r"Cannot declare (.*) twice", r"\1 on määritelty kahdesti", r"\1 är definierad två gånger"),
    (
        r"Cannot overwrite a value",
        "arvoa ei voi määritellä uudelleen",
        "värdet kan inte definieras på nytt",
    ),
    (
        r"Cannot mutate immutable namespace (.*)",
        r"tauluun \1 ei voi lisätä avaimia",
        r"tabellen \1 kan inte få fler nycklar",
    ),
    (
        r"Cannot redefine namespace (.*)",
        r"taulua \1 ei voi määritellä uudelleen",
        r"tabellen \1 kan inte definieras på nytt",
    ),
    (r"Duplicate inline table key (.*)", r"avain \1 toistuu", r"nyckeln \1 upprepas"),
    (
        r"Expected '\]' at the end of a table declaration",
        "taulun otsikosta puuttuu ']'",
        "']' saknas i tabellens rubrik",
    ),
    (
        r"Expected '\]\]' at the end of an array declaration",
        "taulun otsikosta puuttuu ']]'",
        "']]' saknas i tabellens rubrik",
    ),
    (r"Unclosed array", "lista jäi sulkematta", "listan stängs aldrig"),
    (r"Unclosed inline table", "taulu jäi sulkematta", "tabellen stängs aldrig"),
    (r"Unterminated string", "merkkijono jäi sulkematta", "strängen stängs aldrig"),
    (
        r"Unescaped '\\' in a string",
        r"merkkijonossa on '\\' ilman koodia",
        r"strängen har ett '\\' utan kod",
    ),
    (r"Invalid hex value", "virheellinen heksadesimaaliarvo", "ogiltigt hexadecimalt värde"),
    (
        r"Illegal character '\\n'",
        "rivinvaihto merkkijonon sisällä (jäikö lainausmerkki pois?)",
        "radbrytning inne i en sträng (fattas ett citattecken?)",
    ),
    (r"Illegal character (.*)", r"kielletty merkki \1", r"otillåtet tecken \1"),
    (r"Found invalid character (.*)", r"virheellinen merkki \1", r"ogiltigt tecken \1"),
    (
        r"Invalid date or datetime",
        "virheellinen päivämäärä tai aikaleima",
        "ogiltigt datum eller ogiltig tidsstämpel",
    ),
    (
        r"Expected newline or end of document after a statement",
        "rivin lopussa on ylimääräistä",
        "raden har något extra i slutet",
    ),
)


def _syntax_problem(exc: tomllib.TOMLDecodeError, filename: str, text: str) -> Problem:
    message = str(exc)
    line: int | None = None
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        line = int(match.group(1))
        message = message[: match.start()]
    elif message.endswith("(at end of document)"):
        message = message[: -len("(at end of document)")].rstrip()
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    finnish = swedish = message
    for pattern, fi, sv in _SYNTAX:
        found = re.fullmatch(pattern, message)
        if found:
            finnish, swedish = found.expand(fi), found.expand(sv)
            break
    return Problem(
        filename,
        line,
        "",
        f"TOML-syntaksivirhe: {finnish}",
        f"TOML syntax error: {message}",
        message_sv=f"TOML-syntaxfel: {swedish}",
    )


# ---------------------------------------------------------------------------
# The validator
# ---------------------------------------------------------------------------

# The keys of the tables other than timings: opiskeluhuolto.schema.
_SCHOOL_WINDOW_KEYS = ("break", "term", "school_day")
_WINDOW_KEYS = ("weeks", "months", "date", "season", "deadline", *_SCHOOL_WINDOW_KEYS, "cadence")
_PART_KEYS = ("part", "weekday", "nth", "repeat", "interval", "week_parity", "time", "school_year")
# The keys that say more about a school-calendar window, each with its window key.
_SCHOOL_WINDOW_PARTS = {"relation": "break", "anchor": "term", "direction": "school_day"}
_YEAR_KEYS = ("every", "parity", "next", "last", "valid", "valid_from", "valid_to")
_WHEN_KEYS = (
    *_WINDOW_KEYS,
    *_PART_KEYS,
    *_SCHOOL_WINDOW_PARTS,
    "school_days",
    *_YEAR_KEYS,
    "results",
)
_RESULTS_TARGETS = ("month", "months", "season", "week", "weeks", "date", "meeting")
_RESULTS_KEYS = (*_RESULTS_TARGETS, "earliest")

_DATE_RANGE = re.compile(
    r"\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*(?:[-–—]\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*)?"
)
_SEASONS = {s.value: s for s in Season}
_RELATIONS = {r.value: r for r in BreakRelation}
_TERM_PARTS = {t.value: t for t in TermPart}
_TERM_ANCHORS = {a.value: a for a in TermAnchor}
_DIRECTIONS = {d.value: d for d in Direction}
_SCHOOL_DAYS = {d.value: d for d in SchoolDays}
_NEXT_MEETING = {"next": NextMeeting()}
_CADENCES = {c.value: c for c in Cadence}
_PARITIES = {"even": Phase.EVEN, "odd": Phase.ODD}
_MONTH_PARTS_TABLE = {p.value: p for p in MonthPart}
_FREQUENCIES = {f.value: f for f in Frequency}
_WEEK_PARITIES = {p.value: p for p in WeekParity}
_TIME_RANGE = re.compile(
    r"\s*(\d{1,2})(?:[.:](\d{2}))?\s*(?:[-–—]\s*(\d{1,2})(?:[.:](\d{2}))?\s*)?"
)


def _weekday_span(text: str) -> tuple[Weekday, Weekday | None] | None:
    """``"ti"``, ``"tiistai"``, ``"tiistaina"``, ``"ma-pe"`` as weekdays (or None)."""
    names = {
        **{w: Weekday(i) for i, w in enumerate(WEEKDAYS_FI_SHORT)},
        **{w: Weekday(i) for i, w in enumerate(WEEKDAYS_FI)},
        **{w: Weekday(i) for i, w in enumerate(WEEKDAYS_FI_ESSIVE)},
    }
    parts = [p.strip().lower() for p in re.split("[-–—]", text)]
    if not 1 <= len(parts) <= 2 or any(p not in names for p in parts):
        return None
    first = names[parts[0]]
    return (first, names[parts[1]]) if len(parts) == 2 else (first, None)


_E = TypeVar("_E")


@attrs.define
class _ItemInfo:
    id: str
    path: KeyPath
    calendar: str
    owner: str | None
    rule: Rule | None
    also_in: tuple[str, ...] | None = None


_CALENDAR_TO_PLACE = _schema.Table(
    _schema.CALENDAR.name,
    tuple(
        attrs.evolve(key, required=False) if key.name == "owner" else key
        for key in _schema.CALENDAR.keys
    ),
)
"""A base's calendar that the extending file places (gives its owner)."""


@attrs.define
class _Layer:
    """One file of a chain of ``extends``: its name in problems, its lines, its data."""

    filename: str
    locator: Locator
    data: dict[str, Any]


class _Validator:
    def __init__(
        self,
        filename: str,
        text: str,
        layers: Sequence[_Layer] = (),
        origins: Mapping[KeyPath, tuple[int, KeyPath]] | None = None,
    ) -> None:
        # The layers, base first; the last one is the file being checked.
        # ``origins`` maps a key path of the merged document (or a prefix of
        # one) to the layer and the key path it was written at.
        self.layers: list[_Layer] = list(layers) or [_Layer(filename, Locator(text), {})]
        self.origins: Mapping[KeyPath, tuple[int, KeyPath]] = origins or {}
        self.top = len(self.layers) - 1
        self.filename = filename
        self.problems: list[Problem] = []
        self.group_paths: dict[str, KeyPath] = {}
        self.walker = _schema.Walker(self.error)
        # Every rule of an item or override with the path of its `when`, for
        # the checks against the school calendar once the whole file is read.
        self.timed: list[tuple[Rule, KeyPath]] = []
        # Overrides that name their item and nothing else (an error once the item is known).
        self.empty_overrides: set[KeyPath] = set()
        # Group id → the groups whose highlights it hears (highlights_from).
        self.highlights_from: dict[str, tuple[str, ...]] = {}
        # organisation.languages: the data's own language first (Finnish by default).
        self.languages: tuple[str, ...] = ("fi",)

    @property
    def declared_languages(self) -> bool:
        """Whether the organisation declares several languages (translations are checked)."""
        return len(self.languages) > 1

    # -- reporting ---------------------------------------------------------

    def origin(self, path: KeyPath) -> tuple[int, KeyPath]:
        """The layer ``path`` of the merged document was written in, and its path there."""
        for cut in range(len(path), 0, -1):
            found = self.origins.get(path[:cut])
            if found is not None:
                layer, prefix = found
                return layer, (*prefix, *path[cut:])
        return self.top, path

    def report(
        self,
        severity: Severity,
        path: KeyPath,
        fi: str,
        en: str,
        sv: str,
        line: int | None = None,
    ) -> None:
        index, where = self.origin(path)
        layer = self.layers[index]
        if line is None:
            line = layer.locator.line(where)
        if line is None and len(where) <= 1:
            line = 1  # a missing top-level key: the top of the file
        self.problems.append(
            Problem(layer.filename, line, format_path(where), fi, en, severity, sv)
        )

    def shown(self, path: KeyPath) -> str:
        """``path`` for a message: ``groups[3]``, or ``FILE:LINE groups[3]`` in a base file."""
        index, where = self.origin(path)
        if index == self.top:
            return format_path(where)
        layer = self.layers[index]
        line = layer.locator.line(where)
        return f"{layer.filename}:{line} {format_path(where)}"

    def error(self, path: KeyPath, fi: str, en: str, sv: str, line: int | None = None) -> None:
        self.report("error", path, fi, en, sv, line)

    def warning(self, path: KeyPath, fi: str, en: str, sv: str) -> None:
        self.report("warning", path, fi, en, sv)

    def example(self, fi: str, sv: str) -> str:
        """A phrase for a Swedish message's example: in the data's own phrase language."""
        return sv if self.phrase_lang == "sv" else fi

    def check_timezone(self, name: str, path: KeyPath) -> None:
        if not _is_iana_zone(name):
            hint = _suggest(name[:64], _iana_zones())
            fi_hint = f" – tarkoititko '{hint}'?" if hint else ""
            en_hint = f" – did you mean '{hint}'?" if hint else ""
            sv_hint = f" – menade du '{hint}'?" if hint else ""
            shown = name if len(name) <= 64 else name[:64] + "…"
            self.error(
                path,
                f"tuntematon aikavyöhyke '{shown}' (esim. Europe/Helsinki){fi_hint}",
                f"unknown time zone '{shown}' (e.g. Europe/Helsinki){en_hint}",
                f"okänd tidszon '{shown}' (t.ex. Europe/Helsinki){sv_hint}",
            )

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def sorted_problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.problems, key=lambda p: 0 if p.line is None else p.line))

    # -- generic checks (the walker's, for the timing code) ----------------

    def wrong_type(self, path: KeyPath, value: object, fi: str, en: str, sv: str) -> None:
        self.walker.wrong_type(path, value, fi, en, sv)

    def keys(
        self,
        table: Mapping[str, object],
        path: KeyPath,
        allowed: Sequence[str],
        required: Sequence[str] = (),
    ) -> None:
        self.walker.check_keys(table, path, allowed, required)

    def integer(
        self, value: object, path: KeyPath, lo: int | None = None, hi: int | None = None
    ) -> int | None:
        return self.walker.integer(value, path, lo, hi)

    def boolean(self, table: Mapping[str, object], key: str, path: KeyPath) -> bool | None:
        if key not in table:
            return None
        return self.walker.boolean(table[key], (*path, key))

    def choice(self, value: object, path: KeyPath, choices: Mapping[str, _E]) -> _E | None:
        return self.walker.choice(value, path, choices)

    def optional_choice(
        self, table: Mapping[str, object], key: str, path: KeyPath, choices: Mapping[str, _E]
    ) -> _E | None:
        if key not in table:
            return None
        return self.walker.choice(table[key], (*path, key), choices)

    def duplicate(
        self,
        seen: dict[str, KeyPath],
        value: str,
        path: KeyPath,
        what_fi: str,
        what_en: str,
        what_sv: str,
        said: tuple[str, str] | None = None,
    ) -> bool:
        """Report ``value`` when it was seen before; remember it otherwise.

        ``said`` words the Finnish and the Swedish where "X 'v' on jo käytössä"
        ("X 'v' används redan") does not fit, with ``{value}`` in them:
        ("kohdalle '{value}' on jo muutos", "punkten '{value}' har redan en ändring").
        """
        first = seen.get(value)
        if first is None:
            seen[value] = path
            return False
        first_layer, first_where = self.origin(first)
        first_line = self.layers[first_layer].locator.line(first_where)
        if said is None:
            told_fi, told_sv = (
                f"{what_fi} '{value}' on jo käytössä",
                f"{what_sv} '{value}' används redan",
            )
        else:
            told_fi, told_sv = (text.format(value=value) for text in said)
        first_at = format_path(first_where)
        if first_layer != self.origin(path)[0]:
            file = self.layers[first_layer].filename
            fi_at = f"tiedostossa {file} rivillä {first_line}, {first_at}"
            en_at = f"first in {file} on line {first_line}, {first_at}"
            sv_at = f"i filen {file} på rad {first_line}, {first_at}"
        else:
            fi_at = f"rivillä {first_line}, {first_at}"
            en_at = f"first on line {first_line}, {first_at}"
            sv_at = f"på rad {first_line}, {first_at}"
        self.error(
            path,
            f"{told_fi} ({fi_at})",
            f"duplicate {what_en} '{value}' ({en_at})",
            f"{told_sv} ({sv_at})",
        )
        return True

    def reference(
        self,
        value: str,
        path: KeyPath,
        known: Collection[str],
        what_fi: str,
        what_en: str,
        what_sv: str,
    ) -> bool:
        """Whether ``value`` names something known; report a dangling reference otherwise.

        ``known`` is looked up, not copied: pass a set or a dict (a large file
        has thousands of references).
        """
        if value in known:
            return True
        guess = _suggest(value, known)
        self.error(
            path,
            f"tuntematon {what_fi} '{value}'" + (f" – tarkoititko '{guess}'?" if guess else ""),
            f"unknown {what_en} '{value}'" + (f" – did you mean '{guess}'?" if guess else ""),
            f"okänd {what_sv} '{value}'" + (f" – menade du '{guess}'?" if guess else ""),
        )
        return False

    # -- the document ------------------------------------------------------

    def run(self, data: dict[str, Any]) -> Organisation | None:
        root: KeyPath = ()
        schema = data.get("schema")
        if isinstance(schema, int) and not isinstance(schema, bool) and schema != SCHEMA:
            # A file for another schema: its other keys mean who knows what.
            self.error(
                ("schema",),
                f"tuntematon skeeman versio {schema}; tämä versio lukee vain versiota {SCHEMA}",
                f"unknown schema {schema}; this version reads only schema {SCHEMA}",
                f"okänd schemaversion {schema}; den här versionen läser bara version {SCHEMA}",
            )
            return None
        top = self.walker.walk(data, root, _schema.TOP)
        org_id: str | None = None
        org_name: str | None = None
        timezone: str | None = None
        if "organisation" in top:
            path: KeyPath = ("organisation",)
            org = self.walker.table(top["organisation"], path)
            if org is not None:
                fields = self.walker.walk(org, path, _schema.ORGANISATION)
                org_id = fields.get("id")
                org_name = fields.get("name")
                timezone = fields.get("timezone")
                if timezone is not None:
                    self.check_timezone(timezone, (*path, "timezone"))
                languages = fields.get("languages")
                if languages:
                    self.languages = tuple(dict.fromkeys(languages))

        groups = self.add_heard_highlights(self.groups(top.get("groups", [])))
        group_ids = {g.id: None for g in groups}  # ordered, looked up
        parents = self.check_hierarchy(groups)
        terms = self.terms(top.get("terms", []))
        breaks = self.breaks(top.get("breaks", []), group_ids)
        calendars, items, overrides = self.calendars(top.get("calendars", []), group_ids)
        final_calendars = self.apply_overrides(calendars, items, overrides, parents)
        self.check_school_calendar(terms, breaks, groups, calendars)

        if self.has_errors or org_id is None or org_name is None:
            return None
        try:
            hierarchy: Hierarchy = Hierarchy(tuple(groups))
            organisation: Organisation = Organisation(
                org_id,
                org_name,
                hierarchy,
                tuple(final_calendars),
                timezone if timezone is not None else "Europe/Helsinki",
                tuple(terms),
                tuple(breaks),
                () if self.languages == ("fi",) else self.languages,
            )
            self.school_day_warnings(organisation, calendars)
            return organisation
        except ValueError as exc:  # pragma: no cover - the checks above should catch it
            self.error(
                root,
                f"virheellinen aineisto: {exc}",
                f"invalid data: {exc}",
                f"ogiltiga data: {exc}",
            )
            return None

    # -- groups ------------------------------------------------------------

    def groups(self, value: object) -> list[Group]:
        found: list[Group] = []
        seen: dict[str, KeyPath] = {}
        token_owners: dict[str, str] = {}  # a feed token → the group that lists it
        for path, table in self.walker.tables(value, ("groups",)):
            fields = self.walker.walk(table, path, _schema.GROUP)
            group_id: str | None = fields.get("id")
            name: str | None = fields.get("name")
            kind: GroupKind | None = fields.get("kind")
            parent: str | None = fields.get("parent")
            highlights: list[str] | None = fields.get("highlights_to")
            heard: list[str] | None = fields.get("highlights_from")
            roles: list[str] | None = fields.get("roles")
            meetings, meeting_rule = self.meetings(fields.get("meetings"), (*path, "meetings"))
            extra: list[_dt.date] | None = fields.get("extra_meetings")
            cancelled: list[_dt.date] | None = fields.get("cancelled_meetings")
            tokens: list[str] | None = fields.get("feed_tokens")
            self.duplicate_meetings(path, meetings, extra, cancelled)
            if group_id is None or self.duplicate(
                seen, group_id, (*path, "id"), "ryhmän tunnus", "group id", "gruppens id"
            ):
                continue
            # A group with errors still takes part in the reference checks
            # (its errors are reported; no organisation is built).
            self.group_paths[group_id] = path
            listed = tokens or []
            for index, token in enumerate(listed):
                owner = token_owners.setdefault(token, group_id)
                if owner != group_id or listed.index(token) != index:
                    # The token itself is never shown: it is a secret.
                    self.error(
                        (*path, "feed_tokens", index),
                        f"sama syötteen tunniste on jo ryhmällä '{owner}'; "
                        "jokaisella tunnisteella on yksi ryhmä",
                        f"group '{owner}' has the same feed token already; "
                        "each token opens one group's feed",
                        f"gruppen '{owner}' har redan samma flödestoken; "
                        "varje token öppnar en grupps flöde",
                    )
            if heard:
                self.highlights_from[group_id] = tuple(heard)
            found.append(
                Group(
                    group_id,
                    name or "",
                    kind if kind is not None else GroupKind.OTHER,
                    parent,
                    highlights or (),
                    roles or (),
                    meetings,
                    meeting_rule,
                    extra or (),
                    cancelled or (),
                    tokens or (),
                )
            )
        return found

    def duplicate_meetings(
        self,
        path: KeyPath,
        listed: Sequence[_dt.date],
        extra: Sequence[_dt.date] | None,
        cancelled: Sequence[_dt.date] | None,
    ) -> None:
        """Refuse a meeting date given twice (in ``meetings`` and ``extra_meetings``
        together) and a cancelled date given twice: one problem per repeat,
        on its element's line, naming the first one.  Linear in the dates.
        """
        held: dict[str, KeyPath] = {}
        lists: list[tuple[str, Sequence[_dt.date], dict[str, KeyPath], str, str, str]] = [
            ("meetings", listed, held, "", "", "mötesdagen"),
            ("extra_meetings", extra or (), held, "", "", "mötesdagen"),
            (
                "cancelled_meetings",
                cancelled or (),
                {},
                "peruttu ",
                "cancelled ",
                "den inställda mötesdagen",
            ),
        ]
        for key, days, seen, fi, en, sv in lists:
            for index, day in enumerate(days):
                shown = f"{day.day}.{day.month}.{day.year}"
                self.duplicate(
                    seen,
                    shown,
                    (*path, key, index),
                    f"{fi}kokouspäivä",
                    f"{en}meeting date",
                    sv,
                    (
                        f"{fi}kokouspäivä {{value}} on jo annettu",
                        f"{sv} {{value}} är redan angiven",
                    ),
                )

    def meetings(self, value: object, path: KeyPath) -> tuple[tuple[_dt.date, ...], Rule | None]:
        """A group's ``meetings``: TOML dates, or a rule (a phrase or a table)."""
        if value is None:
            return (), None
        if isinstance(value, list):
            return tuple(self.walker.dates(value, path) or ()), None
        rule = self.when(value, path)
        if rule is None:
            return (), None
        if rule.is_undated or not rule.is_scheduled or not rule.is_one_day:
            self.error(
                path,
                'kokoukset ovat yksittäisiä päiviä: anna sääntö kuten "joka kuukauden '
                'toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla" tai päivämäärät',
                'meetings are single days: give a rule such as "joka kuukauden toisena '
                'tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla" or dates',
                "möten är enskilda dagar: ge en regel som "
                + json.dumps(
                    self.example(
                        "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla",
                        "andra tisdagen i varje månad kl. 14–15.30 i augusti–maj, inte under lov",
                    ),
                    ensure_ascii=False,
                )
                + " eller datum",
            )
            return (), None
        if rule.follow_up is not None:
            self.error(
                path,
                "kokouksilla ei ole tuloksia",
                "meetings have no results",
                "möten har inga resultat",
            )
            return (), None
        if rule.window is not None and isinstance(rule.window, BreakWindow):
            self.error(
                path,
                "kokoukset eivät ole lomalla",
                "meetings are not held in a break",
                "möten hålls inte under lov",
            )
            return (), None
        return (), rule

    # -- the school calendar -------------------------------------------------

    def terms(self, value: object) -> list[Term]:
        found: list[Term] = []
        seen: dict[str, KeyPath] = {}
        for path, table in self.walker.tables(value, ("terms",)):
            fields = self.walker.walk(table, path, _schema.TERMS)
            year: int | None = fields.get("school_year")
            if year is None:
                continue
            if not MIN_YEAR <= year <= MAX_YEAR - 1:
                self.error(
                    (*path, "school_year"),
                    f"lukuvuosi {year} on mahdoton",
                    f"impossible school year {year}",
                    f"läsåret {year} är omöjligt",
                )
                continue
            if self.duplicate(
                seen, str(year), (*path, "school_year"), "lukuvuosi", "school year", "läsåret"
            ):
                continue
            autumn = self.term_span(fields.get("autumn"), (*path, "autumn"), year)
            spring = self.term_span(fields.get("spring"), (*path, "spring"), year + 1)
            if autumn is None or spring is None:
                continue
            try:
                found.append(Term(year, autumn, spring))
            except ValueError:
                self.error(
                    path,
                    f"lukukausien on oltava lukuvuoden {year}–{year + 1} sisällä "
                    f"(1.8.{year}–31.7.{year + 1}) ja kevätlukukauden syyslukukauden jälkeen",
                    f"the terms must lie within the school year {year}–{year + 1} "
                    f"(1.8.{year}–31.7.{year + 1}), the spring term after the autumn term",
                    f"terminerna ska ligga inom läsåret {year}–{year + 1} "
                    f"(1.8.{year}–31.7.{year + 1}) och vårterminen efter höstterminen",
                )
        return found

    def term_span(
        self, value: str | None, path: KeyPath, year: int
    ) -> tuple[_dt.date, _dt.date] | None:
        """``"12.8.–18.12."`` in ``year`` (or with its own years: ``"12.8.2026–18.12.2026"``)."""
        if value is None:
            return None
        try:
            rule = parse_rule(value)
        except RuleSyntaxError as exc:
            self.unreadable(value, path, exc)
            return None
        window = rule.window
        years = rule.years
        explicit = years.valid_from if years.valid_from == years.valid_to else None
        if (
            not isinstance(window, DateWindow)
            or window.is_single
            or rule.repeat is not None
            or rule.time is not None
            or rule.follow_up is not None
            or (years != YearPattern() and explicit is None)
        ):
            self.error(
                path,
                f'lukukausi on päivämääräväli, esim. "12.8.–18.12."; ei "{value}"',
                f'a term is a range of dates, e.g. "12.8.–18.12."; not "{value}"',
                f'en termin är ett datumintervall, t.ex. "12.8.–18.12."; inte "{value}"',
            )
            return None
        if explicit is not None and explicit != year:
            self.error(
                path,
                f"lukukauden vuosi {explicit} ei täsmää lukuvuoteen (odotettiin {year})",
                f"the term's year {explicit} does not match the school year (expected {year})",
                f"terminens år {explicit} stämmer inte med läsåret (väntat {year})",
            )
            return None
        return window.span(year)

    def breaks(self, value: object, group_ids: Collection[str]) -> list[Break]:
        found: list[Break] = []
        seen: dict[str, KeyPath] = {}
        for path, table in self.walker.tables(value, ("breaks",)):
            fields = self.walker.walk(
                table, path, _schema.BREAK, {"when": lambda v, where: self.when(v, where)}
            )
            break_id: str | None = fields.get("id")
            name: str | None = fields.get("name")
            rule: Rule | None = fields.get("when")
            group: str | None = fields.get("group")
            skip: bool | None = fields.get("skip")
            if group is not None and not self.reference(
                group, (*path, "group"), group_ids, "ryhmä", "group", "grupp"
            ):
                continue
            if break_id is None or self.duplicate(
                seen,
                break_id if group is None else f"{break_id} ({group})",
                (*path, "id"),
                "loma",
                "break",
                "lovet",
            ):
                continue
            if rule is None or name is None:
                continue
            if rule.is_undated or not rule.is_scheduled:
                self.error(
                    (*path, "when"),
                    'lomalle tarvitaan ajankohta, esim. "viikolla 42"',
                    'a break needs a window, e.g. "viikolla 42"',
                    "ett lov behöver en tidpunkt, t.ex. "
                    + json.dumps(self.example("viikolla 42", "vecka 42"), ensure_ascii=False),
                )
                continue
            try:
                found.append(Break(break_id, name, rule, group, bool(skip)))
            except ValueError:
                self.error(
                    (*path, "when"),
                    "loman ajankohta on tavallinen ajankohta: ei lomia, lukukausia, "
                    "koulupäiviä, tuloksia eikä kellonaikaa",
                    "a break's timing is a plain window: no breaks, terms, school days, "
                    "results or time",
                    "lovets tidpunkt är en vanlig tidpunkt: inga lov, terminer, skoldagar, "
                    "resultat eller klockslag",
                )
        return found

    def check_school_calendar(
        self,
        terms: list[Term],
        breaks: list[Break],
        groups: list[Group],
        calendars: list[tuple[KeyPath, Calendar]],
    ) -> None:
        """Report rules that need terms, breaks or meetings the file does not state."""
        owners = {path: calendar.owner for path, calendar in calendars}
        planned = {g.id for g in groups if not g.meeting_plan.is_empty}
        rules = list(self.timed)
        rules += [
            (g.meeting_rule, (*self.group_paths[g.id], "meetings"))
            for g in groups
            if g.meeting_rule is not None
        ]
        # A break is named by its id or name, case-insensitively (Break.matches).
        break_names = {n.casefold() for b in breaks for n in (b.id, b.name)}
        for rule, path in rules:
            name = rule.break_name
            if name is not None and name.casefold() not in break_names:
                known = ", ".join(sorted({b.id for b in breaks}))
                self.error(
                    path,
                    f"loma '{name}' puuttuu aineistosta: lisää [[breaks]] id = \"{name}\""
                    + (f" (lomat: {known})" if known else ""),
                    f"break '{name}' is not in the data: add [[breaks]] id = \"{name}\""
                    + (f" (breaks: {known})" if known else ""),
                    f"lovet '{name}' finns inte i datan: lägg till [[breaks]] id = \"{name}\""
                    + (f" (lov: {known})" if known else ""),
                )
            if rule.needs_terms and not terms:
                self.error(
                    path,
                    "ajoitus tarvitsee lukukaudet: lisää [[terms]] (school_year, autumn, spring)",
                    "the timing needs the terms: add [[terms]] (school_year, autumn, spring)",
                    "tidpunkten behöver terminerna: lägg till [[terms]] "
                    "(school_year, autumn, spring)",
                )
            if rule.needs_meetings:
                owner = owners.get(path[:2])
                if owner is not None and owner not in planned:
                    self.error(
                        path,
                        f"tulokset seuraavassa kokouksessa, mutta ryhmällä '{owner}' ei ole "
                        "kokouksia: anna ryhmälle meetings",
                        f"results at the next meeting, but group '{owner}' has no meetings: "
                        "give the group meetings",
                        f"resultat vid nästa möte, men gruppen '{owner}' har inga möten: "
                        "ge gruppen meetings",
                    )

    def school_day_warnings(
        self, organisation: Organisation, calendars: list[tuple[KeyPath, Calendar]]
    ) -> None:
        """Warn of one-day items that fall on days that are not school days, unshifted."""
        years = sorted({t.school_year for t in organisation.terms})
        if not years:
            years = [SchoolYear.containing(_dt.date.today()).first_year]
        for path, calendar in calendars:
            school = organisation.school_calendar(calendar.owner)
            for index, item in enumerate(calendar.items):
                rule = item.rule
                if rule.is_undated or rule.school_days is not None or not rule.is_one_day:
                    continue
                if rule.repeat is not None:
                    continue  # "maanantaisin": a weekly cadence; "ei lomilla" is its choice
                off: list[_dt.date] = []
                for year in years:
                    school_year = SchoolYear(year)
                    for occ in rule.instances(school_year.start, school_year.end, school):
                        if not school.is_school_day(occ.start):
                            off.append(occ.start)
                if not off:
                    continue
                shown = ", ".join(_day_text(school, day, "fi") for day in off[:3])
                shown_en = ", ".join(_day_text(school, day, "en") for day in off[:3])
                shown_sv = ", ".join(_day_text(school, day, "sv") for day in off[:3])
                shift, following, skip = (
                    ("flyttas till föregående skoldag", "nästa", "inte under lov")
                    if self.phrase_lang == "sv"
                    else ("siirtyy edelliseen koulupäivään", "seuraavaan", "ei lomilla")
                )
                self.warning(
                    (*path, "items", index, "when"),
                    f'{shown} ei ole koulupäivä; lisää "siirtyy edelliseen koulupäivään" '
                    '(tai seuraavaan), "ei lomilla" tai anna koulupäivä',
                    f'{shown_en} is not a school day; add "siirtyy edelliseen koulupäivään" '
                    '(or seuraavaan), "ei lomilla" or give a school day',
                    f'{shown_sv} är ingen skoldag; lägg till "{shift}" (eller "{following}"), '
                    f'"{skip}" eller ge en skoldag',
                )

    def add_heard_highlights(self, groups: list[Group]) -> list[Group]:
        """Each group's ``highlights_from`` added to the ``highlights_to`` of the groups it names.

        A campus in a file that extends Sedu's hears the Sedu welfare group's
        highlights without a change to that group: ``highlights_from = ["sedu-ohr"]``.
        """
        ids = {g.id: None for g in groups}
        added: dict[str, list[str]] = {}
        for hearer, sources in self.highlights_from.items():
            path = (*self.group_paths[hearer], "highlights_from")
            seen: dict[str, KeyPath] = {}
            for index, source in enumerate(sources):
                where = (*path, index)
                if source == hearer:
                    self.error(
                        where,
                        f"ryhmä '{hearer}' ei voi kuulla omia nostojaan",
                        f"group '{hearer}' cannot hear its own highlights",
                        f"gruppen '{hearer}' kan inte höra sina egna lyft",
                    )
                elif not self.duplicate(
                    seen, source, where, "ryhmä", "group", "gruppen"
                ) and self.reference(source, where, ids, "ryhmä", "group", "grupp"):
                    added.setdefault(source, []).append(hearer)
        if not added:
            return groups
        return [
            attrs.evolve(
                g,
                highlights_to=(
                    *g.highlights_to,
                    *(h for h in added[g.id] if h not in g.highlights_to),
                ),
            )
            if g.id in added
            else g
            for g in groups
        ]

    def check_hierarchy(self, groups: list[Group]) -> dict[str, str | None]:
        """Check parents and highlight targets; report cycles; return a safe parent map."""
        ids = {g.id: None for g in groups}  # in file order, for the suggestions
        parents: dict[str, str | None] = {}
        for group in groups:
            path = self.group_paths[group.id]
            parent_ok = group.parent is None or self.reference(
                group.parent, (*path, "parent"), ids, "ryhmä", "group", "grupp"
            )
            parents[group.id] = group.parent if parent_ok else None
            for index, target in enumerate(group.highlights_to):
                where = (*path, "highlights_to", index)
                if target == group.id:
                    self.error(
                        where,
                        f"ryhmä '{group.id}' ei voi viedä nostoja itselleen",
                        f"group '{group.id}' cannot carry highlights to itself",
                        f"gruppen '{group.id}' kan inte föra lyft till sig själv",
                    )
                    continue
                self.reference(target, where, ids, "ryhmä", "group", "grupp")
        cycle_free = dict(parents)
        while cycle := find_cycle(cycle_free):
            text = " → ".join(cycle)
            self.error(
                (*self.group_paths[cycle[0]], "parent"),
                f"ryhmähierarkiassa on kehä: {text}",
                f"cycle in the group hierarchy: {text}",
                f"grupphierarkin har en cirkel: {text}",
            )
            for member in cycle:
                cycle_free[member] = None
        return cycle_free

    # -- calendars and items ----------------------------------------------

    def calendars(
        self, value: object, group_ids: Collection[str]
    ) -> tuple[
        list[tuple[KeyPath, Calendar]],
        dict[str, _ItemInfo],
        list[tuple[KeyPath, str, Override]],
    ]:
        calendars: list[tuple[KeyPath, Calendar]] = []
        items: dict[str, _ItemInfo] = {}
        item_paths: dict[str, KeyPath] = {}
        calendar_paths: dict[str, KeyPath] = {}
        overrides: list[tuple[KeyPath, str, Override]] = []
        for path, table in self.walker.tables(value, ("calendars",)):
            if "owner" not in table and self.origin(path)[0] != self.top:
                # A base's calendar left for the extending file to place (the
                # national calendar): say so where the file extends the base.
                fields = self.walker.walk(table, path, _CALENDAR_TO_PLACE)
                shown = fields.get("id") or "?"
                self.error(
                    ("extends",),
                    f"perityllä kalenterilla '{shown}' ({self.shown(path)}) ei ole omistajaa: "
                    f'lisää tähän tiedostoon [[calendars]] id = "{shown}" ja owner = '
                    '"<ryhmän tunnus>"',
                    f"the inherited calendar '{shown}' ({self.shown(path)}) has no owner: "
                    f'add [[calendars]] id = "{shown}" and owner = "<group id>" to this file',
                    f"den ärvda kalendern '{shown}' ({self.shown(path)}) har ingen ägare: "
                    f'lägg till [[calendars]] id = "{shown}" och owner = "<gruppens id>" '
                    "i den här filen",
                )
                continue
            fields = self.walker.walk(table, path, _schema.CALENDAR)
            cal_id: str | None = fields.get("id")
            name: str | None = fields.get("name")
            owner: str | None = fields.get("owner")
            owner_ok = owner is not None and self.reference(
                owner, (*path, "owner"), group_ids, "ryhmä", "group", "grupp"
            )
            duplicate = cal_id is not None and self.duplicate(
                calendar_paths,
                cal_id,
                (*path, "id"),
                "kalenterin tunnus",
                "calendar id",
                "kalenderns id",
            )
            cal_items: list[Item] = []
            for item_path, item_table in self.walker.tables(
                fields.get("items", []), (*path, "items")
            ):
                item_id, item = self.item(item_table, item_path)
                if item_id is None or self.duplicate(
                    item_paths,
                    item_id,
                    (*item_path, "id"),
                    "kohdan tunnus",
                    "item id",
                    "punktens id",
                ):
                    continue
                items[item_id] = _ItemInfo(
                    item_id,
                    item_path,
                    cal_id or "",
                    owner if owner_ok else None,
                    item.rule if item is not None else None,
                    item.also_in if item is not None else None,
                )
                if item is not None:
                    cal_items.append(item)
            cal_overrides: dict[str, KeyPath] = {}
            for o_path, o_table in self.walker.tables(
                fields.get("overrides", []), (*path, "overrides")
            ):
                override = self.override(o_table, o_path)
                if override is None:
                    continue
                if self.duplicate(
                    cal_overrides,
                    override.item,
                    (*o_path, "item"),
                    "muutos kohtaan",
                    "override of item",
                    "ändringen av punkten",
                    ("kohdalle '{value}' on jo muutos", "punkten '{value}' har redan en ändring"),
                ):
                    continue
                overrides.append((o_path, owner if owner_ok and owner else "", override))
            if cal_id is None or name is None or owner is None or duplicate:
                continue
            calendar: Calendar = Calendar(cal_id, name, owner, tuple(cal_items))
            calendars.append((path, calendar))
        self.check_also_in(items, calendar_paths)
        return calendars, items, overrides

    def check_also_in(
        self, items: Mapping[str, _ItemInfo], calendars: Mapping[str, KeyPath]
    ) -> None:
        """An item's ``also_in`` names other calendars, each once."""
        for info in items.values():
            if info.also_in is None:
                continue
            seen: dict[str, KeyPath] = {}
            for index, other in enumerate(info.also_in):
                where = (*info.path, "also_in", index)
                if other == info.calendar:
                    self.error(
                        where,
                        f"kohta on jo kalenterissa '{other}': also_in luettelee muita kalentereita",
                        f"the item is in calendar '{other}' already: also_in lists other calendars",
                        f"punkten finns redan i kalendern '{other}': "
                        "also_in räknar upp andra kalendrar",
                    )
                elif not self.duplicate(seen, other, where, "kalenteri", "calendar", "kalendern"):
                    self.reference(other, where, calendars, "kalenteri", "calendar", "kalender")

    def item(self, table: Mapping[str, object], path: KeyPath) -> tuple[str | None, Item | None]:
        """The item's id and the item (None on errors)."""
        fields = self.walker.walk(table, path, _schema.ITEM, self.timing_readers(table, path))
        item_id: str | None = fields.get("id")
        title, translations = self.local_text(fields, "title", path, required=True)
        rule: Rule | None = fields.get("when")
        audience: tuple[Audience, ...] | None = fields.get("audience")
        kind: ItemKind | None = fields.get("kind")
        notes, notes_translations = self.local_text(fields, "notes", path, required=True)
        lead_days: int | None = fields.get("lead_days")
        message = self.message(fields, path)
        also_in: list[str] | None = fields.get("also_in")
        source: str | None = fields.get("source")
        if item_id is None or title is None or rule is None:
            return item_id, None
        return item_id, Item(
            item_id,
            title,
            rule,
            audience or (),
            kind if kind is not None else ItemKind.OTHER,
            notes,
            lead_days,
            message,
            also_in or (),
            source,
            (*translations, *notes_translations),
        )

    def local_text(
        self, fields: Mapping[str, object], key: str, path: KeyPath, *, required: bool
    ) -> tuple[str | None, list[tuple[str, str, str]]]:
        """A title or notes in the data's own language, and its translations.

        A plain string is in the data's own language (the first of
        ``organisation.languages``, Finnish by default).  In a table of
        languages an item's own language is required (``required``); an
        override may give only translations.  When the organisation declares
        several languages, a missing translation is a warning.
        """
        texts = fields.get(key)
        if not isinstance(texts, dict):
            return None, []
        where = (*path, key)
        own = self.languages[0]
        main = texts.get("", texts.get(own))
        if main is None and required:
            words = LANGUAGE_WORDS[own]
            self.error(
                where,
                f"anna teksti myös {words[1]}, aineiston omalla kielellä "
                f"({key}.{own}; organisation.languages)",
                f"give the text {words[3]} too, the data's own language "
                f"({key}.{own}; organisation.languages)",
                f"ge texten {words[5]} också, datans eget språk "
                f"({key}.{own}; organisation.languages)",
            )
        declared = self.languages if self.declared_languages else None
        if not self.declared_languages and self.languages != ("fi",):
            declared = self.languages
        translations = []
        for lang, text in texts.items():
            if lang in ("", own):
                continue
            if declared is not None and lang not in declared:
                self.warning(
                    (*where, lang),
                    f"kieli '{lang}' ei ole aineiston kielissä ({', '.join(declared)}); "
                    "lisää se luetteloon organisation.languages",
                    f"language '{lang}' is not one of the data's ({', '.join(declared)}); "
                    "add it to organisation.languages",
                    f"språket '{lang}' hör inte till datans språk ({', '.join(declared)}); "
                    "lägg till det i organisation.languages",
                )
            translations.append((key, lang, text))
        if declared is not None and (main is not None or translations):
            given = {lang for _key, lang, _text in translations}
            shown_fi, shown_en, shown_sv = (LANGUAGE_WORDS[own][i] for i in (1, 3, 5))
            for lang in declared[1:]:
                if lang not in given:
                    adjective, _in_fi, name, _in_en, name_sv, _in_sv = LANGUAGE_WORDS[lang]
                    self.warning(
                        where,
                        f"{adjective} käännös puuttuu (näytetään {shown_fi})",
                        f"no {name} translation (shown {shown_en})",
                        f"översättningen till {name_sv} saknas (visas {shown_sv})",
                    )
        return main, translations

    def message(self, fields: Mapping[str, object], path: KeyPath) -> MessageTemplate | None:
        """The ``message`` table of an item or override, with its per-audience tables."""
        if "message" not in fields:
            return None
        where = (*path, "message")
        table = self.walker.table(fields["message"], where)
        if table is None:
            return None
        texts = self.walker.walk(table, where, _schema.MESSAGE)
        audiences: list[tuple[Audience, MessageTemplate]] = []
        for audience in (Audience.HUOLTAJAT, Audience.OPISKELIJAT):
            if audience.value not in texts:
                continue
            own_where = (*where, audience.value)
            own_table = self.walker.table(texts[audience.value], own_where)
            if own_table is None:
                continue
            own = self.walker.walk(own_table, own_where, _schema.AUDIENCE_MESSAGE)
            self.template_problems(own, own_where)
            audiences.append((audience, MessageTemplate(own.get("subject"), own.get("body"))))
        self.template_problems(texts, where)
        return MessageTemplate(texts.get("subject"), texts.get("body"), audiences)

    def template_problems(self, texts: Mapping[str, object], where: KeyPath) -> None:
        """Report the placeholders of a subject and body (opiskeluhuolto.messages)."""
        for key in ("subject", "body"):
            text = texts.get(key)
            if not isinstance(text, str):
                continue
            found = zip(
                template_problems(text),
                template_problems(text, "en"),
                template_problems(text, "sv"),
                strict=True,
            )
            for fi, en, sv in found:
                self.error((*where, key), fi, en, sv)

    def override(self, table: Mapping[str, object], path: KeyPath) -> Override | None:
        fields = self.walker.walk(table, path, _schema.OVERRIDE, self.timing_readers(table, path))
        item_id: str | None = fields.get("item")
        when: Rule | None = fields.get("when")
        # Results alone replace only the follow-up of whatever timing the
        # item has for this group (checked against it in apply_overrides).
        results: FollowUp | None = fields.get("results")
        title, translations = self.local_text(fields, "title", path, required=False)
        audience: tuple[Audience, ...] | None = fields.get("audience")
        notes, notes_translations = self.local_text(fields, "notes", path, required=False)
        skip: bool | None = fields.get("skip")
        kind: ItemKind | None = fields.get("kind")
        lead_days: int | None = fields.get("lead_days")
        message = self.message(fields, path)
        source: str | None = fields.get("source")
        if item_id is None:
            return None
        override = Override(
            item_id,
            when,
            results,
            title,
            audience,
            notes,
            bool(skip),
            kind,
            lead_days,
            message,
            source,
            (*translations, *notes_translations),
        )
        if set(table) == {"item"}:
            self.empty_overrides.add(path)
        return override

    def timing_readers(self, table: Mapping[str, object], path: KeyPath) -> dict[str, Reader]:
        """How the walker reads the ``when`` and ``results`` of an item or override.

        With ``when``, :meth:`timing` reads both keys together (results may
        also be given inside ``when``); ``results`` alone is read on its own.
        """
        return {
            "when": lambda _value, _where: self.timing(table, path),
            "results": lambda value, where: None if "when" in table else self.results(value, where),
        }

    def apply_overrides(
        self,
        calendars: list[tuple[KeyPath, Calendar]],
        items: dict[str, _ItemInfo],
        overrides: list[tuple[KeyPath, str, Override]],
        parents: dict[str, str | None],
    ) -> list[Calendar]:
        by_calendar: dict[KeyPath, list[Override]] = {}
        skips: dict[str, list[tuple[KeyPath, str]]] = {}  # item → where groups skip it
        for o_path, o_owner, other in overrides:
            if other.skip and o_owner:
                skips.setdefault(other.item, []).append((o_path, o_owner))
        for path, owner, override in overrides:
            calendar_path = path[:2]
            info = items.get(override.item)
            where = (*path, "item")
            if info is None:
                self.reference(override.item, where, items, "kohta", "item", "punkt")
                continue
            if path in self.empty_overrides:
                self.error(
                    where,
                    f"muutos kohtaan '{info.id}' ei muuta mitään: anna jokin muutettava kenttä "
                    "(when, results, title, audience, notes, kind, lead_days, message, source) "
                    "tai skip = true",
                    f"the override of item '{info.id}' changes nothing: give a field to change "
                    "(when, results, title, audience, notes, kind, lead_days, message, source) "
                    "or skip = true",
                    f"ändringen av punkten '{info.id}' ändrar ingenting: ge ett fält att ändra "
                    "(when, results, title, audience, notes, kind, lead_days, message, source) "
                    "eller skip = true",
                )
                continue
            if owner and info.owner == owner:
                self.error(
                    where,
                    f"kohta '{info.id}' on ryhmän '{owner}' omassa kalenterissa "
                    f"'{info.calendar}' ({self.shown(info.path)}): muuta sitä siellä; "
                    "muutoksella voi muokata vain ylempien ryhmien kalentereista perittyjä kohtia",
                    f"item '{info.id}' is in calendar '{info.calendar}' "
                    f"({self.shown(info.path)}) of group '{owner}' itself: change it there; "
                    "an override can only "
                    "adapt items inherited from the calendars of groups above",
                    f"punkten '{info.id}' finns i gruppen '{owner}':s egen kalender "
                    f"'{info.calendar}' ({self.shown(info.path)}): ändra den där; "
                    "en ändring kan bara anpassa punkter som ärvs från kalendrar för grupper "
                    "ovanför",
                )
                continue
            if owner and info.owner is not None:
                ancestors = _strict_ancestors(owner, parents)
                if info.owner not in ancestors:
                    self.error(
                        where,
                        f"kohta '{info.id}' ({self.shown(info.path)}) ei periydy ryhmälle "
                        f"'{owner}': se on kalenterissa '{info.calendar}', jonka omistaja "
                        f"'{info.owner}' ei ole ryhmän '{owner}' yläpuolella",
                        f"item '{info.id}' ({self.shown(info.path)}) is not inherited by "
                        f"group '{owner}': it is in calendar '{info.calendar}', whose owner "
                        f"'{info.owner}' is not above '{owner}'",
                        f"punkten '{info.id}' ({self.shown(info.path)}) ärvs inte av gruppen "
                        f"'{owner}': den finns i kalendern '{info.calendar}', vars ägare "
                        f"'{info.owner}' inte står över '{owner}'",
                    )
                    continue
            skippers = skips.get(override.item, ())
            above = set(_strict_ancestors(owner, parents)) if skippers else set()
            skipped_at = next(
                ((o_path, o_owner) for o_path, o_owner in skippers if o_owner in above), None
            )
            if skipped_at is not None:
                self.error(
                    where,
                    f"kohta '{info.id}' ei periydy ryhmälle '{owner}': ryhmä "
                    f"'{skipped_at[1]}' jättää sen pois ({self.shown(skipped_at[0])})",
                    f"item '{info.id}' is not inherited by group '{owner}': group "
                    f"'{skipped_at[1]}' skips it ({self.shown(skipped_at[0])})",
                    f"punkten '{info.id}' ärvs inte av gruppen '{owner}': gruppen "
                    f"'{skipped_at[1]}' utelämnar den ({self.shown(skipped_at[0])})",
                )
                continue
            if (
                override.when is not None
                and override.when.is_undated
                and override.results is None
                and info.rule is not None
                and info.rule.follow_up is not None
            ):
                self.error(
                    (*path, "when"),
                    f"kohdan '{info.id}' tulokset ({self.shown((*info.path, 'results'))}) "
                    "jäisivät pois: ajoitus ilman päivämääriä ei voi kantaa tuloksia; anna "
                    "päivätty ajoitus (tulokset säilyvät) tai jätä kohta pois (skip = true) "
                    "ja lisää oma kohta",
                    f"the results of item '{info.id}' ({self.shown((*info.path, 'results'))}) "
                    "would be lost: a timing without dates cannot carry results; give a dated "
                    "timing (the results are kept) or skip the item (skip = true) and add "
                    "an item of your own",
                    f"resultaten för punkten '{info.id}' ({self.shown((*info.path, 'results'))}) "
                    "skulle gå förlorade: en tidpunkt utan datum kan inte bära resultat; ge en "
                    "daterad tidpunkt (resultaten behålls) eller utelämna punkten (skip = true) "
                    "och lägg till en egen punkt",
                )
                continue
            if override.results is not None and info.rule is not None:
                # Only an undated item cannot take results; report it here,
                # where the inherited item is known.
                rule = self.with_follow_up(info.rule, override.results, path)
                if rule is None:
                    continue
            by_calendar.setdefault(calendar_path, []).append(override)
        return [
            attrs.evolve(calendar, overrides=tuple(by_calendar.get(path, ())))
            for path, calendar in calendars
        ]

    # -- timings -----------------------------------------------------------

    def timing(self, table: Mapping[str, object], path: KeyPath) -> Rule | None:
        """The rule of an item or override from its ``when`` and ``results`` keys."""
        if "when" not in table:
            if "results" in table:
                self.results(table["results"], (*path, "results"))
            return None
        rule = self.when(table["when"], (*path, "when"))
        if "results" in table:
            where = (*path, "results")
            follow_up = self.results(table["results"], where)
            if rule is not None and follow_up is not None:
                if rule.follow_up is not None:
                    self.error(
                        where,
                        "tulokset on annettu sekä kentässä 'when' että kentässä 'results'; "
                        "anna ne vain toisessa",
                        "results are given both in 'when' and in 'results'; give them only once",
                        "resultaten anges både i 'when' och i 'results'; ge dem bara på ett ställe",
                    )
                    return None
                rule = self.with_follow_up(rule, follow_up, path)
        if rule is not None:
            self.rule_warnings(rule, (*path, "when"))
            self.timed.append((rule, (*path, "when")))
        return rule

    def with_follow_up(self, rule: Rule, follow_up: FollowUp, path: KeyPath) -> Rule | None:
        if rule.is_undated:
            self.error(
                (*path, "results"),
                "ajoituksettomalla kohdalla (jokaisessa kokouksessa, tarpeen mukaan) "
                "ei voi olla tuloksia",
                "an undated item (every meeting, as needed) cannot have results",
                "en punkt utan datum (vid varje möte, vid behov) kan inte ha resultat",
            )
            return None
        return attrs.evolve(rule, follow_up=follow_up)

    def rule_warnings(self, rule: Rule, path: KeyPath) -> None:
        if rule.is_undated:
            return
        if rule.window is None and rule.repeat is None:
            self.warning(
                path,
                "ajoituksessa ei ole ajankohtaa (viikkoja, kuukausia, päivämäärää tai "
                "vuodenaikaa), joten kohdalla ei ole päivämääriä",
                "the timing names no weeks, months, date or season, so the item has no dates",
                "tidpunkten nämner inga veckor, månader, datum eller årstid, "
                "så punkten har inga datum",
            )
        elif not rule.years.is_determined:
            n = rule.years.interval
            self.warning(
                path,
                f"joka {ordinal_word(n)} vuosi, mutta ei kerrota, mitkä vuodet "
                "(parillinen/pariton, seuraava tai viimeksi), joten kohdalla ei ole päivämääriä",
                f"every {n} years without saying which years (even/odd, next or last), "
                "so the item has no dates",
                f"{_every_years_sv(n)}, men utan att säga vilka år (jämna/udda, nästa eller "
                "senast), så punkten har inga datum",
            )
        elif (long := _year_long_span(rule)) is not None:
            start, end = long
            days = (end - start).days + 1
            self.warning(
                path,
                f"ajankohta kestää {days} päivää ({start.day}.{start.month}.{start.year}–"
                f"{end.day}.{end.month}.{end.year}): vuoden mittainen tai pidempi jakso "
                "on tuskin tarkoitettu; tarkista alku ja loppu",
                f"the window lasts {days} days ({start.day}.{start.month}.{start.year}–"
                f"{end.day}.{end.month}.{end.year}): a span of a year or more is hardly "
                "meant; check its start and end",
                f"tidpunkten varar i {days} dagar ({start.day}.{start.month}.{start.year}–"
                f"{end.day}.{end.month}.{end.year}): en period på ett år eller mer är knappast "
                "avsedd; kontrollera början och slutet",
            )
        elif (
            rule.window is not None
            and rule.window.can_skip_years
            and not rule.needs_school_calendar
        ):
            windows = rule.window.windows if isinstance(rule.window, WindowList) else (rule.window,)
            skipping = [w for w in windows if w.can_skip_years]
            if any(isinstance(w, WeekWindow | WeekdayWindow) for w in skipping):
                self.warning(
                    path,
                    "viikko 53 on vain osassa vuosista (esim. 2026 ja 2032); "
                    "muina vuosina kohtaa ei ole",
                    "week 53 exists only in some years; in the others the item does not occur",
                    "vecka 53 finns bara vissa år (t.ex. 2026 och 2032); "
                    "andra år blir punkten inte av",
                )
            elif any(isinstance(w, NthWeekdayWindow) for w in skipping):
                self.warning(
                    path,
                    "viides viikonpäivä on vain osassa kuukausista; muina vuosina kohtaa ei ole",
                    "a fifth weekday exists only in some months; in other years the item "
                    "does not occur",
                    "en femte veckodag finns bara i vissa månader; andra år blir punkten inte av",
                )
            else:
                self.warning(
                    path,
                    "29.2. on vain karkausvuosina; muina vuosina kohtaa ei ole",
                    "29.2. exists only in leap years; in other years the item does not occur",
                    "29.2. finns bara under skottår; andra år blir punkten inte av",
                )

    @property
    def phrase_lang(self) -> Literal["fi", "sv"]:
        """The language of the data's timing phrases: its own, Swedish or Finnish."""
        return "sv" if self.languages[0] == "sv" else "fi"

    def phrase(self, text: str, path: KeyPath) -> Rule | None:
        try:
            rule, warnings = parse_rule_with_warnings(text, self.phrase_lang)
        except ValueError as exc:
            self.unreadable(text, path, exc)
            return None
        for warning in warnings:
            self.warning(
                path,
                f'{warning.message_fi}; sana "{warning.word}", merkki {warning.position + 1}',
                f'{warning.message_en}; word "{warning.word}" at character {warning.position + 1}',
                f"{warning.message_sv or warning.message_fi}; "
                f'ordet "{warning.word}", tecken {warning.position + 1}',
            )
        return rule

    def unreadable(self, text: str, path: KeyPath, exc: ValueError) -> None:
        """Report a phrase that cannot be read, pointing at the offending word."""
        shown = json.dumps(text, ensure_ascii=False)
        if isinstance(exc, RuleSyntaxError):
            if exc.word:
                where_fi = f'sana "{exc.word}", merkki {exc.position + 1}'
                where_en = f'word "{exc.word}" at character {exc.position + 1}'
                where_sv = f'ordet "{exc.word}", tecken {exc.position + 1}'
            else:
                where_fi, where_en = "tekstin lopussa", "at the end of the text"
                where_sv = "i slutet av texten"
            fi = f"{exc.message_fi}; {where_fi}"
            en = f"{exc.message_en}; {where_en}"
            sv = f"{exc.message('sv')}; {where_sv}"
        else:
            fi = en = sv = str(exc)
        self.error(
            path,
            f"ajoitusta {shown} ei voi lukea: {fi}",
            f"cannot read the timing {shown}: {en}",
            f"kan inte läsa tidpunkten {shown}: {sv}",
        )

    def when(self, value: object, path: KeyPath) -> Rule | None:
        if isinstance(value, str):
            return self.phrase(value, path)
        if not isinstance(value, dict):
            self.wrong_type(
                path,
                value,
                "merkkijono tai taulu",
                "string (a Finnish phrase) or table",
                "sträng eller tabell",
            )
            return None
        self.keys(value, path, _WHEN_KEYS)
        present = [k for k in _WINDOW_KEYS if k in value]
        ok = True
        for extra in present[1:]:
            ok = False
            self.error(
                (*path, extra),
                f"'{extra}' ja '{present[0]}' eivät käy yhdessä; anna vain yksi "
                f"avaimista {', '.join(_WINDOW_KEYS)}",
                f"'{extra}' cannot be combined with '{present[0]}'; give only one of "
                f"{', '.join(_WINDOW_KEYS)}",
                f"'{extra}' och '{present[0]}' går inte ihop; ge bara en av "
                f"nycklarna {', '.join(_WINDOW_KEYS)}",
            )
        if not ok:
            return None
        # The table states the parts of a timing to the one rule builder, each
        # located at its key; the builder owns what they mean together.
        rule = RuleBuilder[KeyPath](lambda where: format_path(where[len(path) :]))
        windows: list[SingleWindow] | None = []
        if present:
            key = present[0]
            if key == "cadence":
                cadence = self.choice(value[key], (*path, key), _CADENCES)
                if cadence is None:
                    return None
                extras = [k for k in value if k != "cadence"]
                if extras:
                    self.error(
                        (*path, extras[0]),
                        f"ajoituksettomalla säännöllä (cadence) ei voi olla avainta '{extras[0]}'",
                        f"an undated rule (cadence) takes no '{extras[0]}'",
                        f"en regel utan datum (cadence) kan inte ha nyckeln '{extras[0]}'",
                    )
                    return None
                return Rule(cadence=cadence)
            if key not in _SCHOOL_WINDOW_KEYS:  # those: school_parts
                windows = self.table_windows(value, key, (*path, key))
        if windows is None:
            return None
        for index, window in enumerate(windows):
            rule.add_window(window, (*path, present[0]), joined=index > 0)
        if not self.school_parts(value, path, present[0] if present else None, rule):
            return None
        if not self.table_parts(value, path, rule):
            return None
        years = self.year_pattern(value, path)
        follow_up = (
            self.results(value["results"], (*path, "results")) if "results" in value else None
        )
        if years is None or ("results" in value and follow_up is None):
            return None
        where = path
        if years.interval != 1:
            rule.set_interval(years.interval, (*path, "every"))
        if years.phase in (Phase.EVEN, Phase.ODD):
            rule.set_parity(years.phase, (*path, "parity"))
        elif years.phase is not None and years.anchor is not None:
            key = "next" if years.phase is Phase.NEXT else "last"
            rule.set_anchor(years.phase, years.anchor, (*path, key))
        if years.valid_from is not None or years.valid_to is not None:
            rule.set_validity(years.valid_from, years.valid_to, (*path, "valid"))
        if follow_up is not None:
            rule.set_follow_up(follow_up, (*path, "results"))
        built = rule.build()
        for problem in rule.problems:
            self.error(
                problem.where if problem.where is not None else where,
                problem.fi,
                problem.en,
                problem.sv,
            )
        return built

    def school_parts(
        self,
        value: Mapping[str, object],
        path: KeyPath,
        window_key: str | None,
        rule: RuleBuilder[KeyPath],
    ) -> bool:
        """The school-calendar keys: ``break``, ``term``, ``school_day`` and ``school_days``."""
        ok = True
        for part, owner in _SCHOOL_WINDOW_PARTS.items():
            if part in value and window_key != owner:
                self.error(
                    (*path, part),
                    f"'{part}' käy vain avaimen '{owner}' kanssa",
                    f"'{part}' goes only with '{owner}'",
                    f"'{part}' går bara ihop med '{owner}'",
                )
                ok = False
        if "school_days" in value:
            where = (*path, "school_days")
            policy = self.choice(value["school_days"], where, _SCHOOL_DAYS)
            if policy is None:
                ok = False
            else:
                rule.set_school_days(policy, where)
        if not ok or window_key not in _SCHOOL_WINDOW_KEYS:
            return ok
        where = (*path, window_key)
        window: BreakWindow | TermWindow | SchoolDayWindow | None = None
        if window_key == "break":
            name = self.walker.string(value["break"], where)
            relation = (
                self.choice(value["relation"], (*path, "relation"), _RELATIONS)
                if "relation" in value
                else BreakRelation.DURING
            )
            if name is not None and break_name_problem(name) is not None:
                self.error(
                    where,
                    f"loma nimetään yhdellä pienellä sanalla, joka päättyy 'loma' (esim. "
                    f"syysloma); ei '{name}'",
                    f"a break is named by one lower-case word ending in 'loma' (e.g. "
                    f"syysloma); not '{name}'",
                    "ett lov namnges med ett ord med små bokstäver som slutar på 'loma' (t.ex. "
                    f"syysloma); inte '{name}'",
                )
                name = None
            if name is not None and relation is not None:
                window = BreakWindow(name, relation)
        elif window_key == "term":
            term = self.choice(value["term"], where, _TERM_PARTS)
            if "anchor" not in value:
                anchors = ", ".join(_TERM_ANCHORS)
                self.error(
                    (*path, "anchor"),
                    f"lukukaudelle tarvitaan 'anchor': {anchors}",
                    f"a term needs 'anchor': {anchors}",
                    f"en termin behöver 'anchor': {anchors}",
                )
                return False
            anchor = self.choice(value["anchor"], (*path, "anchor"), _TERM_ANCHORS)
            if term is not None and anchor is not None:
                window = TermWindow(term, anchor)
        else:
            date = self.date_window(value["school_day"], where)
            if date is not None and not date.is_single:
                self.error(
                    where,
                    'koulupäivä lasketaan yhdestä päivästä (esim. "6.12.")',
                    'a school day counts from one day (e.g. "6.12.")',
                    'en skoldag räknas från en dag (t.ex. "6.12.")',
                )
                date = None
            if "direction" not in value:
                self.error(
                    (*path, "direction"),
                    "koulupäivälle tarvitaan 'direction': before tai after",
                    "a school day needs 'direction': before or after",
                    "en skoldag behöver 'direction': before eller after",
                )
                return False
            direction = self.choice(value["direction"], (*path, "direction"), _DIRECTIONS)
            if date is not None and direction is not None:
                window = SchoolDayWindow(date.day, date.month, direction)
        if window is None:
            return False
        rule.add_school_window(window, where)
        return True

    def table_windows(
        self, table: Mapping[str, object], key: str, path: KeyPath
    ) -> list[SingleWindow] | None:
        """The windows of a ``when`` table's window key (a list gives several)."""
        value = table[key]
        if key == "weeks":
            ranges = self.spans(value, path, 53, "viikkoa", "week", "viikot")
            return None if ranges is None else [WeekWindow(a, b) for a, b in ranges]
        if key == "months":
            ranges = self.spans(value, path, 12, "kuukautta", "month", "kuukaudet")
            if ranges is None:
                return None
            part = self.optional_choice(table, "part", path[:-1], _MONTH_PARTS_TABLE)
            if "part" in table:
                if part is None:
                    return None
                if any(a != b for a, b in ranges):
                    self.error(
                        (*path[:-1], "part"),
                        "kuukauden osa (part) käy vain yksittäisiin kuukausiin",
                        "a part of a month (part) goes only with single months",
                        "en del av en månad (part) går bara ihop med enskilda månader",
                    )
                    return None
                return [MonthPartWindow(a, part) for a, _b in ranges]
            return [MonthWindow(a, b) for a, b in ranges]
        if key == "date":
            texts = value if isinstance(value, list) else [value]
            dates = [
                self.date_window(text, (*path, i) if isinstance(value, list) else path)
                for i, text in enumerate(texts)
            ]
            if not dates or any(d is None for d in dates):
                return None
            return [d for d in dates if d is not None]
        if key == "deadline":
            texts = value if isinstance(value, list) else [value]
            found: list[SingleWindow] = []
            for i, text in enumerate(texts):
                where = (*path, i) if isinstance(value, list) else path
                if isinstance(text, int) and not isinstance(text, bool):
                    month = self.unit(text, where, 12, "kuukautta", "month", "kuukaudet")
                    if month is None:
                        return None
                    found.append(DeadlineWindow(month))
                    continue
                date = self.date_window(text, where)
                if date is None:
                    return None
                if not date.is_single:
                    self.error(
                        where,
                        'määräaika on yksi päivä (esim. "30.9.") tai kuukausi (9)',
                        'a deadline is one day (e.g. "30.9.") or a month (9)',
                        'en sista dag är en dag (t.ex. "30.9.") eller en månad (9)',
                    )
                    return None
                found.append(DeadlineWindow(date.month, date.day))
            return found or None
        seasons = value if isinstance(value, list) else [value]
        picked = [
            self.choice(s, (*path, i) if isinstance(value, list) else path, _SEASONS)
            for i, s in enumerate(seasons)
        ]
        if not picked or any(s is None for s in picked):
            return None
        return [SeasonWindow(s) for s in picked if s is not None]

    def spans(
        self, value: object, path: KeyPath, top: int, fi_part: str, en_unit: str, fi_plural: str
    ) -> list[tuple[int, int]] | None:
        """``n``, ``[first, last]`` or a list of those (``[[2, 3], [33, 34]]``)."""
        if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
            found = [
                self.span(v, (*path, i), top, fi_part, en_unit, fi_plural)
                for i, v in enumerate(value)
            ]
            if any(f is None for f in found):
                return None
            return [f for f in found if f is not None]
        one = self.span(value, path, top, fi_part, en_unit, fi_plural)
        return None if one is None else [one]

    def table_parts(
        self, table: Mapping[str, object], path: KeyPath, rule: RuleBuilder[KeyPath]
    ) -> bool:
        """The weekday, cadence, time and school-year keys of a ``when`` table."""
        ok = True
        if "weekday" in table:
            where = (*path, "weekday")
            text = table["weekday"]
            parsed = _weekday_span(text) if isinstance(text, str) else None
            if parsed is None:
                self.error(
                    where,
                    f'viikonpäivä {json.dumps(text, ensure_ascii=False)}: anna esim. "ti", '
                    '"tiistai" tai "ma-pe"',
                    f'weekday {json.dumps(text, ensure_ascii=False)}: give e.g. "ti", '
                    '"tiistai" or "ma-pe"',
                    f'veckodagen {json.dumps(text, ensure_ascii=False)}: ge t.ex. "ti", '
                    '"tiistai" eller "ma-pe"',
                )
                ok = False
            else:
                every = "repeat" not in table and "weeks" not in table and "nth" not in table
                every = every and "months" not in table and "date" not in table
                rule.set_weekday(parsed[0], where, until=parsed[1], every=every)
        if "nth" in table:
            where = (*path, "nth")
            nth = self.integer(table["nth"], where, -5, 5)
            if nth == 0:
                self.error(
                    where,
                    "järjestys on 1–5 tai −1–−5",
                    "nth is 1–5 or −1–−5",
                    "nth är 1–5 eller −1–−5",
                )
                nth = None
            if nth is None:
                ok = False
            else:
                rule.set_ordinal(nth, where)
        if "repeat" in table:
            where = (*path, "repeat")
            frequency = self.choice(table["repeat"], where, _FREQUENCIES)
            interval = 1
            if "interval" in table:
                got = self.integer(table["interval"], (*path, "interval"), 1)
                interval = got if got is not None else 0
            if frequency is None or interval == 0:
                ok = False
            else:
                rule.set_frequency(frequency, interval, where)
        elif "interval" in table:
            self.error(
                (*path, "interval"),
                "'interval' tarvitsee avaimen 'repeat' (monthly tai weekly)",
                "'interval' needs 'repeat' (monthly or weekly)",
                "'interval' behöver 'repeat' (monthly eller weekly)",
            )
            ok = False
        if "week_parity" in table:
            where = (*path, "week_parity")
            parity = self.choice(table["week_parity"], where, _WEEK_PARITIES)
            if parity is None:
                ok = False
            else:
                rule.set_week_parity(parity, where)
        if "time" in table:
            where = (*path, "time")
            time = self.time_of_day(table["time"], where)
            if time is None:
                ok = False
            else:
                rule.set_time(time, where)
        if "school_year" in table:
            where = (*path, "school_year")
            first = self.integer(table["school_year"], where, MIN_YEAR, MAX_YEAR - 1)
            if first is None:
                ok = False
            else:
                rule.set_school_year(first, where)
        return ok

    def time_of_day(self, value: object, path: KeyPath) -> TimeOfDay | None:
        """``"14"``, ``"14.00-15.30"`` or ``"17:30–19"``."""
        match = _TIME_RANGE.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            start_h, start_m, end_h, end_m = match.groups()
            try:
                start = _dt.time(int(start_h), int(start_m or 0))
                if end_h is None:
                    return TimeOfDay(start)
                return TimeOfDay(start, _dt.time(int(end_h), int(end_m or 0)))
            except ValueError:
                pass
        shown = json.dumps(value, ensure_ascii=False)
        self.error(
            path,
            f'kellonaika {shown}: anna esim. "14" tai "14.00-15.30" (loppu alun jälkeen, '
            "samana päivänä)",
            f'time {shown}: give e.g. "14" or "14.00-15.30" (ending after it starts, '
            "on the same day)",
            f'klockslaget {shown}: ge t.ex. "14" eller "14.00-15.30" (slutet efter början, '
            "samma dag)",
        )
        return None

    def span(
        self, value: object, path: KeyPath, top: int, fi_part: str, en_unit: str, fi_plural: str
    ) -> tuple[int, int] | None:
        """``n`` or ``[first, last]`` of weeks (1–53) or months (1–12)."""
        if isinstance(value, list):
            if len(value) not in (1, 2):
                self.error(
                    path,
                    f"anna yksi luku tai [ensimmäinen, viimeinen]; nyt {len(value)} arvoa",
                    f"give one number or [first, last]; got {len(value)} values",
                    f"ge ett tal eller [första, sista]; nu {len(value)} värden",
                )
                return None
            parts = [
                self.unit(v, (*path, i), top, fi_part, en_unit, fi_plural)
                for i, v in enumerate(value)
            ]
        else:
            parts = [self.unit(value, path, top, fi_part, en_unit, fi_plural)]
        numbers = [p for p in parts if p is not None]
        if len(numbers) != len(parts):
            return None
        return numbers[0], numbers[-1]

    def unit(
        self, value: object, path: KeyPath, top: int, fi_part: str, en_unit: str, fi_plural: str
    ) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong_type(path, value, "kokonaisluku", "integer", "heltal")
            return None
        if not 1 <= value <= top:
            self.error(
                path,
                f"{fi_part} {value} ei ole: {fi_plural} ovat 1–{top}",
                f"there is no {en_unit} {value}: {en_unit}s are 1–{top}",
                f"{_SV_UNITS[en_unit][0]} {value} finns inte: {_SV_UNITS[en_unit][1]} är 1–{top}",
            )
            return None
        return value

    def date_window(self, value: object, path: KeyPath) -> DateWindow | None:
        if not isinstance(value, str):
            self.wrong_type(path, value, "merkkijono", "string", "sträng")
            return None
        match = _DATE_RANGE.fullmatch(value)
        if match is None:
            self.error(
                path,
                f"päivämäärä '{value}' pitää antaa muodossa p.k. tai p.k.–p.k. (esim. 1.6.–15.8.)",
                f"date '{value}' must be d.m. or d.m.–d.m. (e.g. 1.6.–15.8.)",
                f"datumet '{value}' ska ges som d.m. eller d.m.–d.m. (t.ex. 1.6.–15.8.)",
            )
            return None
        day, month = int(match.group(1)), int(match.group(2))
        end_day = int(match.group(3)) if match.group(3) else day
        end_month = int(match.group(4)) if match.group(4) else month
        ok = self.day_month(day, month, path)
        if match.group(3):
            ok = self.day_month(end_day, end_month, path) and ok
        return DateWindow(day, month, end_day, end_month) if ok else None

    def day_month(self, day: int, month: int, path: KeyPath) -> bool:
        if not 1 <= month <= 12:
            self.error(
                path,
                f"{day}.{month}. ei ole päivämäärä: kuukautta {month} ei ole",
                f"{day}.{month}. is not a date: there is no month {month}",
                f"{day}.{month}. är inget datum: månad {month} finns inte",
            )
            return False
        days = _calendar.monthrange(2000, month)[1]  # a leap year: 29.2. is a date
        if not 1 <= day <= days:
            self.error(
                path,
                f"{day}.{month}. ei ole päivämäärä: kuukaudessa {month} on enintään {days} päivää",
                f"{day}.{month}. is not a date: month {month} has at most {days} days",
                f"{day}.{month}. är inget datum: månad {month} har högst {days} dagar",
            )
            return False
        return True

    def year(self, value: object, path: KeyPath) -> int | None:
        return self.integer(value, path, MIN_YEAR, MAX_YEAR)

    def year_pattern(self, table: Mapping[str, object], path: KeyPath) -> YearPattern | None:
        ok = True

        def get(key: str, check: Callable[[object, KeyPath], _E | None]) -> _E | None:
            nonlocal ok
            if key not in table:
                return None
            result = check(table[key], (*path, key))
            if result is None:
                ok = False
            return result

        every = get("every", lambda v, p: self.integer(v, p, 1, 99))
        parity = get("parity", lambda v, p: self.choice(v, p, _PARITIES))
        next_year = get("next", self.year)
        last_year = get("last", self.year)
        valid_from = get("valid_from", self.year)
        valid_to = get("valid_to", self.year)
        valid = get("valid", self.validity)
        if not ok:
            return None
        if valid is not None:
            if "valid_from" in table or "valid_to" in table:
                self.error(
                    (*path, "valid"),
                    "anna joko 'valid' tai 'valid_from'/'valid_to', ei molempia",
                    "give either 'valid' or 'valid_from'/'valid_to', not both",
                    "ge antingen 'valid' eller 'valid_from'/'valid_to', inte båda",
                )
                return None
            valid_from, valid_to = valid
        elif valid_from is not None and valid_to is not None and valid_from > valid_to:
            self.error(
                (*path, "valid_to"),
                f"voimassaolo {valid_from}–{valid_to} päättyy ennen kuin alkaa",
                f"validity {valid_from}–{valid_to} ends before it starts",
                f"giltighetstiden {valid_from}–{valid_to} slutar innan den börjar",
            )
            return None
        phases = [k for k in ("parity", "next", "last") if k in table]
        if len(phases) > 1:
            self.error(
                (*path, phases[1]),
                f"'{phases[1]}' ja '{phases[0]}' eivät käy yhdessä; anna vain yksi "
                "avaimista parity, next, last",
                f"'{phases[1]}' cannot be combined with '{phases[0]}'; give only one of "
                "parity, next, last",
                f"'{phases[1]}' och '{phases[0]}' går inte ihop; ge bara en av "
                "nycklarna parity, next, last",
            )
            return None
        if parity is not None:
            if every is not None and every != 2:
                self.error(
                    (*path, "every"),
                    f"parillinen/pariton vuosi tarkoittaa joka toista vuotta (every = 2), "
                    f"nyt every = {every}",
                    f"even/odd years mean every other year (every = 2), got every = {every}",
                    f"jämna/udda år betyder vartannat år (every = 2), nu every = {every}",
                )
                return None
            return YearPattern(2, parity, None, valid_from, valid_to)
        anchor = next_year if next_year is not None else last_year
        if anchor is not None:
            key = "next" if next_year is not None else "last"
            if every is None or every < 2:
                self.error(
                    (*path, key),
                    f"'{key}' kertoo vuoden toistuvalle säännölle: anna myös every (vähintään 2)",
                    f"'{key}' fixes the phase of a repeating rule: also give every (at least 2)",
                    f"'{key}' anger året för en återkommande regel: ge också every (minst 2)",
                )
                return None
            phase = Phase.NEXT if next_year is not None else Phase.LAST
            return YearPattern(every, phase, anchor, valid_from, valid_to)
        return YearPattern(every or 1, None, None, valid_from, valid_to)

    def validity(self, value: object, path: KeyPath) -> tuple[int, int] | None:
        if not isinstance(value, list) or len(value) != 2:
            self.error(
                path,
                "voimassaolo annetaan muodossa [ensimmäinen vuosi, viimeinen vuosi]",
                "validity is given as [first year, last year]",
                "giltighetstiden anges som [första året, sista året]",
            )
            return None
        first = self.year(value[0], (*path, 0))
        last = self.year(value[1], (*path, 1))
        if first is None or last is None:
            return None
        if first > last:
            self.error(
                path,
                f"voimassaolo {first}–{last} päättyy ennen kuin alkaa",
                f"validity {first}–{last} ends before it starts",
                f"giltighetstiden {first}–{last} slutar innan den börjar",
            )
            return None
        return first, last

    def results(self, value: object, path: KeyPath) -> FollowUp | None:
        if isinstance(value, str):
            return self.results_phrase(value, path)
        if not isinstance(value, dict):
            self.wrong_type(
                path,
                value,
                "merkkijono tai taulu",
                "string (a Finnish phrase) or table",
                "sträng eller tabell",
            )
            return None
        self.keys(value, path, _RESULTS_KEYS)
        present = [k for k in _RESULTS_TARGETS if k in value]
        targets = ", ".join(_RESULTS_TARGETS)
        if not present:
            self.error(
                path,
                f"anna tulosten ajankohta: jokin avaimista {targets}",
                f"give the time of the results: one of {targets}",
                f"ge tidpunkten för resultaten: en av nycklarna {targets}",
            )
            return None
        for extra in present[1:]:
            self.error(
                (*path, extra),
                f"'{extra}' ja '{present[0]}' eivät käy yhdessä; anna vain yksi "
                f"avaimista {targets}",
                f"'{extra}' cannot be combined with '{present[0]}'; give only one of {targets}",
                f"'{extra}' och '{present[0]}' går inte ihop; ge bara en av nycklarna {targets}",
            )
        earliest = self.boolean(value, "earliest", path)
        if len(present) > 1 or ("earliest" in value and earliest is None):
            return None
        key = present[0]
        where = (*path, key)
        target: FollowUpTarget | None = None
        if key == "season":
            season = self.choice(value[key], where, _SEASONS)
            target = SeasonWindow(season) if season is not None else None
        elif key in ("week", "weeks"):
            if key == "week":
                week = self.unit(value[key], where, 53, "viikkoa", "week", "viikot")
                weeks = (week, week) if week is not None else None
            else:
                weeks = self.span(value[key], where, 53, "viikkoa", "week", "viikot")
            target = WeekWindow(*weeks) if weeks is not None else None
        elif key == "meeting":  # results = { meeting = "next" }
            target = self.choice(value[key], where, _NEXT_MEETING)
        elif key == "date":
            date = self.date_window(value[key], where)
            if date is not None and not date.is_single:
                self.error(
                    where,
                    'tulosten päivämäärä on yksi päivä (esim. "15.1.")',
                    'the date of the results is one day (e.g. "15.1.")',
                    'resultatens datum är en dag (t.ex. "15.1.")',
                )
                date = None
            target = date
        else:
            if key == "month":
                one = self.unit(value[key], where, 12, "kuukautta", "month", "kuukaudet")
                months = (one, one) if one is not None else None
            else:
                months = self.span(value[key], where, 12, "kuukautta", "month", "kuukaudet")
            target = MonthWindow(*months) if months is not None else None
        if target is None:
            return None
        return FollowUp(target, bool(earliest))

    def results_phrase(self, text: str, path: KeyPath) -> FollowUp | None:
        try:
            return parse_follow_up(text, self.phrase_lang)
        except ValueError as exc:
            self.unreadable(text, path, exc)
            return None


_SV_UNITS = {"week": ("vecka", "veckorna"), "month": ("månad", "månaderna")}
"""A week's and a month's Swedish words in "there is no week 54: the weeks are 1–53"."""


def _every_years_sv(n: int) -> str:
    """``vartannat år``, ``vart 3:e år``: every ``n`` years in Swedish."""
    return (
        "vartannat år"
        if n == 2
        else f"vart {n}:{'a' if n % 10 in (1, 2) and n % 100 not in (11, 12) else 'e'} år"
    )


def _year_long_span(rule: Rule) -> tuple[_dt.date, _dt.date] | None:
    """A span of the rule's window longer than a year, or a wrapping one of a whole year.

    "viikoilla 1–53" (371 days), "viikoilla 53–52", "2.1.–1.1." and
    "joulukuusta marraskuuhun" are probably typing mistakes; "tammi–
    joulukuussa" is a plain year and fine.
    """
    window = rule.window
    if window is None or rule.needs_school_calendar:
        return None
    for year in range(2024, 2033):  # a leap year and 53-week ISO years (2026, 2032)
        for start, end in rule.bounds(year):
            days = (end - start).days + 1
            if days > 366 or (window.wraps and days >= 365):
                return start, end
    return None


def _day_text(school: SchoolCalendar, day: _dt.date, lang: str) -> str:
    """``su 6.12.2026 (itsenäisyyspäivä)``, ``Sun 6.12.2026 (Independence Day)``,
    ``sö 6.12.2026 (självständighetsdagen)``."""
    holiday = school.holiday(day)
    breaks = school.breaks_on(day)
    why = holiday.name(lang) if holiday is not None else breaks[0].name if breaks else None
    weekday = pick(
        lang,
        WEEKDAYS_FI_SHORT[day.weekday()],
        WEEKDAYS_EN[day.weekday()][:3],
        WEEKDAYS_SV_SHORT[day.weekday()],
    )
    text = f"{weekday} {day.day}.{day.month}.{day.year}"
    return f"{text} ({why})" if why is not None else text


def _strict_ancestors(group: str, parents: Mapping[str, str | None]) -> list[str]:
    found: list[str] = []
    parent = parents.get(group)
    while parent is not None and parent not in found and parent != group:
        found.append(parent)
        parent = parents.get(parent)
    return found


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


# Names in the tz database that are not places: the machine's own zone and
# the database's internals.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}")


def _iana_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def _is_iana_zone(name: str) -> bool:
    """Whether ``name`` is a real IANA zone ("Europe/Helsinki"), not a folder or an alias
    of the machine's zone."""
    if len(name) > 64 or name in _NOT_ZONES or not _ZONE_NAME.fullmatch(name):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


MAX_LAYERS = 16
"""The longest chain of ``extends`` (a campus on Sedu on the national data is 3)."""

_LISTS = ("groups", "terms", "breaks")
"""Top-level arrays whose entries the layers add up (calendars merge by id)."""


def _parse(text: str, filename: str) -> dict[str, Any] | Problem:
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _syntax_problem(exc, filename, text)
    except RecursionError:  # arrays or tables nested hundreds deep
        return Problem(
            filename,
            None,
            "",
            "TOML-syntaksivirhe: taulukot tai taulut ovat liian syvällä sisäkkäin",
            "TOML syntax error: arrays or tables are nested too deep",
            message_sv="TOML-syntaxfel: listorna eller tabellerna är för djupt kapslade",
        )


def _layer_problem(layer: _Layer, path: KeyPath, fi: str, en: str, sv: str) -> Problem:
    line = layer.locator.line(path) or 1
    return Problem(layer.filename, line, format_path(path), fi, en, message_sv=sv)


def _base_of(
    layer: _Layer, folder: str | None
) -> tuple[str, str, str | None, str] | list[Problem] | None:
    """The file ``layer`` extends: (identity, file name, folder, text), None, or its problems."""
    value = layer.data.get("extends")
    if value is None:
        return None
    where: KeyPath = ("extends",)
    if not isinstance(value, str) or not value.strip():
        return [
            _layer_problem(
                layer,
                where,
                'extends on aineiston nimi tai tiedoston polku, esim. extends = "sedu"',
                'extends is a data set name or a file path, e.g. extends = "sedu"',
                'extends är namnet på en datamängd eller en sökväg, t.ex. extends = "sedu"',
            )
        ]
    names = data_set_names()
    if value in names:
        return f"embedded:{value}", data_set_file_name(value), None, data_set_text(value)
    if not value.endswith(".toml") and "/" not in value and os.sep not in value:
        known = ", ".join(names)
        guess = _suggest(value, names)
        hint_fi = f" – tarkoititko '{guess}'?" if guess else ""
        hint_en = f" – did you mean '{guess}'?" if guess else ""
        hint_sv = f" – menade du '{guess}'?" if guess else ""
        return [
            _layer_problem(
                layer,
                where,
                f"tuntematon aineisto '{value}'{hint_fi} (sisäänrakennetut: {known}; "
                'tiedosto annetaan polkuna, esim. "perus.toml")',
                f"unknown data set '{value}'{hint_en} (embedded: {known}; "
                'give a file as a path, e.g. "perus.toml")',
                f"okänd datamängd '{value}'{hint_sv} (inbyggda: {known}; "
                'en fil ges som en sökväg, t.ex. "perus.toml")',
            )
        ]
    path = value if folder in (None, "", os.curdir) else os.path.join(folder, value)
    result = _read_bytes(path)
    if isinstance(result, Problem):
        return [
            _layer_problem(
                layer,
                where,
                f"perustiedosto '{value}': {result.message_fi}",
                f"the base file '{value}': {result.message_en}",
                f"basfilen '{value}': {result.message('sv')}",
            )
        ]
    text = _decode(result, path)
    if isinstance(text, Problem):
        return [text]
    return os.path.realpath(path), path, os.path.dirname(path), text


def _chain(
    text: str, filename: str, folder: str | None, identity: str
) -> list[_Layer] | list[Problem]:
    """The layers of a file and the files it extends, base first (or the problems)."""
    layers: list[_Layer] = []
    seen: list[str] = []
    while True:
        data = _parse(text, filename)
        if isinstance(data, Problem):
            return [data]
        layer = _Layer(filename, Locator(text), data)
        if identity in seen:
            names = [layer_.filename for layer_ in reversed(layers)]
            cycle = " → ".join([*reversed(names), filename])
            last = layers[-1]
            return [
                _layer_problem(
                    last,
                    ("extends",),
                    f"extends-ketjussa on kehä: {cycle}",
                    f"cycle in the chain of extends: {cycle}",
                    f"kedjan av extends har en cirkel: {cycle}",
                )
            ]
        seen.append(identity)
        layers.append(layer)
        base = _base_of(layer, folder)
        if base is None:
            break
        if isinstance(base, list):
            return base
        if len(layers) >= MAX_LAYERS:
            return [
                _layer_problem(
                    layer,
                    ("extends",),
                    f"extends-ketju on liian pitkä (yli {MAX_LAYERS} tiedostoa)",
                    f"the chain of extends is too long (over {MAX_LAYERS} files)",
                    f"kedjan av extends är för lång (över {MAX_LAYERS} filer)",
                )
            ]
        identity, filename, folder, text = base
    layers.reverse()
    return layers


def _merge(layers: Sequence[_Layer]) -> tuple[dict[str, Any], dict[KeyPath, tuple[int, KeyPath]]]:
    """One document from the layers (base first) and where each part of it was written.

    Groups, terms and breaks add up; a calendar whose id a lower layer has
    is that calendar amended (its items and overrides added, its other keys
    replaced); the organisation's keys are replaced one by one; any other
    key is the upper layer's.
    """
    merged: dict[str, Any] = {}
    origins: dict[KeyPath, tuple[int, KeyPath]] = {}
    calendars_below: dict[str, int] = {}
    for index, layer in enumerate(layers):
        calendars_here: dict[str, int] = {}
        for key, value in layer.data.items():
            if key in (*_LISTS, "calendars") and isinstance(value, list):
                found = merged.get(key)
                target: list[Any] = found if isinstance(found, list) else []
                merged[key] = target
                origins.setdefault((key,), (index, (key,)))
                for position, entry in enumerate(value):
                    cal_id = entry.get("id") if isinstance(entry, dict) else None
                    if key == "calendars" and isinstance(cal_id, str) and cal_id in calendars_below:
                        _amend(merged, origins, calendars_below[cal_id], entry, index, position)
                        continue
                    if key == "calendars" and isinstance(cal_id, str):
                        calendars_here.setdefault(cal_id, len(target))
                    origins[(key, len(target))] = (index, (key, position))
                    target.append(entry)
            elif key == "organisation" and isinstance(value, dict):
                found = merged.get(key)
                table: dict[str, Any] = found if isinstance(found, dict) else {}
                merged[key] = table
                origins[(key,)] = (index, (key,))
                for name, field in value.items():
                    table[name] = field
                    origins[(key, name)] = (index, (key, name))
            else:
                merged[key] = value
                origins[(key,)] = (index, (key,))
        for cal_id, position in calendars_here.items():
            calendars_below.setdefault(cal_id, position)
    return merged, origins


def _amend(
    merged: dict[str, Any],
    origins: dict[KeyPath, tuple[int, KeyPath]],
    position: int,
    entry: dict[str, Any],
    layer: int,
    written: int,
) -> None:
    """Amend the merged document's calendar at ``position`` with a layer's calendar."""
    calendar = merged["calendars"][position]
    here: KeyPath = ("calendars", position)
    there: KeyPath = ("calendars", written)
    for key, value in entry.items():
        if key in ("items", "overrides") and isinstance(value, list):
            found = calendar.get(key)
            target: list[Any] = found if isinstance(found, list) else []
            calendar[key] = target
            for index, sub in enumerate(value):
                origins[(*here, key, len(target))] = (layer, (*there, key, index))
                target.append(sub)
        elif key != "id":
            calendar[key] = value
            origins[(*here, key)] = (layer, (*there, key))


def validate_text(text: str, filename: str = "<data>", *, folder: str | None = None) -> LoadResult:
    """Validate a TOML document and build the organisation when there are no errors.

    Pure, unless the document ``extends`` a file: that file is read (relative
    to ``folder``, default the current folder); an embedded data set is read
    from the package.  Every problem is collected, sorted by file (base
    first) and line, and names the file of the layer it is in.
    """
    identity = os.path.realpath(filename) if folder is not None else f"text:{filename}"
    layers = _chain(text, filename, folder, identity)
    if not layers or isinstance(layers[0], Problem):
        return LoadResult(None, tuple(p for p in layers if isinstance(p, Problem)))
    chain = [layer for layer in layers if isinstance(layer, _Layer)]
    problems: list[Problem] = []
    for layer in chain[:-1]:
        # The top layer's schema is checked with the rest of it; a base's
        # would be hidden by the merge.
        schema = layer.data.get("schema")
        if schema is not None and (schema != SCHEMA or isinstance(schema, bool)):
            problems.append(
                _layer_problem(
                    layer,
                    ("schema",),
                    f"tuntematon skeeman versio {schema!r}; tämä versio lukee vain versiota "
                    f"{SCHEMA}",
                    f"unknown schema {schema!r}; this version reads only schema {SCHEMA}",
                    f"okänd schemaversion {schema!r}; den här versionen läser bara version "
                    f"{SCHEMA}",
                )
            )
    if problems:
        return LoadResult(None, tuple(problems))
    data, origins = _merge(chain)
    validator = _Validator(filename, text, chain, origins)
    organisation = validator.run(data)
    order = {layer.filename: index for index, layer in enumerate(chain)}
    problems = sorted(
        validator.problems,
        key=lambda p: (order.get(p.file, len(chain)), 0 if p.line is None else p.line),
    )
    if validator.has_errors:
        organisation = None
    return LoadResult(organisation, tuple(problems))


def _decode(data: bytes, filename: str) -> str | Problem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(
            filename,
            line,
            "",
            f"tiedosto ei ole UTF-8-muodossa (tavu {exc.start + 1})",
            f"the file is not UTF-8 (byte {exc.start + 1})",
            message_sv=f"filen är inte i UTF-8 (byte {exc.start + 1})",
        )


_OS_ERRORS: dict[int, tuple[str, str]] = {
    # Finnish, Swedish (English: the system's own words)
    errno.ENOENT: ("tiedostoa ei ole", "filen finns inte"),
    errno.EACCES: ("ei lukuoikeutta", "ingen läsrätt"),
    errno.EISDIR: ("se on hakemisto", "det är en mapp"),
    errno.ENOTDIR: (
        "polussa on jotain, mikä ei ole hakemisto",
        "sökvägen har något som inte är en mapp",
    ),
}


def _read_bytes(filename: str) -> bytes | Problem:
    """A data file's bytes (at most :data:`MAX_DATA_BYTES`), or why it cannot be read."""
    try:
        with open(filename, "rb") as handle:
            # One byte past the cap tells a file that is too large (or endless:
            # /dev/zero) from one that is exactly the cap.
            data = handle.read(MAX_DATA_BYTES + 1)
    except OSError as exc:
        reason_en = exc.strerror or exc.__class__.__name__
        reason_fi, reason_sv = _OS_ERRORS.get(exc.errno or 0, (reason_en, reason_en))
        return Problem(
            filename,
            None,
            "",
            f"tiedostoa ei voi lukea: {reason_fi}",
            f"cannot read the file: {reason_en}",
            message_sv=f"kan inte läsa filen: {reason_sv}",
        )
    if len(data) > MAX_DATA_BYTES:
        mib = MAX_DATA_BYTES // (1024 * 1024)
        return Problem(
            filename,
            None,
            "",
            f"tiedosto on liian suuri aineistoksi (yli {mib} MiB)",
            f"the file is too large for a data file (over {mib} MiB)",
            message_sv=f"filen är för stor för en datafil (över {mib} MiB)",
        )
    return data


def validate_file(path: str | os.PathLike[str]) -> LoadResult:
    """Read and validate a data file (and the files it extends); an unreadable or
    non-UTF-8 file is a Problem."""
    filename = os.fspath(path)
    data = _read_bytes(filename)
    if isinstance(data, Problem):
        return LoadResult(None, (data,))
    text = _decode(data, filename)
    if isinstance(text, Problem):
        return LoadResult(None, (text,))
    return validate_text(text, filename, folder=os.path.dirname(filename) or os.curdir)


def chain_files(path: str | os.PathLike[str]) -> list[str]:
    """The files a data file is made of: itself and the files it extends, top first.

    Embedded data sets are not files and end the list.  A file that cannot be
    read or parsed ends it too (loading it reports why).  A server watches
    these files to know when to read the data again.
    """
    filename = os.fspath(path)
    folder = os.path.dirname(filename) or os.curdir
    files: list[str] = []
    while filename not in files and len(files) < MAX_LAYERS:
        files.append(filename)
        data = _read_bytes(filename)
        text = data if isinstance(data, Problem) else _decode(data, filename)
        parsed = text if isinstance(text, Problem) else _parse(text, filename)
        if isinstance(parsed, Problem) or isinstance(text, Problem):
            break
        base = _base_of(_Layer(filename, Locator(text), parsed), folder)
        if base is None or isinstance(base, list) or base[0].startswith("embedded:"):
            break
        _identity, filename, base_folder, _text = base
        folder = base_folder or os.curdir
    return files


def _checked(result: LoadResult) -> Organisation:
    if result.errors or result.organisation is None:
        raise LoadError(result.problems)
    return result.organisation


def loads(text: str, filename: str = "<data>") -> Organisation:
    """Build the organisation from TOML text; raise :class:`LoadError` on any error."""
    return _checked(validate_text(text, filename))


def load(path: str | os.PathLike[str]) -> Organisation:
    """Load a data file; raise :class:`LoadError` on any error (warnings do not raise)."""
    return _checked(validate_file(path))


DEFAULT_DATA_SET = "sedu"
"""The embedded data set used when no data file is given."""


def data_set_names() -> tuple[str, ...]:
    """The names of the embedded data sets (``kansallinen``, ``sedu``), sorted."""
    folder = importlib.resources.files("opiskeluhuolto").joinpath("data")
    return tuple(
        sorted(
            entry.name[: -len(".toml")]
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
        )
    )


def data_set_file_name(name: str) -> str:
    """How problems name an embedded data set's file: ``sedu.toml (embedded)``."""
    return f"{name}.toml (embedded)"


def data_set_text(name: str) -> str:
    """The text of an embedded data set, as it is (``opiskeluhuolto data show NAME``)."""
    if name not in data_set_names():
        raise KeyError(name)
    resource = importlib.resources.files("opiskeluhuolto").joinpath(f"data/{name}.toml")
    return resource.read_text(encoding="utf-8")


def default_data_text() -> str:
    """The text of the embedded default data set (``opiskeluhuolto/data/sedu.toml``)."""
    return data_set_text(DEFAULT_DATA_SET)


def load_data_set(name: str) -> Organisation:
    """An embedded data set, with the sets it extends."""
    return loads(data_set_text(name), data_set_file_name(name))


def load_default() -> Organisation:
    """The embedded Sedu data set (it extends the national one, ``kansallinen``)."""
    return load_data_set(DEFAULT_DATA_SET)
