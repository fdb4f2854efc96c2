"""Finnish timing phrases: :func:`parse_rule` and :func:`describe`.

Staff write timings the way the seed slides do – "toteutetaan viikoilla 43 ja
44. Tulokset aikaisintaan marraskuussa." – and this module turns such a phrase
into a :class:`~opiskeluhuolto.recurrence.Rule` and a rule back into canonical
Finnish (or English) text, so that ``parse_rule(describe(rule)) == rule`` for
every rule.

The parser is a tokenizer that keeps the original character offsets plus a
small clause parser.  A phrase is a sequence of *clauses* in any order,
optionally separated by ``, . : ;``; each clause starts with a word that
selects it (``viikoilla``, ``elokuussa``, ``joka``, ``tulokset``, …), so the
vocabulary lives in the tables below rather than in if-chains.  Matching is
case-insensitive; hyphen, en dash and em dash are the same; whitespace and line
breaks are insignificant.

Every phrase the parser cannot read raises :class:`RuleSyntaxError` (a
:class:`ValueError`) pointing at the offending word; no other exception
escapes :func:`parse_rule` for any ``str``.  See ``docs/phrases.md``.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final, NoReturn, TypeAlias

import attrs

from opiskeluhuolto.fmt import MONTHS_EN, Lang
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Phase,
    Rule,
    Season,
    SeasonWindow,
    WeekWindow,
    Window,
    YearPattern,
)

__all__ = [
    "SEED_PHRASES",
    "Lang",
    "RuleSyntaxError",
    "describe",
    "describe_follow_up",
    "describe_window",
    "parse_follow_up",
    "parse_rule",
]


SEED_PHRASES: Final[tuple[str, ...]] = (
    "toteutetaan viikoilla \n43 ja 44. Tulokset aikaisintaan marraskuussa.",
    "parillisen vuoden loka- joulukuussa",
    "Joka toinen vuosi. Seuraava 2026. Tulokset elokuussa.",
    "tammi-maaliskuussa",
    "11.2.",
    "toteutetaan vuosittain \nviikoilla 48 ja 49. Tulokset aikaisintaan tammikuussa.",
    "keväisin joka toinen \n\nvuosi. Viimeksi vuonna 2025. Tulokset \n\nsyksyllä. ",
    "kesän ajalla",
    "Jokaisessa kokouksessa:",
    "Tarpeen mukaan kokouksessa:",
    "Tarpeen mukaan:",
    "viikoilla \n\n43 ja 44",
    "helmi- \nmaaliskuussa",
    "2024-2025",
    "viikko 40",
    "joka toinen vuosi",
)
"""Every timing of the seed slides, verbatim (line breaks included)."""


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class RuleSyntaxError(ValueError):
    """A timing phrase that cannot be read.

    ``position`` is the 0-based character offset of the offending ``word`` in
    ``text``; at the end of the text ``word`` is ``""`` and ``position`` is
    ``len(text)``.  ``str(err)`` is Finnish, followed by the English in
    parentheses: ``tuntematon sana "foo" kohdassa 12 (unknown word "foo" at 12)``.
    """

    text: str
    position: int
    word: str
    message_fi: str
    message_en: str

    def __init__(
        self, text: str, position: int, word: str, message_fi: str, message_en: str
    ) -> None:
        self.text = text
        self.position = position
        self.word = word
        self.message_fi = message_fi
        self.message_en = message_en
        super().__init__(self._render())

    def _render(self) -> str:
        return f"{self.message_fi} kohdassa {self.position} ({self.message_en} at {self.position})"

    def __str__(self) -> str:
        return self._render()

    def __reduce__(self) -> tuple[type[RuleSyntaxError], tuple[str, int, str, str, str]]:
        return (
            type(self),
            (self.text, self.position, self.word, self.message_fi, self.message_en),
        )


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_MONTH_STEMS: Final[tuple[str, ...]] = (
    "tammi",
    "helmi",
    "maalis",
    "huhti",
    "touko",
    "kesä",
    "heinä",
    "elo",
    "syys",
    "loka",
    "marras",
    "joulu",
)


class _Case(enum.Enum):
    """Grammatical case of a month word: what it can do in a phrase."""

    NOMINATIVE = "kuu"  # elokuu
    INESSIVE = "kuussa"  # elokuussa
    ELATIVE = "kuusta"  # tammikuusta (… maaliskuuhun)
    ILLATIVE = "kuuhun"  # (tammikuusta …) maaliskuuhun


_MONTH_FORMS: Final[Mapping[str, tuple[int, _Case]]] = MappingProxyType(
    {
        stem + case.value: (number, case)
        for number, stem in enumerate(_MONTH_STEMS, start=1)
        for case in _Case
    }
)
_MONTH_STEM_NUMBERS: Final[Mapping[str, int]] = MappingProxyType(
    {stem: number for number, stem in enumerate(_MONTH_STEMS, start=1)}
)
_WINDOW_CASES: Final = frozenset({_Case.NOMINATIVE, _Case.INESSIVE})

_WEEK_WORDS: Final = frozenset(
    {"viikko", "viikolla", "viikoilla", "viikot", "viikoille", "vko", "vkolla"}
)

_SEASON_WORDS: Final[Mapping[str, Season]] = MappingProxyType(
    {
        "keväisin": Season.SPRING,
        "keväällä": Season.SPRING,
        "kesäisin": Season.SUMMER,
        "kesällä": Season.SUMMER,
        "syksyisin": Season.AUTUMN,
        "syksyllä": Season.AUTUMN,
    }
)
# "kevään aikana", "kesän ajalla": a genitive needs one of _DURING.
_SEASON_GENITIVES: Final[Mapping[str, Season]] = MappingProxyType(
    {"kevään": Season.SPRING, "kesän": Season.SUMMER, "syksyn": Season.AUTUMN}
)
_DURING: Final = frozenset({"aikana", "ajalla"})

_ORDINALS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "toinen": 2,
        "kolmas": 3,
        "neljäs": 4,
        "viides": 5,
        "kuudes": 6,
        "seitsemäs": 7,
        "kahdeksas": 8,
        "yhdeksäs": 9,
        "kymmenes": 10,
    }
)
_ORDINAL_WORDS: Final[Mapping[int, str]] = MappingProxyType({n: w for w, n in _ORDINALS.items()})

# first word -> (parity, the one word that must follow)
_PARITY_WORDS: Final[Mapping[str, tuple[Phase, str]]] = MappingProxyType(
    {
        "parillisen": (Phase.EVEN, "vuoden"),
        "parillisina": (Phase.EVEN, "vuosina"),
        "parillisena": (Phase.EVEN, "vuonna"),
        "parittoman": (Phase.ODD, "vuoden"),
        "parittomina": (Phase.ODD, "vuosina"),
        "parittomana": (Phase.ODD, "vuonna"),
    }
)

# first word -> (phase, a word that must follow or None); then optional "vuonna" and the year
_ANCHOR_WORDS: Final[Mapping[str, tuple[Phase, str | None]]] = MappingProxyType(
    {
        "seuraava": (Phase.NEXT, None),
        "seuraavaksi": (Phase.NEXT, None),
        "seuraavan": (Phase.NEXT, "kerran"),
        "viimeksi": (Phase.LAST, None),
        "edellinen": (Phase.LAST, None),
        "edellisen": (Phase.LAST, "kerran"),
    }
)

_FILLER_WORDS: Final = frozenset({"toteutetaan", "järjestetään", "pidetään"})
_FROM_ENDINGS: Final = frozenset({"alkaen", "lähtien"})
_TO_ENDINGS: Final = frozenset({"asti", "saakka"})


# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------


class _Kind(enum.Enum):
    WORD = "word"
    NUMBER = "number"
    DATE = "date"
    DASH = "dash"
    SEP = "separator"


@attrs.frozen
class _Token:
    kind: _Kind
    start: int
    raw: str  # as written in the text
    value: str  # normalised for matching (NFC, lower case)


_TOKEN_RE: Final = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<date>[0-9]+\.[0-9]+\.?)
    | (?P<number>[0-9]+)
    | (?P<word>(?:[^\W\d_]|[\u0300-\u036f])+)
    | (?P<dash>[-\u2010-\u2015\u2212])
    | (?P<sep>[.,:;])
    """,
    re.VERBOSE,
)
_KINDS: Final[Mapping[str, _Kind]] = MappingProxyType(
    {
        "date": _Kind.DATE,
        "number": _Kind.NUMBER,
        "word": _Kind.WORD,
        "dash": _Kind.DASH,
        "sep": _Kind.SEP,
    }
)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None:
            char = text[position]
            raise RuleSyntaxError(
                text,
                position,
                char,
                f'odottamaton merkki "{char}"',
                f'unexpected character "{char}"',
            )
        group = match.lastgroup
        raw = match.group()
        if group is not None and group != "space":
            value = unicodedata.normalize("NFC", raw).lower()
            tokens.append(_Token(_KINDS[group], position, raw, value))
        position = match.end()
    return tokens


