"""The keys of the data file's tables, declared once, and the one walker that checks them.

Each TOML table of a data file (``schema = 1``) has a :class:`Table` here: its
keys in file order, each a :class:`Key` with its name, the :class:`Kind` of
value it takes, whether it is required, its choices or check, and a one-line
description.  ``docs/data.md`` lists the same keys (a test holds the two
equal).

:meth:`Walker.walk` checks one table against its :class:`Table`: unknown keys
(with a "did you mean" suggestion), missing required keys, values of the wrong
type and values outside their choices (with a suggestion), each reported at
its key path in Finnish, English and Swedish through the ``report`` function the
walker is given.  It returns the converted values.  Nested tables, arrays of
tables and timings come back as they are written: the caller walks them with
their own :class:`Table` (:meth:`Walker.table`, :meth:`Walker.tables`) or
hands them to a reader – the loader reads timings this way.

Pure: no I/O.  :mod:`opiskeluhuolto.loading` adds the file and the line of
each problem, and checks what one table cannot know: references between
groups, calendars and items, duplicate ids, cycles and overrides.

>>> problems = []
>>> walker = Walker(lambda path, fi, en, sv: problems.append((path, en)))
>>> walker.walk({"id": "ohr", "nmae": "OHR", "kind": "campu"}, ("groups", 0), GROUP)
{'id': 'ohr', 'kind': None}
>>> for problem in problems:
...     print(problem)
(('groups', 0, 'nmae'), "unknown key 'nmae' – did you mean 'name'?")
(('groups', 0, 'name'), "missing required key 'name'")
(('groups', 0, 'kind'), "unknown value 'campu' – did you mean 'campus'? (valid: regional, \
steering, organisation, campus, unit, student-body, safety, development, other)")
"""

from __future__ import annotations

import datetime as _dt
import difflib
import enum
import re
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import attrs

from opiskeluhuolto.calendar import LANGUAGES, MAX_LEAD_DAYS, ItemKind
from opiskeluhuolto.groups import Audience, GroupKind

__all__ = [
    "AUDIENCE_MESSAGE",
    "BREAK",
    "CALENDAR",
    "GROUP",
    "ITEM",
    "MESSAGE",
    "ORGANISATION",
    "OVERRIDE",
    "TABLES",
    "TERMS",
    "TOP",
    "Key",
    "KeyPath",
    "Kind",
    "Reader",
    "Report",
    "Table",
    "Walker",
    "suggest",
    "type_name",
]

KeyPath: TypeAlias = tuple[str | int, ...]
"""A key path: table keys (str) and array indices (int), e.g. ``("groups", 2, "parent")``."""

Report: TypeAlias = Callable[[KeyPath, str, str, str], None]
"""Where the walker reports an error: ``report(path, message_fi, message_en, message_sv)``."""

Reader: TypeAlias = Callable[[object, KeyPath], object]
"""Reads one key's value at its path, reporting its own problems: ``reader(value, path)``."""

Check: TypeAlias = Callable[[Any], tuple[str, str, str] | None]
"""A further check of a converted value: None, or the problem as (Finnish, English, Swedish)."""

_E = TypeVar("_E")


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

_TYPE_NAMES: tuple[tuple[type, str, str, str], ...] = (
    (bool, "totuusarvo", "boolean", "sanningsvärde"),
    (int, "kokonaisluku", "integer", "heltal"),
    (float, "desimaaliluku", "float", "decimaltal"),
    (str, "merkkijono", "string", "sträng"),
    (list, "lista", "array", "lista"),
    (dict, "taulu", "table", "tabell"),
    (_dt.datetime, "aikaleima", "date-time", "tidsstämpel"),
    (_dt.date, "päivämäärä", "date", "datum"),
    (_dt.time, "kellonaika", "time", "klockslag"),
)


