"""Finnish, English and Swedish formatting of dates, spans and ISO weeks.

Finnish dates are written day.month.year without leading zeros:
``19.10.2026``; within one year a span is ``19.10.–1.11.2026``; weekdays are
``maanantai 19.10.`` or, in the essive form used in running text,
``maanantaina 19.10.2026``; times of day ``klo 14.00–15.30``.  Swedish (as
written in Finland) uses the same numeric dates: ``måndag 19.10.``, ``må 19.10.``,
``kl. 14.00–15.30``, ``vecka 43``, ``veckorna 43–44``.

:func:`format_when` is the one place that writes when an occurrence is, for
every text output (``show``, agendas, Wilma drafts, the wheel, CSV):
``ti 8.9. klo 14.00–15.30``, ``viimeistään ke 30.9.``, ``19.10.–1.11.2026``.

Text from the data also leaves through file names and spreadsheet cells:
:func:`safe_file_name` and :class:`UniqueFileNames` are the one place where a
file name is made from data, :func:`neutralise_cell` the one place where a CSV
cell is made safe.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import CalendarOccurrence
    from opiskeluhuolto.recurrence import TimeOfDay

__all__ = [
    "FALLBACK_FILE_NAME",
    "MAX_FILE_NAME_BYTES",
    "MONTHS_EN",
    "MONTHS_FI",
    "MONTHS_SV",
    "TEXT_WIDTH",
    "WEEKDAYS_EN",
    "WEEKDAYS_FI",
    "WEEKDAYS_SV",
    "WEEKDAYS_SV_SHORT",
    "Lang",
    "UniqueFileNames",
    "format_date",
    "format_occurrence",
    "format_span",
    "format_time",
    "format_weeks",
    "format_when",
    "language",
    "month_name",
    "neutralise_cell",
    "pick",
    "safe_file_name",
    "weekday_name",
    "wrap",
]

Lang = Literal["fi", "en", "sv"]
"""A language of text: Finnish, English or Swedish."""


TEXT_WIDTH = 80
"""The width of text printed to a terminal (show, exporters): 80 characters."""


def wrap(prefix: str, text: str, indent: int, width: int = TEXT_WIDTH) -> list[str]:
    """``text`` in lines of at most ``width``: the first after ``prefix``, the rest indented.

    >>> wrap("  A = ", "Sedun opiskeluhuoltoryhmän vuosikello (peritty)", 6, width=30)
    ['  A = Sedun', '      opiskeluhuoltoryhmän', '      vuosikello (peritty)']
    """
    import textwrap

    return textwrap.wrap(
        text,
        width=width,
        initial_indent=prefix,
        subsequent_indent=" " * indent,
        break_long_words=True,
    ) or [prefix.rstrip()]


def pick(lang: Lang | str, fi: str, en: str, sv: str | None = None) -> str:
    """The text in ``lang``: ``en`` for ``"en"``, ``sv`` for ``"sv"``, Finnish otherwise.

    The one translation helper: one call carries the Finnish, the English and
    the Swedish text.  A call without ``sv`` (only the data checks' messages,
    which are not translated into Swedish yet) gives Swedish its Finnish text;
    ``tests/test_swedish_tables.py`` sees to it that no other call leaves it out.

    >>> pick("fi", "kysely", "survey", "enkät"), pick("en", "kysely", "survey", "enkät")
    ('kysely', 'survey')
    >>> pick("sv", "kysely", "survey", "enkät"), pick("sv", "tiedosto", "file")
    ('enkät', 'tiedosto')
    """
    if lang == "en":
        return en
    if lang == "sv" and sv is not None:
        return sv
    return fi


def language(lang: str) -> Lang:
    """``lang`` as one of the output languages: ``"en"``, ``"sv"``, or Finnish for anything else.

    >>> language("sv"), language("en"), language("de")
    ('sv', 'en', 'fi')
    """
    return "en" if lang == "en" else "sv" if lang == "sv" else "fi"


MONTHS_FI = (
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_FI = (
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
)
WEEKDAYS_FI_ESSIVE = (
    "maanantaina",
    "tiistaina",
    "keskiviikkona",
    "torstaina",
    "perjantaina",
    "lauantaina",
    "sunnuntaina",
)
WEEKDAYS_FI_SHORT = ("ma", "ti", "ke", "to", "pe", "la", "su")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS_SV = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
WEEKDAYS_SV_SHORT = ("må", "ti", "on", "to", "fr", "lö", "sö")


def month_name(month: int, lang: Lang = "fi") -> str:
    """``month_name(10)`` is ``lokakuu``; ``"en"`` ``October``, ``"sv"`` ``oktober``."""
    return pick(lang, MONTHS_FI[month - 1], MONTHS_EN[month - 1], MONTHS_SV[month - 1])


def weekday_name(day: _dt.date, lang: Lang = "fi", *, form: str = "full") -> str:
    """The weekday of ``day``.

    ``form`` is ``full`` (maanantai), ``short`` (ma) or ``essive`` (maanantaina).
    Swedish has no essive: ``måndag 19.10.`` in running text too (``må`` short).
    """
    index = day.weekday()
    if lang == "en":
        return WEEKDAYS_EN[index] if form != "short" else WEEKDAYS_EN[index][:3]
    if lang == "sv":
        return WEEKDAYS_SV_SHORT[index] if form == "short" else WEEKDAYS_SV[index]
    if form == "short":
        return WEEKDAYS_FI_SHORT[index]
    if form == "essive":
        return WEEKDAYS_FI_ESSIVE[index]
    return WEEKDAYS_FI[index]


def format_date(
    day: _dt.date,
    lang: Lang = "fi",
    *,
    year: bool = True,
    weekday: str | None = None,
    short: bool = False,
) -> str:
    """``19.10.2026``; ``year=False`` gives ``19.10.``.

    ``weekday="full"`` gives ``maanantai 19.10.2026``, ``"essive"`` ``maanantaina 19.10.2026``.

    English: ``19 October 2026`` (``Monday 19 October 2026``; ``short=True``: ``19 Oct 2026``).
    """
    if lang == "en":
        month = MONTHS_EN[day.month - 1]
        text = f"{day.day} {month[:3] if short else month}"
        if year:
            text += f" {day.year}"
    else:
        text = f"{day.day}.{day.month}."
        if year:
            text += f"{day.year}"
    if weekday is not None:
        text = f"{weekday_name(day, lang, form=weekday)} {text}"
    return text


def format_time(time: TimeOfDay, lang: Lang = "fi") -> str:
    """A time of day: ``klo 14.00–15.30`` (English ``at 14:00–15:30``, Swedish ``kl. 14.00–15.30``).

    >>> import datetime as dt
    >>> from opiskeluhuolto.recurrence import TimeOfDay
    >>> format_time(TimeOfDay(dt.time(9), dt.time(10, 15)))
    'klo 9.00–10.15'
    >>> format_time(TimeOfDay(dt.time(17, 30)), "en")
    'at 17:30–18:30'
    >>> format_time(TimeOfDay(dt.time(14), dt.time(15, 30)), "sv")
    'kl. 14.00–15.30'
    """
    if lang == "en":
        return f"at {time.start.hour}:{time.start.minute:02d}–{time.end.hour}:{time.end.minute:02d}"
    hours = f"{time.start.hour}.{time.start.minute:02d}–{time.end.hour}.{time.end.minute:02d}"
    return pick(lang, f"klo {hours}", f"at {hours}", f"kl. {hours}")


def format_span(
    start: _dt.date,
    end: _dt.date,
    lang: Lang = "fi",
    *,
    weekday: str | None = None,
    year: bool = True,
    short: bool = False,
) -> str:
    """A span in the shortest unambiguous form.

    ``year=False`` leaves the year out when both ends are in the same year;
    ``short=True`` abbreviates English month names (``19 Oct–1 Nov``).

    >>> import datetime as dt
    >>> format_span(dt.date(2026, 10, 19), dt.date(2026, 11, 1))
    '19.10.–1.11.2026'
    >>> format_span(dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    '28.12.2026–3.1.2027'
    >>> format_span(dt.date(2027, 2, 11), dt.date(2027, 2, 11), weekday="full")
    'torstai 11.2.2027'
    >>> format_span(dt.date(2026, 10, 19), dt.date(2026, 11, 1), year=False)
    '19.10.–1.11.'
    >>> format_span(dt.date(2026, 10, 19), dt.date(2026, 11, 1), "en")
    '19 October – 1 November 2026'
    >>> format_span(dt.date(2027, 2, 11), dt.date(2027, 2, 11), "sv", weekday="full")
    'torsdag 11.2.2027'

    An occurrence's own timing text (weekday, time of day, deadline) is
    :func:`format_when`'s.
    """
    if start == end:
        return format_date(start, lang, weekday=weekday, year=year, short=short)
    same_year = start.year == end.year
    show_end_year = year or not same_year
    if lang == "en":
        if same_year and start.month == end.month and weekday is None:
            tail = f" {end.year}" if show_end_year else ""
            month = MONTHS_EN[end.month - 1]
            return f"{start.day}–{end.day} {month[:3] if short else month}{tail}"
        left = format_date(start, lang, year=not same_year, weekday=weekday, short=short)
        right = format_date(end, lang, weekday=weekday, year=show_end_year, short=short)
        return f"{left}–{right}" if short else f"{left} – {right}"
    left = format_date(start, lang, year=not same_year, weekday=weekday)
    return f"{left}–{format_date(end, lang, weekday=weekday, year=show_end_year)}"


def format_when(
    start: _dt.date,
    end: _dt.date,
    time: TimeOfDay | None = None,
    lang: Lang = "fi",
    *,
    deadline: bool = False,
    weekday: str = "short",
    year: bool = True,
    short: bool = False,
    span_weekdays: bool = False,
) -> str:
    """When an occurrence is: the text every output prints for it.

    A one-day occurrence gets its weekday (``weekday``: ``short`` ``ti``,
    ``essive`` ``tiistaina`` for running text, ``full`` ``tiistai``) and, when
    timed, its time of day; a deadline (``deadline``, see
    :attr:`~opiskeluhuolto.recurrence.Rule.is_deadline`) is ``viimeistään``
    (``by``) that day.  A span of days is :func:`format_span`'s, with weekdays
    at both ends only if ``span_weekdays``.  ``year`` and ``short`` are as in
    :func:`format_span`; an English weekday is abbreviated when the month is
    (``short``).  Times are local: the text is the same on either side of a
    daylight-saving change.

    >>> import datetime as dt
    >>> from opiskeluhuolto.recurrence import TimeOfDay
    >>> day, time = dt.date(2026, 9, 8), TimeOfDay(dt.time(14), dt.time(15, 30))
    >>> format_when(day, day, time, year=False)
    'ti 8.9. klo 14.00–15.30'
    >>> format_when(day, day, time, weekday="essive")
    'tiistaina 8.9.2026 klo 14.00–15.30'
    >>> format_when(day, day, time, "en", year=False, short=True)
    'Tue 8 Sep at 14:00–15:30'
    >>> format_when(dt.date(2026, 9, 30), dt.date(2026, 9, 30), deadline=True, year=False)
    'viimeistään ke 30.9.'
    >>> format_when(dt.date(2026, 9, 30), dt.date(2026, 9, 30), None, "en", deadline=True)
    'by Wednesday 30 September 2026'
    >>> format_when(dt.date(2026, 10, 19), dt.date(2026, 11, 1))
    '19.10.–1.11.2026'
    >>> format_when(day, day, time, "sv", year=False)
    'ti 8.9. kl. 14.00–15.30'
    >>> format_when(day, day, None, "sv", deadline=True, year=False)
    'senast ti 8.9.'
    """
    if start != end:
        text = format_span(
            start, end, lang, weekday="short" if span_weekdays else None, year=year, short=short
        )
    else:
        form = weekday
        if lang == "en" and form == "short" and not short:
            form = "full"  # "Tuesday 8 September", "Tue 8 Sep"
        text = format_date(start, lang, weekday=form, year=year, short=short)
    if time is not None:
        text = f"{text} {format_time(time, lang)}"
    if deadline:
        text = pick(lang, "viimeistään ", "by ", "senast ") + text
    return text


def format_occurrence(
    occ: CalendarOccurrence,
    lang: Lang = "fi",
    *,
    weekday: str = "short",
    year: bool = True,
    short: bool = False,
    span_weekdays: bool = False,
) -> str:
    """:func:`format_when` for a calendar occurrence: its days, time and deadline.

    A deadline rule's own occurrence reads ``viimeistään ti 30.9.``; its
    follow-up (results) is no deadline.
    """
    return format_when(
        occ.start,
        occ.end,
        occ.time,
        lang,
        deadline=occ.item.rule.is_deadline and not occ.follow_up,
        weekday=weekday,
        year=year,
        short=short,
        span_weekdays=span_weekdays,
    )


def format_weeks(start: _dt.date, end: _dt.date, lang: Lang = "fi", *, short: bool = False) -> str:
    """ISO weeks of a span: ``vk 43–44`` (``weeks 43–44``), ``vk 40`` for one week.

    Swedish: ``vecka 40``, ``veckorna 43–44``.  ``short=True`` gives the English
    ``wk 43–44`` and the Swedish ``v. 43–44``.  A span that runs a year or
    more names the ISO years, so that it never reads ``vk 1–1``:

    >>> import datetime as dt
    >>> format_weeks(dt.date(2026, 12, 28), dt.date(2027, 1, 10))
    'vk 53–1'
    >>> format_weeks(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    'vk 1/2024–1/2025'
    >>> format_weeks(dt.date(2026, 10, 19), dt.date(2026, 11, 1), "sv")
    'veckorna 43–44'
    """
    first_year, first, _ = start.isocalendar()
    last_year, last, _ = end.isocalendar()
    single = first == last and (end - start).days < 7
    if first_year != last_year and last >= first:
        text = f"{first}/{first_year}–{last}/{last_year}"
    else:
        text = f"{first}" if single else f"{first}–{last}"
    if lang == "en":
        if short:
            return f"wk {text}"
        return f"week {text}" if single else f"weeks {text}"
    if lang == "sv":
        if short:
            return f"v. {text}"
        return f"vecka {text}" if single else f"veckorna {text}"
    return f"vk {text}"


# ---------------------------------------------------------------------------
# Text from the data as file names and spreadsheet cells
# ---------------------------------------------------------------------------

MAX_FILE_NAME_BYTES = 120
"""The longest file name (in UTF-8 bytes) :func:`safe_file_name` gives by default.

Well below the 255 bytes most file systems allow, so that a folder export
still fits in a Windows path or an archive."""

FALLBACK_FILE_NAME = "nimeton"
"""The name of a file whose text leaves nothing usable (``.``, ``..``, ``///``)."""

# Characters Windows refuses in a file name (``/`` and ``\`` separate folders).
_FORBIDDEN_IN_FILE_NAMES = frozenset('<>:"/\\|?*')
# Names Windows keeps for devices: ``NUL``, ``NUL.txt`` and ``nul.tar.gz`` alike.
_RESERVED_FILE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³"}
)
# A suffix is written by code, never taken from data: ASCII and no trailing dot.
_SUFFIX = re.compile(r"[A-Za-z0-9._-]*(?<!\.)")
_MIN_STEM_BYTES = 16


def _file_name_characters(text: str) -> str:
    """``text`` in NFC, every run of unsafe characters replaced by one ``-``.

    Unsafe: folder separators, what Windows forbids (``<>:"|?*``), and whatever
    is not printable – control and format characters (bidirectional overrides,
    zero-width spaces), line and paragraph separators, every space but the
    ASCII space, surrogates, private-use and unassigned code points.
    """
    kept: list[str] = []
    replaced = False
    for char in unicodedata.normalize("NFC", text):
        if char in _FORBIDDEN_IN_FILE_NAMES or not char.isprintable():
            if not replaced:
                kept.append("-")
            replaced = True
        else:
            kept.append(char)
            replaced = False
    return "".join(kept)


def _bounded_stem(stem: str, budget: int, fallback: str) -> str:
    """``stem`` cut to ``budget`` UTF-8 bytes, stripped of leading ``.``, ``-`` and
    spaces and of trailing ``.`` and spaces; ``fallback`` when nothing is left."""
    while True:
        stem = stem.lstrip(" .-").rstrip(" .")
        encoded = stem.encode("utf-8")
        if len(encoded) <= budget:
            return stem or fallback
        cut = encoded[:budget].decode("utf-8", "ignore")
        stem = unicodedata.normalize("NFC", cut)


def safe_file_name(
    text: str,
    *,
    suffix: str = "",
    max_bytes: int = MAX_FILE_NAME_BYTES,
    fallback: str = FALLBACK_FILE_NAME,
) -> str:
    """``text`` from the data as one safe file name, ``suffix`` kept at its end.

    The one place where a file name is made from data (group and item ids,
    titles).  The result is a single path component on every common system:

    * NFC; every run of unsafe characters – ``/``, ``\\``, ``<>:"|?*``,
      control characters, bidirectional overrides, zero-width and other
      non-printable characters, line breaks – becomes one ``-``;
    * no leading ``.``, ``-`` or space (never hidden, never ``.`` or ``..``,
      never read as a command-line option), no trailing ``.`` or space;
    * at most ``max_bytes`` bytes in UTF-8, the suffix included: the text is
      cut at a character boundary, the suffix is never cut;
    * never a Windows device name (``CON``, ``nul.md``, ``COM1``): an ``_``
      follows the device name (``CON_.md``);
    * never empty: ``fallback`` (``nimeton``) when nothing is left.

    A name that is already safe comes back unchanged (plus the suffix), so
    the function is idempotent.  ``suffix`` is written by code (``.md``,
    ``_huoltajat.txt``): ASCII letters, digits, ``.``, ``-`` and ``_``, not
    ending in a dot; anything else is a :class:`ValueError`.

    >>> safe_file_name("ohr-seinajoki", suffix="-2026-10-06.md")
    'ohr-seinajoki-2026-10-06.md'
    >>> safe_file_name("../evil", suffix=".md")
    'evil.md'
    >>> safe_file_name("a\\nb"), safe_file_name("\\u202egnp.exe"), safe_file_name(".")
    ('a-b', 'gnp.exe', 'nimeton')
    >>> safe_file_name("nul", suffix=".md"), safe_file_name("Päivä. ")
    ('nul_.md', 'Päivä')
    >>> name = safe_file_name("x" * 300, suffix=".md", max_bytes=20)
    >>> name, len(name.encode())
    ('xxxxxxxxxxxxxxxxx.md', 20)
    """
    if not _SUFFIX.fullmatch(suffix):
        raise ValueError(f"file-name suffix {suffix!r}: ASCII letters, digits, '.', '-', '_'")
    budget = max_bytes - len(suffix)
    if budget < _MIN_STEM_BYTES:
        raise ValueError(f"max_bytes={max_bytes} leaves no room for a name before {suffix!r}")
    fallback = _bounded_stem(_file_name_characters(fallback), budget, "_") or "_"
    stem = _bounded_stem(_file_name_characters(text), budget, fallback)
    device = (stem + suffix).split(".", 1)[0].rstrip(" ")
    if device.upper() in _RESERVED_FILE_NAMES:
        stem = _bounded_stem(stem[: len(device)] + "_" + stem[len(device) :], budget, fallback)
    return stem + suffix


class UniqueFileNames:
    """Safe file names that are unique within one folder, in the order asked.

    :meth:`add` gives :func:`safe_file_name` of the text; a name given before
    (compared case-insensitively, as Windows and macOS do) gets ``-2``, ``-3``,
    … before the suffix: ``kysely.md``, ``kysely-2.md``, ``kysely-3.md``.  The
    same texts in the same order always get the same names.  The next number
    for each name is remembered, so a name costs amortised constant time
    however many are equal, and naming ``n`` files is linear in ``n``.

    >>> names = UniqueFileNames(taken=["drafts.csv"])
    >>> [names.add(t, suffix=".md") for t in ("kysely", "Kysely", "kysely", "kysely-2")]
    ['kysely.md', 'Kysely-2.md', 'kysely-3.md', 'kysely-2-2.md']
    >>> names.add("drafts", suffix=".csv")
    'drafts-2.csv'
    """

    def __init__(self, *, max_bytes: int = MAX_FILE_NAME_BYTES, taken: Iterable[str] = ()) -> None:
        self._max_bytes = max_bytes
        self._taken = {name.casefold() for name in taken}
        self._next: dict[str, int] = {}

    def add(self, text: str, *, suffix: str = "") -> str:
        """The next unique safe name for ``text`` (see :func:`safe_file_name`)."""
        name = safe_file_name(text, suffix=suffix, max_bytes=self._max_bytes)
        key = name.casefold()
        if key in self._taken:
            stem = name[: len(name) - len(suffix)]
            number = self._next.get(key, 2)
            while True:
                name = safe_file_name(stem, suffix=f"-{number}{suffix}", max_bytes=self._max_bytes)
                number += 1
                if name.casefold() not in self._taken:
                    break
            self._next[key] = number
        self._taken.add(name.casefold())
        return name


# Characters that make a spreadsheet evaluate a cell as a formula (or that
# start a DDE payload after whitespace); an apostrophe is doubled, so that
# removing one always gives the original back.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%", "'")
# Text that Excel or LibreOffice would read as a number, date, time,
# percentage, fraction or amount: digits with number punctuation only
# (``11.2.``, ``1–2``, ``1,5``, ``12:00``, ``3/4``, ``(5)``, ``10 %``, ``5 €``),
# scientific notation (``1e5``) and truth values.
_NUMBER_LIKE = re.compile(r"[\s.,:/%()€$£–—−‐‑-]*[0-9][0-9\s.,:/%()€$£–—−‐‑-]*")
_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+", re.ASCII)
_TRUTH_VALUES = frozenset({"tosi", "epätosi", "true", "false"})


def neutralise_cell(value: str, *, keep_text: bool = False) -> str:
    """A text cell from the data, safe in a spreadsheet: maybe one ``'`` in front.

    A cell a spreadsheet would evaluate as a formula (``=``, ``+``, ``-``,
    ``@``, a tab or line break first, ``=``/``+``/``@`` after spaces) gets an
    apostrophe in front; so does one that starts with an apostrophe itself.
    With ``keep_text=True`` (the ``excel-fi`` CSV dialect) so does text that
    Excel or LibreOffice would turn into a number, date, time or truth value
    (a rule like ``11.2.`` or ``1–2``).  The one rule to undo it: a cell that
    starts with ``'`` had exactly one added – remove it.  Used by every
    exporter that writes CSV.

    >>> neutralise_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise_cell("Huoltajakysely"), neutralise_cell("11.2.")
    ('Huoltajakysely', '11.2.')
    >>> neutralise_cell("11.2.", keep_text=True), neutralise_cell("1–2", keep_text=True)
    ("'11.2.", "'1–2")
    >>> neutralise_cell("viikolla 37", keep_text=True)
    'viikolla 37'
    """
    if value.startswith(_FORMULA_START) or value.lstrip().startswith(("=", "+", "@")):
        return "'" + value
    if keep_text:
        text = value.strip()
        if (
            _NUMBER_LIKE.fullmatch(text)
            or _SCIENTIFIC.fullmatch(text)
            or text.casefold() in _TRUTH_VALUES
        ):
            return "'" + value
    return value
