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

import datetime as _dt
import difflib
import enum
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Final, Literal, NoReturn, TypeAlias

import attrs

from opiskeluhuolto.builder import RuleBuilder, RuleConflict
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.fmt import (
    MONTHS_EN,
    WEEKDAYS_EN,
    WEEKDAYS_FI,
    WEEKDAYS_FI_ESSIVE,
    WEEKDAYS_FI_SHORT,
    Lang,
    format_time,
)
from opiskeluhuolto.recurrence import (
    MAX_YEAR,
    MIN_YEAR,
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
    Rule,
    SchoolDays,
    SchoolDayWindow,
    Season,
    SeasonWindow,
    SingleWindow,
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
    "SEED_PHRASES",
    "Lang",
    "PhraseLang",
    "PhraseWarning",
    "RuleSyntaxError",
    "describe",
    "describe_follow_up",
    "describe_window",
    "parse_follow_up",
    "parse_rule",
    "parse_rule_with_warnings",
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


PhraseLang: TypeAlias = Literal["fi", "sv"]
"""The languages a timing phrase is written in: Finnish and Swedish."""


class RuleSyntaxError(BilingualError, ValueError):
    """A timing phrase that cannot be read.

    ``position`` is the 0-based character offset of the offending ``word`` in
    ``text``; at the end of the text ``word`` is ``""`` and ``position`` is
    ``len(text)``.  ``str(err)`` is Finnish, followed by the English in
    parentheses: ``tuntematon sana "foo" kohdassa 12 (unknown word "foo" at 12)``;
    ``message(lang)`` is the message alone, without the position.

    A Swedish phrase (``lang == "sv"``) also has ``message_sv`` (``message("sv")``),
    and ``str(err)`` is Swedish with the word and its 1-based character:
    ``kan inte läsa tidpunkten "veckan 54": vecka "54" finns inte (veckor 1–53);
    ordet "54", tecken 8``.
    """

    text: str
    position: int
    word: str
    lang: PhraseLang

    def __init__(
        self,
        text: str,
        position: int,
        word: str,
        message_fi: str,
        message_en: str,
        message_sv: str | None = None,
        lang: PhraseLang = "fi",
    ) -> None:
        self.text = text
        self.position = position
        self.word = word
        self.lang = lang
        super().__init__(message_fi, message_en, message_sv)
        self.args = (self._render(),)

    def _render(self) -> str:
        if self.lang == "sv" and self.message_sv is not None:
            if self.word:
                where = f'; ordet "{self.word}", tecken {self.position + 1}'
            else:
                where = "; i slutet av texten" if self.text.strip() else ""
            shown = json.dumps(self.text, ensure_ascii=False)
            return f"kan inte läsa tidpunkten {shown}: {self.message_sv}{where}"
        return f"{self.message_fi} kohdassa {self.position} ({self.message_en} at {self.position})"

    def __str__(self) -> str:
        return self._render()

    def __reduce__(
        self,
    ) -> tuple[type[RuleSyntaxError], tuple[str, int, str, str, str, str | None, PhraseLang]]:
        return (
            type(self),
            (
                self.text,
                self.position,
                self.word,
                self.message_fi,
                self.message_en,
                self.message_sv,
                self.lang,
            ),
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
    GENITIVE = "kuun"  # lokakuun alussa, syyskuun toisena tiistaina


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
    {
        "viikko",
        "viikolla",
        "viikoilla",
        "viikot",
        "viikoille",
        "viikon",
        "vko",
        "vkolla",
        "vk",
    }
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
# Parts of seasons (a convention): early autumn = Aug–Sep, late autumn = Nov–Dec, …
_SEASON_PARTS: Final[Mapping[str, MonthWindow]] = MappingProxyType(
    {
        "alkusyksystä": MonthWindow(8, 9),
        "alkusyksyllä": MonthWindow(8, 9),
        "loppusyksystä": MonthWindow(11, 12),
        "loppusyksyllä": MonthWindow(11, 12),
        "alkukeväästä": MonthWindow(1, 2),
        "alkukeväällä": MonthWindow(1, 2),
        "loppukeväästä": MonthWindow(4, 5),
        "loppukeväällä": MonthWindow(4, 5),
    }
)
# "lokakuun alussa" …; None: "lokakuun aikana", the whole month
_MONTH_PARTS: Final[Mapping[str, MonthPart | None]] = MappingProxyType(
    {
        "alussa": MonthPart.START,
        "alkupuolella": MonthPart.START,
        "puolivälissä": MonthPart.MIDDLE,
        "puolivälin": MonthPart.MIDDLE,
        "lopussa": MonthPart.END,
        "lopulla": MonthPart.END,
        "loppupuolella": MonthPart.END,
        "aikana": None,
    }
)

WEEKDAYS_FI_PLURAL: Final = (
    "maanantaisin",
    "tiistaisin",
    "keskiviikkoisin",
    "torstaisin",
    "perjantaisin",
    "lauantaisin",
    "sunnuntaisin",
)
_WEEKDAY_ESSIVE: Final[Mapping[str, Weekday]] = MappingProxyType(
    {word: Weekday(i) for i, word in enumerate(WEEKDAYS_FI_ESSIVE)}
)
_WEEKDAY_SHORT: Final[Mapping[str, Weekday]] = MappingProxyType(
    {word: Weekday(i) for i, word in enumerate(WEEKDAYS_FI_SHORT)}
)
_WEEKDAY_NOMINATIVE: Final[Mapping[str, Weekday]] = MappingProxyType(
    {word: Weekday(i) for i, word in enumerate(WEEKDAYS_FI)}
)
_WEEKDAY_PLURAL: Final[Mapping[str, Weekday]] = MappingProxyType(
    {word: Weekday(i) for i, word in enumerate(WEEKDAYS_FI_PLURAL)}
)
_WEEKDAY_ANY: Final[Mapping[str, Weekday]] = MappingProxyType(
    {**_WEEKDAY_ESSIVE, **_WEEKDAY_SHORT, **_WEEKDAY_NOMINATIVE, **_WEEKDAY_PLURAL}
)
_ORDINAL_ESSIVES: Final[Mapping[str, int]] = MappingProxyType(
    {
        "ensimmäisenä": 1,
        "toisena": 2,
        "kolmantena": 3,
        "neljäntenä": 4,
        "viidentenä": 5,
        "viimeisenä": -1,
    }
)
# "toiseksi viimeisenä" = -2
_ORDINAL_LAST_PREFIX: Final[Mapping[str, int]] = MappingProxyType(
    {"toiseksi": 2, "kolmanneksi": 3, "neljänneksi": 4, "viidenneksi": 5}
)
_ORDINAL_TOO_FAR: Final = frozenset(
    {"kuudentena", "seitsemäntenä", "kahdeksantena", "yhdeksäntenä", "kymmenentenä"}
)

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
# "joka toisen kuukauden toisena tiistaina"
_ORDINAL_GENITIVES: Final[Mapping[str, int]] = MappingProxyType(
    {
        "toisen": 2,
        "kolmannen": 3,
        "neljännen": 4,
        "viidennen": 5,
        "kuudennen": 6,
    }
)
_ORDINAL_GENITIVE_WORDS: Final[Mapping[int, str]] = MappingProxyType(
    {n: w for w, n in _ORDINAL_GENITIVES.items()}
)
_JOKA_UNITS: Final = frozenset({"vuosi", "kuukausi", "kuukauden", "viikko", *WEEKDAYS_FI})

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

_TERM_WORDS: Final[Mapping[str, TermPart | None]] = MappingProxyType(
    {"lukuvuoden": None, "syyslukukauden": TermPart.AUTUMN, "kevätlukukauden": TermPart.SPRING}
)
_TERM_ANCHOR_WORDS: Final[Mapping[str, TermAnchor]] = MappingProxyType(
    {
        "alussa": TermAnchor.FIRST_WEEK,
        "lopussa": TermAnchor.LAST_WEEK,
        "ensimmäisenä": TermAnchor.FIRST_DAY,
        "viimeisenä": TermAnchor.LAST_DAY,
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
    SLASH = "slash"


@attrs.frozen
class _Token:
    kind: _Kind
    start: int
    raw: str  # as written in the text
    value: str  # normalised for matching (NFC, lower case)


_TOKEN_RE: Final = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<date>[0-9]+\.[0-9]+\.(?:[0-9]{4}(?![0-9]))?|[0-9]+\.[0-9]+)
    | (?P<number>[0-9]+)
    | (?P<word>(?:[^\W\d_]|[\u0300-\u036f])+)
    | (?P<dash>[-\u2010-\u2015\u2212])
    | (?P<sep>[.,:;])
    | (?P<slash>/)
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
        "slash": _Kind.SLASH,
    }
)


def _tokenize(text: str, lang: PhraseLang = "fi") -> list[_Token]:
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
                f'oväntat tecken "{char}"' if lang == "sv" else None,
                lang,
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


class _Parser:
    """Parses one phrase; all state is local to one call of :func:`parse_rule`.

    The clauses state parts of the timing to a :class:`RuleBuilder` located
    at their tokens; the builder owns what the parts mean together.

    The grammar-independent machinery – tokens, numbers, weeks, dates, years,
    times of day, the driver and its errors – is shared with the Swedish
    parser (:mod:`opiskeluhuolto.phrases_sv`), which gives its own vocabulary
    through the class attributes below; every error of the shared parts has
    its Swedish message too.
    """

    lang: ClassVar[PhraseLang] = "fi"
    suggestions: ClassVar[tuple[str, ...]]
    fillers: ClassVar[frozenset[str]]
    and_words: ClassVar[frozenset[str]] = frozenset({"ja"})
    follow_up_words: ClassVar[frozenset[str]] = frozenset({"tulokset"})
    # words that only lead the next clause ("i", "på"): skipped, but never last
    prepositions: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text, self.lang)
        self.index = 0
        self.rule = RuleBuilder[_Token](lambda token: token.raw, fail_fast=True)
        self.joined = False  # the next window continues a list ("ja", ",")

    # -- token access ------------------------------------------------------

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.index + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept_word(self, words: frozenset[str]) -> _Token | None:
        token = self.peek()
        if token is not None and token.kind is _Kind.WORD and token.value in words:
            return self.advance()
        return None

    def accept_sep(self, raw: str) -> _Token | None:
        token = self.peek()
        if token is not None and token.kind is _Kind.SEP and token.raw == raw:
            return self.advance()
        return None

    def at_word(self, words: frozenset[str] | Mapping[str, object], ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token is not None and token.kind is _Kind.WORD and token.value in words

    def expect(
        self,
        ok: Callable[[_Token], bool],
        what_fi: str,
        what_en: str,
        what_sv: str | None = None,
    ) -> _Token:
        token = self.peek()
        if token is None or not ok(token):
            self.fail_expected(token, what_fi, what_en, what_sv)
        return self.advance()

    def expect_word(self, word: str) -> _Token:
        return self.expect(
            lambda t: t.kind is _Kind.WORD and t.value == word,
            f'sanaa "{word}"',
            f'"{word}"',
            f'ordet "{word}"',
        )

    def skip_separators(self) -> list[_Token]:
        skipped = []
        while (token := self.peek()) is not None and token.kind is _Kind.SEP:
            skipped.append(self.advance())
        return skipped

    # -- errors ------------------------------------------------------------

    def error(
        self, token: _Token | None, fi: str, en: str, sv: str | None = None
    ) -> RuleSyntaxError:
        """The error at ``token`` (None: the end of the text); Swedish only for Swedish."""
        sv = sv if self.lang == "sv" else None
        if token is None:
            return RuleSyntaxError(self.text, len(self.text), "", fi, en, sv, self.lang)
        return RuleSyntaxError(self.text, token.start, token.raw, fi, en, sv, self.lang)

    def empty(self) -> RuleSyntaxError:
        """The error of an empty phrase (at 0)."""
        sv = "tom tidpunkt" if self.lang == "sv" else None
        return RuleSyntaxError(self.text, 0, "", "tyhjä ajoitus", "empty timing", sv, self.lang)

    def fail_expected(
        self, token: _Token | None, what_fi: str, what_en: str, what_sv: str | None = None
    ) -> NoReturn:
        if token is None:
            raise self.error(
                None,
                f"ajoitus jäi kesken: odotettiin {what_fi}",
                f"incomplete phrase: expected {what_en}",
                None if what_sv is None else f"tidpunkten tar slut för tidigt: väntade {what_sv}",
            )
        raise self.error(
            token,
            f'odotettiin {what_fi}, ei "{token.raw}"',
            f'expected {what_en}, not "{token.raw}"',
            None if what_sv is None else f'väntade {what_sv}, inte "{token.raw}"',
        )

    def conflict_sv(self, problem: BuildProblem[object]) -> str | None:
        """The Swedish of a conflict the rule builder found (the Finnish parser has none)."""
        return None

    def weekday_warning_sv(
        self, when: str, weekday: Weekday, yes: int | None, no: int
    ) -> str | None:
        """The Swedish of "ma 14.9." holding only in some years (the Finnish parser has none)."""
        return None

    # -- driver ------------------------------------------------------------

    def parse(self) -> Rule:
        if not self.text.strip():
            raise self.empty()
        try:
            return self._parse()
        except RuleConflict as conflict:
            problem = conflict.problem
            token = problem.where if isinstance(problem.where, _Token) else None
            raise self.error(token, problem.fi, problem.en, self.conflict_sv(problem)) from None

    def _parse(self) -> Rule:
        read_any = False
        last_was_window = False
        while True:
            separators = self.skip_separators()
            token = self.peek()
            if token is None:
                break
            if last_was_window and any(s.raw == "," for s in separators):
                self.joined = True  # "11.2., 11.9. ja 11.12."
            self.advance()
            if token.kind is _Kind.WORD and token.value in self.fillers:
                continue
            if token.kind is _Kind.WORD and token.value in self.prepositions:
                if self.peek() is None:  # "i", "på": something must follow
                    self.fail_expected(
                        None,
                        f'ajankohtaa sanan "{token.raw}" jälkeen',
                        f'a window after "{token.raw}"',
                        f'en tidpunkt efter "{token.raw}"',
                    )
                continue
            if token.kind is _Kind.WORD and token.value in self.and_words:
                if self.peek() is None:
                    self.fail_expected(
                        None,
                        f"ajankohtaa {token.value}-sanan jälkeen",
                        f'a window after "{token.value}"',
                        f'en tidpunkt efter "{token.value}"',
                    )
                self.joined = True
                continue
            windows_before = len(self.rule.windows)
            self.clause(token)
            last_was_window = len(self.rule.windows) > windows_before
            if last_was_window:
                self.joined = False
            read_any = True
        if not read_any:
            self.fail_expected(None, "ajoitusta", "a timing", "en tidpunkt")
        rule = self.rule.build()
        assert rule is not None  # fail_fast: a problem raised
        return rule

    def clause(self, token: _Token) -> None:
        if token.kind is _Kind.WORD:
            handler = self.handler(token.value)
            if handler is None:
                if self.break_clause(token):
                    return
                self.unknown(token)
            handler(token)
        elif token.kind is _Kind.DATE:
            self.date_clause(token)
        elif token.kind is _Kind.NUMBER:
            self.number_clause(token)
        else:
            raise self.error(
                token,
                f'odottamaton viiva "{token.raw}"',
                f'unexpected dash "{token.raw}"',
                f'oväntat streck "{token.raw}"',
            )

    def handler(self, word: str) -> Callable[[_Token], None] | None:
        """The clause that ``word`` begins, or None."""
        found = _HANDLERS.get(word)
        return None if found is None else functools.partial(found, self)

    def unknown(self, token: _Token) -> NoReturn:
        close = difflib.get_close_matches(token.value, self.suggestions, n=1, cutoff=0.8)
        hint_fi = f' (tarkoititko "{close[0]}"?)' if close else ""
        hint_en = f' (did you mean "{close[0]}"?)' if close else ""
        hint_sv = f' (menade du "{close[0]}"?)' if close else ""
        raise self.error(
            token,
            f'tuntematon sana "{token.raw}"{hint_fi}',
            f'unknown word "{token.raw}"{hint_en}',
            f'okänt ord "{token.raw}"{hint_sv}',
        )

    def window(self, window: SingleWindow, token: _Token) -> None:
        self.rule.add_window(window, token, joined=self.joined)

    # -- numbers, weeks, months, dates ----------------------------------------

    def week_number(self) -> tuple[int, _Token]:
        token = self.expect(
            lambda t: t.kind is _Kind.NUMBER, "viikon numeroa", "a week number", "ett veckonummer"
        )
        value = _small_int(token, 2)
        if value is None or not 1 <= value <= 53:
            raise self.error(
                token,
                f'viikkoa "{token.raw}" ei ole (viikot 1–53)',
                f'there is no week "{token.raw}" (weeks 1–53)',
                f'vecka "{token.raw}" finns inte (veckor 1–53)',
            )
        return value, token

    def week_span(self) -> WeekWindow:
        """``47`` or ``47–48`` after a week word (a follow-up's weeks)."""
        first, _ = self.week_number()
        last = first
        if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:
            self.advance()
            last, _ = self.week_number()
        return WeekWindow(first, last)

    def week_ranges(self) -> list[tuple[WeekWindow, _Token]]:
        """``43``, ``43–44``, ``43, 44 ja 45``, ``2–3 ja 33–34``."""
        found: list[tuple[WeekWindow, _Token]] = []
        while True:
            first, token = self.week_number()
            last = first
            if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:
                self.advance()
                last, _ = self.week_number()
            previous = found[-1][0] if found else None
            if previous is not None and first == 1 and previous.last in (52, 53):
                # "viikoilla 52 ja 1": the turn of the year, one span
                found[-1] = (WeekWindow(previous.first, last), found[-1][1])
            else:
                found.append((WeekWindow(first, last), token))
            nxt, after = self.peek(), self.peek(1)
            joins = nxt is not None and nxt.kind is _Kind.WORD and nxt.value in self.and_words
            if joins and after is None:
                self.advance()
                self.week_number()  # "viikoilla 43 ja": a week number is missing
            if (
                nxt is not None
                and (joins or nxt.raw == ",")
                and after is not None
                and after.kind is _Kind.NUMBER
                and len(after.raw) <= 2
            ):
                self.advance()
                continue
            return found

    def week_clause(self, token: _Token) -> None:
        self.accept_sep(".")  # "vk. 40"
        ranges = self.week_ranges()
        for index, (window, at) in enumerate(ranges):
            self.rule.add_window(
                window, token if index == 0 else at, joined=self.joined or index > 0
            )
        if (slash := self.peek()) is not None and slash.kind is _Kind.SLASH:  # "40/2026"
            self.advance()
            year_token = self.peek()
            year = self.year()
            assert year_token is not None
            self.rule.set_validity(year, year, year_token)

    def months_from(self, token: _Token) -> MonthWindow:
        """A month or month range starting with ``token`` (a month word or a stem)."""
        form = _MONTH_FORMS.get(token.value)
        if form is None:  # a stem: "tammi-maaliskuussa", "syys- ja lokakuussa"
            first = _MONTH_STEM_NUMBERS[token.value]
            self.expect(lambda t: t.kind is _Kind.DASH, "viivaa ja kuukautta", "a dash and a month")
            if self.at_word(frozenset({"ja"})) or (
                (sep := self.peek()) is not None and sep.raw == ","
            ):
                return MonthWindow(first, first)
            return MonthWindow(first, self.month_word(_WINDOW_CASES))
        first, case = form
        if case is _Case.ELATIVE:  # "tammikuusta maaliskuuhun [asti]"
            last = self.month_word(frozenset({_Case.ILLATIVE}))
            self.accept_word(_TO_ENDINGS)
            return MonthWindow(first, last)
        if case is _Case.ILLATIVE or case is _Case.GENITIVE:
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

    def season_from(self, token: _Token) -> SeasonWindow | MonthWindow:
        if token.value in _SEASON_PARTS:
            return _SEASON_PARTS[token.value]
        season = _SEASON_WORDS.get(token.value)
        if season is None:  # a genitive: "kesän ajalla"
            season = _SEASON_GENITIVES[token.value]
            self.expect(
                lambda t: t.kind is _Kind.WORD and t.value in _DURING,
                'sanaa "aikana" tai "ajalla"',
                '"aikana" or "ajalla"',
            )
        return SeasonWindow(season)

    def month_clause(self, token: _Token) -> None:
        form = _MONTH_FORMS.get(token.value)
        if form is not None and form[1] is _Case.GENITIVE:
            self.month_genitive(token, form[0])
            return
        self.window(self.months_from(token), token)

    def month_genitive(self, token: _Token, month: int) -> None:
        """``lokakuun alussa``, ``syyskuun toisena tiistaina``, ``syyskuun loppuun mennessä``."""
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _MONTH_PARTS:
            self.advance()
            part = _MONTH_PARTS[nxt.value]
            window: SingleWindow = (
                MonthWindow(month, month) if part is None else MonthPartWindow(month, part)
            )
            self.window(window, token)
            return
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value == "loppuun":
            self.advance()
            self.expect_word("mennessä")
            self.window(DeadlineWindow(month), token)
            return
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _ORDINAL_TOO_FAR:
            self.too_far_clause(nxt)
        if self.ordinal_ahead():
            self.window(MonthWindow(month, month), token)
            ordinal_token = self.advance()
            self.ordinal(ordinal_token)
            return
        self.fail_expected(
            nxt,
            'kuukauden osaa tai viikonpäivää (esim. "lokakuun alussa", '
            '"syyskuun toisena tiistaina")',
            'a part of the month or a weekday (e.g. "lokakuun alussa", '
            '"syyskuun toisena tiistaina")',
        )

    def ordinal_ahead(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        if token.kind is _Kind.WORD:
            return token.value in _ORDINAL_ESSIVES or token.value in _ORDINAL_LAST_PREFIX
        nxt = self.peek(1)
        return token.kind is _Kind.NUMBER and nxt is not None and nxt.raw == "."

    def ordinal(self, token: _Token) -> None:
        """``toisena``, ``2.``, ``viimeisenä``, ``toiseksi viimeisenä`` (+ a weekday follows)."""
        if token.kind is _Kind.WORD and self.school_day_clause(token):
            return
        if token.kind is _Kind.NUMBER:
            self.advance()  # the full stop
            nth = self.nth_number(token)
        elif token.value in _ORDINAL_LAST_PREFIX:
            self.expect_word("viimeisenä")
            nth = -_ORDINAL_LAST_PREFIX[token.value]
        else:
            nth = _ORDINAL_ESSIVES[token.value]
        self.rule.set_ordinal(nth, token)
        weekday = self.peek()
        if (
            weekday is None
            or weekday.kind is not _Kind.WORD
            or (weekday.value not in _WEEKDAY_ESSIVE and weekday.value not in _WEEKDAY_SHORT)
        ):
            self.fail_expected(
                weekday, 'viikonpäivää (esim. "tiistaina")', 'a weekday (e.g. "tiistaina")'
            )
        self.weekday_clause(self.advance())

    def ordinal_clause(self, token: _Token) -> None:  # "toisena tiistaina syyskuussa"
        self.ordinal(token)

    def nth_number(self, token: _Token) -> int:
        """The 1–5 of "2. tiistaina" ("2:a tisdagen")."""
        value = _small_int(token, 1)
        if value is None or not 1 <= value <= 5:
            self.too_far_clause(token)
        return value

    def too_far_clause(self, token: _Token) -> NoReturn:  # "kuudentena", "6."
        shown = f"{token.raw}." if token.kind is _Kind.NUMBER else token.raw
        raise self.error(
            token,
            f'"{shown}": kuukaudessa on enintään viisi samaa viikonpäivää',
            f'"{shown}": a month has at most five of a weekday',
            f'"{token.raw}": en månad har högst fem av samma veckodag',
        )

    def season_clause(self, token: _Token) -> None:
        self.window(self.season_from(token), token)

    def date_value(self, token: _Token) -> tuple[int, int, int | None]:
        parts = token.raw.split(".")
        day_text, month_text = parts[0], parts[1]
        year_text = parts[2] if len(parts) > 2 else ""
        if len(day_text) <= 2 and len(month_text) <= 2:
            day, month = int(day_text), int(month_text)
            year = int(year_text) if year_text else None
            try:
                DateWindow.on(day, month)
                if year is not None:
                    _dt.date(year, month, day)
            except ValueError:
                pass
            else:
                return day, month, year
        raise self.error(
            token,
            f'mahdoton päivämäärä "{token.raw}"',
            f'impossible date "{token.raw}"',
            f'omöjligt datum "{token.raw}"',
        )

    def date_range(self, token: _Token) -> tuple[int, int, int | None, int, int, int | None]:
        """A date and, after a dash, the end date: day, month, year of each."""
        day, month, year = self.date_value(token)
        end_day, end_month, end_year = day, month, year
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DASH:
            self.advance()
            end_day, end_month, end_year = self.end_date("15.8.")
        return day, month, year, end_day, end_month, end_year

    def end_date(self, example: str) -> tuple[int, int, int | None]:
        """The date after the dash of a range (``example`` shows one)."""
        end = self.expect(
            lambda t: t.kind is _Kind.DATE,
            f'päivämäärää (esim. "{example}")',
            f'a date (e.g. "{example}")',
            f'ett datum (t.ex. "{example}")',
        )
        return self.date_value(end)

    def date_clause(self, token: _Token) -> None:
        day, month, year, end_day, end_month, end_year = self.date_range(token)
        relative = self.accept_word(frozenset({"edeltävänä", "jälkeisenä"}))
        if relative is not None:  # "6.12. edeltävänä koulupäivänä"
            self.expect_word("koulupäivänä")
            if (end_day, end_month) != (day, month):
                raise self.error(
                    token,
                    "koulupäivä lasketaan yhdestä päivästä (esim. 6.12. edeltävänä koulupäivänä)",
                    "a school day counts from one day (e.g. 6.12. edeltävänä koulupäivänä)",
                )
            direction = Direction.BEFORE if relative.value == "edeltävänä" else Direction.AFTER
            self.rule.add_school_window(SchoolDayWindow(day, month, direction), token)
            if year is not None:
                self.rule.set_validity(year, year, token)
            return
        if self.accept_word(frozenset({"mennessä"})) is not None:  # "30.9. mennessä"
            if (end_day, end_month) != (day, month):
                raise self.error(
                    token,
                    "määräaika on yksi päivä (esim. 30.9. mennessä)",
                    "a deadline is one day (e.g. 30.9. mennessä)",
                )
            self.window(DeadlineWindow(month, day), token)
            if year is not None:
                self.rule.set_validity(year, year, token)
            return
        self.dated_window(DateWindow(day, month, end_day, end_month), year, end_year, token)

    def dated_window(
        self, window: DateWindow, year: int | None, end_year: int | None, token: _Token
    ) -> None:
        """A date window, with the year it names ("19.10.–1.11.2026") if any."""
        if end_year is not None or year is not None:
            start_year = year
            if start_year is None:
                assert end_year is not None
                start_year = end_year - 1 if window.wraps else end_year
            expected_end = start_year + 1 if window.wraps else start_year
            if end_year is not None and end_year != expected_end:
                raise self.error(
                    token,
                    f'"{token.raw}": vuodet eivät täsmää (loppu vuonna {expected_end})',
                    f'"{token.raw}": the years do not match (the end is in {expected_end})',
                    f'"{token.raw}": åren stämmer inte (slutet är år {expected_end})',
                )
            self.window(window, token)
            self.rule.set_validity(start_year, start_year, token)
            return
        self.window(window, token)

    def year(self, *, four_digits: bool = False) -> int:
        token = self.expect(
            lambda t: t.kind is _Kind.NUMBER and (len(t.raw) == 4 or not four_digits),
            'nelinumeroista vuotta (esim. "2024–2025")' if four_digits else "vuotta",
            'a four-digit year (e.g. "2024–2025")' if four_digits else "a year",
            'ett fyrsiffrigt årtal (t.ex. "2024–2025")' if four_digits else "ett årtal",
        )
        return self.year_of(token)

    def year_range(self) -> tuple[int, int]:
        first = self.year()
        self.expect(
            lambda t: t.kind is _Kind.DASH,
            "viivaa ja vuotta",
            "a dash and a year",
            "ett streck och ett årtal",
        )
        return first, self.year()

    def numbered_word(self, token: _Token) -> bool:
        """``40. viikolla``, ``1. tiistaina``: a number that leads a word (False: not one)."""
        nxt, after = self.peek(), self.peek(1)
        if len(token.raw) > 2 or nxt is None or nxt.raw != "." or after is None:
            return False
        if after.kind is _Kind.WORD and after.value in _WEEK_WORDS:
            self.number_week(token)
            return True
        if after.kind is _Kind.WORD and (
            after.value in _WEEKDAY_ESSIVE or after.value in _WEEKDAY_SHORT
        ):
            self.ordinal(token)
            return True
        return False

    def number_week(self, token: _Token) -> None:
        """``40. viikolla`` (the number, its full stop and the week word)."""
        self.index -= 1
        week, _at = self.week_number()
        self.advance()  # the full stop
        self.advance()  # the week word
        self.rule.add_window(WeekWindow(week, week), token, joined=self.joined)

    def day_range(self, token: _Token) -> None:
        """``15.–19.9.``: the first day, its full stop, a dash and the end date."""
        self.advance()
        self.advance()
        end_day, end_month, end_year = self.end_date("19.9.")
        day = _small_int(token, 2) or 0
        try:
            window = DateWindow(day, end_month, end_day, end_month)
        except ValueError:
            raise self.error(
                token,
                f'mahdoton päivämäärä "{token.raw}.{end_month}."',
                f'impossible date "{token.raw}.{end_month}."',
                f'omöjligt datum "{token.raw}.{end_month}."',
            ) from None
        self.dated_window(window, None, end_year, token)

    def number_clause(self, token: _Token) -> None:
        nxt = self.peek()
        after = self.peek(1)
        # "15.–19.9.", "40. viikolla", "1. tiistaina"
        if (
            len(token.raw) <= 2
            and nxt is not None
            and nxt.raw == "."
            and after is not None
            and after.kind is _Kind.DASH
        ):
            self.day_range(token)
            return
        if self.numbered_word(token):
            return
        if (
            len(token.raw) == 4
            and (nxt is None or nxt.kind is not _Kind.DASH)
            and self.rule.windows
        ):
            # "keväällä 2027", "syyskuussa 2026": that year only
            year = self.year_of(token)
            self.rule.set_validity(year, year, token)
            return
        if len(token.raw) != 4 or nxt is None or nxt.kind is not _Kind.DASH:
            raise self.error(
                token,
                f'irrallinen luku "{token.raw}" (kirjoita esim. "viikolla 40", '
                f'"vuonna 2026" tai "2024–2025")',
                f'a bare number "{token.raw}" (write e.g. "viikolla 40", '
                f'"vuonna 2026" or "2024–2025")',
                f'ett ensamt tal "{token.raw}" (skriv t.ex. "vecka 40", '
                f'"år 2026" eller "2024–2025")',
            )
        self.index -= 1
        first = self.year(four_digits=True)
        self.advance()  # the dash
        self.rule.set_validity(first, self.year(four_digits=True), token)

    def year_of(self, token: _Token) -> int:
        """The year that ``token`` states, within MIN_YEAR–MAX_YEAR."""
        value = _small_int(token, 4)
        if value is None or not MIN_YEAR <= value <= MAX_YEAR:
            raise self.error(
                token,
                f'mahdoton vuosi "{token.raw}" (vuodet {MIN_YEAR}–{MAX_YEAR})',
                f'impossible year "{token.raw}" (years {MIN_YEAR}–{MAX_YEAR})',
                f'omöjligt år "{token.raw}" (åren {MIN_YEAR}–{MAX_YEAR})',
            )
        return value

    # -- weekdays, cadences, times --------------------------------------------

    def weekday_clause(self, token: _Token) -> None:
        if token.value in _WEEKDAY_PLURAL:
            self.rule.set_weekday(_WEEKDAY_PLURAL[token.value], token, every=True)
            return
        weekday = _WEEKDAY_ESSIVE.get(token.value)
        if weekday is None:
            weekday = _WEEKDAY_SHORT.get(token.value)
        if weekday is None:
            weekday = _WEEKDAY_NOMINATIVE[token.value]
        until: Weekday | None = None
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DASH:  # "ma–pe"
            self.advance()
            end = self.expect(
                lambda t: t.kind is _Kind.WORD and t.value in _WEEKDAY_ANY,
                'viikonpäivää (esim. "ma–pe")',
                'a weekday (e.g. "ma–pe")',
            )
            until = _WEEKDAY_ANY[end.value]
        self.rule.set_weekday(weekday, token, until=until)

    def monthly_clause(self, token: _Token) -> None:  # "kuukausittain"
        self.rule.set_frequency(Frequency.MONTHLY, 1, token)

    def weekly_clause(self, token: _Token) -> None:  # "viikoittain"
        self.rule.set_frequency(Frequency.WEEKLY, 1, token)

    def once_clause(self, token: _Token) -> None:  # "kerran kuukaudessa", "kerran viikossa"
        word = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("kuukaudessa", "viikossa"),
            'sanaa "kuukaudessa" tai "viikossa"',
            '"kuukaudessa" or "viikossa"',
        )
        frequency = Frequency.MONTHLY if word.value == "kuukaudessa" else Frequency.WEEKLY
        self.rule.set_frequency(frequency, 1, token)

    def week_parity_clause(self, token: _Token) -> None:  # "parillisilla viikoilla"
        self.expect_word("viikoilla")
        parity = WeekParity.EVEN if token.value == "parillisilla" else WeekParity.ODD
        self.rule.set_week_parity(parity, token)

    def time_value(self) -> tuple[_dt.time, _Token]:
        token = self.expect(
            lambda t: t.kind in (_Kind.NUMBER, _Kind.DATE),
            'kellonaikaa (esim. "14" tai "14.30")',
            'a time (e.g. "14" or "14.30")',
            'ett klockslag (t.ex. "14" eller "14.30")',
        )
        minutes = "0"
        if token.kind is _Kind.DATE:
            parts = token.raw.split(".")
            hours, minutes = parts[0], parts[1]
            if len(parts) > 2 and parts[2]:
                hours = ""  # "14.30.2026" is no time
        else:
            hours = token.raw
            colon, after = self.peek(), self.peek(1)
            if (
                colon is not None
                and colon.raw == ":"
                and after is not None
                and after.kind is _Kind.NUMBER
            ):
                self.advance()
                minutes = self.advance().raw
        if (
            hours.isdigit()
            and len(hours) <= 2
            and minutes.isdigit()
            and len(minutes) <= 2
            and int(hours) <= 23
            and int(minutes) <= 59
        ):
            return _dt.time(int(hours), int(minutes)), token
        raise self.error(
            token,
            f'mahdoton kellonaika "{token.raw}"',
            f'impossible time "{token.raw}"',
            f'omöjligt klockslag "{token.raw}"',
        )

    def time_clause(self, token: _Token) -> None:  # "klo 14–15.30"
        self.accept_sep(".")  # "klo. 14"
        start, _ = self.time_value()
        end: _dt.time | None = None
        if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:
            self.advance()
            end, _ = self.time_value()
        try:
            time = TimeOfDay(start) if end is None else TimeOfDay(start, end)
        except ValueError:
            shown = f"{start.hour}.{start.minute:02d}" + (
                f"–{end.hour}.{end.minute:02d}" if end else ""
            )
            raise self.error(
                token,
                f'"{token.raw}": kellonaika {shown} päättyy ennen kuin alkaa tai menee yli '
                "keskiyön",
                f'"{token.raw}": the time {shown} ends before it starts or runs past midnight',
                f'"{token.raw}": klockslaget {shown} slutar innan det börjar eller går över '
                "midnatt",
            ) from None
        self.rule.set_time(time, token)

    def deadline_clause(
        self, token: _Token
    ) -> None:  # "viimeistään 30.9.", "viimeistään syyskuussa"
        weekday = self.peek()
        if weekday is not None and weekday.kind is _Kind.WORD and weekday.value in _WEEKDAY_ANY:
            # "viimeistään ke 30.9.": the tool's own words; the weekday confirms the date
            self.advance()
            following = self.peek()
            if following is None or following.kind is not _Kind.DATE:
                self.fail_expected(
                    following, 'päivämäärää (esim. "30.9.")', 'a date (e.g. "30.9.")'
                )
            self.rule.confirm_weekday(_WEEKDAY_ANY[weekday.value], weekday)
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.DATE:
            self.advance()
            day, month, year = self.date_value(nxt)
            self.window(DeadlineWindow(month, day), token)
            if year is not None:
                self.rule.set_validity(year, year, nxt)
            return
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _MONTH_FORMS:
            month, case = _MONTH_FORMS[nxt.value]
            if case is _Case.INESSIVE:
                self.advance()
                self.window(DeadlineWindow(month), token)
                return
        self.fail_expected(
            nxt,
            'päivämäärää tai kuukautta (esim. "viimeistään 30.9.")',
            'a date or a month (e.g. "viimeistään 30.9.")',
        )

    def school_year_clause(self, token: _Token) -> None:  # "lukuvuonna 2026–2027", "lv. 2026"
        self.accept_sep(".")
        first = self.year()
        if (dash := self.peek()) is not None and dash.kind is _Kind.DASH:
            self.advance()
            second_token = self.peek()
            second = self.year()
            if second != first + 1:
                raise self.error(
                    second_token,
                    f"lukuvuoden vuosien on oltava peräkkäiset ({first}–{first + 1})",
                    f"the years of a school year must be consecutive ({first}–{first + 1})",
                    f"läsårets år måste följa på varandra ({first}–{first + 1})",
                )
        if first > MAX_YEAR - 1:
            raise self.error(
                token,
                f"mahdoton lukuvuosi {first}",
                f"impossible school year {first}",
                f"omöjligt läsår {first}",
            )
        self.rule.set_school_year(first, token)

    def next_meeting(self, token: _Token) -> NoReturn:
        raise self.error(
            token,
            '"seuraavassa kokouksessa" käy tuloksiin: "tulokset seuraavassa kokouksessa"; '
            'ryhmän kokoukset ovat "jokaisessa kokouksessa" tai ryhmän meetings-säännössä',
            '"seuraavassa kokouksessa" (at the next meeting) goes with results: "tulokset '
            'seuraavassa kokouksessa"; a group\'s meetings are "jokaisessa kokouksessa" or '
            "the group's meetings rule",
        )

    # -- the school calendar ---------------------------------------------------

    def break_window(self, token: _Token, name: str, relation: BreakRelation) -> None:
        if break_name_problem(name) is not None:
            raise self.error(
                token,
                f'"{token.raw}": loma nimetään yhdellä sanalla, joka päättyy "loma" '
                "(esim. syyslomalla)",
                f'"{token.raw}": a break is named by one word ending in "loma" (e.g. syyslomalla)',
            )
        self.rule.add_school_window(BreakWindow(name, relation), token)

    def break_clause(self, token: _Token) -> bool:
        """``syyslomalla``, ``syyslomaviikolla``, ``syysloman jälkeen`` (False: not a break)."""
        word = token.value
        if word.endswith("lomaviikolla"):
            self.break_window(token, word[: -len("viikolla")], BreakRelation.DURING)
            return True
        if word.endswith("lomalla"):
            self.break_window(token, word[:-3], BreakRelation.DURING)
            return True
        if word.endswith("loman"):
            self.expect_word("jälkeen")
            self.break_window(token, word[:-1], BreakRelation.AFTER)
            return True
        return False

    def before_clause(self, token: _Token) -> None:  # "ennen syyslomaa"
        brk = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value.endswith("lomaa"),
            'lomaa (esim. "ennen syyslomaa")',
            'a break (e.g. "ennen syyslomaa")',
        )
        self.break_window(brk, brk.value[:-1], BreakRelation.BEFORE)

    def school_day_date(self) -> tuple[int, int]:
        """The date of "… koulupäivänä ennen 6.12." (a year makes it a one-off)."""
        date = self.expect(
            lambda t: t.kind is _Kind.DATE,
            'päivämäärää (esim. "6.12.")',
            'a date (e.g. "6.12.")',
            'ett datum (t.ex. "6.12.")',
        )
        day, month, year = self.date_value(date)
        if year is not None:
            self.rule.set_validity(year, year, date)
        return day, month

    def school_day_clause(self, token: _Token) -> bool:
        """``ensimmäisenä koulupäivänä 1.9. jälkeen``, ``viimeisenä koulupäivänä ennen 6.12.``."""
        nxt = self.peek()
        if nxt is None or nxt.kind is not _Kind.WORD or nxt.value != "koulupäivänä":
            return False
        if token.value not in ("ensimmäisenä", "viimeisenä"):
            raise self.error(
                token,
                'koulupäivä lasketaan päivämäärästä: "ensimmäisenä koulupäivänä 1.9. jälkeen" '
                'tai "viimeisenä koulupäivänä ennen 6.12."',
                'a school day counts from a date: "ensimmäisenä koulupäivänä 1.9. jälkeen" '
                'or "viimeisenä koulupäivänä ennen 6.12."',
            )
        self.advance()
        if token.value == "viimeisenä":
            self.expect_word("ennen")
            day, month = self.school_day_date()
            direction = Direction.BEFORE
        else:
            day, month = self.school_day_date()
            self.expect_word("jälkeen")
            direction = Direction.AFTER
        self.rule.add_school_window(SchoolDayWindow(day, month, direction), token)
        return True

    def term_clause(self, token: _Token) -> None:
        """``lukuvuoden alussa``, ``kevätlukukauden viimeisenä koulupäivänä``."""
        which = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in _TERM_ANCHOR_WORDS,
            '"alussa", "lopussa", "ensimmäisenä koulupäivänä" tai "viimeisenä koulupäivänä"',
            '"alussa", "lopussa", "ensimmäisenä koulupäivänä" or "viimeisenä koulupäivänä"',
        )
        anchor = _TERM_ANCHOR_WORDS[which.value]
        if anchor in (TermAnchor.FIRST_DAY, TermAnchor.LAST_DAY):
            self.expect_word("koulupäivänä")
        term = _TERM_WORDS[token.value]
        if term is None:  # "lukuvuoden": the autumn term begins it, the spring term ends it
            first = anchor in (TermAnchor.FIRST_DAY, TermAnchor.FIRST_WEEK)
            term = TermPart.AUTUMN if first else TermPart.SPRING
        self.rule.add_school_window(TermWindow(term, anchor), token)

    def not_in_breaks_clause(self, token: _Token) -> None:  # "ei lomilla", "paitsi lomilla"
        self.expect_word("lomilla")
        self.rule.set_school_days(SchoolDays.SKIP, token)

    def shift_clause(self, token: _Token) -> None:  # "siirtyy edelliseen koulupäivään"
        way = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in ("edelliseen", "seuraavaan"),
            '"edelliseen" tai "seuraavaan" (koulupäivään)',
            '"edelliseen" or "seuraavaan" (koulupäivään)',
        )
        self.expect_word("koulupäivään")
        policy = SchoolDays.PREVIOUS if way.value == "edelliseen" else SchoolDays.NEXT
        self.rule.set_school_days(policy, token)

    # -- years -------------------------------------------------------------

    def yearly_clause(self, token: _Token) -> None:  # "vuosittain"
        self.rule.set_interval(1, token)

    def count(self) -> int | None:
        """``toinen`` / ``toisen`` / ``3.`` after "joka", or None."""
        nxt = self.peek()
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _ORDINALS:
            return _ORDINALS[self.advance().value]
        if nxt is not None and nxt.kind is _Kind.WORD and nxt.value in _ORDINAL_GENITIVES:
            return _ORDINAL_GENITIVES[self.advance().value]
        if nxt is not None and nxt.kind is _Kind.NUMBER:
            value = self.interval_number(self.advance())
            self.accept_sep(".")
            return value
        return None

    def interval_number(self, token: _Token) -> int:
        """The N of "joka 12. vuosi" ("vart 12:e år"): 1–99."""
        value = _small_int(token, 2)
        if value is None or not 1 <= value <= 99:
            raise self.error(
                token,
                f'mahdoton väli "{token.raw}" (1–99)',
                f'impossible interval of "{token.raw}" (1–99)',
                f'omöjligt intervall "{token.raw}" (1–99)',
            )
        return value

    def joka_clause(self, token: _Token) -> None:
        """``joka [toinen|3.] vuosi|kuukausi|viikko|maanantai``, ``joka kuukauden …``."""
        interval = self.count()
        unit = self.expect(
            lambda t: t.kind is _Kind.WORD and t.value in _JOKA_UNITS,
            'sanaa "vuosi", "kuukausi", "viikko" tai viikonpäivää',
            '"vuosi", "kuukausi", "viikko" or a weekday',
        )
        every = interval or 1
        if unit.value == "vuosi":
            self.rule.set_interval(every, token)
        elif unit.value in ("kuukausi", "kuukauden"):
            self.rule.set_frequency(Frequency.MONTHLY, every, unit)
        elif unit.value == "viikko":
            self.rule.set_frequency(Frequency.WEEKLY, every, unit)
        else:  # "joka maanantai", "joka toinen tiistai"
            self.rule.set_frequency(Frequency.WEEKLY, every, unit)
            self.rule.set_weekday(_WEEKDAY_NOMINATIVE[unit.value], unit)

    def parity_clause(self, token: _Token) -> None:  # "parillisina vuosina"
        parity, follower = _PARITY_WORDS[token.value]
        self.expect_word(follower)
        self.rule.set_parity(parity, token)

    def anchor_clause(self, token: _Token) -> None:  # "seuraavan kerran 2026"
        phase, follower = _ANCHOR_WORDS[token.value]
        if follower is not None:
            self.expect_word(follower)
        self.accept_word(frozenset({"vuonna"}))
        self.rule.set_anchor(phase, self.year(), token)

    def validity_clause(self, token: _Token) -> None:
        if token.value == "vuosina":  # "vuosina 2024–2025"
            first, last = self.year_range()
            self.rule.set_validity(first, last, token)
        elif token.value == "vuonna":  # "vuonna 2026"
            year = self.year()
            self.rule.set_validity(year, year, token)
        elif token.value == "vuodesta":  # "vuodesta 2026 [alkaen]"
            year = self.year()
            self.accept_word(_FROM_ENDINGS)
            self.rule.set_validity(year, None, token)
        else:  # "vuoteen 2030 [asti]"
            year = self.year()
            self.accept_word(_TO_ENDINGS)
            self.rule.set_validity(None, year, token)

    # -- follow-ups and undated ---------------------------------------------

    def follow_up_body(self) -> FollowUp:
        """``[aikaisintaan] <month, month range, season, week(s) or date>``."""
        earliest = self.accept_word(frozenset({"aikaisintaan"})) is not None
        start = self.peek()
        target: FollowUpTarget | None = None
        if start is not None and start.kind is _Kind.WORD:
            if start.value == "seuraavassa":
                self.advance()
                self.expect_word("kokouksessa")
                return FollowUp(NextMeeting(), earliest)
            if start.value in _MONTH_FORMS or start.value in _MONTH_STEM_NUMBERS:
                form = _MONTH_FORMS.get(start.value)
                if form is None or form[1] is not _Case.GENITIVE:
                    target = self.months_from(self.advance())
            elif start.value in _SEASON_WORDS or start.value in _SEASON_GENITIVES:
                season = self.season_from(self.advance())
                target = season
            elif start.value in _WEEK_WORDS:
                self.advance()
                self.accept_sep(".")
                target = self.week_span()
        elif start is not None and start.kind is _Kind.DATE:
            target = self.follow_up_date(self.advance())
        if target is None:
            self.fail_expected(
                start,
                'kuukautta, vuodenaikaa, viikkoa tai päivämäärää (esim. "marraskuussa", '
                '"syksyllä", "viikolla 47", "15.1.")',
                'a month, a season, a week or a date (e.g. "marraskuussa", "syksyllä", '
                '"viikolla 47", "15.1.")',
            )
        return FollowUp(target, earliest)

    def follow_up_date(self, token: _Token) -> DateWindow:
        """The date of the results, ``15.1.``: never with a year."""
        day, month, year = self.date_value(token)
        if year is not None:
            raise self.error(
                token,
                "tulosten päivämäärä annetaan ilman vuotta (esim. 15.1.)",
                "the date of the results is given without a year (e.g. 15.1.)",
                "resultatens datum ges utan år (t.ex. 15.1.)",
            )
        return DateWindow.on(day, month)

    def follow_up_clause(self, token: _Token) -> None:  # "tulokset [:] [aikaisintaan] marraskuussa"
        self.accept_sep(":")
        follow_up = self.follow_up_body()
        self.rule.set_follow_up(follow_up, token)

    def every_meeting_clause(self, token: _Token) -> None:  # "jokaisessa kokouksessa"
        self.expect_word("kokouksessa")
        self.rule.set_cadence(Cadence.EVERY_MEETING, token)

    def as_needed_clause(self, token: _Token) -> None:  # "tarpeen mukaan [kokouksessa]"
        if token.value == "tarpeen":
            self.expect_word("mukaan")
            self.accept_word(frozenset({"kokouksessa"}))
        self.rule.set_cadence(Cadence.AS_NEEDED, token)


