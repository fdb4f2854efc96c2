"""Finnish public holidays and working days, for the send-on dates of the drafts.

A draft is sent on a working day: never on a Saturday or Sunday, and never on
a Finnish public holiday (arkipyhä).  Easter comes from the Gregorian
computus; every other holiday from a fixed date or a fixed weekday window.

Pure: standard library only.
"""

from __future__ import annotations

import datetime as _dt
import functools

__all__ = [
    "easter_sunday",
    "finnish_holidays",
    "holiday_name",
    "is_working_day",
]

_NAMES: dict[str, tuple[str, str]] = {
    "uusivuosi": ("uudenvuodenpäivä", "New Year's Day"),
    "loppiainen": ("loppiainen", "Epiphany"),
    "pitkaperjantai": ("pitkäperjantai", "Good Friday"),
    "paasiaispaiva": ("pääsiäispäivä", "Easter Sunday"),
    "2-paasiaispaiva": ("2. pääsiäispäivä", "Easter Monday"),
    "vappu": ("vappu", "May Day"),
    "helatorstai": ("helatorstai", "Ascension Day"),
    "helluntai": ("helluntaipäivä", "Whit Sunday"),
    "juhannusaatto": ("juhannusaatto", "Midsummer Eve"),
    "juhannuspaiva": ("juhannuspäivä", "Midsummer Day"),
    "pyhainpaiva": ("pyhäinpäivä", "All Saints' Day"),
    "itsenaisyyspaiva": ("itsenäisyyspäivä", "Independence Day"),
    "jouluaatto": ("jouluaatto", "Christmas Eve"),
    "joulupaiva": ("joulupäivä", "Christmas Day"),
    "tapaninpaiva": ("tapaninpäivä", "Boxing Day"),
}


def easter_sunday(year: int) -> _dt.date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous computus).

    The Meeus/Jones/Butcher algorithm: the Sunday after the ecclesiastical
    full moon on or after 21 March, with the Gregorian solar and lunar
    corrections.  Valid for every year of :class:`datetime.date` (the
    proleptic Gregorian calendar before 1583).

    >>> easter_sunday(2026)
    datetime.date(2026, 4, 5)
    >>> easter_sunday(2027)
    datetime.date(2027, 3, 28)
    """
    a = year % 19  # the year's place in the 19-year Metonic cycle
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3  # the lunar correction
    h = (19 * a + b - d - g + 15) % 30  # days from 21 March to the full moon (epact)
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7  # days from the full moon to Sunday
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


def _weekday_between(year: int, month: int, first: int, weekday: int) -> _dt.date:
    """The day with ``weekday`` (0 = Monday) in the seven days from ``first``."""
    start = _dt.date(year, month, first)
    return start + _dt.timedelta(days=(weekday - start.weekday()) % 7)


@functools.lru_cache(maxsize=512)
def _holidays(year: int) -> dict[_dt.date, str]:
    easter = easter_sunday(year)
    day = _dt.timedelta(days=1)
    found = {
        _dt.date(year, 1, 1): "uusivuosi",
        _dt.date(year, 1, 6): "loppiainen",
        easter - 2 * day: "pitkaperjantai",
        easter: "paasiaispaiva",
        easter + day: "2-paasiaispaiva",
        _dt.date(year, 5, 1): "vappu",
        easter + 39 * day: "helatorstai",
        easter + 49 * day: "helluntai",
        _weekday_between(year, 6, 19, 4): "juhannusaatto",  # Friday 19.–25.6.
        _weekday_between(year, 6, 20, 5): "juhannuspaiva",  # Saturday 20.–26.6.
        _weekday_between(year, 10, 31, 5): "pyhainpaiva",  # Saturday 31.10.–6.11.
        _dt.date(year, 12, 6): "itsenaisyyspaiva",
        _dt.date(year, 12, 24): "jouluaatto",
        _dt.date(year, 12, 25): "joulupaiva",
        _dt.date(year, 12, 26): "tapaninpaiva",
    }
    return dict(sorted(found.items()))


def finnish_holidays(year: int) -> dict[_dt.date, str]:
    """The Finnish public holidays of ``year``, date → Finnish name, in date order.

    Those on a weekday close schools and offices (uudenvuodenpäivä,
    loppiainen, pitkäperjantai, 2. pääsiäispäivä, vappu, helatorstai,
    juhannusaatto, itsenäisyyspäivä, jouluaatto, joulupäivä, tapaninpäivä);
    pääsiäispäivä, helluntaipäivä, juhannuspäivä and pyhäinpäivä always fall
    on a weekend and are listed for their names.

    >>> [f"{d:%d.%m.} {name}" for d, name in finnish_holidays(2027).items()][:5]
    ['01.01. uudenvuodenpäivä', '06.01. loppiainen', '26.03. pitkäperjantai', \
'28.03. pääsiäispäivä', '29.03. 2. pääsiäispäivä']
    """
    return {day: _NAMES[key][0] for day, key in _holidays(year).items()}


def holiday_name(day: _dt.date, lang: str = "fi") -> str | None:
    """The name of the public holiday on ``day`` in ``lang`` ("fi"/"en"), or None.

    >>> holiday_name(_dt.date(2026, 12, 6)), holiday_name(_dt.date(2026, 12, 6), "en")
    ('itsenäisyyspäivä', 'Independence Day')
    >>> holiday_name(_dt.date(2026, 12, 7)) is None
    True
    """
    key = _holidays(day.year).get(day)
    if key is None:
        return None
    fi, en = _NAMES[key]
    return en if lang == "en" else fi


def is_working_day(day: _dt.date) -> bool:
    """Monday to Friday and not a public holiday.

    >>> is_working_day(_dt.date(2026, 12, 4)), is_working_day(_dt.date(2026, 12, 25))
    (True, False)
    """
    return day.weekday() < 5 and day not in _holidays(day.year)
