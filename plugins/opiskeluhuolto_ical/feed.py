"""Writing the planned events as an RFC 5545 feed with :mod:`icalendar`.

Imported by :meth:`opiskeluhuolto_ical.IcalExporter.render` only, so that
loading the plugin does not import :mod:`icalendar`.
"""

from __future__ import annotations

import datetime as _dt
import zoneinfo
from collections.abc import Mapping, Sequence

import icalendar

import opiskeluhuolto
from opiskeluhuolto import describe
from opiskeluhuolto.calendar import CalendarOccurrence, Item
from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang, format_date, format_span, language
from opiskeluhuolto.groups import Group
from opiskeluhuolto.publishing import EventStamp, stable_stamp, stamp_feed
from opiskeluhuolto.records import RecordStatus, TrackedOccurrence
from opiskeluhuolto.school import Meeting
from opiskeluhuolto_ical.series import Entry
from opiskeluhuolto_ical.vtimezone import vtimezone

__all__ = ["GroupMeeting", "group_meetings", "meeting_uid", "render_feed"]

GroupMeeting = tuple[Group, Meeting]
"""A meeting of a group: ``(group, meeting)``."""

_ONE_DAY = _dt.timedelta(days=1)

_LABELS = {
    "fi": {
        "results": "Tulokset",
        "deadline": "Määräaika",
        "timing": "Ajoitus",
        "group": "Ryhmä",
        "audience": "Kohderyhmä",
        "reminder": "Muistutus",
        "meeting": "kokous",
        "extra": "Lisäkokous",
        "moved": "Siirretty koulupäivälle, alun perin",
        "recorded_move": "Siirretty, alun perin",
        "cancelled": "Peruttu",
        "done": "Tehty",
    },
    "en": {
        "results": "Results",
        "deadline": "Deadline",
        "timing": "Timing",
        "group": "Group",
        "audience": "Audience",
        "reminder": "Reminder",
        "meeting": "meeting",
        "extra": "Extra meeting",
        "moved": "Moved to a school day, originally",
        "recorded_move": "Moved, originally",
        "cancelled": "Cancelled",
        "done": "Done",
    },
    "sv": {
        "results": "Resultat",
        "deadline": "Sista dag",
        "timing": "Tidpunkt",
        "group": "Grupp",
        "audience": "Målgrupp",
        "reminder": "Påminnelse",
        "meeting": "möte",
        "extra": "Extra möte",
        "moved": "Flyttat till en skoldag, ursprungligen",
        "recorded_move": "Flyttat, ursprungligen",
        "cancelled": "Inställt",
        "done": "Gjort",
    },
}


class _Texts:
    """SUMMARY, DESCRIPTION and CATEGORIES of an item, built (and encoded) once per item.

    Every occurrence of an item shares these values, so they are turned into
    icalendar property values once and reused: the per-event work is the
    UID and the two dates.
    """

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.lang: Lang = language(context.lang)
        self.labels = _LABELS[self.lang]
        self._cache: dict[tuple[str, str, bool], _Encoded] = {}

    def __call__(self, occ: CalendarOccurrence) -> _Encoded:
        key = (occ.calendar.id, occ.item.id, occ.follow_up)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute(occ.item, occ.calendar.owner, occ.follow_up)
        return found

    def _compute(self, item: Item, owner: str, follow_up: bool) -> _Encoded:
        labels, lang = self.labels, self.lang
        title, notes = item.title_in(lang), item.notes_in(lang)
        if follow_up:
            summary = f"{labels['results']}: {title}"
        elif item.rule.is_deadline:
            summary = f"{labels['deadline']}: {title}"
        else:
            summary = title
        lines = [f"{labels['timing']}: {describe(item.rule, lang)}"]
        hierarchy = self.context.organisation.hierarchy
        if owner in hierarchy:
            lines.append(f"{labels['group']}: {hierarchy.get(owner).name}")
        audience = [a.label(lang) for a in item.audience]
        if audience:
            lines.append(f"{labels['audience']}: {', '.join(audience)}")
        if notes:
            lines.extend(("", notes.strip()))
        kind = item.kind.label(lang)
        return _Encoded(
            summary=icalendar.vText(summary),
            description=icalendar.vText("\n".join(lines)),
            categories=icalendar.vCategory([kind, *audience]),
            reminder=icalendar.vText(f"{labels['reminder']}: {summary}"),
        )


class _Encoded:
    __slots__ = ("categories", "description", "reminder", "summary")

    def __init__(
        self,
        *,
        summary: icalendar.vText,
        description: icalendar.vText,
        categories: icalendar.vCategory,
        reminder: icalendar.vText,
    ) -> None:
        self.summary = summary
        self.description = description
        self.categories = categories
        self.reminder = reminder


def _utc(moment: _dt.datetime) -> _dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)


