"""Swedish timing phrases (issue 17): the reader, the writer and their laws.

* Twins: every Swedish phrase of ``data/phrase_corpus_sv.toml`` parses to the
  rule of its Finnish twin in ``data/phrase_corpus.toml`` and has that
  corpus's hand-worked dates (an oracle written without the library).
* A Swedish table with exact dates worked out by hand here (week 53, 29.2.,
  the turn of the year, biennial anchors, the school calendar).
* Round trips over the public strategies: ``parse_rule(describe(r, "sv"),
  lang="sv") == r``, and the Swedish text means what the Finnish text means.
* Fuzzing as for Finnish: any text parses or raises a RuleSyntaxError with a
  Swedish message that names a word of the text.
"""

from __future__ import annotations

import datetime as dt
import doctest
import itertools
import pickle
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_phrases import FUZZ, fuzz_strategies

from opiskeluhuolto import describe, parse_rule, phrases_sv
from opiskeluhuolto import strategies as ost
from opiskeluhuolto.builder import RuleBuilder
from opiskeluhuolto.phrases import (
    RuleSyntaxError,
    describe_follow_up,
    describe_window,
    parse_follow_up,
    parse_rule_with_warnings,
)
from opiskeluhuolto.recurrence import (
    MAX_CADENCE_INTERVAL,
    BreakRelation,
    BreakWindow,
    Cadence,
    DateWindow,
    DeadlineWindow,
    Direction,
    FollowUp,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NextMeeting,
    NthWeekdayWindow,
    Phase,
    Repeat,
    Rule,
    RuleProblem,
    SchoolDays,
    SchoolDayWindow,
    SchoolYear,
    Season,
    SeasonWindow,
    TermAnchor,
    TermPart,
    TermWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    WeekWindow,
    WindowList,
    YearPattern,
    repeat_problems,
    rule_problems,
    year_pattern_problems,
)
from opiskeluhuolto.school import Break, SchoolCalendar, Term

DATA = Path(__file__).parent / "data"
FINNISH: dict[str, Any] = tomllib.loads((DATA / "phrase_corpus.toml").read_text(encoding="utf-8"))
SWEDISH: dict[str, Any] = tomllib.loads(
    (DATA / "phrase_corpus_sv.toml").read_text(encoding="utf-8")
)
FINNISH_BY_PHRASE: dict[str, dict[str, Any]] = {e["phrase"]: e for e in FINNISH["accepted"]}
TWINS: list[dict[str, Any]] = SWEDISH["twins"]
REFUSED: list[dict[str, Any]] = SWEDISH["refused"]

Row = tuple[dt.date, dt.date, str | None, bool]


def sv(text: str) -> Rule:
    return parse_rule(text, lang="sv")


def rows(rule: Rule, school_year: int, school: SchoolCalendar | None = None) -> list[Row]:
    year = SchoolYear(school_year)
    return [
        (
            occ.start,
            occ.end,
            None if occ.time is None else f"{occ.time.start:%H:%M}-{occ.time.end:%H:%M}",
            bool(occ.follow_up),
        )
        for occ in rule.occurrences(year.start, year.end, school)
    ]


# ---------------------------------------------------------------------------
# Twins of the Finnish corpus: the same rule and the corpus's own dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("twin", [pytest.param(t, id=t["sv"]) for t in TWINS])
def test_swedish_twin_is_the_finnish_rule_with_the_corpus_dates(twin: dict[str, Any]) -> None:
    finnish = FINNISH_BY_PHRASE[twin["fi"]]
    rule = sv(twin["sv"])
    assert rule == parse_rule(twin["fi"])
    expected = [
        (o["start"], o["end"], o.get("time"), bool(o.get("results", False)))
        for o in finnish["occurrences"]
    ]
    assert rows(rule, finnish.get("school_year", 2026)) == expected
    assert sv(describe(rule, "sv")) == rule


def test_the_twins_cover_the_finnish_corpus() -> None:
    twinned = [t["fi"] for t in TWINS]
    assert set(twinned) <= FINNISH_BY_PHRASE.keys()
    assert len(set(twinned)) >= 0.9 * len(FINNISH_BY_PHRASE)
    duplicates = [
        p
        for p, n in Counter([t["sv"] for t in TWINS] + [e["phrase"] for e in REFUSED]).items()
        if n > 1
    ]
    assert duplicates == []
    assert len(REFUSED) >= 60


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["phrase"]) for e in REFUSED])
def test_refused_swedish_phrase_names_the_word_in_swedish(entry: dict[str, Any]) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        sv(entry["phrase"])
    error = info.value
    assert error.word.casefold() == entry["word"].casefold(), entry["why"]
    assert error.lang == "sv"
    assert error.message_sv is not None
    assert error.message("sv") == error.message_sv
    assert "går inte ihop med resten" not in error.message_sv  # every conflict has its Swedish
    assert str(error).startswith("kan inte läsa tidpunkten ")
    assert error.message_fi and error.message_en  # the fi/en API keeps working


