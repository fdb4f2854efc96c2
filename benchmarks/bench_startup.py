"""Start-up cost, side by side in one run (not a test).

Prints, best of N runs each:

* the main job (``opiskeluhuolto export ical`` on the embedded data, one school
  year, written to a temporary file) vs ``python -c "import icalendar"``:
  goal ≤ 1.5, so start-up must stay lean (plugins load lazily);
* ``python -c "import opiskeluhuolto"`` vs a bare ``python -c pass``: goal
  ≤ 40 ms more.

Run: ``python benchmarks/bench_startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def best_of(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        feed = str(Path(folder) / "vuosikello.ics")
        main_job = [
            python,
            "-m",
            "opiskeluhuolto",
            "export",
            "ical",
            "--school-year",
            "2026",
            "-o",
            feed,
        ]
        subprocess.run(main_job, check=True, capture_output=True)  # warm the caches
        timings = {
            "bare": best_of([python, "-c", "pass"], args.runs),
            "import opiskeluhuolto": best_of([python, "-c", "import opiskeluhuolto"], args.runs),
            "import icalendar": best_of([python, "-c", "import icalendar"], args.runs),
            "main job": best_of(main_job, args.runs),
        }
    for name, seconds in timings.items():
        print(f"{name:<24} {seconds * 1000:8.1f} ms")
    ratio = timings["main job"] / timings["import icalendar"]
    extra = (timings["import opiskeluhuolto"] - timings["bare"]) * 1000
    print()
    print(
        f"main job / import icalendar      {ratio:5.2f}   goal ≤ 1.5  "
        f"{'goal met' if ratio <= 1.5 else 'goal missed'}"
    )
    print(
        f"import opiskeluhuolto − bare     {extra:5.1f} ms goal ≤ 40 ms "
        f"{'goal met' if extra <= 40 else 'goal missed'}"
    )


if __name__ == "__main__":
    main()
