"""The HTML pages of a published site: the front page and each group's page.

Called by :class:`opiskeluhuolto.publishing.SiteBuilder` only.  The pages
work offline (one inline style sheet, no script, no font or image from
elsewhere), say their language (``<html lang="fi">``), have their headings in
order from ``h1`` and dark text on white (contrast far above 4.5:1).  Every
text from the data is escaped.
"""

from __future__ import annotations

import html
import urllib.parse
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from opiskeluhuolto.fmt import Lang, format_span, language, pick

if TYPE_CHECKING:
    from opiskeluhuolto.publishing import Page, SiteBuilder

__all__ = ["group_page", "index_page"]

STYLE = """\
:root { color: #1a1a1a; background: #ffffff; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
  margin: 0; padding: 1rem; color: #1a1a1a; background: #ffffff; }
main { max-width: 52rem; margin: 0 auto; }
a { color: #0b4f8a; }
a:focus, a:hover { color: #062c4f; }
.note { border-left: 0.3rem solid #8a5a00; padding: 0.3rem 0.8rem; background: #fff7e6; }
ul.groups { list-style: none; padding: 0; }
ul.groups > li { border-top: 1px solid #c4c4c4; padding: 0.5rem 0; }
.depth-1 { margin-left: 1.5rem; } .depth-2 { margin-left: 3rem; } .depth-3 { margin-left: 4.5rem; }
.links a { margin-right: 1rem; white-space: nowrap; }
.qr { float: right; margin-left: 1rem; width: 7rem; height: 7rem; }
code { overflow-wrap: anywhere; }
h3 { clear: both; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _document(lang: Lang, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _relative(path: str, folder: str) -> str:
    """The link from a page in ``folder`` ("" for the front page) to ``path``, URL-quoted."""
    if folder and path.startswith(folder + "/"):
        path = path[len(folder) + 1 :]
    elif folder:
        path = "../" + path
    return "/".join(urllib.parse.quote(part) for part in path.split("/"))


def _pages_of(builder: SiteBuilder, group: str) -> list[Page]:
    return [page for page in builder.layout() if page.group == group]


def _subscribe(builder: SiteBuilder, group: str, folder: str) -> str:
    """The subscribe links of a group's feed, as a paragraph (relative without base_url)."""
    lang = builder.site.lang
    if builder.is_private(group):
        return (
            '<p class="note">'
            + pick(
                lang,
                "Ryhmän vuosikello on yksityinen: sen tilausosoite annetaan ryhmän jäsenille "
                "erikseen.",
                "The group's calendar is private: its subscribe address is given to its "
                "members separately.",
                "Gruppens årsklocka är privat: prenumerationsadressen ges separat till "
                "gruppens medlemmar.",
            )
            + "</p>\n"
        )
    webcal, https = builder.links(group)
    parts = []
    if webcal is not None:
        parts.append(
            f'<a href="{_e(webcal)}">'
            + pick(lang, "Tilaa (webcal)", "Subscribe (webcal)", "Prenumerera (webcal)")
            + "</a>"
        )
        label = pick(
            lang, "Syötteen osoite (https)", "Feed address (https)", "Flödets adress (https)"
        )
        parts.append(f'<a href="{_e(https)}">{label}</a>')
    else:
        link = _relative(f"{builder.folders[group]}/vuosikello.ics", folder)
        parts.append(
            f'<a href="{_e(link)}">{pick(lang, "Syöte (.ics)", "Feed (.ics)", "Flöde (.ics)")}</a>'
        )
    return '<p class="links">' + "".join(parts) + "</p>\n"


def _qr(builder: SiteBuilder, group: str, folder: str) -> str:
    lang = builder.site.lang
    for page in _pages_of(builder, group):
        if page.kind.value == "qr":
            alt = pick(
                lang,
                "QR-koodi: kalenterin tilausosoite puhelimen kameralle",
                "QR code: the calendar's subscribe address for a phone's camera",
                "QR-kod: kalenderns prenumerationsadress för telefonens kamera",
            )
            return f'<img class="qr" src="{_e(_relative(page.path, folder))}" alt="{alt}">\n'
    return ""


