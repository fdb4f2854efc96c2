"""The pure sync planner (:mod:`opiskeluhuolto.sync.planner`), as laws.

An in-memory calendar (href → event) is the model server: :func:`apply`
carries a plan out on it the way the CalDAV adapter does on a real one, and
refuses what the planner must never ask (overwriting an object by a create,
deleting or updating a foreign event).  The laws: after applying, the calendar
holds exactly the wanted events (one each) plus every foreign event as it
was; planning again gives an empty plan; a run stopped after any number of
operations and then run again ends where one full run does.
"""

from __future__ import annotations

import doctest

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opiskeluhuolto.sync import (
    UID_SUFFIX,
    Create,
    Delete,
    Operation,
    Plan,
    RemoteEvent,
    Update,
    WantedEvent,
    object_name,
    plan,
)
from opiskeluhuolto.sync import planner as plan_module

CALENDAR = "/koti/ohr/"
State = dict[str, RemoteEvent]


def apply(operations: tuple[Operation, ...], state: State, wanted: dict[str, WantedEvent]) -> State:
    """The model server: each operation replaces, adds or removes one whole event."""
    result = dict(state)
    for operation in operations:
        if isinstance(operation, Create):
            href = CALENDAR + operation.name
            assert href not in result, f"a create would overwrite {href}"
            result[href] = RemoteEvent(href, operation.uid, wanted[operation.uid].content, 0, True)
        elif isinstance(operation, Update):
            old = result[operation.href]
            assert old.is_ours and old.uid == operation.uid
            assert operation.sequence == old.sequence + 1
            result[operation.href] = attrs.evolve(
                old, content=wanted[operation.uid].content, sequence=operation.sequence
            )
        else:
            assert isinstance(operation, Delete)
            assert result[operation.href].is_ours
            del result[operation.href]
    return result


def run_plan(wanted: list[WantedEvent], state: State) -> tuple[Plan, State]:
    found = plan(wanted, state.values())
    return found, apply(found.operations, state, {w.uid: w for w in wanted})


# Few UIDs, names and contents, so that shared UIDs, copies, taken names and
# equal contents are common.
_STEMS = st.sampled_from(["a", "b", "c", "kysely.2026", "kysely.2026.tulokset"])
_UIDS = st.builds(lambda stem, suffix: stem + suffix, _STEMS, st.sampled_from([UID_SUFFIX, "@x"]))
_CONTENT = st.integers(0, 2)


@st.composite
def wanted_events(draw: st.DrawFn) -> list[WantedEvent]:
    uids = draw(st.lists(_STEMS, unique=True, max_size=5))
    return [WantedEvent(uid + UID_SUFFIX, draw(_CONTENT)) for uid in uids]


@st.composite
def server_states(draw: st.DrawFn) -> State:
    state: State = {}
    for _ in range(draw(st.integers(0, 8))):
        uid = draw(st.none() | _UIDS)
        # the name a create would pick (a clash), a copy's name, or any other
        name = draw(
            st.sampled_from(
                [
                    object_name(uid or "x"),
                    object_name(uid or "x", {object_name(uid or "x")}),
                    "oma.ics",
                ]
            )
        )
        href = CALENDAR + name
        if href in state:
            continue
        state[href] = RemoteEvent(
            href, uid, draw(_CONTENT), draw(st.integers(0, 5)), ours=draw(st.booleans())
        )
    return state


def _ours(state: State) -> dict[str, list[RemoteEvent]]:
    found: dict[str, list[RemoteEvent]] = {}
    for event in state.values():
        if event.is_ours:
            assert event.uid is not None
            found.setdefault(event.uid, []).append(event)
    return found


def _foreign(state: State) -> State:
    return {href: event for href, event in state.items() if not event.is_ours}


@given(wanted_events(), server_states())
def test_applying_the_plan_gives_the_wanted_events_and_the_foreign_ones(
    wanted: list[WantedEvent], state: State
) -> None:
    found, after = run_plan(wanted, state)
    foreign_uids = {e.uid for e in _foreign(state).values()}
    held_by_ours = {e.uid for e in state.values() if e.is_ours}
    # A wanted UID that only a foreign event holds is a conflict, left alone.
    assert set(found.conflicts) == {
        w.uid for w in wanted if w.uid in foreign_uids and w.uid not in held_by_ours
    }
    expected = {w.uid: w.content for w in wanted if w.uid not in found.conflicts}
    ours = _ours(after)
    assert {uid: [e.content for e in events] for uid, events in ours.items()} == {
        uid: [content] for uid, content in expected.items()
    }
    assert _foreign(after) == _foreign(state)


