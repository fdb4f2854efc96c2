"""Finnish and English dates, spans and ISO weeks (opiskeluhuolto.fmt)."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto import fmt
from opiskeluhuolto.fmt import format_date, format_span, format_weeks, month_name, weekday_name

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
