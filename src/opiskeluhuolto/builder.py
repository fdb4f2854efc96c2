"""The one rule builder: both front ends (phrases and TOML tables) feed it.

A front end states the parts of a timing one by one – a window, a year
interval, a weekday, a time of day, … – each with its *location*: a token of
the phrase for :mod:`opiskeluhuolto.phrases`, a key path of the data file for
:mod:`opiskeluhuolto.loading`.  The builder owns what the parts mean together:

* a part stated twice is a conflict, reported at the second statement;
* windows joined by "ja" (or a list in a table) become a
  :class:`~opiskeluhuolto.recurrence.WindowList` in canonical form (sorted,
  touching week and month ranges merged, a single window unwrapped);
* a weekday combines with a week ("viikon 37 tiistaina"), an ordinal and a
  month ("syyskuun toisena tiistaina"), a cadence ("joka kuukauden toisena
  tiistaina", "maanantaisin") or a date it only confirms ("to 11.2.");
* everything else – which parts combine, which conflict, what is out of
  range – is asked of :func:`~opiskeluhuolto.recurrence.rule_problems` and
  :func:`~opiskeluhuolto.recurrence.year_pattern_problems`, the single place
  the invariants live, and each problem is reported at the location of the
  part it names.

The builder is pure and generic in the location type; a conflict message is
written once, here.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
from collections.abc import Callable
from typing import Generic, TypeVar

import attrs

from opiskeluhuolto.fmt import WEEKDAYS_EN, WEEKDAYS_FI, WEEKDAYS_SV
from opiskeluhuolto.recurrence import (
    CADENCE_CONFLICT,
    Cadence,
    DateWindow,
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthPart,
    MonthPartWindow,
    MonthWindow,
    NthWeekdayWindow,
    Phase,
    Repeat,
    Rule,
    RuleProblem,
    SchoolDays,
    SchoolWindow,
    SeasonWindow,
    SingleWindow,
    TimeOfDay,
    Weekday,
    WeekdayWindow,
    WeekParity,
    WeekWindow,
    Window,
    WindowList,
    YearPattern,
    repeat_problems,
    rule_problems,
    year_pattern_problems,
)

__all__ = ["BuildProblem", "RuleBuilder", "canonical_windows"]

L = TypeVar("L")


@attrs.frozen
class BuildProblem(Generic[L]):
    """A problem at ``where`` (None: the timing as a whole), in Finnish, English and Swedish."""

    where: L | None
    fi: str
    en: str
    sv: str


class RuleConflict(Exception):
    """Raised by a setter in ``fail_fast`` mode; carries the problem."""

    def __init__(self, problem: BuildProblem[object]) -> None:
        super().__init__(problem.en)
        self.problem = problem


_PART_ORDER = {MonthPart.START: 0, MonthPart.MIDDLE: 1, MonthPart.END: 2}


def _structural_key(window: SingleWindow) -> tuple[int, int, int]:
    """Where a window sits in its year, for the canonical order of a list."""
    if isinstance(window, WeekWindow | MonthWindow):
        return (window.first, window.last, 0)
    if isinstance(window, DateWindow):
        return (window.month, window.day, 0)
    if isinstance(window, SeasonWindow):
        return (window.season.months[0], 0, 0)
    if isinstance(window, WeekdayWindow):
        return (window.week, window.weekday, window.until)
    if isinstance(window, NthWeekdayWindow):
        return (window.month, window.nth if window.nth > 0 else 10 + window.nth, window.weekday)
    if isinstance(window, MonthPartWindow):
        return (window.month, _PART_ORDER[window.part], 0)
    return (window.month, window.day if window.day is not None else 32, 0)


def canonical_windows(windows: list[SingleWindow]) -> Window:
    """The canonical window of a list: sorted, touching week or month ranges merged.

    >>> canonical_windows([WeekWindow(43, 43), WeekWindow(44, 44), WeekWindow(45, 45)])
    WeekWindow(first=43, last=45)
    >>> canonical_windows([MonthWindow(4, 4), MonthWindow(1, 1)])
    WindowList(windows=(MonthWindow(first=1, last=1), MonthWindow(first=4, last=4)))
    """
    unique: list[SingleWindow] = []
    for window in windows:
        if window not in unique:
            unique.append(window)
    if len(unique) == 1:
        return unique[0]
    unique.sort(key=_structural_key)
    merged: list[SingleWindow] = []
    for window in unique:
        last = merged[-1] if merged else None
        if (
            isinstance(window, WeekWindow | MonthWindow)
            and type(last) is type(window)
            and isinstance(last, WeekWindow | MonthWindow)
            and not window.wraps
            and not last.wraps
            and window.first <= last.last + 1
        ):
            merged[-1] = type(window)(last.first, max(last.last, window.last))
            continue
        merged.append(window)
    if len(merged) == 1:
        return merged[0]
    return WindowList(tuple(merged))


class RuleBuilder(Generic[L]):
    """Collects the parts of one timing with their locations and builds the :class:`Rule`.

    ``show`` renders a location for messages (the word as written, a key).
    In ``fail_fast`` mode the first problem raises :class:`RuleConflict` (the
    phrase parser stops at the first offending word); otherwise problems are
    collected in :attr:`problems` and :meth:`build` returns None when any.
    """

    def __init__(self, show: Callable[[L], str], *, fail_fast: bool = False) -> None:
        self.show = show
        self.fail_fast = fail_fast
        self.problems: list[BuildProblem[L]] = []
        self.windows: list[tuple[SingleWindow, L]] = []
        self.window_kind_at: L | None = None
        self.interval: tuple[int, L] | None = None
        self.parity: tuple[Phase, L] | None = None
        self.anchor: tuple[Phase, int, L] | None = None
        self.valid_from: tuple[int, L] | None = None
        self.valid_to: tuple[int, L] | None = None
        self.school_year: tuple[int, L] | None = None
        self.follow_up: tuple[FollowUp, L] | None = None
        self.cadence: tuple[Cadence, L] | None = None
        self.frequency: tuple[Frequency, int, L] | None = None
        self.week_parity: tuple[WeekParity, L] | None = None
        self.weekday: tuple[Weekday, Weekday | None, bool, L] | None = None
        self.ordinal: tuple[int, L] | None = None
        self.time: tuple[TimeOfDay, L] | None = None
        self.school_window: tuple[SchoolWindow, L] | None = None
        self.school_days: tuple[SchoolDays, L] | None = None
        self.confirmed: tuple[Weekday, L] | None = None
        self.sequence: list[L] = []  # the locations of the parts, in the order stated

    # -- reporting ---------------------------------------------------------

    def problem(self, where: L | None, fi: str, en: str, sv: str) -> None:
        found = BuildProblem(where, fi, en, sv)
        if self.fail_fast:
            raise RuleConflict(found)  # type: ignore[arg-type]
        self.problems.append(found)

    def conflict(self, where: L, fi: str, en: str, sv: str) -> None:
        word = self.show(where)
        self.problem(where, f'"{word}": {fi}', f'"{word}": {en}', f'"{word}": {sv}')

    def twice(self, where: L, fi: str, en: str, sv: str) -> None:
        """``where`` states a part already given: ``fi``, ``en`` and ``sv`` name the part."""
        self.conflict(
            where, f"{fi} annettu kahdesti", f"{en} is given twice", f"{sv} anges två gånger"
        )

    # -- parts -------------------------------------------------------------

    def add_school_window(self, window: SchoolWindow, where: L) -> None:
        """A window that the school calendar places ("syyslomalla"): never in a list."""
        if self.windows or self.school_window is not None:
            first = self.show(self.windows[0][1] if self.windows else self.school_window[1])  # type: ignore[index]
            self.conflict(
                where,
                f'ajoituksessa voi olla vain yksi ajankohta (jo "{first}"); lomia, '
                "lukukausia ja koulupäiviä ei luetella",
                f'a timing has only one window (already "{first}"); breaks, terms and '
                "school days are not listed",
                f'en tidpunkt har bara en period (redan "{first}"); lov, terminer och skoldagar '
                "räknas inte upp",
            )
            return
        self.school_window = (window, where)
        self.sequence.append(where)

    def set_school_days(self, policy: SchoolDays, where: L) -> None:
        """ "ei lomilla" (skip) or "siirtyy edelliseen/seuraavaan koulupäivään"."""
        if self.school_days is not None:
            self.conflict(
                where,
                "lomapäivien käsittely (ei lomilla, siirtyy) annettu kahdesti",
                "what happens on days off (not in breaks, moves) is given twice",
                "vad som händer på lovdagar (inte under lov, flyttas) anges två gånger",
            )
            return
        self.school_days = (policy, where)
        self.sequence.append(where)

    def add_window(self, window: SingleWindow, where: L, *, joined: bool = False) -> None:
        """A window; ``joined`` when it continues a list ("… ja lokakuussa")."""
        if self.school_window is not None:
            self.add_school_window(self.school_window[0], where)  # reports the conflict
            return
        if self.windows and not joined:
            first = self.show(self.windows[0][1])
            self.conflict(
                where,
                f'ajoituksessa voi olla vain yksi ajankohta (jo "{first}"); '
                'luettele samanlaiset ajankohdat ja-sanalla (esim. "syyskuussa ja marraskuussa")',
                f'a timing has only one window (already "{first}"); list windows of one '
                'kind with "ja" (e.g. "syyskuussa ja marraskuussa")',
                f'en tidpunkt har bara en period (redan "{first}"); räkna upp perioder av samma '
                'slag med "och" (t.ex. "i september och i november")',
            )
            return
        if isinstance(window, DeadlineWindow) and window.day is None and window.month != 2:
            # "viimeistään syyskuussa" is 30.9.: only February's last day moves.
            window = DeadlineWindow(window.month, _calendar.monthrange(2001, window.month)[1])
        if self.windows and type(self.windows[0][0]) is not type(window):
            first = self.show(self.windows[0][1])
            self.conflict(
                where,
                f'luettelon ajankohtien on oltava samaa lajia kuin "{first}"',
                f'the windows of a list must be of the same kind as "{first}"',
                f'perioderna i en uppräkning måste vara av samma slag som "{first}"',
            )
            return
        self.windows.append((window, where))
        self.sequence.append(where)

    def set_interval(self, interval: int, where: L) -> None:
        if self.interval is not None:
            self.conflict(
                where,
                "vuosisääntö annettu kahdesti",
                "the year interval is given twice",
                "årsintervallet anges två gånger",
            )
            return
        if self.parity is not None and interval != 2:
            self.conflict(
                where,
                "parilliset ja parittomat vuodet ovat joka toinen vuosi",
                "even and odd years are every other year",
                "jämna och udda år är vartannat år",
            )
            return
        if self.anchor is not None and interval == 1:
            self.conflict(
                where,
                "joka vuosi ei tarvitse seuraavaa tai edellistä vuotta",
                "every year takes no next or last year",
                "varje år behöver ingen nästa eller senaste gång",
            )
            return
        self.interval = (interval, where)
        self.sequence.append(where)

    def set_parity(self, parity: Phase, where: L) -> None:
        if self.parity is not None or self.anchor is not None:
            self.conflict(
                where,
                "vuosien vaihe annettu kahdesti",
                "the phase of the years is given twice",
                "årens fas anges två gånger",
            )
            return
        if self.interval is not None and self.interval[0] != 2:
            self.conflict(
                where,
                "parilliset ja parittomat vuodet ovat joka toinen vuosi",
                "even and odd years are every other year",
                "jämna och udda år är vartannat år",
            )
            return
        self.parity = (parity, where)
        self.sequence.append(where)

    def set_anchor(self, phase: Phase, year: int, where: L) -> None:
        if self.parity is not None or self.anchor is not None:
            self.conflict(
                where,
                "vuosien vaihe annettu kahdesti",
                "the phase of the years is given twice",
                "årens fas anges två gånger",
            )
            return
        if self.interval is not None and self.interval[0] == 1:
            self.conflict(
                where,
                "joka vuosi ei tarvitse seuraavaa tai edellistä vuotta",
                "every year takes no next or last year",
                "varje år behöver ingen nästa eller senaste gång",
            )
            return
        self.anchor = (phase, year, where)
        self.sequence.append(where)

    def set_validity(self, first: int | None, last: int | None, where: L) -> None:
        if (first is not None and self.valid_from is not None) or (
            last is not None and self.valid_to is not None
        ):
            self.conflict(
                where,
                "voimassaoloaika annettu kahdesti",
                "the validity is given twice",
                "giltighetstiden anges två gånger",
            )
            return
        self.sequence.append(where)
        if first is not None:
            self.valid_from = (first, where)
        if last is not None:
            self.valid_to = (last, where)
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_from[0] > self.valid_to[0]
        ):
            self.conflict(
                where,
                f"voimassaoloaika {self.valid_from[0]}–{self.valid_to[0]} päättyy ennen kuin alkaa",
                f"validity {self.valid_from[0]}–{self.valid_to[0]} ends before it starts",
                f"giltighetstiden {self.valid_from[0]}–{self.valid_to[0]} slutar innan den börjar",
            )

    def set_school_year(self, first_year: int, where: L) -> None:
        if self.school_year is not None:
            self.conflict(
                where,
                "lukuvuosi annettu kahdesti",
                "the school year is given twice",
                "läsåret anges två gånger",
            )
            return
        self.school_year = (first_year, where)
        self.sequence.append(where)

    def set_follow_up(self, follow_up: FollowUp, where: L) -> None:
        if self.follow_up is not None:
            self.conflict(
                where,
                "tulokset annettu kahdesti",
                "the results are given twice",
                "resultaten anges två gånger",
            )
            return
        self.follow_up = (follow_up, where)
        self.sequence.append(where)

    def set_cadence(self, cadence: Cadence, where: L) -> None:
        if self.cadence is not None:
            self.conflict(
                where,
                "jaksoton ajoitus annettu kahdesti",
                "the undated cadence is given twice",
                "takten utan datum anges två gånger",
            )
            return
        self.cadence = (cadence, where)
        self.sequence.append(where)

    def set_frequency(self, frequency: Frequency, interval: int, where: L) -> None:
        """A cadence within the year: monthly or weekly, every ``interval``."""
        if self.frequency is not None:
            self.conflict(
                where,
                "toistuvuus (kuukausittain, viikoittain) annettu kahdesti",
                "the monthly or weekly cadence is given twice",
                "upprepningen (varje månad, varje vecka) anges två gånger",
            )
            return
        self.frequency = (frequency, interval, where)
        self.sequence.append(where)

    def set_week_parity(self, parity: WeekParity, where: L) -> None:
        if self.week_parity is not None:
            self.conflict(
                where,
                "parilliset/parittomat viikot annettu kahdesti",
                "even/odd weeks are given twice",
                "jämna/udda veckor anges två gånger",
            )
            return
        self.week_parity = (parity, where)
        self.sequence.append(where)

    def set_weekday(
        self, weekday: Weekday, where: L, *, until: Weekday | None = None, every: bool = False
    ) -> None:
        """A weekday ("tiistaina"), a span ("ma–pe"), or ``every`` one ("tiistaisin")."""
        if self.weekday is not None:
            self.conflict(
                where,
                "viikonpäivä annettu kahdesti",
                "the weekday is given twice",
                "veckodagen anges två gånger",
            )
            return
        if until is not None and until <= weekday:
            self.conflict(
                where,
                "viikonpäivävälin on edettävä (esim. ma–pe)",
                "a weekday span must run forwards (e.g. Mon–Fri)",
                "en period av veckodagar måste gå framåt (t.ex. må–fr)",
            )
            return
        self.weekday = (weekday, until, every, where)
        self.sequence.append(where)

    def set_ordinal(self, nth: int, where: L) -> None:
        """ "toisena" (2), "viimeisenä" (−1), "toiseksi viimeisenä" (−2)."""
        if self.ordinal is not None:
            self.conflict(
                where,
                "järjestysluku annettu kahdesti",
                "the ordinal is given twice",
                "ordningstalet anges två gånger",
            )
            return
        self.ordinal = (nth, where)
        self.sequence.append(where)

    def set_time(self, time: TimeOfDay, where: L) -> None:
        if self.time is not None:
            self.conflict(
                where,
                "kellonaika annettu kahdesti",
                "the time of day is given twice",
                "klockslaget anges två gånger",
            )
            return
        self.time = (time, where)
        self.sequence.append(where)

    def confirm_weekday(self, weekday: Weekday, where: L) -> None:
        """A weekday written with a date ("to 11.2."): checked against an explicit year."""
        self.confirmed = (weekday, where)

    # -- building ----------------------------------------------------------

    def _first_where(self) -> L | None:
        parts: list[L] = [w for _win, w in self.windows]
        for part in (
            self.interval,
            self.parity,
            self.anchor,
            self.valid_from,
            self.valid_to,
            self.follow_up,
            self.frequency,
            self.weekday,
            self.time,
            self.school_year,
            self.school_window,
            self.school_days,
        ):
            if part is not None:
                parts.append(part[-1])
        return parts[0] if parts else None

    def _where(self, part: str) -> L | None:
        """The location that stated ``part`` of a :class:`RuleProblem`."""
        located: dict[str, object] = {
            "window": self.windows[0] if self.windows else self.school_window,
            "school_days": self.school_days,
            "repeat": self.frequency or self.weekday or self.week_parity,
            "interval": self.interval,
            "phase": self.parity or self.anchor or self.interval,
            "anchor": self.anchor,
            "validity": self.valid_to or self.valid_from,
            "school_year": self.school_year,
            "follow_up": self.follow_up,
            "cadence": self.cadence,
            "time": self.time,
        }
        found = located.get(part)
        if isinstance(found, tuple):
            return found[-1]  # type: ignore[no-any-return]
        return self._first_where()

    def _report(self, problems: list[RuleProblem]) -> bool:
        for found in problems:
            self.problem(self._where(found.part), found.fi, found.en, found.sv)
        return not problems

    def _weekday_window(
        self, windows: list[SingleWindow]
    ) -> tuple[list[SingleWindow], Repeat | None] | None:
        """Combine the weekday, ordinal and frequency parts with the windows."""
        frequency = self.frequency
        weekday = self.weekday
        ordinal = self.ordinal
        week_parity = self.week_parity
        if week_parity is not None and frequency is None:
            frequency = (Frequency.WEEKLY, 1, week_parity[1])
        if weekday is not None and weekday[2] and frequency is None:
            frequency = (Frequency.WEEKLY, 1, weekday[3])  # "tiistaisin"
        if frequency is not None:
            kind, interval, where = frequency
            if ordinal is not None and weekday is None:
                self.conflict(
                    ordinal[1],
                    "järjestysluvulle tarvitaan viikonpäivä (esim. toisena tiistaina)",
                    "an ordinal needs a weekday (e.g. the second Tuesday)",
                    "ett ordningstal behöver en veckodag (t.ex. andra tisdagen)",
                )
                return None
            parts = (
                kind,
                interval,
                weekday[0] if weekday is not None else None,
                ordinal[0] if ordinal is not None else None,
                weekday[1] if weekday is not None else None,
                week_parity[0] if week_parity is not None else None,
            )
            problems = repeat_problems(*parts)
            for found in problems:
                self.problem(where, found.fi, found.en, found.sv)
            if problems:
                return None
            repeat = Repeat(*parts)
            return windows, repeat
        if weekday is None:
            if ordinal is not None:
                self.conflict(
                    ordinal[1],
                    "järjestysluvulle tarvitaan viikonpäivä (esim. toisena tiistaina)",
                    "an ordinal needs a weekday (e.g. the second Tuesday)",
                    "ett ordningstal behöver en veckodag (t.ex. andra tisdagen)",
                )
                return None
            return windows, None
        day, until, _every, where = weekday
        if ordinal is not None:
            months = [w for w in windows if isinstance(w, MonthWindow) and w.first == w.last]
            if not windows or len(months) != len(windows):
                self.conflict(
                    ordinal[1],
                    "järjestysluku ja viikonpäivä tarvitsevat kuukauden (esim. syyskuun "
                    "toisena tiistaina)",
                    "an ordinal weekday needs a month (e.g. the second Tuesday of September)",
                    "en veckodag med ordningstal behöver en månad (t.ex. andra tisdagen i "
                    "september)",
                )
                return None
            if until is not None:
                self.conflict(
                    where,
                    "järjestysluku käy vain yhteen viikonpäivään",
                    "an ordinal goes only with one weekday",
                    "ett ordningstal går bara med en veckodag",
                )
                return None
            return [NthWeekdayWindow(m.first, day, ordinal[0]) for m in months], None
        weeks = [w for w in windows if isinstance(w, WeekWindow) and w.first == w.last]
        if windows and len(weeks) == len(windows):
            return [WeekdayWindow(w.first, day, until or day) for w in weeks], None
        if (
            windows
            and until is None
            and all(isinstance(w, DateWindow) and w.is_single for w in windows)
        ):
            self.confirmed = (day, where)
            return windows, None
        self.conflict(
            where,
            "viikonpäivä tarvitsee viikon, kuukauden ja järjestyksen tai toiston (esim. "
            '"viikolla 37 tiistaina", "syyskuun toisena tiistaina", "tiistaisin")',
            'a weekday needs a week, a month and an ordinal, or a cadence (e.g. "viikolla 37 '
            'tiistaina", "syyskuun toisena tiistaina", "tiistaisin")',
            "en veckodag behöver en vecka, en månad och ett ordningstal eller en upprepning "
            '(t.ex. "tisdag vecka 37", "andra tisdagen i september", "på tisdagar")',
        )
        return None

    def build(self) -> Rule | None:
        """The rule, or None when a problem was reported."""
        if self.problems:
            return None
        if self.anchor is not None and self.interval is None:
            where = self.anchor[2]
            word = self.show(where)
            self.problem(
                where,
                f'"{word}" tarvitsee välin, esim. "joka toinen vuosi"',
                f'"{word}" needs an interval, e.g. "joka toinen vuosi"',
                f'"{word}" behöver ett intervall, t.ex. "vartannat år"',
            )
            return None
        if self.cadence is not None:
            others = [
                part
                for part in (
                    self.windows[0] if self.windows else None,
                    self.interval,
                    self.parity,
                    self.anchor,
                    self.valid_from,
                    self.valid_to,
                    self.follow_up,
                    self.frequency,
                    self.weekday,
                    self.time,
                    self.school_year,
                    self.school_window,
                    self.school_days,
                )
                if part is not None
            ]
            if others:
                # At the part stated second: the cadence, or what came after it.
                cadence_at = self.cadence[1]
                index = next(i for i, w in enumerate(self.sequence) if w is cadence_at)
                later = self.sequence[index + 1 :]
                self.conflict(
                    later[0] if later else cadence_at,
                    CADENCE_CONFLICT.fi,
                    CADENCE_CONFLICT.en,
                    CADENCE_CONFLICT.sv,
                )
                return None
            return Rule(cadence=self.cadence[0])
        windows = [w for w, _where in self.windows]
        combined = self._weekday_window(windows)
        if combined is None:
            return None
        windows, repeat = combined
        interval = self.interval[0] if self.interval is not None else 1
        phase: Phase | None = None
        anchor: int | None = None
        if self.parity is not None:
            interval, phase = 2, self.parity[0]
        elif self.anchor is not None:
            phase, anchor = self.anchor[0], self.anchor[1]
        valid_from = self.valid_from[0] if self.valid_from is not None else None
        valid_to = self.valid_to[0] if self.valid_to is not None else None
        if not self._report(year_pattern_problems(interval, phase, anchor, valid_from, valid_to)):
            return None
        years = YearPattern(interval, phase, anchor, valid_from, valid_to)
        window: Window | None = canonical_windows(windows) if windows else None
        if self.school_window is not None:
            window = self.school_window[0]
        follow_up = self.follow_up[0] if self.follow_up is not None else None
        time = self.time[0] if self.time is not None else None
        school_year = self.school_year[0] if self.school_year is not None else None
        school_days = self.school_days[0] if self.school_days is not None else None
        if not self._report(
            rule_problems(window, years, follow_up, None, repeat, time, school_year, school_days)
        ):
            return None
        if not self._check_confirmed(window, years):
            return None
        return Rule(window, years, follow_up, None, repeat, time, school_year, school_days)

    def _check_confirmed(self, window: Window | None, years: YearPattern) -> bool:
        """A weekday written with a dated year must be right ("ma 14.9.2026")."""
        if isinstance(window, DeadlineWindow) and window.day is not None:
            window = DateWindow.on(window.day, window.month)
        if self.confirmed is None or not isinstance(window, DateWindow):
            return True
        if years.valid_from is None or years.valid_from != years.valid_to:
            return True
        day = (
            _dt.date(years.valid_from, window.month, window.day)
            if _exists(years.valid_from, window.month, window.day)
            else None
        )
        weekday, where = self.confirmed
        if day is None or day.weekday() == weekday:
            return True
        right = day.weekday()
        self.conflict(
            where,
            f"{day.day}.{day.month}.{day.year} on {WEEKDAYS_FI[right]}, ei {WEEKDAYS_FI[weekday]}",
            f"{day.day}.{day.month}.{day.year} is a {WEEKDAYS_EN[right]}, "
            f"not a {WEEKDAYS_EN[weekday]}",
            f"{day.day}.{day.month}.{day.year} är en {WEEKDAYS_SV[right]}, "
            f"inte en {WEEKDAYS_SV[weekday]}",
        )
        return False


def _exists(year: int, month: int, day: int) -> bool:
    return day <= _calendar.monthrange(year, month)[1]