@given(wanted_events(), server_states())
def test_planning_again_after_applying_gives_an_empty_plan(
    wanted: list[WantedEvent], state: State
) -> None:
    first, after = run_plan(wanted, state)
    again = plan(wanted, after.values())
    assert again.empty
    assert again.unchanged == len(wanted) - len(first.conflicts)
    assert again.conflicts == first.conflicts


@given(wanted_events(), server_states())
def test_foreign_events_are_never_in_the_plan(wanted: list[WantedEvent], state: State) -> None:
    found = plan(wanted, state.values())
    foreign = _foreign(state)
    for operation in found.operations:
        if isinstance(operation, Create):
            assert CALENDAR + operation.name not in state
        else:
            assert operation.href not in foreign
    # Counts add up: every wanted event is created, updated, unchanged or a conflict.
    assert len(found.creates) + len(found.updates) + found.unchanged + len(found.conflicts) == len(
        wanted
    )


@given(wanted_events(), server_states())
def test_sequence_rises_by_one_exactly_on_changed_events(
    wanted: list[WantedEvent], state: State
) -> None:
    found, after = run_plan(wanted, state)
    before = {uid: events[0] for uid, events in _ours(state).items()}
    for uid, (event,) in _ours(after).items():
        old = before.get(uid)
        if old is None:
            assert event.sequence == 0  # created
        elif old.content == event.content:
            assert event.sequence == old.sequence
        else:
            assert event.sequence == old.sequence + 1
    assert {u.uid for u in found.updates} == {
        w.uid for w in wanted if w.uid in before and before[w.uid].content != w.content
    }


@given(wanted_events(), server_states(), st.integers(0, 20))
def test_a_run_stopped_after_k_operations_then_a_full_run_is_one_full_run(
    wanted: list[WantedEvent], state: State, k: int
) -> None:
    found, full = run_plan(wanted, state)
    by_uid = {w.uid: w for w in wanted}
    stopped = apply(found.operations[:k], state, by_uid)
    # every event is the old or the new version of a whole event
    for href, event in stopped.items():
        assert event == state.get(href) or event == full.get(href)
    _again, completed = run_plan(wanted, stopped)
    assert completed == full


def test_a_second_copy_of_ours_is_deleted_and_the_first_kept() -> None:
    uid = "sedu.kysely.2026" + UID_SUFFIX
    state = {
        CALENDAR + "b.ics": RemoteEvent(CALENDAR + "b.ics", uid, 1, 4, ours=True),
        CALENDAR + "a.ics": RemoteEvent(CALENDAR + "a.ics", uid, 0, 2, ours=True),
    }
    found = plan([WantedEvent(uid, 1)], state.values())
    assert found.updates == (Update(uid, CALENDAR + "a.ics", 3),)
    assert found.deletes == (Delete(uid, CALENDAR + "b.ics"),)
    assert found.creates == ()


def test_an_event_without_the_marker_or_the_suffix_is_foreign() -> None:
    unmarked = RemoteEvent(CALENDAR + "x.ics", "x" + UID_SUFFIX, 0, ours=False)
    other_uid = RemoteEvent(CALENDAR + "y.ics", "y@example.org", 0, ours=True)
    unreadable = RemoteEvent(CALENDAR + "z.ics", None, (), ours=True)
    assert not (unmarked.is_ours or other_uid.is_ours or unreadable.is_ours)
    found = plan([WantedEvent("x" + UID_SUFFIX, 1)], [unmarked, other_uid, unreadable])
    assert found.empty and found.conflicts == ("x" + UID_SUFFIX,)


def test_two_wanted_events_with_one_uid_are_refused() -> None:
    with pytest.raises(ValueError, match="two wanted events"):
        plan([WantedEvent("a", 0), WantedEvent("a", 1)], [])


def test_object_names_are_url_safe_and_never_taken() -> None:
    assert object_name("sedu.ohr.20260908.kokous@opiskeluhuolto") == (
        "sedu.ohr.20260908.kokous-opiskeluhuolto.ics"
    )
    assert object_name("../../etc/passwd") == "etc-passwd.ics"
    assert object_name("@@@") == "tapahtuma.ics"
    taken = {"a-opiskeluhuolto.ics", "a-opiskeluhuolto-2.ics"}
    assert object_name("a@opiskeluhuolto", taken) == "a-opiskeluhuolto-3.ics"
    assert len(object_name("x" * 1000)) <= 204


def test_a_remote_event_s_name_is_its_href_s_last_segment() -> None:
    event = RemoteEvent("http://h/koti/ohr/a%40opiskeluhuolto.ics", "a", 0)
    assert event.name == "a@opiskeluhuolto.ics"


def test_docstring_examples() -> None:
    result = doctest.testmod(plan_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
