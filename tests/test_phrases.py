"""Tests of the Finnish phrase parser and describer (opiskeluhuolto.phrases)."""

from __future__ import annotations

import calendar
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opiskeluhuolto import strategies as ost
from opiskeluhuolto.phrases import (
    RuleSyntaxError,
    describe,
    describe_follow_up,
    describe_window,
    parse_follow_up,
    parse_rule,
)
from opiskeluhuolto.recurrence import (
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    NextMeeting,
    Phase,
    Rule,
    Season,
    SeasonWindow,
    WeekWindow,
    Window,
    WindowList,
    YearPattern,
)

SPRING = SeasonWindow(Season.SPRING)
SUMMER = SeasonWindow(Season.SUMMER)
AUTUMN = SeasonWindow(Season.AUTUMN)
EVERY_OTHER = YearPattern(2)


def weeks(first: int, last: int | None = None) -> Rule:
    return Rule(WeekWindow(first, first if last is None else last))


def months(first: int, last: int | None = None) -> Rule:
    return Rule(MonthWindow(first, first if last is None else last))


# ---------------------------------------------------------------------------
# Every shape of DESIGN section 3 (and the variants the brief names)
# ---------------------------------------------------------------------------

PARSE_TABLE: list[tuple[str, Rule]] = [
    # weeks
    ("viikko 40", weeks(40)),
    ("viikolla 40", weeks(40)),
    ("viikoilla 43 ja 44", weeks(43, 44)),
    ("viikoilla 43–44", weeks(43, 44)),
    ("viikot 43-44", weeks(43, 44)),
    ("vko 48–49", weeks(48, 49)),
    ("vkolla 48 - 49", weeks(48, 49)),
    ("viikoille 43—44", weeks(43, 44)),
    ("viikoilla 43 –44", weeks(43, 44)),
    ("VIIKOILLA 43 JA 44", weeks(43, 44)),
    ("viikoilla 52 ja 1", weeks(52, 1)),
    ("viikoilla 53 ja 1", weeks(53, 1)),
    ("viikoilla 52 ja 53", weeks(52, 53)),
    ("viikoilla 50–2", weeks(50, 2)),
    ("viikolla 53", weeks(53)),
    ("viikolla 1", weeks(1)),
    # months, every month in the inessive and the nominative
    ("tammikuussa", months(1)),
    ("helmikuussa", months(2)),
    ("maaliskuussa", months(3)),
    ("huhtikuussa", months(4)),
    ("toukokuussa", months(5)),
    ("kesäkuussa", months(6)),
    ("heinäkuussa", months(7)),
    ("elokuussa", months(8)),
    ("syyskuussa", months(9)),
    ("lokakuussa", months(10)),
    ("marraskuussa", months(11)),
    ("joulukuussa", months(12)),
    ("tammikuu", months(1)),
    ("helmikuu", months(2)),
    ("maaliskuu", months(3)),
    ("huhtikuu", months(4)),
    ("toukokuu", months(5)),
    ("kesäkuu", months(6)),
    ("heinäkuu", months(7)),
    ("elokuu", months(8)),
    ("syyskuu", months(9)),
    ("lokakuu", months(10)),
    ("marraskuu", months(11)),
    ("joulukuu", months(12)),
    ("Elokuussa", months(8)),
    # month ranges
    ("tammi-maaliskuussa", months(1, 3)),
    ("loka–joulukuussa", months(10, 12)),
    ("helmi- maaliskuussa", months(2, 3)),
    ("helmi- \nmaaliskuussa", months(2, 3)),
    ("helmi -maaliskuussa", months(2, 3)),
    ("marras-tammikuussa", months(11, 1)),
    ("kesä–heinäkuussa", months(6, 7)),
    ("tammikuu–maaliskuussa", months(1, 3)),
    ("tammikuussa–maaliskuussa", months(1, 3)),
    ("tammi–maaliskuu", months(1, 3)),
    ("tammikuusta maaliskuuhun", months(1, 3)),
    ("marraskuusta tammikuuhun asti", months(11, 1)),
    ("syyskuusta joulukuuhun saakka", months(9, 12)),
    # dates
    ("11.2.", Rule(DateWindow.on(11, 2))),
    ("6.12.", Rule(DateWindow.on(6, 12))),
    ("11.2", Rule(DateWindow.on(11, 2))),
    ("29.2.", Rule(DateWindow.on(29, 2))),
    ("31.12.", Rule(DateWindow.on(31, 12))),
    ("01.02.", Rule(DateWindow.on(1, 2))),
    ("1.6.–15.8.", Rule(DateWindow(1, 6, 15, 8))),
    ("1.6. - 15.8.", Rule(DateWindow(1, 6, 15, 8))),
    ("15.12.–15.1.", Rule(DateWindow(15, 12, 15, 1))),
    ("1.6.–1.6.", Rule(DateWindow.on(1, 6))),
    # seasons
    ("keväisin", Rule(SPRING)),
    ("keväällä", Rule(SPRING)),
    ("kevään aikana", Rule(SPRING)),
    ("kevään ajalla", Rule(SPRING)),
    ("syksyllä", Rule(AUTUMN)),
    ("syksyisin", Rule(AUTUMN)),
    ("syksyn aikana", Rule(AUTUMN)),
    ("kesällä", Rule(SUMMER)),
    ("kesäisin", Rule(SUMMER)),
    ("kesän ajalla", Rule(SUMMER)),
    ("kesän aikana", Rule(SUMMER)),
    # year patterns
    ("vuosittain", Rule()),
    ("joka vuosi", Rule()),
    ("joka toinen vuosi", Rule(years=EVERY_OTHER)),
    ("joka kolmas vuosi", Rule(years=YearPattern(3))),
    ("joka neljäs vuosi", Rule(years=YearPattern(4))),
    ("joka viides vuosi", Rule(years=YearPattern(5))),
    ("joka kymmenes vuosi", Rule(years=YearPattern(10))),
    ("joka 3. vuosi", Rule(years=YearPattern(3))),
    ("joka 3.vuosi", Rule(years=YearPattern(3))),
    ("joka 12. vuosi", Rule(years=YearPattern(12))),
    ("joka 1. vuosi", Rule()),
    ("joka 99. vuosi", Rule(years=YearPattern(99))),
    ("parillisen vuoden", Rule(years=YearPattern.even())),
    ("parillisina vuosina", Rule(years=YearPattern.even())),
    ("parillisena vuonna", Rule(years=YearPattern.even())),
    ("parittoman vuoden", Rule(years=YearPattern.odd())),
    ("parittomina vuosina", Rule(years=YearPattern.odd())),
    ("parittomana vuonna", Rule(years=YearPattern.odd())),
    ("joka toinen vuosi, parillisina vuosina", Rule(years=YearPattern.even())),
    ("joka toinen vuosi, seuraava 2026", Rule(years=YearPattern(2, Phase.NEXT, 2026))),
    ("joka toinen vuosi, seuraavan kerran 2026", Rule(years=YearPattern(2, Phase.NEXT, 2026))),
    ("joka toinen vuosi, seuraavaksi 2026", Rule(years=YearPattern(2, Phase.NEXT, 2026))),
    ("joka toinen vuosi, seuraava vuonna 2026", Rule(years=YearPattern(2, Phase.NEXT, 2026))),
    ("joka toinen vuosi, viimeksi 2025", Rule(years=YearPattern(2, Phase.LAST, 2025))),
    ("joka toinen vuosi, viimeksi vuonna 2025", Rule(years=YearPattern(2, Phase.LAST, 2025))),
    ("joka toinen vuosi, edellinen 2025", Rule(years=YearPattern(2, Phase.LAST, 2025))),
    (
        "joka toinen vuosi, edellisen kerran vuonna 2025",
        Rule(years=YearPattern(2, Phase.LAST, 2025)),
    ),
    ("seuraava 2028, joka kolmas vuosi", Rule(years=YearPattern(3, Phase.NEXT, 2028))),
    # validity
    ("2024–2025", Rule(years=YearPattern(valid_from=2024, valid_to=2025))),
    ("2024-2025", Rule(years=YearPattern(valid_from=2024, valid_to=2025))),
    ("2024 - 2025", Rule(years=YearPattern(valid_from=2024, valid_to=2025))),
    ("vuosina 2024–2025", Rule(years=YearPattern(valid_from=2024, valid_to=2025))),
    ("vuonna 2026", Rule(years=YearPattern(valid_from=2026, valid_to=2026))),
    ("vuodesta 2026 alkaen", Rule(years=YearPattern(valid_from=2026))),
    ("vuodesta 2026 lähtien", Rule(years=YearPattern(valid_from=2026))),
    ("vuodesta 2026", Rule(years=YearPattern(valid_from=2026))),
    ("vuoteen 2030 asti", Rule(years=YearPattern(valid_to=2030))),
    ("vuoteen 2030 saakka", Rule(years=YearPattern(valid_to=2030))),
    ("vuodesta 2024 vuoteen 2030", Rule(years=YearPattern(valid_from=2024, valid_to=2030))),
    # combined
    (
        "parillisen vuoden loka-joulukuussa",
        Rule(MonthWindow(10, 12), YearPattern.even()),
    ),
    (
        "keväisin joka toinen vuosi. Viimeksi vuonna 2025",
        Rule(SPRING, YearPattern(2, Phase.LAST, 2025)),
    ),
    ("vuosittain viikoilla 48 ja 49", weeks(48, 49)),
    (
        "joka toinen vuosi, seuraava 2027, syyskuussa",
        Rule(MonthWindow(9, 9), YearPattern(2, Phase.NEXT, 2027)),
    ),
    (
        "syyskuussa; joka toinen vuosi: seuraava 2027",
        Rule(MonthWindow(9, 9), YearPattern(2, Phase.NEXT, 2027)),
    ),
    (
        "tulokset syksyllä, viimeksi 2025, joka toinen vuosi, keväällä",
        Rule(SPRING, YearPattern(2, Phase.LAST, 2025), FollowUp(AUTUMN)),
    ),
    (
        "tammi–maaliskuussa vuosina 2024–2025",
        Rule(MonthWindow(1, 3), YearPattern(valid_from=2024, valid_to=2025)),
    ),
    (
        "joka toinen vuosi, seuraava 2026, vuosina 2024–2030, syyskuussa",
        Rule(MonthWindow(9, 9), YearPattern(2, Phase.NEXT, 2026, 2024, 2030)),
    ),
    (
        "loka–joulukuussa parillisina vuosina, vuodesta 2024 alkaen",
        Rule(MonthWindow(10, 12), YearPattern(2, Phase.EVEN, valid_from=2024)),
    ),
    # follow-ups
    (
        "tulokset aikaisintaan marraskuussa",
        Rule(follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
    ),
    ("tulokset elokuussa", Rule(follow_up=FollowUp(MonthWindow(8, 8)))),
    ("tulokset syksyllä", Rule(follow_up=FollowUp(AUTUMN))),
    ("Tulokset: marras–joulukuussa", Rule(follow_up=FollowUp(MonthWindow(11, 12)))),
    ("tulokset aikaisintaan kevään aikana", Rule(follow_up=FollowUp(SPRING, earliest=True))),
    (
        "viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), True)),
    ),
    # undated
    ("jokaisessa kokouksessa", Rule(cadence=Cadence.EVERY_MEETING)),
    ("Jokaisessa kokouksessa:", Rule(cadence=Cadence.EVERY_MEETING)),
    ("tarpeen mukaan", Rule(cadence=Cadence.AS_NEEDED)),
    ("tarpeen mukaan kokouksessa", Rule(cadence=Cadence.AS_NEEDED)),
    ("tarvittaessa", Rule(cadence=Cadence.AS_NEEDED)),
    # fillers and separators
    ("toteutetaan viikolla 40", weeks(40)),
    ("järjestetään keväällä", Rule(SPRING)),
    ("pidetään 6.12.", Rule(DateWindow.on(6, 12))),
    ("  viikolla\t40 .", weeks(40)),
    ("viikolla 40\r\n", weeks(40)),
    ("viikolla\u00a040", weeks(40)),
    ("keva\u0308a\u0308lla\u0308", Rule(SPRING)),  # decomposed ä
]


@pytest.mark.parametrize(("text", "expected"), PARSE_TABLE)
def test_parse_table(text: str, expected: Rule) -> None:
    assert parse_rule(text) == expected


# Phrases the first edition refused and the second reads (DESIGN §8).
SECOND_EDITION_TABLE: list[tuple[str, Rule]] = [
    ("viikoilla 43 ja 45", Rule(WindowList((WeekWindow(43, 43), WeekWindow(45, 45))))),
    ("viikoilla 44 ja 43", weeks(43, 44)),  # touching windows merge, in any order
    ("viikoilla 52 ja 1", Rule(WeekWindow(52, 1))),  # the turn of the year
    # not consecutive: two windows of the same ISO year
    ("viikoilla 51 ja 1", Rule(WindowList((WeekWindow(1, 1), WeekWindow(51, 51))))),
    ("11.2.2026", Rule(DateWindow.on(11, 2), YearPattern(valid_from=2026, valid_to=2026))),
    ("elokuussa, syyskuussa", Rule(MonthWindow(8, 9))),
    (
        "viikoilla 43–44, tulokset viikolla 45",
        Rule(WeekWindow(43, 44), follow_up=FollowUp(WeekWindow(45, 45))),
    ),
    ("11.9., tulokset 1.12.", Rule(DateWindow.on(11, 9), follow_up=FollowUp(DateWindow.on(1, 12)))),
]


@pytest.mark.parametrize(("text", "expected"), SECOND_EDITION_TABLE)
def test_second_edition_table(text: str, expected: Rule) -> None:
    assert parse_rule(text) == expected


# ---------------------------------------------------------------------------
# Errors: exact word and position
# ---------------------------------------------------------------------------

ERROR_TABLE: list[tuple[str, str, int]] = [
    # (text, word, position)
    ("", "", 0),
    ("   \n\t", "", 0),
    ("...", "", 3),
    ("toteutetaan", "", 11),
    ("foo", "foo", 0),
    ("viikolla 40 foo", "foo", 12),
    ("Viikolla 40 Foo", "Foo", 12),
    ("viikolla 40!", "!", 11),
    ("– viikolla 40", "–", 0),
    ("viikoilla 43 ja", "", 15),
    ("viikoilla 43-", "", 13),
    ("viikoilla", "", 9),
    ("viikoilla ja 44", "ja", 10),
    ("viikko 54", "54", 7),
    ("viikko 0", "0", 7),
    ("viikolla 99999999999999999999999999", "99999999999999999999999999", 9),
    ("31.2.", "31.2.", 0),
    ("30.2.", "30.2.", 0),
    ("31.4.", "31.4.", 0),
    ("1.13.", "1.13.", 0),
    ("0.1.", "0.1.", 0),
    ("1.0.", "1.0.", 0),
    ("123.4.", "123.4.", 0),
    ("1.6.–31.9.", "31.9.", 5),
    ("1.6.–", "", 5),
    ("1.6.– viikolla 2", "viikolla", 6),
    ("tammi", "", 5),
    ("tammi maaliskuussa", "maaliskuussa", 6),
    ("tammi-", "", 6),
    ("tammi-maaliskuuhun", "maaliskuuhun", 6),
    ("maaliskuuhun", "maaliskuuhun", 0),
    ("tammikuusta", "", 11),
    ("tammikuusta maaliskuussa", "maaliskuussa", 12),
    ("kesän", "", 5),
    ("kesän jälkeen", "jälkeen", 6),
    ("talvella", "talvella", 0),
    ("viikolla 40 keväällä", "keväällä", 12),
    ("joka toinen vuosi, vuosittain", "vuosittain", 19),
    ("parillisina vuosina, joka kolmas vuosi", "joka", 21),
    ("joka kolmas vuosi, parillisina vuosina", "parillisina", 19),
    ("parillisina vuosina, parittomina vuosina", "parittomina", 21),
    ("parillisina vuosina, seuraava 2026", "seuraava", 21),
    ("parillisina vuonna", "vuonna", 12),
    ("joka", "", 4),
    ("joka toinen", "", 11),
    ("joka toinen vuosina", "vuosina", 12),
    ("joka 0. vuosi", "0", 5),
    ("joka 100. vuosi", "100", 5),
    ("seuraava 2026", "seuraava", 0),
    ("viimeksi vuonna 2025, keväällä", "viimeksi", 0),
    ("vuosittain, seuraava 2026", "seuraava", 12),
    ("seuraava 2026, vuosittain", "vuosittain", 15),
    ("joka toinen vuosi, seuraava 2026, viimeksi 2024", "viimeksi", 34),
    ("joka toinen vuosi, seuraava", "", 27),
    ("joka toinen vuosi, seuraava 10000", "10000", 28),
    ("joka toinen vuosi, seuraava 0", "0", 28),
    ("seuraavan 2026", "2026", 10),
    ("2026", "2026", 0),
    ("40", "40", 0),
    ("43-44", "43", 0),
    ("2024-", "", 5),
    ("2024-25", "25", 5),
    ("vuosina 2025–2024", "vuosina", 0),
    ("vuodesta 2030, vuoteen 2020", "vuoteen", 15),
    ("vuonna 2026, vuonna 2027", "vuonna", 13),
    ("vuosina 2024", "", 12),
    ("tulokset", "", 8),
    ("tulokset syksyllä, tulokset keväällä", "tulokset", 19),
    ("tulokset syksyllä, tulokset talvella", "talvella", 28),
    ("2025-2024", "2025", 0),
    ("0000-0001", "0000", 0),
    ("jokaisessa", "", 10),
    ("jokaisessa kokouksessa, tulokset syksyllä", "tulokset", 24),
    ("jokaisessa kokouksessa, tarpeen mukaan", "tarpeen", 24),
    ("tarpeen mukaan joka toinen vuosi", "joka", 15),
    ("tarpeen mukaan vuosittain", "vuosittain", 15),
    ("viikolla 40, tarvittaessa", "tarvittaessa", 13),
    ("vuonna 2026, tarvittaessa", "tarvittaessa", 13),
    ("tarpeen", "", 7),
    ("viikolla 40 ²", "²", 12),
    ("viikolla ٤٠", "٤", 9),
]


@pytest.mark.parametrize(("text", "word", "position"), ERROR_TABLE)
def test_errors_point_at_the_word(text: str, word: str, position: int) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(text)
    err = info.value
    assert (err.word, err.position) == (word, position)
    assert err.text == text
    assert isinstance(err, ValueError)
    assert f"kohdassa {position}" in str(err)
    if word:
        assert f'"{word}"' in err.message_fi
        assert f'"{word}"' in str(err)


def test_error_message_format() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("viikolla 40 foo")
    err = info.value
    assert str(err).startswith('tuntematon sana "foo" kohdassa 12')
    assert err.message_fi == 'tuntematon sana "foo"'
    assert err.message_en == 'unknown word "foo"'
    assert str(err) == 'tuntematon sana "foo" kohdassa 12 (unknown word "foo" at 12)'


def test_unknown_word_suggests_a_close_one() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("viikolal 40")
    assert info.value.message_fi == 'tuntematon sana "viikolal" (tarkoititko "viikolla"?)'
    assert info.value.message_en == 'unknown word "viikolal" (did you mean "viikolla"?)'


def test_end_of_text_error() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("viikoilla 43 ja")
    err = info.value
    assert err.message_fi == "ajoitus jäi kesken: odotettiin viikon numeroa"
    assert err.message_en == "incomplete phrase: expected a week number"


def test_error_pickles() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("viikko 54")
    copy = pickle.loads(pickle.dumps(info.value))
    assert isinstance(copy, RuleSyntaxError)
    assert (copy.text, copy.position, copy.word) == ("viikko 54", 7, "54")
    assert str(copy) == str(info.value)


@pytest.mark.parametrize("value", [None, 40, b"viikolla 40", ["viikolla 40"]])
def test_non_str_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        parse_rule(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_follow_up(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Fuzz: only RuleSyntaxError, and whatever parses describes back to itself
# ---------------------------------------------------------------------------

VOCABULARY = [
    *["viikko", "viikolla", "viikoilla", "viikot", "viikoille", "vko", "vkolla", "ja"],
    *[
        "tammi",
        "helmi",
        "maalis",
        "loka",
        "marras",
        "kesä",
        "tammikuussa",
        "elokuu",
        "maaliskuuhun",
    ],
    *["marraskuusta", "joulukuussa", "asti", "saakka", "alkaen", "lähtien"],
    *[
        "keväisin",
        "keväällä",
        "kevään",
        "kesän",
        "syksyn",
        "aikana",
        "ajalla",
        "syksyllä",
        "kesäisin",
    ],
    *[
        "vuosittain",
        "joka",
        "vuosi",
        "toinen",
        "kolmas",
        "kymmenes",
        "vuosina",
        "vuonna",
        "vuodesta",
        "vuoteen",
    ],
    *["parillisen", "parillisina", "vuoden", "parittomina", "seuraava", "seuraavan", "kerran"],
    *[
        "seuraavaksi",
        "viimeksi",
        "edellinen",
        "tulokset",
        "aikaisintaan",
        "jokaisessa",
        "kokouksessa",
    ],
    *["tarpeen", "mukaan", "tarvittaessa", "toteutetaan", "järjestetään", "pidetään", "foo"],
]
# The second edition's words (DESIGN §8), so the fuzzers reach its clauses.
VOCABULARY += [
    *["vk", "viikon", "syyskuun", "lokakuun", "helmikuun", "alussa", "puolivälissä"],
    *["lopussa", "lopulla", "aikana", "alkusyksystä", "loppukeväästä", "loppuun"],
    *["mennessä", "viimeistään", "klo", "kello", "lukuvuonna", "lv", "kuukausittain"],
    *["viikoittain", "kerran", "kuukaudessa", "viikossa", "kuukausi", "kuukauden"],
    *["toisen", "parillisilla", "parittomilla", "seuraavassa", "kokouksessa"],
    *["ma", "ti", "ke", "to", "pe", "la", "su", "maanantaina", "tiistaisin", "perjantai"],
    *["ensimmäisenä", "toisena", "viidentenä", "kuudentena", "viimeisenä", "toiseksi"],
    *["/", "14.30", "8.9.2026", "29.2.2028", "31.12.", "15.", "1.", "40."],
]
# The school calendar's words (DESIGN §9).
VOCABULARY += [
    *["syyslomalla", "talvilomalla", "syyslomaviikolla", "ennen", "syyslomaa", "joululomaa"],
    *["syysloman", "jälkeen", "lukuvuoden", "syyslukukauden", "kevätlukukauden"],
    *["koulupäivänä", "edeltävänä", "jälkeisenä", "ei", "paitsi", "lomilla", "siirtyy"],
    *["edelliseen", "seuraavaan", "koulupäivään", "lomalla", "6.12.", "1.9."],
]

PUNCTUATION = ["-", "–", "—", ".", ",", ":", ";", " ", "\n", "!", ""]

# The parser fuzz: 1,000 examples per fuzzer by default (derandomized, the
# same on every run), 10,000 with random seeds in the thorough profile.
FUZZ = 10_000 if settings().max_examples >= 3000 else 1_000


def fuzz_strategies(
    vocabulary: list[str],
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str], st.SearchStrategy[str]]:
    """The fuzzers' texts over a language's ``vocabulary`` (also the Swedish tests').

    Tokens (words, numbers, dates, punctuation), phrase-like joins of them, and
    tokens mixed with noise.
    """
    tokens = st.one_of(
        st.sampled_from(vocabulary),
        st.sampled_from(vocabulary).map(str.upper),
        st.integers(min_value=0, max_value=60).map(str),
        st.integers(min_value=1990, max_value=2040).map(str),
        st.sampled_from(["0", "00", "99999", "123456789012345678901234567890"]),
        st.builds(lambda d, m: f"{d}.{m}.", st.integers(0, 33), st.integers(0, 14)),
        st.sampled_from(PUNCTUATION),
    )
    phrase_like = st.builds(
        lambda parts, joiner: joiner.join(parts),
        st.lists(tokens, max_size=12),
        st.sampled_from([" ", "", "\n", " - ", ", "]),
    )
    noisy = st.lists(st.one_of(tokens, st.text(max_size=3)), max_size=10).map("".join)
    return tokens, phrase_like, noisy


tokens, phrase_like, noisy_phrases = fuzz_strategies(VOCABULARY)


def check_parse_outcome(text: str) -> None:
    try:
        rule = parse_rule(text)
    except RuleSyntaxError as err:
        assert err.text == text
        assert 0 <= err.position <= len(text)
        assert text.startswith(err.word, err.position)
        if err.word == "":
            assert err.position in (0, len(text))
        assert str(err)
    else:
        assert isinstance(rule, Rule)
        assert parse_rule(describe(rule)) == rule


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text())
def test_fuzz_arbitrary_text(text: str) -> None:
    check_parse_outcome(text)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(phrase_like)
def test_fuzz_vocabulary_mix(text: str) -> None:
    check_parse_outcome(text)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))
