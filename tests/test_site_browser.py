"""The published site in a real browser: headless Chromium checks every HTML page.

For each page a copy with a small checking script is opened from the disk
(``--dump-dom``); the script reports the ``lang`` attribute, the heading
levels, every link and image as the browser resolved it, and the contrast
of every text element (WCAG 2 relative luminance of the computed ``color``
against the first opaque computed ``background-color`` up the tree).  The
test then requires ``lang``, headings in order from ``h1``, every
``file://`` target present on the disk (anchors included: nothing is
fetched from the network) and a contrast of at least 4.5:1.

Needs Debian's ``chromium`` (``.ci/run`` installs it); without it the test
skips locally and fails when ``CI`` is set, as ``tests/test_wheel_browser.py``.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import urllib.parse
from pathlib import Path

import pytest
from browser_helpers import render

from opiskeluhuolto import cli

CHECK = """
<script>
(() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const value = rgb(getComputedStyle(e).backgroundColor);
      if (value.length === 3 || (value.length === 4 && value[3] === 1)) return value.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const texts = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest("svg") || element.closest("script") || element.closest("style")) continue;
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const fg = luminance(rgb(style.color)), bg = luminance(background(element));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    texts.push([element.tagName, element.textContent.trim().slice(0, 40), ratio]);
  }
  const result = {
    lang: document.documentElement.lang,
    headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => +h.tagName[1]),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    sources: [...document.querySelectorAll("[src]")].map((e) => e.src),
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    texts,
  };
  const out = document.createElement("pre");
  out.id = "__check";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""

RESULT = re.compile(r'<pre id="__check">(.*?)</pre>', re.S)


@pytest.fixture(scope="module")
def chromium() -> str:
    found: str | None = render.find_chromium()
    if found is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser test")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module", params=["fi", "en"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp(f"site-{request.param}") / "public"
    argv = ["export", "site", "--today", "3.12.2026", "--lang", request.param, "-o", str(target)]
    argv += ["--option", "base_url=https://example.org/vuosikello/"]
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    return target


def check(chromium: str, page: Path) -> dict[str, object]:
    text = page.read_text("utf-8")
    assert "</body>" in text, page
    probe = page.with_name(f"__check-{page.name}")
    probe.write_text(text.replace("</body>", CHECK + "</body>", 1), "utf-8")
    try:
        dom = render.dump_dom(chromium, probe)
    finally:
        probe.unlink()
    found = RESULT.search(dom)
    assert found is not None, f"{page}: the check did not run"
    import html

    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


def pages_to_check(site: Path) -> list[Path]:
    """The front page, every group's page, and both wheel pages of two groups."""
    pages = [site / "index.html", *sorted(site.glob("*/index.html"))]
    for group in ("ohr-seinajoki", "foorumi-lapua"):
        pages.extend(sorted((site / group).glob("vuosikello-*.html")))
    return pages


def ids_of(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text("utf-8")))


def test_every_page_passes_the_browser_check(chromium: str, site: Path) -> None:
    checked = 0
    for page in pages_to_check(site):
        result = check(chromium, page)
        assert result["lang"] == site.parent.name.split("-")[1][:2], page
        headings = result["headings"]
        assert isinstance(headings, list) and headings and headings[0] == 1, (page, headings)
        assert all(b <= a + 1 for a, b in itertools.pairwise(headings)), (
            page,
            headings,
        )
        links = result["links"]
        sources = result["sources"]
        assert isinstance(links, list) and isinstance(sources, list)
        for url in [*links, *sources]:
            assert isinstance(url, str)
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("https", "webcal"):
                assert parts.netloc == "example.org", (page, url)  # the subscribe links
                continue
            assert parts.scheme == "file", (page, url)  # nothing from the network
            target = Path(urllib.parse.unquote(parts.path))
            assert target.is_file(), (page, url)
            assert str(target.resolve()).startswith(str(site.resolve())), (page, url)
            if parts.fragment:
                assert parts.fragment in ids_of(target), (page, url)
        texts = result["texts"]
        assert isinstance(texts, list) and texts, page
        low = [(tag, words, ratio) for tag, words, ratio in texts if ratio < 4.5]
        assert not low, (page, low[:5])
        checked += 1
    assert checked >= 3
