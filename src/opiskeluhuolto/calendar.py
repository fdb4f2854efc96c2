"""Calendars, items and the organisation that owns them.

An :class:`Organisation` holds the group :class:`~opiskeluhuolto.groups.Hierarchy`
and the calendars.  A calendar is owned by a group and applies to the owner and
every group below it; a lower group's calendar may add its own items and adapt
inherited ones with :class:`Override` records (the nearest override wins, the
ancestors' view never changes).

Everything here is pure and frozen; :mod:`opiskeluhuolto.loading` builds these
values from TOML files.
"""

from __future__ import annotations

import datetime as _dt
import enum
import zoneinfo
from collections.abc import Iterable, Iterator

import attrs

from opiskeluhuolto.fmt import pick
from opiskeluhuolto.groups import Audience, Group, Hierarchy
from opiskeluhuolto.recurrence import Cadence, FollowUp, Occurrence, Rule, TimeOfDay
from opiskeluhuolto.school import Break, Meeting, SchoolCalendar, Term

__all__ = [
    "LANGUAGES",
    "LANGUAGE_WORDS",
    "MAX_LEAD_DAYS",
    "TRANSLATED_FIELDS",
    "Calendar",
    "CalendarOccurrence",
    "Item",
    "ItemKind",
    "MessageTemplate",
    "Organisation",
    "Origin",
    "Override",
    "ResolvedItem",
    "Undated",
    "UndatedSection",
    "calendar_letter",
]


class ItemKind(enum.Enum):
    """What an item is; exporters choose defaults (lead times, wording) by kind."""

    SURVEY = "survey"  # kysely
    EVENT = "event"  # tapahtuma, juhla
    REVIEW = "review"  # katsaus, tilannekatsaus
    DRILL = "drill"  # harjoitus, turvallisuuskävely
    INFO = "info"  # tiedote, uutiskirje
    MEETING = "meeting"  # kokousasia
    CAMPAIGN = "campaign"  # teemaviikko, tempaus
    PROJECT = "project"  # hanke
    OTHER = "other"

    def label(self, lang: str = "fi") -> str:
        """The kind as a word for people: ``kysely``, ``survey``, ``enkät``.

        >>> ItemKind.DRILL.label(), ItemKind.DRILL.label("en"), ItemKind.DRILL.label("sv")
        ('harjoitus', 'drill', 'övning')
        """
        return pick(lang, *_KIND_LABELS[self])


_KIND_LABELS: dict[ItemKind, tuple[str, str, str]] = {
    ItemKind.SURVEY: ("kysely", "survey", "enkät"),
    ItemKind.EVENT: ("tapahtuma", "event", "evenemang"),
    ItemKind.REVIEW: ("katsaus", "review", "översikt"),
    ItemKind.DRILL: ("harjoitus", "drill", "övning"),
    ItemKind.INFO: ("tiedote", "information", "meddelande"),
    ItemKind.MEETING: ("kokousasia", "meeting item", "mötesärende"),
    ItemKind.CAMPAIGN: ("kampanja", "campaign", "kampanj"),
    ItemKind.PROJECT: ("hanke", "project", "projekt"),
    ItemKind.OTHER: ("muu", "other", "annat"),
}
"""The one label table of item kinds (every exporter asks :meth:`ItemKind.label`)."""


def _audiences(value: Iterable[Audience]) -> tuple[Audience, ...]:
    unique = set(value)
    return tuple(a for a in Audience if a in unique)


def _tuple_of_ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


LANGUAGES = ("fi", "sv", "en")
"""The languages a data file's texts may be given in (``title = { fi = …, sv = … }``)."""

LANGUAGE_WORDS: dict[str, tuple[str, str, str, str, str, str]] = {
    # Finnish adjective, Finnish "in it", English name, English "in it",
    # Swedish name, Swedish "in it"
    "fi": ("suomenkielinen", "suomeksi", "Finnish", "in Finnish", "finska", "på finska"),
    "sv": ("ruotsinkielinen", "ruotsiksi", "Swedish", "in Swedish", "svenska", "på svenska"),
    "en": ("englanninkielinen", "englanniksi", "English", "in English", "engelska", "på engelska"),
}
"""How messages name each of :data:`LANGUAGES`."""

TRANSLATED_FIELDS = ("title", "notes")
"""The fields of an item that may be given in several languages."""