# ---------------------------------------------------------------------------
# A Swedish table with exact dates (worked out by hand)
# ---------------------------------------------------------------------------

# Facts: ISO 2026 has 53 weeks (week 53 = Mon 28.12.2026 – Sun 3.1.2027), ISO 2027
# has 52; ISO 2027 week 1 starts Mon 4.1.2027; 1.9.2026 is a Tuesday, 1.10.2026 a
# Thursday; 2028 is a leap year, 2027 is not.
D = dt.date
EXACT: list[tuple[str, int, list[Row]]] = [
    ("vecka 53", 2026, [(D(2026, 12, 28), D(2027, 1, 3), None, False)]),
    ("vecka 53", 2027, []),
    ("fredag vecka 53", 2026, [(D(2027, 1, 1), D(2027, 1, 1), None, False)]),
    ("29.2.", 2026, []),
    ("29.2.", 2027, [(D(2028, 2, 29), D(2028, 2, 29), None, False)]),
    ("senast i februari", 2027, [(D(2028, 2, 29), D(2028, 2, 29), None, False)]),
    ("veckorna 52–1", 2026, [(D(2026, 12, 21), D(2027, 1, 10), None, False)]),
    ("veckorna 52 och 1", 2026, [(D(2026, 12, 21), D(2027, 1, 10), None, False)]),
    ("i november–januari", 2026, [(D(2026, 11, 1), D(2027, 1, 31), None, False)]),
    ("15.12.–15.1.", 2026, [(D(2026, 12, 15), D(2027, 1, 15), None, False)]),
    ("28.12.2026–3.1.2027", 2026, [(D(2026, 12, 28), D(2027, 1, 3), None, False)]),
    ("jämna år i oktober–december", 2026, [(D(2026, 10, 1), D(2026, 12, 31), None, False)]),
    ("jämna år i oktober–december", 2027, []),
    ("udda år i oktober–december", 2027, [(D(2027, 10, 1), D(2027, 12, 31), None, False)]),
    ("vartannat år i september, nästa gång 2027", 2026, []),
    (
        "vartannat år i september, nästa gång 2027",
        2027,
        [(D(2027, 9, 1), D(2027, 9, 30), None, False)],
    ),
    ("vart tredje år i maj, senast 2024", 2026, [(D(2027, 5, 1), D(2027, 5, 31), None, False)]),
    ("vart tredje år i maj, senast 2024", 2027, []),
    (
        "veckorna 43 och 44, resultat tidigast i november",
        2026,
        [
            (D(2026, 10, 19), D(2026, 11, 1), None, False),
            (D(2026, 11, 2), D(2026, 11, 30), None, True),
        ],
    ),
    (
        "veckorna 43–44, resultat tidigast vecka 2",
        2026,
        [
            (D(2026, 10, 19), D(2026, 11, 1), None, False),
            (D(2027, 1, 11), D(2027, 1, 17), None, True),
        ],
    ),
    (
        "andra tisdagen i september kl. 14–15.30",
        2026,
        [(D(2026, 9, 8), D(2026, 9, 8), "14:00-15:30", False)],
    ),
    ("sista fredagen i oktober", 2026, [(D(2026, 10, 30), D(2026, 10, 30), None, False)]),
    ("femte torsdagen i oktober", 2026, [(D(2026, 10, 29), D(2026, 10, 29), None, False)]),
    (
        "varannan vecka i september",
        2026,
        [
            (D(2026, 9, 1), D(2026, 9, 6), None, False),
            (D(2026, 9, 14), D(2026, 9, 20), None, False),
            (D(2026, 9, 28), D(2026, 9, 30), None, False),
        ],
    ),
    (
        "på måndagar i september kl. 8.15",
        2026,
        [(D(2026, 9, day), D(2026, 9, day), "08:15-09:15", False) for day in (7, 14, 21, 28)],
    ),
    ("i början av oktober", 2026, [(D(2026, 10, 1), D(2026, 10, 10), None, False)]),
    ("på senhösten", 2026, [(D(2026, 11, 1), D(2026, 12, 31), None, False)]),
    ("senast 30.9.", 2026, [(D(2026, 9, 30), D(2026, 9, 30), None, False)]),
    ("vecka 40 år 2027", 2026, []),
    ("vecka 40 år 2027", 2027, [(D(2027, 10, 4), D(2027, 10, 10), None, False)]),
]