def _handlers() -> dict[str, _Handler]:
    table: dict[str, _Handler] = {}
    for word in _WEEK_WORDS:
        table[word] = _Parser.week_clause
    for word in (*_MONTH_FORMS, *_MONTH_STEM_NUMBERS):
        table[word] = _Parser.month_clause
    for word in (*_SEASON_WORDS, *_SEASON_GENITIVES, *_SEASON_PARTS):
        table[word] = _Parser.season_clause
    for word in _WEEKDAY_ANY:
        table[word] = _Parser.weekday_clause
    for word in (*_ORDINAL_ESSIVES, *_ORDINAL_LAST_PREFIX):
        table[word] = _Parser.ordinal_clause
    for word in _ORDINAL_TOO_FAR:
        table[word] = _Parser.too_far_clause
    for word in _PARITY_WORDS:
        table[word] = _Parser.parity_clause
    for word in _ANCHOR_WORDS:
        table[word] = _Parser.anchor_clause
    for word in ("vuosina", "vuonna", "vuodesta", "vuoteen"):
        table[word] = _Parser.validity_clause
    for word in ("klo", "kello"):
        table[word] = _Parser.time_clause
    for word in ("lukuvuonna", "lv"):
        table[word] = _Parser.school_year_clause
    table["parillisilla"] = _Parser.week_parity_clause
    table["parittomilla"] = _Parser.week_parity_clause
    table["kuukausittain"] = _Parser.monthly_clause
    table["viikoittain"] = _Parser.weekly_clause
    table["kerran"] = _Parser.once_clause
    table["viimeistään"] = _Parser.deadline_clause
    table["seuraavassa"] = _Parser.next_meeting
    table["ennen"] = _Parser.before_clause
    table["ei"] = _Parser.not_in_breaks_clause
    table["paitsi"] = _Parser.not_in_breaks_clause
    table["siirtyy"] = _Parser.shift_clause
    for word in _TERM_WORDS:
        table[word] = _Parser.term_clause
    table["vuosittain"] = _Parser.yearly_clause
    table["joka"] = _Parser.joka_clause
    table["tulokset"] = _Parser.follow_up_clause
    table["jokaisessa"] = _Parser.every_meeting_clause
    table["tarpeen"] = _Parser.as_needed_clause
    table["tarvittaessa"] = _Parser.as_needed_clause
    return table


