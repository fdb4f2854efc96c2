"""The ``opiskeluhuolto`` command line.

Finnish by default, ``--lang en`` for English.  Exit status: 0 success,
2 bad input or arguments (one clear message, never a traceback), 1 an
unexpected failure.  Exporters are looked up lazily, so commands that do not
export never load a plugin.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import os
import re
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import Lang, format_date, format_span
from opiskeluhuolto.recurrence import SchoolYear, SchoolYearError

if TYPE_CHECKING:
    from opiskeluhuolto.plugins import Registry

__all__ = ["CliError", "main"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

WIDTH = 80


class CliError(Exception):
    """A user error: printed as one message, exit status 2."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def _ascii_digits(text: str) -> bool:
    """Digits 0–9 only: "²" and "٢" pass ``str.isdigit`` but are no number here."""
    return text.isascii() and text.isdigit()


def _t(lang: Lang, fi: str, en: str) -> str:
    return en if lang == "en" else fi


# ---------------------------------------------------------------------------
# argparse in Finnish
# ---------------------------------------------------------------------------

_ARGPARSE_FI = {
    "the following arguments are required: %s": "seuraavat argumentit puuttuvat: %s",
    "unrecognized arguments: %s": "tuntemattomat argumentit: %s",
    "expected one argument": "odotettiin yhtä arvoa",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "virheellinen valinta: %(value)r (valitse joukosta %(choices)s)"
    ),
    "not allowed with argument %s": "ei sallittu yhdessä argumentin %s kanssa",
    "argument %(argument_name)s: ": "argumentti %(argument_name)s: ",
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(WIDTH, 100), max_help_position=30)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Finnish (or English) and exits 2 on errors."""

    lang: Lang = "fi"

    def error(self, message: str) -> NoReturn:
        if self.lang == "fi":
            message = _translate(message)
        self.print_usage(sys.stderr)
        prefix = _t(self.lang, "virhe", "error")
        self.exit(EXIT_USAGE, f"{self.prog}: {prefix}: {message}\n")

    def format_usage(self) -> str:
        return self._localise(super().format_usage())

    def format_help(self) -> str:
        return self._localise(super().format_help())

    def _localise(self, text: str) -> str:
        if self.lang == "fi":
            text = text.replace("usage: ", "käyttö: ", 1)
        return text


def _pattern(english: str) -> re.Pattern[str]:
    # argparse's English template as a regex whose groups are its variable parts.
    escaped = re.escape(english).replace("%s", "(.*?)")
    escaped = re.sub(r"%\\\(\w+\\\)[rs]", "(.*?)", escaped)
    return re.compile(escaped + "$" if escaped.endswith("(.*?)") else escaped)


def _translate(message: str) -> str:
    """argparse's English error message in Finnish, keeping its variable parts."""
    for english, finnish in _ARGPARSE_FI.items():
        match = _pattern(english).search(message)
        if match is None:
            continue
        parts = list(match.groups())
        pieces = re.split(r"%(?:\(\w+\))?[rs]", finnish)
        replacement = "".join(
            piece + (parts[n] if n < len(parts) and n < len(pieces) - 1 else "")
            for n, piece in enumerate(pieces)
        )
        message = message[: match.start()] + replacement + message[match.end() :]
    return message


def _add_common(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "-h",
        "--help",
        action="help",
        default=argparse.SUPPRESS,
        help=_t(lang, "näytä tämä ohje ja lopeta", "show this help and exit"),
    )
    parser.add_argument(
        "--lang",
        choices=("fi", "en"),
        default=argparse.SUPPRESS,
        help=_t(lang, "tulosteen kieli (oletus fi)", "output language (default fi)"),
    )
    parser.add_argument(
        "--today",
        metavar=_t(lang, "PVM", "DATE"),
        default=argparse.SUPPRESS,
        help=_t(
            lang,
            "käytä tätä päivää tämän päivän sijaan (suunnitteluun ja testeihin)",
            "use this date as today (for planning and tests)",
        ),
    )


def _add_data(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--data",
        metavar=_t(lang, "TIEDOSTO", "FILE"),
        help=_t(
            lang,
            "TOML-tiedosto (oletus: sisäänrakennettu Sedun aineisto)",
            "TOML data file (default: the embedded Sedu data)",
        ),
    )


def _add_group(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--group",
        metavar="ID",
        help=_t(lang, "vain tämän ryhmän kalenteri", "only this group's calendar"),
    )