@pytest.mark.parametrize(
    ("phrase", "school_year", "expected"),
    [pytest.param(*row, id=f"{row[0]} {row[1]}") for row in EXACT],
)
def test_swedish_phrase_has_the_exact_dates(
    phrase: str, school_year: int, expected: list[Row]
) -> None:
    rule = sv(phrase)
    assert rows(rule, school_year) == expected
    assert sv(describe(rule, "sv")) == rule


# The school calendar: terms 12.8.–18.12.2026 and 7.1.–28.5.2027, the autumn
# break in week 42 (Mon 12.10. – Sun 18.10.2026), the winter break in week 9
# (Mon 1.3. – Sun 7.3.2027).  6.12.2026 is a Sunday.
SCHOOL = SchoolCalendar(
    terms=[Term(2026, (D(2026, 8, 12), D(2026, 12, 18)), (D(2027, 1, 7), D(2027, 5, 28)))],
    breaks=(
        Break("syysloma", "Syysloma", parse_rule("viikolla 42")),
        Break("hiihtoloma", "Hiihtoloma", parse_rule("viikolla 9")),
    ),
)
SCHOOL_TWINS: list[tuple[str, str, list[tuple[dt.date, dt.date]]]] = [
    ("höstlovet", "syyslomalla", [(D(2026, 10, 12), D(2026, 10, 18))]),
    ("under höstlovet", "syyslomalla", [(D(2026, 10, 12), D(2026, 10, 18))]),
    ("höstlovsveckan", "syyslomaviikolla", [(D(2026, 10, 12), D(2026, 10, 18))]),
    ("under lovet syysloma", "syyslomalla", [(D(2026, 10, 12), D(2026, 10, 18))]),
    ("sportlovet", "hiihtolomalla", [(D(2027, 3, 1), D(2027, 3, 7))]),
    ("före höstlovet", "ennen syyslomaa", [(D(2026, 10, 5), D(2026, 10, 9))]),
    ("efter höstlovet", "syysloman jälkeen", [(D(2026, 10, 19), D(2026, 10, 23))]),
    ("läsårets första skoldag", "lukuvuoden ensimmäisenä koulupäivänä", [(D(2026, 8, 12),) * 2]),
    ("i början av läsåret", "lukuvuoden alussa", [(D(2026, 8, 12), D(2026, 8, 14))]),
    ("läsårets början", "lukuvuoden alussa", [(D(2026, 8, 12), D(2026, 8, 14))]),
    ("i slutet av höstterminen", "syyslukukauden lopussa", [(D(2026, 12, 14), D(2026, 12, 18))]),
    ("höstterminens slut", "syyslukukauden lopussa", [(D(2026, 12, 14), D(2026, 12, 18))]),
    (
        "vårterminens sista skoldag",
        "kevätlukukauden viimeisenä koulupäivänä",
        [(D(2027, 5, 28),) * 2],
    ),
    ("läsårets sista skoldag", "lukuvuoden viimeisenä koulupäivänä", [(D(2027, 5, 28),) * 2]),
    ("skoldagen före 6.12.", "6.12. edeltävänä koulupäivänä", [(D(2026, 12, 4),) * 2]),
    ("sista skoldagen före 6.12.", "viimeisenä koulupäivänä ennen 6.12.", [(D(2026, 12, 4),) * 2]),
    (
        "första skoldagen efter 1.9.",
        "ensimmäisenä koulupäivänä 1.9. jälkeen",
        [(D(2026, 9, 2),) * 2],
    ),
    ("skoldagen efter 1.9.", "1.9. jälkeisenä koulupäivänä", [(D(2026, 9, 2),) * 2]),
    (
        "6.12., flyttas till föregående skoldag",
        "6.12., siirtyy edelliseen koulupäivään",
        [(D(2026, 12, 4),) * 2],
    ),
    (
        "6.12. flyttas till nästa skoldag",
        "6.12. siirtyy seuraavaan koulupäivään",
        [(D(2026, 12, 7),) * 2],
    ),
    (
        "på måndagar i oktober, inte under lov",
        "lokakuussa maanantaisin, ei lomilla",
        [(D(2026, 10, day),) * 2 for day in (5, 19, 26)],
    ),
    (
        "måndagar i oktober utom på lov",
        "maanantaisin lokakuussa paitsi lomilla",
        [(D(2026, 10, day),) * 2 for day in (5, 19, 26)],
    ),
]


