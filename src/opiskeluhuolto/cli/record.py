"""``opiskeluhuolto record ID done|moved|cancelled``: what became of one occurrence.

The occurrence id is checked against the data (a typo gets a "did you
mean", exit 2) and its school year found from it (this one, the previous or
the next); the record goes to ``--records`` (default: the school year's
``seuranta-2026.toml`` in the current folder, created on the first record)
through its store, which for a TOML file keeps every comment and the order
of what people wrote and writes atomically.  Recording the same occurrence
(and group) again updates its entry: the note and link it had stay unless
given anew, and a done record keeps the days it was moved to.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError
from opiskeluhuolto.cli._context import parse_date, prepare
from opiskeluhuolto.fmt import Lang, format_span, pick

__all__ = ["parse_span", "run"]

_FI_SPAN = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*-\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*$")


def parse_span(text: str, lang: Lang) -> tuple[_dt.date, _dt.date]:
    """``--to``: ``10.11.2026``, ``10.11.2026–12.11.2026`` or ``2026-11-10–2026-11-12``."""
    match = _FI_SPAN.match(text)
    if match:
        parts = [match.group(1), match.group(2)]
    else:
        parts = [p for p in re.split(r"\s*(?:–|—|\.\.)\s*", text.strip())]
    if len(parts) > 2:
        raise CliError(
            pick(
                lang,
                f"--to: {text!r}: anna päivä tai ensimmäinen–viimeinen päivä",
                f"--to: {text!r}: give a day or first–last day",
                f"--to: {text!r}: ange en dag eller första–sista dag",
            )
        )
    first = parse_date(parts[0], lang, "--to")
    last = parse_date(parts[-1], lang, "--to")
    if last < first:
        raise CliError(
            pick(
                lang,
                f"--to: {text!r}: viimeinen päivä on ennen ensimmäistä",
                f"--to: {text!r}: the last day is before the first",
                f"--to: {text!r}: den sista dagen är före den första",
            )
        )
    return first, last


_FLAG_OF = {"id": "ID", "group": "--group", "to": "--to"}


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.cli._records import open_store
    from opiskeluhuolto.records import Record, Records, RecordStatus
    from opiskeluhuolto.records_loading import occurrence_index, occurrence_problems
    from opiskeluhuolto.recurrence import SchoolYear
    from opiskeluhuolto.schema import KeyPath, Walker
    from opiskeluhuolto.stores import RecordStoreError

    status = RecordStatus(args.status)
    if status is not RecordStatus.DONE and args.record_date is not None:
        raise CliError(
            pick(
                lang,
                "--date on tehdyn kohdan päivä; siirron päivät annetaan --to",
                "--date is the day a done one was done; a move's days are given with --to",
                "--date är dagen något gjordes; en flyttnings dagar anges med --to",
            )
        )
    if status is RecordStatus.CANCELLED and args.moved_to is not None:
        raise CliError(
            pick(
                lang,
                "perutulla ei ole --to-päiviä",
                "a cancelled one has no --to",
                "något inställt har inga --to-dagar",
            )
        )
    if status is RecordStatus.MOVED and args.moved_to is None:
        raise CliError(
            pick(
                lang,
                "anna siirron päivä(t): --to PVM[–PVM]",
                "give the days: --to DATE[–DATE]",
                "ange dagen eller dagarna: --to DATUM[–DATUM]",
            )
        )
    texts: list[str] = []

    def report(path: KeyPath, fi: str, en: str, sv: str) -> None:
        texts.append(f"{path[0]}: {pick(lang, fi, en, sv)}")

    walker = Walker(report)
    for flag, value in (("--note", args.note), ("--link", args.link)):
        if value is not None:
            walker.string(value, (flag,))
    if texts:
        raise CliError("\n".join(texts))
    context = prepare(args, lang, with_range=False)
    organisation, group, occurrence = context.organisation, context.group, args.occurrence
    to = parse_span(args.moved_to, lang) if args.moved_to is not None else None

    # The school year is the one whose occurrences have the id: this, the previous, the next.
    current = SchoolYear.containing(context.today)
    indexes = [
        occurrence_index(organisation, y) for y in (current, current.previous(), current.next())
    ]
    index = next((i for i in indexes if i.known(occurrence, group)), indexes[0])
    year = index.school_year
    store, location = open_store(args.records, year, lang)
    try:
        existing = store.read(location, organisation, year) if store.exists(location) else None
    except RecordStoreError as exc:
        raise CliError(f"--records: {exc.message(lang)}") from None
    old = (existing or Records(year)).get(occurrence, group)
    if old is not None and to is None and status is RecordStatus.DONE:
        to = old.to  # done after the move it had
    problems = occurrence_problems(occurrence, group, to, organisation, index)
    if problems:
        raise CliError(
            "\n".join(f"{_FLAG_OF[key]}: {pick(lang, fi, en, sv)}" for key, fi, en, sv in problems)
        )
    day = None
    if status is RecordStatus.DONE:
        day = parse_date(args.record_date, lang, "--date") if args.record_date else context.today
    record = Record(
        occurrence,
        status,
        group=group,
        date=day,
        to=to,
        note=args.note if args.note is not None else (old.note if old else None),
        link=args.link if args.link is not None else (old.link if old else None),
    )
    try:
        store.put(location, record, organisation, year)
    except RecordStoreError as exc:
        raise CliError(f"--records: {exc.message(lang)}") from None
    label = status.label(lang)
    if day is not None:
        label += " " + format_span(day, day, lang)
    if to is not None:
        moved = format_span(to[0], to[1], lang)
        if status is RecordStatus.MOVED:
            label += " " + moved
        else:
            label += f" ({RecordStatus.MOVED.label(lang)} {moved})"
    whose = f" [{group}]" if group else ""
    verb = pick(
        lang,
        "päivitetty" if old else "kirjattu",
        "updated" if old else "recorded",
        "uppdaterat" if old else "antecknat",
    )
    print(f"{location}: {occurrence}{whose}: {label} – {verb}", file=out)
    return EXIT_OK