_HANDLERS: Final[Mapping[str, _Handler]] = MappingProxyType(_handlers())
_Parser.fillers = _FILLER_WORDS
# Suggestions only among words that are complete clauses or their heads – never
# a form such as "syyskuu" that would itself be incomplete.
_SUGGESTIONS: Final[tuple[str, ...]] = tuple(
    sorted(
        {
            *(
                w
                for w, (_n, case) in _MONTH_FORMS.items()
                if case in (_Case.INESSIVE, _Case.GENITIVE)
            ),
            *_SEASON_WORDS,
            *_SEASON_PARTS,
            *_WEEKDAY_ESSIVE,
            *_WEEKDAY_PLURAL,
            *_ORDINAL_ESSIVES,
            "viikolla",
            "viikoilla",
            "viikon",
            "vuosittain",
            "kuukausittain",
            "viikoittain",
            "viimeistään",
            "tulokset",
            "jokaisessa",
            "tarvittaessa",
            "lukuvuonna",
            "lukuvuoden",
            "syyslukukauden",
            "kevätlukukauden",
            "koulupäivänä",
            "lomilla",
            "siirtyy",
            "ennen",
            "parillisina",
            "parittomina",
            "parillisilla",
            "parittomilla",
            "seuraava",
            "viimeksi",
            *_FILLER_WORDS,
        }
    )
)
_Parser.suggestions = _SUGGESTIONS