@pytest.mark.parametrize(
    ("swedish", "finnish", "expected"), [pytest.param(*t, id=t[0]) for t in SCHOOL_TWINS]
)
def test_school_calendar_phrases(
    swedish: str, finnish: str, expected: list[tuple[dt.date, dt.date]]
) -> None:
    rule = sv(swedish)
    assert rule == parse_rule(finnish)
    assert [(start, end) for start, end, _, _ in rows(rule, 2026, SCHOOL)] == expected
    assert sv(describe(rule, "sv")) == rule


@pytest.mark.parametrize(
    ("swedish", "finnish"),
    [
        ("senast on 30.9.", "viimeistään ke 30.9."),
        ("senast onsdag 30.9.2026", "viimeistään ke 30.9.2026"),
        ("från 2026 och framåt", "vuodesta 2026 lähtien"),
        ("till och med 2030", "vuoteen 2030 saakka"),
        ("fram till år 2030", "vuoteen 2030 asti"),
        ("resultat: i november–december", "tulokset: marras–joulukuussa"),
        ("vid behov vid mötet", "tarpeen mukaan kokouksessa"),
        ("enligt behov", "tarvittaessa"),
        ("på varje möte", "jokaisessa kokouksessa"),
        ("läsåret 2026", "lukuvuonna 2026"),
        ("varje år", "joka vuosi"),
        ("nästa 2026, vartannat år", "seuraavaksi 2026, joka toinen vuosi"),
        ("senaste gången år 2025, vartannat år", "edellisen kerran 2025, joka toinen vuosi"),
        ("höstarna", "syksyisin"),
        ("om våren", "keväisin"),
        (
            "veckorna 43, 44 och 45, resultat tidigast vecka 47–48",
            "viikoilla 43–45, tulokset aikaisintaan viikoilla 47–48",
        ),
        ("i slutet av läsåret", "lukuvuoden lopussa"),
        ("vårterminens början", "kevätlukukauden alussa"),
    ],
)
def test_more_twins(swedish: str, finnish: str) -> None:
    assert sv(swedish) == parse_rule(finnish)


def test_results_at_the_next_meeting() -> None:
    rule = sv("vecka 40, resultat vid nästa möte")
    assert rule == parse_rule("viikolla 40, tulokset seuraavassa kokouksessa")
    assert rule.follow_up == FollowUp(NextMeeting())
    assert describe(rule, "sv") == "vecka 40, resultat vid nästa möte"


# ---------------------------------------------------------------------------
# describe(rule, "sv"): canonical Swedish
# ---------------------------------------------------------------------------

