"""Start-up cost, side by side in one run (not a test).

Prints, best of N runs of fresh interpreters each:

* the main job (``opiskeluhuolto export ical`` on the embedded data, one school
  year, written to a temporary file) vs ``python -c "import icalendar"``:
  goal ≤ 1.5;
* ``python -c "import opiskeluhuolto"`` vs a bare ``python -c pass``: goal
  ≤ 40 ms more.  The top level is lazy (PEP 562), so this is the cost of the
  package itself; the table also shows the cost of first touching the core
  (``opiskeluhuolto.Rule``), which is mostly attrs, measured on its own too.

Run: ``python benchmarks/bench_startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Start-up is measured as users get it: with compiled bytecode.  A machine
# that sets PYTHONDONTWRITEBYTECODE (CI images often do) would otherwise
# compile every module of an editable install on every run.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_of(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV
        )
        best = min(best, time.perf_counter() - started)
    return best


def verdict(met: bool) -> str:
    return "goal met" if met else "goal missed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        feed = str(Path(folder) / "vuosikello.ics")
        main_job = [python, "-m", "opiskeluhuolto", "export", "ical", "-o", feed]
        subprocess.run(main_job, check=True, capture_output=True, env=_ENV)  # warm the caches
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import opiskeluhuolto": [python, "-c", "import opiskeluhuolto"],
            "import attrs": [python, "-c", "import attrs"],
            "opiskeluhuolto.Rule (core)": [
                python,
                "-c",
                "import opiskeluhuolto; opiskeluhuolto.Rule",
            ],
            "import icalendar": [python, "-c", "import icalendar"],
            "main job (export ical)": main_job,
        }
        timings = {name: best_of(command, args.runs) for name, command in commands.items()}
    for name, seconds in timings.items():
        print(f"{name:<28} {seconds * 1000:8.1f} ms")
    ratio = timings["main job (export ical)"] / timings["import icalendar"]
    extra = (timings["import opiskeluhuolto"] - timings["python -c pass"]) * 1000
    core = (timings["opiskeluhuolto.Rule (core)"] - timings["python -c pass"]) * 1000
    attrs_cost = (timings["import attrs"] - timings["python -c pass"]) * 1000
    print()
    print(
        f"main job / import icalendar        {ratio:6.2f}    goal ≤ 1.5    {verdict(ratio <= 1.5)}"
    )
    print(
        f"import opiskeluhuolto − bare       {extra:6.1f} ms goal ≤ 40 ms  {verdict(extra <= 40)}"
    )
    print(f"first use of the core − bare       {core:6.1f} ms (of which attrs {attrs_cost:.1f} ms)")


if __name__ == "__main__":
    main()
