"""The hierarchy of welfare groups, their highlight flows and the audiences.

Pure and frozen: a :class:`Hierarchy` is built from :class:`Group` values and
refuses duplicate ids, dangling parents or highlight targets, and cycles, so a
hierarchy that exists is always a forest.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator

import attrs

from opiskeluhuolto.fmt import pick
from opiskeluhuolto.recurrence import Rule
from opiskeluhuolto.school import MeetingPlan

__all__ = [
    "Audience",
    "Group",
    "GroupKind",
    "Hierarchy",
    "HierarchyError",
]


class GroupKind(enum.Enum):
    """What kind of body a group is."""

    REGIONAL = "regional"
    STEERING = "steering"
    ORGANISATION = "organisation"
    CAMPUS = "campus"
    UNIT = "unit"
    STUDENT_BODY = "student-body"
    SAFETY = "safety"
    DEVELOPMENT = "development"
    OTHER = "other"


class Audience(enum.Enum):
    """Who must hear about an item (decides e.g. which items get Wilma drafts)."""

    HUOLTAJAT = "huoltajat"  # guardians
    OPISKELIJAT = "opiskelijat"  # students
    HENKILOSTO = "henkilosto"  # staff
    OHR = "ohr"  # welfare group members

    @property
    def label_fi(self) -> str:
        return _AUDIENCE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _AUDIENCE_LABELS[self][1]

    def label(self, lang: str = "fi") -> str:
        """Who, as a word: ``huoltajat``, ``guardians``, ``vårdnadshavare``."""
        return pick(lang, *_AUDIENCE_LABELS[self])


_AUDIENCE_LABELS: dict[Audience, tuple[str, str, str]] = {
    Audience.HUOLTAJAT: ("huoltajat", "guardians", "vårdnadshavare"),
    Audience.OPISKELIJAT: ("opiskelijat", "students", "studerande"),
    Audience.HENKILOSTO: ("henkilöstö", "staff", "personal"),
    Audience.OHR: ("opiskeluhuoltoryhmä", "welfare group", "studerandevårdsgrupp"),
}


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tuple_of_dates(value: Iterable[_dt.date]) -> tuple[_dt.date, ...]:
    return tuple(sorted(value))


@attrs.frozen
class Group:
    """A welfare group (or any body that owns calendars or carries highlights).

    ``parent`` is the id of the group above it; ``highlights_to`` the ids of
    groups whose meetings hear this group's highlights ("nostot");
    ``roles`` the member roles (no personal data); ``meetings`` the dates of
    its meetings, when known; ``meeting_rule`` a rule for them ("joka
    kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"),
    adjusted by ``extra_meetings`` and ``cancelled_meetings``;
    ``feed_tokens`` the secret tokens that open the group's feed on a feed
    server (``/g/TOKEN/vuosikello.ics``), never shown in outputs.
    """

    id: str
    name: str
    kind: GroupKind = GroupKind.OTHER
    parent: str | None = None
    highlights_to: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    roles: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    meetings: tuple[_dt.date, ...] = attrs.field(default=(), converter=_tuple_of_dates)
    meeting_rule: Rule | None = None
    extra_meetings: tuple[_dt.date, ...] = attrs.field(default=(), converter=_tuple_of_dates)
    cancelled_meetings: tuple[_dt.date, ...] = attrs.field(default=(), converter=_tuple_of_dates)
    feed_tokens: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, repr=False)

    @property
    def meeting_plan(self) -> MeetingPlan:
        """When the group meets, as the school calendar evaluates it."""
        return MeetingPlan(
            self.meeting_rule, self.meetings, self.extra_meetings, self.cancelled_meetings
        )


class HierarchyError(ValueError):
    """The groups do not form a forest (duplicate id, dangling reference, cycle)."""


def _tuple_of_groups(value: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(value)


@attrs.frozen
class Hierarchy:
    """Groups in a forest, with lookups by id.

    Groups keep the order they were given in; :meth:`children` and
    :meth:`descendants` follow it.
    """

    groups: tuple[Group, ...] = attrs.field(converter=_tuple_of_groups)
    _by_id: dict[str, Group] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _children: dict[str | None, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    # Target id → the groups whose highlights_to names it, in group order.
    _heard: dict[str, tuple[Group, ...]] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Group] = {}
        for group in self.groups:
            if group.id in by_id:
                raise HierarchyError(f"duplicate group id {group.id!r}")
            by_id[group.id] = group
        for group in self.groups:
            if group.parent is not None and group.parent not in by_id:
                raise HierarchyError(f"group {group.id!r}: unknown parent {group.parent!r}")
            for target in group.highlights_to:
                if target not in by_id:
                    raise HierarchyError(f"group {group.id!r}: unknown highlights_to {target!r}")
        cycle = find_cycle({g.id: g.parent for g in self.groups})
        if cycle:
            raise HierarchyError("cycle in the hierarchy: " + " → ".join(cycle))
        children: dict[str | None, list[str]] = {}
        for group in self.groups:
            children.setdefault(group.parent, []).append(group.id)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        heard: dict[str, dict[str, Group]] = {}
        for group in self.groups:
            for target in group.highlights_to:
                heard.setdefault(target, {})[group.id] = group  # a target named twice: once
        object.__setattr__(self, "_heard", {k: tuple(v.values()) for k, v in heard.items()})

    def __contains__(self, group_id: object) -> bool:
        return group_id in self._by_id

    def __iter__(self) -> Iterator[Group]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    def get(self, group_id: str) -> Group:
        """The group with ``group_id`` (KeyError naming the known ids otherwise)."""
        try:
            return self._by_id[group_id]
        except KeyError:
            raise KeyError(
                f"unknown group {group_id!r}; known groups: {', '.join(self.ids)}"
            ) from None

    def roots(self) -> tuple[Group, ...]:
        return tuple(self._by_id[i] for i in self._children.get(None, ()))

    def children(self, group_id: str) -> tuple[Group, ...]:
        self.get(group_id)
        return tuple(self._by_id[i] for i in self._children.get(group_id, ()))

    def ancestors(self, group_id: str) -> tuple[Group, ...]:
        """The groups above ``group_id``, nearest first."""
        found: list[Group] = []
        parent = self.get(group_id).parent
        while parent is not None:
            group = self._by_id[parent]
            found.append(group)
            parent = group.parent
        return tuple(found)

    def path(self, group_id: str) -> tuple[Group, ...]:
        """From the root down to ``group_id`` itself."""
        return (*reversed(self.ancestors(group_id)), self.get(group_id))

    def descendants(self, group_id: str) -> tuple[Group, ...]:
        """Every group below ``group_id``, depth first in the given order."""
        self.get(group_id)
        found: list[Group] = []
        stack = list(reversed(self._children.get(group_id, ())))
        while stack:
            current = stack.pop()
            found.append(self._by_id[current])
            stack.extend(reversed(self._children.get(current, ())))
        return tuple(found)

    def is_within(self, group_id: str, ancestor_id: str) -> bool:
        """Whether ``group_id`` is ``ancestor_id`` or lies below it."""
        return group_id == ancestor_id or any(g.id == ancestor_id for g in self.ancestors(group_id))

    def highlights_into(self, group_id: str) -> tuple[Group, ...]:
        """The groups whose highlights go to ``group_id``'s meetings."""
        self.get(group_id)
        return self._heard.get(group_id, ())


def find_cycle(parents: dict[str, str | None]) -> list[str]:
    """A cycle in a parent map as a list of ids (first repeated last), or []."""
    done: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current not in done:
            if current in seen:
                return [*seen[seen.index(current) :], current]
            seen.append(current)
            current = parents.get(current)
        done.update(seen)
    return []