def _parser(text: object, lang: str, function: str) -> _Parser:
    """The parser of ``text`` in ``lang`` ("fi" or "sv")."""
    if not isinstance(text, str):
        raise TypeError(f"{function}() needs a str, got {type(text).__name__}")
    if lang == "sv":
        from opiskeluhuolto.phrases_sv import SwedishParser

        return SwedishParser(text)
    if lang != "fi":
        raise ValueError(f'a timing phrase is in "fi" or "sv", got {lang!r}')
    return _Parser(text)


def parse_rule(text: str, lang: PhraseLang = "fi") -> Rule:
    """Read a Finnish (or, with ``lang="sv"``, Swedish) timing phrase into a :class:`Rule`.

    >>> parse_rule("viikoilla 43 ja 44. Tulokset aikaisintaan marraskuussa.") == Rule(
    ...     WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True))
    True
    >>> parse_rule("veckorna 43 och 44, resultat tidigast i november", lang="sv") == parse_rule(
    ...     "viikoilla 43 ja 44, tulokset aikaisintaan marraskuussa")
    True

    Raises :class:`RuleSyntaxError` (a :class:`ValueError`) for any phrase it
    cannot read, and :class:`TypeError` when ``text`` is not a ``str``.
    """
    return _parser(text, lang, "parse_rule").parse()