def group_meetings(context: ExportContext) -> list[GroupMeeting]:
    """The meetings in the export range: the context's group's, else every group's.

    In date order, then in the hierarchy's group order.
    """
    organisation = context.organisation
    groups = (
        (organisation.group(context.group),) if context.group is not None else organisation.groups
    )
    found = [
        (group, meeting)
        for group in groups
        for meeting in organisation.meetings(group.id, context.start, context.end)
    ]
    order = {group.id: index for index, group in enumerate(organisation.groups)}
    found.sort(key=lambda pair: (pair[1].day, order[pair[0].id]))
    return found


def meeting_uid(organisation: str, group: Group, meeting: Meeting) -> str:
    """A meeting's UID: organisation, group and day (one meeting a day per group).

    >>> import datetime as dt
    >>> meeting_uid("sedu", Group("ohr", "OHR"), Meeting(dt.date(2026, 9, 8)))
    'sedu.ohr.20260908.kokous@opiskeluhuolto'
    """
    return f"{organisation}.{group.id}.{meeting.day:%Y%m%d}.kokous@opiskeluhuolto"


def _meeting_times(meeting: Meeting, timezone: str) -> tuple[_dt.datetime, _dt.datetime] | None:
    time = meeting.time
    if time is None:
        return None
    zone = zoneinfo.ZoneInfo(timezone)
    start = _dt.datetime.combine(meeting.day, time.start, tzinfo=zone)
    end = _dt.datetime.combine(meeting.day, time.end, tzinfo=zone)
    if end <= start:  # past midnight
        end = _dt.datetime.combine(meeting.day + _ONE_DAY, time.end, tzinfo=zone)
    return start, end


def _timezones(
    entries: Sequence[Entry],
    meetings: Sequence[GroupMeeting] = (),
    timezone: str = "",
    span: tuple[_dt.date, _dt.date] | None = None,
) -> list[icalendar.Timezone]:
    """A ``VTIMEZONE`` for each zone of a timed event, from its first timed event on.

    The organisation's zone (``timezone``, which ``X-WR-TIMEZONE`` names) is
    always there, over ``span`` when no event is timed: a feed with no event
    still holds a component, as RFC 5545 requires.
    """
    spans: dict[str, tuple[_dt.date, _dt.date]] = {}
    for entry in entries:
        occ = entry.first
        if occ.time is None:
            continue
        first, last = spans.get(occ.timezone, (occ.start, occ.start))
        spans[occ.timezone] = (min(first, occ.start), max(last, entry.occurrences[-1].start))
    for _group, meeting in meetings:
        if meeting.time is None:
            continue
        first, last = spans.get(timezone, (meeting.day, meeting.day))
        spans[timezone] = (min(first, meeting.day), max(last, meeting.day))
    if timezone and span is not None:
        spans.setdefault(timezone, span)
    return [vtimezone(key, first, last) for key, (first, last) in sorted(spans.items())]


def _record_notes(tracked: TrackedOccurrence, labels: Mapping[str, str], lang: Lang) -> list[str]:
    """What became of an occurrence, as the first lines of its description."""
    record = tracked.record
    assert record is not None
    lines = []
    if tracked.moved:
        planned = format_span(tracked.planned.start, tracked.planned.end, lang)
        lines.append(f"{labels['recorded_move']} {planned}")
    if tracked.cancelled:
        lines.append(labels["cancelled"] + (f": {record.note}" if record.note else ""))
    elif record.status is RecordStatus.DONE:
        when = f" {format_date(record.date, lang)}" if record.date is not None else ""
        lines.append(labels["done"] + when + (f": {record.note}" if record.note else ""))
    elif record.note:
        lines.append(record.note)
    return lines


