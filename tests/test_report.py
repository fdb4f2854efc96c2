"""``opiskeluhuolto report``: the year's evaluation, golden files, laws and a browser.

* Golden Markdown and CSV (``tests/golden/records/report-ohr-lapua.*``) of the
  hand-made records file ``hand-edited.after.toml`` over the embedded data,
  for Lapua's welfare group and the group below it, on 15.1.2027; the Swedish
  Markdown in ``report-ohr-lapua.sv.md`` (its CSV files are the Finnish ones).  After a
  deliberate change regenerate them with ``UPDATE_GOLDEN=1`` and review the diff.
* Laws (hypothesis, ``strategies.records``): each group's counts add up to the
  number of its occurrences, by kind too; a parent's rolled-up counts are its
  own and its children's; each outcome is what the record (or its absence
  and the day) says.
* Headless Chromium renders the HTML page (Finnish, English, Swedish):
  ``lang``, headings in order from ``h1``, the chart with a bar per row and
  its parts, nothing from the network.
"""

from __future__ import annotations

import datetime as dt
import doctest
import html
import io
import itertools
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from browser_helpers import render
from hypothesis import given, settings
from hypothesis import strategies as st

from opiskeluhuolto import loading, report
from opiskeluhuolto import strategies as ost
from opiskeluhuolto.cli import main
from opiskeluhuolto.records import Outcome, Records, track
from opiskeluhuolto.recurrence import SchoolYear

GOLDEN = Path(__file__).resolve().parent / "golden" / "records"

SEDU = loading.load_default()
YEAR = SchoolYear(2026)

pytestmark = pytest.mark.usefixtures("manager")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_doctests() -> None:
    result = doctest.testmod(report, report=False)
    assert result.attempted > 0 and result.failed == 0


def write_report(folder: Path, monkeypatch: pytest.MonkeyPatch, *lang: str) -> tuple[Path, str]:
    """The golden records' report for Lapua on 15.1.2027 (``lang``: ``--lang sv``), and stderr."""
    monkeypatch.chdir(folder)
    shutil.copy(GOLDEN / "hand-edited.after.toml", folder / "seuranta-2026.toml")
    argv = ("report", "--school-year", "2026", "--group", "ohr-lapua", "--today", "15.1.2027")
    status, out, err = run(*argv, *lang, "-o", "arviointi")
    assert (status, out) == (0, "")
    return folder / "arviointi", err


@pytest.fixture
def written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder, err = write_report(tmp_path, monkeypatch)
    assert err == "Kirjoitettu arviointi (4 tiedostoa, lukuvuosi 2026–2027)\n"
    return folder


@pytest.fixture
def written_sv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder, err = write_report(tmp_path, monkeypatch, "--lang", "sv")
    assert err == "Skrev arviointi (4 filer, läsåret 2026–2027)\n"
    return folder


REPORT_FILES = [
    ("arviointi-2026.md", "report-ohr-lapua.md"),
    ("arviointi-2026.csv", "report-ohr-lapua.csv"),
    ("tekematta-2026.csv", "report-ohr-lapua-not-done.csv"),
]


def check_golden(made: bytes, golden: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / golden).write_bytes(made)
    assert made == (GOLDEN / golden).read_bytes()


@pytest.mark.parametrize(("name", "golden"), REPORT_FILES)
def test_the_golden_report(written: Path, name: str, golden: str) -> None:
    check_golden((written / name).read_bytes(), golden)


@pytest.mark.parametrize(
    ("name", "golden"),
    [
        ("arviointi-2026.md", "report-ohr-lapua.sv.md"),
        # The CSV files are keys and ISO values, the same in every language.
        ("arviointi-2026.csv", "report-ohr-lapua.csv"),
        ("tekematta-2026.csv", "report-ohr-lapua-not-done.csv"),
    ],
)
def test_the_golden_report_in_swedish(written_sv: Path, name: str, golden: str) -> None:
    made = (written_sv / name).read_bytes()
    if name.endswith(".md"):
        check_golden(made, golden)
    else:  # never rewritten from the Swedish run: the Finnish run's golden
        assert made == (GOLDEN / golden).read_bytes()