@attrs.frozen
class PhraseWarning:
    """Something a phrase says that holds only sometimes, at ``word`` (``position``)."""

    word: str
    position: int
    message_fi: str
    message_en: str
    message_sv: str | None = None  # a Swedish phrase's warning


def parse_rule_with_warnings(
    text: str, lang: PhraseLang = "fi"
) -> tuple[Rule, tuple[PhraseWarning, ...]]:
    """Read a phrase like :func:`parse_rule` and say what in it holds only in some years.

    A weekday written with a yearly date ("ma 14.9.") is read as the date; the
    weekday is right only in some years, which `check` reports as a warning.

    >>> rule, (warning,) = parse_rule_with_warnings("ma 14.9.")
    >>> warning.message_en
    '14.9. is a Monday only in some years (2026 yes, 2027 no); the rule means the date'
    >>> rule, (warning,) = parse_rule_with_warnings("må 14.9.", lang="sv")
    >>> warning.message_sv
    '14.9. är en måndag bara vissa år (2026 ja, 2027 nej); regeln avser datumet'
    """
    parser = _parser(text, lang, "parse_rule")
    rule = parser.parse()
    warnings: list[PhraseWarning] = []
    confirmed = parser.rule.confirmed
    window = rule.window
    dated = rule.years.valid_from is not None and rule.years.valid_from == rule.years.valid_to
    if confirmed is not None and not dated:
        weekday, token = confirmed
        days = window.windows if isinstance(window, WindowList) else (window,)
        for day in days:
            if not isinstance(day, DateWindow):
                continue
            yes, no = _weekday_years(day, weekday)
            if no is None:
                continue
            name_fi, name_en = WEEKDAYS_FI[weekday], WEEKDAYS_EN[weekday]
            when = f"{day.day}.{day.month}."
            yes_fi = f"{yes} on, " if yes is not None else ""
            yes_en = f"{yes} yes, " if yes is not None else ""
            warnings.append(
                PhraseWarning(
                    token.raw,
                    token.start,
                    f"{when} on {name_fi} vain joinakin vuosina ({yes_fi}{no} ei); "
                    "sääntö tarkoittaa päivämäärää",
                    f"{when} is a {name_en} only in some years ({yes_en}{no} no); "
                    "the rule means the date",
                    parser.weekday_warning_sv(when, weekday, yes, no),
                )
            )
    return rule, tuple(warnings)


