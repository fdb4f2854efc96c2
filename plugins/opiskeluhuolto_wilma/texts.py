"""The wording of the Wilma drafts: default templates, labels, lead times.

Everything a person might want to reword lives here, in Finnish and English.
The default subject and body are ordinary message templates (the same
``{placeholder}`` syntax as a data file's ``[calendars.items.message]``), so
they go through the same filling as an item's own templates.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType

from opiskeluhuolto.calendar import ItemKind
from opiskeluhuolto.fmt import Lang, format_date, weekday_name
from opiskeluhuolto.groups import Audience

__all__ = [
    "DEFAULT_LEAD_DAYS",
    "body_template",
    "contact",
    "day_reason",
    "fill_in",
    "label",
    "lead_text",
    "link_what",
    "reach",
    "recipients",
    "subject_template",
]

DEFAULT_LEAD_DAYS: Mapping[ItemKind, int] = MappingProxyType(
    {
        ItemKind.SURVEY: 7,  # a week before the survey opens
        ItemKind.EVENT: 14,  # an invitation two weeks ahead
        ItemKind.CAMPAIGN: 7,
        ItemKind.DRILL: 7,
        ItemKind.INFO: 0,  # a notice goes out when it is due
        ItemKind.REVIEW: 7,
        ItemKind.MEETING: 7,
        ItemKind.PROJECT: 14,
        ItemKind.OTHER: 7,
    }
)
"""Days between the send-on date and the occurrence's first day, by item kind."""

_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "banner": (
            "WILMA-VIESTIN LUONNOS – lähetä itse Wilmassa (ei lähetetä automaattisesti)",
            "WILMA MESSAGE DRAFT – send it yourself in Wilma (nothing is sent automatically)",
        ),
        "subject": ("Aihe", "Subject"),
        "subject_note": (
            "Aihe näkyy myös sähköposti- ja tekstiviesti-ilmoituksissa: "
            "ei nimiä eikä arkaluonteisia tietoja",
            "The subject is copied into e-mail and SMS notifications: "
            "no names, no sensitive details",
        ),
        "recipients": ("Vastaanottajat", "Recipients"),
        "reach": ("Tavoittaa", "Reaches"),
        "send_on": ("Lähetyspäivä", "Send on"),
        "item": ("Kohde", "Item"),
        "when": ("Ajankohta", "When"),
        "check_day": ("Tarkista päivä", "Check the day"),
        "check_day_tail": (
            "Täydennä viestiin päivä, jona tilaisuus pidetään.",
            "Fill in the day it is held in the message.",
        ),
        "results": ("Tulokset", "Results"),
        "note": ("Muistiinpano kalenterista (ei viestiin)", "Calendar note (not for the message)"),
        "id": ("Tunniste", "Id"),
        "body": ("Viesti", "Message"),
    }
)


def label(key: str, lang: Lang) -> str:
    fi, en = _LABELS[key]
    return en if lang == "en" else fi


def lead_text(days: int, lang: Lang) -> str:
    """``7 päivää ennen alkua`` / ``7 days before the start``."""
    if lang == "en":
        if days == 0:
            return "on the first day"
        return f"{days} day{'s' if days != 1 else ''} before the start"
    if days == 0:
        return "alkamispäivänä"
    return f"{days} {'päivä' if days == 1 else 'päivää'} ennen alkua"


def recipients(audience: Audience, place: str, lang: Lang) -> str:
    """The recipients line: who in Wilma, and where."""
    if audience is Audience.HUOLTAJAT:
        if lang == "en":
            return f"Guardians – guardians of under-age students, {place}"
        return f"Huoltajat – alaikäisten opiskelijoiden huoltajat, {place}"
    if lang == "en":
        return f"Students – all students, {place}"
    return f"Opiskelijat – kaikki opiskelijat, {place}"


def reach(audience: Audience, lang: Lang) -> str:
    """Whom the message reaches (guardians of adult students only with consent)."""
    if audience is Audience.HUOLTAJAT:
        if lang == "en":
            return (
                "guardians of under-age students. The guardian of a student aged 18 "
                "or over sees the message only with the student's consent."
            )
        return (
            "alaikäisten opiskelijoiden huoltajat. Täysi-ikäisen opiskelijan huoltaja "
            "näkee viestin vain opiskelijan suostumuksella."
        )
    if lang == "en":
        return "all students, under-age and adult"
    return "kaikki opiskelijat, alaikäiset ja täysi-ikäiset"


def contact(audience: Audience, lang: Lang) -> str:
    """Whom to ask, as the subject of "Lisätietoja antaa …"."""
    if audience is Audience.HUOLTAJAT:
        return (
            "the student's own responsible instructor"
            if lang == "en"
            else ("opiskelijan oma vastuuohjaaja")
        )
    return "your own responsible instructor" if lang == "en" else "oma vastuuohjaajasi"


