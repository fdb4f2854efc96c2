"""argparse in Finnish and Swedish through gettext: the catalogs, their compiler, the process
left as it was."""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from opiskeluhuolto.cli import _catalog, _parser, main

PO = _catalog.LOCALE / "fi" / "LC_MESSAGES" / "opiskeluhuolto.po"
MO = PO.with_suffix(".mo")
CATALOGS = [_catalog.LOCALE / lang / "LC_MESSAGES" / "opiskeluhuolto.po" for lang in ("fi", "sv")]
"""Every catalog: argparse's strings in Finnish and in Swedish."""
CLI = Path(_parser.__file__).parent

# argparse's strings that only a mistake in building a parser shows: left in English.
PROGRAMMER_ERRORS = {
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "conflicting option string: %s",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def argparse_messages() -> set[str]:
    """Every string this Python's argparse passes to ``_()`` or ``ngettext()``."""
    tree = ast.parse(Path(argparse.__file__).read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            found.update(
                arg.value
                for arg in node.args[:1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    found.add("subcommands")  # _(kwargs.pop('title', 'subcommands'))
    return found


# -- the catalog -------------------------------------------------------------


def test_there_is_a_catalog_for_every_language_but_english() -> None:
    assert sorted(p.relative_to(_catalog.LOCALE) for p in _catalog.LOCALE.glob("*/*/*.po")) == [
        p.relative_to(_catalog.LOCALE) for p in CATALOGS
    ]
    assert [p.parts[-3] for p in CATALOGS] == [
        lang for lang in _parser.FLAGS["lang"].choices or () if lang != "en"
    ]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_the_committed_mo_is_what_the_po_compiles_to(po: Path) -> None:
    entries = _catalog.parse_po(po.read_text("utf-8"), str(po))
    MO = po.with_suffix(".mo")
    assert MO.read_bytes() == _catalog.compile_mo(entries), (
        "run: python -m opiskeluhuolto.cli._catalog"
    )
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert compiled.info()["content-type"] == "text/plain; charset=UTF-8"
    for entry in entries[1:]:
        if entry.msgid_plural is None:
            assert compiled.gettext(entry.msgid) == entry.msgstr[0]
        else:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr[0]
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr[1]
    assert entries[0].msgid == ""  # the header


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_the_catalog_translates_argparse_s_user_facing_strings(po: Path) -> None:
    entries = {e.msgid for e in _catalog.parse_po(po.read_text("utf-8")) if any(e.msgstr)}
    missing = argparse_messages() - PROGRAMMER_ERRORS - entries
    assert not missing, f"argparse strings without a translation in {po}: {sorted(missing)}"
    assert not entries - argparse_messages() - {""}, "translations argparse never asks for"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_format_strings_keep_their_placeholders(po: Path) -> None:
    placeholder = re.compile(r"%(?:\(\w+\))?[rsd]")
    for entry in _catalog.parse_po(po.read_text("utf-8"))[1:]:
        for msgstr in entry.msgstr:
            assert sorted(placeholder.findall(msgstr)) == sorted(
                placeholder.findall(entry.msgid)
            ), entry.msgid
            assert msgstr.endswith("\n") == entry.msgid.endswith("\n"), entry.msgid


def test_the_compiler_names_the_line_it_cannot_read() -> None:
    with pytest.raises(_catalog.CatalogError, match=r"x.po:2: unknown keyword 'msgctxt'"):
        _catalog.parse_po('msgid ""\nmsgctxt "a"\n', "x.po")
    with pytest.raises(_catalog.CatalogError, match=r"x.po:1: unknown escape \\x"):
        _catalog.parse_po('msgid "\\x"\nmsgstr ""\n', "x.po")
    with pytest.raises(_catalog.CatalogError, match="twice"):
        _catalog.parse_po('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po")


def test_the_compiler_reads_continued_strings_and_plurals(tmp_path: Path) -> None:
    entries = _catalog.parse_po(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '# a comment\nmsgid "one \\"%s\\""\n"\\tmore"\nmsgstr "yksi "\n"lisää"\n\n'
        'msgid "%s file"\nmsgid_plural "%s files"\nmsgstr[0] "%s tiedosto"\n'
        'msgstr[1] "%s tiedostoa"\n\nmsgid "untranslated"\nmsgstr ""\n'
    )
    path = tmp_path / "t.mo"
    path.write_bytes(_catalog.compile_mo(entries))
    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext('one "%s"\tmore') == "yksi lisää"
    assert compiled.ngettext("%s file", "%s files", 1) == "%s tiedosto"
    assert compiled.ngettext("%s file", "%s files", 5) == "%s tiedostoa"
    assert compiled.gettext("untranslated") == "untranslated"


def test_no_translating_back_from_english_and_no_private_titles() -> None:
    for path in CLI.glob("*.py"):
        text = path.read_text("utf-8")
        for banned in ("_positionals", "_optionals", "_ARGPARSE_FI", "def _translate"):
            assert banned not in text, f"{path.name}: {banned}"


# -- the command line in Finnish and English -----------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("check",), "opiskeluhuolto check: virhe: seuraavat argumentit puuttuvat: TIEDOSTO"),
        (("show", "--bogus"), "opiskeluhuolto: virhe: tuntemattomat argumentit: --bogus"),
        (
            ("show", "--data"),
            "opiskeluhuolto show: virhe: argumentti --data: odotettiin yhtä arvoa",
        ),
        (
            ("export", "csv", "--o", "x"),
            "opiskeluhuolto export: virhe: monitulkintainen valitsin: --o voi tarkoittaa "
            "valitsimia --option, --output",
        ),
        (
            ("--lang", "xx"),
            "opiskeluhuolto: virhe: argumentti --lang: virheellinen valinta: 'xx' "
            "(valitse joukosta 'fi', 'en', 'sv')",
        ),
    ],
)
def test_argparse_errors_in_finnish(argv: tuple[str, ...], message: str) -> None:
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert err.startswith("käyttö: opiskeluhuolto")
    assert err.splitlines()[-1] == message


def test_argparse_errors_in_english() -> None:
    status, _out, err = run("check", "--lang", "en")
    assert status == 2
    assert err.startswith("usage: opiskeluhuolto check")
    assert err.splitlines()[-1] == (
        "opiskeluhuolto check: error: the following arguments are required: FILE"
    )


def test_argparse_errors_in_swedish() -> None:
    status, _out, err = run("--lang", "sv", "check")
    assert status == 2
    assert err.startswith("användning: opiskeluhuolto check [-h] [--lang {fi,en,sv}]")
    assert err.splitlines()[-1] == "opiskeluhuolto check: fel: följande argument saknas: FIL"
    status, _out, err = run("--lang", "sv", "show", "--data")
    assert err.splitlines()[-1] == (
        "opiskeluhuolto show: fel: argumentet --data: ett värde väntades"
    )
    status, _out, err = run("--lang", "sv", "frobnicate")
    assert "fel: argumentet KOMMANDO: ogiltigt val: 'frobnicate' (välj bland " in err


def _help_blocks(out: str) -> tuple[str, list[str]]:
    """The usage line and the section titles (``alternativ:``) of a help text."""
    titles = [line for line in out.splitlines() if line and not line[0].isspace()]
    return out.splitlines()[0], [line for line in titles if line.endswith(":")]


@pytest.mark.parametrize("command", [(), *[(c.name,) for c in _parser.COMMANDS]])
def test_every_command_s_help_is_swedish(command: tuple[str, ...]) -> None:
    """``--lang sv COMMAND --help``: argparse's strings from the Swedish catalog, every
    flag's help, metavar and the command's description from the tables' Swedish."""
    status, out, err = run("--lang", "sv", *command, "--help")
    assert (status, err) == (0, "")
    usage, titles = _help_blocks(out)
    assert usage.startswith(f"användning: opiskeluhuolto {' '.join(command)}".rstrip())
    assert "alternativ:" in titles
    assert not {"valitsimet:", "options:", "usage:", "käyttö:", "argumentit:"} & set(titles)
    if command:
        spec = next(c for c in _parser.COMMANDS if c.name == command[0])
        flat = "".join(out.split())  # argparse wraps lines at spaces and hyphens
        assert "".join(spec.help[2].split()) in flat
        for name in spec.flags:
            flag = _parser.FLAGS[name]
            if flag.help is not None:
                assert "".join(flag.help[2].split()) in flat, name
            if flag.metavar is not None and flag.metavar[2] != flag.metavar[0]:
                assert flag.metavar[2] in out, name
                assert flag.metavar[0] not in out.split(), name
        if any(_parser.FLAGS[name].positional for name in spec.flags):
            assert "argument:" in titles
    else:
        assert "kommandon:" in titles


def test_finnish_usage_lines_up_under_its_own_prefix() -> None:
    _status, out, _err = run("show", "--help")
    first, second = out.splitlines()[:2]
    assert first.startswith("käyttö: opiskeluhuolto show [-h]")
    assert second.index("[") == len("käyttö: opiskeluhuolto show ")


@pytest.fixture
def host_gettext(tmp_path: Path) -> Iterator[Path]:
    """A host program with its own text domain and language, put back afterwards."""
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.textdomain("host-program")
    gettext.bindtextdomain("host-program", str(tmp_path))
    try:
        yield tmp_path
    finally:
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


def state() -> tuple[str, str | None, str | None, str | None]:
    return (
        gettext.textdomain(),
        gettext.bindtextdomain("host-program"),
        gettext.bindtextdomain(_parser.DOMAIN),
        os.environ.get("LANGUAGE"),
    )


@pytest.mark.parametrize("language", [None, "sv:en", "fi"])
@pytest.mark.parametrize(
    "argv", [("--help",), ("check",), ("--lang", "en", "frobnicate"), ("check", "x.toml")]
)
def test_main_leaves_the_gettext_state_as_it_was(
    host_gettext: Path, language: str | None, argv: tuple[str, ...]
) -> None:
    if language is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = language
    before = state()
    run(*argv)
    assert state() == before


def test_the_host_s_language_never_leaks_in(host_gettext: Path) -> None:
    os.environ["LANGUAGE"] = "fi"
    _status, out, _err = run("--lang", "en", "--help")
    assert out.startswith("usage: opiskeluhuolto")
    os.environ["LANGUAGE"] = "en"
    _status, out, _err = run("--help")
    assert out.startswith("käyttö: opiskeluhuolto")
    assert gettext.gettext("usage: ") == "usage: "  # the host's (empty) domain again
