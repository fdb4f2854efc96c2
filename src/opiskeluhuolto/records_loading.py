"""Read and check a records file (``seuranta-2026.toml``, ``schema = 1``).

A records file is data, checked like the data file: every problem at once,
each a :class:`~opiskeluhuolto.loading.Problem` formatted as
``FILE:LINE: key.path: message`` in Finnish or English.  The keys are
declared in :data:`RECORDS_FILE` and :data:`RECORD` and checked by
:class:`~opiskeluhuolto.schema.Walker`; this module adds what needs the
data: an occurrence id the school year does not have (with a "did you
mean"), an unknown group, a move outside the school year, two records for
one occurrence.

::

    schema = 1
    school_year = 2026

    [[records]]
    id = "sedu.huoltajakysely.2026"
    status = "done"            # done | moved | cancelled
    date = 2026-10-28          # done: the day it was done
    note = "412 vastausta"
    link = "https://…/muistio"

    [[records]]
    id = "sedu.turvallisuuskavely-syksy.2026"
    group = "ohr-lapua"        # this campus's record (and the groups below it)
    status = "moved"
    to = 2026-11-10            # or [2026-11-10, 2026-11-12]

:func:`validate_records_text` is pure; :func:`validate_records_file` and
:func:`load_records` read the file.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Collection, Mapping
from typing import Any

import attrs

from opiskeluhuolto import schema as _schema
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import format_span
from opiskeluhuolto.loading import LoadError, Problem, _decode, _parse, _read_bytes
from opiskeluhuolto.locator import Locator, format_path
from opiskeluhuolto.records import Record, Records, RecordStatus
from opiskeluhuolto.recurrence import MAX_YEAR, MIN_YEAR, SchoolYear
from opiskeluhuolto.schema import Key, KeyPath, Kind, Table

__all__ = [
    "RECORD",
    "RECORDS_FILE",
    "RECORDS_SCHEMA",
    "OccurrenceIndex",
    "RecordsResult",
    "load_records",
    "loads_records",
    "occurrence_index",
    "occurrence_problems",
    "validate_records_file",
    "validate_records_text",
]

RECORDS_SCHEMA = 1
"""The records file's format version this version reads."""

_STATUSES = {s.value: s for s in RecordStatus}

RECORDS_FILE = Table(
    "",
    (
        Key("schema", Kind.INTEGER, "the format version: 1", required=True, first=True),
        Key(
            "school_year",
            Kind.INTEGER,
            "the school year's first year (2026 = 2026–2027)",
            required=True,
            first=True,
        ),
        Key("records", Kind.TABLES, "the records: [[records]]"),
    ),
)
"""The top level of a records file."""

RECORD = Table(
    "records",
    (
        Key("id", Kind.STRING, "the occurrence's id, e.g. sedu.huoltajakysely.2026", required=True),
        Key("group", Kind.ID, "the group whose record it is (default: everyone's)"),
        Key("status", Kind.CHOICE, "done, moved or cancelled", required=True, choices=_STATUSES),
        Key("date", Kind.DATE, "done: the day it was done"),
        Key("to", Kind.DATES, "moved: the day it moved to, or [first, last]"),
        Key("note", Kind.STRING, "free text; a cancelled one's reason"),
        Key("link", Kind.STRING, "a link to the memo"),
    ),
)
"""``[[records]]``."""

# Which keys go with which status (beyond id, group, status, note and link).
_NEEDS = {RecordStatus.DONE: ("date",), RecordStatus.MOVED: ("to",), RecordStatus.CANCELLED: ()}
_ALLOWS = {
    RecordStatus.DONE: ("date", "to"),
    RecordStatus.MOVED: ("to",),
    RecordStatus.CANCELLED: (),
}
# "tehdyllä kirjauksella on oltava …", "… ei kuulu tehdylle kirjaukselle"
_STATUS_WORDS = {
    # Finnish adessive, Finnish allative, Swedish (definite: "en gjord anteckning")
    RecordStatus.DONE: ("tehdyllä", "tehdylle", "gjord"),
    RecordStatus.MOVED: ("siirretyllä", "siirretylle", "flyttad"),
    RecordStatus.CANCELLED: ("perutulla", "perutulle", "inställd"),
}


