"""Layered data: loading a campus that extends Sedu vs the same campus as a full copy.

Run:  python benchmarks/bench_layers.py [--repeat N]

(a) ``validate_text`` of ``tests/data/kauhava.toml`` (``extends = "sedu"``,
    which extends ``kansallinen``: three layers, merged, then validated) vs
    the same data written out as one file (the national calendar and Sedu's
    file inlined, no ``extends``).  Both are checked first to give the same
    organisation.  Goal: layered / full copy <= 1.5 (the chain is read,
    parsed and merged once per load; validation is the same work).
(b) ``load_default()`` (two layers) vs ``loads`` of Sedu's data as one file.
    Goal: layered / one file <= 1.5.

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed" for each goal.
"""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from bench_recurrence import best, fmt, verdict

from opiskeluhuolto import loading

ROOT = Path(__file__).resolve().parent.parent
CAMPUS = (ROOT / "tests" / "data" / "kauhava.toml").read_text(encoding="utf-8")


def one_file_sedu() -> str:
    """sedu.toml with the national calendar written into it (no ``extends``)."""
    national = loading.data_set_text("kansallinen")
    calendar = national[national.index("\n[[calendars]]\n") + 1 :].replace(
        'name = "Valtakunnalliset kyselyt ja arvioinnit"\n',
        'name = "Valtakunnalliset kyselyt ja arvioinnit"\nowner = "sedu-ohr"\n',
        1,
    )
    placed = '[[calendars]]\nid = "valtakunnallinen"\nowner = "sedu-ohr"\n'
    sedu = loading.data_set_text("sedu")
    return sedu.replace('extends = "kansallinen"\n', "").replace(placed, calendar)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    repeat: int = parser.parse_args(argv).repeat

    sedu_one = one_file_sedu()
    campus_one = (
        sedu_one + "\n" + CAMPUS.replace("schema = 1\n", "").replace('extends = "sedu"\n', "")
    )
    layered = loading.validate_text(CAMPUS, "kauhava.toml").organisation
    assert layered is not None and layered == loading.loads(campus_one, "kauhava.toml")
    assert loading.load_default() == loading.loads(sedu_one)

    rows = [
        (
            "(a) campus: layered vs full copy",
            best(lambda: loading.validate_text(CAMPUS, "kauhava.toml"), repeat),
            best(lambda: loading.validate_text(campus_one, "kauhava.toml"), repeat),
        ),
        (
            "(b) sedu: load_default vs one file",
            best(loading.load_default, repeat),
            best(lambda: loading.loads(sedu_one), repeat),
        ),
    ]
    print(f"Python {platform.python_version()}, best of {repeat}")
    print(f"{'':36} {'layered':>12} {'one file':>12}  ratio")
    for name, layered_time, one_time in rows:
        ratio = layered_time / one_time
        print(
            f"{name:36} {fmt(layered_time)} {fmt(one_time)}  {ratio:5.2f}  "
            f"(goal <= 1.5: {verdict(ratio, 1.5)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
