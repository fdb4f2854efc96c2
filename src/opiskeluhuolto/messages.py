"""Placeholders of per-item message templates (``[calendars.items.message]``).

A data file may give an item its own Wilma message templates::

    [calendars.items.message]
    subject = "{title} {when}"
    body = "Kysely on avoinna {period}. Tulokset valmistuvat {results}."

Placeholders are written ``{name}``; a literal brace is doubled (``{{``,
``}}``).  :data:`TEMPLATE_PLACEHOLDERS` lists the names a message exporter
fills in, and :func:`template_problems` is what the loader calls to report an
unknown placeholder (or a malformed one) with the file and line at load time.

Pure: no I/O, standard library only.
"""

from __future__ import annotations

import difflib
import string

from opiskeluhuolto.fmt import pick

__all__ = ["TEMPLATE_PLACEHOLDERS", "template_problems"]

TEMPLATE_PLACEHOLDERS: tuple[str, ...] = (
    "title",  # the item's title
    "when",  # the window as a phrase: "viikoilla 43–44", "syyskuussa", "6.12."
    "dates",  # the occurrence's dates: "19.10.–1.11.2026", "perjantaina 11.2.2028"
    "weeks",  # its ISO weeks: "viikoilla 43–44", "viikolla 40"
    "period",  # the full phrase: "viikoilla 43–44 (19.10.–1.11.2026)", "syyskuussa 2026"
    "start",  # the first day: "maanantaina 19.10.2026"
    "end",  # the last day: "sunnuntaina 1.11.2026"
    "year",  # the year the occurrence starts in: "2026"
    "results",  # when results are expected: "aikaisintaan tammikuussa 2027" ("" without)
    "organisation",  # the organisation's name
    "place",  # the campus (from --group or the calendar owner) or the organisation
    "recipients",  # "Huoltajat – alaikäisten opiskelijoiden huoltajat, …"
    "contact",  # whom to ask: "opiskelijan oma vastuuohjaaja", "oma vastuuohjaajasi"
    "link",  # a place for a link to fill in: "[täydennä: kyselyn linkki]"
    "notes",  # the item's notes ("" without)
)
"""The placeholders a message template may use, in documentation order."""

_FORMATTER = string.Formatter()


def template_problems(text: str, lang: str = "fi") -> list[str]:
    """Every problem of a message template, as messages in ``lang`` ("fi", "en" or "sv").

    An empty list means the template is good.

    >>> template_problems("{title} {period}")
    []
    >>> template_problems("Tulokset {tulokset}")
    ["tuntematon paikkamerkki '{tulokset}'; sallitut: {title}, {when}, {dates}, {weeks}, \
{period}, {start}, {end}, {year}, {results}, {organisation}, {place}, {recipients}, \
{contact}, {link}, {notes}"]
    >>> template_problems("{titel}", "en")
    ["unknown placeholder '{titel}' – did you mean '{title}'?"]
    >>> template_problems("{titel}", "sv")
    ["okänd platshållare '{titel}' – menade du '{title}'?"]
    >>> template_problems("{title!r} {dates:>20}", "en")
    ["placeholder '{title!r}' takes no conversion or format", \
"placeholder '{dates:>20}' takes no conversion or format"]
    >>> template_problems("{} {0}", "en")[0]
    "empty or numbered placeholder '{}'; write a name such as {title}"
    >>> template_problems("aaltosulku } yksin")
    ["virheellinen paikkamerkki: '}' ilman avaavaa '{'; kirjoita aaltosulku kahdesti: '{{', '}}'"]
    >>> template_problems("{title", "en")
    ["malformed placeholder: '{' without a closing '}'; write '{{' or '}}' for a brace"]
    >>> template_problems("{{title}} on kirjaimellinen")
    []
    """
    problems: list[str] = []
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        reason = str(exc)
        if "Single '}'" in reason:
            fi, en, sv = (
                "'}' ilman avaavaa '{'",
                "'}' without an opening '{'",
                "'}' utan inledande '{'",
            )
        elif "Single '{'" in reason or "expected '}'" in reason:
            fi, en, sv = (
                "'{' ilman sulkevaa '}'",
                "'{' without a closing '}'",
                "'{' utan avslutande '}'",
            )
        else:
            fi = en = sv = reason
        return [
            pick(
                lang,
                f"virheellinen paikkamerkki: {fi}; kirjoita aaltosulku kahdesti: '{{{{', '}}}}'",
                f"malformed placeholder: {en}; write '{{{{' or '}}}}' for a brace",
                f"felaktig platshållare: {sv}; skriv en klammer två gånger: '{{{{', '}}}}'",
            )
        ]
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        shown = "{" + field + (f"!{conversion}" if conversion else "")
        shown += (f":{spec}" if spec else "") + "}"
        if not field or field.isdigit():
            problems.append(
                pick(
                    lang,
                    f"tyhjä tai numeroitu paikkamerkki '{shown}'; kirjoita nimi, esim. {{title}}",
                    f"empty or numbered placeholder '{shown}'; write a name such as {{title}}",
                    f"tom eller numrerad platshållare '{shown}'; skriv ett namn, t.ex. {{title}}",
                )
            )
            continue
        if field not in TEMPLATE_PLACEHOLDERS:
            guess = difflib.get_close_matches(field, TEMPLATE_PLACEHOLDERS, n=1, cutoff=0.6)
            if guess:
                hint = "{" + guess[0] + "}"
                problems.append(
                    pick(
                        lang,
                        f"tuntematon paikkamerkki '{shown}' – tarkoititko '{hint}'?",
                        f"unknown placeholder '{shown}' – did you mean '{hint}'?",
                        f"okänd platshållare '{shown}' – menade du '{hint}'?",
                    )
                )
            else:
                allowed = ", ".join("{" + name + "}" for name in TEMPLATE_PLACEHOLDERS)
                problems.append(
                    pick(
                        lang,
                        f"tuntematon paikkamerkki '{shown}'; sallitut: {allowed}",
                        f"unknown placeholder '{shown}'; allowed: {allowed}",
                        f"okänd platshållare '{shown}'; tillåtna: {allowed}",
                    )
                )
            continue
        if spec or conversion:
            problems.append(
                pick(
                    lang,
                    f"paikkamerkkiin '{shown}' ei voi liittää muunnosta eikä muotoilua",
                    f"placeholder '{shown}' takes no conversion or format",
                    f"platshållaren '{shown}' tar ingen konvertering eller formatering",
                )
            )
    return problems
