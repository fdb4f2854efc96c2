"""Building the drafts: which occurrences, when to send, what to say.

One draft per main occurrence (never a follow-up) and per audience that
Wilma reaches: guardians (``huoltajat``) and students (``opiskelijat``).
A survey's results (its follow-up) are part of the survey's own draft, not a
draft of their own.
"""

from __future__ import annotations

import datetime as _dt
import re
import string
import unicodedata
from collections.abc import Mapping, Sequence

import attrs

from opiskeluhuolto.calendar import Calendar, CalendarOccurrence, Item, Organisation
from opiskeluhuolto.fmt import (
    Lang,
    UniqueFileNames,
    format_date,
    format_occurrence,
    format_span,
    format_time,
    pick,
)
from opiskeluhuolto.groups import Audience, GroupKind
from opiskeluhuolto.messages import TEMPLATE_PLACEHOLDERS
from opiskeluhuolto.phrases import describe_window
from opiskeluhuolto.recurrence import (
    DateWindow,
    Direction,
    MonthWindow,
    NextMeeting,
    TimeOfDay,
    WeekWindow,
    Window,
    WindowList,
)
from opiskeluhuolto.school import SchoolCalendar
from opiskeluhuolto_wilma import texts

__all__ = [
    "AUDIENCES",
    "PLACEHOLDERS",
    "Draft",
    "build_drafts",
    "day_to_check",
    "fill",
    "is_working_day",
    "place_name",
    "send_on_date",
]

AUDIENCES: tuple[Audience, ...] = (Audience.HUOLTAJAT, Audience.OPISKELIJAT)
"""The audiences Wilma reaches, in file-name order."""

PLACEHOLDERS: tuple[str, ...] = TEMPLATE_PLACEHOLDERS
"""The placeholders this exporter fills: exactly those the loader accepts."""

_ONE_DAY = _dt.timedelta(days=1)
# Weekends and Finnish public holidays only: no terms, no breaks.
_WORKING_DAYS = SchoolCalendar()
_FORMATTER = string.Formatter()

# A title that already says when ("… kesän ajalla", "Tuttu-hanke 2024–2025")
# gets no timing appended in the default subject.
_NAMES_A_TIME = re.compile(
    r"kuu(?:ssa|sta|hun|n)?\b|viiko|\bvko\b|kesä|kesän|syksy|kevä|talv|"
    r"\b\d{1,2}\.\d{1,2}\.|\b\d{4}\b|\bweeks?\b|spring|summer|autumn|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\bveck|\bv\.\s?\d|höst|våren|vårens|vårtermin|sommar|vinter|"
    r"januari|februari|mars|maj|juni|juli|augusti|oktober",
    re.IGNORECASE,
)
# Recorded sessions (the students' virtual coffees) get a place for the
# recording link.  The data format has no key for it (the loader's item keys
# are fixed), so the item's notes decide: notes that mention a recording
# ("Tallenteen linkki Wilmaan.", "tallennetaan", "recording") mark a recorded
# session.  Only the notes, never the title: the title goes into the subject.
_RECORDED = re.compile(r"tallen|\brecord(?:ing|ed)\b|inspelning|spelas in", re.IGNORECASE)


@attrs.frozen
class Draft:
    """One Wilma message draft: to one audience about one occurrence."""

    occurrence: CalendarOccurrence
    audience: Audience
    send_on: _dt.date
    lead_days: int
    subject: str
    recipients: str
    reach: str
    body: str
    results: tuple[_dt.date, _dt.date] | None
    file: str
    check_day: str | None = None
    """Why the date of a one-day occurrence must be checked (weekend or holiday), or None."""

    @property
    def item(self) -> Item:
        return self.occurrence.item

    @property
    def calendar(self) -> Calendar:
        return self.occurrence.calendar


def is_working_day(day: _dt.date) -> bool:
    """Monday to Friday and not a Finnish public holiday (:mod:`opiskeluhuolto.school`).

    >>> is_working_day(_dt.date(2026, 12, 4)), is_working_day(_dt.date(2026, 12, 25))
    (True, False)
    """
    return _WORKING_DAYS.is_school_day(day)