@given(noisy_phrases)
def test_fuzz_vocabulary_with_noise(text: str) -> None:
    check_parse_outcome(text)


# ---------------------------------------------------------------------------
# Round trip over every constructible rule (strategies written here)
# ---------------------------------------------------------------------------

LEAP = 2000
any_year = st.integers(min_value=1, max_value=9999)


@st.composite
def day_months(draw: st.DrawFn) -> tuple[int, int]:
    month = draw(st.integers(1, 12))
    return draw(st.integers(1, calendar.monthrange(LEAP, month)[1])), month


all_windows: st.SearchStrategy[Window] = st.one_of(
    st.builds(WeekWindow, st.integers(1, 53), st.integers(1, 53)),
    st.builds(MonthWindow, st.integers(1, 12), st.integers(1, 12)),
    day_months().map(lambda dm: DateWindow.on(*dm)),
    st.builds(lambda a, b: DateWindow(*a, *b), day_months(), day_months()),
    st.just(DateWindow.on(29, 2)),
    st.sampled_from(Season).map(SeasonWindow),
)
follow_up_targets: st.SearchStrategy[MonthWindow | SeasonWindow] = st.one_of(
    st.builds(MonthWindow, st.integers(1, 12), st.integers(1, 12)),
    st.sampled_from(Season).map(SeasonWindow),
)


