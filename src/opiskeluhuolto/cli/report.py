"""``opiskeluhuolto report -o DIR``: the school year's evaluation as Markdown, CSV and HTML.

The records come from ``--records`` or, by default, the school year's
``seuranta-2026.toml`` in the current folder (when there is none yet, every
occurrence that has ended is unrecorded, and a warning says so).  The folder
gets ``arviointi-2026.md``, ``arviointi-2026.csv``, ``tekematta-2026.csv`` and
``arviointi-2026.html`` (:func:`opiskeluhuolto.report.file_names`), written
atomically.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK
from opiskeluhuolto.cli._context import prepare, write_output
from opiskeluhuolto.fmt import Lang, pick

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.cli._records import read_records
    from opiskeluhuolto.records import records_file_name
    from opiskeluhuolto.report import (
        evaluate,
        file_names,
        render_csv,
        render_html,
        render_markdown,
        render_not_done_csv,
    )

    # The school year only: report takes no --from/--to.
    context = prepare(argparse.Namespace(**vars(args), date_from=None, date_to=None), lang)
    year = context.school_year
    assert year is not None
    organisation = context.organisation
    records = read_records(args, organisation, year, lang, err, default=True)
    assert records is not None
    evaluation = evaluate(organisation, records, context.today, context.group)
    source = args.records or records_file_name(year)
    names = file_names(year)
    files = {
        names["markdown"]: render_markdown(evaluation, source, lang).encode("utf-8"),
        names["csv"]: render_csv(evaluation),
        names["not_done"]: render_not_done_csv(evaluation),
        names["html"]: render_html(evaluation, source, lang),
    }
    size = write_output(args.output, files, lang)
    print(
        pick(
            lang,
            f"Kirjoitettu {args.output} ({size}, lukuvuosi {year})",
            f"Wrote {args.output} ({size}, school year {year})",
            f"Skrev {args.output} ({size}, läsåret {year})",
        ),
        file=err,
    )
    return EXIT_OK
