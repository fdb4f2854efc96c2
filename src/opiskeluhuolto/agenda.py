"""Meeting agendas of the welfare groups.

Every welfare-group meeting has the same five sections (seed, slide 2):

1. **standing items** – the "jokaisessa kokouksessa" items of every calendar
   that applies to the group, as the group sees them (overrides applied);
2. **from the calendar** – the occurrences going on at the meeting date or
   starting within the next ``weeks`` weeks (follow-ups excluded: they are
   section 3's business);
3. **results to review** – follow-ups (survey results) that became available
   since the group's previous meeting, or within the last ``weeks`` weeks
   when there is no earlier meeting in the data;
4. **highlights to hear** – the groups whose ``highlights_to`` names this group;
5. **as-needed items** – the "tarpeen mukaan" items;
6. **not recorded** (kirjaamatta), given records – the occurrences that ended
   since the previous meeting (or within the last ``weeks`` weeks) and have no
   record for the group: what to record with ``opiskeluhuolto record``.

:func:`build_agenda` computes an :class:`Agenda` (pure data);
:func:`render_markdown` writes it as Markdown, in Finnish or English.  No I/O
here: the command line and the ``agenda`` exporter write the files.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from opiskeluhuolto.calendar import (
    Calendar,
    CalendarOccurrence,
    Organisation,
    ResolvedItem,
    Undated,
)
from opiskeluhuolto.fmt import (
    Lang,
    format_date,
    format_occurrence,
    format_span,
    format_weeks,
    format_when,
    pick,
    safe_file_name,
)
from opiskeluhuolto.groups import Group
from opiskeluhuolto.records import Records, track

__all__ = [
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "Agenda",
    "Highlight",
    "agenda_filename",
    "build_agenda",
    "meetings_between",
    "next_meeting",
    "previous_meeting",
    "render_markdown",
]

DEFAULT_WEEKS = 6
MAX_WEEKS = 520
"""The longest look ahead (ten years), for ``--weeks`` and ``--option weeks``."""
"""How many weeks ahead section 2 looks (and back, for section 3 without a previous meeting)."""

_ONE_DAY = _dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


def next_meeting(organisation: Organisation, group_id: str, today: _dt.date) -> _dt.date | None:
    """The group's first meeting on or after ``today`` (None when there is none).

    Meetings come from the group's meeting rule, listed dates and extra
    meetings, less the cancelled ones (:meth:`Organisation.meetings`).
    """
    return organisation.school_calendar(group_id).next_meeting(today - _ONE_DAY)


def previous_meeting(organisation: Organisation, group_id: str, day: _dt.date) -> _dt.date | None:
    """The group's last meeting strictly before ``day`` (None when there is none)."""
    return organisation.school_calendar(group_id).previous_meeting(day)


def meetings_between(
    organisation: Organisation, group_id: str, start: _dt.date, end: _dt.date
) -> tuple[_dt.date, ...]:
    """The group's meetings in ``[start, end]`` (both inclusive), in order."""
    return tuple(m.day for m in organisation.meetings(group_id, start, end))


# ---------------------------------------------------------------------------
# The agenda as data
# ---------------------------------------------------------------------------


@attrs.frozen
class Highlight:
    """A group whose highlights (nostot) the meeting hears.

    ``meetings`` are the source group's own meetings since the
    agenda's previous meeting (see :attr:`Agenda.results_since`) and before the
    meeting date: the meetings whose highlights are due.
    """

    group: Group
    meetings: tuple[_dt.date, ...] = ()


@attrs.frozen
class Agenda:
    """The agenda of one meeting of one group, its five sections as data."""

    organisation: str
    """The organisation's name."""
    group: Group
    date: _dt.date
    weeks: int
    previous: _dt.date | None
    """The group's previous meeting, if any."""
    following: _dt.date | None
    """The group's next meeting after this one, if any."""
    calendars: tuple[Calendar, ...]
    """The calendars that apply to the group, in file order."""
    standing: tuple[ResolvedItem, ...]
    upcoming: tuple[CalendarOccurrence, ...]
    results: tuple[CalendarOccurrence, ...]
    highlights: tuple[Highlight, ...]
    as_needed: tuple[ResolvedItem, ...]
    is_listed: bool = True
    """Whether the date is one of the group's meetings (else an extra meeting)."""
    has_meetings: bool = True
    """Whether the group has meetings at all (a rule, dates or extra meetings)."""
    unrecorded: tuple[CalendarOccurrence, ...] | None = None
    """Given records: what ended since :attr:`results_since` with no record (None: no records)."""

    @property
    def window_end(self) -> _dt.date:
        """The last day of section 2's window ``[date, date + weeks − 1 day]``."""
        return _shifted(self.date, _dt.timedelta(weeks=self.weeks) - _ONE_DAY)

    @property
    def results_since(self) -> _dt.date:
        """Section 3 holds follow-ups that start after this day and on or before :attr:`date`."""
        if self.previous is not None:
            return self.previous
        return _shifted(self.date, -_dt.timedelta(weeks=self.weeks))

    def is_ongoing(self, occurrence: CalendarOccurrence) -> bool:
        """Whether an occurrence of section 2 is already going on at the meeting."""
        return occurrence.start <= self.date


