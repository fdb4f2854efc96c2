"""``opiskeluhuolto --lang sv check`` (issue 17): the summary and every problem in Swedish.

Goldens: the Swedish example (``docs/examples/yrkesskola.toml``) is in order,
and a broken Swedish data file (``tests/broken/swedish-data.toml``, whose
phrases the Swedish reader reads) gets its problems and its count in Swedish;
the same file in Finnish keeps the Finnish words.  The whole broken corpus is
compared in Swedish in tests/test_loading.py (``NAME.sv.expected``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from opiskeluhuolto.cli import main

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_the_swedish_example_is_in_order_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = run("--lang", "sv", "check", "docs/examples/yrkesskola.toml")
    assert (status, err) == (0, "")
    assert out == (
        "docs/examples/yrkesskola.toml: i sin ordning – 4 grupper, 1 kalender, 10 punkter\n"
    )


def test_a_broken_swedish_file_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    status, out, err = run("--lang", "sv", "check", "swedish-data.toml")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        'swedish-data.toml:28: calendars[0].items[0].when: kan inte läsa tidpunkten "veckorna '
        '43 och 54": vecka "54" finns inte (veckor 1–53); ordet "54", tecken 17',
        "swedish-data.toml:32: calendars[0].items[1].title: varning: översättningen till "
        "finska saknas (visas på svenska)",
        "swedish-data.toml:35: calendars[0].items[2].title: den obligatoriska nyckeln 'title' "
        "saknas",
        "swedish-data.toml:37: calendars[0].items[2].titel: okänd nyckel 'titel' – menade du "
        "'title'?",
        "swedish-data.toml: 3 fel",
    ]


def test_the_same_file_in_finnish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    status, _out, err = run("check", "swedish-data.toml")
    assert status == 2
    assert err.splitlines()[0] == (
        'swedish-data.toml:28: calendars[0].items[0].when: ajoitusta "veckorna 43 och 54" ei '
        'voi lukea: viikkoa "54" ei ole (viikot 1–53); sana "54", merkki 17'
    )
    assert err.splitlines()[-1] == "swedish-data.toml: 3 virhettä"


def test_a_warning_only_file_sums_up_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    status, out, err = run("--lang", "sv", "check", "warning-leap-day.toml")
    assert status == 0
    assert err == (
        "warning-leap-day.toml:26: calendars[0].items[0].when: varning: 29.2. finns bara under "
        "skottår; andra år blir punkten inte av\n"
    )
    assert out.startswith("warning-leap-day.toml: i sin ordning – ")
    assert out.endswith(", 1 varning\n")
