"""The ``text`` exporter: the calendar as text, month by month, as ``show`` prints it.

``opiskeluhuolto show`` is this exporter written to standard output
(``opiskeluhuolto export text`` is the same).  Months from August, each
occurrence on one line with its dates, weeks and the letter of its calendar,
follow-ups under their parents, the group's breaks among them, and the items
with no dates (at every meeting, as needed, not scheduled) at the end; lines
are at most :data:`WIDTH` characters.  Registered through the
``opiskeluhuolto`` entry points like any third-party plugin; uses only the
public API.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from opiskeluhuolto import hookimpl
from opiskeluhuolto.calendar import CalendarOccurrence, Organisation, Origin
from opiskeluhuolto.exporting import ExportContext, Exporter, Output
from opiskeluhuolto.fmt import (
    TEXT_WIDTH,
    Lang,
    format_date,
    format_occurrence,
    format_span,
    format_weeks,
    month_name,
    pick,
    wrap,
)
from opiskeluhuolto.records import RecordStatus, TrackedOccurrence

__all__ = ["WIDTH", "TextExporter", "render_text"]

WIDTH = TEXT_WIDTH
"""The longest line (a title longer than its column is wrapped)."""

_DATE_WIDTH, _WEEK_WIDTH = 19, 10
_INDENT = 2 + _DATE_WIDTH + _WEEK_WIDTH

_ORIGIN_MARK: dict[Origin, tuple[str, str, str]] = {
    Origin.OWN: ("oma", "own", "egen"),
    Origin.INHERITED: ("peritty", "inherited", "ärvd"),
    Origin.ADAPTED: ("mukautettu", "adapted", "anpassad"),
}


class TextExporter(Exporter):
    name = "text"
    description = "Kalenteri tekstinä kuukausittain (kuten show)"
    description_en = "The calendar as text, month by month (as show prints it)"
    description_sv = "Kalendern som text, månad för månad (som show visar den)"
    output = Output.STDOUT

    def render(self, context: ExportContext) -> bytes:
        return render_text(context).encode("utf-8")


def render_text(context: ExportContext) -> str:
    """The text of ``opiskeluhuolto show``: month by month, follow-ups under their parents."""
    organisation, start, end = context.organisation, context.start, context.end
    group, lang, school_year = context.group, context.lang, context.school_year
    lines: list[str] = []
    lines.extend(wrap("", context.title, 0))
    span = format_span(start, end, lang)
    if school_year is not None:
        lines.append(
            pick(
                lang,
                f"Lukuvuosi {school_year} ({span})",
                f"School year {school_year} ({span})",
                f"Läsåret {school_year} ({span})",
            )
        )
    else:
        lines.append(pick(lang, f"Aikaväli {span}", f"Range {span}", f"Tidsintervall {span}"))

    tags = organisation.calendar_letters(group)
    if tags:  # the legend, after a blank line (each month begins with one)
        lines.append("")
    for calendar in organisation.calendars:
        if calendar.id in tags:
            owner = organisation.group(calendar.owner).name
            text = f"{calendar.name} ({owner})"
            if group is not None:
                own = calendar.owner == group
                text += " – " + pick(
                    lang,
                    "oma" if own else "peritty",
                    "own" if own else "inherited",
                    "egen" if own else "ärvd",
                )
            lines.extend(wrap(f"  {tags[calendar.id]} = ", text, 6))
    origins = {r.item.id: r.origin for r in organisation.resolve(group)}

    # Follow-ups go under their parents, matched by the parent's planned days
    # (a record may have moved either).
    occurrences = context.tracked_occurrences()
    parents_shown = {
        (t.planned.item.id, t.planned.start) for t in occurrences if not t.planned.follow_up
    }
    by_month: dict[tuple[int, int], list[TrackedOccurrence]] = {}
    for tracked in occurrences:
        parent = tracked.planned.occurrence.parent
        if parent is not None and (tracked.planned.item.id, parent.start) in parents_shown:
            continue  # shown under its parent
        anchor = max(tracked.start, start)
        by_month.setdefault((anchor.year, anchor.month), []).append(tracked)
    follow_ups: dict[tuple[str, _dt.date], list[TrackedOccurrence]] = {}
    for tracked in occurrences:
        parent = tracked.planned.occurrence.parent
        if parent is not None:
            follow_ups.setdefault((tracked.planned.item.id, parent.start), []).append(tracked)

    breaks_by_month = _breaks_by_month(organisation, start, end, group)

    cursor = _dt.date(start.year, start.month, 1)
    while cursor <= end:
        lines.append("")
        lines.append(f"{month_name(cursor.month, lang).upper()} {cursor.year}")
        entries = by_month.get((cursor.year, cursor.month), [])
        breaks = list(breaks_by_month.get((cursor.year, cursor.month), []))
        if not entries and not breaks:
            lines.append("  " + pick(lang, "(ei merkintöjä)", "(nothing)", "(inga anteckningar)"))
        for tracked in entries:
            occ = tracked.occurrence
            # A break goes before the first occurrence that starts after it.
            while breaks and breaks[0][0] <= max(occ.start, start):
                lines.extend(_break_lines(*breaks.pop(0), lang, cursor))
            lines.extend(_occurrence_lines(tracked, tags, origins, group, lang, cursor))
            for follow in follow_ups.get((occ.item.id, tracked.planned.start), []):
                text = (
                    pick(lang, "tulokset", "results", "resultat")
                    + " "
                    + format_occurrence(
                        follow.occurrence, lang, year=follow.end.year != cursor.year, short=True
                    )
                    + _record_mark(follow, lang)
                )
                lines.extend(wrap(" " * _INDENT + "↳ ", text, _INDENT + 2))
        for brk in breaks:
            lines.extend(_break_lines(*brk, lang, cursor))
        cursor = _dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)

    for section in organisation.undated_sections(group):
        lines.append("")
        lines.append(section.heading(lang).upper())
        for r in section.items:
            mark = _mark(r.item.id, origins, group, lang)
            lines.extend(
                wrap(f"  {tags.get(r.calendar.id, '?')} ", r.item.title_in(lang) + mark, 4)
            )
    return "\n".join(lines) + "\n"


def _mark(item_id: str, origins: dict[str, Origin], group: str | None, lang: Lang) -> str:
    # Own and inherited are said once per calendar in the legend; an item
    # marks only what differs from its calendar: an adaptation.
    if group is None or origins.get(item_id) is not Origin.ADAPTED:
        return ""
    return f" [{pick(lang, *_ORIGIN_MARK[origins[item_id]])}]"


def _breaks_by_month(
    organisation: Organisation, start: _dt.date, end: _dt.date, group: str | None
) -> dict[tuple[int, int], list[tuple[_dt.date, _dt.date, str]]]:
    """The group's breaks that meet ``[start, end]``, by the month they are listed under."""
    found: dict[tuple[int, int], list[tuple[_dt.date, _dt.date, str]]] = {}
    for brk in organisation.school_calendar(group).breaks:
        for occ in brk.rule.occurrences(start, end):
            anchor = max(occ.start, start)
            found.setdefault((anchor.year, anchor.month), []).append((occ.start, occ.end, brk.name))
    for spans in found.values():
        spans.sort()
    return found


