"""opiskeluhuolto: Sedu's student-welfare annual calendars as data and code.

The top level re-exports the public API.  The recurrence core and the phrase
parser are imported at once; the organisation model, the loader and the
plugin marker ``hookimpl`` are imported on first use, so ``import
opiskeluhuolto`` stays lean and never imports pluggy or an exporter dependency
(icalendar, …).
"""

from __future__ import annotations

import importlib
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

__version__ = "0.1.0"

# name → module that defines it, imported on first access (PEP 562)
_LAZY = {
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
    "MonthWindow",
    "Occurrence",
    "Organisation",
    "Override",
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
    "load",
    "load_default",
    "loads",
    "parse_rule",
]