def _weekday_years(day: DateWindow, weekday: Weekday) -> tuple[int | None, int | None]:
    """A year from 2026 on whose ``day`` is ``weekday``, and the first that is not."""
    yes: int | None = None
    no: int | None = None
    for year in range(2026, 2026 + 29):
        span = day.span(year)
        if span is None:
            continue
        if span[0].weekday() == weekday:
            yes = year if yes is None else yes
        elif no is None:
            no = year
    return yes, no


def parse_follow_up(text: str, lang: PhraseLang = "fi") -> FollowUp:
    """Read a follow-up alone, with or without the word "tulokset" ("resultat").

    For data files whose ``results`` key holds ``"aikaisintaan marraskuussa"``.

    >>> parse_follow_up("aikaisintaan marraskuussa") == FollowUp(MonthWindow(11, 11), True)
    True
    >>> parse_follow_up("tidigast i november", lang="sv") == FollowUp(MonthWindow(11, 11), True)
    True
    """
    parser = _parser(text, lang, "parse_follow_up")
    if not text.strip():
        raise parser.empty()
    parser.skip_separators()
    lead = parser.accept_word(parser.follow_up_words)
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
            f'överflödigt ord "{rest.raw}" efter resultaten',
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
_PART_FI: Final[Mapping[MonthPart, str]] = MappingProxyType(
    {MonthPart.START: "alussa", MonthPart.MIDDLE: "puolivälissä", MonthPart.END: "lopussa"}
)
_PART_EN: Final[Mapping[MonthPart, str]] = MappingProxyType(
    {MonthPart.START: "early", MonthPart.MIDDLE: "mid-", MonthPart.END: "late"}
)
_NTH_FI: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "ensimmäisenä",
        2: "toisena",
        3: "kolmantena",
        4: "neljäntenä",
        5: "viidentenä",
        -1: "viimeisenä",
        -2: "toiseksi viimeisenä",
        -3: "kolmanneksi viimeisenä",
        -4: "neljänneksi viimeisenä",
        -5: "viidenneksi viimeisenä",
    }
)
_NTH_EN: Final[Mapping[int, str]] = MappingProxyType(
    {
        1: "first",
        2: "second",
        3: "third",
        4: "fourth",
        5: "fifth",
        -1: "last",
        -2: "second-to-last",
        -3: "third-to-last",
        -4: "fourth-to-last",
        -5: "fifth-to-last",
    }
)


