"""The wording of the Wilma drafts: default templates, labels, lead times.

Everything a person might want to reword lives here, in Finnish, English and Swedish
(each text one (fi, en, sv) entry of a table).
The default subject and body are ordinary message templates (the same
``{placeholder}`` syntax as a data file's ``[calendars.items.message]``), so
they go through the same filling as an item's own templates.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType

from opiskeluhuolto.calendar import ItemKind
from opiskeluhuolto.fmt import Lang, format_date, pick, weekday_name
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

_LABELS: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "banner": (
            "WILMA-VIESTIN LUONNOS – lähetä itse Wilmassa (ei lähetetä automaattisesti)",
            "WILMA MESSAGE DRAFT – send it yourself in Wilma (nothing is sent automatically)",
            "UTKAST TILL WILMA-MEDDELANDE – skicka det själv i Wilma (ingenting skickas "
            "automatiskt)",
        ),
        "subject": ("Aihe", "Subject", "Ämne"),
        "subject_note": (
            "Aihe näkyy myös sähköposti- ja tekstiviesti-ilmoituksissa: "
            "ei nimiä eikä arkaluonteisia tietoja",
            "The subject is copied into e-mail and SMS notifications: "
            "no names, no sensitive details",
            "Ämnet syns också i e-post- och sms-aviseringar: inga namn och inga känsliga uppgifter",
        ),
        "recipients": ("Vastaanottajat", "Recipients", "Mottagare"),
        "reach": ("Tavoittaa", "Reaches", "Når"),
        "send_on": ("Lähetyspäivä", "Send on", "Skickas"),
        "item": ("Kohde", "Item", "Punkt"),
        "when": ("Ajankohta", "When", "Tidpunkt"),
        "check_day": ("Tarkista päivä", "Check the day", "Kontrollera dagen"),
        "check_day_tail": (
            "Täydennä viestiin päivä, jona tilaisuus pidetään.",
            "Fill in the day it is held in the message.",
            "Fyll i dagen då tillfället hålls i meddelandet.",
        ),
        "results": ("Tulokset", "Results", "Resultat"),
        "note": (
            "Muistiinpano kalenterista (ei viestiin)",
            "Calendar note (not for the message)",
            "Anteckning i kalendern (inte till meddelandet)",
        ),
        "id": ("Tunniste", "Id", "Id"),
        "body": ("Viesti", "Message", "Meddelande"),
    }
)


def label(key: str, lang: Lang) -> str:
    return pick(lang, *_LABELS[key])


def lead_text(days: int, lang: Lang) -> str:
    """``7 päivää ennen alkua`` / ``7 days before the start`` / ``7 dagar före starten``."""
    if days == 0:
        return pick(lang, "alkamispäivänä", "on the first day", "på startdagen")
    return pick(
        lang,
        f"{days} {'päivä' if days == 1 else 'päivää'} ennen alkua",
        f"{days} day{'s' if days != 1 else ''} before the start",
        f"{days} {'dag' if days == 1 else 'dagar'} före starten",
    )


def recipients(audience: Audience, place: str, lang: Lang) -> str:
    """The recipients line: who in Wilma, and where."""
    if audience is Audience.HUOLTAJAT:
        return pick(
            lang,
            f"Huoltajat – alaikäisten opiskelijoiden huoltajat, {place}",
            f"Guardians – guardians of under-age students, {place}",
            f"Vårdnadshavare – vårdnadshavare till minderåriga studerande, {place}",
        )
    return pick(
        lang,
        f"Opiskelijat – kaikki opiskelijat, {place}",
        f"Students – all students, {place}",
        f"Studerande – alla studerande, {place}",
    )


def reach(audience: Audience, lang: Lang) -> str:
    """Whom the message reaches (guardians of adult students only with consent)."""
    if audience is Audience.HUOLTAJAT:
        return pick(
            lang,
            "alaikäisten opiskelijoiden huoltajat. Täysi-ikäisen opiskelijan huoltaja "
            "näkee viestin vain opiskelijan suostumuksella.",
            "guardians of under-age students. The guardian of a student aged 18 "
            "or over sees the message only with the student's consent.",
            "vårdnadshavare till minderåriga studerande. Vårdnadshavaren till en myndig "
            "studerande ser meddelandet endast med den studerandes samtycke.",
        )
    return pick(
        lang,
        "kaikki opiskelijat, alaikäiset ja täysi-ikäiset",
        "all students, under-age and adult",
        "alla studerande, minderåriga och myndiga",
    )


def contact(audience: Audience, lang: Lang) -> str:
    """Whom to ask, as the subject of "Lisätietoja antaa …"."""
    if audience is Audience.HUOLTAJAT:
        return pick(
            lang,
            "opiskelijan oma vastuuohjaaja",
            "the student's own responsible instructor",
            "den studerandes egen ansvarslärare",
        )
    return pick(
        lang, "oma vastuuohjaajasi", "your own responsible instructor", "din egen ansvarslärare"
    )


def fill_in(what: str, lang: Lang) -> str:
    """A place for the sender to fill in: ``[täydennä: kyselyn linkki]``."""
    return pick(lang, f"[täydennä: {what}]", f"[fill in: {what}]", f"[fyll i: {what}]")


def day_reason(day: _dt.date, holiday: str | None, lang: Lang) -> str:
    """Why a one-day occurrence's day is no school day.

    >>> day_reason(_dt.date(2026, 12, 6), "itsenäisyyspäivä", "fi")
    '6.12.2026 on sunnuntai ja itsenäisyyspäivä'
    >>> day_reason(_dt.date(2027, 12, 6), "Independence Day", "en")
    '6 December 2027 is Independence Day'
    >>> day_reason(_dt.date(2026, 12, 6), "självständighetsdagen", "sv")
    '6.12.2026 är en söndag och självständighetsdagen'

    ``holiday`` is the name of the public holiday on ``day`` (in ``lang``), if any.
    """
    weekend = day.weekday() >= 5
    date = format_date(day, lang)
    weekday = weekday_name(day, lang)
    what = [pick(lang, weekday, f"a {weekday}", f"en {weekday}")] if weekend else []
    what += [holiday] if holiday else []
    return pick(
        lang,
        f"{date} on {' ja '.join(what)}",
        f"{date} is {' and '.join(what)}",
        f"{date} är {' och '.join(what)}",
    )


def link_what(kind: ItemKind, recorded: bool, lang: Lang) -> str:
    if recorded:
        return pick(lang, "tallenteen linkki", "recording link", "länk till inspelningen")
    if kind is ItemKind.SURVEY:
        return pick(lang, "kyselyn linkki", "survey link", "länk till enkäten")
    return pick(lang, "linkki", "link", "länk")


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

_GREETING: Mapping[Audience, tuple[str, str, str]] = MappingProxyType(
    {
        _G: ("Hyvä huoltaja,", "Dear guardian,", "Bästa vårdnadshavare,"),
        _S: ("Hei,", "Hi,", "Hej,"),
    }
)

_INFO_LEAD = (
    "Tiedotamme ajankohtaisesta asiasta.",
    "Here is some current information.",
    "Här kommer aktuell information.",
)

# What the message is: the opening sentence by kind and audience (fi, en, sv).
_LEAD: Mapping[tuple[ItemKind, Audience], tuple[str, str, str]] = MappingProxyType(
    {
        (ItemKind.SURVEY, _G): (
            "Pyydämme teitä vastaamaan kyselyyn.",
            "We kindly ask you to answer a survey.",
            "Vi ber dig vänligen svara på en enkät.",
        ),
        (ItemKind.SURVEY, _S): (
            "Pyydämme sinua vastaamaan kyselyyn.",
            "We kindly ask you to answer a survey.",
            "Vi ber dig svara på en enkät.",
        ),
        (ItemKind.EVENT, _G): (
            "Kerromme tulevasta tapahtumasta.",
            "An upcoming event:",
            "Vi berättar om ett kommande evenemang.",
        ),
        (ItemKind.EVENT, _S): (
            "Kerromme tulevasta tapahtumasta.",
            "An upcoming event:",
            "Vi berättar om ett kommande evenemang.",
        ),
        (ItemKind.CAMPAIGN, _G): (
            "Kerromme tulevasta teemaviikosta tai tempauksesta.",
            "An upcoming theme week or campaign:",
            "Vi berättar om en kommande temavecka eller kampanj.",
        ),
        (ItemKind.CAMPAIGN, _S): (
            "Kerromme tulevasta teemaviikosta tai tempauksesta.",
            "An upcoming theme week or campaign:",
            "Vi berättar om en kommande temavecka eller kampanj.",
        ),
        (ItemKind.DRILL, _G): (
            "Kerromme tulevasta turvallisuusharjoituksesta.",
            "An upcoming safety exercise:",
            "Vi berättar om en kommande säkerhetsövning.",
        ),
        (ItemKind.DRILL, _S): (
            "Kerromme tulevasta turvallisuusharjoituksesta.",
            "An upcoming safety exercise:",
            "Vi berättar om en kommande säkerhetsövning.",
        ),
    }
)

# Why it matters, by kind and audience (fi, en, sv).
_WHY: Mapping[tuple[ItemKind, Audience], tuple[str, str, str]] = MappingProxyType(
    {
        (ItemKind.SURVEY, _G): (
            "Vastauksenne ovat tärkeitä: niiden avulla kehitämme opiskelijoiden "
            "hyvinvointia sekä kodin ja oppilaitoksen yhteistyötä.",
            "Your answers matter: they help us develop the students' wellbeing and "
            "the cooperation between home and school.",
            "Dina svar är viktiga: med hjälp av dem utvecklar vi de studerandes "
            "välbefinnande och samarbetet mellan hemmet och läroanstalten.",
        ),
        (ItemKind.SURVEY, _S): (
            "Vastauksesi ovat tärkeitä: niiden avulla kehitämme opiskelijoiden "
            "hyvinvointia, turvallisuutta ja opiskeluympäristöä.",
            "Your answers matter: they help us develop the students' wellbeing, "
            "safety and learning environment.",
            "Dina svar är viktiga: med hjälp av dem utvecklar vi de studerandes "
            "välbefinnande, säkerhet och studiemiljö.",
        ),
        (ItemKind.EVENT, _G): (
            "Tervetuloa mukaan! Kodin ja oppilaitoksen yhteistyö tukee opiskelijan "
            "opintoja ja hyvinvointia.",
            "You are welcome! Cooperation between home and school supports the "
            "student's studies and wellbeing.",
            "Välkommen! Samarbetet mellan hemmet och läroanstalten stöder den "
            "studerandes studier och välbefinnande.",
        ),
        (ItemKind.EVENT, _S): (
            "Tervetuloa mukaan! Yhteiset tapahtumat tukevat hyvinvointiasi ja yhteisöllisyyttä.",
            "You are welcome! Shared events support your wellbeing and the community.",
            "Välkommen med! Gemensamma evenemang stöder ditt välbefinnande och gemenskapen.",
        ),
        (ItemKind.CAMPAIGN, _G): (
            "Teemaviikot ja tempaukset tukevat opiskelijoiden hyvinvointia ja terveitä elintapoja.",
            "Theme weeks and campaigns support the students' wellbeing and healthy habits.",
            "Temaveckor och kampanjer stöder de studerandes välbefinnande och sunda levnadsvanor.",
        ),
        (ItemKind.CAMPAIGN, _S): (
            "Tervetuloa mukaan! Teemaviikot ja tempaukset tukevat hyvinvointiasi ja jaksamistasi.",
            "Join in! Theme weeks and campaigns support your wellbeing and energy.",
            "Välkommen med! Temaveckor och kampanjer stöder ditt välbefinnande och din ork.",
        ),
        (ItemKind.DRILL, _G): (
            "Harjoitukset auttavat opiskelijoita ja henkilöstöä toimimaan oikein, "
            "jos oppilaitoksessa sattuu jotain odottamatonta.",
            "Exercises help students and staff act right if something unexpected "
            "happens at school.",
            "Övningarna hjälper studerande och personal att agera rätt om något "
            "oväntat händer på läroanstalten.",
        ),
        (ItemKind.DRILL, _S): (
            "Harjoitukset auttavat sinua toimimaan oikein, jos oppilaitoksessa "
            "sattuu jotain odottamatonta.",
            "Exercises help you act right if something unexpected happens at school.",
            "Övningarna hjälper dig att agera rätt om något oväntat händer på läroanstalten.",
        ),
        (ItemKind.INFO, _G): (
            "Kerromme ajankohtaisista asioista myös huoltajille, koska kodin ja "
            "oppilaitoksen yhteistyö tukee opiskelijan opintoja ja hyvinvointia.",
            "We keep guardians informed because cooperation between home and school "
            "supports the student's studies and wellbeing.",
            "Vi informerar också vårdnadshavarna om aktuella frågor, eftersom samarbetet "
            "mellan hemmet och läroanstalten stöder den studerandes studier och välbefinnande.",
        ),
        (ItemKind.INFO, _S): (
            "Ajankohtaiset tiedot auttavat sinua opinnoissasi ja arjessa oppilaitoksessa.",
            "Current information helps you in your studies and everyday life at school.",
            "Aktuell information hjälper dig i studierna och i vardagen på läroanstalten.",
        ),
    }
)

_WHY_DEFAULT: Mapping[Audience, tuple[str, str, str]] = MappingProxyType(
    {
        _G: (
            "Kodin ja oppilaitoksen yhteistyö tukee opiskelijan opintoja ja hyvinvointia.",
            "Cooperation between home and school supports the student's studies and wellbeing.",
            "Samarbetet mellan hemmet och läroanstalten stöder den studerandes studier och "
            "välbefinnande.",
        ),
        _S: (
            "Opiskelijahyvinvointi on meidän kaikkien yhteinen asia.",
            "Student wellbeing is everyone's business.",
            "De studerandes välbefinnande angår oss alla.",
        ),
    }
)

# The body's own lines (fi, en, sv); {what} is a place to fill in.
_BODY: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "what": ("Mitä: {title}", "What: {title}", "Vad: {title}"),
        "when": ("Milloin: {period}", "When: {period}", "När: {period}"),
        "survey_link": (
            "Kyselyn linkki: {link}",
            "Survey link: {link}",
            "Länk till enkäten: {link}",
        ),
        "place": ("Paikka: {what}", "Place: {what}", "Plats: {what}"),
        "place_word": ("paikka", "place", "plats"),
        "time_and_place": (
            "Tarkka aika ja paikka: {what}",
            "Time and place: {what}",
            "Exakt tid och plats: {what}",
        ),
        "time_and_place_words": ("kellonaika ja paikka", "time and place", "tid och plats"),
        "details": ("Lisätiedot: {what}", "Details: {what}", "Mer information: {what}"),
        "details_words": ("tiedotteen sisältö", "the notice", "meddelandets innehåll"),
        "recording": (
            "Tallenne julkaistaan Wilmassa tilaisuuden jälkeen: {link}",
            "The recording will be published in Wilma after the session: {link}",
            "Inspelningen publiceras i Wilma efter tillfället: {link}",
        ),
        "results": (
            "Tulokset valmistuvat {results}.",
            "Results are expected {results}.",
            "Resultaten blir klara {results}.",
        ),
        "contact": (
            "Lisätietoja antaa {contact}.",
            "For more information, ask {contact}.",
            "Mer information ger {contact}.",
        ),
        "regards": ("Ystävällisin terveisin", "Kind regards", "Med vänliga hälsningar"),
    }
)


def _body(key: str, lang: Lang, **values: str) -> str:
    text = pick(lang, *_BODY[key])
    return text.replace("{what}", values["what"]) if "what" in values else text


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
    lines = [pick(lang, *_GREETING[audience]), ""]
    lines.append(pick(lang, *_LEAD.get((kind, audience), _INFO_LEAD)))
    lines.append("")
    lines.append(_body("what", lang))
    lines.append(_body("when", lang))
    if kind is ItemKind.SURVEY:
        lines.append(_body("survey_link", lang))
    elif kind in (ItemKind.EVENT, ItemKind.CAMPAIGN, ItemKind.DRILL) and timed:
        # The time is in "Milloin" already: only the place is left to fill in.
        lines.append(_body("place", lang, what=fill_in(_body("place_word", lang), lang)))
    elif kind in (ItemKind.EVENT, ItemKind.CAMPAIGN, ItemKind.DRILL):
        what = fill_in(_body("time_and_place_words", lang), lang)
        lines.append(_body("time_and_place", lang, what=what))
    else:
        lines.append(_body("details", lang, what=fill_in(_body("details_words", lang), lang)))
    if recorded:
        # The invitation goes out before the session, when there is no
        # recording yet: say where it will be, and leave the link to add.
        lines.append(_body("recording", lang))
    lines.append("")
    lines.append(pick(lang, *_WHY.get((kind, audience), _WHY_DEFAULT[audience])))
    if has_results:
        lines.append(_body("results", lang))
    lines.append("")
    lines.append(_body("contact", lang))
    lines.append("")
    lines.append(_body("regards", lang))
    lines.append("{organisation}, {place}" if signature_place else "{organisation}")
    return "\n".join(lines) + "\n"