def render_feed(
    context: ExportContext,
    entries: Sequence[Entry],
    *,
    alarm_days: int | None = None,
    meetings: Sequence[GroupMeeting] = (),
    refresh_hours: int = 12,
    known: Mapping[str, EventStamp] | None = None,
    tracked: Mapping[str, TrackedOccurrence] | None = None,
) -> bytes:
    """The feed as bytes (CRLF line endings, folded lines); ``meetings`` after the items.

    Every event is stamped by :func:`opiskeluhuolto.publishing.stamp_feed`
    from ``known`` (the state's stamps of this feed; None or empty: no
    state, sequence 0 and the range's first day), never with the time of the
    export unless its content changed since the state was written.  ``tracked``
    (occurrence id → its record, from ``--records``) marks what became of an
    occurrence: a cancelled one is ``STATUS:CANCELLED``, a moved one says where
    it was planned, a done one when it was done, and a record's link is the
    event's ``URL``.
    """
    lang = language(context.lang).upper()
    feed = icalendar.Calendar()
    feed.add("prodid", f"-//opiskeluhuolto//opiskeluhuolto {opiskeluhuolto.__version__}//{lang}")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    # No METHOD: a published feed has no ORGANIZER, and METHOD:PUBLISH
    # without one fails iTIP's restrictions (RFC 5546).
    feed["X-WR-CALNAME"] = icalendar.vText(context.title)  # escaped: , ; \ and newlines
    feed.add("x-wr-timezone", context.organisation.timezone)
    refresh = _dt.timedelta(hours=refresh_hours)
    feed.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    feed["X-PUBLISHED-TTL"] = icalendar.vDuration(refresh)
    zone_key = context.organisation.timezone
    for timezone in _timezones(entries, meetings, zone_key, (context.start, context.end)):
        feed.add_component(timezone)
    texts = _Texts(context)
    # Values shared by many events are encoded once: the alarm trigger and
    # action, TRANSP, each item's texts.
    trigger = None if alarm_days is None else icalendar.vDDDTypes(-_dt.timedelta(days=alarm_days))
    display = icalendar.vText("DISPLAY")
    transparent = icalendar.vText("TRANSPARENT")
    for entry in entries:
        occ = entry.first
        encoded = texts(occ)
        event = icalendar.Event()
        event["UID"] = icalendar.vText(entry.uid)
        time = occ.time
        starts_at, ends_at = occ.starts_at, occ.ends_at
        if starts_at is None or ends_at is None:
            event["DTSTART"] = icalendar.vDDDTypes(occ.start)
            event["DTEND"] = icalendar.vDDDTypes(occ.end + _ONE_DAY)
            event["TRANSP"] = transparent  # a month-long survey is not a busy month
        else:  # timed: local times with TZID (the VTIMEZONE above)
            event["DTSTART"] = icalendar.vDDDTypes(starts_at)
            event["DTEND"] = icalendar.vDDDTypes(ends_at)
        if entry.recurrence is not None:
            zone = None if time is None else zoneinfo.ZoneInfo(occ.timezone)
            start = None if time is None else time.start
            event.add("RRULE", entry.recurrence.as_ical(start, zone))
        event["SUMMARY"] = encoded.summary
        notes = []
        moved = occ.occurrence.moved_from
        if moved is not None and entry.recurrence is None:
            notes.append(f"{texts.labels['moved']} {format_date(moved, texts.lang)}")
        record = None if tracked is None or entry.recurrence is not None else tracked.get(occ.id)
        if record is not None and record.record is not None:
            notes.extend(_record_notes(record, texts.labels, texts.lang))
            if record.cancelled:
                event["STATUS"] = icalendar.vText("CANCELLED")
            if record.record.link:
                event["URL"] = icalendar.vUri(record.record.link)
        if notes:
            event["DESCRIPTION"] = icalendar.vText("\n".join([*notes, str(encoded.description)]))
        else:
            event["DESCRIPTION"] = encoded.description
        event["CATEGORIES"] = encoded.categories
        if entry.related_to is not None:
            event["RELATED-TO"] = icalendar.vText(entry.related_to)
        if trigger is not None:
            alarm = icalendar.Alarm()
            alarm["ACTION"] = display
            alarm["DESCRIPTION"] = encoded.reminder
            alarm["TRIGGER"] = trigger
            event.add_component(alarm)
        feed.add_component(event)
    labels = texts.labels
    for group, meeting in meetings:
        event = icalendar.Event()
        event["UID"] = icalendar.vText(meeting_uid(context.organisation.id, group, meeting))
        times = _meeting_times(meeting, zone_key)
        if times is None:
            event["DTSTART"] = icalendar.vDDDTypes(meeting.day)
            event["DTEND"] = icalendar.vDDDTypes(meeting.day + _ONE_DAY)
            event["TRANSP"] = transparent
        else:
            event["DTSTART"] = icalendar.vDDDTypes(times[0])
            event["DTEND"] = icalendar.vDDDTypes(times[1])
        summary = f"{group.name}: {labels['meeting']}"
        event["SUMMARY"] = icalendar.vText(summary)
        lines = [f"{labels['group']}: {group.name}"]
        if meeting.extra:
            lines.append(labels["extra"])
        event["DESCRIPTION"] = icalendar.vText("\n".join(lines))
        event["CATEGORIES"] = icalendar.vCategory([labels["meeting"]])
        if trigger is not None:
            alarm = icalendar.Alarm()
            alarm["ACTION"] = display
            alarm["DESCRIPTION"] = icalendar.vText(f"{labels['reminder']}: {summary}")
            alarm["TRIGGER"] = trigger
            event.add_component(alarm)
        feed.add_component(event)
    data: bytes = feed.to_ical()
    return stamp_feed(
        data,
        known or {},
        now=_utc(context.generated),
        fallback=stable_stamp(context.start),
    )