def _no_base_url_note(lang: Lang) -> str:
    return (
        '<p class="note">'
        + pick(
            lang,
            "Sivustolle ei ole annettu osoitetta (<code>--option base_url=https://…</code>), "
            "joten linkit ovat suhteellisia eikä webcal-linkkejä tai QR-koodeja ole. Kopioi "
            "tilattaessa syötteen koko osoite selaimen osoiteriviltä.",
            "The site was built without its address (<code>--option base_url=https://…</code>), "
            "so the links are relative and there are no webcal links or QR codes. To "
            "subscribe, copy the feed's full address from the browser's address bar.",
            "Webbplatsen byggdes utan sin adress (<code>--option base_url=https://…</code>), "
            "så länkarna är relativa och det finns inga webcal-länkar eller QR-koder. Kopiera "
            "flödets fullständiga adress från webbläsarens adressfält när du prenumererar.",
        )
        + "</p>\n"
    )


_Steps = tuple[tuple[str, list[str]], ...]

_STEPS_FI: _Steps = (
    (
        "Outlook",
        [
            "Outlook verkossa ja uusi Outlook: avaa <strong>Kalenteri</strong>, valitse "
            "<strong>Lisää kalenteri</strong> → <strong>Tilaa verkosta</strong>, liitä ryhmän "
            "syötteen https-osoite, anna kalenterille nimi ja valitse <strong>Tuo</strong>.",
            "Perinteinen Outlook Windowsissa: <strong>Lisää kalenteri</strong> → "
            "<strong>Internetistä</strong>, liitä osoite ja valitse <strong>OK</strong>.",
        ],
    ),
    (
        "Google-kalenteri",
        [
            "Avaa Google-kalenteri tietokoneen selaimessa. Valitse "
            "<strong>Muut kalenterit</strong> -kohdan vierestä <strong>+</strong> → "
            "<strong>URL-osoitteen perusteella</strong>, "
            "liitä syötteen https-osoite ja valitse <strong>Lisää kalenteri</strong>.",
            "Google hakee tilatut kalenterit uudelleen omaan tahtiinsa, yleensä vuorokauden "
            "sisällä.",
        ],
    ),
    (
        "iPhone ja iPad",
        [
            "Napauta ryhmän <strong>Tilaa (webcal)</strong> -linkkiä tai skannaa QR-koodi "
            "kameralla ja valitse <strong>Tilaa</strong>.",
            "Tai: <strong>Asetukset</strong> → <strong>Kalenteri</strong> → "
            "<strong>Tilit</strong> → <strong>Lisää tili</strong> → <strong>Muu</strong> → "
            "<strong>Lisää tilattu kalenteri</strong>, ja liitä osoite.",
        ],
    ),
    (
        "Android",
        [
            "Tilaa kalenteri Google-kalenteriin tietokoneella (yllä). Se näkyy puhelimen "
            "Google-kalenterissa, kun kalenterin synkronointi on päällä: Google-kalenteri → "
            "<strong>Asetukset</strong> → kalenterin nimi → <strong>Synkronoi</strong>.",
        ],
    ),
)
_STEPS_EN: _Steps = (
    (
        "Outlook",
        [
            "Outlook on the web and the new Outlook: open <strong>Calendar</strong>, choose "
            "<strong>Add calendar</strong> → <strong>Subscribe from web</strong>, paste the "
            "group's https feed address, name the calendar and choose <strong>Import</strong>.",
            "Classic Outlook for Windows: <strong>Add Calendar</strong> → <strong>From "
            "Internet</strong>, paste the address and choose <strong>OK</strong>.",
        ],
    ),
    (
        "Google Calendar",
        [
            "Open Google Calendar in a computer's browser. Next to <strong>Other "
            "calendars</strong> choose <strong>+</strong> → <strong>From URL</strong>, paste "
            "the https feed address and choose <strong>Add calendar</strong>.",
            "Google fetches subscribed calendars again at its own pace, usually within a day.",
        ],
    ),
    (
        "iPhone and iPad",
        [
            "Tap the group's <strong>Subscribe (webcal)</strong> link, or scan the QR code "
            "with the camera, and choose <strong>Subscribe</strong>.",
            "Or: <strong>Settings</strong> → <strong>Calendar</strong> → "
            "<strong>Accounts</strong> → <strong>Add Account</strong> → "
            "<strong>Other</strong> → <strong>Add Subscribed Calendar</strong>, and paste "
            "the address.",
        ],
    ),
    (
        "Android",
        [
            "Subscribe in Google Calendar on a computer (above). The calendar shows in the "
            "phone's Google Calendar when its sync is on: Google Calendar → "
            "<strong>Settings</strong> → the calendar's name → <strong>Sync</strong>.",
        ],
    ),
)
_STEPS_SV: _Steps = (
    (
        "Outlook",
        [
            "Outlook på webben och nya Outlook: öppna <strong>Kalender</strong>, välj "
            "<strong>Lägg till kalender</strong> → <strong>Prenumerera från webben</strong>, "
            "klistra in gruppens https-flödesadress, ge kalendern ett namn och välj "
            "<strong>Importera</strong>.",
            "Klassiska Outlook för Windows: <strong>Lägg till kalender</strong> → "
            "<strong>Från Internet</strong>, klistra in adressen och välj <strong>OK</strong>.",
        ],
    ),
    (
        "Google Kalender",
        [
            "Öppna Google Kalender i webbläsaren på en dator. Välj <strong>+</strong> bredvid "
            "<strong>Andra kalendrar</strong> → <strong>Från webbadress</strong>, klistra in "
            "flödets https-adress och välj <strong>Lägg till kalender</strong>.",
            "Google hämtar prenumererade kalendrar på nytt i sin egen takt, oftast inom ett dygn.",
        ],
    ),
    (
        "iPhone och iPad",
        [
            "Tryck på gruppens länk <strong>Prenumerera (webcal)</strong> eller skanna "
            "QR-koden med kameran och välj <strong>Prenumerera</strong>.",
            "Eller: <strong>Inställningar</strong> → <strong>Kalender</strong> → "
            "<strong>Konton</strong> → <strong>Lägg till konto</strong> → "
            "<strong>Annat</strong> → <strong>Lägg till prenumererad kalender</strong>, och "
            "klistra in adressen.",
        ],
    ),
    (
        "Android",
        [
            "Prenumerera på kalendern i Google Kalender på en dator (ovan). Den syns i "
            "telefonens Google Kalender när kalenderns synkronisering är på: Google Kalender "
            "→ <strong>Inställningar</strong> → kalenderns namn → "
            "<strong>Synkronisera</strong>.",
        ],
    ),
)

