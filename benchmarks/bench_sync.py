"""``opiskeluhuolto sync caldav`` against a real Radicale, side by side in one run.

Run:  python benchmarks/bench_sync.py [--repeat N]

The embedded Sedu data, every group, the rolling range of 3.12.2026
(1.8.2026–31.7.2028), each run through :func:`opiskeluhuolto.cli.main`:

* first run: into an empty calendar home (a new Radicale user each time):
  every group's calendar made, every event PUT;
* no-change run: the same home again: every calendar read and planned,
  nothing written (checked: the report says 0 created, 0 updated, 0 deleted);
* baseline: rendering the same feeds alone (the ``ical`` exporter through the
  plugin registry, ``meetings=true``, every group), no server.

Reported: no-change / first run (goal <= 0.25: a run that changes nothing
only reads) and first run / rendering alone (for information: what the
server's writes cost over making the events).  Radicale runs on 127.0.0.1
with a free port, a temporary folder and a user per repeat, in its own
process (``tests/radicale_fixture.py``, the tests' own starter); best of N,
interleaved.
This is a report, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from radicale_fixture import Server, start_radicale

from opiskeluhuolto import cli, plugins
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.publishing import rolling_range
from opiskeluhuolto.sync.events import group_feed

TODAY = "2026-12-03"
GOAL = 0.25


def _sync(server: Server, user: str, password_file: Path) -> tuple[float, str]:
    """One run as ``user`` (Radicale makes a user's home at its first login)."""
    out, err = io.StringIO(), io.StringIO()
    url = f"http://{server.host}:{server.port}/{user}/"
    argv = ["sync", "caldav", url, "--user", user, "--password-file", str(password_file)]
    started = time.perf_counter()
    status = cli.main([*argv, "--today", TODAY], stdout=out, stderr=err)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"sync failed ({status}): {err.getvalue()}")
    return elapsed, out.getvalue().strip().splitlines()[-1]


def _render() -> tuple[float, int]:
    started = time.perf_counter()
    organisation = load_default()
    exporter = plugins.get_exporter("ical")
    start, end = rolling_range(dt.date.fromisoformat(TODAY))
    events = 0
    for group in organisation.groups:
        feed = group_feed(
            exporter, organisation, group.id, start, end, today=dt.date.fromisoformat(TODAY)
        )
        events += feed.count(b"BEGIN:VEVENT")
    return time.perf_counter() - started, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    first: list[float] = []
    again: list[float] = []
    render: list[float] = []
    users = {f"bench{n}": "salasana" for n in range(args.repeat)}
    with tempfile.TemporaryDirectory() as folder, start_radicale(Path(folder), users) as server:
        password_file = Path(folder) / "salasana"
        password_file.write_text("salasana\n")
        _render()  # import everything once
        for n in range(args.repeat):
            user = f"bench{n}"
            seconds, first_total = _sync(server, user, password_file)
            first.append(seconds)
            seconds, again_total = _sync(server, user, password_file)
            again.append(seconds)
            if "luotu 0, päivitetty 0, poistettu 0" not in again_total:
                raise SystemExit(f"the second run changed something: {again_total}")
            seconds, events = _render()
            render.append(seconds)
    best_first, best_again, best_render = min(first), min(again), min(render)
    ratio = best_again / best_first
    print(f"Python {platform.python_version()}, best of {args.repeat}")
    print(f"events: {events} in {len(load_default().groups)} groups ({first_total})")
    print(f"  first run            {best_first:8.2f} s")
    print(f"  no-change run        {best_again:8.2f} s")
    print(f"  rendering alone      {best_render:8.2f} s")
    print(
        f"no-change / first run  {ratio:8.3f}  (goal <= {GOAL}: "
        f"{'goal met' if ratio <= GOAL else 'goal missed'})"
    )
    print(f"first run / rendering  {best_first / best_render:8.1f}")


if __name__ == "__main__":
    main()
