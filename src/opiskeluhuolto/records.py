"""Follow-through: what became of each occurrence (toiminnan seuranta).

A :class:`Record` says what became of one occurrence of the plan, named by its
:attr:`CalendarOccurrence.id <opiskeluhuolto.calendar.CalendarOccurrence.id>`
(``sedu.huoltajakysely.2026``): done (on a day, with an optional note and a
link to the memo), moved (to a day or a span) or cancelled (the note says
why).  A record may name a ``group``: then it is that group's record of the
occurrence (the campus that reviewed its bullying-survey results), and it
holds for the group and the groups below it; the nearest record wins, as
overrides do, and a record without a group holds for everyone.

:class:`Records` are one school year's records (one ``seuranta-2026.toml``);
:meth:`Records.apply` lays them over occurrences: each comes back as a
:class:`TrackedOccurrence`, a moved one at its new dates.  A record changes
only its own occurrence, never another (a survey moved keeps its results
where they were planned).

Everything here is pure and frozen; :mod:`opiskeluhuolto.records_loading`
reads and checks the files.

>>> import datetime as dt
>>> from opiskeluhuolto.recurrence import SchoolYear
>>> moved = Record("sedu.kysely.2026", RecordStatus.MOVED, to=(dt.date(2026, 11, 9),) * 2)
>>> records = Records(SchoolYear(2026), [moved])
>>> records.find("sedu.kysely.2026", ("sedu-ohr", "ohr-lapua")) is moved
True
>>> RecordStatus.MOVED.label(), RecordStatus.MOVED.label("en")
('siirretty', 'moved')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator, Sequence

import attrs

from opiskeluhuolto.calendar import CalendarOccurrence, Organisation
from opiskeluhuolto.fmt import pick
from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "Outcome",
    "Record",
    "RecordStatus",
    "Records",
    "TrackedOccurrence",
    "group_path",
    "records_file_name",
    "track",
]


class RecordStatus(enum.Enum):
    """What became of an occurrence."""

    DONE = "done"  # tehty
    MOVED = "moved"  # siirretty
    CANCELLED = "cancelled"  # peruttu

    def label(self, lang: str = "fi") -> str:
        """The status as a word: ``tehty``, ``moved``."""
        return self.outcome.label(lang)

    @property
    def outcome(self) -> Outcome:
        """The status as an outcome of the year's evaluation."""
        return Outcome(self.value)


class Outcome(enum.Enum):
    """An occurrence's outcome in an evaluation: its record's status, or why it has none."""

    DONE = "done"
    MOVED = "moved"
    CANCELLED = "cancelled"
    UNRECORDED = "unrecorded"  # ended with no record (kirjaamatta)
    UPCOMING = "upcoming"  # not ended yet, no record (tulossa)

    def label(self, lang: str = "fi") -> str:
        """The outcome as a word: ``kirjaamatta``, ``upcoming``.

        >>> Outcome.UNRECORDED.label(), Outcome.UPCOMING.label("en")
        ('kirjaamatta', 'upcoming')
        """
        return pick(lang, *_OUTCOME_LABELS[self])


_OUTCOME_LABELS: dict[Outcome, tuple[str, str, str]] = {
    Outcome.DONE: ("tehty", "done", "gjort"),
    Outcome.MOVED: ("siirretty", "moved", "flyttat"),
    Outcome.CANCELLED: ("peruttu", "cancelled", "inställt"),
    Outcome.UNRECORDED: ("kirjaamatta", "not recorded", "inte antecknat"),
    Outcome.UPCOMING: ("tulossa", "upcoming", "kommande"),
}
"""The one label table of outcomes and record statuses."""


def records_file_name(school_year: SchoolYear) -> str:
    """The default records file of a school year: ``seuranta-2026.toml``.

    >>> records_file_name(SchoolYear(2026))
    'seuranta-2026.toml'
    """
    return f"seuranta-{school_year.first_year}.toml"


def _span(value: tuple[_dt.date, _dt.date] | None) -> tuple[_dt.date, _dt.date] | None:
    if value is None:
        return None
    first, last = value
    if last < first:
        raise ValueError(f"a move's last day {last} is before its first {first}")
    return first, last


@attrs.frozen
class Record:
    """What became of one occurrence (for ``group`` and below it, or for everyone).

    ``date`` is the day a done one was done; ``to`` the days a moved one
    moved to (first, last); a done record may keep the ``to`` of its move
    (it was moved, then done).  ``note`` is free text (a cancelled one's
    reason), ``link`` a link to the memo.
    """

    occurrence: str
    status: RecordStatus
    group: str | None = None
    date: _dt.date | None = None
    to: tuple[_dt.date, _dt.date] | None = attrs.field(default=None, converter=_span)
    note: str | None = None
    link: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is RecordStatus.MOVED and self.to is None:
            raise ValueError(f"{self.occurrence}: a moved record needs the days it moved to")
        if self.status is RecordStatus.CANCELLED and self.to is not None:
            raise ValueError(f"{self.occurrence}: a cancelled record moves nowhere")
        if self.status is not RecordStatus.DONE and self.date is not None:
            raise ValueError(f"{self.occurrence}: only a done record has a date")

    @property
    def key(self) -> tuple[str, str | None]:
        """What a file may hold once: the occurrence and the group."""
        return self.occurrence, self.group

    @property
    def moved(self) -> bool:
        """Whether the occurrence is at other days than planned."""
        return self.to is not None