def _shifted(day: _dt.date, delta: _dt.timedelta) -> _dt.date:
    """``day + delta``, stopping at the ends of the calendar (1.1.1 and 31.12.9999)."""
    try:
        return day + delta
    except OverflowError:
        return _dt.date.max if delta > _dt.timedelta(0) else _dt.date.min


def build_agenda(
    organisation: Organisation,
    group_id: str,
    meeting_date: _dt.date,
    weeks: int = DEFAULT_WEEKS,
    records: Records | None = None,
) -> Agenda:
    """The agenda of ``group_id``'s meeting on ``meeting_date``.

    The date need not be a listed meeting (an extra meeting is fine).
    ``records`` (what became of the occurrences) add the section of what
    ended since the previous meeting with no record.
    Raises ``KeyError`` for an unknown group (the message lists the known
    ones) and ``ValueError`` when ``weeks`` is not at least 1.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
        raise ValueError(f"weeks must be a whole number ≥ 1, got {weeks!r}")
    group = organisation.group(group_id)
    previous = previous_meeting(organisation, group_id, meeting_date)
    following = (
        next_meeting(organisation, group_id, meeting_date + _ONE_DAY)
        if meeting_date < _dt.date.max
        else None
    )
    window_end = _shifted(meeting_date, _dt.timedelta(weeks=weeks) - _ONE_DAY)
    if previous is not None:
        since = previous
    else:
        since = _shifted(meeting_date, -_dt.timedelta(weeks=weeks))

    sections = {s.section: s.items for s in organisation.undated_sections(group_id)}
    standing = sections.get(Undated.EVERY_MEETING, ())
    as_needed = sections.get(Undated.AS_NEEDED, ())

    upcoming = tuple(
        occ
        for occ in organisation.occurrences(meeting_date, window_end, group_id)
        if not occ.follow_up
    )
    results = tuple(
        occ
        for occ in organisation.occurrences(since + _ONE_DAY, meeting_date, group_id)
        if occ.follow_up and since < occ.start <= meeting_date
    )
    unrecorded = None
    if records is not None and since < meeting_date:
        unrecorded = tuple(
            tracked.occurrence
            for tracked in track(
                organisation, records, since + _ONE_DAY, meeting_date - _ONE_DAY, group_id
            )
            if tracked.record is None and since < tracked.end < meeting_date
        )
    highlights = tuple(
        Highlight(
            source,
            meetings_between(organisation, source.id, since + _ONE_DAY, meeting_date - _ONE_DAY),
        )
        for source in organisation.hierarchy.highlights_into(group_id)
    )
    return Agenda(
        organisation=organisation.name,
        group=group,
        date=meeting_date,
        weeks=weeks,
        previous=previous,
        following=following,
        calendars=organisation.calendars_for(group_id),
        standing=standing,
        upcoming=upcoming,
        results=results,
        highlights=highlights,
        as_needed=as_needed,
        is_listed=bool(meetings_between(organisation, group_id, meeting_date, meeting_date)),
        # The school calendar's plan is kept; group.meeting_plan would sort every date again.
        has_meetings=not organisation.school_calendar(group_id).meetings.is_empty,
        unrecorded=unrecorded,
    )


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def agenda_filename(agenda: Agenda) -> str:
    """A file name for the agenda: ``ohr-seinajoki-2026-10-06.md``.

    Made safe by :func:`~opiskeluhuolto.fmt.safe_file_name` (a group built
    through the API may have any id); the date and ``.md`` are never cut.
    """
    return safe_file_name(agenda.group.id, suffix=f"-{agenda.date.isoformat()}.md")


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def _md(text: str) -> str:
    """Data text (titles, names, notes) with Markdown's inline markup escaped."""
    return " ".join(text.translate(_MARKDOWN_SPECIAL).split())


def _day(day: _dt.date, lang: Lang) -> str:
    return format_date(day, lang)


def _when(occ: CalendarOccurrence, lang: Lang) -> str:
    return f"{format_occurrence(occ, lang)} ({format_weeks(occ.start, occ.end, lang)})"


