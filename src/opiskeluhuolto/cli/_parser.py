"""The argument parser, built from one table of flags.

Every flag is declared once in :data:`FLAGS`, with its Finnish, English and
Swedish help; every command in :data:`COMMANDS` lists the flags it takes, in the
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
from opiskeluhuolto.fmt import language, pick

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

_Text = tuple[str, str, str]
"""Finnish, English and Swedish."""


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


_DATE = ("PVM", "DATE", "DATUM")
_FILE = ("TIEDOSTO", "FILE", "FIL")
_PATH = ("POLKU", "PATH", "SÖKVÄG")

FLAGS: dict[str, Flag] = {
    "help": Flag(
        ("-h", "--help"),
        (
            "näytä tämä ohje ja lopeta",
            "show this help and exit",
            "visa den här hjälpen och avsluta",
        ),
        action="help",
        default=argparse.SUPPRESS,
    ),
    "lang": Flag(
        ("--lang",),
        (
            "tulosteen kieli (oletus fi)",
            "output language (default fi)",
            "utskriftens språk (standard fi)",
        ),
        choices=("fi", "en", "sv"),
        default=argparse.SUPPRESS,
    ),
    "today": Flag(
        ("--today",),
        (
            "käytä tätä päivää tämän päivän sijaan (suunnitteluun ja testeihin)",
            "use this date as today (for planning and tests)",
            "använd det här datumet som dagens datum (för planering och tester)",
        ),
        metavar=_DATE,
        default=argparse.SUPPRESS,
    ),
    "data": Flag(
        ("--data",),
        (
            "TOML-tiedosto (oletus: sisäänrakennettu Sedun aineisto)",
            "TOML data file (default: the embedded Sedu data)",
            "TOML-datafil (standard: Sedus inbyggda data)",
        ),
        metavar=_FILE,
    ),
    "school-year": Flag(
        ("--school-year",),
        (
            "lukuvuosi, esim. 2026 tai 2026–2027 (oletus: kuluva lukuvuosi)",
            "school year, e.g. 2026 or 2026-2027 (default: the current one)",
            "läsår, t.ex. 2026 eller 2026–2027 (standard: innevarande läsår)",
        ),
        metavar=("LUKUVUOSI", "YEAR", "LÄSÅR"),
    ),
    "from": Flag(
        ("--from",),
        (
            "alkupäivä (19.10.2026 tai 2026-10-19)",
            "first day (2026-10-19)",
            "första dag (19.10.2026 eller 2026-10-19)",
        ),
        metavar=_DATE,
        dest="date_from",
    ),
    "to": Flag(
        ("--to",),
        ("loppupäivä (mukaan lukien)", "last day (inclusive)", "sista dag (inklusive)"),
        metavar=_DATE,
        dest="date_to",
    ),
    "group": Flag(
        ("--group",),
        (
            "vain tämän ryhmän kalenteri",
            "only this group's calendar",
            "endast den här gruppens kalender",
        ),
        metavar=("ID", "ID", "ID"),
    ),
    "sync-target": Flag(
        ("sync_target",),
        ("minne synkronoidaan: caldav", "where to sync: caldav", "vart det synkroniseras: caldav"),
        metavar=("KOHDE", "TARGET", "MÅL"),
        choices=("caldav",),
    ),
    "url": Flag(
        ("url",),
        (
            "CalDAV-kalenterikodin tai käyttäjän osoite, esim. https://palvelin/dav/kayttaja/; "
            "ryhmän kalenteri on URL/RYHMÄ/",
            "the URL of a CalDAV calendar home or user, e.g. https://server/dav/user/; "
            "a group's calendar is URL/GROUP/",
            "adressen till ett CalDAV-kalenderhem eller en användare, t.ex. "
            "https://server/dav/anvandare/; en grupps kalender är URL/GRUPP/",
        ),
        metavar=("URL", "URL", "URL"),
    ),
    "user": Flag(
        ("--user",),
        (
            "käyttäjätunnus (anna myös --password-file)",
            "user name (give --password-file too)",
            "användarnamn (ge också --password-file)",
        ),
        metavar=("TUNNUS", "USER", "ANVÄNDARE"),
    ),
    "password-file": Flag(
        ("--password-file",),
        (
            "tiedosto, jonka ensimmäinen rivi on salasana (salasanaa ei koskaan anneta "
            "komentorivillä)",
            "a file whose first line is the password (never give it on the command line)",
            "en fil vars första rad är lösenordet (lösenordet ges aldrig på kommandoraden)",
        ),
        metavar=_FILE,
    ),
    "dry-run": Flag(
        ("--dry-run",),
        (
            "kerro, mitä tehtäisiin, mutta älä muuta palvelimella mitään",
            "report what would be done, change nothing on the server",
            "berätta vad som skulle göras, men ändra ingenting på servern",
        ),
        action="store_true",
    ),
    "host": Flag(
        ("--host",),
        (
            "osoite, jota palvelin kuuntelee (oletus 127.0.0.1; 0.0.0.0 kaikki)",
            "the address to listen on (default 127.0.0.1; 0.0.0.0 for all)",
            "adressen servern lyssnar på (standard 127.0.0.1; 0.0.0.0 alla)",
        ),
        metavar=("OSOITE", "HOST", "ADRESS"),
        default="127.0.0.1",
    ),
    "port": Flag(
        ("--port",),
        ("portti (oletus 8080)", "the port (default 8080)", "porten (standard 8080)"),
        metavar=("PORTTI", "PORT", "PORT"),
        default="8080",
    ),
    "base-url": Flag(
        ("--base-url",),
        (
            "osoite, josta palvelin näkyy käyttäjille, esim. https://example.org/vuosikello/ "
            "(webcal-linkit ja QR-koodit)",
            "the address users reach the server at, e.g. https://example.org/vuosikello/ "
            "(webcal links and QR codes)",
            "adressen där användarna når servern, t.ex. https://example.org/vuosikello/ "
            "(webcal-länkar och QR-koder)",
        ),
        metavar=("URL", "URL", "URL"),
    ),
    "state": Flag(
        ("--state",),
        (
            "sivuston tilatiedosto, josta syötteiden SEQUENCE ja LAST-MODIFIED luetaan",
            "a site's state file to stamp the feeds' SEQUENCE and LAST-MODIFIED from",
            "webbplatsens tillståndsfil som flödenas SEQUENCE och LAST-MODIFIED läses från",
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
            "exportörens namn, t.ex. ical, csv, wilma, agenda, wheel (alla: opiskeluhuolto "
            "exporters)",
        ),
        metavar=("MUOTO", "FORMAT", "FORMAT"),
    ),
    "option": Flag(
        ("--option",),
        (
            "viejän asetus (toistettava)",
            "exporter option (repeatable)",
            "exportörens inställning (kan upprepas)",
        ),
        metavar=("AVAIN=ARVO", "KEY=VALUE", "NYCKEL=VÄRDE"),
        action="append",
    ),
    "output": Flag(
        ("-o", "--output"),
        (
            "kohdetiedosto tai -kansio; - = vakiotuloste",
            "output file or folder; - for standard output",
            "målfil eller -mapp; - = standardutmatning",
        ),
        metavar=_PATH,
    ),
    "meeting-group": Flag(
        ("--group",),
        (
            "ryhmä, jonka kokous on (pakollinen)",
            "the group that meets (required)",
            "gruppen som har mötet (obligatorisk)",
        ),
        metavar=("ID", "ID", "ID"),
    ),
    "date": Flag(
        ("--date",),
        (
            "kokouspäivä (oletus: ryhmän seuraava kokous)",
            "meeting date (default: the group's next meeting)",
            "mötesdatum (standard: gruppens nästa möte)",
        ),
        metavar=_DATE,
    ),
    "weeks": Flag(
        ("--weeks",),
        (
            "montako viikkoa eteenpäin vuosikellosta otetaan (oletus 6)",
            "how many weeks ahead to take from the calendar (default 6)",
            "hur många veckor framåt som tas ur årsklockan (standard 6)",
        ),
        metavar=("N", "N", "N"),
        default="6",
    ),
    "data-action": Flag(
        ("data_action",),
        (
            "list: luettele sisäänrakennetut aineistot; show: tulosta aineisto sellaisenaan",
            "list: list the embedded data sets; show: print one as it is",
            "list: lista de inbyggda datamängderna; show: skriv ut en av dem som den är",
        ),
        metavar=("TOIMINTO", "ACTION", "ÅTGÄRD"),
        choices=("list", "show"),
    ),
    "data-name": Flag(
        ("data_name",),
        (
            "aineiston nimi (show), esim. sedu",
            "the data set's name (show), e.g. sedu",
            "datamängdens namn (show), t.ex. sedu",
        ),
        metavar=("NIMI", "NAME", "NAMN"),
        nargs="?",
    ),
    "extends": Flag(
        ("--extends",),
        (
            "aineisto, jonka päälle tiedosto rakentuu: sisäänrakennettu (oletus sedu) tai tiedosto",
            "the data the file builds on: an embedded data set (default sedu) or a file",
            "de data som filen bygger på: en inbyggd datamängd (standard sedu) eller en fil",
        ),
        metavar=("AINEISTO", "DATA", "DATA"),
        default="sedu",
    ),
    "parent": Flag(
        ("--parent",),
        (
            "uuden ryhmän yläryhmä pohjassa, esim. sedu-ohr",
            "the new group's parent in the base",
            "den nya gruppens övergrupp i grunden, t.ex. sedu-ohr",
        ),
        metavar=("ID", "ID", "ID"),
        required=True,
    ),
    "new-id": Flag(
        ("--id",),
        (
            "uuden ryhmän tunnus, esim. ohr-kauhava",
            "the new group's id, e.g. ohr-kauhava",
            "den nya gruppens id, t.ex. ohr-kauhava",
        ),
        metavar=("ID", "ID", "ID"),
        required=True,
    ),
    "new-name": Flag(
        ("--name",),
        ("uuden ryhmän nimi", "the new group's name", "den nya gruppens namn"),
        metavar=("NIMI", "NAME", "NAMN"),
        required=True,
    ),
    "init-output": Flag(
        ("-o", "--output"),
        (
            "kirjoitettava tiedosto (ei korvaa olemassa olevaa; oletus: vakiotuloste)",
            "the file to write (never replaces one; default: standard output)",
            "filen som skrivs (ersätter aldrig en befintlig; standard: standardutmatning)",
        ),
        metavar=_FILE,
    ),
    "records": Flag(
        ("--records",),
        (
            "seurantatiedosto (TIEDOSTO, tai VARASTO:SIJAINTI laajennuksen varastoon)",
            "records file (FILE, or STORE:LOCATION for a plugin's store)",
            "uppföljningsfil (FIL, eller LAGER:PLATS för ett tilläggs lager)",
        ),
        metavar=_FILE,
    ),
    "record-id": Flag(
        ("occurrence",),
        (
            "esiintymän tunniste, esim. sedu.huoltajakysely.2026 (export csv: sarake id)",
            "the occurrence's id, e.g. sedu.huoltajakysely.2026 (export csv: column id)",
            "förekomstens id, t.ex. sedu.huoltajakysely.2026 (export csv: kolumnen id)",
        ),
        metavar=("TUNNISTE", "ID", "ID"),
    ),
    "record-status": Flag(
        ("status",),
        (
            "done = tehty, moved = siirretty, cancelled = peruttu",
            "done, moved or cancelled",
            "done = gjort, moved = flyttat, cancelled = inställt",
        ),
        metavar=("TILA", "STATUS", "STATUS"),
        choices=("done", "moved", "cancelled"),
    ),
    "record-date": Flag(
        ("--date",),
        (
            "tekemispäivä (done; oletus: tänään)",
            "the day it was done (done; default: today)",
            "dagen det gjordes (done; standard: i dag)",
        ),
        metavar=_DATE,
        dest="record_date",
    ),
    "moved-to": Flag(
        ("--to",),
        (
            "siirron päivä tai päivät: 10.11.2026 tai 10.11.2026–12.11.2026",
            "the day or days it moved to: 2026-11-10 or 2026-11-10–2026-11-12",
            "dagen eller dagarna det flyttades till: 10.11.2026 eller 10.11.2026–12.11.2026",
        ),
        metavar=("PVM[–PVM]", "DATE[–DATE]", "DATUM[–DATUM]"),
        dest="moved_to",
    ),
    "note": Flag(
        ("--note",),
        (
            "muistiinpano; perutun syy",
            "a note; a cancelled one's reason",
            "en anteckning; varför det ställdes in",
        ),
        metavar=("TEKSTI", "TEXT", "TEXT"),
    ),
    "link": Flag(
        ("--link",),
        ("linkki muistioon", "a link to the memo", "en länk till minnesanteckningarna"),
        metavar=("URL", "URL", "URL"),
    ),
    "record-group": Flag(
        ("--group",),
        (
            "ryhmä, jonka kirjaus tämä on (oletus: kaikkien)",
            "the group whose record this is (default: everyone's)",
            "gruppen vars anteckning detta är (standard: allas)",
        ),
        metavar=("ID", "ID", "ID"),
    ),
    "report-output": Flag(
        ("-o", "--output"),
        (
            "kansio, johon arviointi kirjoitetaan (Markdown, CSV, HTML)",
            "the folder to write the evaluation to (Markdown, CSV, HTML)",
            "mappen som utvärderingen skrivs till (Markdown, CSV, HTML)",
        ),
        metavar=("KANSIO", "FOLDER", "MAPP"),
        required=True,
    ),
    "agenda-output": Flag(
        ("-o", "--output"),
        (
            "kohdetiedosto (oletus: vakiotuloste)",
            "output file (default: standard output)",
            "målfil (standard: standardutmatning)",
        ),
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
        (
            "näytä lukuvuoden kalenteri kuukausittain",
            "show the school year month by month",
            "visa läsårets kalender månad för månad",
        ),
        (*_COMMON, "data", *_RANGE, "group", "records"),
        "show",
    ),
    Command(
        "check",
        (
            "tarkista aineistotiedosto",
            "check a data file and report every problem",
            "kontrollera en datafil och rapportera varje problem",
        ),
        (*_COMMON, "file"),
        "check",
    ),
    Command(
        "export",
        (
            "vie kalenteri muotoon (ical, csv, wilma, …)",
            "export the calendar to a format (ical, csv, wilma, …)",
            "exportera kalendern till ett format (ical, csv, wilma, …)",
        ),
        (*_COMMON, "format", "data", *_RANGE, "group", "records", "option", "output"),
        "export",
    ),
    Command(
        "exporters",
        (
            "luettele saatavilla olevat viejät",
            "list the available exporters",
            "lista de tillgängliga exportörerna",
        ),
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
            "håll CalDAV-kalendrar uppdaterade: en kalender per grupp, som standard detta och "
            "nästa läsår",
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
            "skriv föredragningslistan för en grupps möte (Markdown)",
        ),
        (*_COMMON, "meeting-group", "date", "data", "records", "weeks", "agenda-output"),
        "agenda",
    ),
    Command(
        "record",
        (
            "kirjaa, mitä kohdalle tapahtui: tehty, siirretty tai peruttu",
            "record what became of an occurrence: done, moved or cancelled",
            "anteckna vad som hände med en förekomst: gjort, flyttat eller inställt",
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
            "läsårets utvärdering per grupp: gjort, flyttat, inställt, inte antecknat",
        ),
        (*_COMMON, "data", "school-year", "group", "records", "report-output"),
        "report",
    ),
    Command(
        "serve",
        (
            "syötepalvelin: sivuston polut ja kalenterisyötteet HTTP:llä (waitress)",
            "the feed server: the site's paths and feeds over HTTP (waitress)",
            "flödesservern: webbplatsens sökvägar och kalenderflöden över HTTP (waitress)",
        ),
        (*_COMMON, "data", "host", "port", "base-url", "state", "records"),
        "serve",
    ),
    Command(
        "data",
        (
            "sisäänrakennetut aineistot: data list, data show NIMI",
            "the embedded data sets: data list, data show NAME",
            "de inbyggda datamängderna: data list, data show NAMN",
        ),
        (*_COMMON, "data-action", "data-name"),
        "data",
    ),
    Command(
        "init",
        (
            "kirjoita uuden kampuksen tai yksikön aloitustiedosto (extends)",
            "write a starter file for a new campus or unit (extends)",
            "skriv en startfil för ett nytt campus eller en ny enhet (extends)",
        ),
        (*_COMMON, "extends", "parent", "new-id", "new-name", "init-output"),
        "init",
    ),
)


# ---------------------------------------------------------------------------
# argparse in Finnish and Swedish: its own strings through gettext
# ---------------------------------------------------------------------------

DOMAIN = "opiskeluhuolto"
LOCALE = Path(__file__).resolve().parent / "locale"
"""``locale/{fi,sv}/LC_MESSAGES/opiskeluhuolto.mo``: argparse's strings in Finnish and Swedish
(see ``_catalog``)."""


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
    options = parser.add_argument_group(pick(lang, "valitsimet", "options", "alternativ"))
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
            "Sedus årsklockor för studerandevården: visa, kontrollera och exportera dem.",
        ),
        epilog=pick(
            lang,
            "Ilman --data-valitsinta käytetään sisäänrakennettua Sedun aineistoa.\n"
            "Esimerkki: opiskeluhuolto export ical -o vuosikello.ics",
            "Without --data the embedded Sedu data is used.\n"
            "Example: opiskeluhuolto export ical -o vuosikello.ics",
            "Utan --data används Sedus inbyggda data.\n"
            "Exempel: opiskeluhuolto export ical -o vuosikello.ics",
        ),
    )
    # The commands' group first, then the options (a group's place is its creation's).
    commands = parser.add_subparsers(
        title=pick(lang, "komennot", "commands", "kommandon"),
        dest="command",
        metavar=pick(lang, "KOMENTO", "COMMAND", "KOMMANDO"),
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
        _add_flags(
            sub, command.flags, lang, positionals=pick(lang, "argumentit", "arguments", "argument")
        )
    return parser


def pre_scan_lang(argv: Sequence[str]) -> Lang:
    """The language asked for (``--lang``, then ``OPISKELUHUOLTO_LANG``), before parsing."""
    choices = FLAGS["lang"].choices or ()
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in choices:
            return language(argv[index + 1])
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in choices:
            return language(arg.removeprefix("--lang="))
    return language(os.environ.get("OPISKELUHUOLTO_LANG", "fi"))