def _translations(value: Iterable[tuple[str, str, str]]) -> tuple[tuple[str, str, str], ...]:
    found = {(field, lang): text for field, lang, text in value}
    for field, lang in found:
        if field not in TRANSLATED_FIELDS or lang not in LANGUAGES:
            raise ValueError(f"no translated field {field!r} in language {lang!r}")
    return tuple(sorted((field, lang, text) for (field, lang), text in found.items()))


def _audience_templates(
    value: Iterable[tuple[Audience, MessageTemplate]],
) -> tuple[tuple[Audience, MessageTemplate], ...]:
    found = dict(value)
    return tuple((a, found[a]) for a in Audience if a in found)


@attrs.frozen
class MessageTemplate:
    """Per-item message templates (subject and body) for message exporters.

    ``audiences`` gives an audience its own subject or body (the guardians'
    draft "Hyvä huoltaja, …", the students' "Hei, …"); what an audience's
    template leaves out comes from ``subject`` and ``body``, then from the
    exporter's built-in text.

    >>> from opiskeluhuolto.groups import Audience
    >>> guardians = MessageTemplate(body="Hyvä huoltaja")
    >>> m = MessageTemplate("{title}", "Hei", ((Audience.HUOLTAJAT, guardians),))
    >>> m.for_audience(Audience.HUOLTAJAT), m.for_audience(Audience.OPISKELIJAT)
    (MessageTemplate(subject='{title}', body='Hyvä huoltaja', audiences=()), \
MessageTemplate(subject='{title}', body='Hei', audiences=()))
    """

    subject: str | None = None
    body: str | None = None
    audiences: tuple[tuple[Audience, MessageTemplate], ...] = attrs.field(
        default=(), converter=_audience_templates
    )

    def for_audience(self, audience: Audience) -> MessageTemplate:
        """The subject and body for ``audience``: its own, else the common ones."""
        own = dict(self.audiences).get(audience)
        if own is None:
            return MessageTemplate(self.subject, self.body)
        return MessageTemplate(
            own.subject if own.subject is not None else self.subject,
            own.body if own.body is not None else self.body,
        )


def calendar_letter(index: int) -> str:
    """The letter of the calendar at ``index`` in a legend: A–Z, then 27, 28, …

    >>> calendar_letter(0), calendar_letter(25), calendar_letter(26)
    ('A', 'Z', '27')
    """
    return _LETTERS[index] if index < len(_LETTERS) else str(index + 1)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Undated(enum.Enum):
    """The sections of items no date places, in the order outputs list them."""

    EVERY_MEETING = "every_meeting"  # jokaisessa kokouksessa
    AS_NEEDED = "as_needed"  # tarpeen mukaan
    NOT_SCHEDULED = "not_scheduled"  # a rule with no date in the range (ajankohta avoinna)

    def heading(self, lang: str = "fi") -> str:
        """The section's heading: ``Jokaisessa kokouksessa``, ``As needed``.

        >>> Undated.NOT_SCHEDULED.heading(), Undated.AS_NEEDED.heading("en")
        ('Ilman ajankohtaa', 'As needed')
        """
        return pick(lang, *_UNDATED_HEADINGS[self])


_UNDATED_HEADINGS: dict[Undated, tuple[str, str, str]] = {
    Undated.EVERY_MEETING: ("Jokaisessa kokouksessa", "At every meeting", "Vid varje möte"),
    Undated.AS_NEEDED: ("Tarpeen mukaan", "As needed", "Vid behov"),
    Undated.NOT_SCHEDULED: ("Ilman ajankohtaa", "Not scheduled", "Utan tidpunkt"),
}


@attrs.frozen
class UndatedSection:
    """One section of undated items: which section, and its items in calendar order."""

    section: Undated
    items: tuple[ResolvedItem, ...]

    def heading(self, lang: str = "fi") -> str:
        return self.section.heading(lang)


MAX_LEAD_DAYS = 366
"""The earliest a message or a reminder goes out: a year (and a day) before the item."""


