"""Hostile command lines: each one exits 2 with one clear line, never 1 or a traceback.

Endless files (``/dev/zero``, ``/dev/urandom``) are read up to the data cap;
superscript digits are no number; dates at the ends of the calendar and huge
week counts or option values are refused with their bounds.  An agenda of 520
weeks near the end of the calendar stops at 31.12.9999 instead of overflowing.
"""

from __future__ import annotations

import io
import os

import pytest

from opiskeluhuolto import cli


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(argv, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


ENDLESS = [
    pytest.param(
        path,
        marks=pytest.mark.skipif(not os.path.exists(path), reason=f"no {path} here"),
        id=path,
    )
    for path in ("/dev/zero", "/dev/urandom")
]


@pytest.mark.parametrize("path", ENDLESS)
def test_an_endless_file_is_read_up_to_the_cap(path: str) -> None:
    status, out, err = _run(["check", path])
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"{path}: tiedosto on liian suuri aineistoksi (yli 16 MiB)",
        f"{path}: 1 virhe",
    ]


GROUP = ["--group", "sedu-ohr"]

CASES = [
    (
        ["show", "--school-year", "²⁰²⁶"],
        "opiskeluhuolto: --school-year: lukuvuosi '²⁰²⁶': odotettiin muotoa 2026 tai 2026–2027",
    ),
    (
        ["export", "csv", "--school-year", "²⁰²⁶", "-o", "-"],
        "opiskeluhuolto: --school-year: lukuvuosi '²⁰²⁶': odotettiin muotoa 2026 tai 2026–2027",
    ),
    (
        ["show", "--school-year", "9999"],
        "opiskeluhuolto: --school-year: lukuvuosi '9999': vuoden on oltava 1–9998",
    ),
    (
        ["agenda", *GROUP, "--weeks", "²"],
        "opiskeluhuolto: --weeks: '²' ei kelpaa; odotettiin kokonaislukua 1–520",
    ),
    (
        ["agenda", *GROUP, "--weeks", "99999999999999999999"],
        "opiskeluhuolto: --weeks: '99999999999999999999' ei kelpaa; odotettiin kokonaislukua 1–520",
    ),
    (
        ["agenda", *GROUP, "--weeks", "0"],
        "opiskeluhuolto: --weeks: '0' ei kelpaa; odotettiin kokonaislukua 1–520",
    ),
    (
        ["agenda", *GROUP, "--date", "9999-12-31"],
        "opiskeluhuolto: --date: päivän on oltava 1.1.2–31.12.9998",
    ),
    (
        ["agenda", *GROUP, "--date", "0001-01-01"],
        "opiskeluhuolto: --date: päivän on oltava 1.1.2–31.12.9998",
    ),
    (
        ["agenda", *GROUP, "--date", "²⁰²⁶-01-01"],
        "opiskeluhuolto: --date: '²⁰²⁶-01-01' ei ole päivämäärä (esim. 19.10.2026 tai 2026-10-19)",
    ),
    (
        ["show", "--from", "9999-12-01", "--to", "9999-12-31"],
        "opiskeluhuolto: aikavälin on oltava 1.1.2–31.12.9998 sisällä",
    ),
    (
        ["show", "--from", "0001-01-01", "--to", "0001-01-31"],
        "opiskeluhuolto: aikavälin on oltava 1.1.2–31.12.9998 sisällä",
    ),
    (
        ["show", "--today", "9999-12-31"],
        "opiskeluhuolto: aikavälin on oltava 1.1.2–31.12.9998 sisällä",
    ),
    (
        ["export", "agenda", *GROUP, "--option", "weeks=1000000", "-o", "-"],
        "opiskeluhuolto: --option weeks: arvo '1000000' ei kelpaa; odotettiin kokonaislukua 1–520",
    ),
    (
        ["export", "ical", "--option", "alarm_days=99999999999", "-o", "-"],
        "opiskeluhuolto: --option alarm_days: arvo '99999999999' ei kelpaa; "
        "odotettiin kokonaislukua 0–366",
    ),
]


@pytest.mark.parametrize(("argv", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_hostile_command_line_gives_one_line_and_exit_2(argv: list[str], message: str) -> None:
    status, out, err = _run(argv)
    assert (status, out) == (2, "")
    assert err.splitlines() == [message]


@pytest.mark.parametrize("weeks", ["1", "520"])
def test_an_agenda_near_the_end_of_the_calendar_stops_at_31_12_9999(weeks: str) -> None:
    status, out, err = _run(["agenda", *GROUP, "--date", "9998-12-20", "--weeks", weeks])
    assert (status, err) == (0, "")
    assert "9998" in out
    assert "10000" not in out
    if weeks == "520":
        assert "(20.12.9998–31.12.9999)" in out