DESCRIBE_SV: list[tuple[Rule, str]] = [
    (
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), True)),
        "veckorna 43–44, resultat tidigast i november",
    ),
    (Rule(WeekWindow(40, 40)), "vecka 40"),
    (Rule(WeekWindow(52, 1)), "veckorna 52–1"),
    (Rule(WindowList((WeekWindow(2, 3), WeekWindow(33, 34)))), "veckorna 2–3 och 33–34"),
    (Rule(MonthWindow(10, 12), YearPattern.even()), "i oktober–december jämna år"),
    (Rule(MonthWindow(10, 12), YearPattern.odd()), "i oktober–december udda år"),
    (Rule(years=YearPattern(2, Phase.NEXT, 2026)), "vartannat år, nästa gång 2026"),
    (
        Rule(SeasonWindow(Season.SPRING), YearPattern(2, Phase.LAST, 2025)),
        "på våren vartannat år, senast 2025",
    ),
    (Rule(years=YearPattern(3)), "vart tredje år"),
    (Rule(years=YearPattern(12)), "vart 12:e år"),
    (Rule(years=YearPattern(21)), "vart 21:a år"),
    (Rule(years=YearPattern(22)), "vart 22:a år"),
    (Rule(years=YearPattern(11)), "vart 11:e år"),
    (Rule(DateWindow.on(11, 2)), "11.2."),
    (Rule(DateWindow.on(11, 2), YearPattern(valid_from=2027, valid_to=2027)), "11.2.2027"),
    (
        Rule(DateWindow(19, 10, 1, 11), YearPattern(valid_from=2026, valid_to=2026)),
        "19.10.–1.11.2026",
    ),
    (Rule(DateWindow(1, 6, 15, 8)), "1.6.–15.8."),
    (Rule(SeasonWindow(Season.AUTUMN)), "på hösten"),
    (
        Rule(MonthWindow(1, 3), YearPattern(valid_from=2024, valid_to=2025)),
        "i januari–mars åren 2024–2025",
    ),
    (Rule(years=YearPattern(valid_from=2026)), "från år 2026"),
    (Rule(years=YearPattern(valid_to=2030)), "till år 2030"),
    (Rule(cadence=Cadence.EVERY_MEETING), "vid varje möte"),
    (Rule(cadence=Cadence.AS_NEEDED), "vid behov"),
    (Rule(), "årligen"),
    (Rule(WeekdayWindow(37, Weekday.TU, Weekday.TU)), "tisdag vecka 37"),
    (Rule(WeekdayWindow(37, Weekday.MO, Weekday.FR)), "må–fr vecka 37"),
    (Rule(NthWeekdayWindow(9, Weekday.TU, 2)), "andra tisdagen i september"),
    (Rule(NthWeekdayWindow(10, Weekday.FR, -2)), "näst sista fredagen i oktober"),
    (Rule(NthWeekdayWindow(3, Weekday.TH, -5)), "femte sista torsdagen i mars"),
    (Rule(MonthPartWindow(10, MonthPart.MIDDLE)), "i mitten av oktober"),
    (Rule(DeadlineWindow(9, 30)), "senast 30.9."),
    (Rule(DeadlineWindow(2)), "senast i februari"),
    (
        Rule(
            MonthWindow(8, 5),
            repeat=Repeat(Frequency.MONTHLY, 1, Weekday.TU, 2),
            time=TimeOfDay(dt.time(14), dt.time(15, 30)),
        ),
        "i augusti–maj andra tisdagen i varje månad kl. 14.00–15.30",
    ),
    (Rule(repeat=Repeat(Frequency.MONTHLY, 2)), "varannan månad"),
    (
        Rule(repeat=Repeat(Frequency.MONTHLY, 3, Weekday.FR, -1)),
        "sista fredagen i var tredje månad",
    ),
    (Rule(repeat=Repeat(Frequency.WEEKLY)), "varje vecka"),
    (Rule(repeat=Repeat(Frequency.WEEKLY, 2, Weekday.TU)), "varannan tisdag"),
    (Rule(repeat=Repeat(Frequency.WEEKLY, 1, Weekday.MO)), "på måndagar"),
    (
        Rule(repeat=Repeat(Frequency.WEEKLY, 1, Weekday.MO, until=Weekday.FR)),
        "varje vecka må–fr",
    ),
    (
        Rule(repeat=Repeat(Frequency.WEEKLY, 1, parity=WeekParity.EVEN)),
        "jämna veckor",
    ),
    (
        Rule(repeat=Repeat(Frequency.WEEKLY, 1, Weekday.WE, parity=WeekParity.ODD)),
        "udda veckor på onsdagar",
    ),
    (Rule(repeat=Repeat(Frequency.MONTHLY), school_year=2026), "varje månad, läsåret 2026–2027"),
    (Rule(BreakWindow("syysloma")), "under höstlovet"),
    (Rule(BreakWindow("talviloma", BreakRelation.BEFORE)), "före vinterlovet"),
    (Rule(BreakWindow("lukuloma", BreakRelation.AFTER)), "efter lovet lukuloma"),
    (Rule(TermWindow(TermPart.AUTUMN, TermAnchor.FIRST_DAY)), "läsårets första skoldag"),
    (Rule(TermWindow(TermPart.SPRING, TermAnchor.LAST_WEEK)), "i slutet av vårterminen"),
    (Rule(SchoolDayWindow(6, 12, Direction.BEFORE)), "sista skoldagen före 6.12."),
    (Rule(SchoolDayWindow(1, 9, Direction.AFTER)), "första skoldagen efter 1.9."),
    (
        Rule(DateWindow.on(6, 12), school_days=SchoolDays.PREVIOUS),
        "6.12., flyttas till föregående skoldag",
    ),
    (Rule(WeekWindow(40, 40), school_days=SchoolDays.SKIP), "vecka 40, inte under lov"),
    (
        Rule(DateWindow.on(10, 9), time=TimeOfDay(dt.time(17, 30), dt.time(19))),
        "10.9. kl. 17.30–19.00",
    ),
]


@pytest.mark.parametrize(
    ("rule", "swedish"), [pytest.param(*row, id=row[1]) for row in DESCRIBE_SV]
)
def test_describe_in_swedish(rule: Rule, swedish: str) -> None:
    assert describe(rule, "sv") == swedish
    assert sv(swedish) == rule
    assert sv(swedish) == parse_rule(describe(rule))  # the Finnish twin says the same


