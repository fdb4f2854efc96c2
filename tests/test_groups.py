"""The group hierarchy: a forest with lookups, highlight flows and calendar inheritance."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto.calendar import Calendar, Item, Organisation
from opiskeluhuolto.groups import Group, GroupKind, Hierarchy, HierarchyError, find_cycle
from opiskeluhuolto.recurrence import Rule, WeekWindow


@st.composite
def forests(draw: st.DrawFn, max_groups: int = 12) -> Hierarchy:
    """A random forest: each group's parent is an earlier group or none."""
    count = draw(st.integers(1, max_groups))
    groups: list[Group] = []
    for index in range(count):
        parent = draw(st.one_of(st.none(), st.integers(0, index - 1))) if index else None
        groups.append(
            Group(f"g{index}", f"Ryhmä {index}", parent=None if parent is None else f"g{parent}")
        )
    order = draw(st.permutations(groups))  # the file order need not be topological
    return Hierarchy(order)


@given(forests())
def test_path_runs_from_a_root_to_the_group(hierarchy: Hierarchy) -> None:
    for group in hierarchy:
        path = hierarchy.path(group.id)
        assert path[-1] == group
        assert path[0].parent is None
        for upper, lower in itertools.pairwise(path):
            assert lower.parent == upper.id
        assert tuple(reversed(path[:-1])) == hierarchy.ancestors(group.id)


@given(forests())
def test_descendants_are_exactly_those_with_the_group_as_ancestor(hierarchy: Hierarchy) -> None:
    for group in hierarchy:
        below = {g.id for g in hierarchy.descendants(group.id)}
        expected = {
            g.id for g in hierarchy if group.id in {a.id for a in hierarchy.ancestors(g.id)}
        }
        assert below == expected
        assert len(below) == len(hierarchy.descendants(group.id))  # no duplicates
        for other in hierarchy:
            assert hierarchy.is_within(other.id, group.id) == (
                other.id == group.id or other.id in below
            )


@given(forests())
def test_every_group_is_under_exactly_one_root(hierarchy: Hierarchy) -> None:
    roots = hierarchy.roots()
    covered = [g.id for root in roots for g in (root, *hierarchy.descendants(root.id))]
    assert sorted(covered) == sorted(hierarchy.ids)


@given(forests(), st.data())
def test_a_cycle_can_never_be_built(hierarchy: Hierarchy, data: st.DataObject) -> None:
    # Re-parent a group under one of its own descendants (or itself): refused.
    group = data.draw(st.sampled_from(hierarchy.groups))
    below = [group, *hierarchy.descendants(group.id)]
    new_parent = data.draw(st.sampled_from(below))
    changed = [
        Group(g.id, g.name, parent=new_parent.id) if g.id == group.id else g for g in hierarchy
    ]
    with pytest.raises(HierarchyError, match="cycle"):
        Hierarchy(changed)


@given(forests(), st.data())
def test_calendars_apply_to_the_owner_and_its_descendants(
    hierarchy: Hierarchy, data: st.DataObject
) -> None:
    owners = data.draw(st.lists(st.sampled_from(hierarchy.ids), min_size=1, max_size=4))
    calendars = [
        Calendar(
            f"c{n}",
            f"Kalenteri {n}",
            owner,
            [Item(f"i{n}", f"Asia {n}", Rule(WeekWindow(40, 40)))],
        )
        for n, owner in enumerate(owners)
    ]
    org = Organisation("o", "Org", hierarchy, calendars)
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    for group in hierarchy:
        applying = {c.id for c in org.calendars_for(group.id)}
        assert applying == {c.id for c in calendars if hierarchy.is_within(group.id, c.owner)}
        seen = {occ.calendar.id for occ in org.occurrences(*year, group=group.id)}
        assert seen == applying
    assert {occ.calendar.id for occ in org.occurrences(*year)} == {c.id for c in calendars}


def test_unknown_parent_and_duplicate_id_are_refused() -> None:
    with pytest.raises(HierarchyError, match="unknown parent 'x'"):
        Hierarchy([Group("a", "A", parent="x")])
    with pytest.raises(HierarchyError, match="duplicate group id 'a'"):
        Hierarchy([Group("a", "A"), Group("a", "B")])
    with pytest.raises(HierarchyError, match="unknown highlights_to 'x'"):
        Hierarchy([Group("a", "A", highlights_to=["x"])])


def test_find_cycle_names_the_cycle() -> None:
    assert find_cycle({"a": "b", "b": "c", "c": "a", "d": None}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": None, "b": "a"}) == []
    assert find_cycle({"a": "a"}) == ["a", "a"]


def test_highlight_flows() -> None:
    hierarchy = Hierarchy(
        [
            Group("ohr", "Sedun ohr", GroupKind.ORGANISATION, highlights_to=["kampus"]),
            Group("kampus", "Kampus", GroupKind.CAMPUS, parent="ohr"),
            Group("foorumi", "Foorumi", GroupKind.STUDENT_BODY, highlights_to=["kampus"]),
        ]
    )
    assert [g.id for g in hierarchy.highlights_into("kampus")] == ["ohr", "foorumi"]
    assert hierarchy.highlights_into("ohr") == ()


def test_unknown_group_lookup_names_the_known_ones() -> None:
    hierarchy = Hierarchy([Group("a", "A"), Group("b", "B")])
    with pytest.raises(KeyError, match="known groups: a, b"):
        hierarchy.get("c")


def test_groups_are_values() -> None:
    one = Group("a", "A", meetings=[dt.date(2026, 9, 8), dt.date(2026, 8, 1)])
    two = Group("a", "A", meetings=(dt.date(2026, 8, 1), dt.date(2026, 9, 8)))
    assert one == two and hash(one) == hash(two)
    assert one.meetings == (dt.date(2026, 8, 1), dt.date(2026, 9, 8))
    assert Hierarchy([one]) == Hierarchy([two])