def _small_int(token: _Token, max_digits: int) -> int | None:
    """The value of a NUMBER token, or None when it has too many digits."""
    if token.kind is not _Kind.NUMBER or len(token.raw) > max_digits:
        return None
    return int(token.raw)


# ---------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------

_Handler: TypeAlias = Callable[["_Parser", _Token], None]

_CADENCE_CONFLICT_FI: Final = (
    "jaksottomaan ajoitukseen (jokaisessa kokouksessa, tarpeen mukaan) "
    "ei voi liittää ajankohtaa, vuosisääntöä eikä tuloksia"
)
_CADENCE_CONFLICT_EN: Final = (
    "an undated cadence (at every meeting, as needed) takes no window, year pattern or follow-up"
)


class _Parser:
    """Parses one phrase; all state is local to one call of :func:`parse_rule`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0
        self.window: tuple[Window, _Token] | None = None
        self.interval: tuple[int, _Token] | None = None
        self.parity: tuple[Phase, _Token] | None = None
        self.anchor: tuple[Phase, int, _Token] | None = None
        self.valid_from: tuple[int, _Token] | None = None
        self.valid_to: tuple[int, _Token] | None = None
        self.follow_up: tuple[FollowUp, _Token] | None = None
        self.cadence: tuple[Cadence, _Token] | None = None

    # -- token access ------------------------------------------------------

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept_word(self, words: frozenset[str]) -> _Token | None:
        token = self.peek()
        if token is not None and token.kind is _Kind.WORD and token.value in words:
            return self.advance()
        return None

    def expect(self, ok: Callable[[_Token], bool], what_fi: str, what_en: str) -> _Token:
        token = self.peek()
        if token is None or not ok(token):
            self.fail_expected(token, what_fi, what_en)
        return self.advance()

    def expect_word(self, word: str) -> _Token:
        return self.expect(
            lambda t: t.kind is _Kind.WORD and t.value == word, f'sanaa "{word}"', f'"{word}"'
        )

    def skip_separators(self) -> None:
        while (token := self.peek()) is not None and token.kind is _Kind.SEP:
            self.index += 1

    # -- errors ------------------------------------------------------------

    def error(self, token: _Token | None, fi: str, en: str) -> RuleSyntaxError:
        if token is None:
            return RuleSyntaxError(self.text, len(self.text), "", fi, en)
        return RuleSyntaxError(self.text, token.start, token.raw, fi, en)

    def fail_expected(self, token: _Token | None, what_fi: str, what_en: str) -> NoReturn:
        if token is None:
            raise self.error(
                None,
                f"ajoitus jäi kesken: odotettiin {what_fi}",
                f"incomplete phrase: expected {what_en}",
            )
        raise self.error(
            token,
            f'odotettiin {what_fi}, ei "{token.raw}"',
            f'expected {what_en}, not "{token.raw}"',
        )

    def conflict(self, token: _Token, fi: str, en: str) -> NoReturn:
        raise self.error(token, f'"{token.raw}": {fi}', f'"{token.raw}": {en}')

    # -- driver ------------------------------------------------------------

    def parse(self) -> Rule:
        if not self.text.strip():
            raise RuleSyntaxError(self.text, 0, "", "tyhjä ajoitus", "empty timing")
        read_any = False
        while True:
            self.skip_separators()
            token = self.peek()
            if token is None:
                break
            self.advance()
            if token.kind is _Kind.WORD and token.value in _FILLER_WORDS:
                continue
            self.clause(token)
            read_any = True
        if not read_any:
            self.fail_expected(None, "ajoitusta", "a timing")
        return self.build()

    def clause(self, token: _Token) -> None:
        if token.kind is _Kind.WORD:
            handler = _HANDLERS.get(token.value)
            if handler is None:
                self.unknown(token)
            handler(self, token)
        elif token.kind is _Kind.DATE:
            self.date_clause(token)
        elif token.kind is _Kind.NUMBER:
            self.bare_years_clause(token)
        else:
            raise self.error(
                token, f'odottamaton viiva "{token.raw}"', f'unexpected dash "{token.raw}"'
            )

    def unknown(self, token: _Token) -> NoReturn:
        close = difflib.get_close_matches(token.value, _VOCABULARY, n=1, cutoff=0.8)
        hint_fi = f' (tarkoititko "{close[0]}"?)' if close else ""
        hint_en = f' (did you mean "{close[0]}"?)' if close else ""
        raise self.error(
            token,
            f'tuntematon sana "{token.raw}"{hint_fi}',
            f'unknown word "{token.raw}"{hint_en}',
        )

    # -- setting parts -----------------------------------------------------

    def check_not_cadence(self, token: _Token) -> None:
        if self.cadence is not None:
            self.conflict(token, _CADENCE_CONFLICT_FI, _CADENCE_CONFLICT_EN)

    def set_window(self, window: Window, token: _Token) -> None:
        self.check_not_cadence(token)
        if self.window is not None:
            self.conflict(
                token,
                f'ajoituksessa voi olla vain yksi ajankohta (jo "{self.window[1].raw}")',
                f'a timing has only one window (already "{self.window[1].raw}")',
            )
        self.window = (window, token)

    def set_interval(self, interval: int, token: _Token) -> None:
        self.check_not_cadence(token)
        if self.interval is not None:
            self.conflict(
                token,
                "vuosisääntö annettu kahdesti",
                "the year interval is given twice",
            )
        if self.parity is not None and interval != 2:
            self.conflict(
                token,
                "parilliset ja parittomat vuodet ovat joka toinen vuosi",
                "even and odd years are every other year",
            )
        if self.anchor is not None and interval == 1:
            self.conflict(
                token,
                "joka vuosi ei tarvitse seuraavaa tai edellistä vuotta",
                "every year takes no next or last year",
            )
        self.interval = (interval, token)

    def set_parity(self, parity: Phase, token: _Token) -> None:
        self.check_not_cadence(token)
        if self.parity is not None or self.anchor is not None:
            self.conflict(
                token,
                "vuosien vaihe annettu kahdesti",
                "the phase of the years is given twice",
            )
        if self.interval is not None and self.interval[0] != 2:
            self.conflict(
                token,
                "parilliset ja parittomat vuodet ovat joka toinen vuosi",
                "even and odd years are every other year",
            )
        self.parity = (parity, token)

    def set_anchor(self, phase: Phase, year: int, token: _Token) -> None:
        self.check_not_cadence(token)
        if self.parity is not None or self.anchor is not None:
            self.conflict(
                token,
                "vuosien vaihe annettu kahdesti",
                "the phase of the years is given twice",
            )
        if self.interval is not None and self.interval[0] == 1:
            self.conflict(
                token,
                "joka vuosi ei tarvitse seuraavaa tai edellistä vuotta",
                "every year takes no next or last year",
            )
        self.anchor = (phase, year, token)

    def set_validity(self, first: int | None, last: int | None, token: _Token) -> None:
        self.check_not_cadence(token)
        if (first is not None and self.valid_from is not None) or (
            last is not None and self.valid_to is not None
        ):
            self.conflict(token, "voimassaoloaika annettu kahdesti", "the validity is given twice")
        if first is not None:
            self.valid_from = (first, token)
        if last is not None:
            self.valid_to = (last, token)
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_from[0] > self.valid_to[0]
        ):
            self.conflict(
                token,
                f"voimassaoloaika {self.valid_from[0]}–{self.valid_to[0]} päättyy ennen kuin alkaa",
                f"validity {self.valid_from[0]}–{self.valid_to[0]} ends before it starts",
            )

    def set_follow_up(self, follow_up: FollowUp, token: _Token) -> None:
        self.check_not_cadence(token)
        if self.follow_up is not None:
            self.conflict(token, "tulokset annettu kahdesti", "the results are given twice")
        self.follow_up = (follow_up, token)

    def set_cadence(self, cadence: Cadence, token: _Token) -> None:
        others = (
            self.window,
            self.interval,
            self.parity,
            self.anchor,
            self.valid_from,
            self.valid_to,
            self.follow_up,
        )
        if any(part is not None for part in others):
            self.conflict(token, _CADENCE_CONFLICT_FI, _CADENCE_CONFLICT_EN)
        if self.cadence is not None:
            self.conflict(
                token,
                "jaksoton ajoitus annettu kahdesti",
                "the undated cadence is given twice",
            )
        self.cadence = (cadence, token)

    # -- clauses -----------------------------------------------------------

    def week_number(self) -> int:
        token = self.expect(lambda t: t.kind is _Kind.NUMBER, "viikon numeroa", "a week number")
        value = _small_int(token, 2)
        if value is None or not 1 <= value <= 53:
            raise self.error(
                token,
                f'viikkoa "{token.raw}" ei ole (viikot 1–53)',
                f'there is no week "{token.raw}" (weeks 1–53)',
            )
        return value

    def week_clause(self, token: _Token) -> None:
        first = self.week_number()
        last = first
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DASH:
            self.advance()
            last = self.week_number()
        elif nxt is not None and nxt.kind is _Kind.WORD and nxt.value == "ja":
            self.advance()
            second = self.peek()
            last = self.week_number()
            if not (last == first + 1 or (last == 1 and first in (52, 53))):
                assert second is not None
                raise self.error(
                    second,
                    f'"{second.raw}": viikot {first} ja {last} eivät ole peräkkäiset '
                    f"(kirjoita väli viivalla, esim. {first}–{last})",
                    f'"{second.raw}": weeks {first} and {last} are not consecutive '
                    f"(write a range with a dash, e.g. {first}–{last})",
                )
        self.set_window(WeekWindow(first, last), token)

    def months_from(self, token: _Token) -> MonthWindow:
        """A month or month range starting with ``token`` (a month word or a stem)."""
        form = _MONTH_FORMS.get(token.value)
        if form is None:  # a stem: "tammi-maaliskuussa"
            first = _MONTH_STEM_NUMBERS[token.value]
            self.expect(lambda t: t.kind is _Kind.DASH, "viivaa ja kuukautta", "a dash and a month")
            return MonthWindow(first, self.month_word(_WINDOW_CASES))
        first, case = form
        if case is _Case.ELATIVE:  # "tammikuusta maaliskuuhun [asti]"
            last = self.month_word(frozenset({_Case.ILLATIVE}))
            self.accept_word(_TO_ENDINGS)
            return MonthWindow(first, last)
        if case is _Case.ILLATIVE:
            raise self.error(
                token,
                f'"{token.raw}" tarvitsee alun, esim. "tammikuusta maaliskuuhun"',
                f'"{token.raw}" needs a start, e.g. "tammikuusta maaliskuuhun"',
            )
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DASH:  # "tammikuu–maaliskuussa"
            self.advance()
            return MonthWindow(first, self.month_word(_WINDOW_CASES))
        return MonthWindow(first, first)

    def month_word(self, cases: frozenset[_Case]) -> int:
        example = "maaliskuuhun" if cases == {_Case.ILLATIVE} else "maaliskuussa"

        def ok(t: _Token) -> bool:
            form = _MONTH_FORMS.get(t.value)
            return t.kind is _Kind.WORD and form is not None and form[1] in cases

        token = self.expect(ok, f'kuukautta (esim. "{example}")', f'a month (e.g. "{example}")')
        return _MONTH_FORMS[token.value][0]

    def season_from(self, token: _Token) -> SeasonWindow:
        season = _SEASON_WORDS.get(token.value)
        if season is None:  # a genitive: "kesän ajalla"
            season = _SEASON_GENITIVES[token.value]
            self.expect(
                lambda t: t.kind is _Kind.WORD and t.value in _DURING,
                'sanaa "aikana" tai "ajalla"',
                '"aikana" or "ajalla"',
            )
        return SeasonWindow(season)

    def target_from(self, token: _Token) -> MonthWindow | SeasonWindow | None:
        """A month window or season starting at ``token``, or None if it starts neither."""
        if token.kind is not _Kind.WORD:
            return None
        if token.value in _MONTH_FORMS or token.value in _MONTH_STEM_NUMBERS:
            return self.months_from(token)
        if token.value in _SEASON_WORDS or token.value in _SEASON_GENITIVES:
            return self.season_from(token)
        return None

    def month_clause(self, token: _Token) -> None:
        self.set_window(self.months_from(token), token)

    def season_clause(self, token: _Token) -> None:
        self.set_window(self.season_from(token), token)

    def date_parts(self, token: _Token) -> tuple[int, int]:
        day_text, month_text = token.raw.split(".")[:2]
        if len(day_text) <= 2 and len(month_text) <= 2:
            day, month = int(day_text), int(month_text)
            try:
                DateWindow.on(day, month)
            except ValueError:
                pass
            else:
                return day, month
        raise self.error(
            token,
            f'mahdoton päivämäärä "{token.raw}"',
            f'impossible date "{token.raw}"',
        )

    def date_clause(self, token: _Token) -> None:
        day, month = self.date_parts(token)
        end_day, end_month = day, month
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DASH:
            self.advance()
            end = self.expect(
                lambda t: t.kind is _Kind.DATE,
                'päivämäärää (esim. "15.8.")',
                'a date (e.g. "15.8.")',
            )
            end_day, end_month = self.date_parts(end)
        self.set_window(DateWindow(day, month, end_day, end_month), token)

    def year(self, *, four_digits: bool = False) -> int:
        token = self.expect(
            lambda t: t.kind is _Kind.NUMBER and (len(t.raw) == 4 or not four_digits),
            'nelinumeroista vuotta (esim. "2024–2025")' if four_digits else "vuotta",
            'a four-digit year (e.g. "2024–2025")' if four_digits else "a year",
        )
        value = _small_int(token, 4)
        if value is None or not MIN_YEAR <= value <= MAX_YEAR:
            raise self.error(
                token,
                f'mahdoton vuosi "{token.raw}" (vuodet {MIN_YEAR}–{MAX_YEAR})',
                f'impossible year "{token.raw}" (years {MIN_YEAR}–{MAX_YEAR})',
            )
        return value

    def year_range(self) -> tuple[int, int]:
        first = self.year()
        self.expect(lambda t: t.kind is _Kind.DASH, "viivaa ja vuotta", "a dash and a year")
        return first, self.year()

    def bare_years_clause(self, token: _Token) -> None:
        # Only "2024–2025": four-digit years and a dash.  A bare "40" or
        # "2026" is ambiguous ("viikolla 40"? "vuonna 2026"?).
        nxt = self.peek()
        if len(token.raw) != 4 or nxt is None or nxt.kind is not _Kind.DASH:
            raise self.error(
                token,
                f'irrallinen luku "{token.raw}" (kirjoita esim. "viikolla 40", '
                f'"vuonna 2026" tai "2024–2025")',
                f'a bare number "{token.raw}" (write e.g. "viikolla 40", '
                f'"vuonna 2026" or "2024–2025")',
            )
        self.index -= 1
        first = self.year(four_digits=True)
        self.advance()  # the dash
        self.set_validity(first, self.year(four_digits=True), token)

    def yearly_clause(self, token: _Token) -> None:  # "vuosittain"
        self.set_interval(1, token)

    def joka_clause(
        self, token: _Token
    ) -> None:  # "joka vuosi", "joka toinen vuosi", "joka 3. vuosi"
        nxt = self.peek()
        interval = 1
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _ORDINALS:
            interval = _ORDINALS[self.advance().value]
        elif nxt is not None and nxt.kind is _Kind.NUMBER:
            self.advance()
            value = _small_int(nxt, 2)
            if value is None or not 1 <= value <= 99:
                raise self.error(
                    nxt,
                    f'mahdoton väli "{nxt.raw}" vuotta (1–99)',
                    f'impossible interval of "{nxt.raw}" years (1–99)',
                )
            interval = value
            dot = self.peek()
            if dot is not None and dot.kind is _Kind.SEP and dot.raw == ".":
                self.advance()
        self.expect_word("vuosi")
        self.set_interval(interval, token)

    def parity_clause(self, token: _Token) -> None:  # "parillisina vuosina"
        parity, follower = _PARITY_WORDS[token.value]
        self.expect_word(follower)
        self.set_parity(parity, token)

    def anchor_clause(self, token: _Token) -> None:  # "seuraavan kerran 2026"
        phase, follower = _ANCHOR_WORDS[token.value]
        if follower is not None:
            self.expect_word(follower)
        self.accept_word(frozenset({"vuonna"}))
        self.set_anchor(phase, self.year(), token)

    def validity_clause(self, token: _Token) -> None:
        if token.value == "vuosina":  # "vuosina 2024–2025"
            first, last = self.year_range()
            self.set_validity(first, last, token)
        elif token.value == "vuonna":  # "vuonna 2026"
            year = self.year()
            self.set_validity(year, year, token)
        elif token.value == "vuodesta":  # "vuodesta 2026 [alkaen]"
            year = self.year()
            self.accept_word(_FROM_ENDINGS)
            self.set_validity(year, None, token)
        else:  # "vuoteen 2030 [asti]"
            year = self.year()
            self.accept_word(_TO_ENDINGS)
            self.set_validity(None, year, token)

    def follow_up_body(self) -> FollowUp:
        """``[aikaisintaan] <month, month range or season>``."""
        earliest = self.accept_word(frozenset({"aikaisintaan"})) is not None
        start = self.peek()
        target = None if start is None else self.target_from(self.advance())
        if target is None:
            self.fail_expected(
                start,
                'kuukautta tai vuodenaikaa (esim. "marraskuussa", "syksyllä")',
                'a month or a season (e.g. "marraskuussa", "syksyllä")',
            )
        return FollowUp(target, earliest)

    def follow_up_clause(self, token: _Token) -> None:  # "tulokset [:] [aikaisintaan] marraskuussa"
        colon = self.peek()
        if colon is not None and colon.kind is _Kind.SEP and colon.raw == ":":
            self.advance()
        self.set_follow_up(self.follow_up_body(), token)

    def every_meeting_clause(self, token: _Token) -> None:  # "jokaisessa kokouksessa"
        self.expect_word("kokouksessa")
        self.set_cadence(Cadence.EVERY_MEETING, token)

    def as_needed_clause(
        self, token: _Token
    ) -> None:  # "tarpeen mukaan [kokouksessa]", "tarvittaessa"
        if token.value == "tarpeen":
            self.expect_word("mukaan")
            self.accept_word(frozenset({"kokouksessa"}))
        self.set_cadence(Cadence.AS_NEEDED, token)

    # -- result ------------------------------------------------------------

    def build(self) -> Rule:
        if self.anchor is not None and self.interval is None:
            anchor_token = self.anchor[2]
            raise self.error(
                anchor_token,
                f'"{anchor_token.raw}" tarvitsee välin, esim. "joka toinen vuosi"',
                f'"{anchor_token.raw}" needs an interval, e.g. "joka toinen vuosi"',
            )
        if self.cadence is not None:
            return Rule(cadence=self.cadence[0])
        interval = self.interval[0] if self.interval is not None else 1
        phase: Phase | None = None
        anchor: int | None = None
        if self.parity is not None:
            interval, phase = 2, self.parity[0]
        elif self.anchor is not None:
            phase, anchor = self.anchor[0], self.anchor[1]
        year_tokens = [
            part[-1]
            for part in (self.interval, self.parity, self.anchor, self.valid_from, self.valid_to)
            if part is not None
        ]
        try:
            years = YearPattern(
                interval,
                phase,
                anchor,
                self.valid_from[0] if self.valid_from is not None else None,
                self.valid_to[0] if self.valid_to is not None else None,
            )
        except (ValueError, TypeError) as exc:  # pre-checked above; kept as a safety net
            token = min(year_tokens, key=lambda t: t.start) if year_tokens else None
            raise self.error(
                token, f"mahdoton vuosisääntö ({exc})", f"impossible year pattern ({exc})"
            ) from exc
        return Rule(
            window=self.window[0] if self.window is not None else None,
            years=years,
            follow_up=self.follow_up[0] if self.follow_up is not None else None,
        )


def _handlers() -> dict[str, _Handler]:
    table: dict[str, _Handler] = {}
    for word in _WEEK_WORDS:
        table[word] = _Parser.week_clause
    for word in (*_MONTH_FORMS, *_MONTH_STEM_NUMBERS):
        table[word] = _Parser.month_clause
    for word in (*_SEASON_WORDS, *_SEASON_GENITIVES):
        table[word] = _Parser.season_clause
    for word in _PARITY_WORDS:
        table[word] = _Parser.parity_clause
    for word in _ANCHOR_WORDS:
        table[word] = _Parser.anchor_clause
    for word in ("vuosina", "vuonna", "vuodesta", "vuoteen"):
        table[word] = _Parser.validity_clause
    table["vuosittain"] = _Parser.yearly_clause
    table["joka"] = _Parser.joka_clause
    table["tulokset"] = _Parser.follow_up_clause
    table["jokaisessa"] = _Parser.every_meeting_clause
    table["tarpeen"] = _Parser.as_needed_clause
    table["tarvittaessa"] = _Parser.as_needed_clause
    return table


_HANDLERS: Final[Mapping[str, _Handler]] = MappingProxyType(_handlers())
_VOCABULARY: Final[tuple[str, ...]] = tuple(sorted({*_HANDLERS, *_FILLER_WORDS}))


def parse_rule(text: str) -> Rule:
    """Read a Finnish timing phrase into a :class:`Rule`.

    >>> parse_rule("viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.") == Rule(
    ...     WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True))
    True

    Raises :class:`RuleSyntaxError` (a :class:`ValueError`) for any phrase it
    cannot read, and :class:`TypeError` when ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_rule() needs a str, got {type(text).__name__}")
    return _Parser(text).parse()