def send_on_date(start: _dt.date, lead_days: int, school: SchoolCalendar | None = None) -> _dt.date:
    """``lead_days`` before ``start``, moved back to the previous school day.

    ``school`` is the owning group's school calendar: a send-on date is never
    on a Saturday, a Sunday or a Finnish public holiday, nor in a break or
    between terms (the summer break) – it moves back to the last school day
    before.  Without ``school`` only weekends and public holidays count.
    The date is never after ``start``; should no school day lie within 200
    days before it (a calendar of breaks only), weekends and public holidays
    alone decide.  (1.1.0001 is the floor.)

    >>> send_on_date(_dt.date(2026, 11, 23), 7)
    datetime.date(2026, 11, 16)
    >>> send_on_date(_dt.date(2026, 12, 6), 0)  # a Sunday: the Friday before
    datetime.date(2026, 12, 4)
    >>> send_on_date(_dt.date(2027, 1, 8), 7)  # 1.1.2027, New Year's Day: Thursday 31.12.
    datetime.date(2026, 12, 31)
    >>> send_on_date(_dt.date(2027, 1, 1), 7)  # Fri 25.12.2026: back past 24.12. to Wed 23.12.
    datetime.date(2026, 12, 23)
    >>> from opiskeluhuolto.phrases import parse_rule
    >>> from opiskeluhuolto.school import Break
    >>> autumn = SchoolCalendar(breaks=[Break("syysloma", "Syysloma", parse_rule("viikolla 42"))])
    >>> send_on_date(_dt.date(2026, 10, 19), 7, autumn)  # Mon 12.10. is in the break
    datetime.date(2026, 10, 9)
    """
    try:
        day = start - _dt.timedelta(days=lead_days)
    except OverflowError:
        return _dt.date.min
    if school is not None and not school.is_school_day(day):
        found = school.shift(day, Direction.BEFORE)
        if found is not None:
            return found
    while not is_working_day(day) and day > _dt.date.min:
        day -= _ONE_DAY
    return day


def day_to_check(occ: CalendarOccurrence, lang: Lang) -> str | None:
    """Why a one-day occurrence's date is not the day it is held, or None.

    A one-day occurrence on a Saturday, a Sunday or a public holiday (the
    Independence Day party on 6.12.) is usually held on a school day near it,
    so the draft names no day for it: the reason is shown to the sender.

    >>> from opiskeluhuolto.calendar import Calendar, Item
    >>> from opiskeluhuolto.recurrence import Rule
    >>> item = Item("juhla", "Juhla", Rule(DateWindow.on(6, 12)))
    >>> [one] = item.rule.instances(_dt.date(2026, 1, 1), _dt.date(2026, 12, 31))
    >>> occ = CalendarOccurrence("x", Calendar("k", "Kalenteri", "ohr", [item]), item, one)
    >>> day_to_check(occ, "fi")
    '6.12.2026 on sunnuntai ja itsenäisyyspäivä'
    """
    day = occ.start
    if occ.end != day or is_working_day(day):
        return None
    holiday = _WORKING_DAYS.holiday(day)
    return texts.day_reason(day, None if holiday is None else holiday.name(lang), lang)


def place_name(organisation: Organisation, scope: str | None) -> str:
    """The campus a message is for: the nearest campus or unit at or above ``scope``.

    A campus group named "Seinäjoen kampuksen …" is "Seinäjoen kampus"; above
    the campuses (or without a group) it is the organisation.
    """
    if scope is None or scope not in organisation.hierarchy:
        return organisation.name
    for group in reversed(organisation.hierarchy.path(scope)):
        if group.kind in (GroupKind.CAMPUS, GroupKind.UNIT):
            words = group.name.split()
            lowered = [word.lower() for word in words]
            if "kampuksen" in lowered[1:]:
                return " ".join([*words[: lowered.index("kampuksen")], "kampus"])
            return group.name
    return organisation.name


def fill(template: str, values: Mapping[str, str], where: str) -> str:
    """Fill ``{placeholder}`` fields; an unknown or malformed one is a ValueError.

    >>> fill("{title}: {{literal}}", {"title": "Kysely"}, "x")
    'Kysely: {literal}'
    >>> fill("{titel}", {"title": "Kysely"}, "kysely.message.subject")
    Traceback (most recent call last):
      ...
    ValueError: kysely.message.subject: unknown placeholder {titel}
    """
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    out: list[str] = []
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        if spec or conversion or field not in values:
            raise ValueError(f"{where}: unknown placeholder {{{field}}}")
        out.append(values[field])
    return "".join(out)


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "kohde"