def test_describe_helpers_in_swedish() -> None:
    assert describe_window(WeekWindow(43, 44), "sv") == "veckorna 43–44"
    assert describe_window(DateWindow(1, 6, 15, 8), "sv") == "1.6.–15.8."
    assert describe_follow_up(FollowUp(MonthWindow(1, 1), earliest=True), "sv") == (
        "resultat tidigast i januari"
    )
    assert describe_follow_up(FollowUp(WeekWindow(47, 47)), "sv") == "resultat vecka 47"
    assert describe_follow_up(FollowUp(DateWindow.on(15, 1)), "sv") == "resultat 15.1."


# ---------------------------------------------------------------------------
# Round trips and twins over every rule the strategies make
# ---------------------------------------------------------------------------


@settings(deadline=None)
@given(ost.rules())
def test_round_trip_in_swedish(rule: Rule) -> None:
    text = describe(rule, "sv")
    assert sv(text) == rule, text
    assert sv(text.upper()) == rule


@settings(deadline=None)
@given(st.one_of(ost.rules(), ost.school_rules()))
def test_swedish_and_finnish_descriptions_mean_the_same(rule: Rule) -> None:
    assert sv(describe(rule, "sv")) == parse_rule(describe(rule))


@settings(deadline=None)
@given(ost.school_rules())
def test_round_trip_of_school_rules_in_swedish(rule: Rule) -> None:
    assert sv(describe(rule, "sv")) == rule


@pytest.mark.parametrize(
    "rule",
    [
        Rule(WeekWindow(53, 53)),
        Rule(WeekWindow(53, 1)),
        Rule(MonthWindow(11, 1)),
        Rule(DateWindow.on(29, 2)),
        Rule(DateWindow(29, 2, 29, 2), YearPattern(valid_from=2027, valid_to=2027)),
        Rule(DateWindow(15, 12, 15, 1), YearPattern(valid_from=2026, valid_to=2026)),
        Rule(years=YearPattern(99, Phase.LAST, 1)),
        Rule(years=YearPattern(valid_from=1, valid_to=9999)),
        Rule(years=YearPattern(2, Phase.ODD, valid_from=2026, valid_to=2026)),
        Rule(follow_up=FollowUp(MonthWindow(12, 2))),
        Rule(follow_up=FollowUp(MonthWindow(8, 9), earliest=True)),
        Rule(BreakWindow("pääsiäisloma")),
        Rule(BreakWindow("kesäloma", BreakRelation.BEFORE)),
        *(Rule(years=YearPattern(n)) for n in range(2, 100)),
        *(Rule(repeat=Repeat(Frequency.WEEKLY, n)) for n in range(2, 53)),
        *(Rule(repeat=Repeat(Frequency.MONTHLY, n, Weekday.SU, -3)) for n in range(2, 13)),
    ],
)
def test_round_trip_edges_in_swedish(rule: Rule) -> None:
    assert sv(describe(rule, "sv")) == rule


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_error_in_swedish_names_the_word_and_its_character() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        sv("veckan 54")
    error = info.value
    assert str(error) == (
        'kan inte läsa tidpunkten "veckan 54": vecka "54" finns inte (veckor 1–53); '
        'ordet "54", tecken 8'
    )
    assert error.message("sv") == 'vecka "54" finns inte (veckor 1–53)'
    assert error.message("fi") == 'viikkoa "54" ei ole (viikot 1–53)'
    assert error.message("en") == 'there is no week "54" (weeks 1–53)'
    assert (error.word, error.position, error.lang) == ("54", 7, "sv")
    assert error.args == (str(error),)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.text, copy.position, copy.word, copy.message_sv, copy.lang, str(copy)) == (
        error.text,
        error.position,
        error.word,
        error.message_sv,
        error.lang,
        str(error),
    )


def test_error_at_the_end_of_a_swedish_phrase() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        sv("veckorna 43 och")
    assert str(info.value) == (
        'kan inte läsa tidpunkten "veckorna 43 och": tidpunkten tar slut för tidigt: '
        "väntade ett veckonummer; i slutet av texten"
    )
    assert (info.value.word, info.value.position) == ("", 15)


def test_unknown_swedish_word_suggests_a_close_one() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        sv("veckorn 40")
    assert info.value.message_sv == 'okänt ord "veckorn" (menade du "veckorna"?)'
    with pytest.raises(RuleSyntaxError) as info:
        sv("höstlovt")
    assert "höstlovet" in (info.value.message_sv or "")


