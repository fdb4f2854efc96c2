"""Swedish timing phrases: the reader and writer for Finland's Swedish-speaking schools.

Swedish-speaking and bilingual schools write their annual calendars the
Finland-Swedish way – "veckorna 43 och 44", "jämna år i oktober–december",
"vartannat år, nästa gång 2026", "resultat tidigast i januari", "vid varje
möte", "andra tisdagen i varje månad kl. 14–15.30", "under höstlovet", "inte
under lov".  This module reads such a phrase into the same
:class:`~opiskeluhuolto.recurrence.Rule` as its Finnish twin and writes any rule
back as canonical Swedish::

    parse_rule(text, lang="sv")  ==  parse_rule(finnish_twin)
    parse_rule(describe(rule, "sv"), lang="sv")  ==  rule

It holds only the Swedish vocabulary: the tokenizer, numbers, weeks, dates,
years, times of day, the driver, the rule builder and the rule invariants are
the Finnish parser's (:mod:`opiskeluhuolto.phrases`, :mod:`opiskeluhuolto.builder`,
:mod:`opiskeluhuolto.recurrence`), and so is the way :func:`~opiskeluhuolto.phrases.describe`
puts the parts of a rule together (:data:`WORDS` are the Swedish parts).

Prepositions ("i", "på", "under", "om", "den") only lead the next word and may
be left out: "i oktober" and "oktober", "under höstlovet" and "höstlovet" are
the same.  Breaks are named in Swedish and mean the Finnish break of the
school calendar: höstlovet = syysloma, jullovet = joululoma, sportlovet =
hiihtoloma, vinterlovet = talviloma, påsklovet = pääsiäisloma, sommarlovet =
kesäloma; any other break by its Finnish name: "under lovet lukuloma".

Use it through :func:`opiskeluhuolto.phrases.parse_rule` and
:func:`~opiskeluhuolto.phrases.describe` with ``lang="sv"``; see
``docs/phrases-sv.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NoReturn, TypeAlias

from opiskeluhuolto.fmt import MONTHS_SV, WEEKDAYS_SV, WEEKDAYS_SV_SHORT
from opiskeluhuolto.phrases import (
    Words,
    _Kind,
    _Parser,
    _Token,
)
from opiskeluhuolto.recurrence import (
    BreakRelation,
    BreakWindow,
    Cadence,
    DateWindow,
    DeadlineWindow,
    Direction,
    FollowUp,
    FollowUpTarget,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NextMeeting,
    NthWeekdayWindow,
    Phase,
    Repeat,
    SchoolDays,
    SchoolDayWindow,
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
    Window,
    WindowList,
    YearPattern,
    break_name_problem,
)

if TYPE_CHECKING:
    from opiskeluhuolto.builder import BuildProblem

__all__ = [
    "BREAKS_SV",
    "MONTHS_SV",
    "WEEKDAYS_SV",
    "WEEKDAYS_SV_SHORT",
    "WORDS",
    "SwedishParser",
    "describe_follow_up",
    "describe_window",
]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# MONTHS_SV, WEEKDAYS_SV and WEEKDAYS_SV_SHORT are fmt's (the one table of each).

BREAKS_SV: Final[Mapping[str, str]] = MappingProxyType(
    {
        "höstlov": "syysloma",
        "jullov": "joululoma",
        "sportlov": "hiihtoloma",
        "vinterlov": "talviloma",
        "påsklov": "pääsiäisloma",
        "sommarlov": "kesäloma",
    }
)
"""The Swedish name of a break (indefinite) -> the Finnish name a rule keeps."""
_BREAK_WORDS: Final[Mapping[str, str]] = MappingProxyType({v: k for k, v in BREAKS_SV.items()})

_MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {name: number for number, name in enumerate(MONTHS_SV, start=1)}
)
_WEEK_WORDS: Final = frozenset({"vecka", "veckan", "veckor", "veckorna", "v", "vk"})
# one day: "tisdag", "tisdagen", "ti"; every one: "tisdagar", "tisdagarna"
_WEEKDAY_ONE: Final[Mapping[str, Weekday]] = MappingProxyType(
    {
        **{word: Weekday(i) for i, word in enumerate(WEEKDAYS_SV)},
        **{word + "en": Weekday(i) for i, word in enumerate(WEEKDAYS_SV)},
        **{word: Weekday(i) for i, word in enumerate(WEEKDAYS_SV_SHORT)},
    }
)
_WEEKDAY_EVERY: Final[Mapping[str, Weekday]] = MappingProxyType(
    {
        **{word + "ar": Weekday(i) for i, word in enumerate(WEEKDAYS_SV)},
        **{word + "arna": Weekday(i) for i, word in enumerate(WEEKDAYS_SV)},
    }
)
_SEASONS: Final[Mapping[str, Season]] = MappingProxyType(
    {
        "våren": Season.SPRING,
        "vårarna": Season.SPRING,
        "sommaren": Season.SUMMER,
        "somrarna": Season.SUMMER,
        "hösten": Season.AUTUMN,
        "höstarna": Season.AUTUMN,
    }
)
# Parts of seasons, the Finnish convention: förhösten = Aug–Sep, senhösten = Nov–Dec, …
_SEASON_PARTS: Final[Mapping[str, MonthWindow]] = MappingProxyType(
    {
        "förhösten": MonthWindow(8, 9),
        "senhösten": MonthWindow(11, 12),
        "förvåren": MonthWindow(1, 2),
        "senvåren": MonthWindow(4, 5),
    }
)
_MONTH_PARTS: Final[Mapping[str, MonthPart]] = MappingProxyType(
    {"början": MonthPart.START, "mitten": MonthPart.MIDDLE, "slutet": MonthPart.END}
)
_ORDINALS: Final[Mapping[str, int]] = MappingProxyType(
    {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sista": -1}
)
_ORDINAL_TOO_FAR: Final = frozenset({"sjätte", "sjunde", "åttonde", "nionde", "tionde"})
# "var tredje vecka", "vart tionde år"
_COUNTS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "andra": 2,
        "tredje": 3,
        "fjärde": 4,
        "femte": 5,
        "sjätte": 6,
        "sjunde": 7,
        "åttonde": 8,
        "nionde": 9,
        "tionde": 10,
    }
)
_COUNT_WORDS: Final[Mapping[int, str]] = MappingProxyType(
    {n: w for w, n in _COUNTS.items() if n > 2}
)
_UNITS: Final = frozenset({"år", "månad", "vecka", "möte", *WEEKDAYS_SV})
# "läsårets", "höstterminens första skoldag"; "i början av läsåret", "i slutet av höstterminen"
_TERM_GENITIVES: Final[Mapping[str, TermPart | None]] = MappingProxyType(
    {"läsårets": None, "höstterminens": TermPart.AUTUMN, "vårterminens": TermPart.SPRING}
)
_TERMS: Final[Mapping[str, TermPart | None]] = MappingProxyType(
    {"läsåret": None, "höstterminen": TermPart.AUTUMN, "vårterminen": TermPart.SPRING}
)
_SCHOOL_DAY: Final = frozenset({"skoldag", "skoldagen"})
_MEETING: Final = frozenset({"möte", "mötet"})
_PREPOSITIONS: Final = frozenset({"i", "på", "under", "om", "den"})
_FILLERS: Final = frozenset({"genomförs", "ordnas", "hålls", "görs"})
_FORWARD: Final = frozenset({"framåt", "framöver"})


def _is(token: _Token | None, words: frozenset[str] | Mapping[str, object]) -> bool:
    return token is not None and token.kind is _Kind.WORD and token.value in words


# ---------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------


class SwedishParser(_Parser):
    """The Swedish clauses over the Finnish parser's shared machinery.

    One phrase per instance, as :class:`opiskeluhuolto.phrases._Parser`; use
    :func:`opiskeluhuolto.phrases.parse_rule` with ``lang="sv"``.
    """

    lang = "sv"
    and_words = frozenset({"och"})
    follow_up_words = frozenset({"resultat", "resultaten", "resultatet"})
    prepositions = _PREPOSITIONS
    fillers = _FILLERS

    # -- shared helpers ------------------------------------------------------

    def skip_prepositions(self) -> None:
        while _is(self.peek(), _PREPOSITIONS):
            self.advance()

    def fail(self, token: _Token | None, what_sv: str, what_fi: str, what_en: str) -> NoReturn:
        self.fail_expected(token, what_fi, what_en, what_sv)

    def sv_month(self) -> int:
        token = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in _MONTHS,
            'kuukautta (esim. "mars")',
            'a month (e.g. "mars")',
            'en månad (t.ex. "mars")',
        )
        return _MONTHS[token.value]

    def months_from(self, token: _Token) -> MonthWindow:
        """``oktober``, ``oktober–december`` (``token`` is the first month)."""
        first = _MONTHS[token.value]
        if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:
            self.advance()
            return MonthWindow(first, self.sv_month())
        return MonthWindow(first, first)

    def month_span(self) -> MonthWindow:
        """``januari till mars`` after "från"."""
        first = self.sv_month()
        self.expect_word("till")
        return MonthWindow(first, self.sv_month())

    def year_after(self) -> int:
        """``[år] 2026`` (after "från", "till", "nästa gång" …)."""
        self.accept_word(frozenset({"år"}))
        return self.year()

    def count(self) -> int:
        """``tredje``, ``12:e``, ``12.`` after "var"/"vart"."""
        token = self.peek()
        if _is(token, _COUNTS):
            return _COUNTS[self.advance().value]
        if token is not None and token.kind is _Kind.NUMBER:
            value = self.interval_number(self.advance())
            if self.accept_sep(":") is not None:
                self.expect(
                    lambda t: t.kind is _Kind.WORD and t.value in ("a", "e"),
                    'järjestysluvun päätettä (esim. "12:e")',
                    'an ordinal ending (e.g. "12:e")',
                    'en ordningstalsändelse (t.ex. "12:e")',
                )
            else:
                self.accept_sep(".")
            return value
        self.fail(
            token,
            'ett ordningstal (t.ex. "var tredje vecka", "vart 12:e år")',
            'järjestyslukua (esim. "var tredje vecka", "vart 12:e år")',
            'an ordinal (e.g. "var tredje vecka", "vart 12:e år")',
        )

    # -- weeks, months, dates, seasons ---------------------------------------

    def month_clause(self, token: _Token) -> None:
        self.window(self.months_from(token), token)

    def season_clause(self, token: _Token) -> None:
        if token.value in _SEASON_PARTS:
            self.window(_SEASON_PARTS[token.value], token)
        else:
            self.window(SeasonWindow(_SEASONS[token.value]), token)

    def date_clause(self, token: _Token) -> None:  # "11.2.", "1.6.–15.8.", "19.10.–1.11.2026"
        day, month, year, end_day, end_month, end_year = self.date_range(token)
        self.dated_window(DateWindow(day, month, end_day, end_month), year, end_year, token)

    def part_clause(self, token: _Token) -> None:
        """``i början av oktober``, ``i slutet av höstterminen``."""
        self.expect_word("av")
        nxt = self.peek()
        part = _MONTH_PARTS[token.value]
        if _is(nxt, _MONTHS):
            assert nxt is not None
            self.advance()
            self.window(MonthPartWindow(_MONTHS[nxt.value], part), token)
            return
        if _is(nxt, _TERMS) and part is not MonthPart.MIDDLE:
            assert nxt is not None
            self.advance()
            anchor = TermAnchor.FIRST_WEEK if part is MonthPart.START else TermAnchor.LAST_WEEK
            self.term(_TERMS[nxt.value], anchor, token)
            return
        self.fail(
            nxt,
            'en månad eller en termin (t.ex. "i början av oktober", "i slutet av höstterminen")',
            'kuukautta tai lukukautta (esim. "i början av oktober", "i slutet av höstterminen")',
            'a month or a term (e.g. "i början av oktober", "i slutet av höstterminen")',
        )

    def from_clause(self, token: _Token) -> None:
        """``från januari till mars``; ``från [och med] [år] 2026 [och framåt]``."""
        if _is(self.peek(), _MONTHS):
            self.window(self.month_span(), token)
            return
        if _is(self.peek(), self.and_words) and _is(self.peek(1), frozenset({"med"})):
            self.advance()
            self.advance()
        nxt = self.peek()
        if not (_is(nxt, frozenset({"år"})) or (nxt is not None and nxt.kind is _Kind.NUMBER)):
            self.fail(
                nxt,
                'en månad eller ett årtal (t.ex. "från januari till mars", "från år 2026")',
                'kuukautta tai vuotta (esim. "från januari till mars", "från år 2026")',
                'a month or a year (e.g. "från januari till mars", "från år 2026")',
            )
        year = self.year_after()
        if _is(self.peek(), self.and_words) and _is(self.peek(1), _FORWARD):
            self.advance()
        self.accept_word(_FORWARD)
        self.rule.set_validity(year, None, token)

    def until_clause(self, token: _Token) -> None:
        """``till [och med] [år] 2030``, ``fram till 2030``."""
        if token.value == "fram":
            self.expect_word("till")
        if _is(self.peek(), self.and_words) and _is(self.peek(1), frozenset({"med"})):
            self.advance()
            self.advance()
        self.rule.set_validity(None, self.year_after(), token)

    def numbered_word(self, token: _Token) -> bool:
        """``40. veckan``, ``2. tisdagen``, ``2:a tisdagen`` (False: not one)."""
        nxt, after = self.peek(), self.peek(1)
        if len(token.raw) > 2 or nxt is None or after is None:
            return False
        if nxt.raw == ":" and _is(after, frozenset({"a", "e"})) and _is(self.peek(2), _WEEKDAY_ONE):
            self.advance()
            self.advance()
            self.numbered_weekday(token)
            return True
        if nxt.raw == "." and _is(after, _WEEK_WORDS):
            self.number_week(token)
            return True
        if nxt.raw == "." and _is(after, _WEEKDAY_ONE):
            self.advance()
            self.numbered_weekday(token)
            return True
        return False

    def numbered_weekday(self, token: _Token) -> None:
        self.nth_weekday(self.nth_number(token), token)

    # -- weekdays, ordinals, cadences ------------------------------------------

    def weekday_clause(self, token: _Token) -> None:
        if token.value in _WEEKDAY_EVERY:  # "tisdagar": every Tuesday
            self.rule.set_weekday(_WEEKDAY_EVERY[token.value], token, every=True)
            return
        until: Weekday | None = None
        if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:  # "må–fr"
            self.advance()
            end = self.expect(
                lambda t: t.kind is _Kind.WORD and t.value in _WEEKDAY_ONE,
                'viikonpäivää (esim. "må–fr")',
                'a weekday (e.g. "må–fr")',
                'en veckodag (t.ex. "må–fr")',
            )
            until = _WEEKDAY_ONE[end.value]
        self.rule.set_weekday(_WEEKDAY_ONE[token.value], token, until=until)

    def nth_weekday(self, nth: int, token: _Token) -> None:
        """The weekday after an ordinal: ``andra tisdagen`` (the month follows)."""
        self.rule.set_ordinal(nth, token)
        weekday = self.peek()
        if not _is(weekday, _WEEKDAY_ONE):
            self.fail(
                weekday,
                'en veckodag (t.ex. "tisdagen")',
                'viikonpäivää (esim. "tisdagen")',
                'a weekday (e.g. "tisdagen")',
            )
        self.weekday_clause(self.advance())

    def ordinal_clause(self, token: _Token) -> None:
        """``andra tisdagen``, ``sista fredagen``, ``näst sista fredagen``; ``första skoldagen``."""
        if _is(self.peek(), _SCHOOL_DAY):
            self.school_day_ordinal(token)
            return
        if token.value == "näst":
            self.expect_word("sista")
            nth = -2
        elif token.value not in ("första", "sista") and _is(self.peek(), frozenset({"sista"})):
            self.advance()  # "tredje sista"
            nth = -_ORDINALS[token.value]
        else:
            nth = _ORDINALS[token.value]
        self.nth_weekday(nth, token)

    def every_clause(self, token: _Token) -> None:
        """``varje år|månad|vecka|måndag|möte``, ``varannan vecka``, ``var tredje månad``."""
        if token.value == "varje":
            interval = 1
        elif token.value in ("varannan", "vartannat"):
            interval = 2
        else:  # "var", "vart"
            interval = self.count()
        unit = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in _UNITS,
            'sanaa "år", "månad", "vecka" tai viikonpäivää',
            '"år", "månad", "vecka" or a weekday',
            '"år", "månad", "vecka" eller en veckodag',
        )
        if unit.value == "år":
            self.rule.set_interval(interval, token)
        elif unit.value == "månad":
            self.rule.set_frequency(Frequency.MONTHLY, interval, unit)
        elif unit.value == "vecka":
            self.rule.set_frequency(Frequency.WEEKLY, interval, unit)
        elif unit.value == "möte":  # "på varje möte"
            if interval != 1:
                raise self.error(
                    token,
                    '"jokaisessa kokouksessa" on ainoa kokousten tahti',
                    '"vid varje möte" is the only cadence of meetings',
                    '"vid varje möte" är den enda takten för möten',
                )
            self.rule.set_cadence(Cadence.EVERY_MEETING, token)
        else:  # "varje måndag", "varannan tisdag"
            self.rule.set_frequency(Frequency.WEEKLY, interval, unit)
            self.rule.set_weekday(_WEEKDAY_ONE[unit.value], unit)

    def monthly_clause(self, token: _Token) -> None:  # "månatligen"
        self.rule.set_frequency(Frequency.MONTHLY, 1, token)

    def weekly_clause(self, token: _Token) -> None:  # "veckovis"
        self.rule.set_frequency(Frequency.WEEKLY, 1, token)

    def once_clause(self, token: _Token) -> None:  # "en gång i månaden", "en gång per vecka"
        self.expect_word("gång")
        self.accept_word(frozenset({"i", "per"}))
        unit = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("månaden", "månad", "veckan", "vecka"),
            'sanaa "månaden" tai "veckan"',
            '"månaden" or "veckan"',
            'ordet "månaden" eller "veckan"',
        )
        monthly = unit.value.startswith("månad")
        self.rule.set_frequency(Frequency.MONTHLY if monthly else Frequency.WEEKLY, 1, token)

    def parity_clause(self, token: _Token) -> None:  # "jämna år", "udda veckor"
        even = token.value == "jämna"
        unit = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("år", "åren", "veckor", "veckorna"),
            'sanaa "år" tai "veckor"',
            '"år" or "veckor"',
            'ordet "år" eller "veckor"',
        )
        if unit.value.startswith("år"):
            self.rule.set_parity(Phase.EVEN if even else Phase.ODD, token)
        else:
            self.rule.set_week_parity(WeekParity.EVEN if even else WeekParity.ODD, token)

    # -- years -------------------------------------------------------------

    def yearly_clause(self, token: _Token) -> None:  # "årligen"
        self.rule.set_interval(1, token)

    def next_clause(self, token: _Token) -> None:  # "nästa gång 2026"
        if _is(self.peek(), _MEETING):
            self.next_meeting(token)
        self.accept_word(frozenset({"gång", "gången"}))
        self.rule.set_anchor(Phase.NEXT, self.year_after(), token)

    def last_clause(self, token: _Token) -> None:  # "förra gången 2025", "senaste gången 2025"
        self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("gång", "gången"),
            'sanaa "gången"',
            '"gången"',
            'ordet "gången"',
        )
        self.rule.set_anchor(Phase.LAST, self.year_after(), token)

    def validity_clause(self, token: _Token) -> None:
        if token.value == "åren":  # "åren 2024–2025"
            first, last = self.year_range()
            self.rule.set_validity(first, last, token)
        else:  # "år 2026"
            year = self.year()
            self.rule.set_validity(year, year, token)

    def at_latest_clause(self, token: _Token) -> None:
        """``senast 30.9.``, ``senast i september``; ``senast 2025`` (the last time)."""
        nxt = self.peek()
        if (nxt is not None and nxt.kind is _Kind.NUMBER) or (
            _is(nxt, frozenset({"år"}))
            and (year := self.peek(1)) is not None
            and year.kind is _Kind.NUMBER
        ):
            self.rule.set_anchor(Phase.LAST, self.year_after(), token)
            return
        if _is(nxt, _WEEKDAY_ONE):  # "senast on 30.9.": the weekday confirms the date
            assert nxt is not None
            self.advance()
            self.skip_prepositions()
            following = self.peek()
            if following is None or following.kind is not _Kind.DATE:
                self.fail(
                    following,
                    'ett datum (t.ex. "30.9.")',
                    'päivämäärää (esim. "30.9.")',
                    'a date (e.g. "30.9.")',
                )
            self.rule.confirm_weekday(_WEEKDAY_ONE[nxt.value], nxt)
        self.skip_prepositions()
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DATE:
            self.advance()
            day, month, year_of = self.date_value(nxt)
            self.window(DeadlineWindow(month, day), token)
            if year_of is not None:
                self.rule.set_validity(year_of, year_of, nxt)
            return
        if _is(nxt, _MONTHS):
            assert nxt is not None
            self.advance()
            self.window(DeadlineWindow(_MONTHS[nxt.value]), token)
            return
        self.fail(
            nxt,
            'ett datum eller en månad (t.ex. "senast 30.9.", "senast i september")',
            'päivämäärää tai kuukautta (esim. "senast 30.9.", "senast i september")',
            'a date or a month (e.g. "senast 30.9.", "senast i september")',
        )

    # -- the school calendar ---------------------------------------------------

    def break_name(self, token: _Token) -> str | None:
        """The Finnish name of the break ``token`` names ("höstlovet": syysloma), or None."""
        word = token.value
        if word in ("lovet", "lov"):  # "lovet lukuloma": a break by its Finnish name
            name = self.peek()
            if name is None or name.kind is not _Kind.WORD or break_name_problem(name.value):
                self.fail(
                    name,
                    'lovets finska namn (t.ex. "lovet lukuloma") eller ett lov vid namn '
                    '(t.ex. "höstlovet")',
                    'loman suomenkielistä nimeä (esim. "lovet lukuloma") tai lomaa nimeltä '
                    '(esim. "höstlovet")',
                    'the Finnish name of the break (e.g. "lovet lukuloma") or a break by name '
                    '(e.g. "höstlovet")',
                )
            self.advance()
            return name.value
        for suffix in ("sveckan", "et", ""):
            if word.endswith("lov" + suffix) and len(word) > 3 + len(suffix):
                stem = word[: len(word) - len(suffix)]
                finnish = BREAKS_SV.get(stem)
                if finnish is None:
                    known = ", ".join(f"{name}et" for name in BREAKS_SV)
                    raise self.error(
                        token,
                        f'tuntematon loma "{token.raw}" (tunnetut: {known}; muut suomeksi: '
                        '"lovet lukuloma")',
                        f'unknown break "{token.raw}" (known: {known}; others in Finnish: '
                        '"lovet lukuloma")',
                        f'okänt lov "{token.raw}" (kända: {known}; andra på finska: '
                        '"lovet lukuloma")',
                    )
                return finnish
        return None

    def break_clause(self, token: _Token) -> bool:
        """``höstlovet``, ``höstlovsveckan``, ``lovet lukuloma`` (False: not a break)."""
        name = self.break_name(token)
        if name is None:
            return False
        self.rule.add_school_window(BreakWindow(name, BreakRelation.DURING), token)
        return True

    def before_clause(self, token: _Token) -> None:
        """``före höstlovet``; ``före utgången av september`` (a deadline)."""
        nxt = self.peek()
        if _is(nxt, frozenset({"utgången", "slutet"})):
            self.advance()
            self.expect_word("av")
            self.window(DeadlineWindow(self.sv_month()), token)
            return
        self.relative_break(token, BreakRelation.BEFORE)

    def after_clause(self, token: _Token) -> None:  # "efter höstlovet"
        self.relative_break(token, BreakRelation.AFTER)

    def relative_break(self, token: _Token, relation: BreakRelation) -> None:
        self.skip_prepositions()
        nxt = self.peek()
        name = (
            self.break_name(self.advance()) if nxt is not None and nxt.kind is _Kind.WORD else None
        )
        if name is None:
            self.fail(
                nxt,
                f'ett lov (t.ex. "{token.raw} höstlovet")',
                f'lomaa (esim. "{token.raw} höstlovet")',
                f'a break (e.g. "{token.raw} höstlovet")',
            )
        assert nxt is not None
        self.rule.add_school_window(BreakWindow(name, relation), nxt)

    def expect_school_day(self) -> _Token:  # "skoldag", "skoldagen"
        return self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in _SCHOOL_DAY,
            'sanaa "skoldag"',
            '"skoldag"',
            'ordet "skoldag"',
        )

    def term(self, term: TermPart | None, anchor: TermAnchor, token: _Token) -> None:
        if term is None:  # "läsåret": the autumn term begins it, the spring term ends it
            first = anchor in (TermAnchor.FIRST_DAY, TermAnchor.FIRST_WEEK)
            term = TermPart.AUTUMN if first else TermPart.SPRING
        self.rule.add_school_window(TermWindow(term, anchor), token)

    def term_clause(self, token: _Token) -> None:
        """``läsårets första skoldag``, ``höstterminens sista skoldag``, ``läsårets början``."""
        which = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("första", "sista", "början", "slut"),
            '"första skoldag", "sista skoldag", "början" tai "slut"',
            '"första skoldag", "sista skoldag", "början" or "slut"',
            '"första skoldag", "sista skoldag", "början" eller "slut"',
        )
        if which.value in ("första", "sista"):
            self.expect_school_day()
            anchor = TermAnchor.FIRST_DAY if which.value == "första" else TermAnchor.LAST_DAY
        else:
            anchor = TermAnchor.FIRST_WEEK if which.value == "början" else TermAnchor.LAST_WEEK
        self.term(_TERM_GENITIVES[token.value], anchor, token)

    def skoldag_clause(self, token: _Token) -> None:  # "skoldagen före 6.12."
        way = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("före", "efter"),
            '"före" tai "efter" ja päivämäärää (esim. "skoldagen före 6.12.")',
            '"före" or "efter" and a date (e.g. "skoldagen före 6.12.")',
            '"före" eller "efter" och ett datum (t.ex. "skoldagen före 6.12.")',
        )
        direction = Direction.BEFORE if way.value == "före" else Direction.AFTER
        day, month = self.school_day_date()
        self.rule.add_school_window(SchoolDayWindow(day, month, direction), token)

    def school_day_ordinal(self, token: _Token) -> None:
        """``första skoldagen efter 1.9.``, ``sista skoldagen före 6.12.``."""
        if token.value not in ("första", "sista"):
            raise self.error(
                token,
                'koulupäivä lasketaan päivämäärästä: "första skoldagen efter 1.9." '
                'tai "sista skoldagen före 6.12."',
                'a school day counts from a date: "första skoldagen efter 1.9." '
                'or "sista skoldagen före 6.12."',
                'en skoldag räknas från ett datum: "första skoldagen efter 1.9." '
                'eller "sista skoldagen före 6.12."',
            )
        self.advance()
        self.expect_word("efter" if token.value == "första" else "före")
        day, month = self.school_day_date()
        direction = Direction.AFTER if token.value == "första" else Direction.BEFORE
        self.rule.add_school_window(SchoolDayWindow(day, month, direction), token)

    def not_in_breaks_clause(self, token: _Token) -> None:  # "inte under lov"
        self.skip_prepositions()
        self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("lov", "loven", "lovdagar"),
            'sanaa "lov" (esim. "inte under lov")',
            '"lov" (e.g. "inte under lov")',
            'ordet "lov" (t.ex. "inte under lov")',
        )
        self.rule.set_school_days(SchoolDays.SKIP, token)

    def shift_clause(self, token: _Token) -> None:  # "flyttas till föregående skoldag"
        self.expect_word("till")
        way = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("föregående", "nästa", "följande"),
            '"föregående" tai "nästa" (skoldag)',
            '"föregående" or "nästa" (skoldag)',
            '"föregående" eller "nästa" (skoldag)',
        )
        self.expect_school_day()
        policy = SchoolDays.PREVIOUS if way.value == "föregående" else SchoolDays.NEXT
        self.rule.set_school_days(policy, token)

    # -- follow-ups and undated ---------------------------------------------

    def next_meeting(self, token: _Token) -> NoReturn:
        raise self.error(
            token,
            '"vid nästa möte" käy tuloksiin: "resultat vid nästa möte"; ryhmän kokoukset '
            'ovat "vid varje möte" tai ryhmän meetings-säännössä',
            '"vid nästa möte" (at the next meeting) goes with results: "resultat vid nästa '
            'möte"; a group\'s meetings are "vid varje möte" or the group\'s meetings rule',
            '"vid nästa möte" hör till resultat: "resultat vid nästa möte"; gruppens möten '
            'är "vid varje möte" eller gruppens meetings-regel',
        )

    def follow_up_body(self) -> FollowUp:
        """``[tidigast] <month, months, season, week(s), date or "vid nästa möte">``."""
        earliest = self.accept_word(frozenset({"tidigast"})) is not None
        if _is(self.peek(), frozenset({"vid", "på"})) and _is(self.peek(1), frozenset({"nästa"})):
            self.advance()
        self.skip_prepositions()
        start = self.peek()
        target: FollowUpTarget | None = None
        if _is(start, frozenset({"nästa"})):
            self.advance()
            self.expect_word("möte")
            return FollowUp(NextMeeting(), earliest)
        if start is not None and start.kind is _Kind.WORD:
            if start.value in _MONTHS:
                target = self.months_from(self.advance())
            elif start.value == "från":
                self.advance()
                target = self.month_span()
            elif start.value in _SEASONS:
                target = SeasonWindow(_SEASONS[self.advance().value])
            elif start.value in _SEASON_PARTS:
                target = _SEASON_PARTS[self.advance().value]
            elif start.value in _WEEK_WORDS:
                self.advance()
                self.accept_sep(".")
                target = self.week_span()
        elif start is not None and start.kind is _Kind.DATE:
            target = self.follow_up_date(self.advance())
        if target is None:
            self.fail(
                start,
                'en månad, en årstid, en vecka eller ett datum (t.ex. "i november", '
                '"på hösten", "vecka 47", "15.1.")',
                'kuukautta, vuodenaikaa, viikkoa tai päivämäärää (esim. "i november", '
                '"på hösten", "vecka 47", "15.1.")',
                'a month, a season, a week or a date (e.g. "i november", "på hösten", '
                '"vecka 47", "15.1.")',
            )
        return FollowUp(target, earliest)

    def at_clause(self, token: _Token) -> None:  # "vid varje möte", "vid behov [på mötet]"
        nxt = self.peek()
        if _is(nxt, frozenset({"nästa"})):
            assert nxt is not None
            self.next_meeting(nxt)
        if _is(nxt, frozenset({"varje"})):
            self.advance()
            self.expect_word("möte")
            self.rule.set_cadence(Cadence.EVERY_MEETING, token)
            return
        self.expect_word("behov")
        self.as_needed(token)

    def as_needed(self, token: _Token) -> None:
        if _is(self.peek(), frozenset({"på", "vid"})) and _is(self.peek(1), _MEETING):
            self.advance()
            self.advance()
        self.rule.set_cadence(Cadence.AS_NEEDED, token)

    def according_clause(self, token: _Token) -> None:  # "enligt behov"
        self.expect_word("behov")
        self.as_needed(token)

    # -- messages ------------------------------------------------------------

    def handler(self, word: str) -> Callable[[_Token], None] | None:
        found = _HANDLERS.get(word)
        return None if found is None else functools.partial(found, self)

    def conflict_sv(self, problem: BuildProblem[object]) -> str | None:
        return problem.sv

    def weekday_warning_sv(
        self, when: str, weekday: Weekday, yes: int | None, no: int
    ) -> str | None:
        yes_sv = f"{yes} ja, " if yes is not None else ""
        return (
            f"{when} är en {WEEKDAYS_SV[weekday]} bara vissa år ({yes_sv}{no} nej); "
            "regeln avser datumet"
        )


_SwedishHandler: TypeAlias = Callable[["SwedishParser", _Token], None]


def _handlers() -> dict[str, _SwedishHandler]:
    table: dict[str, _SwedishHandler] = {}
    for word in _WEEK_WORDS:
        table[word] = SwedishParser.week_clause
    for word in _MONTHS:
        table[word] = SwedishParser.month_clause
    for word in (*_SEASONS, *_SEASON_PARTS):
        table[word] = SwedishParser.season_clause
    for word in (*_WEEKDAY_ONE, *_WEEKDAY_EVERY):
        table[word] = SwedishParser.weekday_clause
    for word in (*_ORDINALS, "näst"):
        table[word] = SwedishParser.ordinal_clause
    for word in _ORDINAL_TOO_FAR:
        table[word] = SwedishParser.too_far_clause
    for word in _MONTH_PARTS:
        table[word] = SwedishParser.part_clause
    for word in ("varje", "varannan", "vartannat", "var", "vart"):
        table[word] = SwedishParser.every_clause
    for word in ("jämna", "udda"):
        table[word] = SwedishParser.parity_clause
    for word in ("kl", "klockan"):
        table[word] = SwedishParser.time_clause
    for word in ("läsåret", "läsår"):
        table[word] = SwedishParser.school_year_clause
    for word in ("år", "åren"):
        table[word] = SwedishParser.validity_clause
    for word in ("förra", "senaste"):
        table[word] = SwedishParser.last_clause
    for word in ("inte", "ej", "utom"):
        table[word] = SwedishParser.not_in_breaks_clause
    for word in ("flyttas", "flyttar"):
        table[word] = SwedishParser.shift_clause
    for word in _TERM_GENITIVES:
        table[word] = SwedishParser.term_clause
    for word in _SCHOOL_DAY:
        table[word] = SwedishParser.skoldag_clause
    for word in SwedishParser.follow_up_words:
        table[word] = SwedishParser.follow_up_clause
    for word in ("till", "fram"):
        table[word] = SwedishParser.until_clause
    table["från"] = SwedishParser.from_clause
    table["månatligen"] = SwedishParser.monthly_clause
    table["veckovis"] = SwedishParser.weekly_clause
    table["en"] = SwedishParser.once_clause
    table["årligen"] = SwedishParser.yearly_clause
    table["nästa"] = SwedishParser.next_clause
    table["senast"] = SwedishParser.at_latest_clause
    table["före"] = SwedishParser.before_clause
    table["efter"] = SwedishParser.after_clause
    table["vid"] = SwedishParser.at_clause
    table["enligt"] = SwedishParser.according_clause
    return table


_HANDLERS: Final[Mapping[str, _SwedishHandler]] = MappingProxyType(_handlers())
# Suggestions only among words that are complete clauses or their heads.
SwedishParser.suggestions = tuple(
    sorted(
        {
            *_MONTHS,
            *_SEASONS,
            *_SEASON_PARTS,
            *WEEKDAYS_SV,
            *_WEEKDAY_EVERY,
            *_ORDINALS,
            *(f"{name}et" for name in BREAKS_SV),
            *_TERM_GENITIVES,
            *_MONTH_PARTS,
            *("vecka", "veckorna", "varje", "varannan", "vartannat", "årligen", "månatligen"),
            *("veckovis", "senast", "resultat", "tidigast", "läsåret", "skoldagen", "jämna"),
            *("udda", "nästa", "inte", "flyttas", "före", "efter", "behov", "klockan"),
            *_FILLERS,
        }
    )
)


# ---------------------------------------------------------------------------
# Describing
# ---------------------------------------------------------------------------

_SEASON_TEXT: Final[Mapping[Season, str]] = MappingProxyType(
    {Season.SPRING: "på våren", Season.SUMMER: "på sommaren", Season.AUTUMN: "på hösten"}
)
_PART_TEXT: Final[Mapping[MonthPart, str]] = MappingProxyType(
    {MonthPart.START: "i början av", MonthPart.MIDDLE: "i mitten av", MonthPart.END: "i slutet av"}
)
_NTH_TEXT: Final[Mapping[int, str]] = MappingProxyType(
    {
        **{n: w for w, n in _ORDINALS.items()},
        -2: "näst sista",
        -3: "tredje sista",
        -4: "fjärde sista",
        -5: "femte sista",
    }
)
_TERM_TEXT: Final[Mapping[tuple[TermPart, TermAnchor], str]] = MappingProxyType(
    {
        (TermPart.AUTUMN, TermAnchor.FIRST_DAY): "läsårets första skoldag",
        (TermPart.AUTUMN, TermAnchor.FIRST_WEEK): "i början av läsåret",
        (TermPart.AUTUMN, TermAnchor.LAST_DAY): "höstterminens sista skoldag",
        (TermPart.AUTUMN, TermAnchor.LAST_WEEK): "i slutet av höstterminen",
        (TermPart.SPRING, TermAnchor.FIRST_DAY): "vårterminens första skoldag",
        (TermPart.SPRING, TermAnchor.FIRST_WEEK): "i början av vårterminen",
        (TermPart.SPRING, TermAnchor.LAST_DAY): "vårterminens sista skoldag",
        (TermPart.SPRING, TermAnchor.LAST_WEEK): "i slutet av vårterminen",
    }
)
_SCHOOL_DAYS_TEXT: Final[Mapping[SchoolDays, str]] = MappingProxyType(
    {
        SchoolDays.SKIP: "inte under lov",
        SchoolDays.PREVIOUS: "flyttas till föregående skoldag",
        SchoolDays.NEXT: "flyttas till nästa skoldag",
    }
)
_CADENCE_TEXT: Final[Mapping[Cadence, str]] = MappingProxyType(
    {Cadence.EVERY_MEETING: "vid varje möte", Cadence.AS_NEEDED: "vid behov"}
)
_BREAK_RELATION: Final[Mapping[BreakRelation, str]] = MappingProxyType(
    {BreakRelation.DURING: "under", BreakRelation.BEFORE: "före", BreakRelation.AFTER: "efter"}
)


def ordinal_number(n: int) -> str:
    """``12:e``, ``21:a``: a Swedish ordinal in digits (``vart 12:e år``)."""
    ending = "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"
    return f"{n}:{ending}"


def _every(n: int, *, neuter: bool = False) -> str:
    """``varje``, ``varannan`` / ``vartannat``, ``var tredje`` / ``vart tredje``."""
    if n == 1:
        return "varje"
    if n == 2:
        return "vartannat" if neuter else "varannan"
    return f"{'vart' if neuter else 'var'} {_COUNT_WORDS.get(n) or ordinal_number(n)}"


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " och " + parts[-1]


def _weeks_text(ranges: list[tuple[int, int]]) -> str:
    texts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges]
    single = len(ranges) == 1 and ranges[0][0] == ranges[0][1]
    return f"{'vecka' if single else 'veckorna'} {_join(texts)}"


def _months_text(first: int, last: int) -> str:
    if first == last:
        return f"i {MONTHS_SV[first - 1]}"
    return f"i {MONTHS_SV[first - 1]}–{MONTHS_SV[last - 1]}"


def _weekday_text(weekday: Weekday, until: Weekday | None) -> str:
    if until is not None and until != weekday:
        return f"{WEEKDAYS_SV_SHORT[weekday]}–{WEEKDAYS_SV_SHORT[until]}"
    return WEEKDAYS_SV[weekday]


def _nth_text(nth: int, weekday: Weekday) -> str:
    return f"{_NTH_TEXT[nth]} {WEEKDAYS_SV[weekday]}en"


def _break_text(window: BreakWindow) -> str:
    swedish = _BREAK_WORDS.get(window.name)
    name = f"{swedish}et" if swedish is not None else f"lovet {window.name}"
    return f"{_BREAK_RELATION[window.relation]} {name}"


def describe_window(window: Window) -> str:
    """A window in Swedish: ``veckorna 43–44``, ``i oktober–december``, ``11.2.``, ``på våren``.

    >>> describe_window(NthWeekdayWindow(9, Weekday.TU, 2))
    'andra tisdagen i september'
    >>> describe_window(WeekdayWindow(37, Weekday.MO, Weekday.FR))
    'må–fr vecka 37'
    """
    if isinstance(window, WindowList):
        items = window.windows
        if all(isinstance(w, WeekWindow) for w in items):
            return _weeks_text([(w.first, w.last) for w in items if isinstance(w, WeekWindow)])
        if all(isinstance(w, WeekdayWindow) for w in items):
            days = [w for w in items if isinstance(w, WeekdayWindow)]
            weeks = _weeks_text([(w.week, w.week) for w in days])
            return f"{_weekday_text(days[0].weekday, days[0].until)} {weeks}"
        if all(isinstance(w, NthWeekdayWindow) for w in items):
            nths = [w for w in items if isinstance(w, NthWeekdayWindow)]
            months = _join([_months_text(w.month, w.month) for w in nths])
            return f"{_nth_text(nths[0].nth, nths[0].weekday)} {months}"
        return _join([describe_window(w) for w in items])
    if isinstance(window, WeekWindow):
        return _weeks_text([(window.first, window.last)])
    if isinstance(window, MonthWindow):
        return _months_text(window.first, window.last)
    if isinstance(window, DateWindow):
        start = f"{window.day}.{window.month}."
        return start if window.is_single else f"{start}–{window.end_day}.{window.end_month}."
    if isinstance(window, SeasonWindow):
        return _SEASON_TEXT[window.season]
    if isinstance(window, WeekdayWindow):
        return f"{_weekday_text(window.weekday, window.until)} vecka {window.week}"
    if isinstance(window, NthWeekdayWindow):
        return f"{_nth_text(window.nth, window.weekday)} i {MONTHS_SV[window.month - 1]}"
    if isinstance(window, MonthPartWindow):
        return f"{_PART_TEXT[window.part]} {MONTHS_SV[window.month - 1]}"
    if isinstance(window, DeadlineWindow):
        if window.day is None:
            return f"senast i {MONTHS_SV[window.month - 1]}"
        return f"senast {window.day}.{window.month}."
    if isinstance(window, BreakWindow):
        return _break_text(window)
    if isinstance(window, TermWindow):
        return _TERM_TEXT[window.term, window.anchor]
    if isinstance(window, SchoolDayWindow):
        date = f"{window.day}.{window.month}."
        if window.direction is Direction.BEFORE:
            return f"sista skoldagen före {date}"
        return f"första skoldagen efter {date}"
    raise TypeError(f"not a window: {window!r}")


def describe_follow_up(follow_up: FollowUp) -> str:
    """A follow-up in Swedish: ``resultat tidigast i november``, ``resultat vid nästa möte``."""
    if isinstance(follow_up.target, NextMeeting):
        target = "vid nästa möte"
    else:
        target = describe_window(follow_up.target)
    return f"resultat {'tidigast ' if follow_up.earliest else ''}{target}"


def _repeat_text(repeat: Repeat) -> str:
    n = repeat.interval
    if repeat.frequency is Frequency.MONTHLY:
        if repeat.weekday is not None:
            nth = repeat.nth if repeat.nth is not None else 1
            return f"{_nth_text(nth, repeat.weekday)} i {_every(n)} månad"
        return f"{_every(n)} månad"
    parity = ""
    if repeat.parity is not None:
        parity = "jämna veckor" if repeat.parity is WeekParity.EVEN else "udda veckor"
    if repeat.weekday is not None and repeat.until is None:
        name = WEEKDAYS_SV[repeat.weekday]
        day = f"på {name}ar" if n == 1 else f"{_every(n)} {name}"
        return f"{parity} {day}" if parity else day
    head = parity or f"{_every(n)} vecka"
    if repeat.weekday is not None:
        return f"{head} {_weekday_text(repeat.weekday, repeat.until)}"
    return head


def _time_text(time: TimeOfDay) -> str:
    start, end = time.start, time.end
    return f"kl. {start.hour}.{start.minute:02d}–{end.hour}.{end.minute:02d}"


def _interval_text(years: YearPattern) -> str:
    if years.interval == 1:
        return ""
    if years.phase is Phase.EVEN:
        return "jämna år"
    if years.phase is Phase.ODD:
        return "udda år"
    return f"{_every(years.interval, neuter=True)} år"


def _anchor_text(years: YearPattern) -> str:
    if years.phase is Phase.NEXT:
        return f"nästa gång {years.anchor}"
    if years.phase is Phase.LAST:
        return f"senast {years.anchor}"
    return ""


def _validity_text(years: YearPattern) -> str:
    first, last = years.valid_from, years.valid_to
    if first is not None and last is not None:
        return f"år {first}" if first == last else f"åren {first}–{last}"
    if first is not None:
        return f"från år {first}"
    if last is not None:
        return f"till år {last}"
    return ""


def _school_year_text(first: int) -> str:
    return f"läsåret {first}–{first + 1}"


WORDS: Final = Words(
    window=describe_window,
    repeat=_repeat_text,
    time=_time_text,
    interval=_interval_text,
    anchor=_anchor_text,
    validity=_validity_text,
    school_year=_school_year_text,
    school_days=_SCHOOL_DAYS_TEXT.__getitem__,
    follow_up=describe_follow_up,
    cadence=_CADENCE_TEXT.__getitem__,
    every_year="årligen",
    dated=True,
)
"""The Swedish words of :func:`opiskeluhuolto.phrases.describe`."""
