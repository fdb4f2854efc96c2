"""``opiskeluhuolto export site``: the layout, the links, the state, byte-identical rebuilds.

The site is built through the command line (``cli.main``) and through
:mod:`opiskeluhuolto.publishing` directly; the two must give the same bytes
for every path, since a feed server will serve ``render_path`` of each.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import os
import sys
from pathlib import Path

import attrs
import icalendar
import pytest

from opiskeluhuolto import cli, publishing
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import safe_file_name
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.output import MARKER

TODAY = "3.12.2026"
BASE = "https://example.org/vuosikello/"


def build(target: Path, *extra: str, lang: str = "fi") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["export", "site", "--today", TODAY, "--lang", lang, "-o", str(target), *extra]
    status = cli.main(argv, stdout=out, stderr=err)
    return status, err.getvalue()


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return load_default()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "public"
    status, err = build(target, "--option", f"base_url={BASE}")
    assert status == 0, err
    return target


class Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "img" and found.get("src"):
            self.images.append(found["src"] or "")


def links_of(page: bytes) -> Links:
    parser = Links()
    parser.feed(page.decode("utf-8"))
    return parser


def test_one_folder_per_group_with_its_files(site: Path, sedu: Organisation) -> None:
    for group in sedu.groups:
        folder = site / safe_file_name(group.id)
        names = {path.name for path in folder.iterdir()}
        assert {
            "index.html",
            "vuosikello.ics",
            "vuosikello.csv",
            "vuosikello-2026-2027.html",
            "vuosikello-2027-2028.html",
            "vuosikello-qr.svg",
        } <= names, group.id
        meetings = sedu.meetings(group.id, dt.date(2026, 8, 1), dt.date(2028, 7, 31))
        agendas = sorted((folder / "asialistat").glob("*.md")) if meetings else []
        assert len(agendas) == len(meetings), group.id
        feed = icalendar.Calendar.from_ical((folder / "vuosikello.ics").read_bytes())
        feed.validate()
        assert feed["X-WR-CALNAME"] is not None


def test_the_index_lists_every_group_in_hierarchy_order_with_its_links(
    site: Path, sedu: Organisation
) -> None:
    index = (site / "index.html").read_bytes()
    parser = links_of(index)
    text = index.decode()
    positions = [text.index(f">{group.name}</a></h3>") for group in sedu.groups]
    assert positions == sorted(positions)  # hierarchy order
    for group in sedu.groups:
        folder = safe_file_name(group.id)
        https = f"{BASE}{folder}/vuosikello.ics"
        assert https in parser.links
        assert "webcal://example.org/vuosikello/" + f"{folder}/vuosikello.ics" in parser.links
        assert f"{folder}/index.html" in parser.links
        assert f"{folder}/vuosikello-qr.svg" in parser.images
        qr = (site / folder / "vuosikello-qr.svg").read_bytes()
        assert qr.startswith(b"<svg") and b"<path" in qr
    for heading in ("Outlook", "Google-kalenteri", "iPhone ja iPad", "Android"):
        assert f"<h3>{heading}</h3>" in text


def test_every_relative_link_of_every_page_exists(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        parser = links_of(page.read_bytes())
        for link in [*parser.links, *parser.images]:
            if link.startswith(("https://", "webcal://", "#")):
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve()
            assert target.is_file(), f"{page}: {link}"
            if anchor:
                assert f'id="{anchor}"'.encode() in target.read_bytes(), f"{page}: {link}"


def test_unchanged_data_gives_a_byte_identical_site(site: Path, tmp_path: Path) -> None:
    before = files_of(site)
    status, err = build(site, "--option", f"base_url={BASE}")
    assert status == 0, err
    assert files_of(site) == before
    # And from scratch, elsewhere, the same bytes but for the state's history.
    fresh = tmp_path / "public"
    status, err = build(fresh, "--option", f"base_url={BASE}")
    assert status == 0, err
    assert files_of(fresh) == before


def test_the_command_line_and_render_path_give_the_same_bytes(
    site: Path, sedu: Organisation
) -> None:
    model = publishing.Site(
        sedu,
        *publishing.rolling_range(dt.date(2026, 12, 3)),
        dt.date(2026, 12, 3),
        base_url=BASE,
        state=str(site / publishing.STATE_FILE),
    )
    builder = publishing.SiteBuilder(model)
    written = files_of(site)
    written.pop(MARKER)
    assert {page.path for page in builder.layout()} == set(written)
    for path in ("index.html", "ohr-lapua/index.html", "ohr-lapua/vuosikello.ics"):
        assert publishing.render_path(model, path) == written[path]
    assert builder.build() == written
    assert builder.page("ohr-lapua/vuosikello.ics").content_type == "text/calendar; charset=utf-8"
    with pytest.raises(publishing.UnknownPath):
        builder.render("ohr-lapua/../index.html")


def test_empty_groups_are_warned_about_and_still_get_a_valid_feed(
    tmp_path: Path, sedu: Organisation
) -> None:
    status, err = build(tmp_path / "public")
    assert status == 0, err
    warned = [line for line in err.splitlines() if "varoitus" in line]
    start, end = publishing.rolling_range(dt.date(2026, 12, 3))
    empty = [
        group.id
        for group in sedu.groups
        if not sedu.occurrences(start, end, group.id) and not sedu.meetings(group.id, start, end)
    ]
    assert empty, "the embedded data has groups without events"
    assert len(warned) == len(empty)
    for group in empty:
        assert any(f"ryhmällä {group!r} ei ole tapahtumia" in line for line in warned)
        data = (tmp_path / "public" / safe_file_name(group) / "vuosikello.ics").read_bytes()
        icalendar.Calendar.from_ical(data).validate()


def test_without_base_url_the_links_are_relative_with_a_note(tmp_path: Path) -> None:
    status, err = build(tmp_path / "public", lang="en")
    assert status == 0, err
    index = (tmp_path / "public" / "index.html").read_bytes()
    parser = links_of(index)
    assert not any(link.startswith(("webcal:", "http")) for link in parser.links)
    assert "ohr-lapua/vuosikello.ics" in parser.links
    assert b"built without its address" in index and b'<html lang="en">' in index
    assert not list((tmp_path / "public").rglob("vuosikello-qr.svg"))


@pytest.mark.parametrize("url", ["ftp://example.org/", "example.org", "https://x.org/?a=1"])
def test_a_bad_base_url_is_refused(tmp_path: Path, url: str) -> None:
    status, err = build(tmp_path / "public", "--option", f"base_url={url}")
    assert status == 2 and "base_url" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "public").exists()


def test_a_change_raises_the_sequence_in_the_next_build(tmp_path: Path, sedu: Organisation) -> None:
    target = tmp_path / "public"
    start, end = publishing.rolling_range(dt.date(2026, 12, 3))
    first = publishing.Site(sedu, start, end, dt.date(2026, 12, 3))
    from opiskeluhuolto.output import write_folder_atomic

    write_folder_atomic(target, publishing.build_site(first))
    calendar = sedu.calendars[0]
    item = calendar.items[0]
    changed_item = attrs.evolve(item, title=item.title + " (muutettu)")
    changed = attrs.evolve(
        sedu,
        calendars=[
            attrs.evolve(calendar, items=[changed_item, *calendar.items[1:]]),
            *sedu.calendars[1:],
        ],
    )
    later = dt.datetime(2026, 12, 10, 8, 0, tzinfo=dt.UTC)
    second = publishing.Site(
        changed,
        start,
        end,
        dt.date(2026, 12, 3),
        state=str(target / publishing.STATE_FILE),
        generated=later,
    )
    rebuilt = publishing.build_site(second)
    old = publishing.FeedState.from_json((target / publishing.STATE_FILE).read_bytes())
    new = publishing.FeedState.from_json(rebuilt[publishing.STATE_FILE])
    raised = 0
    for group, stamps in new.feeds.items():
        for uid, stamp in stamps.items():
            before = old.feed(group)[uid]
            if uid.split(".")[1] == item.id:
                assert (stamp.sequence, stamp.modified) == (before.sequence + 1, later)
                raised += 1
            else:
                assert stamp == before, uid
    assert raised > 0


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path, sedu: Organisation) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    argv = ["export", "site", "--today", TODAY, "-o", str(tmp_path / "a")]
    assert cli.main(argv, stdout=io.StringIO(), stderr=err) == 0
    assert "\r[1/" in err.getvalue() and "\x1b[K" in err.getvalue()
    _status, quiet = build(tmp_path / "b")
    assert "\r" not in quiet


def test_an_interrupted_build_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "public"
    assert build(target)[0] == 0
    before = files_of(target)
    calls = 0
    original = publishing.SiteBuilder.render

    def interrupted(self: publishing.SiteBuilder, path: str) -> bytes:
        nonlocal calls
        calls += 1
        if calls == 30:
            raise KeyboardInterrupt
        return original(self, path)

    monkeypatch.setattr(publishing.SiteBuilder, "render", interrupted)
    assert build(target)[0] == 130
    assert files_of(target) == before
    monkeypatch.setattr(publishing.SiteBuilder, "render", original)
    assert build(target)[0] == 0
    assert files_of(target) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_site_builds_without_segno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "segno", None)  # import segno raises ImportError
    status, err = build(tmp_path / "public", "--option", f"base_url={BASE}")
    assert status == 0, err
    assert not list((tmp_path / "public").rglob("vuosikello-qr.svg"))
    index = (tmp_path / "public" / "index.html").read_bytes()
    assert b"webcal://example.org/vuosikello/ohr-lapua/vuosikello.ics" in index
    assert b"<img" not in index


def test_import_publishing_imports_no_icalendar() -> None:
    import subprocess

    code = (
        "import sys, opiskeluhuolto.publishing, opiskeluhuolto_site; "
        "heavy = ('icalendar', 'segno', 'opiskeluhuolto_ical'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("extra", "span", "wheels"),
    [
        ((), "1.8.2026–31.7.2028", 2),  # no range given: this school year and the next
        (("--school-year", "2026"), "1.8.2026–31.7.2027", 1),
        (("--from", "1.1.2027", "--to", "31.12.2027"), "1.1.–31.12.2027", 2),
    ],
)
def test_the_range_of_a_publishing_exporter(
    tmp_path: Path, extra: tuple[str, ...], span: str, wheels: int
) -> None:
    target = tmp_path / "public"
    status, err = build(target, *extra)
    assert status == 0, err
    assert err.splitlines()[-1].endswith(f", {span})")
    group = files_of(target / "ohr-lapua")
    assert len([name for name in group if name.startswith("vuosikello-20")]) == wheels
    assert plugins_registry_says_site_publishes()


def plugins_registry_says_site_publishes() -> bool:
    from opiskeluhuolto import plugins

    return plugins.get_exporter("site").publishes and not plugins.get_exporter("ical").publishes