def type_name(value: object) -> tuple[str, str, str]:
    """The TOML type of ``value`` in Finnish, English and Swedish.

    >>> type_name(True), type_name([1])
    (('totuusarvo', 'boolean', 'sanningsvärde'), ('lista', 'array', 'lista'))
    """
    for kind, fi, en, sv in _TYPE_NAMES:
        if isinstance(value, kind):
            return fi, en, sv
    name = type(value).__name__
    return name, name, name


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, if any is close enough ("did you mean").

    >>> suggest("titel", ["id", "title", "when"]), suggest("xyz", ["id"])
    ('title', None)
    """
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


# ---------------------------------------------------------------------------
# Keys and tables
# ---------------------------------------------------------------------------


class Kind(enum.Enum):
    """The kind of value a key takes."""

    INTEGER = "integer"
    STRING = "string"
    ID = "id"
    """An identifier: lowercase letters a–z, digits, hyphens and underscores, 1–64 long,
    not starting with a hyphen or an underscore (ids become file names and UIDs)."""
    BOOLEAN = "boolean"
    CHOICE = "choice"
    """A string, one of the key's choices; converted to the choice's value."""
    STRINGS = "array of strings"
    CHOICES = "array of choices"
    """An array of strings, each one of the key's choices; converted to a tuple."""
    DATE = "date"
    """A TOML date (not a date-time)."""
    DATES = "array of dates"
    TABLE = "table"
    TABLES = "array of tables"
    TEXT = "string or table of languages"
    """A text, or the same text in several languages: ``{ fi = "…", sv = "…" }``;
    converted to a dict of language → text (``""`` for a plain string)."""
    PHRASE_OR_TABLE = "phrase or table"
    """A timing: a Finnish phrase or a table, read by the caller's reader."""

    @property
    def nested(self) -> bool:
        """Whether :meth:`Walker.walk` returns the value as written, for the caller to read."""
        return self in (Kind.TABLE, Kind.TABLES, Kind.PHRASE_OR_TABLE)


def _frozen_mapping(choices: Mapping[str, object]) -> Mapping[str, object]:
    return types.MappingProxyType(dict(choices))


@attrs.frozen
class Key:
    """One key of a table.

    ``choices`` maps the written values of a :attr:`Kind.CHOICE` or
    :attr:`Kind.CHOICES` key to what they mean; ``at_least`` and ``at_most``
    bound an integer; ``check`` checks a converted value further.  A
    ``first`` key is read before the table's keys are checked (the schema
    version, an item's id); the others after, in table order.
    """

    name: str
    kind: Kind
    doc: str
    required: bool = False
    choices: Mapping[str, object] = attrs.field(
        factory=dict, converter=_frozen_mapping, eq=False, repr=False
    )
    at_least: int | None = None
    at_most: int | None = None
    check: Check | None = attrs.field(default=None, eq=False, repr=False)
    first: bool = False


