"""opiskeluhuolto: Sedu's student-welfare annual calendars as data and code.

The top level re-exports the public API.  Every name is imported on first
use (PEP 562), so ``import opiskeluhuolto`` costs next to nothing and never
imports attrs, pluggy or an exporter dependency (icalendar, …) until they are
needed; ``opiskeluhuolto.Rule`` then loads the recurrence core.
"""

from __future__ import annotations

import importlib

# Not ``from typing import TYPE_CHECKING``: importing typing alone would cost
# more than this whole module.  Type checkers treat the name the same way.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import (
        Calendar,
        CalendarOccurrence,
        Item,
        ItemKind,
        Organisation,
        Override,
    )
    from opiskeluhuolto.groups import Audience, Group, GroupKind, Hierarchy
    from opiskeluhuolto.hookspecs import hookimpl
    from opiskeluhuolto.loading import LoadError, load, load_default, loads
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
    from opiskeluhuolto.school import (
        Break,
        Meeting,
        MeetingPlan,
        SchoolCalendar,
        Term,
        public_holidays,
    )

__version__ = "0.1.0"

# name → module that defines it, imported on first access (PEP 562)
_LAZY = {
    "RuleSyntaxError": "opiskeluhuolto.phrases",
    "describe": "opiskeluhuolto.phrases",
    "parse_rule": "opiskeluhuolto.phrases",
    **dict.fromkeys(
        (
            "Cadence",
            "DateWindow",
            "FollowUp",
            "MonthWindow",
            "Occurrence",
            "Phase",
            "Rule",
            "SchoolYear",
            "Season",
            "SeasonWindow",
            "WeekWindow",
            "Window",
            "YearPattern",
        ),
        "opiskeluhuolto.recurrence",
    ),
    "hookimpl": "opiskeluhuolto.hookspecs",
    "Calendar": "opiskeluhuolto.calendar",
    "CalendarOccurrence": "opiskeluhuolto.calendar",
    "Item": "opiskeluhuolto.calendar",
    "ItemKind": "opiskeluhuolto.calendar",
    "Organisation": "opiskeluhuolto.calendar",
    "Override": "opiskeluhuolto.calendar",
    "Audience": "opiskeluhuolto.groups",
    "Group": "opiskeluhuolto.groups",
    "GroupKind": "opiskeluhuolto.groups",
    "Hierarchy": "opiskeluhuolto.groups",
    "LoadError": "opiskeluhuolto.loading",
    "load": "opiskeluhuolto.loading",
    "load_default": "opiskeluhuolto.loading",
    "loads": "opiskeluhuolto.loading",
    **dict.fromkeys(
        ("Break", "Meeting", "MeetingPlan", "SchoolCalendar", "Term", "public_holidays"),
        "opiskeluhuolto.school",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'opiskeluhuolto' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Audience",
    "Break",
    "Cadence",
    "Calendar",
    "CalendarOccurrence",
    "DateWindow",
    "FollowUp",
    "Group",
    "GroupKind",
    "Hierarchy",
    "Item",
    "ItemKind",
    "LoadError",
    "Meeting",
    "MeetingPlan",
    "MonthWindow",
    "Occurrence",
    "Organisation",
    "Override",
    "Phase",
    "Rule",
    "RuleSyntaxError",
    "SchoolCalendar",
    "SchoolYear",
    "Season",
    "SeasonWindow",
    "Term",
    "WeekWindow",
    "Window",
    "YearPattern",
    "__version__",
    "describe",
    "hookimpl",
    "load",
    "load_default",
    "loads",
    "parse_rule",
    "public_holidays",
]