def _add_range(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--school-year",
        metavar=_t(lang, "LUKUVUOSI", "YEAR"),
        help=_t(
            lang,
            "lukuvuosi, esim. 2026 tai 2026–2027 (oletus: kuluva lukuvuosi)",
            "school year, e.g. 2026 or 2026-2027 (default: the current one)",
        ),
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        metavar=_t(lang, "PVM", "DATE"),
        help=_t(lang, "alkupäivä (19.10.2026 tai 2026-10-19)", "first day (2026-10-19)"),
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        metavar=_t(lang, "PVM", "DATE"),
        help=_t(lang, "loppupäivä (mukaan lukien)", "last day (inclusive)"),
    )


def build_parser(lang: Lang = "fi") -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(
        prog="opiskeluhuolto",
        add_help=False,
        formatter_class=_Formatter,
        description=_t(
            lang,
            "Sedun opiskeluhuollon vuosikellot: näytä, tarkista ja vie kalenterit.",
            "Sedu's student-welfare annual calendars: show, check and export them.",
        ),
        epilog=_t(
            lang,
            "Ilman --data-valitsinta käytetään sisäänrakennettua Sedun aineistoa.\n"
            "Esimerkki: opiskeluhuolto export ical -o vuosikello.ics",
            "Without --data the embedded Sedu data is used.\n"
            "Example: opiskeluhuolto export ical -o vuosikello.ics",
        ),
    )
    _add_common(parser, lang)
    parser._positionals.title = _t(lang, "komennot", "commands")
    parser._optionals.title = _t(lang, "valitsimet", "options")
    commands = parser.add_subparsers(dest="command", metavar=_t(lang, "KOMENTO", "COMMAND"))

    def command(name: str, fi: str, en: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=_t(lang, fi, en),
            description=_t(lang, fi, en),
            add_help=False,
            formatter_class=_Formatter,
        )
        sub._positionals.title = _t(lang, "argumentit", "arguments")
        sub._optionals.title = _t(lang, "valitsimet", "options")
        _add_common(sub, lang)
        return sub

    show = command(
        "show",
        "näytä lukuvuoden kalenteri kuukausittain",
        "show the school year month by month",
    )
    _add_data(show, lang)
    _add_range(show, lang)
    _add_group(show, lang)

    check = command(
        "check", "tarkista aineistotiedosto", "check a data file and report every problem"
    )
    check.add_argument("file", metavar=_t(lang, "TIEDOSTO", "FILE"))

    export = command(
        "export",
        "vie kalenteri muotoon (ical, csv, wilma, …)",
        "export the calendar to a format (ical, csv, wilma, …)",
    )
    export.add_argument(
        "format",
        metavar=_t(lang, "MUOTO", "FORMAT"),
        help=_t(
            lang,
            "viejän nimi, esim. ical, csv, wilma, agenda, wheel (kaikki: opiskeluhuolto exporters)",
            "the exporter's name, e.g. ical, csv, wilma, agenda, wheel (all: opiskeluhuolto "
            "exporters)",
        ),
    )
    _add_data(export, lang)
    _add_range(export, lang)
    _add_group(export, lang)
    export.add_argument(
        "--option",
        action="append",
        default=[],
        metavar=_t(lang, "AVAIN=ARVO", "KEY=VALUE"),
        help=_t(lang, "viejän asetus (toistettava)", "exporter option (repeatable)"),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar=_t(lang, "POLKU", "PATH"),
        help=_t(
            lang,
            "kohdetiedosto tai -kansio; - = vakiotuloste",
            "output file or folder; - for standard output",
        ),
    )

    command(
        "exporters",
        "luettele saatavilla olevat viejät",
        "list the available exporters",
    )

    agenda = command(
        "agenda",
        "kirjoita ryhmän kokouksen asialista (Markdown)",
        "write the agenda of a group's meeting (Markdown)",
    )
    agenda.add_argument(
        "--group",
        metavar="ID",
        help=_t(lang, "ryhmä, jonka kokous on (pakollinen)", "the group that meets (required)"),
    )
    agenda.add_argument(
        "--date",
        metavar=_t(lang, "PVM", "DATE"),
        help=_t(
            lang,
            "kokouspäivä (oletus: ryhmän seuraava kokous)",
            "meeting date (default: the group's next meeting)",
        ),
    )
    _add_data(agenda, lang)
    agenda.add_argument(
        "--weeks",
        metavar="N",
        default="6",
        help=_t(
            lang,
            "montako viikkoa eteenpäin vuosikellosta otetaan (oletus 6)",
            "how many weeks ahead to take from the calendar (default 6)",
        ),
    )
    agenda.add_argument(
        "-o",
        "--output",
        metavar=_t(lang, "POLKU", "PATH"),
        help=_t(
            lang,
            "kohdetiedosto (oletus: vakiotuloste)",
            "output file (default: standard output)",
        ),
    )
    return parser


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _pre_scan_lang(argv: Sequence[str]) -> Lang:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("fi", "en"):
            return "en" if argv[index + 1] == "en" else "fi"
        if arg in ("--lang=en", "--lang=fi"):
            return "en" if arg.endswith("en") else "fi"
    env = os.environ.get("OPISKELUHUOLTO_LANG", "fi")
    return "en" if env == "en" else "fi"