@attrs.frozen
class OccurrenceIndex:
    """The occurrence ids of a school year: of every group's view, and of all of them."""

    school_year: SchoolYear
    views: Mapping[str | None, frozenset[str]]
    ids: frozenset[str]

    def known(self, occurrence: str, group: str | None = None) -> bool:
        """Whether the occurrence is in the group's view (any view without a group)."""
        if group is None:
            return occurrence in self.ids
        return occurrence in self.views.get(group, frozenset())


def occurrence_index(organisation: Organisation, school_year: SchoolYear) -> OccurrenceIndex:
    """The ids of the occurrences that meet ``school_year``, for every group and for all."""
    start, end = school_year.start, school_year.end
    views: dict[str | None, frozenset[str]] = {
        None: frozenset(o.id for o in organisation.occurrences(start, end))
    }
    for group in organisation.hierarchy.ids:
        views[group] = frozenset(o.id for o in organisation.occurrences(start, end, group))
    return OccurrenceIndex(school_year, views, frozenset().union(*views.values()))


@attrs.frozen
class RecordsResult:
    """The outcome of checking a records file: the records (None on errors) and every problem."""

    records: Records | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.records is not None

    def format(self, lang: str = "fi") -> str:
        return "\n".join(p.format(lang) for p in self.problems)