@st.composite
def year_patterns(draw: st.DrawFn) -> YearPattern:
    valid_from = draw(st.none() | any_year)
    valid_to = draw(st.none() | any_year)
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        valid_from, valid_to = valid_to, valid_from
    kind = draw(st.sampled_from(["every", "even", "odd", "none", "next", "last"]))
    if kind == "every":
        return YearPattern(valid_from=valid_from, valid_to=valid_to)
    if kind in ("even", "odd"):
        phase = Phase.EVEN if kind == "even" else Phase.ODD
        return YearPattern(2, phase, valid_from=valid_from, valid_to=valid_to)
    interval = draw(st.integers(2, 99))
    if kind == "none":
        return YearPattern(interval, valid_from=valid_from, valid_to=valid_to)
    phase = Phase.NEXT if kind == "next" else Phase.LAST
    return YearPattern(interval, phase, draw(any_year), valid_from, valid_to)


all_rules: st.SearchStrategy[Rule] = st.one_of(
    st.builds(
        Rule,
        window=st.none() | all_windows,
        years=year_patterns(),
        follow_up=st.none() | st.builds(FollowUp, follow_up_targets, st.booleans()),
    ),
    st.sampled_from(Cadence).map(lambda cadence: Rule(cadence=cadence)),
)


@settings(max_examples=2000, deadline=None)
@given(all_rules)
def test_round_trip(rule: Rule) -> None:
    text = describe(rule)
    assert parse_rule(text) == rule, text
    assert describe(rule, "en")  # never fails, never empty
    assert parse_rule(text.upper()) == rule