def _year_text(start: _dt.date, end: _dt.date) -> str:
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def _day(day: _dt.date, lang: Lang) -> str:
    return format_date(day, lang, weekday="full" if lang == "en" else "essive")


def _dates(occ: CalendarOccurrence, lang: Lang) -> str:
    """The occurrence's days in running text: ``tiistaina 8.9.2026 klo 14.00–15.30``."""
    return format_occurrence(occ, lang, weekday="full" if lang == "en" else "essive")


def _weeks(start: _dt.date, end: _dt.date, lang: Lang) -> str:
    first, last = start.isocalendar().week, end.isocalendar().week
    if first == last and (end - start).days < 7:
        return pick(lang, f"viikolla {first}", f"week {first}", f"vecka {first}")
    return pick(
        lang, f"viikoilla {first}–{last}", f"weeks {first}–{last}", f"veckorna {first}–{last}"
    )


def _when(window: Window | None, lang: Lang, time: TimeOfDay | None = None) -> str:
    """The window as an adverbial: ``viikoilla 43–44`` / ``in weeks 43–44``, ``syyskuussa``.

    A timed occurrence's time follows: ``8.9. klo 14.00–15.30``.
    """
    if window is None:
        return ""
    text = describe_window(window, lang)
    if lang == "en" and isinstance(window, WeekWindow):
        text = "in " + text
    return text if time is None else f"{text} {format_time(time, lang)}"


def _occurrence_window(occ: CalendarOccurrence) -> Window | None:
    """The window this one occurrence stands for.

    A cadence ("kuukausittain elo–toukokuussa") or a list of windows says more
    than one occurrence: its message names the occurrence's own month, week
    or days instead.  So does a rule placed by the school calendar ("6.12.
    edeltävänä koulupäivänä", "syyslomalla") and an occurrence moved to a
    school day: the message names the day it is held.
    """
    rule = occ.item.rule
    if (
        rule.repeat is None
        and not isinstance(rule.window, WindowList)
        and not rule.needs_school_calendar
        and occ.occurrence.moved_from is None
    ):
        return rule.window
    start, end = occ.start, occ.end
    if start.day == 1 and end.month == start.month and (end + _dt.timedelta(days=1)).day == 1:
        return MonthWindow(start.month, start.month)
    if start.weekday() == 0 and (end - start).days == 6:
        week = start.isocalendar().week
        return WeekWindow(week, week)
    return DateWindow(start.day, start.month, end.day, end.month)


def _period(occ: CalendarOccurrence, lang: Lang) -> str:
    window = _occurrence_window(occ)
    start, end = occ.start, occ.end
    if start == end:
        # "tiistaina 8.9.2026 klo 14.00–15.30", "viimeistään keskiviikkona 30.9.2026";
        # English "on Tuesday 8 September 2026 at 14:00–15:30", "by Wednesday …".
        deadline = occ.item.rule.is_deadline and not occ.follow_up
        return ("on " if lang == "en" and not deadline else "") + _dates(occ, lang)
    if isinstance(window, WeekWindow):
        prefix = "in " if lang == "en" else ""
        return f"{prefix}{_weeks(start, end, lang)} ({format_span(start, end, lang)})"
    if isinstance(window, DateWindow) or window is None:
        return ("from " if lang == "en" else "") + format_span(start, end, lang).replace(
            " – ", " to "
        )
    return f"{describe_window(window, lang)} {_year_text(start, end)}"


def _results(
    organisation: Organisation, item: Item, occ: CalendarOccurrence, lang: Lang
) -> tuple[str, tuple[_dt.date, _dt.date] | None]:
    follow_up = item.rule.follow_up
    if follow_up is None:
        return "", None
    owner = occ.calendar.owner
    span = follow_up.after(occ.end, organisation.school_calendar(owner, owner))
    if span is None:
        return "", None
    if isinstance(follow_up.target, NextMeeting):
        text = pick(lang, "seuraavassa kokouksessa", "at the next meeting", "vid nästa möte")
    else:
        text = describe_window(follow_up.target, lang)
    if follow_up.earliest:
        text = pick(lang, "aikaisintaan ", "at the earliest ", "tidigast ") + text
    return f"{text} {_year_text(*span)}", span


