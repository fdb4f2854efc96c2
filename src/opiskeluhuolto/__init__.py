"""opiskeluhuolto: Sedu's student-welfare annual calendars as data and code.

The top level re-exports the public API of the pure core.  Importing it never
imports an exporter dependency (icalendar, pluggy plugins, …).
"""

from __future__ import annotations

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

__version__ = "0.1.0"

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
    "parse_rule",
]
