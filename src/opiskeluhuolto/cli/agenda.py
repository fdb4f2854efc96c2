"""``opiskeluhuolto agenda --group ID``: the agenda of a group's meeting in Markdown."""

from __future__ import annotations

import argparse
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError, ascii_digits
from opiskeluhuolto.cli._context import FIRST_DAY, LAST_DAY, parse_date, prepare, write_output
from opiskeluhuolto.fmt import Lang, format_date, format_span, pick

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.agenda import (
        MAX_WEEKS,
        build_agenda,
        next_meeting,
        previous_meeting,
        render_markdown,
    )

    weeks_text = str(args.weeks).strip()
    if not ascii_digits(weeks_text) or not 1 <= int(weeks_text) <= MAX_WEEKS:
        raise CliError(
            pick(
                lang,
                f"--weeks: {args.weeks!r} ei kelpaa; odotettiin kokonaislukua 1–{MAX_WEEKS}",
                f"--weeks: invalid value {args.weeks!r}; expected a whole number 1–{MAX_WEEKS}",
                f"--weeks: {args.weeks!r} duger inte; ett heltal 1–{MAX_WEEKS} väntades",
            )
        )
    context = prepare(args, lang, with_range=False, group_required=True)
    organisation = context.organisation
    group = organisation.group(args.group)
    if args.date is not None:
        meeting = parse_date(args.date, lang, "--date")
        if not FIRST_DAY <= meeting <= LAST_DAY:
            raise CliError(
                pick(
                    lang,
                    f"--date: päivän on oltava {format_date(FIRST_DAY)}–{format_date(LAST_DAY)}",
                    f"--date: the day must be within {format_date(FIRST_DAY)}–"
                    f"{format_date(LAST_DAY)}",
                    f"--date: dagen ska ligga inom {format_date(FIRST_DAY)}–"
                    f"{format_date(LAST_DAY)}",
                )
            )
    else:
        found = next_meeting(organisation, group.id, context.today)
        if found is None:
            earlier = previous_meeting(organisation, group.id, context.today)
            if earlier is not None:
                last = format_span(earlier, earlier, lang)
                fi = f"ryhmällä {group.id!r} ei ole tulevia kokouksia (viimeisin {last}); "
                en = f"group {group.id!r} has no upcoming meetings (the last was {last}); "
                sv = f"gruppen {group.id!r} har inga kommande möten (det senaste {last}); "
            else:
                fi = f"ryhmälle {group.id!r} ei ole merkitty kokouspäiviä (meetings); "
                en = f"group {group.id!r} has no meeting dates (meetings) in the data; "
                sv = f"gruppen {group.id!r} har inga mötesdagar (meetings) i data; "
            raise CliError(
                pick(
                    lang,
                    fi + "anna kokouspäivä: --date PVM",
                    en + "give the date: --date DATE",
                    sv + "ange mötesdagen: --date DATUM",
                )
            )
        meeting = found
    from opiskeluhuolto.cli._records import read_records
    from opiskeluhuolto.recurrence import SchoolYear

    records = read_records(
        args, organisation, SchoolYear.containing(meeting), lang, err, default=False
    )
    agenda = build_agenda(organisation, group.id, meeting, int(weeks_text), records)
    text = render_markdown(agenda, lang)
    if args.output is None or args.output == "-":
        out.write(text)
        return EXIT_OK
    write_output(args.output, text.encode("utf-8"), lang)
    print(
        pick(
            lang,
            f"Kirjoitettu {args.output} (asialista {format_span(meeting, meeting, lang)})",
            f"Wrote {args.output} (agenda {format_span(meeting, meeting, lang)})",
            f"Skrev {args.output} (föredragningslista {format_span(meeting, meeting, lang)})",
        ),
        file=err,
    )
    return EXIT_OK
