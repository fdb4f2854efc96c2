"""Every timing of the seed slides, verbatim: the exact rule and its dates 2024–2032.

The expected dates are written out by hand (worked out with ``cal`` and GNU
``date``: Monday of ISO week 1 is 4 January minus its weekday), never computed
with the library.  Each list is ``rule.occurrences(1.1.2024, 31.12.2032)``:
every occurrence whose span touches 2024–2032, follow-ups marked with ``R``
("results").  A follow-up appears when its own span intersects the query, so
results of a 2023 window in January 2024 are listed, and January 2033 results
of a 2032 window are not.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opiskeluhuolto.phrases import SEED_PHRASES, describe, parse_rule
from opiskeluhuolto.recurrence import (
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Phase,
    Rule,
    Season,
    SeasonWindow,
    WeekWindow,
    YearPattern,
)

QUERY_START = dt.date(2024, 1, 1)
QUERY_END = dt.date(2032, 12, 31)

NOVEMBER_EARLIEST = FollowUp(MonthWindow(11, 11), earliest=True)
JANUARY_EARLIEST = FollowUp(MonthWindow(1, 1), earliest=True)

SEED_RULES: dict[str, Rule] = {
    "toteutetaan viikoilla \n43 ja 44. Tulokset aikaisintaan marraskuussa.": Rule(
        WeekWindow(43, 44), follow_up=NOVEMBER_EARLIEST
    ),
    "parillisen vuoden loka- joulukuussa": Rule(MonthWindow(10, 12), YearPattern.even()),
    "Joka toinen vuosi. Seuraava 2026. Tulokset elokuussa.": Rule(
        None, YearPattern(2, Phase.NEXT, 2026), FollowUp(MonthWindow(8, 8))
    ),
    "tammi-maaliskuussa": Rule(MonthWindow(1, 3)),
    "11.2.": Rule(DateWindow.on(11, 2)),
    "toteutetaan vuosittain \nviikoilla 48 ja 49. Tulokset aikaisintaan tammikuussa.": Rule(
        WeekWindow(48, 49), follow_up=JANUARY_EARLIEST
    ),
    "keväisin joka toinen \n\nvuosi. Viimeksi vuonna 2025. Tulokset \n\nsyksyllä. ": Rule(
        SeasonWindow(Season.SPRING),
        YearPattern(2, Phase.LAST, 2025),
        FollowUp(SeasonWindow(Season.AUTUMN)),
    ),
    "kesän ajalla": Rule(SeasonWindow(Season.SUMMER)),
    "Jokaisessa kokouksessa:": Rule(cadence=Cadence.EVERY_MEETING),
    "Tarpeen mukaan kokouksessa:": Rule(cadence=Cadence.AS_NEEDED),
    "Tarpeen mukaan:": Rule(cadence=Cadence.AS_NEEDED),
    "viikoilla \n\n43 ja 44": Rule(WeekWindow(43, 44)),
    "helmi- \nmaaliskuussa": Rule(MonthWindow(2, 3)),
    "2024-2025": Rule(years=YearPattern(valid_from=2024, valid_to=2025)),
    "viikko 40": Rule(WeekWindow(40, 40)),
    "joka toinen vuosi": Rule(years=YearPattern(2)),
}


def test_seed_phrases_are_all_covered() -> None:
    assert set(SEED_PHRASES) == set(SEED_RULES)
    assert len(SEED_PHRASES) == len(SEED_RULES)


@pytest.mark.parametrize("phrase", SEED_PHRASES)
def test_seed_phrase_parses_to_the_expected_rule(phrase: str) -> None:
    rule = parse_rule(phrase)
    assert rule == SEED_RULES[phrase]
    assert parse_rule(describe(rule)) == rule


def d(text: str) -> dt.date:
    """``"21.10.2024"`` → ``date(2024, 10, 21)``."""
    day, month, year = (int(part) for part in text.split("."))
    return dt.date(year, month, day)


def spans(*rows: str) -> list[tuple[dt.date, dt.date, bool]]:
    """``"21.10.2024–3.11.2024"`` or ``"R 4.11.2024–30.11.2024"`` (a follow-up)."""
    result = []
    for row in rows:
        follow_up = row.startswith("R ")
        start, end = row.removeprefix("R ").split("–")
        result.append((d(start), d(end), follow_up))
    return result


def occurrences(text: str) -> list[tuple[dt.date, dt.date, bool]]:
    rule = parse_rule(text)
    return [(o.start, o.end, o.follow_up) for o in rule.occurrences(QUERY_START, QUERY_END)]


EVERY_YEAR = range(2024, 2033)

EXPECTED: dict[str, list[tuple[dt.date, dt.date, bool]]] = {
    # "Hyvinvointi virtaa" week 40.
    "viikko 40": spans(
        "30.9.2024–6.10.2024",
        "29.9.2025–5.10.2025",
        "28.9.2026–4.10.2026",
        "4.10.2027–10.10.2027",
        "2.10.2028–8.10.2028",
        "1.10.2029–7.10.2029",
        "30.9.2030–6.10.2030",
        "29.9.2031–5.10.2031",
        "27.9.2032–3.10.2032",
    ),
    # Guardian survey, weeks 43–44, results at the earliest in November: the
    # results start the day after week 44 ends, or 1.11. in 2032 when week 44
    # ends on 31.10.
    "toteutetaan viikoilla \n43 ja 44. Tulokset aikaisintaan marraskuussa.": spans(
        "21.10.2024–3.11.2024",
        "R 4.11.2024–30.11.2024",
        "20.10.2025–2.11.2025",
        "R 3.11.2025–30.11.2025",
        "19.10.2026–1.11.2026",
        "R 2.11.2026–30.11.2026",
        "25.10.2027–7.11.2027",
        "R 8.11.2027–30.11.2027",
        "23.10.2028–5.11.2028",
        "R 6.11.2028–30.11.2028",
        "22.10.2029–4.11.2029",
        "R 5.11.2029–30.11.2029",
        "21.10.2030–3.11.2030",
        "R 4.11.2030–30.11.2030",
        "20.10.2031–2.11.2031",
        "R 3.11.2031–30.11.2031",
        "18.10.2032–31.10.2032",
        "R 1.11.2032–30.11.2032",
    ),
    "viikoilla \n\n43 ja 44": spans(
        "21.10.2024–3.11.2024",
        "20.10.2025–2.11.2025",
        "19.10.2026–1.11.2026",
        "25.10.2027–7.11.2027",
        "23.10.2028–5.11.2028",
        "22.10.2029–4.11.2029",
        "21.10.2030–3.11.2030",
        "20.10.2031–2.11.2031",
        "18.10.2032–31.10.2032",
    ),
    # Bullying survey, weeks 48–49, results in January of the next year.  The
    # 2023 survey (27.11.–10.12.2023) has its results in January 2024.
    "toteutetaan vuosittain \nviikoilla 48 ja 49. Tulokset aikaisintaan tammikuussa.": spans(
        "R 1.1.2024–31.1.2024",
        "25.11.2024–8.12.2024",
        "R 1.1.2025–31.1.2025",
        "24.11.2025–7.12.2025",
        "R 1.1.2026–31.1.2026",
        "23.11.2026–6.12.2026",
        "R 1.1.2027–31.1.2027",
        "29.11.2027–12.12.2027",
        "R 1.1.2028–31.1.2028",
        "27.11.2028–10.12.2028",
        "R 1.1.2029–31.1.2029",
        "26.11.2029–9.12.2029",
        "R 1.1.2030–31.1.2030",
        "25.11.2030–8.12.2030",
        "R 1.1.2031–31.1.2031",
        "24.11.2031–7.12.2031",
        "R 1.1.2032–31.1.2032",
        "22.11.2032–5.12.2032",
    ),
    # TEA-viisari, October–December of even years.
    "parillisen vuoden loka- joulukuussa": spans(
        "1.10.2024–31.12.2024",
        "1.10.2026–31.12.2026",
        "1.10.2028–31.12.2028",
        "1.10.2030–31.12.2030",
        "1.10.2032–31.12.2032",
    ),
    "11.2.": spans(*(f"11.2.{y}–11.2.{y}" for y in EVERY_YEAR)),
    "tammi-maaliskuussa": spans(*(f"1.1.{y}–31.3.{y}" for y in EVERY_YEAR)),
    "helmi- \nmaaliskuussa": spans(*(f"1.2.{y}–31.3.{y}" for y in EVERY_YEAR)),
    # Kouluterveyskysely: spring every other year, last 2025; results in the autumn.
    "keväisin joka toinen \n\nvuosi. Viimeksi vuonna 2025. Tulokset \n\nsyksyllä. ": spans(
        "1.1.2025–31.5.2025",
        "R 1.8.2025–31.12.2025",
        "1.1.2027–31.5.2027",
        "R 1.8.2027–31.12.2027",
        "1.1.2029–31.5.2029",
        "R 1.8.2029–31.12.2029",
        "1.1.2031–31.5.2031",
        "R 1.8.2031–31.12.2031",
    ),
    "kesän ajalla": spans(*(f"1.6.{y}–31.7.{y}" for y in EVERY_YEAR)),
    # No window: no dates (Amisbarometri names no month; the Tuttu project
    # is a validity only; cadences are agenda items).
    "Joka toinen vuosi. Seuraava 2026. Tulokset elokuussa.": [],
    "joka toinen vuosi": [],
    "2024-2025": [],
    "Jokaisessa kokouksessa:": [],
    "Tarpeen mukaan kokouksessa:": [],
    "Tarpeen mukaan:": [],
    # Beyond the seed: wraps across the new year, week 53 and 29.2.
    "viikoilla 52 ja 1": spans(
        "25.12.2023–7.1.2024",
        "23.12.2024–5.1.2025",
        "22.12.2025–4.1.2026",
        "21.12.2026–10.1.2027",  # 2026 has a week 53: three weeks
        "27.12.2027–9.1.2028",
        "25.12.2028–7.1.2029",
        "24.12.2029–6.1.2030",
        "23.12.2030–5.1.2031",
        "22.12.2031–4.1.2032",
        "20.12.2032–9.1.2033",  # 2032 has a week 53 too
    ),
    "marras-tammikuussa": spans(
        *(f"1.11.{y}–31.1.{y + 1}" for y in range(2023, 2033)),
    ),
    "viikolla 53": spans(
        "28.12.2026–3.1.2027",
        "27.12.2032–2.1.2033",
    ),
    "29.2.": spans(
        "29.2.2024–29.2.2024",
        "29.2.2028–29.2.2028",
        "29.2.2032–29.2.2032",
    ),
    "1.6.–15.8.": spans(*(f"1.6.{y}–15.8.{y}" for y in EVERY_YEAR)),
}


def test_every_seed_phrase_has_expected_dates() -> None:
    assert set(SEED_PHRASES) <= set(EXPECTED)


@pytest.mark.parametrize("text", list(EXPECTED))
def test_occurrences_2024_2032(text: str) -> None:
    assert occurrences(text) == EXPECTED[text]


def test_marras_tammikuussa_spelled_out() -> None:
    # The generator above, checked against two rows written by hand.
    rows = EXPECTED["marras-tammikuussa"]
    assert rows[0] == (d("1.11.2023"), d("31.1.2024"), False)
    assert rows[-1] == (d("1.11.2032"), d("31.1.2033"), False)
    assert len(rows) == 10