def test_the_swedish_report_speaks_swedish(written_sv: Path) -> None:
    """Every heading and table head in Swedish, the labels from their one table each."""
    text = (written_sv / "arviointi-2026.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line[:1] == "#"]
    assert headings[:2] == ["# Uppföljning och utvärdering, läsåret 2026–2027", "## Sammanfattning"]
    assert sorted(set(headings[2:])) == [
        "## Lapuan kampuksen turvallisuusryhmä",
        "## Lapuan kampuksen yhteisöllinen opiskeluhuoltoryhmä",
        "### Inte gjort",
        "### Per målgrupp",
        "### Per typ",
    ]
    outcomes = " | ".join(o.label("sv").capitalize() for o in Outcome)
    assert outcomes == "Gjort | Flyttat | Inställt | Inte antecknat | Kommande"
    for first in ("Grupp", "Typ", "Målgrupp"):
        assert f"| {first} | {outcomes} | Totalt |\n" in text
    assert "| enkät | 1 | 0 | 1 | 4 | 2 | 8 |" in text
    assert "| vårdnadshavare | 1 | 0 | 0 | 9 | 7 | 17 |" in text
    assert "opiskeluhuoltoryhmä med undergrupperna | 4 | 2 | 2 | 50 | 38 | 96 |" in text
    assert "- må 14.12.2026: Turvallisuusasiat" in text
    assert (
        "Resultat: Kiusaamiskysely (Sedun oma) – inställt (Tulokset käsitellään keväällä)" in text
    )
    # No Finnish word of the report's own is left (the data's titles and notes are Finnish).
    for finnish in ("Yhteenveto", "Lajeittain", "Tekemättä", "Yht.", "kirjaamatta", "Tulokset:"):
        assert finnish not in text


def test_the_swedish_page(written_sv: Path) -> None:
    page = (written_sv / "arviointi-2026.html").read_text("utf-8")
    assert '<html lang="sv">' in page
    assert "<title>Uppföljning och utvärdering, läsåret 2026–2027</title>" in page
    assert "<title>Förekomster per grupp och utfall</title>" in page
    assert "<h3>Per typ</h3>" in page and "<h3>Inte gjort</h3>" in page
    assert "räknas de med.</figcaption>" in page
    assert ">inte antecknat</text>" in page  # the chart's legend
    assert "opiskeluhuoltoryhmä med undergrupperna: gjort 4, flyttat 2, inställt 2, " in page


def test_the_report_in_english_and_without_a_records_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ("report", "--school-year", "2026", "--group", "ohr-kurikka", "--today", "2027-08-01")
    status, _, err = run(*argv, "--lang", "en", "-o", "out")
    assert status == 0
    assert err.splitlines() == [
        "opiskeluhuolto: warning: there is no records file seuranta-2026.toml; nothing is "
        "recorded (give --records FILE)",
        "Wrote out (4 files, school year 2026–2027)",
    ]
    text = (tmp_path / "out" / "arviointi-2026.md").read_text("utf-8")
    assert text.startswith("# Follow-through, school year 2026–2027\n")
    assert (
        "| Kurikan kampuksen yhteisöllinen opiskeluhuoltoryhmä | 0 | 0 | 0 | 48 | 0 | 48 |" in text
    )


def test_a_bad_records_file_stops_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.toml").write_text("schema = 1\nschool_year = 2025\n", "utf-8")
    status, _, err = run("report", "--school-year", "2026", "--records", "s.toml", "-o", "out")
    assert status == 2
    assert err == (
        "s.toml:2: school_year: tiedosto on lukuvuoden 2025–2026 kirjauksia, ei lukuvuoden "
        "2026–2027\n"
    )
    assert not (tmp_path / "out").exists()


# -- laws -----------------------------------------------------------------------


@settings(max_examples=40)
@given(
    ost.records(SEDU, 2026, max_size=20),
    st.dates(dt.date(2026, 7, 1), dt.date(2027, 9, 1)),
    st.sampled_from(("sedu-ohr", "ohr-lapua", "fokus", "alueellinen-ohr")),
)
def test_the_counts_add_up(found: Records, today: dt.date, top: str) -> None:
    evaluation = report.evaluate(SEDU, found, today, top)
    by_id = {entry.group.id: entry for entry in evaluation.groups}
    assert set(by_id) == {top} | {g.id for g in SEDU.hierarchy.descendants(top)}
    for entry in evaluation.groups:
        tracked = track(SEDU, found, YEAR.start, YEAR.end, entry.group.id)
        assert entry.own.total == len(tracked)
        assert entry.own.total == len(SEDU.occurrences(YEAR.start, YEAR.end, entry.group.id))
        assert sum((c for _k, c in entry.by_kind), report.Counts()) == entry.own
        children = SEDU.hierarchy.children(entry.group.id)
        assert entry.rolled == sum((by_id[c.id].rolled for c in children), entry.own)
        expected = report.Counts.of(
            t.record.status.outcome
            if t.record is not None
            else Outcome.UNRECORDED
            if t.end < today
            else Outcome.UPCOMING
            for t in tracked
        )
        assert entry.own == expected
        for audience, counts in entry.by_audience:
            assert counts.total == sum(
                1
                for t in tracked
                if (audience in t.planned.item.audience)
                or (audience is None and not t.planned.item.audience)
            )
        assert len(entry.not_done) == entry.own.cancelled + entry.own.moved + entry.own.unrecorded
    assert by_id[top].rolled.total == sum(entry.own.total for entry in evaluation.groups)


# -- the page in a browser ----------------------------------------------------


def loading_records(path: Path) -> Records:
    from opiskeluhuolto.records_loading import load_records

    return load_records(path, SEDU, YEAR)


CHECK = """
<script>
(() => {
  const result = {
    lang: document.documentElement.lang,
    headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => +h.tagName[1]),
    bars: [...document.querySelectorAll("svg.chart g.bar")].map((g) => {
      const box = g.getBoundingClientRect();
      return [g.querySelectorAll("rect").length, box.width, box.height];
    }),
    chart: (() => { const s = document.querySelector("svg.chart");
      if (!s) return null; const b = s.getBoundingClientRect(); return [b.width, b.height]; })(),
    sources: [...document.querySelectorAll("[src], [href]")].map((e) => e.src || e.href),
  };
  const out = document.createElement("pre");
  out.id = "__check";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    found: str | None = render.find_chromium()
    if found is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser test")
        pytest.skip(message)
    return found


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_the_html_report_renders_with_its_chart(
    chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(GOLDEN / "hand-edited.after.toml", tmp_path / "seuranta-2026.toml")
    argv = ("report", "--school-year", "2026", "--today", "15.1.2027", "--lang", lang)
    assert run(*argv, "-o", "out")[0] == 0
    page = tmp_path / "out" / "arviointi-2026.html"
    probe = page.with_name("__check.html")
    probe.write_text(page.read_text("utf-8").replace("</body>", CHECK + "</body>", 1), "utf-8")
    dom = render.dump_dom(chromium, probe)
    found = re.search(r'<pre id="__check">(.*?)</pre>', dom, re.S)
    assert found is not None, "the check did not run"
    result = json.loads(html.unescape(found.group(1)))
    assert result["lang"] == lang
    headings = result["headings"]
    assert headings[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(headings))
    # One bar per row of the summary chart: every group, its parts drawn and visible.
    assert result["chart"] is not None and result["chart"][0] > 300
    # The parts expected: the nonzero outcomes of each rolled-up row.
    recorded = loading_records(tmp_path / "seuranta-2026.toml")
    evaluation = report.evaluate(SEDU, recorded, dt.date(2027, 1, 15))
    expected = [sum(1 for o in Outcome if entry.rolled.count(o)) for entry in evaluation.groups]
    assert [parts for parts, _width, _height in result["bars"]] == expected
    assert any(expected) and all(height > 10 for _parts, _width, height in result["bars"])
    assert result["sources"] == []  # nothing to fetch: the page works offline


def test_a_swedish_group_with_nothing_left_undone() -> None:
    before = report.evaluate(SEDU, Records(YEAR), dt.date(2026, 7, 1), "ohr-lapua")
    assert all(not entry.not_done for entry in before.groups)
    text = report.render_markdown(before, "seuranta-2026.toml", "sv")
    assert text.count("### Inte gjort\n\n*Allt är gjort eller kommande.*\n") == 2
    assert "ingen målgrupp" not in text  # every item of Lapua's has its audience
    page = report.render_html(before, "seuranta-2026.toml", "sv").decode("utf-8")
    assert page.count("<p>Allt är gjort eller kommande.</p>") == 2