def _draft(
    organisation: Organisation,
    occ: CalendarOccurrence,
    audience: Audience,
    *,
    group: str | None,
    lang: Lang,
    lead_option: int | None,
) -> Draft:
    item = occ.item
    lead = (
        lead_option
        if lead_option is not None
        else item.lead_days
        if item.lead_days is not None
        else texts.DEFAULT_LEAD_DAYS[item.kind]
    )
    owner = group if group is not None else occ.calendar.owner
    school = organisation.school_calendar(owner) if owner in organisation.hierarchy else None
    send_on = send_on_date(occ.start, lead, school)
    place = place_name(organisation, owner)
    title, notes = item.title_in(lang), item.notes_in(lang)
    recorded = bool(_RECORDED.search(notes or ""))
    results, results_span = _results(organisation, item, occ, lang)
    recipients = texts.recipients(audience, place, lang)
    window = _occurrence_window(occ)
    check_day = day_to_check(occ, lang)
    if check_day is None:
        dates, period = _dates(occ, lang), _period(occ, lang)
        start, end = _day(occ.start, lang), _day(occ.end, lang)
    else:
        # No misleading day in the message: a place for the real one.
        dates = period = start = end = texts.fill_in(
            pick(lang, f"päivä ({check_day})", f"the day ({check_day})", f"dagen ({check_day})"),
            lang,
        )
    values = {
        "title": title,
        "when": _when(window, lang, occ.time),
        "dates": dates,
        "weeks": _weeks(occ.start, occ.end, lang),
        "period": period,
        "start": start,
        "end": end,
        "year": str(occ.start.year),
        "results": results,
        "organisation": organisation.name,
        "place": place,
        "recipients": recipients,
        "contact": texts.contact(audience, lang),
        "link": texts.fill_in(texts.link_what(item.kind, recorded, lang), lang),
        "notes": notes or "",
    }
    # The data's own templates are in its own language (Finnish unless it says otherwise):
    # used only for that language; each audience gets its own, else the common one.
    own_language = organisation.languages[0] if organisation.languages else "fi"
    own = (
        item.message.for_audience(audience)
        if item.message is not None and lang == own_language
        else None
    )
    subject_template = (
        own.subject
        if own is not None and own.subject is not None
        else texts.subject_template(check_day is not None or bool(_NAMES_A_TIME.search(title)))
    )
    body_template = (
        own.body
        if own is not None and own.body is not None
        else texts.body_template(
            item.kind,
            audience,
            lang,
            has_results=results_span is not None,
            recorded=recorded,
            timed=occ.time is not None,
            signature_place=place != organisation.name,
        )
    )
    where = f"{item.id}.message"
    subject = " ".join(fill(subject_template, values, f"{where}.subject").split())
    body = fill(body_template, values, f"{where}.body").strip("\n") + "\n"
    return Draft(
        occurrence=occ,
        audience=audience,
        send_on=send_on,
        lead_days=(occ.start - send_on).days,
        subject=subject or title,
        recipients=recipients,
        reach=texts.reach(audience, lang),
        body=body,
        results=results_span,
        file=f"{send_on.isoformat()}_{_ascii_slug(item.id)}",
        check_day=check_day,
    )


def build_drafts(
    organisation: Organisation,
    occurrences: Sequence[CalendarOccurrence],
    *,
    group: str | None = None,
    lang: Lang = "fi",
    lead_days: int | None = None,
    extension: str = ".txt",
) -> list[Draft]:
    """Every draft for ``occurrences``, sorted by send-on date, item and audience.

    File names are ``<send-on>_<item-id>_<audience><extension>``, ASCII,
    safe and unique (:class:`~opiskeluhuolto.fmt.UniqueFileNames`): an item id
    too long for a file name is cut (the date and the audience are kept), and
    a clash – between item ids that differ in punctuation or accents alone, or
    long ids cut to the same name – gets ``-2``, ``-3``, … after the item id.
    """
    drafts: list[Draft] = []
    for occ in occurrences:
        if occ.follow_up:
            continue  # results belong to the survey's own draft
        for audience in AUDIENCES:
            if audience in occ.item.audience:
                drafts.append(
                    _draft(
                        organisation, occ, audience, group=group, lang=lang, lead_option=lead_days
                    )
                )
    order = {audience: index for index, audience in enumerate(AUDIENCES)}
    drafts.sort(key=lambda d: (d.send_on, d.file, order[d.audience], d.occurrence.start))
    names = UniqueFileNames()
    return [
        attrs.evolve(
            draft, file=names.add(draft.file, suffix=f"_{draft.audience.value}{extension}")
        )
        for draft in drafts
    ]