@settings(deadline=None)
@given(ost.rules())
def test_round_trip_public_strategy(rule: Rule) -> None:
    assert parse_rule(describe(rule)) == rule


@pytest.mark.parametrize(
    "rule",
    [
        Rule(),
        Rule(WeekWindow(53, 53)),
        Rule(WeekWindow(52, 1)),
        Rule(WeekWindow(53, 1)),
        Rule(MonthWindow(11, 1)),
        Rule(DateWindow.on(29, 2)),
        Rule(DateWindow(29, 2, 29, 2)),
        Rule(DateWindow(15, 12, 15, 1)),
        Rule(years=YearPattern(99, Phase.LAST, 1)),
        Rule(years=YearPattern(valid_from=1, valid_to=9999)),
        Rule(years=YearPattern(valid_to=5)),
        Rule(years=YearPattern(2, Phase.ODD, valid_from=2026, valid_to=2026)),
        Rule(SPRING, YearPattern(2, Phase.NEXT, 2026, valid_from=2024), FollowUp(AUTUMN, True)),
        Rule(follow_up=FollowUp(MonthWindow(12, 2))),
        *(Rule(years=YearPattern(n)) for n in range(2, 100)),
    ],
)
def test_round_trip_edges(rule: Rule) -> None:
    assert parse_rule(describe(rule)) == rule