@attrs.frozen
class Item:
    """One entry of a calendar: a title and a rule (with its optional follow-up)."""

    id: str
    title: str
    rule: Rule
    audience: tuple[Audience, ...] = attrs.field(default=(), converter=_audiences)
    kind: ItemKind = ItemKind.OTHER
    notes: str | None = None
    lead_days: int | None = None
    message: MessageTemplate | None = None
    also_in: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_ids)
    """The ids of other calendars that show this item too (one event, one item)."""
    source: str | None = None
    """Where the item's schedule comes from (a national survey's publisher, a law)."""
    translations: tuple[tuple[str, str, str], ...] = attrs.field(
        default=(), converter=_translations
    )
    """The title and notes in other languages than the data's own: ``(field, language,
    text)``, e.g. ``("title", "sv", "Vårdnadshavarenkät")``."""

    @property
    def follow_up(self) -> FollowUp | None:
        return self.rule.follow_up

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, or the data's own when it has no translation.

        >>> item = Item("k", "Huoltajakysely", Rule(), translations=[("title", "sv", "Enkät")])
        >>> item.title_in("sv"), item.title_in("fi"), item.title_in("en")
        ('Enkät', 'Huoltajakysely', 'Huoltajakysely')
        """
        return self._text_in("title", lang) or self.title

    def notes_in(self, lang: str) -> str | None:
        """The notes in ``lang``, or the data's own."""
        return self._text_in("notes", lang) or self.notes

    def _text_in(self, field: str, lang: str) -> str | None:
        for name, language, text in self.translations:
            if (name, language) == (field, lang):
                return text
        return None

    @property
    def is_undated(self) -> bool:
        return self.rule.is_undated


_OVERRIDE_FIELDS = (
    "when",
    "results",
    "title",
    "audience",
    "notes",
    "kind",
    "lead_days",
    "message",
    "source",
)
"""The fields of an item an override may change."""


@attrs.frozen
class Override:
    """A lower group's adaptation of an inherited item.

    Fields left as None keep the inherited value.  ``when`` replaces the
    timing (window and years) and keeps the inherited follow-up unless it
    names one itself; ``results`` replaces the follow-up alone.  So a unit
    that moves a survey by a week keeps its results, and a unit that moves
    only the results keeps the (possibly adapted) timing of the groups above
    it.  ``skip`` removes the item for the owner of the override's calendar
    and everyone below it.
    """

    item: str
    when: Rule | None = None
    results: FollowUp | None = None
    title: str | None = None
    audience: tuple[Audience, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_audiences)
    )
    notes: str | None = None
    skip: bool = False
    kind: ItemKind | None = None
    lead_days: int | None = None
    message: MessageTemplate | None = None
    source: str | None = None
    translations: tuple[tuple[str, str, str], ...] = attrs.field(
        default=(), converter=_translations
    )
    """The new title and notes in other languages (as :attr:`Item.translations`)."""

    @property
    def changes_nothing(self) -> bool:
        """Whether the override names its item and nothing else."""
        return not self.skip and all(getattr(self, name) is None for name in _OVERRIDE_FIELDS)

    def _translations_of(self, item: Item) -> tuple[tuple[str, str, str], ...]:
        # A new title (or notes) replaces the old one's translations with its own.
        changed = {f for f in TRANSLATED_FIELDS if getattr(self, f) is not None}
        kept = [t for t in item.translations if t[0] not in changed]
        return (*kept, *self.translations)

    def apply(self, item: Item) -> Item:
        rule = item.rule
        if self.when is not None:
            if self.when.is_undated:
                rule = self.when
            elif self.when.follow_up is None and rule.follow_up is not None:
                rule = attrs.evolve(self.when, follow_up=rule.follow_up)
            else:
                rule = self.when
        if self.results is not None and not rule.is_undated:
            rule = attrs.evolve(rule, follow_up=self.results)
        return attrs.evolve(
            item,
            rule=rule,
            title=item.title if self.title is None else self.title,
            audience=item.audience if self.audience is None else self.audience,
            notes=item.notes if self.notes is None else self.notes,
            kind=item.kind if self.kind is None else self.kind,
            lead_days=item.lead_days if self.lead_days is None else self.lead_days,
            message=item.message if self.message is None else self.message,
            source=item.source if self.source is None else self.source,
            translations=self._translations_of(item),
        )