class _Checker:
    """Reports problems at the lines of one file and reads its records."""

    def __init__(self, filename: str, text: str, organisation: Organisation) -> None:
        self.filename = filename
        self.locator = Locator(text)
        self.organisation = organisation
        self.problems: list[Problem] = []
        self.walker = _schema.Walker(self.error)

    def error(self, path: KeyPath, fi: str, en: str, sv: str) -> None:
        line = self.locator.line(path)
        if line is None and len(path) <= 1:
            line = 1  # a missing top-level key: the top of the file
        self.problems.append(Problem(self.filename, line, format_path(path), fi, en, message_sv=sv))

    def run(self, data: dict[str, Any], expected: SchoolYear | None) -> Records | None:
        top = self.walker.walk(data, (), RECORDS_FILE)
        version = top.get("schema")
        if version is not None and version != RECORDS_SCHEMA:
            self.error(
                ("schema",),
                f"tuntematon skeeman versio {version}; tämä versio lukee vain versiota "
                f"{RECORDS_SCHEMA}",
                f"unknown schema {version}; this version reads only schema {RECORDS_SCHEMA}",
                f"okänd schemaversion {version}; den här versionen läser bara version "
                f"{RECORDS_SCHEMA}",
            )
        year = self.school_year(top.get("school_year"), expected)
        if year is None or "records" not in data:
            return Records(year) if year is not None and not self.problems else None
        index = occurrence_index(self.organisation, year)
        found: list[Record] = []
        seen: dict[tuple[str, str | None], KeyPath] = {}
        for path, table in self.walker.tables(data["records"], ("records",)):
            record = self.record(table, path, index)
            occurrence, group = table.get("id"), table.get("group")
            if isinstance(occurrence, str) and isinstance(group, str | None):
                # Two entries for one occurrence and group, whatever else is wrong with them.
                first = seen.setdefault((occurrence, group), path)
                if first != path:
                    line = self.locator.line((*first, "id"))
                    whose_fi = f" ryhmälle '{group}'" if group else ""
                    whose_en = f" for group '{group}'" if group else ""
                    whose_sv = f" för gruppen '{group}'" if group else ""
                    self.error(
                        (*path, "id"),
                        f"esiintymälle '{occurrence}'{whose_fi} on jo kirjaus "
                        f"(rivillä {line}, {format_path(first)})",
                        f"a second record of '{occurrence}'{whose_en} "
                        f"(first on line {line}, {format_path(first)})",
                        f"förekomsten '{occurrence}'{whose_sv} har redan en anteckning "
                        f"(på rad {line}, {format_path(first)})",
                    )
                    continue
            if record is not None:
                found.append(record)
        if self.problems:
            return None
        return Records(year, found)

    def school_year(self, value: object, expected: SchoolYear | None) -> SchoolYear | None:
        if not isinstance(value, int):
            return None  # missing or reported
        if not MIN_YEAR <= value <= MAX_YEAR - 1:
            self.error(
                ("school_year",),
                f"lukuvuoden on oltava {MIN_YEAR}–{MAX_YEAR - 1}",
                f"the school year must be {MIN_YEAR}–{MAX_YEAR - 1}",
                f"läsåret ska vara {MIN_YEAR}–{MAX_YEAR - 1}",
            )
            return None
        year = SchoolYear(value)
        if expected is not None and year != expected:
            self.error(
                ("school_year",),
                f"tiedosto on lukuvuoden {year} kirjauksia, ei lukuvuoden {expected}",
                f"the file records school year {year}, not {expected}",
                f"filen har anteckningar för läsåret {year}, inte för läsåret {expected}",
            )
            return None
        return year

    def span(self, value: object, path: KeyPath) -> tuple[_dt.date, _dt.date] | None:
        """``to``: a date, or an array of two dates (first, last)."""
        if isinstance(value, list):
            dates = self.walker.dates(value, path)
            if dates is None:
                return None
            if len(dates) != 2:
                self.error(
                    path,
                    f"siirron päivät ovat [ensimmäinen, viimeinen], nyt {len(dates)} päivää",
                    f"a move's days are [first, last], not {len(dates)} dates",
                    f"flyttens dagar är [första, sista], inte {len(dates)} datum",
                )
                return None
            if dates[1] < dates[0]:
                self.error(
                    path,
                    "siirron viimeinen päivä on ennen ensimmäistä",
                    "the move's last day is before its first",
                    "flyttens sista dag är före den första",
                )
                return None
            return dates[0], dates[1]
        day = self.walker.date(value, path)
        return None if day is None else (day, day)

    def record(
        self, table: Mapping[str, object], path: KeyPath, index: OccurrenceIndex
    ) -> Record | None:
        before = len(self.problems)
        values = self.walker.walk(table, path, RECORD, read={"to": self.span})
        status = values.get("status")
        if isinstance(status, RecordStatus):
            for key in _NEEDS[status]:
                if key not in table:
                    self.error(
                        (*path, key),
                        f"{_STATUS_WORDS[status][0]} kirjauksella on oltava {key}",
                        f"a {status.value} record needs {key}",
                        f"en anteckning om {_STATUS_WORDS[status][2]} punkt behöver {key}",
                    )
            for key in ("date", "to"):
                if key in table and key not in _ALLOWS[status]:
                    self.error(
                        (*path, key),
                        f"{key} ei kuulu {_STATUS_WORDS[status][1]} kirjaukselle",
                        f"{key} does not go with a {status.value} record",
                        f"{key} hör inte till en anteckning om {_STATUS_WORDS[status][2]} punkt",
                    )
        group = values.get("group")
        occurrence = values.get("id")
        for key, fi, en, sv in occurrence_problems(
            occurrence if isinstance(occurrence, str) else None,
            group,
            values.get("to"),
            self.organisation,
            index,
        ):
            self.error((*path, key), fi, en, sv)
        if len(self.problems) > before or not isinstance(status, RecordStatus):
            return None
        assert isinstance(occurrence, str)
        return Record(
            occurrence,
            status,
            group=group,
            date=values.get("date"),
            to=values.get("to"),
            note=values.get("note"),
            link=values.get("link"),
        )


def _unknown(value: str, known: Collection[str], fi: str, en: str, sv: str) -> tuple[str, str, str]:
    guess = _schema.suggest(value, known)
    return (
        f"{fi} '{value}'" + (f" – tarkoititko '{guess}'?" if guess else ""),
        f"{en} '{value}'" + (f" – did you mean '{guess}'?" if guess else ""),
        f"{sv} '{value}'" + (f" – menade du '{guess}'?" if guess else ""),
    )


