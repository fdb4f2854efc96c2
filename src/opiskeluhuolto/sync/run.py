"""One sync run: for each group, the wanted events, the server's, the plan; then the work.

:func:`prepare` reads: it renders each group's feed, finds (or, unless a dry
run, creates) each group's calendar, reads its events and plans.  On a full
run (every group) it also reads the home's other calendars – those of groups
that have left the data (removed, or their id changed) – and plans to delete
the events of ours they hold, so the server then holds exactly the library's
events; foreign events, and the calendars themselves, are left.
:func:`carry_out` writes: it runs the operations one whole event at a time,
updates first, then creates, then deletes, calling ``progress`` after each.
A run stopped anywhere leaves each event either old or new, and the next
run plans from what the server then holds, so it completes the work.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import Lang
from opiskeluhuolto.sync.planner import Create, Delete, Plan, Update, plan

if TYPE_CHECKING:
    from opiskeluhuolto.plugins import RegisteredExporter
    from opiskeluhuolto.sync.caldav_server import CalDavServer, GroupCalendar
    from opiskeluhuolto.sync.events import FeedEvent

__all__ = ["Counts", "GroupSync", "carry_out", "counts", "prepare", "removed_groups"]

Progress = Callable[[int, int], None]
"""Called after each operation with ``(done, total)``."""


@attrs.frozen(eq=False)
class GroupSync:
    """One group's calendar: where it is, whether it is new, the plan and the events to PUT.

    ``removed``: the calendar of a group no longer in the data (``group`` is
    then the calendar's name in the home); its plan only deletes.
    """

    group: str
    name: str
    url: str
    new_calendar: bool
    plan: Plan
    calendar: GroupCalendar | None
    events: dict[str, FeedEvent]
    removed: bool = False


@attrs.frozen
class Counts:
    """What a run did (or, dry, would do) to events."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: int = 0
    new_calendars: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )

    @property
    def changes(self) -> int:
        return self.created + self.updated + self.deleted


def counts(sync: GroupSync) -> Counts:
    found = sync.plan
    return Counts(
        len(found.creates),
        len(found.updates),
        len(found.deletes),
        found.unchanged,
        len(found.conflicts),
        int(sync.new_calendar),
    )


def prepare(
    server: CalDavServer,
    organisation: Organisation,
    start: _dt.date,
    end: _dt.date,
    *,
    exporter: RegisteredExporter,
    groups: Sequence[str] | None = None,
    lang: Lang = "fi",
    today: _dt.date | None = None,
    dry_run: bool = False,
) -> list[GroupSync]:
    """Plan every group's calendar (all of them, or ``groups``), in the hierarchy's order.

    A real run makes the missing calendars here; a dry run changes nothing.
    Without ``groups`` the calendars of removed groups follow (see
    :func:`removed_groups`).
    """
    from opiskeluhuolto.sync.events import feed_events, group_feed

    chosen = [g for g in organisation.groups if groups is None or g.id in groups]
    found: list[GroupSync] = []
    for group in chosen:
        feed = group_feed(exporter, organisation, group.id, start, end, lang=lang, today=today)
        events = {event.uid: event for event in feed_events(feed, organisation.id)}
        calendar = server.calendar(group.id, group.name, create=not dry_run)
        remote = [] if calendar is None else calendar.events(organisation.id)
        found.append(
            GroupSync(
                group.id,
                group.name,
                server.calendar_url(group.id),
                calendar is None or calendar.created,
                plan([event.wanted for event in events.values()], remote),
                calendar,
                events,
            )
        )
    if groups is None:
        known = {group.id for group in organisation.groups}
        found.extend(removed_groups(server, organisation.id, known, dry_run=dry_run))
    return found


def removed_groups(
    server: CalDavServer, organisation_id: str, known: set[str], *, dry_run: bool = False
) -> list[GroupSync]:
    """The home's calendars that are no group's of ``known`` and hold events of ours.

    Each one's plan deletes those events (ours: the UID suffix and this
    organisation's marker) and nothing else: a foreign event stays, and so
    does the calendar, even left empty (it may be shared, subscribed to or
    hold someone's events later; removing it is the server's user's call).
    A calendar without events of ours is not listed.
    """
    found: list[GroupSync] = []
    for name, calendar in server.other_calendars(known):
        stale = plan([], calendar.events(organisation_id))
        if stale.empty:
            continue
        found.append(
            GroupSync(
                name,
                name,
                calendar.url,
                False,
                stale,
                None if dry_run else calendar,
                {},
                removed=True,
            )
        )
    return found


def carry_out(
    syncs: Sequence[GroupSync],
    *,
    modified: _dt.datetime,
    progress: Progress | None = None,
) -> int:
    """Run every plan's operations; returns how many were done.

    ``modified`` is the ``LAST-MODIFIED`` of the events written.  An exception
    (an interruption, a dropped connection) stops the run between two whole
    events; ``progress`` has then been told how many were done.
    """
    total = sum(len(sync.plan.operations) for sync in syncs)
    done = 0
    for sync in syncs:
        calendar = sync.calendar
        if calendar is None:  # a dry run's calendar: nothing is written
            continue
        for operation in sync.plan.operations:
            if isinstance(operation, Update):
                event = sync.events[operation.uid]
                calendar.put(operation.href, event.object(operation.sequence, modified))
            elif isinstance(operation, Create):
                event = sync.events[operation.uid]
                calendar.put(calendar.href(operation.name), event.object(0, modified))
            elif isinstance(operation, Delete):
                calendar.delete(operation.href)
            done += 1
            if progress is not None:
                progress(done, total)
    return done