def _break_lines(
    first: _dt.date, last: _dt.date, name: str, lang: Lang, heading: _dt.date
) -> list[str]:
    """A break in the occurrences' columns: ``  12.10.–18.10.  vk 42  Loma: Syysloma``."""
    same_year = first >= heading and first.year == last.year == heading.year
    span = format_span(first, last, lang, year=not same_year, short=True)
    weeks = format_weeks(first, last, lang, short=True)
    text = pick(lang, "Loma: ", "Break: ", "Lov: ") + name
    if len(span) >= _DATE_WIDTH or len(weeks) >= _WEEK_WIDTH:
        return [f"  {span} {weeks}", *wrap(" " * _INDENT, text, _INDENT)]
    prefix = f"  {span:<{_DATE_WIDTH - 1}} {weeks:<{_WEEK_WIDTH - 1}} "
    return wrap(prefix, text, len(prefix))


def _moved_mark(occ: CalendarOccurrence, lang: Lang) -> str:
    """`` (siirretty, alun perin su 6.12.)`` for an occurrence moved to a school day."""
    moved = occ.occurrence.moved_from
    if moved is None:
        return ""
    day = format_date(moved, lang, year=moved.year != occ.start.year, weekday="short", short=True)
    return pick(
        lang,
        f" (siirretty, alun perin {day})",
        f" (moved, originally {day})",
        f" (flyttat, ursprungligen {day})",
    )


def _record_mark(tracked: TrackedOccurrence, lang: Lang) -> str:
    """`` [tehty 28.10.]``, `` [siirretty, alun perin 19.10.–1.11.]``, `` [peruttu: syy]``."""
    record = tracked.record
    if record is None:
        return ""
    parts: list[str] = []
    if record.status is RecordStatus.DONE and record.date is not None:
        day = record.date
        shown = format_date(day, lang, year=day.year != tracked.end.year, short=True)
        parts.append(f"{record.status.label(lang)} {shown}")
    elif record.status is RecordStatus.CANCELLED:
        reason = f": {record.note}" if record.note else ""
        parts.append(record.status.label(lang) + reason)
    if tracked.moved:
        planned = tracked.planned
        was = format_span(
            planned.start,
            planned.end,
            lang,
            year=planned.start.year != tracked.start.year,
            short=True,
        )
        moved = RecordStatus.MOVED.label(lang)
        parts.append(
            pick(
                lang,
                f"{moved}, alun perin {was}",
                f"{moved}, originally {was}",
                f"{moved}, ursprungligen {was}",
            )
        )
    return f" [{', '.join(parts)}]"


def _occurrence_lines(
    tracked: TrackedOccurrence,
    tags: dict[str, str],
    origins: dict[str, Origin],
    group: str | None,
    lang: Lang,
    heading: _dt.date,
) -> list[str]:
    # Under a month heading the year goes without saying, unless the span
    # started before that month (an item already running when the range begins).
    occ = tracked.occurrence
    same_year = occ.start >= heading and occ.start.year == occ.end.year == heading.year
    span = format_occurrence(occ, lang, year=not same_year, short=True)
    weeks = format_weeks(occ.start, occ.end, lang, short=True)
    title = occ.item.title_in(lang)
    if occ.follow_up:
        title = pick(lang, "Tulokset: ", "Results: ", "Resultat: ") + title
    title += _moved_mark(occ, lang)
    title += _mark(occ.item.id, origins, group, lang)
    title += _record_mark(tracked, lang)
    tag = tags.get(occ.calendar.id, "?")
    if len(span) >= _DATE_WIDTH or len(weeks) >= _WEEK_WIDTH:
        # a long span or week range gets a line of its own, the title the next
        return [f"  {span} {weeks}", *wrap(" " * _INDENT + f"{tag} ", title, _INDENT + 2)]
    prefix = f"  {span:<{_DATE_WIDTH - 1}} {weeks:<{_WEEK_WIDTH - 1}} {tag} "
    return wrap(prefix, title, len(prefix))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(TextExporter())
