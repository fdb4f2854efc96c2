"""File names made from data: safe_file_name, UniqueFileNames, and the exporters using them.

Ids are checked when a data file is loaded, but an organisation built through
the Python API may have any id: ``../evil``, ``a\\nb``, ``\\u202egnp``, ``.``, a
300-character id.  Every file name an exporter derives from data goes through
:func:`opiskeluhuolto.fmt.safe_file_name`; a folder's names through
:class:`opiskeluhuolto.fmt.UniqueFileNames`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from opiskeluhuolto_agenda import AgendaExporter
from opiskeluhuolto_wilma import WilmaExporter

from opiskeluhuolto import fmt
from opiskeluhuolto.agenda import agenda_filename, build_agenda
from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import MAX_FILE_NAME_BYTES, UniqueFileNames, safe_file_name
from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
from opiskeluhuolto.output import MARKER, relative_path, write_folder_atomic
from opiskeluhuolto.recurrence import DateWindow, Rule

SCHOOL_YEAR = (dt.date(2026, 8, 1), dt.date(2027, 7, 31))

HOSTILE = ["../evil", "a\nb", "\u202egnp", ".", "..", "", "x" * 300, "CON", "nul", "a/b\\c"]

# Any text at all: control and format characters, surrogates, unassigned code points.
any_text = st.text(st.characters(exclude_categories=()), max_size=200)
suffixes = st.sampled_from(["", ".md", ".txt", "_huoltajat.txt", "-2026-10-06.md", "-2"])
SAFE_ID = r"[a-z0-9][a-z0-9_-]{0,63}"  # the ids the loader accepts


def assert_safe(name: str, suffix: str = "", max_bytes: int = MAX_FILE_NAME_BYTES) -> None:
    """One valid path component on POSIX and Windows, within the byte limit."""
    assert name
    assert name.endswith(suffix)
    assert len(name.encode("utf-8")) <= max_bytes
    assert not name.startswith((".", "-", " "))
    assert not name.endswith((".", " "))
    assert name not in {".", ".."}
    assert name.isprintable()
    assert unicodedata.is_normalized("NFC", name)
    assert not set(name) & set('<>:"/\\|?*')
    assert PurePosixPath(name).parts == (name,)
    assert PureWindowsPath(name).parts == (name,)
    assert not PureWindowsPath(name).is_reserved()
    assert relative_path(name).parts == (name,)  # what a folder export accepts
    assert name != MARKER


# -- safe_file_name -------------------------------------------------------------


@given(any_text, suffixes, st.integers(min_value=30, max_value=255))
def test_any_text_gives_one_safe_component(text: str, suffix: str, max_bytes: int) -> None:
    name = safe_file_name(text, suffix=suffix, max_bytes=max_bytes)
    assert_safe(name, suffix, max_bytes)


@given(any_text, suffixes)
def test_safe_file_name_is_idempotent(text: str, suffix: str) -> None:
    name = safe_file_name(text, suffix=suffix)
    stem = name[: len(name) - len(suffix)]
    assert safe_file_name(stem, suffix=suffix) == name


@given(st.from_regex(SAFE_ID, fullmatch=True), suffixes)
def test_a_safe_id_is_kept_as_it_is(identifier: str, suffix: str) -> None:
    assert safe_file_name(identifier, suffix=suffix) == identifier + suffix


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("../evil", "evil.md"),
        ("a\nb", "a-b.md"),
        ("\u202egnp", "gnp.md"),
        (".", "nimeton.md"),
        ("..", "nimeton.md"),
        ("", "nimeton.md"),
        (".hidden", "hidden.md"),
        ("-rf", "rf.md"),
        ("a/b\\c", "a-b-c.md"),
        ('k<>:"|?*', "k-.md"),
        ("zero\u200bwidth", "zero-width.md"),
        ("CON", "CON_.md"),
        ("com1", "com1_.md"),
        ("lpt9.tar", "lpt9_.tar.md"),
        ("Päivä. ", "Päivä.md"),
        ("Pa\u0308iva\u0308", "Päivä.md"),  # NFC
        ("Syysloma 2026", "Syysloma 2026.md"),
    ],
)
def test_hostile_and_odd_texts(text: str, name: str) -> None:
    assert safe_file_name(text, suffix=".md") == name


def test_a_long_text_is_cut_and_the_suffix_kept() -> None:
    name = safe_file_name("ä" * 300, suffix="-2026-10-06.md")
    assert name.endswith("-2026-10-06.md")
    assert len(name.encode()) <= MAX_FILE_NAME_BYTES
    assert name.startswith("ää")
    assert "\ufffd" not in name  # cut between characters, never inside one


def test_unsafe_suffixes_and_limits_are_refused() -> None:
    for suffix in ("/x.md", "a.", ".", "\n", "ä.md"):
        with pytest.raises(ValueError, match="suffix"):
            safe_file_name("x", suffix=suffix)
    with pytest.raises(ValueError, match="max_bytes"):
        safe_file_name("x", suffix=".md", max_bytes=10)


def test_the_names_can_be_written() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for text in [*HOSTILE, "\udcff", "\x00", "a\u2028b", "\ufeff", "\U000e0001"]:
            name = safe_file_name(text, suffix=".md")
            (Path(folder) / name).write_bytes(b"x")
            assert (Path(folder) / name).parent == Path(folder)


# -- UniqueFileNames ------------------------------------------------------------


@contextmanager
def counted_safe_file_name() -> Iterator[list[int]]:
    """Count the calls of fmt.safe_file_name (the unit of work of UniqueFileNames.add)."""
    calls = [0]
    real = fmt.safe_file_name

    def counting(text: str, **kwargs: object) -> str:
        calls[0] += 1
        return real(text, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(fmt, "safe_file_name", counting):
        yield calls


def test_equal_names_get_numbers_in_order() -> None:
    names = UniqueFileNames()
    got = [names.add(text, suffix=".md") for text in ["kysely", "kysely", "../kysely", "KYSELY"]]
    assert got == ["kysely.md", "kysely-2.md", "kysely-3.md", "KYSELY-4.md"]


@given(st.lists(st.text("aA-2.\n", max_size=4), max_size=60), suffixes)
def test_unique_names_are_safe_unique_deterministic_and_linear(
    texts: list[str], suffix: str
) -> None:
    with counted_safe_file_name() as calls:
        names = UniqueFileNames()
        got = [names.add(text, suffix=suffix) for text in texts]
    for name in got:
        assert_safe(name, suffix)
    assert len({name.casefold() for name in got}) == len(got)
    again = UniqueFileNames()
    assert [again.add(text, suffix=suffix) for text in texts] == got
    # One call per name, plus at most one per name already given: O(n).
    assert calls[0] <= 2 * len(texts)


def test_a_thousand_equal_names_cost_linear_work() -> None:
    with counted_safe_file_name() as calls:
        names = UniqueFileNames()
        got = [names.add("kysely", suffix=".md") for _ in range(1000)]
    assert got == ["kysely.md", *(f"kysely-{n}.md" for n in range(2, 1001))]
    assert calls[0] == 1000 + 999  # the quadratic loop made ~500,000


def test_long_names_cut_to_the_same_prefix_stay_unique() -> None:
    names = UniqueFileNames()
    got = [names.add("x" * 300 + tail, suffix=".md") for tail in "abc"]
    assert len(set(got)) == 3
    for name in got:
        assert_safe(name, ".md")


def test_taken_names_are_avoided() -> None:
    names = UniqueFileNames(taken=["drafts.csv", "Kysely.md"])
    assert names.add("drafts", suffix=".csv") == "drafts-2.csv"
    assert names.add("kysely", suffix=".md") == "kysely-2.md"


# -- the exporters --------------------------------------------------------------


def agenda_organisation(group_id: str) -> Organisation:
    group = Group(group_id, "Ryhmä", meetings=(dt.date(2026, 10, 6), dt.date(2026, 11, 10)))
    items = [Item("juhla", "Juhla", Rule(DateWindow.on(6, 12)))]
    return Organisation(
        "testi", "Testiopisto", Hierarchy([group]), [Calendar("k", "Kello", group_id, items)]
    )


@pytest.mark.parametrize("group_id", HOSTILE)
def test_agenda_file_names_from_any_group_id(group_id: str, tmp_path: Path) -> None:
    org = agenda_organisation(group_id)
    exporter = AgendaExporter()
    context = ExportContext(org, *SCHOOL_YEAR, group=group_id, options=exporter.parse_options({}))
    files = exporter.render(context)
    assert len(files) == 2
    for name in files:
        assert_safe(name, ".md")
    assert [name[-13:] for name in files] == ["2026-10-06.md", "2026-11-10.md"]
    target = write_folder_atomic(tmp_path / "asialistat", files)
    assert sorted(p.name for p in target.iterdir()) == sorted([*files, MARKER])


def test_agenda_filename_is_the_one_rule() -> None:
    agenda = build_agenda(agenda_organisation("../evil"), "../evil", dt.date(2026, 10, 6))
    assert agenda_filename(agenda) == "evil-2026-10-06.md"
    agenda = build_agenda(agenda_organisation("ohr"), "ohr", dt.date(2026, 10, 6))
    assert agenda_filename(agenda) == "ohr-2026-10-06.md"


def wilma_organisation(*item_ids: str, title: str = "Kysely") -> Organisation:
    items = [
        Item(item_id, title, Rule(DateWindow.on(10, 9)), [Audience.HUOLTAJAT])
        for item_id in item_ids
    ]
    return Organisation(
        "testi",
        "Testiopisto",
        Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä", GroupKind.ORGANISATION)]),
        [Calendar("k", "Kodin ja koulun vuosikello", "ohr", items)],
    )


def wilma_files(org: Organisation) -> dict[str, bytes]:
    exporter = WilmaExporter()
    context = ExportContext(
        org,
        *SCHOOL_YEAR,
        options=exporter.parse_options({}),
        today=dt.date(2026, 8, 1),
        generated=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )
    return exporter.render(context)


def test_wilma_file_names_from_hostile_item_ids(tmp_path: Path) -> None:
    files = wilma_files(wilma_organisation(*HOSTILE))
    drafts = sorted(name for name in files if not name.startswith("drafts."))
    assert len(drafts) == len(HOSTILE)
    for name in drafts:
        assert_safe(name, "_huoltajat.txt")
        assert name.startswith("2026-09-03_")
    assert "2026-09-03_evil_huoltajat.txt" in drafts
    assert "2026-09-03_a-b_huoltajat.txt" in drafts
    assert "2026-09-03_gnp_huoltajat.txt" in drafts
    target = write_folder_atomic(tmp_path / "wilma", files)
    assert sorted(p.name for p in target.iterdir()) == sorted([*files, MARKER])


def test_a_300_character_item_id_is_cut_not_fatal(tmp_path: Path) -> None:
    long_id = "kysely-" + "a" * 293
    other = "kysely-" + "a" * 292 + "b"  # the same name once cut
    files = wilma_files(wilma_organisation(long_id, other))
    drafts = sorted(name for name in files if not name.startswith("drafts."))
    assert len(drafts) == 2
    for name in drafts:
        assert_safe(name, "_huoltajat.txt")
        assert name.startswith("2026-09-03_kysely-aaaa")
    assert drafts[0] != drafts[1]
    write_folder_atomic(tmp_path / "wilma", files)
    # The manifest names the files that were written.
    assert all(name.encode() in files["drafts.csv"] for name in drafts)


def test_a_thousand_items_with_the_same_title_and_name(tmp_path: Path) -> None:
    # Ids that differ in punctuation alone all get the ASCII name "kysely".
    ids = ["kysely" + "!" * n for n in range(1000)]
    with counted_safe_file_name() as calls:
        files = wilma_files(wilma_organisation(*ids))
    drafts = {name for name in files if not name.startswith("drafts.")}
    expected = {"2026-09-03_kysely_huoltajat.txt"}
    expected |= {f"2026-09-03_kysely-{n}_huoltajat.txt" for n in range(2, 1001)}
    assert drafts == expected
    assert calls[0] <= 2 * len(ids)  # linear: the old loop tried 1 + 2 + … + 999 names
    write_folder_atomic(tmp_path / "wilma", files)