def fill_in(what: str, lang: Lang) -> str:
    """A place for the sender to fill in: ``[täydennä: kyselyn linkki]``."""
    return f"[fill in: {what}]" if lang == "en" else f"[täydennä: {what}]"


def day_reason(day: _dt.date, holiday: str | None, lang: Lang) -> str:
    """Why a one-day occurrence's day is no school day.

    >>> day_reason(_dt.date(2026, 12, 6), "itsenäisyyspäivä", "fi")
    '6.12.2026 on sunnuntai ja itsenäisyyspäivä'
    >>> day_reason(_dt.date(2027, 12, 6), "Independence Day", "en")
    '6 December 2027 is Independence Day'

    ``holiday`` is the name of the public holiday on ``day`` (in ``lang``), if any.
    """
    weekend = day.weekday() >= 5
    date = format_date(day, lang)
    if lang == "en":
        what = [f"a {weekday_name(day, lang)}"] if weekend else []
        what += [holiday] if holiday else []
        return f"{date} is {' and '.join(what)}"
    what = [weekday_name(day, lang)] if weekend else []
    what += [holiday] if holiday else []
    return f"{date} on {' ja '.join(what)}"


def link_what(kind: ItemKind, recorded: bool, lang: Lang) -> str:
    if recorded:
        return "recording link" if lang == "en" else "tallenteen linkki"
    if kind is ItemKind.SURVEY:
        return "survey link" if lang == "en" else "kyselyn linkki"
    return "link" if lang == "en" else "linkki"


# -- subjects ----------------------------------------------------------------


def subject_template(title_names_a_time: bool) -> str:
    """The default subject: the title and its timing, nothing else.

    Wilma copies the subject into e-mail and SMS notifications, so it carries
    only the item's title and when (never the notes, names or results); a
    title that already names its time ("… kesän ajalla") stands alone.
    """
    return "{title}" if title_names_a_time else "{title} {when}"


# -- bodies ------------------------------------------------------------------

_G, _S = Audience.HUOLTAJAT, Audience.OPISKELIJAT

_GREETING = {
    (_G, "fi"): "Hyvä huoltaja,",
    (_S, "fi"): "Hei,",
    (_G, "en"): "Dear guardian,",
    (_S, "en"): "Hi,",
}

_INFO_LEAD = ("Tiedotamme ajankohtaisesta asiasta.", "Here is some current information.")

# What the message is: the opening sentence by kind and audience (fi, en).
_LEAD: Mapping[tuple[ItemKind, Audience], tuple[str, str]] = MappingProxyType(
    {
        (ItemKind.SURVEY, _G): (
            "Pyydämme teitä vastaamaan kyselyyn.",
            "We kindly ask you to answer a survey.",
        ),
        (ItemKind.SURVEY, _S): (
            "Pyydämme sinua vastaamaan kyselyyn.",
            "We kindly ask you to answer a survey.",
        ),
        (ItemKind.EVENT, _G): ("Kerromme tulevasta tapahtumasta.", "An upcoming event:"),
        (ItemKind.EVENT, _S): ("Kerromme tulevasta tapahtumasta.", "An upcoming event:"),
        (ItemKind.CAMPAIGN, _G): (
            "Kerromme tulevasta teemaviikosta tai tempauksesta.",
            "An upcoming theme week or campaign:",
        ),
        (ItemKind.CAMPAIGN, _S): (
            "Kerromme tulevasta teemaviikosta tai tempauksesta.",
            "An upcoming theme week or campaign:",
        ),
        (ItemKind.DRILL, _G): (
            "Kerromme tulevasta turvallisuusharjoituksesta.",
            "An upcoming safety exercise:",
        ),
        (ItemKind.DRILL, _S): (
            "Kerromme tulevasta turvallisuusharjoituksesta.",
            "An upcoming safety exercise:",
        ),
    }
)