# ---------------------------------------------------------------------------
# describe(): canonical Finnish and English
# ---------------------------------------------------------------------------

DESCRIBE_TABLE: list[tuple[Rule, str, str]] = [
    (
        Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), True)),
        "viikoilla 43–44, tulokset aikaisintaan marraskuussa",
        "weeks 43–44, results at the earliest in November",
    ),
    (weeks(40), "viikolla 40", "week 40"),
    (weeks(52, 1), "viikoilla 52–1", "weeks 52–1"),
    (
        Rule(MonthWindow(10, 12), YearPattern.even()),
        "loka–joulukuussa parillisina vuosina",
        "in October–December in even years",
    ),
    (
        Rule(MonthWindow(10, 12), YearPattern.odd()),
        "loka–joulukuussa parittomina vuosina",
        "in October–December in odd years",
    ),
    (
        Rule(SPRING, YearPattern(2, Phase.LAST, 2025), FollowUp(AUTUMN)),
        "keväällä joka toinen vuosi, viimeksi 2025, tulokset syksyllä",
        "in spring every other year, last 2025, results in autumn",
    ),
    (Rule(DateWindow.on(11, 2)), "11.2.", "on 11 February"),
    (Rule(DateWindow(1, 6, 15, 8)), "1.6.–15.8.", "from 1 June to 15 August"),
    (
        Rule(MonthWindow(1, 3), YearPattern(valid_from=2024, valid_to=2025)),
        "tammi–maaliskuussa vuosina 2024–2025",
        "in January–March in 2024–2025",
    ),
    (Rule(cadence=Cadence.EVERY_MEETING), "jokaisessa kokouksessa", "at every meeting"),
    (Rule(cadence=Cadence.AS_NEEDED), "tarpeen mukaan", "as needed"),
    (Rule(years=EVERY_OTHER), "joka toinen vuosi", "every other year"),
    (
        Rule(years=YearPattern(2, Phase.NEXT, 2026), follow_up=FollowUp(MonthWindow(8, 8))),
        "joka toinen vuosi, seuraava 2026, tulokset elokuussa",
        "every other year, next 2026, results in August",
    ),
    (
        Rule(years=YearPattern(2, Phase.NEXT, 2026)),
        "joka toinen vuosi, seuraava 2026",
        "every other year, next 2026",
    ),
    (Rule(years=YearPattern(3)), "joka kolmas vuosi", "every 3 years"),
    (Rule(years=YearPattern(11)), "joka 11. vuosi", "every 11 years"),
    (Rule(), "vuosittain", "every year"),
    (Rule(SUMMER), "kesällä", "in summer"),
    (Rule(MonthWindow(8, 8)), "elokuussa", "in August"),
    (
        Rule(MonthWindow(9, 9), YearPattern(valid_from=2026)),
        "syyskuussa vuodesta 2026 alkaen",
        "in September from 2026 on",
    ),
    (
        Rule(MonthWindow(9, 9), YearPattern(valid_to=2030)),
        "syyskuussa vuoteen 2030 asti",
        "in September until 2030",
    ),
    (
        Rule(years=YearPattern(valid_from=2026, valid_to=2026)),
        "vuonna 2026",
        "in 2026",
    ),
    (
        Rule(MonthWindow(9, 9), YearPattern(2, Phase.NEXT, 2027, 2024, 2030)),
        "syyskuussa joka toinen vuosi, seuraava 2027, vuosina 2024–2030",
        "in September every other year, next 2027, in 2024–2030",
    ),
    (
        Rule(MonthWindow(10, 12), YearPattern(2, Phase.EVEN, valid_from=2024)),
        "loka–joulukuussa parillisina vuosina, vuodesta 2024 alkaen",
        "in October–December in even years, from 2024 on",
    ),
]


