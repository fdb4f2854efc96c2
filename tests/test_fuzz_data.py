"""Mutation fuzz of the embedded data file through the command line.

The embedded ``sedu.toml`` is mutated – lines deleted, duplicated, swapped or
inserted, bytes flipped, inserted or deleted, a value replaced with another
value of the file or an odd one (huge numbers, ``-1``, ``""``, superscript
digits, control characters, a newline in a quoted key, ``[[[``, a very long
string, ``9999-12-31``), a word of a timing phrase replaced, inserted or
deleted – and ``opiskeluhuolto check`` runs on every mutant in-process;
``show``, ``export csv -o -`` and ``export ical -o FILE`` run on the mutants
that load and on a sample of the others, and the rrule feed, the wheel, the
Wilma drafts and an agenda on a sample of those that load.  The promise:

* exit 0 (good data, warnings allowed) or 2 (bad data), never 1;
* no traceback, no "odottamaton virhe" / "unexpected error";
* on exit 2 every line of stderr names the file (``FILE:LINE: key: message``
  or ``FILE: message``), but for ``check``'s final count line;
* no output line holds a raw control character.

Under the ``ci`` profile the fuzz is derandomized and bounded (a few hundred
mutants, some seconds); ``HYPOTHESIS_PROFILE=thorough`` tries many more with
random seeds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from opiskeluhuolto import cli, plugins
from opiskeluhuolto.loading import default_data_text

TEXT = default_data_text()
DATA = TEXT.encode("utf-8")
LINES = DATA.split(b"\n")

THOROUGH = settings().max_examples >= 3000
EXAMPLES = 20_000 if THOROUGH else 300

_ASSIGNMENT = re.compile(rb"^(\s*[A-Za-z0-9_\"'.-]+\s*=\s*)(.+)$")
VALUE_LINES = [n for n, line in enumerate(LINES) if _ASSIGNMENT.match(line)]
FILE_VALUES = sorted({m.group(2) for line in LINES if (m := _ASSIGNMENT.match(line))})

ODD_VALUES = [
    b"99999999999999999999999999",
    b"9223372036854775808",
    b"-1",
    b"0",
    b"1e999",
    b"nan",
    b"-inf",
    b'""',
    b"''",
    b'"\xc2\xb2"',  # "²"
    b'"\xc2\xb2\xc2\xb3.\xc2\xb9\xc2\xb2."',  # "²³.¹²."
    b'"viikolla \xc2\xb2"',
    b'"\\u0007"',
    b'"\\u001b[31m"',
    b'"\\u202eX"',
    b'"\\u0000"',
    b'"a\\nb"',
    b'"\\ufffe"',
    b"[[[",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b'"' + b"x" * 5000 + b'"',
    b"9999-12-31",
    b"0001-01-01",
    b'"9999-12-31"',
    b'"0001-01-01"',
    b"9999-12-31T23:59:59",
    b"00:00:00",
    b"true",
    b"{}",
    b"[]",
    b'[""]',
    b'["\\u001b"]',
    b"[1, 2]",
    b"{ a = 1 }",
    b'"../evil"',
    b'"."',
    b'"' + b"a" * 300 + b'"',
    b'"Europe"',
    b'"Europe/__pycache__"',
    b'"localtime"',
    b'"viikoilla 1\xe2\x80\x9353"',
    b'"viikoilla 53\xe2\x80\x9352"',
    b'"2.1.\xe2\x80\x931.1."',
    b'"joulukuusta marraskuuhun"',
    b'"31.12.9999"',
    b'"1.1.1"',
    b'"29.2."',
    b'"viikolla 53"',
    b'"joka 999999999. viikko"',
    b'"999999999999. maanantai"',
    b'"klo 25.99"',
    b'"klo 99999999999"',
]

# The timing phrases of the file (when, results, meetings, terms), their words
# and odd words to put in their place.
_PHRASE = re.compile(rb'^((?:when|results|meetings|autumn|spring) = )"([^"]*)"$')
PHRASE_LINES = [n for n, line in enumerate(LINES) if _PHRASE.match(line)]
PHRASES = sorted({m.group(2) for line in LINES if (m := _PHRASE.match(line))})
WORDS = sorted({word for phrase in PHRASES for word in re.split(rb"[ ,]+", phrase) if word})
ODD_WORDS = [
    b"0",
    b"-1",
    b"53",
    b"54",
    b"99999999999",
    b"\xc2\xb2",
    b"31.2.",
    b"29.2.",
    b"0.0.",
    b"1\xe2\x80\x93",
    b"\xe2\x80\x93",
    b"klo",
    b"klo 24",
    b"ei lomilla",
    b"syyslomalla",
    b"seuraavassa kokouksessa",
    b"joka",
    b"toinen",
    b"viides",
    b"viimeisen\xc3\xa4",
    b"9999",
    b"0001",
    b"vuonna 9999",
    b"2024\xe2\x80\x939999",
    b".",
    b"\\u001b",
]

ODD_LINES = [
    b"[[[",
    b"[[",
    b"]]",
    b"[",
    b'"a\\nb" = 1',
    b'"\\u001b" = "x"',
    b"x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"[[calendars]]",
    b"[[calendars.items]]",
    b"[[calendars.overrides]]",
    b"[[groups]]",
    b"[[terms]]",
    b"[[breaks]]",
    b"[organisation]",
    b"schema = 2",
    b"schema = 1",
    b'id = "x"',
    b'when = "viikolla 53"',
    b"when = { week = 99 }",
    b"when = {}",
    b'"""',
    b"'''",
    b"\x00",
    b"\x1b[31m",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