_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


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
            _t(
                lang,
                f"{what}: {text!r} ei ole päivämäärä (esim. 19.10.2026 tai 2026-10-19)",
                f"{what}: {text!r} is not a date (e.g. 2026-10-19 or 19.10.2026)",
            )
        ) from None


def _today(args: argparse.Namespace, organisation: Organisation | None, lang: Lang) -> _dt.date:
    given = getattr(args, "today", None)
    if given:
        return parse_date(given, lang, "--today")
    timezone = organisation.timezone if organisation is not None else "Europe/Helsinki"
    try:
        from zoneinfo import ZoneInfo

        return _dt.datetime.now(ZoneInfo(timezone)).date()
    except Exception:  # no tz database on this machine: the local date is close enough
        return _dt.date.today()


def _load(args: argparse.Namespace) -> Organisation:
    from opiskeluhuolto import loading

    if args.data:
        return loading.load(args.data)
    return loading.load_default()


def _range(
    args: argparse.Namespace, organisation: Organisation, lang: Lang
) -> tuple[_dt.date, _dt.date, SchoolYear | None]:
    if args.school_year and (args.date_from or args.date_to):
        raise CliError(
            _t(
                lang,
                "anna joko --school-year tai --from/--to, ei molempia",
                "give either --school-year or --from/--to, not both",
            )
        )
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise CliError(
                _t(lang, "--from ja --to annetaan yhdessä", "--from and --to go together")
            )
        start = parse_date(args.date_from, lang, "--from")
        end = parse_date(args.date_to, lang, "--to")
        if end < start:
            raise CliError(_t(lang, "--to on ennen --from-päivää", "--to is before --from"))
        _within_calendar(start, end, lang)
        if (end.year - start.year, end.month, end.day) >= (MAX_RANGE_YEARS, start.month, start.day):
            raise CliError(
                _t(
                    lang,
                    f"aikaväli {format_span(start, end, lang)} on yli {MAX_RANGE_YEARS} vuotta; "
                    "jaa se osiin",
                    f"the range {format_span(start, end, lang)} is over {MAX_RANGE_YEARS} years; "
                    "split it",
                )
            )
        return start, end, None
    if args.school_year:
        try:
            year = SchoolYear.parse(args.school_year)
        except SchoolYearError as exc:
            raise CliError(f"--school-year: {exc.message(lang)}") from None
    else:
        today = _today(args, organisation, lang)
        if not _FIRST_DAY <= today <= _LAST_DAY:
            _within_calendar(today, today, lang)  # the same message as for a range
        year = SchoolYear.containing(today)
    return (*_within_calendar(year.start, year.end, lang), year)


MAX_RANGE_YEARS = 100
"""The longest ``--from``/``--to`` range: a century (10,000 years took 111 s and 3.5 GB)."""

# Ranges stay a year inside the ends of datetime.date, so that follow-ups and
# exclusive end dates (iCalendar DTEND) never fall off the calendar.
_FIRST_DAY = _dt.date(2, 1, 1)
_LAST_DAY = _dt.date(9998, 12, 31)


def _within_calendar(start: _dt.date, end: _dt.date, lang: Lang) -> tuple[_dt.date, _dt.date]:
    if start < _FIRST_DAY or end > _LAST_DAY:
        raise CliError(
            _t(
                lang,
                f"aikavälin on oltava {format_date(_FIRST_DAY)}–{format_date(_LAST_DAY)} sisällä",
                f"the range must lie within {_FIRST_DAY.isoformat()} – {_LAST_DAY.isoformat()}",
            )
        )
    return start, end


