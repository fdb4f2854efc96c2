"""The ``csv`` exporter: one row per occurrence, safe to open in a spreadsheet.

Two dialects:

* ``comma`` (the default), for programs: comma, UTF-8 without BOM, the column
  keys of :data:`COLUMNS` as headers, ISO dates (``2026-10-19``);
* ``excel-fi``, for Finnish Excel and LibreOffice: semicolon, UTF-8 with BOM,
  the headers of :data:`COLUMN_LABELS` in the export's language (Finnish by
  default), dates as ``19.10.2026`` (read as dates), and every text cell that
  a spreadsheet would turn into a number or date (a rule like ``11.2.``)
  kept as text with a leading apostrophe.

In both, a cell from the data that a spreadsheet would evaluate as a formula
starts with ``'``; a cell that starts with ``'`` had exactly one added
(:func:`opiskeluhuolto.fmt.neutralise_cell`).

Registered through the ``opiskeluhuolto`` entry points like any third-party
plugin; uses only the public API of :mod:`opiskeluhuolto`.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Callable, Mapping
from types import MappingProxyType

from opiskeluhuolto import describe, hookimpl
from opiskeluhuolto.exporting import ExportContext, Exporter, OneOf, Option, Output
from opiskeluhuolto.fmt import Lang, format_date, format_occurrence, neutralise_cell, pick

__all__ = ["COLUMNS", "COLUMN_LABELS", "RECORD_COLUMNS", "CsvExporter", "header"]

COLUMNS = (
    "start",
    "end",
    "item",
    "title",
    "calendar",
    "group",
    "audience",
    "kind",
    "follow_up",
    "rule",
    "id",
    "start_time",
    "end_time",
    "when",
)
"""The columns, in order.  Later columns were added at the end, so that a sheet
read by position keeps working: ``start_time``/``end_time`` are the local times
of day of a timed occurrence (``14:00``; empty when all-day) and ``when`` is its
timing as every text output prints it (``ti 8.9.2026 klo 14.00–15.30``,
``viimeistään ke 30.9.2026``, ``19.10.–1.11.2026``)."""

RECORD_COLUMNS = ("status", "planned_start", "planned_end", "record_date", "note", "link")
"""The columns after :data:`COLUMNS` of an export given records (``--records``):
what became of the occurrence (``done``, ``moved``, ``cancelled``, or empty when
nothing is recorded; ``excel-fi`` writes ``tehty``, ``siirretty``, ``peruttu``),
its planned days (``start`` and ``end`` are the days it is at now, so a moved one
differs), the day a done one was done, and the record's note and link.  A
cancelled occurrence keeps its row: the sheet is the evaluation's material."""

COLUMN_LABELS: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "start": ("Alkaa", "Start", "Börjar"),
        "end": ("Päättyy", "End", "Slutar"),
        "item": ("Kohde", "Item", "Punkt"),
        "title": ("Otsikko", "Title", "Rubrik"),
        "calendar": ("Vuosikello", "Calendar", "Årsklocka"),
        "group": ("Ryhmä", "Group", "Grupp"),
        "audience": ("Kohderyhmä", "Audience", "Målgrupp"),
        "kind": ("Laji", "Kind", "Typ"),
        "follow_up": ("Tulokset", "Results", "Resultat"),
        "rule": ("Sääntö", "Rule", "Regel"),
        "id": ("Tunniste", "Id", "Id"),
        "start_time": ("Alkamisaika", "Start time", "Starttid"),
        "end_time": ("Päättymisaika", "End time", "Sluttid"),
        "when": ("Ajankohta", "When", "Tidpunkt"),
        "status": ("Seuranta", "Status", "Uppföljning"),
        "planned_start": ("Suunniteltu alku", "Planned start", "Planerad start"),
        "planned_end": ("Suunniteltu loppu", "Planned end", "Planerat slut"),
        "record_date": ("Tehty", "Done on", "Gjort"),
        "note": ("Muistiinpano", "Note", "Anteckning"),
        "link": ("Muistio", "Memo", "Minnesanteckningar"),
    }
)
"""The ``excel-fi`` headers of :data:`COLUMNS`: (Finnish, English, Swedish) for each key."""


def header(lang: Lang = "fi", *, labels: bool = True, records: bool = False) -> tuple[str, ...]:
    """The header row: the labels of the language, or (``labels=False``) the keys.

    ``records``: with the :data:`RECORD_COLUMNS` of an export given records.

    >>> header()[:3]
    ('Alkaa', 'Päättyy', 'Kohde')
    >>> header("en")[:3], header("sv")[:3], header(labels=False)[:3]
    (('Start', 'End', 'Item'), ('Börjar', 'Slutar', 'Punkt'), ('start', 'end', 'item'))
    >>> header(labels=False, records=True)[-6:-4]
    ('status', 'planned_start')
    """
    keys = (*COLUMNS, *RECORD_COLUMNS) if records else COLUMNS
    if not labels:
        return keys
    return tuple(pick(lang, *COLUMN_LABELS[key]) for key in keys)


class CsvExporter(Exporter):
    name = "csv"
    description = "CSV-taulukko: yksi rivi jokaisesta esiintymästä"
    description_en = "CSV sheet: one row per occurrence"
    description_sv = "CSV-tabell: en rad per tillfälle"
    output = Output.FILE
    default_path = "vuosikello.csv"
    options = (
        Option(
            "dialect",
            "comma",
            "comma: pilkku ja UTF-8; excel-fi: puolipiste ja BOM suomalaiselle Excelille",
            "comma: comma and UTF-8; excel-fi: semicolon and BOM for Finnish Excel",
            help_sv="comma: komma och UTF-8; excel-fi: semikolon och BOM för finländsk Excel",
            validator=OneOf(("comma", "excel-fi")),
        ),
    )

    def render(self, context: ExportContext) -> bytes:
        excel = context.options.get("dialect") == "excel-fi"
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
        tracked = context.records is not None
        writer.writerow(header(context.lang, labels=excel, records=tracked))

        def day(value: _dt.date) -> str:
            # excel-fi: d.m.yyyy, which Finnish Excel reads as a date.
            return format_date(value, "fi") if excel else value.isoformat()

        def text(value: str) -> str:
            return neutralise_cell(value, keep_text=excel)

        for followed in context.tracked_occurrences():
            occ = followed.occurrence
            # Dates, times and booleans are written by us, everything that
            # comes from the data file is neutralised.
            row = [
                day(occ.start),
                day(occ.end),
                text(occ.item.id),
                text(occ.item.title_in(context.lang)),
                text(occ.calendar.id),
                text(occ.calendar.owner),
                text(" ".join(a.value for a in occ.item.audience)),
                occ.item.kind.label(context.lang) if excel else occ.item.kind.value,
                "1" if occ.follow_up else "0",
                text(describe(occ.item.rule, context.lang)),
                text(occ.id),
                "" if occ.time is None else f"{occ.time.start:%H:%M}",
                "" if occ.time is None else f"{occ.time.end:%H:%M}",
                text(format_occurrence(occ, context.lang)),
            ]
            if tracked:
                record = followed.record
                status = followed.status
                row += [
                    "" if status is None else status.label(context.lang) if excel else status.value,
                    day(followed.planned.start),
                    day(followed.planned.end),
                    "" if record is None or record.date is None else day(record.date),
                    text(record.note or "") if record else "",
                    text(record.link or "") if record else "",
                ]
            writer.writerow(row)
        data = buffer.getvalue()
        return ("\ufeff" + data).encode("utf-8") if excel else data.encode("utf-8")


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(CsvExporter())