def _splice_lines(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


@st.composite
def line_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    n = len(lines)
    kind = draw(
        st.sampled_from(["delete", "duplicate", "swap", "insert", "value", "key", "phrase"])
    )
    i = draw(st.integers(0, n - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, n - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert":
        lines.insert(i, draw(st.sampled_from(ODD_LINES)))
    elif kind == "phrase":
        candidates = [k for k, line in enumerate(lines) if _PHRASE.match(line)]
        if not candidates:
            return data
        k = draw(st.sampled_from(candidates))
        match = _PHRASE.match(lines[k])
        assert match is not None
        words = re.split(rb"( )", match.group(2))
        j = draw(st.integers(0, len(words) - 1))
        how = draw(st.sampled_from(["replace", "insert", "delete", "phrase"]))
        word = draw(st.sampled_from(WORDS) | st.sampled_from(ODD_WORDS))
        if how == "replace":
            words[j] = word
        elif how == "insert":
            words[j:j] = [word, b" "]
        elif how == "delete":
            del words[j]
        else:
            words = [draw(st.sampled_from(PHRASES))]
        lines[k] = match.group(1) + b'"' + b"".join(words) + b'"'
    else:
        candidates = [k for k, line in enumerate(lines) if _ASSIGNMENT.match(line)]
        if not candidates:
            return data
        k = draw(st.sampled_from(candidates))
        match = _ASSIGNMENT.match(lines[k])
        assert match is not None
        if kind == "value":
            value = draw(st.sampled_from(FILE_VALUES) | st.sampled_from(ODD_VALUES))
            lines[k] = match.group(1) + value
        else:
            key = draw(
                st.sampled_from([b'"a\\nb"', b'"\\u001b"', b'"\xc2\xb2"', b"x", b'""', b"a.b.c"])
            )
            lines[k] = key + b" = " + match.group(2)
    return _splice_lines(lines)


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return draw(st.binary(max_size=4))
    kind = draw(st.sampled_from(["flip", "insert", "delete"]))
    i = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        bit = 1 << draw(st.integers(0, 7))
        return data[:i] + bytes([data[i] ^ bit]) + data[i + 1 :]
    if kind == "insert":
        inserted = draw(
            st.sampled_from([b"\x00", b"\x1b", b"\n", b'"', b"[", b"]", b"=", b"#", b"\xc2\xb2"])
            | st.binary(min_size=1, max_size=3)
        )
        return data[:i] + inserted + data[i:]
    return data[:i] + data[i + 1 :]


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    data = DATA
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 3)) == 0:
            data = draw(byte_mutation(data))
        else:
            data = draw(line_mutation(data))
    return data


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A directory for the mutants, and only this distribution's exporters installed."""
    manager, errors = plugins.make_plugin_manager(distributions=["opiskeluhuolto"])
    assert errors == []
    plugins.reset(manager)
    try:
        yield tmp_path_factory.mktemp("fuzz")
    finally:
        plugins.reset()


def _has_raw_control(line: str) -> bool:
    return any(
        (ord(c) < 0x20 and c != "\t")
        or 0x7F <= ord(c) < 0xA0
        or 0x202A <= ord(c) <= 0x202E
        or 0x2066 <= ord(c) <= 0x2069
        for c in line
    )


def _run(argv: list[str], path: Path, data_problems: bool = True) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(argv, stdout=out, stderr=err)
    stderr = err.getvalue()
    assert status in (0, 2), (argv, status, stderr)
    assert "Traceback" not in stderr, stderr
    assert "odottamaton virhe" not in stderr and "unexpected error" not in stderr, stderr
    lines = stderr.splitlines()
    for line in lines:
        assert not _has_raw_control(line), repr(line)
    if status == 2 and data_problems:
        named = re.compile(re.escape(str(path)) + r"(:\d+)?: ")
        problems = lines[:-1] if argv[0] == "check" else lines
        assert lines, argv
        for line in problems:
            assert named.match(line), (argv, line)
    return status, out.getvalue(), stderr


def _check_all(data: bytes, workdir: Path, everything: bool) -> None:
    path = workdir / "fuzz.toml"
    path.write_bytes(data)
    status, out, err = _run(["check", str(path)], path)
    if status == 2:
        assert err.splitlines()[-1].startswith(f"{path}: "), err
        assert re.fullmatch(r"\d+ virhe(ttä)?", err.splitlines()[-1][len(f"{path}: ") :]), err
    else:
        assert out.startswith(f"{path}: kunnossa – "), out
    if status != 0 and not everything:
        return
    common = ["--data", str(path), "--school-year", "2026", "--today", "2026-09-01"]
    show_status, show_out, _ = _run(["show", *common], path)
    assert show_status == status
    for line in show_out.splitlines():
        assert not _has_raw_control(line), repr(line)
    csv_status, _, _ = _run(["export", "csv", *common, "-o", "-"], path)
    assert csv_status == status
    ical = workdir / "fuzz.ics"
    ical_status, _, _ = _run(["export", "ical", *common, "-o", str(ical)], path)
    assert ical_status == status
    if status == 0 and everything:
        # The rest of the exporters, on a sample of the data that loads.
        rrule = ["export", "ical", *common, "--option", "mode=rrule", "-o", str(ical)]
        assert _run(rrule, path)[0] == 0
        assert _run(["export", "wheel", *common, "-o", str(workdir / "fuzz.svg")], path)[0] == 0
        assert _run(["export", "wilma", *common, "-o", str(workdir / "wilma")], path)[0] == 0
        agenda = ["agenda", "--data", str(path), "--group", "sedu-ohr", "--date", "2026-09-08"]
        _run(agenda, path, data_problems=False)  # 2 when the group is gone


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=mutants(), everything=st.integers(0, 4).map(lambda n: n == 0))
@example(data=DATA, everything=True)
def test_mutated_data_gives_clear_problems(data: bytes, everything: bool, workdir: Path) -> None:
    _check_all(data, workdir, everything)
