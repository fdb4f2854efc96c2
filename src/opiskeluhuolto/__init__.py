"""opiskeluhuolto: Sedu's student-welfare annual calendars as data and code.

The top level re-exports the public API of the pure core.  Importing it never
imports an exporter dependency (icalendar, pluggy plugins, …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opiskeluhuolto.phrases import RuleSyntaxError, describe, parse_rule
from opiskeluhuolto.recurrence import (
    Cadence,
    DateWindow,
    FollowUp,
    MonthWindow,
    Occurrence,
    Phase,
    Rule,
    SchoolYear,
    Season,
    SeasonWindow,
    WeekWindow,
    Window,
    YearPattern,
)

if TYPE_CHECKING:
    from opiskeluhuolto.hookspecs import hookimpl

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # ``hookimpl`` lives with the plugin system; importing pluggy only when a
    # plugin asks for it keeps ``import opiskeluhuolto`` lean.
    if name == "hookimpl":
        from opiskeluhuolto.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'opiskeluhuolto' has no attribute {name!r}")


__all__ = [
    "Cadence",
    "DateWindow",
    "FollowUp",
    "MonthWindow",
    "Occurrence",
    "Phase",
    "Rule",
    "RuleSyntaxError",
    "SchoolYear",
    "Season",
    "SeasonWindow",
    "WeekWindow",
    "Window",
    "YearPattern",
    "__version__",
    "describe",
    "hookimpl",
    "parse_rule",
]
