"""ical export benchmarks, side by side in one run.

Run:  python benchmarks/bench_ical.py [--repeat N]

(a) 5,000 events (50 items x 100 years, 2000–2099, 900 of them timed: 9
    items at "klo 14.00–15.30", with a VTIMEZONE), built in code:
    * the command line: ``opiskeluhuolto.cli.main(["export", "ical", "--data",
      FILE, ...])`` – loading and checking the TOML file, the occurrences, the
      exporter and the atomic write;
    * the exporter alone: ``IcalExporter().render(context)`` (occurrences and
      feed, no file);
    * a minimal hand-written icalendar loop writing the same events (same
      occurrences from the library, same properties, same file write).
    Goal: command line / hand-written <= 1.25.
    For information: the exporter with ``mode=rrule`` (50 series instead
    of 5,000 events; the cost is the planning, which proves each series
    exact over a 400-year cycle, and for the timed ones that no instance
    contains a change of the clocks).
The main job's start-up (one school year of the embedded data vs ``import
icalendar``) is measured in fresh interpreters by ``bench_startup.py``.

This is a report, not a test: it always exits 0 and says "goal met" or
"goal missed".  Best of N runs, interleaved so that machine noise hits all
contenders alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import icalendar
from opiskeluhuolto_ical import IcalExporter

import opiskeluhuolto
from opiskeluhuolto import DateWindow, MonthWindow, Rule, WeekWindow, YearPattern, describe
from opiskeluhuolto.calendar import Calendar, Item, ItemKind, Organisation
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.recurrence import TimeOfDay

FIRST, LAST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)  # 100 years
ITEMS = 50
EVENTS = ITEMS * 100
AFTERNOON = TimeOfDay(dt.time(14), dt.time(15, 30))
GENERATED = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
GOAL = 1.25


def build_rules() -> list[Rule]:
    """50 rules with exactly one occurrence in each calendar year (no wraps, no skips).

    Every other date (9 of them) is at a time of day: timed events.
    """
    rules: list[Rule] = []
    for i in range(ITEMS):
        if i % 3 == 0:
            time = AFTERNOON if i % 2 == 0 else None
            rules.append(Rule(DateWindow.on(1 + i % 28, 1 + i % 12), time=time))
        elif i % 3 == 1:
            week = 2 + (i * 7) % 48
            rules.append(Rule(WeekWindow(week, min(week + 1, 50))))
        else:
            month = 1 + i % 12
            rules.append(Rule(MonthWindow(month, month), YearPattern()))
    return rules


def build_organisation() -> Organisation:
    hierarchy = Hierarchy([Group("ohr", "Opiskeluhuoltoryhmä")])
    items = [
        Item(f"kohde-{i:02}", f"Kohde {i}", rule, kind=ItemKind.EVENT)
        for i, rule in enumerate(build_rules())
    ]
    return Organisation(
        "bench", "Benchmark-opisto", hierarchy, [Calendar("vk", "Vuosikello", "ohr", items)]
    )


def toml_text(org: Organisation) -> str:
    """The same organisation as a data file (``when`` = the canonical Finnish phrase)."""
    lines = [
        "schema = 1",
        "",
        "[organisation]",
        f'id = "{org.id}"',
        f'name = "{org.name}"',
        'timezone = "Europe/Helsinki"',
        "",
        "[[groups]]",
        'id = "ohr"',
        'name = "Opiskeluhuoltoryhmä"',
        "",
        "[[calendars]]",
        'id = "vk"',
        'name = "Vuosikello"',
        'owner = "ohr"',
    ]
    for _calendar, item in org.items():
        lines += [
            "",
            "[[calendars.items]]",
            f'id = "{item.id}"',
            f'title = "{item.title}"',
            f'when = "{describe(item.rule)}"',
            f'kind = "{item.kind.value}"',
        ]
    return "\n".join(lines) + "\n"


def hand_written(org: Organisation, path: Path) -> bytes:
    """The baseline: the library's occurrences written with a plain icalendar loop."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//bench//hand-written//FI")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", org.name)
    feed.add("x-wr-timezone", "Europe/Helsinki")
    group = org.hierarchy.get("ohr").name
    texts = {item.id: f"Ajoitus: {describe(item.rule)}\nRyhmä: {group}" for _c, item in org.items()}
    one_day = dt.timedelta(days=1)
    for occ in org.occurrences(FIRST, LAST):
        event = icalendar.Event()
        event.add("uid", f"{occ.id}@opiskeluhuolto")
        event.add("dtstamp", GENERATED)
        if occ.time is None:
            event.add("dtstart", occ.start)
            event.add("dtend", occ.end + one_day)
        else:
            event.add("dtstart", occ.starts_at)
            event.add("dtend", occ.ends_at)
        event.add("summary", occ.item.title)
        event.add("description", texts[occ.item.id])
        event.add("categories", ["tapahtuma"])
        feed.add_component(event)
    feed.add_missing_timezones(FIRST, LAST + one_day)  # icalendar's own VTIMEZONE (RDATE lists)
    data: bytes = feed.to_ical()
    path.write_bytes(data)
    return data