def test_finnish_errors_are_as_before() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("viikolla 40 foo")
    error = info.value
    assert str(error) == 'tuntematon sana "foo" kohdassa 12 (unknown word "foo" at 12)'
    assert (error.lang, error.message_sv) == ("fi", None)
    assert error.message("sv") == error.message_fi  # no Swedish: the Finnish


def test_every_conflict_of_the_builder_has_its_swedish() -> None:
    """The builder writes each conflict in Swedish where it finds it (no translation after)."""
    rule = RuleBuilder[str](str)
    rule.set_validity(2026, None, "x")
    rule.set_validity(2027, None, "x")
    assert rule.problems[-1].sv == '"x": giltighetstiden anges två gånger'

    rule = RuleBuilder[str](str)
    rule.set_weekday(Weekday.TU, "ti")
    rule.add_window(DateWindow.on(14, 9), "14.9.2026")
    rule.set_validity(2026, 2026, "14.9.2026")
    assert rule.build() is None
    assert [p.sv for p in rule.problems] == ['"ti": 14.9.2026 är en måndag, inte en tisdag']

    (problem,) = year_pattern_problems(1, None, None, 2030, 2024)
    assert problem.sv == "giltighetstiden 2030–2024 slutar innan den börjar"


def _invariant_problems() -> list[RuleProblem]:
    """Every broken invariant of small cadences and year patterns (each rule at least once)."""
    found: list[RuleProblem] = []
    for frequency, interval, weekday, nth, until, parity in itertools.product(
        Frequency,
        (1, 2, 99),
        (None, Weekday.TU),
        (None, 2),
        (None, Weekday.MO, Weekday.FR),
        (None, *WeekParity),
    ):
        found += repeat_problems(frequency, interval, weekday, nth, until, parity)
    for interval, phase, anchor, valid_from, valid_to in itertools.product(
        (1, 2, 3), (None, *Phase), (None, 2026), (None, 2030), (None, 2024)
    ):
        found += year_pattern_problems(interval, phase, anchor, valid_from, valid_to)
    weekly = Repeat(Frequency.WEEKLY, 1, Weekday.TU)
    ten = TimeOfDay(dt.time(10))
    for window, cadence, repeat, time, school_year, school_days in (
        (None, None, None, None, 9999, None),
        (MonthWindow(9, 9), Cadence.AS_NEEDED, None, None, None, None),
        (BreakWindow("syysloma"), None, weekly, None, None, None),
        (None, None, None, None, None, SchoolDays.SKIP),
        (MonthWindow(9, 9), None, None, None, None, SchoolDays.NEXT),
        (DateWindow.on(6, 12), None, weekly, None, None, None),
        (DeadlineWindow(9, 30), None, weekly, None, None, None),
        (MonthWindow(9, 9), None, None, ten, None, None),
    ):
        found += rule_problems(
            window, YearPattern(), None, cadence, repeat, time, school_year, school_days
        )
    return found


def test_every_invariant_has_its_swedish() -> None:
    found = _invariant_problems()
    texts = {re.sub(r"\d+", "N", problem.en): problem for problem in found}
    # each of the 19 RuleProblems the invariants write (the interval one for weeks and months)
    assert len(texts) == 20, sorted(texts)
    for problem in texts.values():
        assert problem.sv.strip() and problem.sv not in (problem.fi, problem.en), problem
    # the Swedish the messages had before they were written at the source
    swedish = {problem.sv for problem in found}
    assert f"ett veckointervall är 1–{MAX_CADENCE_INTERVAL[Frequency.WEEKLY]}" in swedish
    assert "jämna/udda år betyder vartannat år, inte vart 3:e år" in swedish
    assert "omöjligt läsår 9999" in swedish


def test_swedish_module_docstrings() -> None:
    result = doctest.testmod(phrases_sv, optionflags=doctest.ELLIPSIS, report=False)
    assert result.attempted >= 2
    assert result.failed == 0


def test_language_must_be_known() -> None:
    with pytest.raises(ValueError):
        parse_rule("vecka 40", lang="de")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_rule(40, lang="sv")  # type: ignore[arg-type]
    assert parse_rule("viikolla 40", lang="fi") == parse_rule("viikolla 40")


