"""``opiskeluhuolto check FILE``: every problem of a data file, or a summary."""

from __future__ import annotations

import argparse
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK, EXIT_USAGE
from opiskeluhuolto.fmt import Lang, pick

__all__ = ["run"]


def _count_fi(count: int, one: str, many: str) -> str:
    """``1 ryhmä``, ``2 ryhmää``: Finnish takes the partitive after numbers other than one."""
    return f"{count} {one if count == 1 else many}"


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import loading

    result = loading.validate_file(args.file)
    for problem in result.problems:
        print(problem.format(lang), file=err)
    if not result.ok or result.organisation is None:
        count = len(result.errors)
        print(
            pick(
                lang,
                f"{args.file}: {count} virhe{'ttä' if count != 1 else ''}",
                f"{args.file}: {count} error{'s' if count != 1 else ''}",
                f"{args.file}: {count} fel",
            ),
            file=err,
        )
        return EXIT_USAGE
    org = result.organisation
    items = sum(len(c.items) for c in org.calendars)
    warnings = len(result.warnings)
    counts_fi = ", ".join(
        _count_fi(n, one, many)
        for n, one, many in (
            (len(org.groups), "ryhmä", "ryhmää"),
            (len(org.calendars), "kalenteri", "kalenteria"),
            (items, "kohta", "kohtaa"),
            (warnings, "varoitus", "varoitusta"),
        )
        if n or one != "varoitus"
    )
    counts_en = ", ".join(
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (len(org.groups), "group"),
            (len(org.calendars), "calendar"),
            (items, "item"),
            (warnings, "warning"),
        )
        if n or word != "warning"
    )
    counts_sv = ", ".join(
        f"{n} {one if n == 1 else many}"
        for n, one, many in (
            (len(org.groups), "grupp", "grupper"),
            (len(org.calendars), "kalender", "kalendrar"),
            (items, "punkt", "punkter"),
            (warnings, "varning", "varningar"),
        )
        if n or one != "varning"
    )
    summary = pick(
        lang,
        f"{args.file}: kunnossa – {counts_fi}",
        f"{args.file}: OK – {counts_en}",
        f"{args.file}: i sin ordning – {counts_sv}",
    )
    print(summary, file=out)
    return EXIT_OK