_INSTRUCTIONS: Mapping[str, _Steps] = MappingProxyType(
    {"fi": _STEPS_FI, "en": _STEPS_EN, "sv": _STEPS_SV}
)
"""How to subscribe in Outlook, Google Calendar, on an iPhone and on Android: the steps of
each language (the app's own menu names in it)."""


def _instructions(lang: Lang) -> str:
    parts = [
        f'<h2 id="{pick(lang, "ohjeet", "instructions", "anvisningar")}">'
        + pick(
            lang, "Näin tilaat kalenterin", "How to subscribe", "Så prenumererar du på kalendern"
        )
        + "</h2>\n",
        "<p>"
        + pick(
            lang,
            "Tilaa kalenteri, älä tuo tiedostoa: tilattu kalenteri päivittyy itsestään, kun "
            "vuosikello muuttuu, tuotu kopio ei.",
            "Subscribe to the calendar rather than importing the file: a subscribed calendar "
            "updates itself when the calendar changes, an imported copy does not.",
            "Prenumerera på kalendern i stället för att importera filen: en prenumererad kalender "
            "uppdateras av sig själv när årsklockan ändras, en importerad kopia gör det inte.",
        )
        + "</p>\n",
    ]
    for heading, steps in _INSTRUCTIONS[language(lang)]:
        parts.append(f"<h3>{heading}</h3>\n<ul>\n")
        parts.extend(f"<li>{step}</li>\n" for step in steps)
        parts.append("</ul>\n")
    return "".join(parts)