def _check_group(args: argparse.Namespace, organisation: Organisation, lang: Lang) -> None:
    if args.group is not None and args.group not in organisation.hierarchy:
        known = "\n".join(f"  {g.id:<28} {g.name}" for g in organisation.hierarchy.groups)
        raise CliError(
            _t(
                lang,
                f"--group: tuntematon ryhmä {args.group!r}. Ryhmät:\n{known}",
                f"--group: unknown group {args.group!r}. Groups:\n{known}",
            )
        )


# ---------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------


def _wrap(prefix: str, text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=prefix,
        subsequent_indent=" " * indent,
        break_long_words=True,
    ) or [prefix.rstrip()]


def cmd_show(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    """The ``text`` exporter, from the plugin registry, written to standard output."""
    from opiskeluhuolto import plugins
    from opiskeluhuolto.exporting import ExportContext

    organisation = _load(args)
    _check_group(args, organisation, lang)
    start, end, school_year = _range(args, organisation, lang)
    found = _plugin_registry(lang, err, quiet="text")
    try:
        exporter = found.get("text")
    except plugins.DuplicateExporterError as exc:
        raise CliError(exc.message(lang)) from None
    except plugins.UnknownExporterError:
        raise CliError(
            _t(
                lang,
                "viejää text ei ole asennettu (show tarvitsee sen)",
                "the text exporter is not installed (show needs it)",
            )
        ) from None
    context = ExportContext(
        organisation=organisation,
        start=start,
        end=end,
        group=args.group,
        options=exporter.parse_options({}),
        lang=lang,
        school_year=school_year,
    )
    rendered = exporter.render(context)
    assert isinstance(rendered, bytes)
    out.write(rendered.decode("utf-8"))
    return EXIT_OK


# ---------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------


def _count_fi(count: int, one: str, many: str) -> str:
    """``1 ryhmä``, ``2 ryhmää``: Finnish takes the partitive after numbers other than one."""
    return f"{count} {one if count == 1 else many}"


def cmd_check(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import loading

    result = loading.validate_file(args.file)
    for problem in result.problems:
        print(problem.format(lang), file=err)
    if not result.ok or result.organisation is None:
        count = len(result.errors)
        print(
            _t(
                lang,
                f"{args.file}: {count} virhe{'ttä' if count != 1 else ''}",
                f"{args.file}: {count} error{'s' if count != 1 else ''}",
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
    summary = _t(lang, f"{args.file}: kunnossa – {counts_fi}", f"{args.file}: OK – {counts_en}")
    print(summary, file=out)
    return EXIT_OK


# ---------------------------------------------------------------------------
# export and exporters
# ---------------------------------------------------------------------------


def _parse_option_pairs(pairs: Sequence[str], lang: Lang) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CliError(
                _t(
                    lang,
                    f"--option {pair!r}: odotettiin muotoa AVAIN=ARVO",
                    f"--option {pair!r}: expected KEY=VALUE",
                )
            )
        options[key.strip()] = value.strip()
    return options


def write_output(target: str, rendered: bytes | Mapping[str, bytes], lang: Lang) -> str:
    """Write a file or a folder atomically; any failure is a CliError (exit 2).

    Returns the size for the report line ("1451 tavua", "50 tiedostoa").
    """
    from opiskeluhuolto import output

    try:
        if isinstance(rendered, bytes):
            output.write_file_atomic(target, rendered)
            return _t(lang, f"{len(rendered)} tavua", f"{len(rendered)} bytes")
        output.write_folder_atomic(target, rendered)
        return _t(lang, f"{len(rendered)} tiedostoa", f"{len(rendered)} files")
    except output.OutputError as exc:
        raise CliError(f"-o {target}: {exc.message(lang)}") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(
            _t(
                lang,
                f"-o {target}: ei voi kirjoittaa: {reason}",
                f"-o {target}: cannot write: {reason}",
            )
        ) from None


def cmd_export(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import output, plugins
    from opiskeluhuolto.exporting import ExportContext, OptionError, Output

    found = _plugin_registry(lang, err, quiet=args.format)
    try:
        exporter = found.get(args.format)
    except plugins.DuplicateExporterError as exc:
        raise CliError(exc.message(lang)) from None
    except plugins.UnknownExporterError as exc:
        raise CliError(
            _t(
                lang,
                f"tuntematon muoto {exc.name!r}; saatavilla: {', '.join(exc.known) or '–'}",
                f"unknown format {exc.name!r}; available: {', '.join(exc.known) or '–'}",
            )
        ) from None
    try:
        options = exporter.parse_options(_parse_option_pairs(args.option, lang))
    except OptionError as exc:
        raise CliError(exc.message(lang)) from None
    organisation = _load(args)
    _check_group(args, organisation, lang)
    start, end, school_year = _range(args, organisation, lang)
    context = ExportContext(
        organisation=organisation,
        start=start,
        end=end,
        group=args.group,
        options=options,
        lang=lang,
        school_year=school_year,
        today=_today(args, organisation, lang),
    )
    to_stdout = exporter.output is Output.STDOUT or args.output == "-"
    if exporter.output is Output.FOLDER and args.output == "-":
        raise CliError(
            _t(
                lang,
                f"viejä {exporter.name} kirjoittaa kansion: anna -o KANSIO",
                f"exporter {exporter.name} writes a folder: give -o FOLDER",
            )
        )
    target = args.output or exporter.default_path or f"{exporter.name}.out"
    wanted = exporter.suffixes(options)
    if not to_stdout and wanted and not target.lower().endswith(wanted):
        raise CliError(
            _t(
                lang,
                f"-o {target}: viejä {exporter.name} kirjoittaa tiedoston, jonka pääte on "
                f"{' tai '.join(wanted)}",
                f"-o {target}: exporter {exporter.name} writes a file ending in "
                f"{' or '.join(wanted)}",
            )
        )
    try:
        # Refuse a target that cannot be written before doing the work.
        if not to_stdout and exporter.output is Output.FOLDER:
            output.check_folder_target(target)
        elif not to_stdout:
            output.check_file_target(target)
    except output.OutputError as exc:
        raise CliError(f"-o {target}: {exc.message(lang)}") from None
    try:
        # Checked against the exporter's output: bytes for a file, path → bytes for a folder.
        rendered = exporter.render(context)
    except (OptionError, ValueError) as exc:
        # An exporter's own refusal of the data or its options is bad input.
        message = exc.message(lang) if isinstance(exc, OptionError) else str(exc)
        raise CliError(f"{exporter.name}: {message}") from None
    if to_stdout:
        assert isinstance(rendered, bytes)
        stream = getattr(out, "buffer", None)
        if stream is not None:
            stream.write(rendered)
            stream.flush()
        else:
            out.write(rendered.decode("utf-8"))
        return EXIT_OK
    size = write_output(target, rendered, lang)
    print(
        _t(
            lang,
            f"Kirjoitettu {target} ({size}, {format_span(start, end, lang)})",
            f"Wrote {target} ({size}, {format_span(start, end, lang)})",
        ),
        file=err,
    )
    return EXIT_OK


def _plugin_registry(lang: Lang, err: TextIO, *, quiet: str | None = None) -> Registry:
    """Ask the plugins once; name every one that failed, and every refused name.

    With ``quiet`` (the exporter a command asks for) only the plugins needed
    to find it are imported, and its own refused name is left to the
    command's message, so that it is said once.
    """
    from opiskeluhuolto import plugins

    found = plugins.registry(exporter=quiet)
    for load_error in plugins.load_errors():
        print(f"opiskeluhuolto: {load_error.message(lang)}", file=err)
    for problem in found.problems:
        if isinstance(problem, plugins.DuplicateExporterError) and problem.name == quiet:
            continue
        print(f"opiskeluhuolto: {problem.message(lang)}", file=err)
    return found


_OUTPUT_KIND = {
    "file": ("tiedosto", "file"),
    "folder": ("kansio", "folder"),
    "stdout": ("vakiotuloste", "stdout"),
}


def cmd_exporters(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:

    exporters = _plugin_registry(lang, err).exporters
    if not exporters:
        print(_t(lang, "Ei viejiä.", "No exporters."), file=out)
    for name, exporter in exporters.items():
        origin = _t(lang, "laajennus", "plugin")
        kind = _t(lang, *_OUTPUT_KIND[exporter.output.value])
        print(f"{name:<10} {exporter.describe(lang)}", file=out)
        print(f"{'':<10} {origin}: {exporter.plugin}; {kind}", file=out)
        for option in exporter.options:
            for line in _wrap(" " * 13 + "--option ", option.describe(lang), 15):
                print(line, file=out)
    return EXIT_OK


# ---------------------------------------------------------------------------
# agenda
# ---------------------------------------------------------------------------


def cmd_agenda(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto.agenda import (
        MAX_WEEKS,
        build_agenda,
        next_meeting,
        previous_meeting,
        render_markdown,
    )

    weeks_text = str(args.weeks).strip()
    if not _ascii_digits(weeks_text) or not 1 <= int(weeks_text) <= MAX_WEEKS:
        raise CliError(
            _t(
                lang,
                f"--weeks: {args.weeks!r} ei kelpaa; odotettiin kokonaislukua 1–{MAX_WEEKS}",
                f"--weeks: invalid value {args.weeks!r}; expected a whole number 1–{MAX_WEEKS}",
            )
        )
    organisation = _load(args)
    if args.group is None:
        known = "\n".join(f"  {g.id:<28} {g.name}" for g in organisation.hierarchy.groups)
        raise CliError(
            _t(
                lang,
                f"anna ryhmä: --group ID. Ryhmät:\n{known}",
                f"give the group: --group ID. Groups:\n{known}",
            )
        )
    _check_group(args, organisation, lang)
    group = organisation.group(args.group)
    if args.date is not None:
        meeting = parse_date(args.date, lang, "--date")
        if not _FIRST_DAY <= meeting <= _LAST_DAY:
            raise CliError(
                _t(
                    lang,
                    f"--date: päivän on oltava {format_date(_FIRST_DAY)}–{format_date(_LAST_DAY)}",
                    f"--date: the day must be within {format_date(_FIRST_DAY)}–"
                    f"{format_date(_LAST_DAY)}",
                )
            )
    else:
        today = _today(args, organisation, lang)
        found = next_meeting(organisation, group.id, today)
        if found is None:
            earlier = previous_meeting(organisation, group.id, today)
            if earlier is not None:
                last = format_span(earlier, earlier, lang)
                fi = f"ryhmällä {group.id!r} ei ole tulevia kokouksia (viimeisin {last}); "
                en = f"group {group.id!r} has no upcoming meetings (the last was {last}); "
            else:
                fi = f"ryhmälle {group.id!r} ei ole merkitty kokouspäiviä (meetings); "
                en = f"group {group.id!r} has no meeting dates (meetings) in the data; "
            raise CliError(
                _t(lang, fi + "anna kokouspäivä: --date PVM", en + "give the date: --date DATE")
            )
        meeting = found
    text = render_markdown(build_agenda(organisation, group.id, meeting, int(weeks_text)), lang)
    if args.output is None or args.output == "-":
        out.write(text)
        return EXIT_OK
    write_output(args.output, text.encode("utf-8"), lang)
    print(
        _t(
            lang,
            f"Kirjoitettu {args.output} (asialista {format_span(meeting, meeting, lang)})",
            f"Wrote {args.output} (agenda {format_span(meeting, meeting, lang)})",
        ),
        file=err,
    )
    return EXIT_OK


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0, 1 or 2)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_scan_lang(arguments)
    parser = build_parser(lang)
    try:
        # argparse prints help and usage errors itself: route them to our streams.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(arguments)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    lang = "en" if getattr(args, "lang", lang) == "en" else "fi"
    handlers: dict[str, Callable[[], int]] = {
        "show": lambda: cmd_show(args, lang, out, err),
        "check": lambda: cmd_check(args, lang, out, err),
        "export": lambda: cmd_export(args, lang, out, err),
        "exporters": lambda: cmd_exporters(args, lang, out, err),
        "agenda": lambda: cmd_agenda(args, lang, out, err),
    }
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    from opiskeluhuolto.loading import LoadError
    from opiskeluhuolto.plugins import PluginError

    try:
        return handlers[args.command]()
    except CliError as exc:
        print(f"opiskeluhuolto: {exc}", file=err)
        return exc.status
    except LoadError as exc:
        for problem in exc.problems:
            print(problem.format(lang), file=err)
        return EXIT_USAGE
    except PluginError as exc:  # named by plugin; the status is the host's (1, 2 or 130)
        print(f"opiskeluhuolto: {exc.message(lang)}", file=err)
        if os.environ.get("OPISKELUHUOLTO_DEBUG") and exc.__cause__ is not None:
            raise exc.__cause__ from None
        return exc.status
    except KeyboardInterrupt:
        print(_t(lang, "keskeytetty", "interrupted"), file=err)
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
    except (Exception, SystemExit) as exc:  # an unexpected failure: one line, status 1
        print(
            _t(
                lang,
                f"opiskeluhuolto: odottamaton virhe: {type(exc).__name__}: {exc}",
                f"opiskeluhuolto: unexpected error: {type(exc).__name__}: {exc}",
            ),
            file=err,
        )
        if os.environ.get("OPISKELUHUOLTO_DEBUG"):
            raise
        return EXIT_FAILURE
