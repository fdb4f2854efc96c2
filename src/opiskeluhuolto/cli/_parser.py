"""The argument parser, built from one table of flags.

Every flag is declared once in :data:`FLAGS`, with its Finnish and English
help; every command in :data:`COMMANDS` lists the flags it takes, in the
order its help shows them.  :func:`build_parser` builds the parser and its
subparsers from the two tables.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from opiskeluhuolto.cli._common import WIDTH
from opiskeluhuolto.fmt import pick

if TYPE_CHECKING:
    from opiskeluhuolto.fmt import Lang

__all__ = [
    "COMMANDS",
    "DOMAIN",
    "FLAGS",
    "LOCALE",
    "Command",
    "Flag",
    "argparse_language",
    "build_parser",
    "pre_scan_lang",
]

_Text = tuple[str, str]
"""Finnish and English."""


class Flag(NamedTuple):
    """One flag (or positional argument) as argparse is given it."""

    names: tuple[str, ...]
    help: _Text | None = None
    metavar: _Text | None = None
    dest: str | None = None
    default: object = None
    choices: tuple[str, ...] | None = None
    action: str | None = None
    nargs: str | None = None
    required: bool = False

    @property
    def positional(self) -> bool:
        return not self.names[0].startswith("-")


_DATE = ("PVM", "DATE")
_FILE = ("TIEDOSTO", "FILE")
_PATH = ("POLKU", "PATH")

FLAGS: dict[str, Flag] = {
    "help": Flag(
        ("-h", "--help"),
        ("näytä tämä ohje ja lopeta", "show this help and exit"),
        action="help",
        default=argparse.SUPPRESS,
    ),
    "lang": Flag(
        ("--lang",),
        ("tulosteen kieli (oletus fi)", "output language (default fi)"),
        choices=("fi", "en"),
        default=argparse.SUPPRESS,
    ),
    "today": Flag(
        ("--today",),
        (
            "käytä tätä päivää tämän päivän sijaan (suunnitteluun ja testeihin)",
            "use this date as today (for planning and tests)",
        ),
        metavar=_DATE,
        default=argparse.SUPPRESS,
    ),
    "data": Flag(
        ("--data",),
        (
            "TOML-tiedosto (oletus: sisäänrakennettu Sedun aineisto)",
            "TOML data file (default: the embedded Sedu data)",
        ),
        metavar=_FILE,
    ),
    "school-year": Flag(
        ("--school-year",),
        (
            "lukuvuosi, esim. 2026 tai 2026–2027 (oletus: kuluva lukuvuosi)",
            "school year, e.g. 2026 or 2026-2027 (default: the current one)",
        ),
        metavar=("LUKUVUOSI", "YEAR"),
    ),
    "from": Flag(
        ("--from",),
        ("alkupäivä (19.10.2026 tai 2026-10-19)", "first day (2026-10-19)"),
        metavar=_DATE,
        dest="date_from",
    ),
    "to": Flag(
        ("--to",),
        ("loppupäivä (mukaan lukien)", "last day (inclusive)"),
        metavar=_DATE,
        dest="date_to",
    ),
    "group": Flag(
        ("--group",),
        ("vain tämän ryhmän kalenteri", "only this group's calendar"),
        metavar=("ID", "ID"),
    ),
    "sync-target": Flag(
        ("sync_target",),
        ("minne synkronoidaan: caldav", "where to sync: caldav"),
        metavar=("KOHDE", "TARGET"),
        choices=("caldav",),
    ),
    "url": Flag(
        ("url",),
        (
            "CalDAV-kalenterikodin tai käyttäjän osoite, esim. https://palvelin/dav/kayttaja/; "
            "ryhmän kalenteri on URL/RYHMÄ/",
            "the URL of a CalDAV calendar home or user, e.g. https://server/dav/user/; "
            "a group's calendar is URL/GROUP/",
        ),
        metavar=("URL", "URL"),
    ),
    "user": Flag(
        ("--user",),
        ("käyttäjätunnus (anna myös --password-file)", "user name (give --password-file too)"),
        metavar=("TUNNUS", "USER"),
    ),
    "password-file": Flag(
        ("--password-file",),
        (
            "tiedosto, jonka ensimmäinen rivi on salasana (salasanaa ei koskaan anneta "
            "komentorivillä)",
            "a file whose first line is the password (never give it on the command line)",
        ),
        metavar=_FILE,
    ),
    "dry-run": Flag(
        ("--dry-run",),
        (
            "kerro, mitä tehtäisiin, mutta älä muuta palvelimella mitään",
            "report what would be done, change nothing on the server",
        ),
        action="store_true",
    ),
    "host": Flag(
        ("--host",),
        (
            "osoite, jota palvelin kuuntelee (oletus 127.0.0.1; 0.0.0.0 kaikki)",
            "the address to listen on (default 127.0.0.1; 0.0.0.0 for all)",
        ),
        metavar=("OSOITE", "HOST"),
        default="127.0.0.1",
    ),
    "port": Flag(
        ("--port",),
        ("portti (oletus 8080)", "the port (default 8080)"),
        metavar=("PORTTI", "PORT"),
        default="8080",
    ),
    "base-url": Flag(
        ("--base-url",),
        (
            "osoite, josta palvelin näkyy käyttäjille, esim. https://example.org/vuosikello/ "
            "(webcal-linkit ja QR-koodit)",
            "the address users reach the server at, e.g. https://example.org/vuosikello/ "
            "(webcal links and QR codes)",
        ),
        metavar=("URL", "URL"),
    ),
    "state": Flag(
        ("--state",),
        (
            "sivuston tilatiedosto, josta syötteiden SEQUENCE ja LAST-MODIFIED luetaan",
            "a site's state file to stamp the feeds' SEQUENCE and LAST-MODIFIED from",
        ),
        metavar=_FILE,
    ),
    "file": Flag(("file",), metavar=_FILE),
    "format": Flag(
        ("format",),
        (
            "viejän nimi, esim. ical, csv, wilma, agenda, wheel (kaikki: opiskeluhuolto exporters)",
            "the exporter's name, e.g. ical, csv, wilma, agenda, wheel (all: opiskeluhuolto "
            "exporters)",
        ),
        metavar=("MUOTO", "FORMAT"),
    ),
    "option": Flag(
        ("--option",),
        ("viejän asetus (toistettava)", "exporter option (repeatable)"),
        metavar=("AVAIN=ARVO", "KEY=VALUE"),
        action="append",
    ),
    "output": Flag(
        ("-o", "--output"),
        (
            "kohdetiedosto tai -kansio; - = vakiotuloste",
            "output file or folder; - for standard output",
        ),
        metavar=_PATH,
    ),
    "meeting-group": Flag(
        ("--group",),
        ("ryhmä, jonka kokous on (pakollinen)", "the group that meets (required)"),
        metavar=("ID", "ID"),
    ),
    "date": Flag(
        ("--date",),
        (
            "kokouspäivä (oletus: ryhmän seuraava kokous)",
            "meeting date (default: the group's next meeting)",
        ),
        metavar=_DATE,
    ),
    "weeks": Flag(
        ("--weeks",),
        (
            "montako viikkoa eteenpäin vuosikellosta otetaan (oletus 6)",
            "how many weeks ahead to take from the calendar (default 6)",
        ),
        metavar=("N", "N"),
        default="6",
    ),
    "data-action": Flag(
        ("data_action",),
        (
            "list: luettele sisäänrakennetut aineistot; show: tulosta aineisto sellaisenaan",
            "list: list the embedded data sets; show: print one as it is",
        ),
        metavar=("TOIMINTO", "ACTION"),
        choices=("list", "show"),
    ),
    "data-name": Flag(
        ("data_name",),
        ("aineiston nimi (show), esim. sedu", "the data set's name (show), e.g. sedu"),
        metavar=("NIMI", "NAME"),
        nargs="?",
    ),
    "extends": Flag(
        ("--extends",),
        (
            "aineisto, jonka päälle tiedosto rakentuu: sisäänrakennettu (oletus sedu) tai tiedosto",
            "the data the file builds on: an embedded data set (default sedu) or a file",
        ),
        metavar=("AINEISTO", "DATA"),
        default="sedu",
    ),
    "parent": Flag(
        ("--parent",),
        ("uuden ryhmän yläryhmä pohjassa, esim. sedu-ohr", "the new group's parent in the base"),
        metavar=("ID", "ID"),
        required=True,
    ),
    "new-id": Flag(
        ("--id",),
        ("uuden ryhmän tunnus, esim. ohr-kauhava", "the new group's id, e.g. ohr-kauhava"),
        metavar=("ID", "ID"),
        required=True,
    ),
    "new-name": Flag(
        ("--name",),
        ("uuden ryhmän nimi", "the new group's name"),
        metavar=("NIMI", "NAME"),
        required=True,
    ),
    "init-output": Flag(
        ("-o", "--output"),
        (
            "kirjoitettava tiedosto (ei korvaa olemassa olevaa; oletus: vakiotuloste)",
            "the file to write (never replaces one; default: standard output)",
        ),
        metavar=_FILE,
    ),
    "records": Flag(
        ("--records",),
        (
            "seurantatiedosto (TIEDOSTO, tai VARASTO:SIJAINTI laajennuksen varastoon)",
            "records file (FILE, or STORE:LOCATION for a plugin's store)",
        ),
        metavar=_FILE,
    ),
    "record-id": Flag(
        ("occurrence",),
        (
            "esiintymän tunniste, esim. sedu.huoltajakysely.2026 (export csv: sarake id)",
            "the occurrence's id, e.g. sedu.huoltajakysely.2026 (export csv: column id)",
        ),
        metavar=("TUNNISTE", "ID"),
    ),
    "record-status": Flag(
        ("status",),
        (
            "done = tehty, moved = siirretty, cancelled = peruttu",
            "done, moved or cancelled",
        ),
        metavar=("TILA", "STATUS"),
        choices=("done", "moved", "cancelled"),
    ),
    "record-date": Flag(
        ("--date",),
        ("tekemispäivä (done; oletus: tänään)", "the day it was done (done; default: today)"),
        metavar=_DATE,
        dest="record_date",
    ),
    "moved-to": Flag(
        ("--to",),
        (
            "siirron päivä tai päivät: 10.11.2026 tai 10.11.2026–12.11.2026",
            "the day or days it moved to: 2026-11-10 or 2026-11-10–2026-11-12",
        ),
        metavar=("PVM[–PVM]", "DATE[–DATE]"),
        dest="moved_to",
    ),
    "note": Flag(
        ("--note",),
        ("muistiinpano; perutun syy", "a note; a cancelled one's reason"),
        metavar=("TEKSTI", "TEXT"),
    ),
    "link": Flag(
        ("--link",),
        ("linkki muistioon", "a link to the memo"),
        metavar=("URL", "URL"),
    ),
    "record-group": Flag(
        ("--group",),
        (
            "ryhmä, jonka kirjaus tämä on (oletus: kaikkien)",
            "the group whose record this is (default: everyone's)",
        ),
        metavar=("ID", "ID"),
    ),
    "report-output": Flag(
        ("-o", "--output"),
        (
            "kansio, johon arviointi kirjoitetaan (Markdown, CSV, HTML)",
            "the folder to write the evaluation to (Markdown, CSV, HTML)",
        ),
        metavar=("KANSIO", "FOLDER"),
        required=True,
    ),
    "agenda-output": Flag(
        ("-o", "--output"),
        ("kohdetiedosto (oletus: vakiotuloste)", "output file (default: standard output)"),
        metavar=_PATH,
    ),
}


class Command(NamedTuple):
    """A subcommand: its help, its flags, and where it runs (``module.function``)."""

    name: str
    help: _Text
    flags: tuple[str, ...]
    module: str
    function: str = "run"


_COMMON = ("help", "lang", "today")
_RANGE = ("school-year", "from", "to")

COMMANDS: tuple[Command, ...] = (
    Command(
        "show",
        ("näytä lukuvuoden kalenteri kuukausittain", "show the school year month by month"),
        (*_COMMON, "data", *_RANGE, "group", "records"),
        "show",
    ),
    Command(
        "check",
        ("tarkista aineistotiedosto", "check a data file and report every problem"),
        (*_COMMON, "file"),
        "check",
    ),
    Command(
        "export",
        (
            "vie kalenteri muotoon (ical, csv, wilma, …)",
            "export the calendar to a format (ical, csv, wilma, …)",
        ),
        (*_COMMON, "format", "data", *_RANGE, "group", "records", "option", "output"),
        "export",
    ),
    Command(
        "exporters",
        ("luettele saatavilla olevat viejät", "list the available exporters"),
        _COMMON,
        "export",
        "run_exporters",
    ),
    Command(
        "sync",
        (
            "pidä CalDAV-kalenterit ajan tasalla: kalenteri ryhmää kohden, oletuksena tämä ja "
            "seuraava lukuvuosi",
            "keep CalDAV calendars in step: a calendar per group, by default this school year "
            "and the next",
        ),
        (
            *_COMMON,
            "sync-target",
            "url",
            "data",
            *_RANGE,
            "group",
            "user",
            "password-file",
            "dry-run",
        ),
        "sync",
    ),
    Command(
        "agenda",
        (
            "kirjoita ryhmän kokouksen asialista (Markdown)",
            "write the agenda of a group's meeting (Markdown)",
        ),
        (*_COMMON, "meeting-group", "date", "data", "records", "weeks", "agenda-output"),
        "agenda",
    ),
    Command(
        "record",
        (
            "kirjaa, mitä kohdalle tapahtui: tehty, siirretty tai peruttu",
            "record what became of an occurrence: done, moved or cancelled",
        ),
        (
            *_COMMON,
            "record-id",
            "record-status",
            "record-date",
            "moved-to",
            "note",
            "link",
            "record-group",
            "records",
            "data",
        ),
        "record",
    ),
    Command(
        "report",
        (
            "lukuvuoden arviointi ryhmittäin: tehty, siirretty, peruttu, kirjaamatta",
            "the school year's evaluation per group: done, moved, cancelled, not recorded",
        ),
        (*_COMMON, "data", "school-year", "group", "records", "report-output"),
        "report",
    ),
    Command(
        "serve",
        (
            "syötepalvelin: sivuston polut ja kalenterisyötteet HTTP:llä (waitress)",
            "the feed server: the site's paths and feeds over HTTP (waitress)",
        ),
        (*_COMMON, "data", "host", "port", "base-url", "state", "records"),
        "serve",
    ),
    Command(
        "data",
        (
            "sisäänrakennetut aineistot: data list, data show NIMI",
            "the embedded data sets: data list, data show NAME",
        ),
        (*_COMMON, "data-action", "data-name"),
        "data",
    ),
    Command(
        "init",
        (
            "kirjoita uuden kampuksen tai yksikön aloitustiedosto (extends)",
            "write a starter file for a new campus or unit (extends)",
        ),
        (*_COMMON, "extends", "parent", "new-id", "new-name", "init-output"),
        "init",
    ),
)


# ---------------------------------------------------------------------------
# argparse in Finnish: its own strings through gettext
# ---------------------------------------------------------------------------

DOMAIN = "opiskeluhuolto"
LOCALE = Path(__file__).resolve().parent / "locale"
"""``locale/fi/LC_MESSAGES/opiskeluhuolto.mo``: argparse's strings in Finnish (see ``_catalog``)."""