def index_page(builder: SiteBuilder) -> str:
    """The front page: every group in hierarchy order with its links, then how to subscribe."""
    site = builder.site
    lang = site.lang
    organisation = site.organisation
    title = pick(
        lang,
        f"{organisation.name}: opiskeluhuollon vuosikellot",
        f"{organisation.name}: student welfare calendars",
        f"{organisation.name}: årsklockor för studerandevården",
    )
    span = format_span(site.start, site.end, lang)
    body = [f"<h1>{_e(title)}</h1>\n"]
    body.append(
        "<p>"
        + pick(
            lang,
            f"Jokaisen ryhmän vuosikello kalenterisyötteenä, vuosikellokuvana, taulukkona ja "
            f"kokousten asialistoina, aikavälillä {span}.",
            f"Each group's calendar as a feed, a wheel, a spreadsheet and meeting agendas, {span}.",
            f"Varje grupps årsklocka som kalenderflöde, hjul, kalkylblad och föredragningslistor, "
            f"{span}.",
        )
        + "</p>\n"
    )
    if site.base_url is None:
        body.append(_no_base_url_note(lang))
    body.append(f'<h2>{pick(lang, "Ryhmät", "Groups", "Grupper")}</h2>\n<ul class="groups">\n')
    hierarchy = organisation.hierarchy
    for group in organisation.groups:
        depth = min(len(hierarchy.path(group.id)) - 1, 3)
        folder_page = _relative(f"{builder.folders[group.id]}/index.html", "")
        body.append(f'<li class="depth-{depth}">\n')
        body.append(_qr(builder, group.id, ""))
        body.append(f'<h3><a href="{_e(folder_page)}">{_e(group.name)}</a></h3>\n')
        body.append(_subscribe(builder, group.id, ""))
        body.append("</li>\n")
    body.append("</ul>\n")
    body.append(_instructions(lang))
    return _document(lang, title, "".join(body))


def group_page(builder: SiteBuilder, group: str) -> str:
    """A group's page: its subscribe links, wheel pages, spreadsheet and agendas."""
    site = builder.site
    lang = site.lang
    organisation = site.organisation
    name = organisation.group(group).name
    folder = builder.folders[group]
    pages = _pages_of(builder, group)
    body = [f"<h1>{_e(name)}</h1>\n"]
    body.append(
        f'<p><a href="../index.html">{_e(organisation.name)}</a> · '
        f"{format_span(site.start, site.end, lang)}</p>\n"
    )
    body.append(f"<h2>{pick(lang, 'Tilaa kalenteri', 'Subscribe', 'Prenumerera')}</h2>\n")
    body.append(_qr(builder, group, folder))
    body.append(_subscribe(builder, group, folder))
    if site.base_url is None:
        body.append(_no_base_url_note(lang))
    body.append(
        '<p><a href="../index.html#'
        + pick(lang, "ohjeet", "instructions", "anvisningar")
        + '">'
        + pick(lang, "Näin tilaat kalenterin", "How to subscribe", "Så prenumererar du")
        + "</a></p>\n"
    )
    wheels = [page for page in pages if page.kind.value == "wheel"]
    if wheels:
        body.append(
            f"<h2>{pick(lang, 'Vuosikello', 'The wheel', 'Årsklockan som hjul')}</h2>\n<ul>\n"
        )
        for page in wheels:
            year = page.school_year
            label = pick(lang, f"Lukuvuosi {year}", f"School year {year}", f"Läsåret {year}")
            body.append(f'<li><a href="{_e(_relative(page.path, folder))}">{label}</a></li>\n')
        body.append("</ul>\n")
    sheets = [page for page in pages if page.kind.value == "csv"]
    if sheets:
        body.append(f"<h2>{pick(lang, 'Taulukko', 'Spreadsheet', 'Kalkylblad')}</h2>\n")
        link = _e(_relative(sheets[0].path, folder))
        body.append(
            f'<p><a href="{link}">'
            + pick(
                lang,
                "Vuosikello taulukkona (CSV, Excel)",
                "The calendar as a sheet (CSV, Excel)",
                "Årsklockan som kalkylblad (CSV, Excel)",
            )
            + "</a></p>\n"
        )
    agendas = [page for page in pages if page.kind.value == "agenda"]
    if agendas:
        body.append(
            "<h2>"
            + pick(lang, "Kokousten asialistat", "Meeting agendas", "Föredragningslistor")
            + "</h2>\n<ul>\n"
        )
        for page in agendas:
            file_name = page.path.rsplit("/", 1)[1]
            body.append(
                f'<li><a href="{_e(_relative(page.path, folder))}">{_e(file_name)}</a></li>\n'
            )
        body.append("</ul>\n")
    else:
        body.append(
            "<h2>"
            + pick(lang, "Kokousten asialistat", "Meeting agendas", "Föredragningslistor")
            + "</h2>\n"
        )
        body.append(
            "<p>"
            + pick(
                lang,
                "Ryhmällä ei ole kokouksia tällä aikavälillä.",
                "The group has no meetings in this range.",
                "Gruppen har inga möten under den här tiden.",
            )
            + "</p>\n"
        )
    return _document(lang, f"{name} – {organisation.name}", "".join(body))