@pytest.mark.parametrize(("rule", "finnish", "english"), DESCRIBE_TABLE)
def test_describe(rule: Rule, finnish: str, english: str) -> None:
    assert describe(rule) == finnish
    assert describe(rule, "fi") == finnish
    assert describe(rule, "en") == english
    assert parse_rule(finnish) == rule


def test_describe_helpers() -> None:
    assert describe_window(WeekWindow(43, 44)) == "viikoilla 43–44"
    assert describe_window(WeekWindow(43, 44), "en") == "weeks 43–44"
    assert describe_window(MonthWindow(11, 1)) == "marras–tammikuussa"
    assert describe_window(DateWindow.on(6, 12), "en") == "on 6 December"
    assert describe_window(AUTUMN) == "syksyllä"
    assert describe_follow_up(FollowUp(MonthWindow(1, 1), True)) == (
        "tulokset aikaisintaan tammikuussa"
    )
    assert describe_follow_up(FollowUp(MonthWindow(1, 1), True), "en") == (
        "results at the earliest in January"
    )
    assert describe_follow_up(FollowUp(SPRING), "en") == "results in spring"


def test_describe_rejects_unknown_language() -> None:
    with pytest.raises(ValueError):
        describe(Rule(), "de")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        describe_window(SPRING, "de")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# parse_follow_up (the data files' "results" key)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aikaisintaan marraskuussa", FollowUp(MonthWindow(11, 11), True)),
        ("tulokset aikaisintaan marraskuussa.", FollowUp(MonthWindow(11, 11), True)),
        ("Tulokset: elokuussa", FollowUp(MonthWindow(8, 8))),
        ("syksyllä", FollowUp(AUTUMN)),
        ("marras–joulukuussa", FollowUp(MonthWindow(11, 12))),
        ("seuraavassa kokouksessa", FollowUp(NextMeeting())),
        ("tulokset aikaisintaan seuraavassa kokouksessa", FollowUp(NextMeeting(), True)),
    ],
)
def test_parse_follow_up(text: str, expected: FollowUp) -> None:
    assert parse_follow_up(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "position"),
    [
        ("", "", 0),
        ("tulokset", "", 8),
        ("aikaisintaan viikolla 54", "54", 22),
        ("seuraavassa", "", 11),
        ("seuraavassa kokouksessa klo 14", "klo", 24),
        ("syksyllä keväällä", "keväällä", 9),
        ("syksyllä!", "!", 8),
    ],
)
def test_parse_follow_up_errors(text: str, word: str, position: int) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_follow_up(text)
    assert (info.value.word, info.value.position) == (word, position)


@given(st.builds(FollowUp, follow_up_targets, st.booleans()))
def test_follow_up_round_trip(follow_up: FollowUp) -> None:
    assert parse_follow_up(describe_follow_up(follow_up)) == follow_up