# Why it matters, by kind and audience (fi, en).
_WHY: Mapping[tuple[ItemKind, Audience], tuple[str, str]] = MappingProxyType(
    {
        (ItemKind.SURVEY, _G): (
            "Vastauksenne ovat tärkeitä: niiden avulla kehitämme opiskelijoiden "
            "hyvinvointia sekä kodin ja oppilaitoksen yhteistyötä.",
            "Your answers matter: they help us develop the students' wellbeing and "
            "the cooperation between home and school.",
        ),
        (ItemKind.SURVEY, _S): (
            "Vastauksesi ovat tärkeitä: niiden avulla kehitämme opiskelijoiden "
            "hyvinvointia, turvallisuutta ja opiskeluympäristöä.",
            "Your answers matter: they help us develop the students' wellbeing, "
            "safety and learning environment.",
        ),
        (ItemKind.EVENT, _G): (
            "Tervetuloa mukaan! Kodin ja oppilaitoksen yhteistyö tukee opiskelijan "
            "opintoja ja hyvinvointia.",
            "You are welcome! Cooperation between home and school supports the "
            "student's studies and wellbeing.",
        ),
        (ItemKind.EVENT, _S): (
            "Tervetuloa mukaan! Yhteiset tapahtumat tukevat hyvinvointiasi ja yhteisöllisyyttä.",
            "You are welcome! Shared events support your wellbeing and the community.",
        ),
        (ItemKind.CAMPAIGN, _G): (
            "Teemaviikot ja tempaukset tukevat opiskelijoiden hyvinvointia ja terveitä elintapoja.",
            "Theme weeks and campaigns support the students' wellbeing and healthy habits.",
        ),
        (ItemKind.CAMPAIGN, _S): (
            "Tervetuloa mukaan! Teemaviikot ja tempaukset tukevat hyvinvointiasi ja jaksamistasi.",
            "Join in! Theme weeks and campaigns support your wellbeing and energy.",
        ),
        (ItemKind.DRILL, _G): (
            "Harjoitukset auttavat opiskelijoita ja henkilöstöä toimimaan oikein, "
            "jos oppilaitoksessa sattuu jotain odottamatonta.",
            "Exercises help students and staff act right if something unexpected "
            "happens at school.",
        ),
        (ItemKind.DRILL, _S): (
            "Harjoitukset auttavat sinua toimimaan oikein, jos oppilaitoksessa "
            "sattuu jotain odottamatonta.",
            "Exercises help you act right if something unexpected happens at school.",
        ),
        (ItemKind.INFO, _G): (
            "Kerromme ajankohtaisista asioista myös huoltajille, koska kodin ja "
            "oppilaitoksen yhteistyö tukee opiskelijan opintoja ja hyvinvointia.",
            "We keep guardians informed because cooperation between home and school "
            "supports the student's studies and wellbeing.",
        ),
        (ItemKind.INFO, _S): (
            "Ajankohtaiset tiedot auttavat sinua opinnoissasi ja arjessa oppilaitoksessa.",
            "Current information helps you in your studies and everyday life at school.",
        ),
    }
)

_WHY_DEFAULT = {
    _G: (
        "Kodin ja oppilaitoksen yhteistyö tukee opiskelijan opintoja ja hyvinvointia.",
        "Cooperation between home and school supports the student's studies and wellbeing.",
    ),
    _S: (
        "Opiskelijahyvinvointi on meidän kaikkien yhteinen asia.",
        "Student wellbeing is everyone's business.",
    ),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def body_template(
    kind: ItemKind,
    audience: Audience,
    lang: Lang,
    *,
    has_results: bool,
    recorded: bool,
    signature_place: bool,
    timed: bool = False,
) -> str:
    """The default body for an item kind and audience.

    What (the title), when (``{period}``), a place for the sender to fill in
    (the survey link, the time and place of an event – only the place when the
    calendar gives the time, ``timed`` –, the recording link of a recorded
    session, or the notice itself), why it matters, when results are
    expected (only when the item has a follow-up), whom to contact.
    """
    en = lang == "en"
    lines = [_GREETING[audience, lang], ""]
    lines.append(_pick(_LEAD.get((kind, audience), _INFO_LEAD), lang))
    lines.append("")
    lines.append("What: {title}" if en else "Mitä: {title}")
    lines.append("When: {period}" if en else "Milloin: {period}")
    if kind is ItemKind.SURVEY:
        lines.append("Survey link: {link}" if en else "Kyselyn linkki: {link}")
    elif kind in (ItemKind.EVENT, ItemKind.CAMPAIGN, ItemKind.DRILL) and timed:
        # The time is in "Milloin" already: only the place is left to fill in.
        what = fill_in("place" if en else "paikka", lang)
        lines.append(f"Place: {what}" if en else f"Paikka: {what}")
    elif kind in (ItemKind.EVENT, ItemKind.CAMPAIGN, ItemKind.DRILL):
        what = fill_in("time and place" if en else "kellonaika ja paikka", lang)
        lines.append(f"Time and place: {what}" if en else f"Tarkka aika ja paikka: {what}")
    else:
        what = fill_in("the notice" if en else "tiedotteen sisältö", lang)
        lines.append(f"Details: {what}" if en else f"Lisätiedot: {what}")
    if recorded:
        # The invitation goes out before the session, when there is no
        # recording yet: say where it will be, and leave the link to add.
        lines.append(
            "The recording will be published in Wilma after the session: {link}"
            if en
            else "Tallenne julkaistaan Wilmassa tilaisuuden jälkeen: {link}"
        )
    lines.append("")
    lines.append(_pick(_WHY.get((kind, audience), _WHY_DEFAULT[audience]), lang))
    if has_results:
        lines.append("Results are expected {results}." if en else "Tulokset valmistuvat {results}.")
    lines.append("")
    lines.append("For more information, ask {contact}." if en else "Lisätietoja antaa {contact}.")
    lines.append("")
    lines.append("Kind regards" if en else "Ystävällisin terveisin")
    lines.append("{organisation}, {place}" if signature_place else "{organisation}")
    return "\n".join(lines) + "\n"
