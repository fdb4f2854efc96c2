"""``export site`` of the embedded data vs exporting the same groups' feeds one by one.

Run:  python benchmarks/bench_site.py [--repeat N]

(a) ``opiskeluhuolto export site -o public/`` (every group's feed, wheel
    pages, sheet and agendas, the pages, the state file; written atomically)
    vs the baseline: ``opiskeluhuolto export ical --group G --option
    meetings=true --from 1.8.2026 --to 31.7.2028 -o G.ics`` for each group
    in turn, all through :func:`opiskeluhuolto.cli.main` in this process.
    For information: the site writes about ten times as many files.
(b) the feeds alone inside a site build (:meth:`SiteBuilder.feed` of every
    group, the data loaded once) vs the same baseline.  Goal: <= 1.0 (one
    load of the data, not one per group; the same feeds).

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed".
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import tempfile
from pathlib import Path

from bench_recurrence import best, fmt, verdict

from opiskeluhuolto import cli, loading, publishing

TODAY = dt.date(2026, 12, 3)


def run(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(argv, stdout=out, stderr=err)
    assert status == 0, err.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    repeat: int = parser.parse_args(argv).repeat
    sedu = loading.load_default()
    groups = [group.id for group in sedu.groups]
    start, end = publishing.rolling_range(TODAY)
    span = ["--from", f"{start:%d.%m.%Y}", "--to", f"{end:%d.%m.%Y}"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = ["export", "site", "--today", f"{TODAY:%d.%m.%Y}", "-o", str(root / "public")]

        def one_by_one() -> None:
            for group in groups:
                target = str(root / f"{group}.ics")
                run(
                    [
                        "export",
                        "ical",
                        "--group",
                        group,
                        "--option",
                        "meetings=true",
                        *span,
                        "-o",
                        target,
                    ]
                )

        def feeds_in_a_site() -> None:
            builder = publishing.SiteBuilder(
                publishing.Site(loading.load_default(), start, end, TODAY)
            )
            for group in groups:
                builder.feed(group)

        # The same feeds: the site's (no state yet) are the one-by-one files.
        one_by_one()
        run(site)
        for group in groups:
            written = (root / "public" / group / "vuosikello.ics").read_bytes()
            assert written == (root / f"{group}.ics").read_bytes(), group
        files = sum(1 for path in (root / "public").rglob("*") if path.is_file())

        baseline = best(one_by_one, repeat)
        whole = best(lambda: run(site), repeat)
        feeds = best(feeds_in_a_site, repeat)
    print(f"Python {platform.python_version()}, best of {repeat}; {len(groups)} groups")
    print(f"{'baseline: export ical per group':44} {fmt(baseline)}  1.00")
    print(f"{f'(a) export site ({files} files)':44} {fmt(whole)}  {whole / baseline:4.2f}")
    ratio = feeds / baseline
    print(
        f"{'(b) the feeds in a site build':44} {fmt(feeds)}  {ratio:4.2f}  "
        f"(goal <= 1.0: {verdict(ratio, 1.0)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