def parse_follow_up(text: str) -> FollowUp:
    """Read a follow-up alone, with or without the word "tulokset".

    For data files whose ``results`` key holds ``"aikaisintaan marraskuussa"``.

    >>> parse_follow_up("aikaisintaan marraskuussa") == FollowUp(MonthWindow(11, 11), True)
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_follow_up() needs a str, got {type(text).__name__}")
    if not text.strip():
        raise RuleSyntaxError(text, 0, "", "tyhjä ajoitus", "empty timing")
    parser = _Parser(text)
    parser.skip_separators()
    lead = parser.accept_word(frozenset({"tulokset"}))
    if lead is not None:
        colon = parser.peek()
        if colon is not None and colon.kind is _Kind.SEP and colon.raw == ":":
            parser.advance()
    follow_up = parser.follow_up_body()
    parser.skip_separators()
    rest = parser.peek()
    if rest is not None:
        raise parser.error(
            rest,
            f'ylimääräinen sana "{rest.raw}" tulosten jälkeen',
            f'unexpected "{rest.raw}" after the results',
        )
    return follow_up


# ---------------------------------------------------------------------------
# Describing
# ---------------------------------------------------------------------------

_SEASON_FI: Final[Mapping[Season, str]] = MappingProxyType(
    {Season.SPRING: "keväällä", Season.SUMMER: "kesällä", Season.AUTUMN: "syksyllä"}
)
_SEASON_EN: Final[Mapping[Season, str]] = MappingProxyType(
    {Season.SPRING: "spring", Season.SUMMER: "summer", Season.AUTUMN: "autumn"}
)
_CADENCE_TEXT: Final[Mapping[tuple[Cadence, str], str]] = MappingProxyType(
    {
        (Cadence.EVERY_MEETING, "fi"): "jokaisessa kokouksessa",
        (Cadence.EVERY_MEETING, "en"): "at every meeting",
        (Cadence.AS_NEEDED, "fi"): "tarpeen mukaan",
        (Cadence.AS_NEEDED, "en"): "as needed",
    }
)


def _check_lang(lang: str) -> None:
    if lang not in ("fi", "en"):
        raise ValueError(f'lang must be "fi" or "en", got {lang!r}')


def _months_text(first: int, last: int, lang: Lang) -> str:
    if lang == "en":
        if first == last:
            return f"in {MONTHS_EN[first - 1]}"
        return f"in {MONTHS_EN[first - 1]}–{MONTHS_EN[last - 1]}"
    if first == last:
        return f"{_MONTH_STEMS[first - 1]}kuussa"
    return f"{_MONTH_STEMS[first - 1]}–{_MONTH_STEMS[last - 1]}kuussa"


def describe_window(window: Window, lang: Lang = "fi") -> str:
    """A window as text: ``viikoilla 43–44``, ``loka–joulukuussa``, ``11.2.``, ``keväällä``.

    >>> describe_window(WeekWindow(43, 44)), describe_window(WeekWindow(43, 44), "en")
    ('viikoilla 43–44', 'weeks 43–44')
    """
    _check_lang(lang)
    if isinstance(window, WeekWindow):
        if window.first == window.last:
            return f"viikolla {window.first}" if lang == "fi" else f"week {window.first}"
        prefix = "viikoilla" if lang == "fi" else "weeks"
        return f"{prefix} {window.first}–{window.last}"
    if isinstance(window, MonthWindow):
        return _months_text(window.first, window.last, lang)
    if isinstance(window, DateWindow):
        if lang == "fi":
            start = f"{window.day}.{window.month}."
            end = f"{window.end_day}.{window.end_month}."
            return start if window.is_single else f"{start}–{end}"
        start = f"{window.day} {MONTHS_EN[window.month - 1]}"
        end = f"{window.end_day} {MONTHS_EN[window.end_month - 1]}"
        return f"on {start}" if window.is_single else f"from {start} to {end}"
    if isinstance(window, SeasonWindow):
        if lang == "fi":
            return _SEASON_FI[window.season]
        return f"in {_SEASON_EN[window.season]}"
    raise TypeError(f"not a window: {window!r}")


def describe_follow_up(follow_up: FollowUp, lang: Lang = "fi") -> str:
    """A follow-up as text: ``tulokset aikaisintaan marraskuussa``.

    >>> describe_follow_up(FollowUp(SeasonWindow(Season.AUTUMN)), "en")
    'results in autumn'
    """
    target = describe_window(follow_up.target, lang)
    if lang == "fi":
        return f"tulokset {'aikaisintaan ' if follow_up.earliest else ''}{target}"
    return f"results {'at the earliest ' if follow_up.earliest else ''}{target}"


def _interval_text(years: YearPattern, lang: Lang) -> str:
    if years.interval == 1:
        return ""
    if years.phase is Phase.EVEN:
        return "parillisina vuosina" if lang == "fi" else "in even years"
    if years.phase is Phase.ODD:
        return "parittomina vuosina" if lang == "fi" else "in odd years"
    if lang == "en":
        return "every other year" if years.interval == 2 else f"every {years.interval} years"
    word = _ORDINAL_WORDS.get(years.interval, f"{years.interval}.")
    return f"joka {word} vuosi"


def _anchor_text(years: YearPattern, lang: Lang) -> str:
    if years.phase is Phase.NEXT:
        return f"{'seuraava' if lang == 'fi' else 'next'} {years.anchor}"
    if years.phase is Phase.LAST:
        return f"{'viimeksi' if lang == 'fi' else 'last'} {years.anchor}"
    return ""


def _validity_text(years: YearPattern, lang: Lang) -> str:
    first, last = years.valid_from, years.valid_to
    fi = lang == "fi"
    if first is not None and last is not None:
        if first == last:
            return f"vuonna {first}" if fi else f"in {first}"
        return f"vuosina {first}–{last}" if fi else f"in {first}–{last}"
    if first is not None:
        return f"vuodesta {first} alkaen" if fi else f"from {first} on"
    if last is not None:
        return f"vuoteen {last} asti" if fi else f"until {last}"
    return ""


def describe(rule: Rule, lang: Lang = "fi") -> str:
    """Canonical text of ``rule``: window, year pattern, validity, follow-up.

    The Finnish text parses back to the same rule:
    ``parse_rule(describe(rule)) == rule`` for every rule.

    >>> describe(parse_rule("parillisen vuoden loka- joulukuussa"))
    'loka–joulukuussa parillisina vuosina'
    """
    _check_lang(lang)
    if rule.cadence is not None:
        return _CADENCE_TEXT[rule.cadence, lang]
    interval = _interval_text(rule.years, lang)
    anchor = _anchor_text(rule.years, lang)
    validity = _validity_text(rule.years, lang)
    head = [describe_window(rule.window, lang)] if rule.window is not None else []
    if interval:
        head.append(interval)
    if validity and not (interval or anchor):
        head.append(validity)  # "tammi–maaliskuussa vuosina 2024–2025"
        validity = ""
    segments = [" ".join(head)] if head else []
    segments.extend(part for part in (anchor, validity) if part)
    if rule.follow_up is not None:
        segments.append(describe_follow_up(rule.follow_up, lang))
    if not segments:  # Rule(): no window, every year
        return "vuosittain" if lang == "fi" else "every year"
    return ", ".join(segments)
