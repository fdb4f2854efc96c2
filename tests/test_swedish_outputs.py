"""``--lang sv`` in the feeds, the sheet, the wheel and the site (issue 17).

The golden Swedish texts of ``show``, agendas and Wilma drafts are in
``test_text.py``, ``test_agenda.py`` and ``test_wilma.py``; here each other
output of the Swedish example (``docs/examples/yrkesskola.toml``, titles in
Swedish) is read back and checked for its Swedish words, and for the absence
of the Finnish ones it writes by default.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import icalendar
import pytest

from opiskeluhuolto.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "yrkesskola.toml"

pytestmark = pytest.mark.usefixtures("manager")


def export(fmt: str, *argv: str) -> bytes:
    out, err = io.StringIO(), io.StringIO()
    args = ["--lang", "sv", "export", fmt, "--data", str(EXAMPLE), "--school-year", "2026"]
    status = main([*args, *argv, "-o", "-"], stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    return out.getvalue().encode("utf-8")


def test_the_feed_speaks_swedish() -> None:
    feed = icalendar.Calendar.from_ical(export("ical"))
    assert str(feed["prodid"]).endswith("//SV")
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    survey = events["yrkesinstitutet.vardnadshavarenkat.2026@opiskeluhuolto"]
    assert str(survey["summary"]) == "Vårdnadshavarenkät"
    description = str(survey["description"])
    assert description.splitlines()[0] == "Tidpunkt: veckorna 43–44, resultat tidigast i november"
    assert "Grupp: Yrkesinstitutets gemensamma elevhälsogrupp" in description
    assert "Målgrupp: vårdnadshavare, personal, studerandevårdsgrupp" in description
    assert list(survey["categories"].cats) == [
        "enkät",
        "vårdnadshavare",
        "personal",
        "studerandevårdsgrupp",
    ]
    results = [e for e in events.values() if str(e["summary"]).startswith("Resultat: ")]
    assert "Resultat: Vårdnadshavarenkät" in {str(e["summary"]) for e in results}
    for event in events.values():
        text = f"{event['summary']}\n{event.get('description', '')}"
        for finnish in ("Tulokset", "Ajoitus", "Ryhmä:", "Kohderyhmä", "huoltajat", "kysely"):
            assert finnish not in text


def test_the_sheet_s_headers_and_labels_are_swedish() -> None:
    text = export("csv", "--option", "dialect=excel-fi").decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:4] == ["Börjar", "Slutar", "Punkt", "Rubrik"]
    assert rows[0][-1] == "Tidpunkt"
    by_item = {row[2]: row for row in rows[1:] if row[8] == "0"}
    survey = by_item["vardnadshavarenkat"]
    assert survey[3] == "Vårdnadshavarenkät"
    assert survey[7] == "enkät"
    assert survey[9] == "veckorna 43–44, resultat tidigast i november"
    assert survey[13] == "'19.10.–1.11.2026"
    assert by_item["sakerhetsenkat"][13] == "to 11.2.2027"
    # The plain dialect keeps the keys (a program reads them), titles in Swedish.
    plain = list(csv.reader(io.StringIO(export("csv").decode("utf-8"), newline="")))
    assert plain[0][:4] == ["start", "end", "item", "title"]
    assert "Enkät om mobbning" in {row[3] for row in plain[1:]}


def test_the_site_s_pages_and_instructions_are_swedish(tmp_path: Path) -> None:
    target = tmp_path / "site"
    out, err = io.StringIO(), io.StringIO()
    argv = ["--lang", "sv", "export", "site", "--data", str(EXAMPLE), "--school-year", "2026"]
    argv += ["--option", "base_url=https://example.org/arsklocka/", "-o", str(target)]
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    page = (target / "index.html").read_text("utf-8")
    assert '<html lang="sv">' in page
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", page)
    assert [text for level, text in headings if level == "2"] == [
        "Grupper",
        "Så prenumererar du på kalendern",
    ]
    assert [text for level, text in headings if level == "3"][-4:] == [
        "Outlook",
        "Google Kalender",
        "iPhone och iPad",
        "Android",
    ]
    for words in ("Prenumerera från webben", "Från webbadress", "Lägg till prenumererad kalender"):
        assert words in page
    assert page.count(">Prenumerera (webcal)</a>") == 4  # the link the iPhone steps name
    for finnish in ("Tilaa", "Näin tilaat", "Ryhmät", "Lukuvuosi", "syöte"):
        assert finnish not in page
    group = (target / "elevhalsa-vasa" / "index.html").read_text("utf-8")
    assert '<html lang="sv">' in group
    assert "Läsåret 2026–2027" in group
    assert "Föredragningslistor" in group


def test_the_wheel_s_legend_and_labels_are_swedish() -> None:
    svg = export("wheel", "--today", "2026-11-01").decode("utf-8")
    texts = set(re.findall(r">([^<>]+)<", svg))
    for swedish in (
        "Årsklocka, läsåret 2026–2027",
        "Teckenförklaring",
        "Ringarna utifrån och in",
        "Siffrorna på kanten är ISO-veckor.",
        "Streckad linje: i dag 1.11.2026",
        "Resultat: Enkät om mobbning",
        "Vårdnadshavarenkät",
        "Vid varje möte",
        "Vid behov",
        "enkät",
        "Oktober",
    ):
        assert swedish in texts, swedish
    for finnish in ("Vuosikello", "Merkit", "Tulokset", "Tänään", "Lokakuu", "kysely"):
        assert not any(finnish in text for text in texts), finnish