def _notes(notes: str | None) -> list[str]:
    return [f"  - *{_md(notes)}*"] if notes else []


def _items(resolved: tuple[ResolvedItem, ...], lang: Lang, empty: str) -> list[str]:
    if not resolved:
        return [f"*{empty}*"]
    lines: list[str] = []
    for r in resolved:
        lines.append(f"- {_md(r.item.title_in(lang))}")
        lines.extend(_notes(r.item.notes_in(lang)))
    return lines


def _occurrence_line(agenda: Agenda, occ: CalendarOccurrence, lang: Lang) -> list[str]:
    text = f"- {_when(occ, lang)}: {_md(occ.item.title_in(lang))}"
    if occ.follow_up and occ.occurrence.parent is not None:
        parent = occ.occurrence.parent
        done = format_when(parent.start, parent.end, parent.time, lang)
        text += pick(
            lang,
            f" – tulokset (toteutettu {done})",
            f" – results (carried out {done})",
            f" – resultat (genomfört {done})",
        )
    if len([c for c in agenda.calendars if c.items]) > 1:
        text += f" · *{_md(occ.calendar.name)}*"
    return [text, *_notes(occ.item.notes_in(lang))]


def render_markdown(agenda: Agenda, lang: Lang = "fi") -> str:
    """The agenda as a Markdown document (Finnish by default, ``"en"`` English, ``"sv"`` Swedish).

    Titles and notes are the items' own in ``lang`` when the data gives them
    (:meth:`~opiskeluhuolto.calendar.Item.title_in`), else as written there; names
    come from the data as they are.
    """
    group = _md(agenda.group.name)
    lines = [
        pick(
            lang,
            f"# {group} – asialista {_day(agenda.date, lang)}",
            f"# {group} – agenda {_day(agenda.date, lang)}",
            f"# {group} – föredragningslista {_day(agenda.date, lang)}",
        ),
        "",
    ]
    facts = [
        _md(agenda.organisation),
        pick(lang, "kokous ", "meeting on ", "möte ")
        + format_date(agenda.date, lang, weekday="essive" if lang == "fi" else "full")
        + f" ({format_weeks(agenda.date, agenda.date, lang)})",
    ]
    if agenda.previous is not None:
        facts.append(
            pick(lang, "edellinen kokous ", "previous meeting ", "föregående möte ")
            + _day(agenda.previous, lang)
        )
    if agenda.following is not None:
        facts.append(
            pick(lang, "seuraava kokous ", "next meeting ", "nästa möte ")
            + _day(agenda.following, lang)
        )
    lines.append(" · ".join(facts))
    if agenda.has_meetings and not agenda.is_listed:
        lines += [
            "",
            pick(
                lang,
                "*Päivä ei ole ryhmän kokouslistalla: lisäkokous.*",
                "*The date is not in the group's list of meetings: an extra meeting.*",
                "*Dagen finns inte bland gruppens mötesdagar: ett extra möte.*",
            ),
        ]

    # 1. standing items
    lines += [
        "",
        pick(
            lang, "## 1. Jokaisessa kokouksessa", "## 1. At every meeting", "## 1. Vid varje möte"
        ),
        "",
    ]
    lines += _items(
        agenda.standing,
        lang,
        pick(lang, "Ei pysyviä asioita.", "No standing items.", "Inga stående ärenden."),
    )

    # 2. from the calendar
    window = format_span(agenda.date, agenda.window_end, lang)
    ahead_fi = "seuraavan viikon" if agenda.weeks == 1 else f"seuraavien {agenda.weeks} viikon"
    ahead_en = "the next week" if agenda.weeks == 1 else f"the next {agenda.weeks} weeks"
    ahead_sv = (
        "den närmaste veckan" if agenda.weeks == 1 else f"de {agenda.weeks} närmaste veckorna"
    )
    lines += [
        "",
        pick(lang, "## 2. Vuosikellosta", "## 2. From the calendar", "## 2. Ur årsklockan"),
        "",
        pick(
            lang,
            f"Käynnissä kokouspäivänä tai alkaa {ahead_fi} aikana ({window}).",
            f"Going on at the meeting or starting within {ahead_en} ({window}).",
            f"Pågår på mötesdagen eller börjar under {ahead_sv} ({window}).",
        ),
    ]
    ongoing = [occ for occ in agenda.upcoming if agenda.is_ongoing(occ)]
    starting = [occ for occ in agenda.upcoming if not agenda.is_ongoing(occ)]
    for heading, found, empty in (
        (
            pick(lang, "### Käynnissä", "### Going on", "### Pågår"),
            ongoing,
            pick(lang, "Ei käynnissä olevia.", "Nothing going on.", "Inget pågår."),
        ),
        (
            pick(lang, "### Alkaa", "### Starting", "### Börjar"),
            starting,
            pick(lang, "Ei alkavia.", "Nothing starting.", "Inget börjar."),
        ),
    ):
        lines += ["", heading, ""]
        if not found:
            lines.append(f"*{empty}*")
        for occ in found:
            lines += _occurrence_line(agenda, occ, lang)

    # 3. results to review
    since = _day(agenda.results_since, lang)
    if agenda.previous is not None:
        intro = pick(
            lang,
            f"Tulokset, jotka ovat valmistuneet edellisen kokouksen ({since}) jälkeen.",
            f"Results that have become available since the previous meeting ({since}).",
            f"Resultat som har blivit klara efter föregående möte ({since}).",
        )
    else:
        back_fi = "viimeisen viikon" if agenda.weeks == 1 else f"viimeisten {agenda.weeks} viikon"
        back_en = "the last week" if agenda.weeks == 1 else f"the last {agenda.weeks} weeks"
        back_sv = (
            "den senaste veckan" if agenda.weeks == 1 else f"de {agenda.weeks} senaste veckorna"
        )
        intro = pick(
            lang,
            f"Tulokset, jotka ovat valmistuneet {back_fi} aikana ({since} jälkeen).",
            f"Results that have become available within {back_en} (since {since}).",
            f"Resultat som har blivit klara under {back_sv} (efter {since}).",
        )
    lines += [
        "",
        pick(
            lang,
            "## 3. Tarkasteltavat tulokset",
            "## 3. Results to review",
            "## 3. Resultat att granska",
        ),
        "",
    ]
    lines.append(intro)
    lines.append("")
    if not agenda.results:
        lines.append(
            pick(lang, "*Ei uusia tuloksia.*", "*No new results.*", "*Inga nya resultat.*")
        )
    for occ in agenda.results:
        lines += _occurrence_line(agenda, occ, lang)

    # 4. highlights
    lines += [
        "",
        pick(
            lang,
            "## 4. Kuultavat nostot",
            "## 4. Highlights to hear",
            "## 4. Lyft från andra grupper",
        ),
        "",
    ]
    if not agenda.highlights:
        lines.append(
            pick(
                lang,
                "*Ei nostoja muilta ryhmiltä.*",
                "*No highlights from other groups.*",
                "*Inga lyft från andra grupper.*",
            )
        )
    for highlight in agenda.highlights:
        text = f"- {_md(highlight.group.name)}"
        if highlight.meetings:
            days = ", ".join(_day(day, lang) for day in highlight.meetings)
            word = pick(
                lang,
                "kokous" if len(highlight.meetings) == 1 else "kokoukset",
                "meeting" if len(highlight.meetings) == 1 else "meetings",
                "möte" if len(highlight.meetings) == 1 else "möten",
            )
            text += f" ({word} {days})"
        lines.append(text)

    # 5. as needed
    lines += ["", pick(lang, "## 5. Tarpeen mukaan", "## 5. As needed", "## 5. Vid behov"), ""]
    lines += _items(
        agenda.as_needed,
        lang,
        pick(
            lang,
            "Ei tarpeen mukaan käsiteltäviä asioita.",
            "No as-needed items.",
            "Inga ärenden att behandla vid behov.",
        ),
    )

    # 6. not recorded (given records)
    if agenda.unrecorded is not None:
        lines += [
            "",
            pick(lang, "## 6. Kirjaamatta", "## 6. Not recorded", "## 6. Inte antecknat"),
            "",
        ]
        lines.append(
            pick(
                lang,
                f"Päättyneet {since} jälkeen, mutta kirjaamatta: mitä niille tapahtui? "
                "Kirjaa: `opiskeluhuolto record TUNNISTE done|moved|cancelled`.",
                f"Ended since {since} with no record: what became of them? "
                "Record it: `opiskeluhuolto record ID done|moved|cancelled`.",
                f"Avslutade efter {since} men inte antecknade: vad hände med dem? "
                "Anteckna: `opiskeluhuolto record ID done|moved|cancelled`.",
            )
        )
        lines.append("")
        if not agenda.unrecorded:
            lines.append(
                pick(
                    lang,
                    "*Kaikki on kirjattu.*",
                    "*Everything is recorded.*",
                    "*Allt är antecknat.*",
                )
            )
        for occ in agenda.unrecorded:
            line = _occurrence_line(agenda, occ, lang)[0]
            lines.append(f"{line} · `{occ.id}`")
    return "\n".join(lines) + "\n"