def _tuple_of_records(value: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(value)


@attrs.frozen
class Records:
    """One school year's records, at most one per occurrence and group."""

    school_year: SchoolYear
    records: tuple[Record, ...] = attrs.field(default=(), converter=_tuple_of_records)
    _index: dict[tuple[str, str | None], Record] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[str, str | None], Record] = {}
        for record in self.records:
            if record.key in index:
                raise ValueError(f"two records for {record.occurrence} ({record.group or '–'})")
            index[record.key] = record
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def get(self, occurrence: str, group: str | None = None) -> Record | None:
        """The record of exactly this occurrence and group (None: the group-less one)."""
        return self._index.get((occurrence, group))

    def find(self, occurrence: str, path: Sequence[str] = ()) -> Record | None:
        """The record that holds for an occurrence seen from a group.

        ``path`` is the group's path, root first (:func:`group_path`); the
        nearest group's record wins, then the group-less one.
        """
        if self._index:
            for group in reversed(path):
                found = self._index.get((occurrence, group))
                if found is not None:
                    return found
            return self._index.get((occurrence, None))
        return None

    def with_record(self, record: Record) -> Records:
        """These records with ``record`` added, or in the place of the one it replaces."""
        if record.key in self._index:
            kept = tuple(record if r.key == record.key else r for r in self.records)
        else:
            kept = (*self.records, record)
        return Records(self.school_year, kept)

    def apply(
        self, occurrences: Iterable[CalendarOccurrence], path: Sequence[str] = ()
    ) -> list[TrackedOccurrence]:
        """Each occurrence with its record (seen from ``path``), moved ones at their new days.

        Sorted by the days they are at now (a stable sort: occurrences at
        the same days keep their order).
        """
        tracked = [TrackedOccurrence.of(occ, self.find(occ.id, path)) for occ in occurrences]
        tracked.sort(key=lambda t: (t.start, t.end))
        return tracked


@attrs.frozen
class TrackedOccurrence:
    """An occurrence of the plan and its record: ``occurrence`` is at its days now.

    ``planned`` is the occurrence as the plan has it; ``occurrence`` is the
    same occurrence at the days it moved to (the same id, time of day and
    follow-up), or ``planned`` itself when it did not move.
    """

    planned: CalendarOccurrence
    occurrence: CalendarOccurrence
    record: Record | None = None

    @classmethod
    def of(cls, planned: CalendarOccurrence, record: Record | None) -> TrackedOccurrence:
        if record is None or record.to is None:
            return cls(planned, planned, record)
        first, last = record.to
        moved = attrs.evolve(planned.occurrence, start=first, end=last, moved_from=None)
        return cls(planned, attrs.evolve(planned, occurrence=moved), record)

    @property
    def id(self) -> str:
        return self.planned.id

    @property
    def start(self) -> _dt.date:
        return self.occurrence.start

    @property
    def end(self) -> _dt.date:
        return self.occurrence.end

    @property
    def status(self) -> RecordStatus | None:
        return None if self.record is None else self.record.status

    @property
    def moved(self) -> bool:
        """Whether it is at other days than planned (moved, or done after a move)."""
        return self.record is not None and self.record.moved

    @property
    def cancelled(self) -> bool:
        return self.status is RecordStatus.CANCELLED

    def outcome(self, today: _dt.date) -> Outcome:
        """The record's status, else unrecorded (ended before ``today``) or upcoming."""
        if self.record is not None:
            return self.record.status.outcome
        return Outcome.UNRECORDED if self.end < today else Outcome.UPCOMING


def group_path(organisation: Organisation, group: str | None) -> tuple[str, ...]:
    """A group's path root first (``()`` for the whole organisation), for :meth:`Records.find`."""
    if group is None:
        return ()
    return tuple(g.id for g in organisation.hierarchy.path(group))


def track(
    organisation: Organisation,
    records: Records,
    start: _dt.date,
    end: _dt.date,
    group: str | None = None,
) -> list[TrackedOccurrence]:
    """The occurrences at their days now that meet ``[start, end]``, with their records.

    An occurrence the records moved into the range is found even when its
    planned days are outside it (the records' school year is looked at as a
    whole), and one moved out of the range is left out.
    """
    if records:
        year = records.school_year
        planned = organisation.occurrences(min(start, year.start), max(end, year.end), group)
    else:
        planned = organisation.occurrences(start, end, group)
    tracked = records.apply(planned, group_path(organisation, group))
    return [t for t in tracked if t.start <= end and start <= t.end]
