"""``opiskeluhuolto show``: the ``text`` exporter, written to standard output."""

from __future__ import annotations

import argparse
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK
from opiskeluhuolto.cli._context import prepare
from opiskeluhuolto.cli.export import find_exporter, render, write_stdout
from opiskeluhuolto.fmt import Lang

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.cli._records import read_records
    from opiskeluhuolto.exporting import ExportContext
    from opiskeluhuolto.recurrence import SchoolYear

    context = prepare(args, lang)
    exporter = find_exporter(
        "text",
        lang,
        err,
        unknown=(
            "viejää text ei ole asennettu (show tarvitsee sen)",
            "the text exporter is not installed (show needs it)",
            "exportören text är inte installerad (show behöver den)",
        ),
    )
    start, end = context.span
    year = context.school_year or SchoolYear.containing(start)
    records = read_records(args, context.organisation, year, lang, err, default=False)
    rendered = render(
        exporter,
        ExportContext(
            organisation=context.organisation,
            start=start,
            end=end,
            group=context.group,
            options=exporter.parse_options({}),
            lang=lang,
            school_year=context.school_year,
            today=context.today,
            records=records,
        ),
    )
    assert isinstance(rendered, bytes)  # the registry checked it against Output.STDOUT
    write_stdout(out, rendered, text=True)
    return EXIT_OK