def via_exporter(org: Organisation, mode: str = "expanded") -> bytes:
    exporter = IcalExporter()
    options = exporter.parse_options({"mode": mode})
    context = ExportContext(org, FIRST, LAST, options=options, generated=GENERATED)
    return exporter.render(context)


def via_cli(data_file: Path, out: Path) -> bytes:
    from opiskeluhuolto import cli

    status = cli.main(
        [
            "export",
            "ical",
            "--data",
            str(data_file),
            "--from",
            FIRST.isoformat(),
            "--to",
            LAST.isoformat(),
            "-o",
            str(out),
        ],
        stderr=_Null(),
    )
    if status != 0:
        raise SystemExit(f"opiskeluhuolto export failed with status {status}")
    return out.read_bytes()


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def best_of(repeat: int, contenders: dict[str, Callable[[], object]]) -> dict[str, float]:
    best = {name: float("inf") for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            began = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - began)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"opiskeluhuolto {opiskeluhuolto.__version__}, icalendar {icalendar.__version__}"
    )
    org = build_organisation()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data_file = folder / "bench.toml"
        data_file.write_text(toml_text(org), encoding="utf-8")

        # Same events from all three before anything is timed.
        baseline = icalendar.Calendar.from_ical(hand_written(org, folder / "hand.ics"))
        ours = icalendar.Calendar.from_ical(via_cli(data_file, folder / "cli.ics"))

        def spans(feed: icalendar.Calendar) -> list[tuple[str, object, object]]:
            return sorted(
                (str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt) for e in feed.walk("VEVENT")
            )

        assert spans(baseline) == spans(ours), "the contenders write different events"
        assert len(spans(ours)) == EVENTS, len(spans(ours))
        timed = sum(1 for e in ours.walk("VEVENT") if isinstance(e["DTSTART"].dt, dt.datetime))
        assert timed == 900 and len(ours.walk("VTIMEZONE")) == 1, timed
        series = icalendar.Calendar.from_ical(via_exporter(org, "rrule")).walk("VEVENT")
        assert len(series) == ITEMS and all("RRULE" in e for e in series), len(series)

        times = best_of(
            args.repeat,
            {
                "hand-written icalendar loop": lambda: hand_written(org, folder / "hand.ics"),
                "IcalExporter.render": lambda: via_exporter(org),
                "opiskeluhuolto export ical (CLI)": lambda: via_cli(data_file, folder / "cli.ics"),
                "IcalExporter.render mode=rrule": lambda: via_exporter(org, "rrule"),
            },
        )

    base = times["hand-written icalendar loop"]
    print(f"\n(a) ical export of {EVENTS:,} events (best of {args.repeat})")
    for name, seconds in times.items():
        print(f"    {name:<34} {seconds * 1000:8.1f} ms   x{seconds / base:.2f}")
    ratio = times["opiskeluhuolto export ical (CLI)"] / base
    verdict = "goal met" if ratio <= GOAL else "goal missed"
    print(f"    CLI / hand-written = {ratio:.2f} (goal <= {GOAL}): {verdict}")
    print("\n(the main job's start-up: benchmarks/bench_startup.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