def occurrence_problems(
    occurrence: str | None,
    group: str | None,
    to: tuple[_dt.date, _dt.date] | None,
    organisation: Organisation,
    index: OccurrenceIndex,
) -> list[tuple[str, str, str, str]]:
    """What the data says against a record: (key, Finnish, English, Swedish) for each problem.

    An unknown group or occurrence id (with a suggestion), an occurrence the
    group does not see, a move outside the school year.  The records file
    and ``opiskeluhuolto record`` check a record with this one function.
    """
    problems: list[tuple[str, str, str, str]] = []
    year = index.school_year
    if group is not None and group not in organisation.hierarchy:
        problems.append(
            (
                "group",
                *_unknown(
                    group,
                    organisation.hierarchy.ids,
                    "tuntematon ryhmä",
                    "unknown group",
                    "okänd grupp",
                ),
            )
        )
        group = None
    if occurrence is not None and not index.known(occurrence, group):
        if group is not None and occurrence in index.ids:
            problems.append(
                (
                    "id",
                    f"esiintymä '{occurrence}' ei ole ryhmän '{group}' vuosikellossa",
                    f"occurrence '{occurrence}' is not in group '{group}''s calendar",
                    f"förekomsten '{occurrence}' finns inte i gruppen '{group}':s årsklocka",
                )
            )
        else:
            known = index.ids if group is None else index.views[group]
            problems.append(
                (
                    "id",
                    *_unknown(
                        occurrence,
                        known,
                        f"lukuvuonna {year} ei ole esiintymää",
                        f"school year {year} has no occurrence",
                        f"läsåret {year} har ingen förekomst",
                    ),
                )
            )
    if to is not None and not (to[0] in year and to[1] in year):
        span_fi = format_span(year.start, year.end, "fi")
        span_en = format_span(year.start, year.end, "en")
        span_sv = format_span(year.start, year.end, "sv")
        problems.append(
            (
                "to",
                f"siirto lukuvuoden {year} ulkopuolelle ({span_fi}); "
                "kirjaa se sen lukuvuoden tiedostoon tai peru tämä",
                f"a move outside school year {year} ({span_en}); "
                "record it in that year's file or cancel this one",
                f"en flytt utanför läsåret {year} ({span_sv}); "
                "anteckna den i det läsårets fil eller stryk den här",
            )
        )
    return problems


def validate_records_text(
    text: str,
    filename: str,
    organisation: Organisation,
    school_year: SchoolYear | None = None,
) -> RecordsResult:
    """Check a records file's text against the data; every problem, sorted by line.

    ``school_year``, when given, is the year the file must record.
    """
    data = _parse(text, filename)
    if isinstance(data, Problem):
        return RecordsResult(None, (data,))
    checker = _Checker(filename, text, organisation)
    records = checker.run(data, school_year)
    problems = sorted(checker.problems, key=lambda p: 0 if p.line is None else p.line)
    return RecordsResult(None if problems else records, tuple(problems))


def validate_records_file(
    path: str | os.PathLike[str],
    organisation: Organisation,
    school_year: SchoolYear | None = None,
) -> RecordsResult:
    """Read and check a records file (an unreadable or non-UTF-8 file is a Problem)."""
    filename = os.fspath(path)
    raw = _read_bytes(filename)
    if isinstance(raw, Problem):
        return RecordsResult(None, (raw,))
    text = _decode(raw, filename)
    if isinstance(text, Problem):
        return RecordsResult(None, (text,))
    return validate_records_text(text, filename, organisation, school_year)


def _checked(result: RecordsResult) -> Records:
    if result.records is None:
        raise LoadError(result.problems)
    return result.records


def loads_records(
    text: str,
    filename: str,
    organisation: Organisation,
    school_year: SchoolYear | None = None,
) -> Records:
    """The records of a file's text; :class:`~opiskeluhuolto.loading.LoadError` on any problem."""
    return _checked(validate_records_text(text, filename, organisation, school_year))


def load_records(
    path: str | os.PathLike[str],
    organisation: Organisation,
    school_year: SchoolYear | None = None,
) -> Records:
    """The records of a file; :class:`~opiskeluhuolto.loading.LoadError` on any problem."""
    return _checked(validate_records_file(path, organisation, school_year))