def _check_lang(lang: str) -> None:
    if lang not in ("fi", "en", "sv"):
        raise ValueError(f'lang must be "fi", "en" or "sv", got {lang!r}')


def _months_text(first: int, last: int, lang: Lang) -> str:
    if lang == "en":
        if first == last:
            return f"in {MONTHS_EN[first - 1]}"
        return f"in {MONTHS_EN[first - 1]}–{MONTHS_EN[last - 1]}"
    if first == last:
        return f"{_MONTH_STEMS[first - 1]}kuussa"
    return f"{_MONTH_STEMS[first - 1]}–{_MONTH_STEMS[last - 1]}kuussa"


def _join(parts: list[str], lang: Lang) -> str:
    word = " ja " if lang == "fi" else " and "
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + word + parts[-1]


def _weeks_text(ranges: list[tuple[int, int]], lang: Lang) -> str:
    texts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges]
    single = len(ranges) == 1 and ranges[0][0] == ranges[0][1]
    if lang == "fi":
        return f"{'viikolla' if single else 'viikoilla'} {_join(texts, lang)}"
    return f"{'week' if single else 'weeks'} {_join(texts, lang)}"


def _weekday_text(weekday: Weekday, until: Weekday | None, lang: Lang) -> str:
    if until is not None and until != weekday:
        if lang == "fi":
            return f"{WEEKDAYS_FI_SHORT[weekday]}–{WEEKDAYS_FI_SHORT[until]}"
        return f"{WEEKDAYS_EN[weekday]}–{WEEKDAYS_EN[until]}"
    return WEEKDAYS_FI_ESSIVE[weekday] if lang == "fi" else f"on {WEEKDAYS_EN[weekday]}"


def _date_en(day: int, month: int) -> str:
    return f"{day} {MONTHS_EN[month - 1]}"


def describe_window(window: Window, lang: Lang = "fi") -> str:
    """A window as text: ``viikoilla 43–44``, ``loka–joulukuussa``, ``11.2.``, ``keväällä``.

    >>> describe_window(WeekWindow(43, 44)), describe_window(WeekWindow(43, 44), "en")
    ('viikoilla 43–44', 'weeks 43–44')
    >>> describe_window(NthWeekdayWindow(9, Weekday.TU, 2))
    'syyskuun toisena tiistaina'
    >>> describe_window(WeekWindow(43, 44), "sv")
    'veckorna 43–44'
    """
    _check_lang(lang)
    if lang == "sv":  # the Swedish writer, imported when first asked for
        from opiskeluhuolto import phrases_sv

        return phrases_sv.describe_window(window)
    fi = lang == "fi"
    if isinstance(window, WindowList):
        items = window.windows
        if all(isinstance(w, WeekWindow) for w in items):
            return _weeks_text(
                [(w.first, w.last) for w in items if isinstance(w, WeekWindow)], lang
            )
        if all(isinstance(w, WeekdayWindow) for w in items):
            days = [w for w in items if isinstance(w, WeekdayWindow)]
            weeks = _weeks_text([(w.week, w.week) for w in days], lang)
            return f"{weeks} {_weekday_text(days[0].weekday, days[0].until, lang)}"
        if all(isinstance(w, NthWeekdayWindow) for w in items):
            nths = [w for w in items if isinstance(w, NthWeekdayWindow)]
            months = _join([_months_text(w.month, w.month, lang) for w in nths], lang)
            first = nths[0]
            if fi:
                return f"{_NTH_FI[first.nth]} {WEEKDAYS_FI_ESSIVE[first.weekday]} {months}"
            return f"on the {_NTH_EN[first.nth]} {WEEKDAYS_EN[first.weekday]} {months}"
        return _join([describe_window(w, lang) for w in items], lang)
    if isinstance(window, WeekWindow):
        return _weeks_text([(window.first, window.last)], lang)
    if isinstance(window, MonthWindow):
        return _months_text(window.first, window.last, lang)
    if isinstance(window, DateWindow):
        if fi:
            start = f"{window.day}.{window.month}."
            end = f"{window.end_day}.{window.end_month}."
            return start if window.is_single else f"{start}–{end}"
        start = _date_en(window.day, window.month)
        end = _date_en(window.end_day, window.end_month)
        return f"on {start}" if window.is_single else f"from {start} to {end}"
    if isinstance(window, SeasonWindow):
        if fi:
            return _SEASON_FI[window.season]
        return f"in {_SEASON_EN[window.season]}"
    if isinstance(window, WeekdayWindow):
        weekday = _weekday_text(window.weekday, window.until, lang)
        if fi:
            if window.is_one_day:
                return f"viikon {window.week} {weekday}"
            return f"viikolla {window.week} {weekday}"
        if window.is_one_day:
            return f"{weekday} of week {window.week}"
        return f"{weekday} of week {window.week}"
    if isinstance(window, NthWeekdayWindow):
        if fi:
            month = f"{_MONTH_STEMS[window.month - 1]}kuun"
            return f"{month} {_NTH_FI[window.nth]} {WEEKDAYS_FI_ESSIVE[window.weekday]}"
        return (
            f"on the {_NTH_EN[window.nth]} {WEEKDAYS_EN[window.weekday]} of "
            f"{MONTHS_EN[window.month - 1]}"
        )
    if isinstance(window, MonthPartWindow):
        if fi:
            return f"{_MONTH_STEMS[window.month - 1]}kuun {_PART_FI[window.part]}"
        part = _PART_EN[window.part]
        joiner = "" if part.endswith("-") else " "
        return f"in {part}{joiner}{MONTHS_EN[window.month - 1]}"
    if isinstance(window, DeadlineWindow):
        if window.day is None:
            if fi:
                return f"viimeistään {_MONTH_STEMS[window.month - 1]}kuussa"
            return f"by the end of {MONTHS_EN[window.month - 1]}"
        if fi:
            return f"viimeistään {window.day}.{window.month}."
        return f"by {_date_en(window.day, window.month)}"
    if isinstance(window, BreakWindow):
        return _break_text(window, lang)
    if isinstance(window, TermWindow):
        return _TERM_TEXT[window.term, window.anchor][0 if fi else 1]
    if isinstance(window, SchoolDayWindow):
        before = window.direction is Direction.BEFORE
        if fi:
            date = f"{window.day}.{window.month}."
            if before:
                return f"{date} edeltävänä koulupäivänä"
            return f"ensimmäisenä koulupäivänä {date} jälkeen"
        date = _date_en(window.day, window.month)
        return (
            f"on the school day before {date}"
            if before
            else f"on the first school day after {date}"
        )
    raise TypeError(f"not a window: {window!r}")


def _break_text(window: BreakWindow, lang: Lang) -> str:
    """``syyslomalla``, ``ennen syyslomaa``, ``syysloman jälkeen`` (English: the break by name)."""
    name = window.name
    if lang == "fi":
        if window.relation is BreakRelation.DURING:
            return f"{name}lla"
        if window.relation is BreakRelation.BEFORE:
            return f"ennen {name}a"
        return f"{name}n jälkeen"
    if window.relation is BreakRelation.DURING:
        return f"during the break {name}"
    if window.relation is BreakRelation.BEFORE:
        return f"in the week before the break {name}"
    return f"in the first school week after the break {name}"


_TERM_TEXT: Final[Mapping[tuple[TermPart, TermAnchor], tuple[str, str]]] = MappingProxyType(
    {
        (TermPart.AUTUMN, TermAnchor.FIRST_DAY): (
            "lukuvuoden ensimmäisenä koulupäivänä",
            "on the first school day of the school year",
        ),
        (TermPart.AUTUMN, TermAnchor.FIRST_WEEK): (
            "lukuvuoden alussa",
            "in the first school week of the school year",
        ),
        (TermPart.AUTUMN, TermAnchor.LAST_DAY): (
            "syyslukukauden viimeisenä koulupäivänä",
            "on the last school day of the autumn term",
        ),
        (TermPart.AUTUMN, TermAnchor.LAST_WEEK): (
            "syyslukukauden lopussa",
            "in the last school week of the autumn term",
        ),
        (TermPart.SPRING, TermAnchor.FIRST_DAY): (
            "kevätlukukauden ensimmäisenä koulupäivänä",
            "on the first school day of the spring term",
        ),
        (TermPart.SPRING, TermAnchor.FIRST_WEEK): (
            "kevätlukukauden alussa",
            "in the first school week of the spring term",
        ),
        (TermPart.SPRING, TermAnchor.LAST_DAY): (
            "kevätlukukauden viimeisenä koulupäivänä",
            "on the last school day of the spring term",
        ),
        (TermPart.SPRING, TermAnchor.LAST_WEEK): (
            "kevätlukukauden lopussa",
            "in the last school week of the spring term",
        ),
    }
)