def _tuple_of_items(value: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(value)


def _tuple_of_overrides(value: Iterable[Override]) -> tuple[Override, ...]:
    return tuple(value)


@attrs.frozen
class Calendar:
    """A calendar (vuosikello) owned by a group; applies to the owner and its descendants."""

    id: str
    name: str
    owner: str
    items: tuple[Item, ...] = attrs.field(default=(), converter=_tuple_of_items)
    overrides: tuple[Override, ...] = attrs.field(default=(), converter=_tuple_of_overrides)


class Origin(enum.Enum):
    """Where a resolved item comes from, seen from one group."""

    OWN = "own"  # in a calendar the group itself owns
    INHERITED = "inherited"  # from an ancestor's calendar, unchanged
    ADAPTED = "adapted"  # from an ancestor's calendar, changed by an override


@attrs.frozen
class ResolvedItem:
    """An item as one group sees it, after overrides."""

    item: Item
    calendar: Calendar
    origin: Origin


@attrs.frozen
class CalendarOccurrence:
    """An occurrence of an item in an organisation's calendars."""

    organisation: str
    calendar: Calendar
    item: Item
    occurrence: Occurrence
    timezone: str = "Europe/Helsinki"

    @property
    def start(self) -> _dt.date:
        return self.occurrence.start

    @property
    def end(self) -> _dt.date:
        return self.occurrence.end

    @property
    def follow_up(self) -> bool:
        return self.occurrence.follow_up

    @property
    def time(self) -> TimeOfDay | None:
        """The time of day of a timed occurrence (None when all-day)."""
        return self.occurrence.time

    @property
    def parent(self) -> CalendarOccurrence | None:
        """A follow-up's parent occurrence, of the same item and calendar (None for a main one)."""
        parent = self.occurrence.parent
        return None if parent is None else attrs.evolve(self, occurrence=parent)

    @property
    def period(self) -> str:
        """The occurrence's period within its rule: ``2026``, ``2026.2``, ``2026:2026-09``."""
        occurrence = self.occurrence
        if occurrence.period is not None:
            return occurrence.period
        return f"{occurrence.start:%Y%m%d}"  # an Occurrence built by hand, without a period

    @property
    def starts_at(self) -> _dt.datetime | None:
        """The aware start of a timed occurrence in the organisation's time zone."""
        return self.occurrence.start_at(zoneinfo.ZoneInfo(self.timezone))

    @property
    def ends_at(self) -> _dt.datetime | None:
        """The aware end of a timed occurrence in the organisation's time zone."""
        return self.occurrence.end_at(zoneinfo.ZoneInfo(self.timezone))

    @property
    def id(self) -> str:
        """Stable id from organisation, item and period – never titles, order or the start date.

        Moving an item's weeks (43–44 → 45–46) keeps its ids, so a re-imported
        or synced feed updates its events instead of duplicating them.
        """
        part = ".tulokset" if self.follow_up else ""
        return f"{self.organisation}.{self.item.id}.{self.period}{part}"


def _tuple_of_terms(value: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(value)


def _tuple_of_breaks(value: Iterable[Break]) -> tuple[Break, ...]:
    return tuple(value)


def _tuple_of_calendars(value: Iterable[Calendar]) -> tuple[Calendar, ...]:
    return tuple(value)


@attrs.frozen
class Organisation:
    """The organisation: its group hierarchy and calendars."""

    id: str
    name: str
    hierarchy: Hierarchy
    calendars: tuple[Calendar, ...] = attrs.field(default=(), converter=_tuple_of_calendars)
    timezone: str = "Europe/Helsinki"
    terms: tuple[Term, ...] = attrs.field(default=(), converter=_tuple_of_terms)
    breaks: tuple[Break, ...] = attrs.field(default=(), converter=_tuple_of_breaks)
    languages: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_ids)
    """The languages the data is written in, its own first (its plain texts and timing
    phrases); ``()`` is Finnish only.  Outputs in another declared language use the
    items' translations (:meth:`Item.title_in`)."""
    _schools: dict[tuple[str | None, str | None], SchoolCalendar] = attrs.field(
        factory=dict, init=False, eq=False, repr=False, hash=False
    )
    # The breaks by owner (file order), and each break id's first place in the file.
    _breaks_by_owner: dict[str | None, tuple[Break, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _break_order: dict[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # Calendar id → the items of other calendars that it shows too (also_in).
    _shown_in: dict[str, tuple[tuple[Calendar, Item], ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        by_owner: dict[str | None, list[Break]] = {}
        order: dict[str, int] = {}
        for index, brk in enumerate(self.breaks):
            if brk.owner is not None and brk.owner not in self.hierarchy:
                raise ValueError(f"break {brk.id!r}: unknown group {brk.owner!r}")
            by_owner.setdefault(brk.owner, []).append(brk)
            order.setdefault(brk.id, index)
        object.__setattr__(self, "_breaks_by_owner", {k: tuple(v) for k, v in by_owner.items()})
        object.__setattr__(self, "_break_order", order)
        SchoolCalendar(self.terms)  # one set of terms per school year
        seen: set[str] = set()
        calendar_ids = {c.id for c in self.calendars}
        shown_in: dict[str, list[tuple[Calendar, Item]]] = {}
        for calendar in self.calendars:
            if calendar.owner not in self.hierarchy:
                raise ValueError(f"calendar {calendar.id!r}: unknown owner {calendar.owner!r}")
            for item in calendar.items:
                if item.id in seen:
                    raise ValueError(f"duplicate item id {item.id!r}")
                seen.add(item.id)
                for other in item.also_in:
                    if other not in calendar_ids or other == calendar.id:
                        raise ValueError(
                            f"item {item.id!r}: also_in {other!r} is not another calendar"
                        )
                    shown_in.setdefault(other, []).append((calendar, item))
        object.__setattr__(self, "_shown_in", {k: tuple(v) for k, v in shown_in.items()})

    @property
    def groups(self) -> tuple[Group, ...]:
        return self.hierarchy.groups

    def group(self, group_id: str) -> Group:
        return self.hierarchy.get(group_id)

    def items(self) -> Iterator[tuple[Calendar, Item]]:
        for calendar in self.calendars:
            for item in calendar.items:
                yield calendar, item

    def breaks_for(self, group_id: str | None) -> tuple[Break, ...]:
        """The breaks that apply to a group: the nearest owner of each id wins.

        Without a group: the breaks that every group has (no owner).
        """
        owners: list[str | None] = [None]
        if group_id is not None:
            owners += [g.id for g in self.hierarchy.path(group_id)]
        # Only the breaks of the group's own path are looked at (a file with
        # a break per campus stays linear); the nearest owner wins, and among
        # one owner's breaks the later one, as the file says.
        chosen: dict[str, Break] = {}
        for owner in owners:  # root first
            for brk in self._breaks_by_owner.get(owner, ()):
                chosen[brk.id] = brk
        order = self._break_order
        return tuple(
            brk for brk in sorted(chosen.values(), key=lambda b: order[b.id]) if not brk.skip
        )

    def school_calendar(
        self, group_id: str | None = None, meetings_of: str | None = None
    ) -> SchoolCalendar:
        """The school calendar of a group: its terms, breaks and meetings.

        ``meetings_of`` takes the meetings of another group (the owner of an
        inherited item whose results come "seuraavassa kokouksessa") with the
        school days of ``group_id``.
        """
        owner = group_id if meetings_of is None else meetings_of
        key = (group_id, owner)
        found = self._schools.get(key)
        if found is None:
            plan = self.group(owner).meeting_plan if owner is not None else None
            found = SchoolCalendar(self.terms, self.breaks_for(group_id))
            if plan is not None:
                found = found.with_meetings(plan)
            self._schools[key] = found
        return found

    def meetings(self, group_id: str, start: _dt.date, end: _dt.date) -> list[Meeting]:
        """The meetings of a group in ``[start, end]`` (rule, listed and extra; not cancelled)."""
        return self.school_calendar(group_id).meetings_between(start, end)

    def calendars_for(self, group_id: str) -> tuple[Calendar, ...]:
        """The calendars that apply to a group: its own and its ancestors', in file order."""
        path = {g.id for g in self.hierarchy.path(group_id)}
        return tuple(c for c in self.calendars if c.owner in path)

    def resolve(self, group_id: str | None = None) -> tuple[ResolvedItem, ...]:
        """Every item as ``group_id`` sees it (overrides applied, skipped items left out).

        Without a group: every item of every calendar, unadapted.
        """
        if group_id is None:
            return tuple(
                ResolvedItem(item, calendar, Origin.OWN)
                for calendar in self.calendars
                for item in calendar.items
            )
        path = self.hierarchy.path(group_id)  # root first
        depth = {g.id: i for i, g in enumerate(path)}
        applicable = [c for c in self.calendars if c.owner in depth]
        # Overrides by item, nearest last, so that applying them in order lets
        # the nearest one win (looked up per item: linear in items + overrides).
        overrides: dict[str, list[tuple[int, Override]]] = {}
        for calendar in applicable:
            for override in calendar.overrides:
                overrides.setdefault(override.item, []).append((depth[calendar.owner], override))
        for found in overrides.values():
            found.sort(key=lambda pair: pair[0])
        resolved: list[ResolvedItem] = []
        for calendar, item in self._applicable_items(applicable):
            current = item
            skipped = False
            for owner_depth, override in overrides.get(item.id, ()):
                if owner_depth >= depth[calendar.owner]:
                    # A skip holds for the owner and everyone below: an
                    # override further down cannot bring the item back.
                    skipped = skipped or override.skip
                    current = override.apply(current)
            if skipped:
                continue
            if calendar.owner == group_id:
                origin = Origin.OWN
            elif current != item:
                origin = Origin.ADAPTED
            else:
                origin = Origin.INHERITED
            resolved.append(ResolvedItem(current, calendar, origin))
        return tuple(resolved)

    def _applicable_items(self, applicable: list[Calendar]) -> Iterator[tuple[Calendar, Item]]:
        """Each item of the applicable calendars once, with the calendar that shows it.

        An item is shown by its own calendar when that applies, else by the
        first applicable calendar of its ``also_in`` (after that calendar's
        own items): one event, one entry in every view of a group.
        """
        ids = {c.id for c in applicable}
        for calendar in applicable:
            yield from ((calendar, item) for item in calendar.items)
            for home, item in self._shown_in.get(calendar.id, ()):
                if home.id in ids:
                    continue  # shown by its own calendar
                first = next(c for c in item.also_in if c in ids)
                if first == calendar.id:
                    yield calendar, item

    def occurrences(
        self, start: _dt.date, end: _dt.date, group: str | None = None
    ) -> list[CalendarOccurrence]:
        """Every occurrence whose span intersects ``[start, end]`` (follow-ups included).

        Sorted by (start, end, calendar order, item order); ``group`` limits
        the result to the calendars that apply to that group, as it sees them.
        """
        found: list[tuple[tuple[_dt.date, _dt.date, int, bool], CalendarOccurrence]] = []
        for order, resolved in enumerate(self.resolve(group)):
            rule = resolved.item.rule
            school = None
            if rule.needs_school_calendar:
                owner = resolved.calendar.owner
                school = self.school_calendar(group if group is not None else owner, owner)
            for occurrence in rule.occurrences(start, end, school):
                key = (occurrence.start, occurrence.end, order, occurrence.follow_up)
                found.append(
                    (
                        key,
                        CalendarOccurrence(
                            self.id, resolved.calendar, resolved.item, occurrence, self.timezone
                        ),
                    )
                )
        found.sort(key=lambda pair: pair[0])
        return [occ for _key, occ in found]

    def undated(self, group: str | None = None) -> list[ResolvedItem]:
        """Items without dates (every meeting, as needed), in calendar order."""
        return [r for r in self.resolve(group) if r.item.rule.is_undated]

    def undated_sections(self, group: str | None = None) -> tuple[UndatedSection, ...]:
        """The items no date places, by :class:`Undated` section; empty sections left out.

        Every output that lists them (``show``, the wheel's legend, agendas)
        uses these sections and their headings.
        """
        found: dict[Undated, list[ResolvedItem]] = {section: [] for section in Undated}
        for resolved in self.resolve(group):
            rule = resolved.item.rule
            if rule.cadence is Cadence.EVERY_MEETING:
                found[Undated.EVERY_MEETING].append(resolved)
            elif rule.cadence is Cadence.AS_NEEDED:
                found[Undated.AS_NEEDED].append(resolved)
            elif not rule.is_undated and not rule.is_scheduled:
                found[Undated.NOT_SCHEDULED].append(resolved)
        return tuple(
            UndatedSection(section, tuple(items)) for section, items in found.items() if items
        )

    def calendar_letters(self, group: str | None = None) -> dict[str, str]:
        """Calendar id → its letter in legends: the group's calendars (or all) A, B, …, Z, 27, …

        >>> from opiskeluhuolto.groups import Group, Hierarchy
        >>> org = Organisation("o", "O", Hierarchy([Group("g", "G")]),
        ...                    [Calendar("k1", "K1", "g"), Calendar("k2", "K2", "g")])
        >>> org.calendar_letters()
        {'k1': 'A', 'k2': 'B'}
        """
        calendars = self.calendars_for(group) if group else self.calendars
        return {calendar.id: calendar_letter(index) for index, calendar in enumerate(calendars)}
