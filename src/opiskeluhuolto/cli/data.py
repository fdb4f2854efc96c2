"""``opiskeluhuolto data list`` and ``opiskeluhuolto data show NAME``: the embedded data sets."""

from __future__ import annotations

import argparse
from typing import TextIO

from opiskeluhuolto.cli._common import EXIT_OK, CliError
from opiskeluhuolto.fmt import Lang, pick

__all__ = ["run"]


def _summary(name: str, lang: Lang) -> str:
    """``sedu: Seinäjoen koulutuskuntayhtymä Sedu (pohjana kansallinen) – 54 kohtaa``."""
    import tomllib

    from opiskeluhuolto import loading

    data = tomllib.loads(loading.data_set_text(name))
    organisation = data.get("organisation", {})
    title = organisation.get("name") if isinstance(organisation, dict) else None
    calendars = data.get("calendars", [])
    if not title and calendars:
        title = calendars[0].get("name")
    items = sum(len(c.get("items", [])) for c in calendars if isinstance(c, dict))
    base = data.get("extends")
    based = (
        pick(lang, f" (pohjana {base})", f" (extends {base})", f" (bygger på {base})")
        if base
        else ""
    )
    count = pick(
        lang,
        f"{items} kohta{'a' if items != 1 else ''}",
        f"{items} item{'s' * (items != 1)}",
        f"{items} punkt{'er' * (items != 1)}",
    )
    return f"{name}: {title}{based} – {count}"


def run(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from opiskeluhuolto import loading

    names = loading.data_set_names()
    if args.data_action == "list":
        if args.data_name is not None:
            raise CliError(
                pick(
                    lang,
                    "data list ei ota nimeä",
                    "data list takes no name",
                    "data list tar inget namn",
                )
            )
        for name in names:
            print(_summary(name, lang), file=out)
        return EXIT_OK
    if args.data_name is None:
        raise CliError(
            pick(
                lang,
                f"anna aineiston nimi: opiskeluhuolto data show NIMI ({', '.join(names)})",
                f"give a data set name: opiskeluhuolto data show NAME ({', '.join(names)})",
                f"ange datamängdens namn: opiskeluhuolto data show NAMN ({', '.join(names)})",
            ),
        )
    if args.data_name not in names:
        raise CliError(
            pick(
                lang,
                f"tuntematon aineisto '{args.data_name}' (sisäänrakennetut: {', '.join(names)})",
                f"unknown data set '{args.data_name}' (embedded: {', '.join(names)})",
                f"okänd datamängd '{args.data_name}' (inbyggda: {', '.join(names)})",
            ),
        )
    out.write(loading.data_set_text(args.data_name))
    return EXIT_OK