# ---------------------------------------------------------------------------
# parse_follow_up and warnings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tidigast i november", FollowUp(MonthWindow(11, 11), True)),
        ("resultat tidigast i november.", FollowUp(MonthWindow(11, 11), True)),
        ("Resultaten: i november–december", FollowUp(MonthWindow(11, 12))),
        ("på hösten", FollowUp(SeasonWindow(Season.AUTUMN))),
        ("tidigast vecka 2", FollowUp(WeekWindow(2, 2), True)),
        ("15.1.", FollowUp(DateWindow.on(15, 1))),
        ("vid nästa möte", FollowUp(NextMeeting())),
        ("från november till januari", FollowUp(MonthWindow(11, 1))),
    ],
)
def test_parse_follow_up_in_swedish(text: str, expected: FollowUp) -> None:
    assert parse_follow_up(text, lang="sv") == expected
    assert parse_follow_up(describe_follow_up(expected, "sv"), lang="sv") == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [("", ""), ("i november foo", "foo"), ("tidigast", ""), ("15.1.2027", "15.1.2027")],
)
def test_parse_follow_up_errors_in_swedish(text: str, word: str) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_follow_up(text, lang="sv")
    assert info.value.word == word
    assert info.value.message_sv is not None and info.value.lang == "sv"


def test_a_weekday_with_a_yearly_date_warns_in_swedish() -> None:
    rule, (warning,) = parse_rule_with_warnings("to 10.9.", lang="sv")
    assert rule == Rule(DateWindow.on(10, 9))
    assert warning.message_sv == (
        "10.9. är en torsdag bara vissa år (2026 ja, 2027 nej); regeln avser datumet"
    )
    assert (warning.word, warning.position) == ("to", 0)
    assert parse_rule_with_warnings("ma 14.9.")[1][0].message_sv is None


# ---------------------------------------------------------------------------
# Fuzzing: any text either parses or raises RuleSyntaxError in Swedish
# ---------------------------------------------------------------------------

VOCABULARY = [
    *["vecka", "veckan", "veckor", "veckorna", "v", "vk", "och", "i", "på", "under", "den"],
    *["januari", "februari", "mars", "maj", "oktober", "december", "från", "till", "fram"],
    *["våren", "sommaren", "hösten", "förhösten", "senvåren", "början", "mitten", "slutet"],
    *["av", "årligen", "varje", "varannan", "vartannat", "var", "vart", "tredje", "år"],
    *["åren", "jämna", "udda", "nästa", "gång", "gången", "senast", "förra", "senaste"],
    *["resultat", "resultaten", "tidigast", "vid", "behov", "möte", "mötet", "enligt"],
    *["må", "ti", "on", "to", "fr", "lö", "sö", "måndag", "tisdagen", "onsdagar", "fredagarna"],
    *["första", "andra", "femte", "sjätte", "sista", "näst", "månad", "månatligen", "veckovis"],
    *["en", "per", "månaden", "kl", "klockan", "läsåret", "läsår", "läsårets", "skoldag"],
    *["skoldagen", "före", "efter", "höstlovet", "sportlovet", "lovet", "lov", "inte", "ej"],
    *["utom", "flyttas", "föregående", "höstterminens", "vårterminen", "utgången", "syysloma"],
    *["genomförs", "med", "framåt", "foo", "höstlovsveckan", "läslovet", "slut"],
    *["/", "14.30", "8.9.2026", "29.2.2028", "31.12.", "15.", "1.", "40.", "12:e", "2:a", ":"],
]
_, swedish_phrases, noisy_swedish = fuzz_strategies(VOCABULARY)


def check_swedish_outcome(text: str) -> None:
    try:
        rule = sv(text)
    except RuleSyntaxError as err:
        assert err.text == text and err.lang == "sv"
        assert 0 <= err.position <= len(text)
        assert text.startswith(err.word, err.position)
        if err.word == "":
            assert err.position in (0, len(text))
        assert err.message_sv, "every Swedish error has its Swedish message"
        assert err.message_fi and err.message_en
        assert str(err).startswith("kan inte läsa tidpunkten ")
    else:
        assert isinstance(rule, Rule)
        assert sv(describe(rule, "sv")) == rule
        assert parse_rule(describe(rule)) == rule  # the same rule in Finnish


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text())
@example("vart 12:e")
@example("var 3. tisdag")
@example("lovet syysloma efter")
def test_fuzz_arbitrary_text_in_swedish(text: str) -> None:
    check_swedish_outcome(text)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(swedish_phrases)
def test_fuzz_swedish_vocabulary_mix(text: str) -> None:
    check_swedish_outcome(text)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(noisy_swedish)
def test_fuzz_swedish_vocabulary_with_noise(text: str) -> None:
    check_swedish_outcome(text)