@attrs.frozen
class Table:
    """The keys of one TOML table; ``name`` is its dotted name ("" for the top level)."""

    name: str
    keys: tuple[Key, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every key, in table order."""
        return tuple(k.name for k in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        """The required keys, in table order."""
        return tuple(k.name for k in self.keys if k.required)

    def key(self, name: str) -> Key:
        """The key called ``name``."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)


def _unwanted(c: str) -> bool:
    """A character that data text may not hold: controls (not tab or newline), bidi
    overrides and isolates, U+FFFE and U+FFFF."""
    o = ord(c)
    return (
        (o < 0x20 and c not in "\t\n")
        or 0x7F <= o <= 0x9F
        or 0x202A <= o <= 0x202E
        or 0x2066 <= o <= 0x2069
        or o in (0xFFFE, 0xFFFF)
    )


def visible(text: str) -> str:
    """``text`` with what a terminal would act on (control and bidi characters) as ``\\uXXXX``.

    >>> visible("a\\nb\\u202e")
    'a\\\\u000ab\\\\u202e'
    """
    return "".join(
        c
        if c.isprintable() and not 0x202A <= ord(c) <= 0x202E and not 0x2066 <= ord(c) <= 0x2069
        else f"\\u{ord(c):04x}"
        for c in text
    )


_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Every id of a data file: it becomes part of event ids, UIDs and file names."""
_ID_CHARACTERS = re.compile(r"[a-z0-9][a-z0-9_-]*")


FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
"""A secret feed token: 16–128 letters a–z, A–Z, digits, hyphens and underscores."""


def _non_empty(text: str) -> tuple[str, str, str] | None:
    if text.strip():
        return None
    return ("teksti ei voi olla tyhjä", "the text cannot be empty", "texten kan inte vara tom")


def _token_problem(tokens: Sequence[str]) -> tuple[str, str, str] | None:
    for token in tokens:
        if not FEED_TOKEN.fullmatch(token):
            return (
                "syötteen tunnisteessa on oltava 16–128 merkkiä A–Z, a–z, 0–9, - tai _ "
                "(esim. python3 -c 'import secrets; print(secrets.token_urlsafe(24))')",
                "a feed token is 16–128 characters A–Z, a–z, 0–9, - or _ "
                "(e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(24))')",
                "en flödestoken har 16–128 tecken A–Z, a–z, 0–9, - eller _ "
                "(t.ex. python3 -c 'import secrets; print(secrets.token_urlsafe(24))')",
            )
    return None


_GROUP_KINDS = {k.value: k for k in GroupKind}
_ITEM_KINDS = {k.value: k for k in ItemKind}
_AUDIENCES = {a.value: a for a in Audience}

TOP = Table(
    "",
    (
        Key("schema", Kind.INTEGER, "the format version: 1", required=True, first=True),
        Key(
            "extends",
            Kind.STRING,
            'the data this file builds on: an embedded data set ("sedu") or a path',
        ),
        Key(
            "organisation",
            Kind.TABLE,
            "the organisation: [organisation] (from the base when the file extends one)",
            required=True,
        ),
        Key("groups", Kind.TABLES, "the welfare groups: [[groups]]"),
        Key("terms", Kind.TABLES, "the terms of each school year: [[terms]]"),
        Key("breaks", Kind.TABLES, "the breaks (school holidays): [[breaks]]"),
        Key("calendars", Kind.TABLES, "the calendars: [[calendars]]"),
    ),
)
"""The top level of a data file."""

TERMS = Table(
    "terms",
    (
        Key(
            "school_year",
            Kind.INTEGER,
            "the school year's first year (2026 = 2026–2027)",
            required=True,
            at_least=1,
        ),
        Key("autumn", Kind.STRING, 'the autumn term, e.g. "12.8.–18.12."', required=True),
        Key("spring", Kind.STRING, 'the spring term, e.g. "7.1.–29.5."', required=True),
    ),
)
"""``[[terms]]``."""

BREAK = Table(
    "breaks",
    (
        Key("id", Kind.ID, "the break's id, e.g. syysloma (rules say syyslomalla)", required=True),
        Key(
            "name", Kind.STRING, "the break's name, e.g. Syysloma", required=True, check=_non_empty
        ),
        Key("when", Kind.PHRASE_OR_TABLE, "when the break is: a phrase or a table", required=True),
        Key("group", Kind.ID, "the group that has this break (default: every group)"),
        Key("skip", Kind.BOOLEAN, "true: the group has no such break"),
    ),
)
"""``[[breaks]]``."""

ORGANISATION = Table(
    "organisation",
    (
        Key(
            "id",
            Kind.ID,
            "an id like every other (see Kind.ID); part of every event id",
            required=True,
        ),
        Key("name", Kind.STRING, "the organisation's name", required=True, check=_non_empty),
        Key("timezone", Kind.STRING, "an IANA time zone, default Europe/Helsinki"),
        Key(
            "languages",
            Kind.CHOICES,
            "the languages of the data's texts, its own first (fi, sv, en)",
            choices={lang: lang for lang in LANGUAGES},
        ),
    ),
)
"""``[organisation]``."""

GROUP = Table(
    "groups",
    (
        Key("id", Kind.ID, "unique among the groups", required=True),
        Key("name", Kind.STRING, "the group's name", required=True, check=_non_empty),
        Key("kind", Kind.CHOICE, "the kind of group, default other", choices=_GROUP_KINDS),
        Key("parent", Kind.ID, "the id of the group above this one"),
        Key("highlights_to", Kind.STRINGS, "ids of the groups that hear this group's highlights"),
        Key(
            "highlights_from",
            Kind.STRINGS,
            "ids of the groups whose highlights this group hears (their highlights_to gains it)",
        ),
        Key("roles", Kind.STRINGS, "member roles (never names of people)"),
        Key("meetings", Kind.PHRASE_OR_TABLE, "meeting days: a rule (phrase) or TOML dates"),
        Key("extra_meetings", Kind.DATES, "meetings added to the rule's, as TOML dates"),
        Key("cancelled_meetings", Kind.DATES, "meetings of the rule that are not held"),
        Key(
            "feed_tokens",
            Kind.STRINGS,
            "secret tokens of the group's feed (/g/TOKEN/vuosikello.ics); remove one to revoke it",
            check=lambda tokens: _token_problem(tokens),
        ),
    ),
)
"""``[[groups]]``."""

CALENDAR = Table(
    "calendars",
    (
        Key("id", Kind.ID, "unique among the calendars", required=True),
        Key("name", Kind.STRING, "the calendar's name", required=True, check=_non_empty),
        Key("owner", Kind.ID, "the id of the group that owns the calendar", required=True),
        Key("items", Kind.TABLES, "the items: [[calendars.items]]"),
        Key("overrides", Kind.TABLES, "changes to inherited items: [[calendars.overrides]]"),
    ),
)
"""``[[calendars]]``."""

ITEM = Table(
    "calendars.items",
    (
        Key("id", Kind.ID, "unique among all items of the file", required=True, first=True),
        Key("title", Kind.TEXT, "the item's title", required=True, check=_non_empty),
        Key("when", Kind.PHRASE_OR_TABLE, "the timing", required=True),
        Key("results", Kind.PHRASE_OR_TABLE, "a follow-up, such as survey results"),
        Key("audience", Kind.CHOICES, "who must hear about it", choices=_AUDIENCES),
        Key("kind", Kind.CHOICE, "the kind of item, default other", choices=_ITEM_KINDS),
        Key("notes", Kind.TEXT, "free text"),
        Key(
            "lead_days",
            Kind.INTEGER,
            f"days before the item a message goes out (0–{MAX_LEAD_DAYS})",
            at_least=0,
            at_most=MAX_LEAD_DAYS,
        ),
        Key("message", Kind.TABLE, "the message for message exporters: [calendars.items.message]"),
        Key("also_in", Kind.STRINGS, "ids of other calendars that show this item too"),
        Key("source", Kind.STRING, "where the schedule comes from (publisher, link)"),
    ),
)
"""``[[calendars.items]]``."""

MESSAGE = Table(
    "calendars.items.message",
    (
        Key("subject", Kind.STRING, "the subject of the item's message (a template)"),
        Key("body", Kind.STRING, "the text of the item's message (a template)"),
        Key("huoltajat", Kind.TABLE, "the guardians' own subject and body"),
        Key("opiskelijat", Kind.TABLE, "the students' own subject and body"),
    ),
)
"""``[calendars.items.message]``."""

AUDIENCE_MESSAGE = Table(
    "calendars.items.message.AUDIENCE",
    (
        Key("subject", Kind.STRING, "the subject of this audience's message (a template)"),
        Key("body", Kind.STRING, "the text of this audience's message (a template)"),
    ),
)
"""``[calendars.items.message.huoltajat]`` and ``[calendars.items.message.opiskelijat]``."""

OVERRIDE = Table(
    "calendars.overrides",
    (
        Key("item", Kind.ID, "the id of an inherited item", required=True),
        Key("when", Kind.PHRASE_OR_TABLE, "a new timing"),
        Key("results", Kind.PHRASE_OR_TABLE, "new results"),
        Key("title", Kind.TEXT, "a new title", check=_non_empty),
        Key("audience", Kind.CHOICES, "a new audience", choices=_AUDIENCES),
        Key("notes", Kind.TEXT, "new notes"),
        Key("kind", Kind.CHOICE, "a new kind", choices=_ITEM_KINDS),
        Key(
            "lead_days",
            Kind.INTEGER,
            f"new lead days (0–{MAX_LEAD_DAYS})",
            at_least=0,
            at_most=MAX_LEAD_DAYS,
        ),
        Key("message", Kind.TABLE, "a new message: [calendars.overrides.message]"),
        Key("source", Kind.STRING, "a new source"),
        Key("skip", Kind.BOOLEAN, "true drops the item for this group and those below"),
    ),
)
"""``[[calendars.overrides]]``."""

TABLES: tuple[Table, ...] = (
    TOP,
    ORGANISATION,
    GROUP,
    TERMS,
    BREAK,
    CALENDAR,
    ITEM,
    MESSAGE,
    AUDIENCE_MESSAGE,
    OVERRIDE,
)
"""Every table of a data file except the timing tables (read by the loader's timing code)."""


# ---------------------------------------------------------------------------
# The walker
# ---------------------------------------------------------------------------


class Walker:
    """Checks tables against their :class:`Table` and converts their values.

    Every problem goes to ``report(path, message_fi, message_en, message_sv)``.  The
    single-value checks (:meth:`integer`, :meth:`choice`, …) return None for a
    value they reported.
    """

    def __init__(self, report: Report) -> None:
        self.report = report

    def walk(
        self,
        table: Mapping[str, object],
        path: KeyPath,
        schema: Table,
        read: Mapping[str, Reader] | None = None,
    ) -> dict[str, Any]:
        """Check ``table`` (at ``path``) against ``schema``; its values by key.

        The result has an entry for every key of ``schema`` that ``table``
        has: the converted value, or None when the value was reported.  A
        key in ``read`` is read by its reader instead, in table order; other
        keys of a nested kind (tables, timings) are returned as written.
        Keys marked ``first`` are read first; then unknown keys are reported
        in the order they are written, then missing required keys; then the
        other keys are read in table order.
        """
        read = read or {}
        unknown = [name for name in read if name not in schema.names]
        if unknown:
            raise ValueError(f"no key {unknown[0]!r} in table {schema.name!r}")
        values: dict[str, Any] = {}
        self._read_keys(table, path, [k for k in schema.keys if k.first], read, values)
        self.check_keys(table, path, schema.names, schema.required)
        self._read_keys(table, path, [k for k in schema.keys if not k.first], read, values)
        return values

    def _read_keys(
        self,
        table: Mapping[str, object],
        path: KeyPath,
        keys: Iterable[Key],
        read: Mapping[str, Reader],
        values: dict[str, Any],
    ) -> None:
        for key in keys:
            if key.name not in table:
                continue
            where = (*path, key.name)
            reader = read.get(key.name)
            if reader is not None:
                values[key.name] = reader(table[key.name], where)
            else:
                values[key.name] = self.value(key, table[key.name], where)

    def value(self, key: Key, value: object, path: KeyPath) -> Any:
        """``value`` of ``key`` (at ``path``) converted, or None when it was reported."""
        converted: Any
        if key.kind is Kind.INTEGER:
            converted = self.integer(value, path, key.at_least, key.at_most)
        elif key.kind is Kind.STRING:
            converted = self.string(value, path)
        elif key.kind is Kind.ID:
            converted = self.ident(value, path)
        elif key.kind is Kind.BOOLEAN:
            converted = self.boolean(value, path)
        elif key.kind is Kind.CHOICE:
            converted = self.choice(value, path, key.choices)
        elif key.kind is Kind.STRINGS:
            converted = self.strings(value, path)
        elif key.kind is Kind.CHOICES:
            converted = self.choices(value, path, key.choices)
        elif key.kind is Kind.DATE:
            converted = self.date(value, path)
        elif key.kind is Kind.DATES:
            converted = self.dates(value, path)
        elif key.kind is Kind.TEXT:
            converted = self.text(value, path, key.check)
            return converted
        else:  # nested: the caller reads it
            return value
        if converted is not None and key.check is not None:
            problem = key.check(converted)
            if problem is not None:
                self.report(path, *problem)
                return None
        return converted

    # -- tables ------------------------------------------------------------

    def check_keys(
        self,
        table: Mapping[str, object],
        path: KeyPath,
        allowed: Sequence[str],
        required: Sequence[str] = (),
    ) -> None:
        """Report every key of ``table`` not ``allowed`` and every missing ``required`` one."""
        for key in table:
            if key in allowed:
                continue
            guess = suggest(key, allowed)
            if guess is not None:
                self.report(
                    (*path, key),
                    f"tuntematon avain '{key}' – tarkoititko '{guess}'?",
                    f"unknown key '{key}' – did you mean '{guess}'?",
                    f"okänd nyckel '{key}' – menade du '{guess}'?",
                )
            else:
                self.report(
                    (*path, key),
                    f"tuntematon avain '{key}'; sallitut avaimet: {', '.join(allowed)}",
                    f"unknown key '{key}'; allowed keys: {', '.join(allowed)}",
                    f"okänd nyckel '{key}'; tillåtna nycklar: {', '.join(allowed)}",
                )
        for key in required:
            if key not in table:
                self.report(
                    (*path, key),
                    f"pakollinen avain '{key}' puuttuu",
                    f"missing required key '{key}'",
                    f"den obligatoriska nyckeln '{key}' saknas",
                )

    def table(self, value: object, path: KeyPath) -> dict[str, Any] | None:
        """``value`` when it is a table."""
        if isinstance(value, dict):
            return value
        self.wrong_type(path, value, "taulu", "table", "tabell")
        return None

    def tables(self, value: object, path: KeyPath) -> list[tuple[KeyPath, dict[str, Any]]]:
        """An array of tables: (path, table) for each element that is a table."""
        if not isinstance(value, list):
            self.wrong_type(path, value, "taulukkolista", "array of tables", "lista med tabeller")
            return []
        found = []
        for index, element in enumerate(value):
            table = self.table(element, (*path, index))
            if table is not None:
                found.append(((*path, index), table))
        return found

    # -- values ------------------------------------------------------------

    def wrong_type(self, path: KeyPath, value: object, fi: str, en: str, sv: str) -> None:
        """Report that ``value`` is not of the type called ``fi``/``en``/``sv``."""
        got_fi, got_en, got_sv = type_name(value)
        self.report(
            path,
            f"odotettiin tyyppiä {fi}, saatiin {got_fi}",
            f"expected {en}, got {got_en}",
            f"förväntade typen {sv}, fick {got_sv}",
        )

    def string(self, value: object, path: KeyPath) -> str | None:
        """A string of text people read: no control characters (tab and newline are fine).

        Every text of a data file passes here, so an ESC sequence, a NUL, a bidi
        override or U+FFFF never reaches a terminal, an SVG or an iCalendar feed.
        """
        if not isinstance(value, str):
            self.wrong_type(path, value, "merkkijono", "string", "sträng")
            return None
        bad = next((i for i, c in enumerate(value) if _unwanted(c)), None)
        if bad is not None:
            code = f"U+{ord(value[bad]):04X}"
            self.report(
                path,
                f"tekstissä on ohjausmerkki {code} (merkki {bad + 1}); poista se",
                f"the text contains the control character {code} (character {bad + 1}); remove it",
                f"texten innehåller styrtecknet {code} (tecken {bad + 1}); ta bort det",
            )
            return None
        return value

    def ident(self, value: object, path: KeyPath) -> str | None:
        """An identifier (:attr:`Kind.ID`): it names files and events, so it is plain."""
        text = self.string(value, path)
        if text is None:
            return None
        if not text.strip():
            self.report(
                path,
                "tunnus ei voi olla tyhjä",
                "an id cannot be empty",
                "en identifierare kan inte vara tom",
            )
            return None
        if not _ID.fullmatch(text):
            shown = visible(text if len(text) <= 64 else text[:64] + "…")
            if _ID_CHARACTERS.fullmatch(text):  # plain characters, only too many of them
                self.report(
                    path,
                    f"tunnus '{shown}' on liian pitkä: {len(text)} merkkiä, enintään 64",
                    f"id '{shown}' is too long: {len(text)} characters, at most 64",
                    f"identifieraren '{shown}' är för lång: {len(text)} tecken, högst 64",
                )
                return None
            self.report(
                path,
                f"tunnuksessa '{shown}' saa olla vain pieniä kirjaimia a–z, numeroita, "
                "yhdysmerkkejä ja alaviivoja (enintään 64 merkkiä, ensimmäisenä kirjain "
                "tai numero)",
                f"id '{shown}' may contain only lowercase letters a–z, digits, hyphens and "
                "underscores (at most 64 characters, starting with a letter or digit)",
                f"identifieraren '{shown}' får bara innehålla små bokstäver a–z, siffror, "
                "bindestreck och understreck (högst 64 tecken, först en bokstav eller siffra)",
            )
            return None
        return text

    def integer(
        self, value: object, path: KeyPath, lo: int | None = None, hi: int | None = None
    ) -> int | None:
        """An integer (not a boolean), ``lo`` ≤ it ≤ ``hi`` when they are given."""
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong_type(path, value, "kokonaisluku", "integer", "heltal")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            if hi is None:
                fi, en, sv = f"vähintään {lo}", f"at least {lo}", f"minst {lo}"
            else:
                fi, en, sv = f"välillä {lo}–{hi}", f"between {lo} and {hi}", f"{lo}–{hi}"
            self.report(
                path,
                f"arvon {value} pitää olla {fi}",
                f"{value} must be {en}",
                f"värdet {value} ska vara {sv}",
            )
            return None
        return value

    def boolean(self, value: object, path: KeyPath) -> bool | None:
        if isinstance(value, bool):
            return value
        self.wrong_type(path, value, "totuusarvo", "boolean", "sanningsvärde")
        return None

    def choice(self, value: object, path: KeyPath, choices: Mapping[str, _E]) -> _E | None:
        """What the string ``value`` means in ``choices`` (a suggestion when it is not one)."""
        if not isinstance(value, str):
            self.wrong_type(path, value, "merkkijono", "string", "sträng")
            return None
        if value in choices:
            return choices[value]
        valid = ", ".join(choices)
        guess = suggest(value, choices)
        hint_fi = f" – tarkoititko '{guess}'?" if guess else ""
        hint_en = f" – did you mean '{guess}'?" if guess else ""
        hint_sv = f" – menade du '{guess}'?" if guess else ""
        self.report(
            path,
            f"tuntematon arvo '{value}'{hint_fi} (sallitut: {valid})",
            f"unknown value '{value}'{hint_en} (valid: {valid})",
            f"okänt värde '{value}'{hint_sv} (tillåtna: {valid})",
        )
        return None

    def array(self, value: object, path: KeyPath) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.wrong_type(path, value, "lista", "array", "lista")
        return None

    def text(
        self, value: object, path: KeyPath, check: Check | None = None
    ) -> dict[str, str] | None:
        """A text or a table of texts by language: language → text (``""``: a plain string).

        Each text is checked as a string and by ``check``; a table's keys must
        be languages (:data:`~opiskeluhuolto.calendar.LANGUAGES`).
        """
        if isinstance(value, Mapping):
            texts: dict[str, str] = {}
            if not value:
                self.report(
                    path,
                    'anna teksti tai kielet, esim. { fi = "…", sv = "…" }',
                    'give a text or its languages, e.g. { fi = "…", sv = "…" }',
                    'ge en text eller dess språk, t.ex. { fi = "…", sv = "…" }',
                )
                return None
            ok = True
            for lang, text in value.items():
                where = (*path, lang)
                if lang not in LANGUAGES:
                    valid = ", ".join(LANGUAGES)
                    guess = suggest(lang, LANGUAGES)
                    hint_fi = f" – tarkoititko '{guess}'?" if guess else ""
                    hint_en = f" – did you mean '{guess}'?" if guess else ""
                    hint_sv = f" – menade du '{guess}'?" if guess else ""
                    self.report(
                        where,
                        f"tuntematon kieli '{lang}'{hint_fi} (sallitut: {valid})",
                        f"unknown language '{lang}'{hint_en} (valid: {valid})",
                        f"okänt språk '{lang}'{hint_sv} (tillåtna: {valid})",
                    )
                    ok = False
                    continue
                found = self.string(text, where)
                problem = None if found is None or check is None else check(found)
                if problem is not None:
                    self.report(where, *problem)
                if found is None or problem is not None:
                    ok = False
                    continue
                texts[lang] = found
            return texts if ok else None
        found = self.string(value, path)
        if found is None:
            return None
        problem = None if check is None else check(found)
        if problem is not None:
            self.report(path, *problem)
            return None
        return {"": found}

    def strings(self, value: object, path: KeyPath) -> list[str] | None:
        """A list of strings; None when any element is not one (each reported)."""
        elements = self.array(value, path)
        if elements is None:
            return None
        found = [self.string(element, (*path, i)) for i, element in enumerate(elements)]
        strings = [s for s in found if s is not None]
        return strings if len(strings) == len(found) else None

    def choices(
        self, value: object, path: KeyPath, choices: Mapping[str, _E]
    ) -> tuple[_E, ...] | None:
        """A tuple of choices; None when any element is not one (each reported)."""
        elements = self.array(value, path)
        if elements is None:
            return None
        found = [self.choice(element, (*path, i), choices) for i, element in enumerate(elements)]
        if any(c is None for c in found):
            return None
        return tuple(c for c in found if c is not None)

    def date(self, value: object, path: KeyPath) -> _dt.date | None:
        """A TOML date, not a date-time (``2026-10-19``)."""
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value
        self.wrong_type(path, value, "päivämäärä", "date", "datum")
        return None

    def dates(self, value: object, path: KeyPath) -> list[_dt.date] | None:
        """A list of dates (not date-times); None when any element is not one (each reported)."""
        elements = self.array(value, path)
        if elements is None:
            return None
        found: list[_dt.date] = []
        for index, element in enumerate(elements):
            if isinstance(element, _dt.date) and not isinstance(element, _dt.datetime):
                found.append(element)
            else:
                self.wrong_type((*path, index), element, "päivämäärä", "date", "datum")
        return found if len(found) == len(elements) else None
