"""The ``csv`` exporter: one row per occurrence, safe to open in a spreadsheet.

Registered through the ``opiskeluhuolto`` entry points like any third-party
plugin; uses only the public API of :mod:`opiskeluhuolto`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from opiskeluhuolto import describe, hookimpl
from opiskeluhuolto.exporting import ExportContext, Exporter, Option, Output
from opiskeluhuolto.fmt import format_occurrence

__all__ = ["COLUMNS", "CsvExporter", "neutralise"]

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

# Characters that make a spreadsheet evaluate a cell as a formula (or that
# start a DDE payload after whitespace).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def neutralise(value: str) -> str:
    """Prefix a cell a spreadsheet would evaluate with an apostrophe.

    >>> neutralise("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise("Huoltajakysely")
    'Huoltajakysely'
    """
    if value.startswith(_FORMULA_START) or value.lstrip().startswith(("=", "+", "@")):
        return "'" + value
    return value


class CsvExporter(Exporter):
    name = "csv"
    description = "CSV-taulukko: yksi rivi jokaisesta esiintymästä"
    description_en = "CSV sheet: one row per occurrence"
    output = Output.FILE
    default_path = "vuosikello.csv"
    options = (
        Option(
            "dialect",
            "comma",
            "comma: pilkku ja UTF-8; excel-fi: puolipiste ja BOM suomalaiselle Excelille",
            "comma: comma and UTF-8; excel-fi: semicolon and BOM for Finnish Excel",
            choices=("comma", "excel-fi"),
        ),
    )

    def render(self, context: ExportContext) -> bytes:
        excel = context.options.get("dialect") == "excel-fi"
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for occ in context.occurrences():
            # ISO dates, times and booleans are written by us, everything that
            # comes from the data file is neutralised.
            row = [
                occ.start.isoformat(),
                occ.end.isoformat(),
                neutralise(occ.item.id),
                neutralise(occ.item.title),
                neutralise(occ.calendar.id),
                neutralise(occ.calendar.owner),
                neutralise(" ".join(a.value for a in occ.item.audience)),
                occ.item.kind.value,
                "1" if occ.follow_up else "0",
                neutralise(describe(occ.item.rule, context.lang)),
                neutralise(occ.id),
                "" if occ.time is None else f"{occ.time.start:%H:%M}",
                "" if occ.time is None else f"{occ.time.end:%H:%M}",
                neutralise(format_occurrence(occ, context.lang)),
            ]
            writer.writerow(row)
        text = buffer.getvalue()
        return ("\ufeff" + text).encode("utf-8") if excel else text.encode("utf-8")


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(CsvExporter())
