"""The one step every command that reads the data takes, and writing what it made.

:func:`prepare` loads the data, checks ``--group``, works out the range (the
school year, or ``--from``/``--to``) and today, in that order; ``show``,
``export`` and ``agenda`` all start with it.  :func:`write_output` writes a
file or a folder atomically.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
from collections.abc import Mapping

import attrs

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.cli._common import CliError
from opiskeluhuolto.fmt import Lang, format_date, format_span, pick
from opiskeluhuolto.recurrence import SchoolYear, SchoolYearError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_RANGE_YEARS",
    "Context",
    "parse_date",
    "prepare",
    "within_calendar",
    "write_output",
]

MAX_RANGE_YEARS = 100
"""The longest ``--from``/``--to`` range: a century (10,000 years took 111 s and 3.5 GB)."""

# Ranges stay a year inside the ends of datetime.date, so that follow-ups and
# exclusive end dates (iCalendar DTEND) never fall off the calendar.
FIRST_DAY = _dt.date(2, 1, 1)
LAST_DAY = _dt.date(9998, 12, 31)

_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@attrs.frozen
class Context:
    """What a command works on: the data, the group, the range and today."""

    organisation: Organisation
    group: str | None
    start: _dt.date | None
    end: _dt.date | None
    school_year: SchoolYear | None
    today: _dt.date

    @property
    def span(self) -> tuple[_dt.date, _dt.date]:
        """``(start, end)`` of a command that takes a range."""
        assert self.start is not None and self.end is not None
        return self.start, self.end


def prepare(
    args: argparse.Namespace, lang: Lang, *, with_range: bool = True, group_required: bool = False
) -> Context:
    """Load the data → check the group → the range (or the school year) → today.

    ``group_required``: without ``--group`` the command stops with the list of
    groups.  ``with_range``: the command takes ``--school-year``/``--from``/``--to``.
    """
    organisation = _load(args)
    if group_required and args.group is None:
        raise CliError(
            pick(
                lang,
                f"anna ryhmä: --group ID. Ryhmät:\n{_groups(organisation)}",
                f"give the group: --group ID. Groups:\n{_groups(organisation)}",
                f"ange gruppen: --group ID. Grupper:\n{_groups(organisation)}",
            )
        )
    _check_group(args.group, organisation, lang)
    today = _today(args, organisation, lang)
    start = end = school_year = None
    if with_range:
        start, end, school_year = _range(args, today, lang)
    return Context(organisation, args.group, start, end, school_year, today)


def parse_date(text: str, lang: Lang, what: str) -> _dt.date:
    """``19.10.2026`` or ``2026-10-19``."""
    cleaned = text.strip()
    match = _FI_DATE.match(cleaned)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return _dt.date(year, month, day)
        return _dt.date.fromisoformat(cleaned)
    except ValueError:
        raise CliError(
            pick(
                lang,
                f"{what}: {text!r} ei ole päivämäärä (esim. 19.10.2026 tai 2026-10-19)",
                f"{what}: {text!r} is not a date (e.g. 2026-10-19 or 19.10.2026)",
                f"{what}: {text!r} är inget datum (t.ex. 19.10.2026 eller 2026-10-19)",
            )
        ) from None


def _today(args: argparse.Namespace, organisation: Organisation, lang: Lang) -> _dt.date:
    given = getattr(args, "today", None)
    if given:
        return parse_date(given, lang, "--today")
    try:
        from zoneinfo import ZoneInfo

        return _dt.datetime.now(ZoneInfo(organisation.timezone)).date()
    except Exception:  # no tz database on this machine: the local date is close enough
        return _dt.date.today()


def _load(args: argparse.Namespace) -> Organisation:
    from opiskeluhuolto import loading

    if args.data:
        return loading.load(args.data)
    return loading.load_default()


def _groups(organisation: Organisation) -> str:
    return "\n".join(f"  {g.id:<28} {g.name}" for g in organisation.hierarchy.groups)


def _check_group(group: str | None, organisation: Organisation, lang: Lang) -> None:
    if group is not None and group not in organisation.hierarchy:
        known = _groups(organisation)
        raise CliError(
            pick(
                lang,
                f"--group: tuntematon ryhmä {group!r}. Ryhmät:\n{known}",
                f"--group: unknown group {group!r}. Groups:\n{known}",
                f"--group: okänd grupp {group!r}. Grupper:\n{known}",
            )
        )


def _range(
    args: argparse.Namespace, today: _dt.date, lang: Lang
) -> tuple[_dt.date, _dt.date, SchoolYear | None]:
    if args.school_year and (args.date_from or args.date_to):
        raise CliError(
            pick(
                lang,
                "anna joko --school-year tai --from/--to, ei molempia",
                "give either --school-year or --from/--to, not both",
                "ange antingen --school-year eller --from/--to, inte båda",
            )
        )
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise CliError(
                pick(
                    lang,
                    "--from ja --to annetaan yhdessä",
                    "--from and --to go together",
                    "--from och --to ges tillsammans",
                )
            )
        start = parse_date(args.date_from, lang, "--from")
        end = parse_date(args.date_to, lang, "--to")
        if end < start:
            raise CliError(
                pick(
                    lang,
                    "--to on ennen --from-päivää",
                    "--to is before --from",
                    "--to är före --from",
                )
            )
        within_calendar(start, end, lang)
        if (end.year - start.year, end.month, end.day) >= (MAX_RANGE_YEARS, start.month, start.day):
            raise CliError(
                pick(
                    lang,
                    f"aikaväli {format_span(start, end, lang)} on yli {MAX_RANGE_YEARS} vuotta; "
                    "jaa se osiin",
                    f"the range {format_span(start, end, lang)} is over {MAX_RANGE_YEARS} years; "
                    "split it",
                    f"tidsintervallet {format_span(start, end, lang)} är över "
                    f"{MAX_RANGE_YEARS} år; dela upp det",
                )
            )
        return start, end, None
    if args.school_year:
        try:
            year = SchoolYear.parse(args.school_year)
        except SchoolYearError as exc:
            raise CliError(f"--school-year: {exc.message(lang)}") from None
    else:
        if not FIRST_DAY <= today <= LAST_DAY:
            within_calendar(today, today, lang)  # the same message as for a range
        year = SchoolYear.containing(today)
    return (*within_calendar(year.start, year.end, lang), year)


def within_calendar(start: _dt.date, end: _dt.date, lang: Lang) -> tuple[_dt.date, _dt.date]:
    """``(start, end)``, or a CliError when they are not within 1.1.2–31.12.9998."""
    if start < FIRST_DAY or end > LAST_DAY:
        raise CliError(
            pick(
                lang,
                f"aikavälin on oltava {format_date(FIRST_DAY)}–{format_date(LAST_DAY)} sisällä",
                f"the range must lie within {FIRST_DAY.isoformat()} – {LAST_DAY.isoformat()}",
                f"tidsintervallet ska ligga inom {format_date(FIRST_DAY)}–{format_date(LAST_DAY)}",
            )
        )
    return start, end


def write_output(target: str, rendered: bytes | Mapping[str, bytes], lang: Lang) -> str:
    """Write a file or a folder atomically; any failure is a CliError (exit 2).

    Returns the size for the report line ("1451 tavua", "50 tiedostoa").
    """
    from opiskeluhuolto import output

    try:
        if isinstance(rendered, bytes):
            output.write_file_atomic(target, rendered)
            return pick(
                lang, f"{len(rendered)} tavua", f"{len(rendered)} bytes", f"{len(rendered)} byte"
            )
        output.write_folder_atomic(target, rendered)
        return pick(
            lang, f"{len(rendered)} tiedostoa", f"{len(rendered)} files", f"{len(rendered)} filer"
        )
    except output.OutputError as exc:
        raise CliError(f"-o {target}: {exc.message(lang)}") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(
            pick(
                lang,
                f"-o {target}: ei voi kirjoittaa: {reason}",
                f"-o {target}: cannot write: {reason}",
                f"-o {target}: kan inte skrivas: {reason}",
            )
        ) from None
