"""Finnish and English dates, spans, times and ISO weeks (opiskeluhuolto.fmt)."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import fmt, parse_rule
from opiskeluhuolto.calendar import Calendar, CalendarOccurrence, Item
from opiskeluhuolto.fmt import (
    format_date,
    format_occurrence,
    format_span,
    format_time,
    format_weeks,
    format_when,
    month_name,
    weekday_name,
)
from opiskeluhuolto.recurrence import (
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthWindow,
    Repeat,
    Rule,
    TimeOfDay,
    Weekday,
)

D = dt.date


def test_doctests() -> None:
    result = doctest.testmod(fmt, report=False)
    assert result.attempted >= 8 and result.failed == 0


@pytest.mark.parametrize(
    ("day", "kwargs", "text"),
    [
        (D(2026, 10, 19), {}, "19.10.2026"),
        (D(2026, 10, 19), {"year": False}, "19.10."),
        (D(2026, 10, 19), {"weekday": "full", "year": False}, "maanantai 19.10."),
        (D(2026, 10, 19), {"weekday": "essive"}, "maanantaina 19.10.2026"),
        (D(2026, 12, 6), {"weekday": "short"}, "su 6.12.2026"),
        (D(2027, 2, 11), {"lang": "en", "weekday": "full"}, "Thursday 11 February 2027"),
        (D(2027, 2, 11), {"lang": "en", "short": True}, "11 Feb 2027"),
    ],
)
def test_format_date(day: dt.date, kwargs: dict[str, object], text: str) -> None:
    assert format_date(day, **kwargs) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "text"),
    [
        (D(2026, 10, 19), D(2026, 11, 1), {}, "19.10.–1.11.2026"),
        (D(2026, 12, 28), D(2027, 1, 3), {}, "28.12.2026–3.1.2027"),
        (D(2026, 12, 28), D(2027, 1, 3), {"year": False}, "28.12.2026–3.1.2027"),
        (D(2026, 9, 1), D(2026, 9, 30), {"lang": "en"}, "1–30 September 2026"),
        (D(2026, 10, 19), D(2026, 11, 1), {"lang": "en", "short": True}, "19 Oct–1 Nov 2026"),
    ],
)
def test_format_span(start: dt.date, end: dt.date, kwargs: dict[str, object], text: str) -> None:
    assert format_span(start, end, **kwargs) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2026, 9, 28), D(2026, 10, 4), "vk 40"),
        (D(2026, 10, 19), D(2026, 11, 1), "vk 43–44"),
        (D(2026, 12, 1), D(2026, 12, 31), "vk 49–53"),  # 2026 has a week 53
        (D(2027, 1, 1), D(2027, 1, 31), "vk 53–4"),  # 1.1.2027 is in week 53 of 2026
        (D(2024, 1, 1), D(2025, 12, 31), "vk 1/2024–1/2026"),
    ],
)
def test_format_weeks(start: dt.date, end: dt.date, text: str) -> None:
    assert format_weeks(start, end) == text


def test_names() -> None:
    assert [month_name(m) for m in (1, 8, 12)] == ["tammikuu", "elokuu", "joulukuu"]
    assert month_name(8, "en") == "August"
    assert weekday_name(D(2026, 11, 27)) == "perjantai"
    assert weekday_name(D(2026, 11, 27), "en", form="short") == "Fri"


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_finnish_date_reads_back(day: dt.date) -> None:
    d, m, y = format_date(day).split(".")
    assert D(int(y), int(m), int(d)) == day
    assert not d.startswith("0") and not m.startswith("0")


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(0, 400))
def test_weeks_agree_with_isocalendar(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    text = format_weeks(start, end)
    assert text.startswith("vk ")
    assert str(start.isocalendar().week) in text
    assert str(end.isocalendar().week) in text


# ---------------------------------------------------------------------------
# format_when: the one text of an occurrence's timing
# ---------------------------------------------------------------------------

T = dt.time
AFTERNOON = TimeOfDay(T(14), T(15, 30))


@pytest.mark.parametrize(
    ("start", "end", "time", "kwargs", "text"),
    [
        # one day: the weekday abbreviation, with or without the year
        (D(2026, 9, 8), D(2026, 9, 8), None, {}, "ti 8.9.2026"),
        (D(2026, 9, 8), D(2026, 9, 8), None, {"year": False}, "ti 8.9."),
        (D(2027, 2, 11), D(2027, 2, 11), None, {"year": False}, "to 11.2."),
        # timed: the time after the day, Finnish times with a full stop
        (D(2026, 9, 8), D(2026, 9, 8), AFTERNOON, {"year": False}, "ti 8.9. klo 14.00–15.30"),
        (D(2026, 9, 8), D(2026, 9, 8), AFTERNOON, {}, "ti 8.9.2026 klo 14.00–15.30"),
        (D(2026, 9, 7), D(2026, 9, 7), TimeOfDay(T(9)), {"year": False}, "ma 7.9. klo 9.00–10.00"),
        (
            D(2026, 9, 7),
            D(2026, 9, 7),
            TimeOfDay(T(9, 5), T(9, 50)),
            {},
            "ma 7.9.2026 klo 9.05–9.50",
        ),
        # running text: the essive ("tiistaina"), or the full weekday
        (
            D(2026, 9, 8),
            D(2026, 9, 8),
            AFTERNOON,
            {"weekday": "essive", "year": False},
            "tiistaina 8.9. klo 14.00–15.30",
        ),
        (D(2026, 9, 10), D(2026, 9, 10), None, {"weekday": "essive"}, "torstaina 10.9.2026"),
        (D(2026, 12, 6), D(2026, 12, 6), None, {"weekday": "full"}, "sunnuntai 6.12.2026"),
        # a deadline
        (
            D(2026, 9, 30),
            D(2026, 9, 30),
            None,
            {"deadline": True, "year": False},
            "viimeistään ke 30.9.",
        ),
        (
            D(2026, 9, 30),
            D(2026, 9, 30),
            None,
            {"deadline": True, "weekday": "essive"},
            "viimeistään keskiviikkona 30.9.2026",
        ),
        # spans of days as always; weekdays on both ends only when asked
        (D(2026, 10, 19), D(2026, 11, 1), None, {}, "19.10.–1.11.2026"),
        (D(2026, 10, 19), D(2026, 11, 1), None, {"year": False}, "19.10.–1.11."),
        (D(2026, 12, 28), D(2027, 1, 3), None, {"year": False}, "28.12.2026–3.1.2027"),
        (D(2026, 10, 19), D(2026, 11, 1), None, {"span_weekdays": True}, "ma 19.10.–su 1.11.2026"),
        # English
        (
            D(2026, 9, 8),
            D(2026, 9, 8),
            AFTERNOON,
            {"lang": "en", "year": False, "short": True},
            "Tue 8 Sep at 14:00–15:30",
        ),
        (
            D(2026, 9, 8),
            D(2026, 9, 8),
            AFTERNOON,
            {"lang": "en"},
            "Tuesday 8 September 2026 at 14:00–15:30",
        ),
        (D(2027, 2, 11), D(2027, 2, 11), None, {"lang": "en", "short": True}, "Thu 11 Feb 2027"),
        (
            D(2026, 9, 30),
            D(2026, 9, 30),
            None,
            {"lang": "en", "deadline": True, "year": False, "short": True},
            "by Wed 30 Sep",
        ),
        (
            D(2026, 9, 30),
            D(2026, 9, 30),
            None,
            {"lang": "en", "deadline": True},
            "by Wednesday 30 September 2026",
        ),
        (D(2026, 10, 19), D(2026, 11, 1), None, {"lang": "en", "short": True}, "19 Oct–1 Nov 2026"),
        (D(2026, 9, 1), D(2026, 9, 30), None, {"lang": "en"}, "1–30 September 2026"),
    ],
)
def test_format_when(
    start: dt.date, end: dt.date, time: TimeOfDay | None, kwargs: dict[str, object], text: str
) -> None:
    options = dict(kwargs)
    lang = options.pop("lang", "fi")
    assert format_when(start, end, time, lang, **options) == text  # type: ignore[arg-type]


def test_format_when_one_day_is_format_span_with_a_weekday() -> None:
    # Nothing but the weekday (and time) is added: the days are format_span's.
    day = D(2026, 9, 8)
    for year in (True, False):
        assert format_when(day, day, year=year).endswith(format_span(day, day, year=year))
        assert format_when(day, day, weekday="essive", year=year) == format_span(
            day, day, weekday="essive", year=year
        )


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 3, 29),  # clocks go forward in Europe/Helsinki (3.00 → 4.00)
        D(2026, 10, 25),  # clocks go back (4.00 → 3.00)
        D(2026, 7, 1),  # summer time
        D(2026, 1, 15),  # winter time
    ],
)
def test_times_are_local_whatever_the_daylight_saving(day: dt.date) -> None:
    text = format_when(day, day, TimeOfDay(T(14), T(15, 30)), year=False)
    assert text == f"{weekday_name(day, form='short')} {day.day}.{day.month}. klo 14.00–15.30"
    early = format_when(day, day, TimeOfDay(T(3), T(4, 30)), "en", year=False, short=True)
    assert early.endswith(" at 3:00–4:30")


def test_format_time() -> None:
    assert format_time(AFTERNOON) == "klo 14.00–15.30"
    assert format_time(TimeOfDay(T(9))) == "klo 9.00–10.00"
    assert format_time(TimeOfDay(T(17, 30), T(19)), "en") == "at 17:30–19:00"


def _occurrences(rule: Rule, year: int = 2026) -> list[CalendarOccurrence]:
    item = Item("kohta", "Kohta", rule)
    calendar = Calendar("k", "Kalenteri", "ohr", [item])
    found = rule.occurrences(D(year, 1, 1), D(year, 12, 31))
    return [CalendarOccurrence("testi", calendar, item, occurrence) for occurrence in found]


def test_format_occurrence_marks_a_deadline_but_not_its_results() -> None:
    rule = Rule(DeadlineWindow(9, 30), follow_up=FollowUp(MonthWindow(11, 11)))
    deadline, results = _occurrences(rule)
    assert format_occurrence(deadline, year=False) == "viimeistään ke 30.9."
    assert format_occurrence(deadline, "en") == "by Wednesday 30 September 2026"
    assert results.follow_up and format_occurrence(results) == "1.11.–30.11.2026"


def test_format_occurrence_of_a_timed_monthly_item() -> None:
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=AFTERNOON,
    )
    [september] = [o for o in _occurrences(rule) if o.start.month == 9]
    assert september.start == D(2026, 9, 8)  # the second Tuesday of September 2026
    assert format_occurrence(september, year=False) == "ti 8.9. klo 14.00–15.30"
    assert format_occurrence(september, weekday="essive") == "tiistaina 8.9.2026 klo 14.00–15.30"


# ---------------------------------------------------------------------------
# The tool's own words read back (DESIGN §8)
# ---------------------------------------------------------------------------


def _reads_back(text: str, start: dt.date, end: dt.date, time: TimeOfDay | None) -> None:
    """``text`` parses to a rule whose occurrence around [start, end] is exactly that span."""
    rule = parse_rule(text)
    found = [(o.start, o.end, o.time) for o in rule.occurrences(start, end) if not o.follow_up]
    assert found == [(start, end, time)], text


@pytest.mark.parametrize(
    ("text", "start", "end", "time"),
    [
        ("vk 43–44", D(2026, 10, 19), D(2026, 11, 1), None),
        ("vk 40", D(2026, 9, 28), D(2026, 10, 4), None),
        ("to 11.2.", D(2027, 2, 11), D(2027, 2, 11), None),
        ("torstaina 10.9.", D(2026, 9, 10), D(2026, 9, 10), None),
        ("19.10.–1.11.2026", D(2026, 10, 19), D(2026, 11, 1), None),
        ("19.10.–1.11.", D(2026, 10, 19), D(2026, 11, 1), None),
        ("28.12.2026–3.1.2027", D(2026, 12, 28), D(2027, 1, 3), None),
        ("ti 8.9. klo 14.00–15.30", D(2026, 9, 8), D(2026, 9, 8), AFTERNOON),
        ("ti 8.9.2026 klo 14.00–15.30", D(2026, 9, 8), D(2026, 9, 8), AFTERNOON),
        ("tiistaina 8.9.2026 klo 14.00–15.30", D(2026, 9, 8), D(2026, 9, 8), AFTERNOON),
        ("ma 7.9. klo 9.00–10.00", D(2026, 9, 7), D(2026, 9, 7), TimeOfDay(T(9))),
        ("viimeistään ke 30.9.", D(2026, 9, 30), D(2026, 9, 30), None),
        ("viimeistään keskiviikkona 30.9.2026", D(2026, 9, 30), D(2026, 9, 30), None),
    ],
)
def test_the_tools_own_words_read_back(
    text: str, start: dt.date, end: dt.date, time: TimeOfDay | None
) -> None:
    _reads_back(text, start, end, time)


def test_the_printed_words_are_the_ones_read_back() -> None:
    # The table above is what the outputs print (so that it cannot drift).
    day = D(2026, 9, 8)
    assert format_when(day, day, AFTERNOON, year=False) == "ti 8.9. klo 14.00–15.30"
    assert format_when(D(2027, 2, 11), D(2027, 2, 11), year=False) == "to 11.2."
    assert format_when(D(2026, 9, 10), D(2026, 9, 10), weekday="essive", year=False) == (
        "torstaina 10.9."
    )
    assert format_when(D(2026, 10, 19), D(2026, 11, 1)) == "19.10.–1.11.2026"
    assert format_weeks(D(2026, 10, 19), D(2026, 11, 1)) == "vk 43–44"
    assert format_when(D(2026, 9, 30), D(2026, 9, 30), deadline=True, year=False) == (
        "viimeistään ke 30.9."
    )


_times = st.one_of(
    st.none(),
    st.builds(
        lambda h, m, minutes: TimeOfDay(
            T(h, m), (dt.datetime(2000, 1, 1, h, m) + dt.timedelta(minutes=minutes)).time()
        ),
        st.integers(0, 21),
        st.sampled_from([0, 5, 15, 30, 45]),
        st.integers(5, 120),
    ),
)


@given(
    start=st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    days=st.one_of(st.just(0), st.integers(1, 120)),
    time=_times,
    weekday=st.sampled_from(["short", "essive"]),
    year=st.booleans(),
)
def test_every_printed_timing_reads_back(
    start: dt.date, days: int, time: TimeOfDay | None, weekday: str, year: bool
) -> None:
    end = start + dt.timedelta(days=days)
    time = time if start == end else None  # a time only on one day
    text = format_when(start, end, time, weekday=weekday, year=year)
    _reads_back(text, start, end, time)
    if start.weekday() == 0 and days % 7 == 6 and days < 7 * 52:
        # a span of whole ISO weeks is also its weeks: "vk 43–44"
        weeks = format_weeks(start, end)
        if "/" not in weeks and start.isocalendar().year == end.isocalendar().year:
            _reads_back(weeks, start, end, None)


@given(
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    weekday=st.sampled_from(["short", "essive"]),
    year=st.booleans(),
)
def test_every_printed_deadline_reads_back(day: dt.date, weekday: str, year: bool) -> None:
    text = format_when(day, day, deadline=True, weekday=weekday, year=year)
    assert text.startswith("viimeistään ")
    _reads_back(text, day, day, None)
    assert parse_rule(text).is_deadline