_SCHOOL_DAYS_TEXT: Final[Mapping[SchoolDays, tuple[str, str]]] = MappingProxyType(
    {
        SchoolDays.SKIP: ("ei lomilla", "not on days off"),
        SchoolDays.PREVIOUS: (
            "siirtyy edelliseen koulupäivään",
            "moved to the previous school day",
        ),
        SchoolDays.NEXT: ("siirtyy seuraavaan koulupäivään", "moved to the next school day"),
    }
)


def describe_follow_up(follow_up: FollowUp, lang: Lang = "fi") -> str:
    """A follow-up as text: ``tulokset aikaisintaan marraskuussa``.

    >>> describe_follow_up(FollowUp(SeasonWindow(Season.AUTUMN)), "en")
    'results in autumn'
    >>> describe_follow_up(FollowUp(MonthWindow(1, 1), earliest=True), "sv")
    'resultat tidigast i januari'
    """
    _check_lang(lang)
    if lang == "sv":
        from opiskeluhuolto import phrases_sv

        return phrases_sv.describe_follow_up(follow_up)
    if isinstance(follow_up.target, NextMeeting):
        target = "seuraavassa kokouksessa" if lang == "fi" else "at the next meeting"
    else:
        target = describe_window(follow_up.target, lang)
    if lang == "en" and isinstance(follow_up.target, WeekWindow):
        target = f"in {target}"
    if lang == "fi":
        return f"tulokset {'aikaisintaan ' if follow_up.earliest else ''}{target}"
    return f"results {'at the earliest ' if follow_up.earliest else ''}{target}"


def _repeat_text(repeat: Repeat, lang: Lang) -> str:
    fi = lang == "fi"
    n = repeat.interval
    if repeat.frequency is Frequency.MONTHLY:
        if repeat.weekday is not None:
            nth = repeat.nth if repeat.nth is not None else 1
            if fi:
                every = "joka kuukauden" if n == 1 else f"joka {_ordinal_genitive(n)} kuukauden"
                return f"{every} {_NTH_FI[nth]} {WEEKDAYS_FI_ESSIVE[repeat.weekday]}"
            month = "month" if n == 1 else f"{_every_en(n)} month"
            return f"on the {_NTH_EN[nth]} {WEEKDAYS_EN[repeat.weekday]} of every {month}"
        if fi:
            return "kuukausittain" if n == 1 else f"joka {_ordinal_word(n)} kuukausi"
        return "monthly" if n == 1 else f"every {_every_en(n)} month"
    parity = ""
    if repeat.parity is not None:
        even = repeat.parity is WeekParity.EVEN
        if fi:
            parity = "parillisilla viikoilla" if even else "parittomilla viikoilla"
        else:
            parity = "in even weeks" if even else "in odd weeks"
    if repeat.weekday is not None and repeat.until is None:
        if fi:
            day = (
                WEEKDAYS_FI_PLURAL[repeat.weekday]
                if n == 1
                else f"joka {_ordinal_word(n)} {WEEKDAYS_FI[repeat.weekday]}"
            )
        else:
            day = (
                f"on {WEEKDAYS_EN[repeat.weekday]}s"
                if n == 1
                else f"every {_every_en(n)} {WEEKDAYS_EN[repeat.weekday]}"
            )
        return f"{parity} {day}" if parity else day
    if parity:
        head = parity
    elif fi:
        head = "viikoittain" if n == 1 else f"joka {_ordinal_word(n)} viikko"
    else:
        head = "weekly" if n == 1 else f"every {_every_en(n)} week"
    if repeat.weekday is not None:
        return f"{head} {_weekday_text(repeat.weekday, repeat.until, lang)}"
    return head


def ordinal_word(n: int) -> str:
    """``toinen`` for 2, ``kolmas`` for 3 …, ``12.`` past the words: "joka toinen vuosi"."""
    return _ORDINAL_WORDS.get(n, f"{n}.")


_ordinal_word = ordinal_word


def _ordinal_genitive(n: int) -> str:
    return _ORDINAL_GENITIVE_WORDS.get(n, f"{n}.")


def _every_en(n: int) -> str:
    return "other" if n == 2 else f"{n}th" if n > 3 else "third"


def _time_text(time: TimeOfDay, lang: Lang) -> str:
    return format_time(time, lang)


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


def dated_text(rule: Rule) -> str | None:
    """A one-off date or date range written with its year (``11.2.2027``), or None.

    Finnish and Swedish write it alike; English keeps the window and the year apart.
    """
    window, years = rule.window, rule.years
    if (
        not isinstance(window, DateWindow)
        or years.interval != 1
        or years.valid_from is None
        or years.valid_from != years.valid_to
    ):
        return None
    year = years.valid_from
    if not 1000 <= year <= MAX_YEAR - 1 or window.span(year) is None:
        return None  # "29.2. vuonna 2027" has no date to write out
    if window.is_single:
        return f"{window.day}.{window.month}.{year}"
    end_year = year + 1 if window.wraps else year
    start = f"{window.day}.{window.month}." + (f"{year}" if window.wraps else "")
    return f"{start}–{window.end_day}.{window.end_month}.{end_year}"


@attrs.frozen
class Words:
    """The describer's words in one language: the text of each part of a rule.

    :func:`describe` puts the parts together the same way in every language;
    Finnish and English are below, Swedish in :mod:`opiskeluhuolto.phrases_sv`.
    """

    window: Callable[[Window], str]
    repeat: Callable[[Repeat], str]
    time: Callable[[TimeOfDay], str]
    interval: Callable[[YearPattern], str]  # "" for every year
    anchor: Callable[[YearPattern], str]  # "" without a next/last year
    validity: Callable[[YearPattern], str]  # "" without one
    school_year: Callable[[int], str]
    school_days: Callable[[SchoolDays], str]
    follow_up: Callable[[FollowUp], str]
    cadence: Callable[[Cadence], str]
    every_year: str  # Rule(): no window, every year
    dated: bool  # a one-off is written with its year: "11.2.2027"


def _words_of(lang: Lang) -> Words:
    school_year_fi = "lukuvuonna {}–{}" if lang == "fi" else "in school year {}–{}"
    return Words(
        window=lambda window: describe_window(window, lang),
        repeat=lambda repeat: _repeat_text(repeat, lang),
        time=lambda time: _time_text(time, lang),
        interval=lambda years: _interval_text(years, lang),
        anchor=lambda years: _anchor_text(years, lang),
        validity=lambda years: _validity_text(years, lang),
        school_year=lambda first: school_year_fi.format(first, first + 1),
        school_days=lambda policy: _SCHOOL_DAYS_TEXT[policy][0 if lang == "fi" else 1],
        follow_up=lambda follow_up: describe_follow_up(follow_up, lang),
        cadence=lambda cadence: _CADENCE_TEXT[cadence, lang],
        every_year="vuosittain" if lang == "fi" else "every year",
        dated=lang == "fi",
    )


_WORDS: Final[Mapping[str, Words]] = MappingProxyType(
    {"fi": _words_of("fi"), "en": _words_of("en")}
)


def describe(rule: Rule, lang: Lang = "fi") -> str:
    """Canonical text of ``rule``: window, cadence, time, year pattern, validity, follow-up.

    The Finnish text parses back to the same rule:
    ``parse_rule(describe(rule)) == rule`` for every rule, and so does the
    Swedish: ``parse_rule(describe(rule, "sv"), lang="sv") == rule``.

    >>> describe(parse_rule("parillisen vuoden loka- joulukuussa"))
    'loka–joulukuussa parillisina vuosina'
    >>> describe(parse_rule("joka kuukauden 2. tiistaina klo 14-15.30 elo–toukokuussa"))
    'elo–toukokuussa joka kuukauden toisena tiistaina klo 14.00–15.30'
    >>> describe(parse_rule("parillisen vuoden loka- joulukuussa"), "sv")
    'i oktober–december jämna år'
    """
    _check_lang(lang)
    if lang == "sv":
        from opiskeluhuolto import phrases_sv

        words = phrases_sv.WORDS
    else:
        words = _WORDS[lang]
    if rule.cadence is not None:
        return words.cadence(rule.cadence)
    interval = words.interval(rule.years)
    anchor = words.anchor(rule.years)
    validity = words.validity(rule.years)
    head = [words.window(rule.window)] if rule.window is not None else []
    dated = dated_text(rule) if words.dated else None
    if dated is not None:  # "11.2.2027", "19.10.–1.11.2026": a one-off
        head, validity = [dated], ""
    if rule.repeat is not None:
        head.append(words.repeat(rule.repeat))
    if rule.time is not None:
        head.append(words.time(rule.time))
    if interval:
        head.append(interval)
    if validity and not (interval or anchor):
        head.append(validity)  # "tammi–maaliskuussa vuosina 2024–2025"
        validity = ""
    segments = [" ".join(head)] if head else []
    segments.extend(part for part in (anchor, validity) if part)
    if rule.school_year is not None:
        segments.append(words.school_year(rule.school_year))
    if rule.school_days is not None:
        segments.append(words.school_days(rule.school_days))
    if rule.follow_up is not None:
        segments.append(words.follow_up(rule.follow_up))
    if not segments:  # Rule(): no window, every year
        return words.every_year
    return ", ".join(segments)