@contextlib.contextmanager
def argparse_language(lang: Lang) -> Iterator[None]:
    """argparse speaks ``lang`` inside the block; the gettext state is as it was after.

    argparse translates its own strings ('usage: ', 'the following arguments
    are required: %s', …) with :func:`gettext.gettext`, which looks in the
    current text domain for the language the ``LANGUAGE`` environment
    variable names.  Inside the block the domain is this package's catalog
    and the language ``lang`` (English has no catalog: argparse's own
    strings).  The previous domain, the domain's binding and ``LANGUAGE`` are
    restored afterwards, so a host program that calls :func:`main` keeps its
    own translations (the state is the process's: not for threads parsing at
    the same time).
    """
    previous_domain = gettext.textdomain()
    previous_dir = gettext.bindtextdomain(DOMAIN)
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
        gettext.textdomain(previous_domain)
        gettext.bindtextdomain(DOMAIN, previous_dir)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(WIDTH, 100), max_help_position=30)


# ---------------------------------------------------------------------------
# Building the parser
# ---------------------------------------------------------------------------


def _add(add_argument: Callable[..., argparse.Action], flag: Flag, lang: Lang) -> None:
    kwargs: dict[str, object] = {}
    if flag.help is not None:
        kwargs["help"] = pick(lang, *flag.help)
    if flag.metavar is not None:
        kwargs["metavar"] = pick(lang, *flag.metavar)
    if flag.dest is not None:
        kwargs["dest"] = flag.dest
    if flag.choices is not None:
        kwargs["choices"] = flag.choices
    if flag.action is not None:
        kwargs["action"] = flag.action
    if flag.nargs is not None:
        kwargs["nargs"] = flag.nargs
    if flag.required:
        kwargs["required"] = True
    if flag.action == "append":
        kwargs["default"] = []  # a new list per parser: argparse appends to a copy
    elif flag.default is not None:
        kwargs["default"] = flag.default
    add_argument(*flag.names, **kwargs)


