"""An independent oracle: realistic timing phrases with their exact dates.

The corpus ``data/phrase_corpus.toml`` was written without the library: every
expected date was worked out by hand and checked with a throwaway script that
uses only ``datetime`` and ``calendar``.  Accepted phrases list every
occurrence that intersects one school year (2026–2027 unless the entry says
``school_year``); refused phrases name the word the error must point at.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from opiskeluhuolto import describe, parse_rule
from opiskeluhuolto.phrases import RuleSyntaxError
from opiskeluhuolto.recurrence import SchoolYear

CORPUS_PATH = Path(__file__).parent / "data" / "phrase_corpus.toml"
CORPUS: dict[str, Any] = tomllib.loads(CORPUS_PATH.read_text(encoding="utf-8"))
ACCEPTED: list[dict[str, Any]] = CORPUS.get("accepted", [])
REFUSED: list[dict[str, Any]] = CORPUS.get("refused", [])

Row = tuple[dt.date, dt.date, str | None, bool]


def expected_rows(entry: dict[str, Any]) -> list[Row]:
    return [
        (occ["start"], occ["end"], occ.get("time"), bool(occ.get("results", False)))
        for occ in entry["occurrences"]
    ]


def time_text(occ: Any) -> str | None:
    if occ.time is None:
        return None
    return f"{occ.time.start:%H:%M}-{occ.time.end:%H:%M}"


@pytest.mark.parametrize("entry", [pytest.param(entry, id=entry["phrase"]) for entry in ACCEPTED])
def test_accepted_phrase_has_the_expected_dates(entry: dict[str, Any]) -> None:
    phrase = entry["phrase"]
    rule = parse_rule(phrase)
    year = SchoolYear(entry.get("school_year", 2026))
    found = [
        (occ.start, occ.end, time_text(occ), bool(occ.follow_up))
        for occ in rule.occurrences(year.start, year.end)
    ]
    assert found == expected_rows(entry)
    assert parse_rule(describe(rule)) == rule


@pytest.mark.parametrize("entry", [pytest.param(entry, id=entry["phrase"]) for entry in REFUSED])
def test_refused_phrase_points_at_the_word(entry: dict[str, Any]) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(entry["phrase"])
    assert info.value.word.casefold() == entry["word"].casefold(), entry["why"]


def test_corpus_is_large_and_has_no_duplicates() -> None:
    phrases = [entry["phrase"] for entry in ACCEPTED + REFUSED]
    assert len(phrases) >= 150
    assert len(ACCEPTED) >= 110
    assert len(REFUSED) >= 40
    duplicates = [phrase for phrase, count in Counter(phrases).items() if count > 1]
    assert duplicates == []


def test_corpus_rows_are_well_formed() -> None:
    # A guard on the oracle itself: sorted rows, start <= end, times only on one-day rows.
    for entry in ACCEPTED:
        rows = expected_rows(entry)
        assert rows == sorted(rows, key=lambda row: (row[0], row[1], row[3])), entry["phrase"]
        for start, end, time, _ in rows:
            assert start <= end, entry["phrase"]
            assert time is None or start == end, entry["phrase"]
    for entry in REFUSED:
        assert {"phrase", "word", "why"} <= entry.keys(), entry
