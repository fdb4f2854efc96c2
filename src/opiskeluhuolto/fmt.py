"""Finnish (and English) formatting of dates, spans and ISO weeks.

Finnish dates are written day.month.year without leading zeros:
``19.10.2026``; within one year a span is ``19.10.–1.11.2026``; weekdays are
``maanantai 19.10.`` or, in the essive form used in running text,
``maanantaina 19.10.2026``; times of day ``klo 14.00–15.30``.

:func:`format_when` is the one place that writes when an occurrence is, for
every text output (``show``, agendas, Wilma drafts, the wheel, CSV):
``ti 8.9. klo 14.00–15.30``, ``viimeistään ke 30.9.``, ``19.10.–1.11.2026``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import CalendarOccurrence
    from opiskeluhuolto.recurrence import TimeOfDay

__all__ = [
    "MONTHS_EN",
    "MONTHS_FI",
    "WEEKDAYS_EN",
    "WEEKDAYS_FI",
    "Lang",
    "format_date",
    "format_occurrence",
    "format_span",
    "format_time",
    "format_weeks",
    "format_when",
    "month_name",
    "weekday_name",
]

Lang = Literal["fi", "en"]

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


def month_name(month: int, lang: Lang = "fi") -> str:
    """``month_name(10)`` is ``lokakuu``; ``month_name(10, "en")`` is ``October``."""
    return (MONTHS_EN if lang == "en" else MONTHS_FI)[month - 1]


def weekday_name(day: _dt.date, lang: Lang = "fi", *, form: str = "full") -> str:
    """The weekday of ``day``.

    ``form`` is ``full`` (maanantai), ``short`` (ma) or ``essive`` (maanantaina).
    """
    index = day.weekday()
    if lang == "en":
        return WEEKDAYS_EN[index] if form != "short" else WEEKDAYS_EN[index][:3]
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
    """A time of day: ``klo 14.00–15.30`` (English ``at 14:00–15:30``).

    >>> import datetime as dt
    >>> from opiskeluhuolto.recurrence import TimeOfDay
    >>> format_time(TimeOfDay(dt.time(9), dt.time(10, 15)))
    'klo 9.00–10.15'
    >>> format_time(TimeOfDay(dt.time(17, 30)), "en")
    'at 17:30–18:30'
    """
    if lang == "en":
        return f"at {time.start.hour}:{time.start.minute:02d}–{time.end.hour}:{time.end.minute:02d}"
    return f"klo {time.start.hour}.{time.start.minute:02d}–{time.end.hour}.{time.end.minute:02d}"


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
        text = ("by " if lang == "en" else "viimeistään ") + text
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

    ``short=True`` gives the English ``wk 43–44``.  A span that runs a year or
    more names the ISO years, so that it never reads ``vk 1–1``:

    >>> import datetime as dt
    >>> format_weeks(dt.date(2026, 12, 28), dt.date(2027, 1, 10))
    'vk 53–1'
    >>> format_weeks(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    'vk 1/2024–1/2025'
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
    return f"vk {text}"