def _add_flags(
    parser: argparse.ArgumentParser, flags: Sequence[str], lang: Lang, *, positionals: str
) -> None:
    """The command's positional arguments, then its options, each in a titled group."""
    declared = [FLAGS[name] for name in flags]
    arguments = [flag for flag in declared if flag.positional]
    if arguments:
        group = parser.add_argument_group(positionals)
        for flag in arguments:
            _add(group.add_argument, flag, lang)
    options = parser.add_argument_group(pick(lang, "valitsimet", "options"))
    for flag in declared:
        if not flag.positional:
            _add(options.add_argument, flag, lang)


def build_parser(lang: Lang = "fi") -> argparse.ArgumentParser:
    """The parser of ``opiskeluhuolto`` and its subcommands, in ``lang``.

    Build it, and parse and print its help, inside :func:`argparse_language`
    (``lang``): argparse translates some of its strings when the parser is
    made and the others when it prints.
    """
    parser = argparse.ArgumentParser(
        prog="opiskeluhuolto",
        add_help=False,
        formatter_class=_Formatter,
        description=pick(
            lang,
            "Sedun opiskeluhuollon vuosikellot: näytä, tarkista ja vie kalenterit.",
            "Sedu's student-welfare annual calendars: show, check and export them.",
        ),
        epilog=pick(
            lang,
            "Ilman --data-valitsinta käytetään sisäänrakennettua Sedun aineistoa.\n"
            "Esimerkki: opiskeluhuolto export ical -o vuosikello.ics",
            "Without --data the embedded Sedu data is used.\n"
            "Example: opiskeluhuolto export ical -o vuosikello.ics",
        ),
    )
    # The commands' group first, then the options (a group's place is its creation's).
    commands = parser.add_subparsers(
        title=pick(lang, "komennot", "commands"),
        dest="command",
        metavar=pick(lang, "KOMENTO", "COMMAND"),
    )
    _add_flags(parser, _COMMON, lang, positionals="")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=pick(lang, *command.help),
            description=pick(lang, *command.help),
            add_help=False,
            formatter_class=_Formatter,
        )
        _add_flags(sub, command.flags, lang, positionals=pick(lang, "argumentit", "arguments"))
    return parser


def pre_scan_lang(argv: Sequence[str]) -> Lang:
    """The language asked for (``--lang``, then ``OPISKELUHUOLTO_LANG``), before parsing."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("fi", "en"):
            return "en" if argv[index + 1] == "en" else "fi"
        if arg in ("--lang=en", "--lang=fi"):
            return "en" if arg.endswith("en") else "fi"
    env = os.environ.get("OPISKELUHUOLTO_LANG", "fi")
    return "en" if env == "en" else "fi"
