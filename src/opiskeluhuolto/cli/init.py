"""``opiskeluhuolto init``: a starter file for a new campus or unit that builds on a data set.

The file extends the base (an embedded data set or a file), adds one group
under ``--parent`` with a calendar of its own, hears the highlights the
parent's neighbours send to the parent's other children, and shows as
comments how to add an item and how to change an inherited one – with ids of
items the new group really inherits.  It passes ``check`` as written.  An
existing file is never replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import tomllib
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError
from opiskeluhuolto.fmt import Lang, pick

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import Organisation

__all__ = ["run", "starter_text"]


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _kind_and_heard(organisation: Organisation, parent: str) -> tuple[str, list[str]]:
    """The new group's kind (its siblings' most common one) and whose highlights it hears.

    It hears the groups that send their highlights to every sibling of that
    kind (the parent itself, the student union), not those that speak to one
    sibling only (a campus forum to its own campus).
    """
    siblings = [g for g in organisation.groups if g.parent == parent]
    if not siblings:
        return "unit", []
    kinds = Counter(g.kind.value for g in siblings)
    kind = kinds.most_common(1)[0][0]
    peers = {g.id for g in siblings if g.kind.value == kind}
    heard = [g.id for g in organisation.groups if peers <= set(g.highlights_to)]
    return kind, heard


def starter_text(
    organisation: Organisation,
    extends: str,
    parent: str,
    group_id: str,
    name: str,
    file_name: str = "TIEDOSTO",
) -> str:
    """The starter file (Finnish comments), for ``organisation`` = the loaded base."""
    inherited = organisation.resolve(parent)
    # The example override changes the weeks of a yearly item with results
    # (Sedu's guardian survey), not of a biennial national survey.
    dated = [r.item for r in inherited if not r.item.is_undated]
    yearly = [i for i in dated if i.rule.years.interval == 1]
    with_results = [i for i in yearly if i.follow_up is not None]
    example = next(iter(with_results or yearly or dated), None)
    kind, heard = _kind_and_heard(organisation, parent)
    calendar_id = f"{group_id}-vuosikello"[:64]
    lines = [
        f"# {name}:",
        f"# oma aineisto, joka rakentuu aineiston {_toml(extends)} päälle.",
        "#",
        f"# Perityt ryhmät ja kalenterit: opiskeluhuolto data show {extends}",
        f"# Tarkista:  opiskeluhuolto check {file_name}",
        f"# Katso:     opiskeluhuolto show --data {file_name} --group {group_id}",
        "# Kentät ja ajoitukset: docs/data.md ja docs/phrases.md.",
        "",
        "schema = 1",
        f"extends = {_toml(extends)}",
        "",
        "[[groups]]",
        f"id = {_toml(group_id)}",
        f"name = {_toml(name)}",
        f"kind = {_toml(kind)}",
        f"parent = {_toml(parent)}",
    ]
    if heard:
        lines.append("# Kenen nostot ryhmän kokouksissa kuullaan (kuten rinnakkaisryhmissä):")
        lines.append(f"highlights_from = [{', '.join(_toml(h) for h in heard)}]")
    lines += [
        "# Kokoukset (esimerkki, poista #-merkki ja muuta):",
        '# meetings = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"',
        "",
        "[[calendars]]",
        f"id = {_toml(calendar_id)}",
        f"name = {_toml(f'{name}: vuosikello')}",
        f"owner = {_toml(group_id)}",
        "",
        "# Oma kohta (poista #-merkit ja muuta):",
        "# [[calendars.items]]",
        f'# id = "{group_id[:50]}-esimerkki"',
        '# title = "Kampuksen hyvinvointipäivä"',
        '# when = "viikon 37 tiistaina"',
        '# audience = ["opiskelijat", "henkilosto"]',
        '# kind = "event"',
        "",
    ]
    if example is not None:
        lines += [
            "# Perityn kohdan muutos vain tälle ryhmälle (ja sen alaryhmille):",
            "# [[calendars.overrides]]",
            f"# item = {_toml(example.id)}            # {example.title}",
            '# when = "viikoilla 45 ja 46"',
            "# Muutettavissa: when, results, title, audience, notes, kind, lead_days, message,",
            "# source; skip = true jättää kohdan pois.",
            "",
        ]
    return "\n".join(lines)


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import loading, output
    from opiskeluhuolto.schema import KeyPath, Walker, suggest

    problems: list[str] = []

    def report(_path: KeyPath, fi: str, en: str, sv: str) -> None:
        problems.append(pick(lang, fi, en, sv))

    walker = Walker(report)
    for flag, value in (("--id", args.id), ("--parent", args.parent)):
        if walker.ident(value, (flag,)) is None:
            raise CliError(f"{flag}: {problems[-1]}")
    if not args.name.strip():
        raise CliError(
            pick(
                lang,
                "--name: nimi ei voi olla tyhjä",
                "--name: the name is empty",
                "--name: namnet får inte vara tomt",
            )
        )
    if args.extends in loading.data_set_names():
        if "organisation" not in tomllib.loads(loading.data_set_text(args.extends)):
            builders = ", ".join(
                n
                for n in loading.data_set_names()
                if tomllib.loads(loading.data_set_text(n)).get("extends") == args.extends
            )
            raise CliError(
                pick(
                    lang,
                    f"--extends {args.extends}: aineistossa ei ole organisaatiota eikä ryhmiä, "
                    "joiden alle uusi ryhmä tulisi; kirjoita oma organisaatio ja ryhmät "
                    f"(docs/data.md) tai käytä pohjana aineistoa, joka rakentuu sen päälle "
                    f"({builders})",
                    f"--extends {args.extends}: the data set has no organisation and no groups "
                    "to put a new group under; write your own organisation and groups "
                    "(docs/data.md) or start from a data set that builds on it "
                    f"({builders})",
                    f"--extends {args.extends}: datamängden har ingen organisation och inga "
                    "grupper att lägga en ny grupp under; skriv en egen organisation och "
                    "egna grupper (docs/data.md) eller utgå från en datamängd som bygger på den "
                    f"({builders})",
                )
            )
        result = loading.validate_text(
            loading.data_set_text(args.extends), loading.data_set_file_name(args.extends)
        )
        extends = args.extends
    else:
        result = loading.validate_file(args.extends)
        extends = args.extends
        if args.output not in (None, "-"):
            folder = os.path.dirname(os.path.abspath(args.output))
            extends = os.path.relpath(os.path.abspath(args.extends), folder).replace(os.sep, "/")
    if result.organisation is None:
        for problem in result.problems:
            print(problem.format(lang), file=err)
        raise CliError(
            pick(
                lang,
                f"--extends {args.extends}: pohjassa on virheitä",
                f"--extends {args.extends}: the base has errors",
                f"--extends {args.extends}: grunden har fel",
            )
        )
    organisation = result.organisation
    known = [g.id for g in organisation.groups]
    if args.parent not in known:
        guess = suggest(args.parent, known)
        hint = (
            pick(
                lang,
                f" – tarkoititko '{guess}'?",
                f" – did you mean '{guess}'?",
                f" – menade du '{guess}'?",
            )
            if guess
            else ""
        )
        raise CliError(
            pick(
                lang,
                f"--parent: tuntematon ryhmä '{args.parent}'{hint}",
                f"--parent: unknown group '{args.parent}'{hint}",
                f"--parent: okänd grupp '{args.parent}'{hint}",
            )
        )
    if args.id in known:
        raise CliError(
            pick(
                lang,
                f"--id: ryhmä '{args.id}' on jo pohjassa; valitse toinen tunnus",
                f"--id: group '{args.id}' is in the base already; choose another id",
                f"--id: gruppen '{args.id}' finns redan i grunden; välj ett annat id",
            )
        )
    shown = os.path.basename(args.output) if args.output not in (None, "-") else "TIEDOSTO"
    text = starter_text(organisation, extends, args.parent, args.id, args.name, shown)
    if args.output in (None, "-"):
        out.write(text)
        return EXIT_OK
    if os.path.lexists(args.output):
        raise CliError(
            pick(
                lang,
                f"-o {args.output}: tiedosto on jo olemassa; init ei korvaa tiedostoa",
                f"-o {args.output}: the file exists; init never replaces a file",
                f"-o {args.output}: filen finns redan; init ersätter aldrig en fil",
            )
        )
    try:
        output.write_file_atomic(args.output, text.encode("utf-8"))
    except output.OutputError as exc:
        raise CliError(f"-o {args.output}: {exc.message(lang)}") from None
    print(
        pick(
            lang,
            f"Kirjoitettu {args.output}; tarkista: opiskeluhuolto check {args.output}",
            f"Wrote {args.output}; check it: opiskeluhuolto check {args.output}",
            f"Skrev {args.output}; kontrollera den: opiskeluhuolto check {args.output}",
        ),
        file=err,
    )
    return EXIT_OK
