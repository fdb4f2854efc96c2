"""Meeting agendas: the five sections, the laws of their windows, Markdown, CLI, exporter."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_overrides import organisations

from opiskeluhuolto.agenda import (
    Agenda,
    Highlight,
    agenda_filename,
    build_agenda,
    meetings_between,
    next_meeting,
    previous_meeting,
    render_markdown,
)
from opiskeluhuolto.calendar import Calendar, Item, Organisation, Override
from opiskeluhuolto.cli import main
from opiskeluhuolto.groups import Group, Hierarchy
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.output import MARKER
from opiskeluhuolto.recurrence import (
    Cadence,
    DateWindow,
    DeadlineWindow,
    FollowUp,
    Frequency,
    MonthWindow,
    Repeat,
    Rule,
    TimeOfDay,
    Weekday,
    WeekWindow,
)

GOLDEN = Path(__file__).parent / "golden" / "agenda"
CAMPUS = "ohr-seinajoki"
EXAMPLES = settings(max_examples=80, deadline=None)


@pytest.fixture(scope="module")
def sedu() -> Organisation:
    return load_default()


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------

GROUP = Group(
    "ohr",
    "OHR",
    meetings=(dt.date(2026, 10, 6), dt.date(2026, 9, 8), dt.date(2026, 11, 10)),
)
LISTED = Organisation("org", "Org", Hierarchy((GROUP, Group("x", "X"))))


def test_next_meeting_is_today_or_later() -> None:
    assert next_meeting(LISTED, "ohr", dt.date(2026, 9, 1)) == dt.date(2026, 9, 8)
    assert next_meeting(LISTED, "ohr", dt.date(2026, 10, 6)) == dt.date(2026, 10, 6)
    assert next_meeting(LISTED, "ohr", dt.date(2026, 10, 7)) == dt.date(2026, 11, 10)
    assert next_meeting(LISTED, "ohr", dt.date(2026, 11, 11)) is None
    assert next_meeting(LISTED, "x", dt.date(2026, 1, 1)) is None


def test_previous_meeting_is_strictly_earlier() -> None:
    assert previous_meeting(LISTED, "ohr", dt.date(2026, 10, 6)) == dt.date(2026, 9, 8)
    assert previous_meeting(LISTED, "ohr", dt.date(2026, 10, 7)) == dt.date(2026, 10, 6)
    assert previous_meeting(LISTED, "ohr", dt.date(2026, 9, 8)) is None


def test_meetings_between_is_inclusive() -> None:
    assert meetings_between(LISTED, "ohr", dt.date(2026, 9, 8), dt.date(2026, 10, 6)) == (
        dt.date(2026, 9, 8),
        dt.date(2026, 10, 6),
    )


# ---------------------------------------------------------------------------
# Laws over generated organisations
# ---------------------------------------------------------------------------

_days = st.dates(dt.date(2025, 8, 1), dt.date(2027, 7, 31))


@st.composite
def agenda_cases(draw: st.DrawFn) -> tuple[Organisation, str, dt.date, int]:
    organisation = draw(organisations())
    ids = list(organisation.hierarchy.ids)
    groups = [
        attrs.evolve(
            group,
            meetings=draw(st.lists(_days, unique=True, max_size=4)),
            highlights_to=draw(st.lists(st.sampled_from(ids), unique=True, max_size=2)),
        )
        for group in organisation.groups
    ]
    organisation = attrs.evolve(organisation, hierarchy=Hierarchy(groups))
    group = draw(st.sampled_from(groups))
    listed = st.sampled_from(group.meetings) if group.meetings else _days
    meeting = draw(st.one_of(listed, _days))
    return organisation, group.id, meeting, draw(st.integers(1, 10))


def _everything(
    organisation: Organisation, group: str, agenda: Agenda
) -> list[tuple[dt.date, dt.date, str, bool]]:
    wide_start = min(agenda.results_since, agenda.date) - dt.timedelta(days=900)
    return [
        (o.start, o.end, o.item.id, o.follow_up)
        for o in organisation.occurrences(wide_start, agenda.window_end + dt.timedelta(400), group)
    ]


def _key(occurrences: tuple[object, ...]) -> list[tuple[dt.date, dt.date, str, bool]]:
    return [(o.start, o.end, o.item.id, o.follow_up) for o in occurrences]  # type: ignore[attr-defined]


@EXAMPLES
@given(agenda_cases())
def test_section_2_holds_exactly_the_occurrences_in_its_window(
    case: tuple[Organisation, str, dt.date, int],
) -> None:
    organisation, group, meeting, weeks = case
    agenda = build_agenda(organisation, group, meeting, weeks)
    assert agenda.window_end == meeting + dt.timedelta(days=7 * weeks - 1)
    expected = [
        occ
        for occ in _everything(organisation, group, agenda)
        if not occ[3] and (occ[0] <= meeting <= occ[1] or meeting < occ[0] <= agenda.window_end)
    ]
    assert _key(agenda.upcoming) == expected


@EXAMPLES
@given(agenda_cases())
def test_section_3_holds_the_results_since_the_previous_meeting(
    case: tuple[Organisation, str, dt.date, int],
) -> None:
    organisation, group, meeting, weeks = case
    agenda = build_agenda(organisation, group, meeting, weeks)
    earlier = [m for m in organisation.group(group).meetings if m < meeting]
    since = earlier[-1] if earlier else meeting - dt.timedelta(weeks=weeks)
    assert agenda.previous == (earlier[-1] if earlier else None)
    assert agenda.results_since == since
    expected = [
        occ
        for occ in _everything(organisation, group, agenda)
        if occ[3] and since < occ[0] <= meeting
    ]
    assert _key(agenda.results) == expected


@EXAMPLES
@given(agenda_cases())
def test_sections_1_4_and_5_come_from_the_resolved_calendar_and_the_flows(
    case: tuple[Organisation, str, dt.date, int],
) -> None:
    organisation, group, meeting, weeks = case
    agenda = build_agenda(organisation, group, meeting, weeks)
    resolved = organisation.resolve(group)
    assert agenda.standing == tuple(
        r for r in resolved if r.item.rule.cadence is Cadence.EVERY_MEETING
    )
    assert agenda.as_needed == tuple(
        r for r in resolved if r.item.rule.cadence is Cadence.AS_NEEDED
    )
    sources = [g for g in organisation.groups if group in g.highlights_to]
    assert [h.group for h in agenda.highlights] == sources
    for highlight in agenda.highlights:
        assert all(agenda.results_since < d < meeting for d in highlight.meetings)
        assert set(highlight.meetings) == {
            d for d in highlight.group.meetings if agenda.results_since < d < meeting
        }
    # the rendering never fails and names every section
    text = render_markdown(agenda)
    for number in range(1, 6):
        assert f"\n## {number}. " in text
    assert render_markdown(agenda, "en").count("\n## ") == 5


# ---------------------------------------------------------------------------
# A hand-made organisation
# ---------------------------------------------------------------------------


def small() -> Organisation:
    hierarchy = Hierarchy(
        [
            Group("ohr", "Opiskeluhuoltoryhmä"),
            Group(
                "kampus",
                "Kampuksen *ohr*",
                parent="ohr",
                meetings=(dt.date(2026, 10, 6), dt.date(2026, 11, 10)),
            ),
            Group(
                "foorumi",
                "Opiskelijafoorumi",
                highlights_to=("kampus",),
                meetings=(dt.date(2026, 10, 1), dt.date(2026, 11, 3), dt.date(2026, 11, 10)),
            ),
        ]
    )
    items = [
        Item(
            "kysely",
            "Huoltajakysely",
            Rule(WeekWindow(43, 44), follow_up=FollowUp(MonthWindow(11, 11), earliest=True)),
        ),
        Item("liikenne", "Liikenneturvallisuusviikko", Rule(WeekWindow(38, 38))),
        Item("juhla", "Itsenäisyyspäiväjuhla", Rule(DateWindow.on(6, 12))),
        Item("nostot", "Nostot", Rule(cadence=Cadence.EVERY_MEETING), notes="Foorumi ja Fokus"),
        Item("akuutit", "Akuutit asiat", Rule(cadence=Cadence.EVERY_MEETING)),
        Item("ohjeet", "Ohjeiden läpikäynti", Rule(cadence=Cadence.AS_NEEDED)),
    ]
    return Organisation(
        "testi",
        "Testiopisto",
        hierarchy,
        [
            Calendar("k", "Vuosikello", "ohr", items),
            Calendar(
                "kk",
                "Kampuksen kello",
                "kampus",
                overrides=[
                    Override("akuutit", skip=True),
                    Override("juhla", title="Kampuksen itsenäisyyspäiväjuhla"),
                ],
            ),
        ],
    )


def test_build_agenda_sections() -> None:
    agenda = build_agenda(small(), "kampus", dt.date(2026, 11, 10))
    assert agenda.previous == dt.date(2026, 10, 6)
    assert agenda.following is None
    assert agenda.is_listed
    assert [r.item.id for r in agenda.standing] == ["nostot"]  # "akuutit" is skipped
    assert [r.item.id for r in agenda.as_needed] == ["ohjeet"]
    assert [(o.item.id, o.start) for o in agenda.upcoming] == [("juhla", dt.date(2026, 12, 6))]
    assert agenda.upcoming[0].item.title == "Kampuksen itsenäisyyspäiväjuhla"
    assert [(o.item.id, o.start, o.end) for o in agenda.results] == [
        ("kysely", dt.date(2026, 11, 2), dt.date(2026, 11, 30))
    ]
    (highlight,) = agenda.highlights
    # the forum's meetings since the previous one (6.10.), before this one
    assert highlight == Highlight(small().group("foorumi"), (dt.date(2026, 11, 3),))
    assert "\n- Opiskelijafoorumi (kokous 3.11.2026)\n" in render_markdown(agenda)
    assert agenda_filename(agenda) == "kampus-2026-11-10.md"


def test_the_ancestor_agenda_is_unadapted() -> None:
    agenda = build_agenda(small(), "ohr", dt.date(2026, 11, 10))
    assert [r.item.id for r in agenda.standing] == ["nostot", "akuutit"]
    assert agenda.upcoming[0].item.title == "Itsenäisyyspäiväjuhla"
    assert agenda.previous is None and agenda.highlights == ()
    assert agenda.results_since == dt.date(2026, 9, 29)  # six weeks back


def test_weeks_and_unknown_group_are_refused() -> None:
    with pytest.raises(ValueError, match="weeks"):
        build_agenda(small(), "kampus", dt.date(2026, 11, 10), 0)
    with pytest.raises(KeyError, match="known groups: ohr, kampus, foorumi"):
        build_agenda(small(), "nobody", dt.date(2026, 11, 10))


def test_markdown_of_the_hand_made_agenda() -> None:
    text = render_markdown(build_agenda(small(), "kampus", dt.date(2026, 10, 20), weeks=2))
    assert text.startswith("# Kampuksen \\*ohr\\* – asialista 20.10.2026\n")
    assert "kokous tiistaina 20.10.2026 (vk 43) · edellinen kokous 6.10.2026" in text
    assert "*Päivä ei ole ryhmän kokouslistalla: lisäkokous.*" in text
    assert "seuraavien 2 viikon aikana (20.10.–2.11.2026)" in text
    assert "### Käynnissä\n\n- 19.10.–1.11.2026 (vk 43–44): Huoltajakysely\n" in text
    assert "### Alkaa\n\n*Ei alkavia.*\n" in text
    assert "- Nostot\n  - *Foorumi ja Fokus*\n" in text
    assert "\n- Opiskelijafoorumi\n" in text
    # one calendar with items applies: no calendar names after the entries
    assert "· *Vuosikello*" not in text
    one_week = render_markdown(build_agenda(small(), "ohr", dt.date(2026, 10, 20), weeks=1))
    assert "alkaa seuraavan viikon aikana (20.10.–26.10.2026)" in one_week
    assert "valmistuneet viimeisen viikon aikana (13.10.2026 jälkeen)" in one_week
    assert "*Ei nostoja muilta ryhmiltä.*" in one_week


def timed_organisation() -> Organisation:
    """A timed monthly item (second Tuesday, 14.00–15.30) and a deadline with results."""
    rule = Rule(
        MonthWindow(8, 5),
        repeat=Repeat(Frequency.MONTHLY, weekday=Weekday.TU, nth=2),
        time=TimeOfDay(dt.time(14), dt.time(15, 30)),
    )
    items = [
        Item("kahvit", "Virtuaalikahvit", rule),
        Item(
            "lomake",
            "Lomakkeen palautus",
            Rule(DeadlineWindow(9, 30), follow_up=FollowUp(DateWindow.on(15, 10))),
        ),
    ]
    group = Group("ohr", "OHR", meetings=(dt.date(2026, 9, 1), dt.date(2026, 10, 20)))
    return Organisation(
        "testi", "Testiopisto", Hierarchy([group]), [Calendar("k", "Kalenteri", "ohr", items)]
    )


def test_agenda_prints_weekdays_times_and_deadlines() -> None:
    org = timed_organisation()
    text = render_markdown(build_agenda(org, "ohr", dt.date(2026, 9, 1)))
    assert "- ti 8.9.2026 klo 14.00–15.30 (vk 37): Virtuaalikahvit\n" in text
    assert "- viimeistään ke 30.9.2026 (vk 40): Lomakkeen palautus\n" in text
    english = render_markdown(build_agenda(org, "ohr", dt.date(2026, 9, 1)), "en")
    assert "- Tuesday 8 September 2026 at 14:00–15:30 (week 37): Virtuaalikahvit\n" in english
    assert "- by Wednesday 30 September 2026 (week 40): Lomakkeen palautus\n" in english
    # The results are no deadline; the survey they follow was carried out on its day.
    later = render_markdown(build_agenda(org, "ohr", dt.date(2026, 10, 20)))
    assert (
        "- to 15.10.2026 (vk 42): Lomakkeen palautus – tulokset (toteutettu ke 30.9.2026)\n"
        in later
    )


# ---------------------------------------------------------------------------
# Golden agendas from the embedded Sedu data
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "lang"),
    [
        ("ohr-seinajoki-2026-10-06.md", dt.date(2026, 10, 6), "fi"),
        ("ohr-seinajoki-2026-11-10.md", dt.date(2026, 11, 10), "fi"),
        ("ohr-seinajoki-2026-11-10.en.md", dt.date(2026, 11, 10), "en"),
    ],
)
def test_golden_agendas(sedu: Organisation, name: str, day: dt.date, lang: str) -> None:
    text = render_markdown(build_agenda(sedu, CAMPUS, day), "en" if lang == "en" else "fi")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "yrkesskola.toml"


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (
            ("--data", str(EXAMPLE), "--group", "elevhalsa-vasa"),
            "elevhalsa-vasa-2026-11-10.sv.md",
        ),
        (("--group", CAMPUS), "ohr-seinajoki-2026-11-10.sv.md"),
    ],
)
def test_golden_swedish_agendas(argv: tuple[str, ...], name: str) -> None:
    """``--lang sv agenda``: Swedish headings, dates and weeks; the Swedish example's
    titles in Swedish, Sedu's (Finnish-only data) as written."""
    status, out, err = run("--lang", "sv", "agenda", "--date", "2026-11-10", *argv)
    assert (status, err) == (0, "")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
    assert "– föredragningslista 10.11.2026\n" in out.splitlines(keepends=True)[0]
    assert "möte tisdag 10.11.2026 (vecka 46)" in out
    for finnish in ("asialista", "Jokaisessa", "Vuosikellosta", "Käynnissä", "tulokset", "vk "):
        assert finnish not in out


def test_the_agenda_in_the_docs_is_the_golden_one() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "agenda.md").read_text(encoding="utf-8")
    start = docs.index("```markdown\n") + len("```markdown\n")
    shown = docs[start : docs.index("\n```\n", start) + 1]
    assert shown == golden("ohr-seinajoki-2026-11-10.md")


def test_early_october_agenda_by_hand(sedu: Organisation) -> None:
    agenda = build_agenda(sedu, CAMPUS, dt.date(2026, 10, 6))
    spans = {(o.item.id, o.start, o.end) for o in agenda.upcoming}
    # the guardian survey, weeks 43–44 of 2026, starts within six weeks
    assert ("huoltajakysely", dt.date(2026, 10, 19), dt.date(2026, 11, 1)) in spans
    # TEA-viisari (even years, October–December) is going on
    assert ("tea-viisari", dt.date(2026, 10, 1), dt.date(2026, 12, 31)) in spans
    # week 40 (28.9.–4.10.) is over; the bullying survey (weeks 48–49) is too far
    assert not {"hyvinvointi-virtaa", "kiusaamiskysely"} & {o.item.id for o in agenda.upcoming}
    assert agenda.results == ()
    assert [h.group.id for h in agenda.highlights] == ["sedu-ohr", "fokus", "foorumi-seinajoki"]
    assert [r.item.id for r in agenda.standing] == [
        "nostot-foorumi-fokus",
        "ajankohtaiset-akuutit",
        "tulossa-tapahtumat",
    ]
    # Sedu's eight as-needed items of slide 2 and the home–school calendar, and
    # the national Arvo surveys, which students answer when their studies start or end.
    assert len(agenda.as_needed) == 13
    assert {"arvo-aloituskysely", "arvo-paattokysely"} <= {r.item.id for r in agenda.as_needed}


def test_mid_november_agenda_by_hand(sedu: Organisation) -> None:
    agenda = build_agenda(sedu, CAMPUS, dt.date(2026, 11, 10))
    # The guardian survey is one item shown in two calendars (the welfare
    # group's and the home–school one): its results are listed once.
    (results,) = agenda.results
    assert results.item.id == "huoltajakysely"
    assert results.item.also_in == ("kodin-ja-koulun-vuosikello",)
    assert (results.start, results.end) == (dt.date(2026, 11, 2), dt.date(2026, 11, 30))
    assert results.id == "sedu.huoltajakysely.2026.tulokset"
    starting = [(o.item.id, o.start) for o in agenda.upcoming if not agenda.is_ongoing(o)]
    assert ("kiusaamiskysely", dt.date(2026, 11, 23)) in starting
    # 6.12.2026 is a Sunday: the celebration is on the school day before it.
    assert ("itsenaisyyspaivajuhla", dt.date(2026, 12, 4)) in starting
    text = render_markdown(agenda)
    assert (
        "- 2.11.–30.11.2026 (vk 45–49): Sedun huoltajakysely – tulokset "
        "(toteutettu 19.10.–1.11.2026)" in text
    )
    assert "- pe 4.12.2026 (vk 49): Itsenäisyyspäiväjuhla" in text


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def test_agenda_of_the_next_meeting() -> None:
    status, out, err = run("agenda", "--group", CAMPUS, "--today", "1.10.2026")
    assert status == 0, err
    assert out == golden("ohr-seinajoki-2026-10-06.md")
    # on the meeting day, that meeting
    status, out, _ = run("agenda", "--group", CAMPUS, "--today", "2026-11-10", "--lang", "en")
    assert out == golden("ohr-seinajoki-2026-11-10.en.md")


def test_agenda_of_a_given_date_and_weeks() -> None:
    status, out, err = run("agenda", "--group", CAMPUS, "--date", "10.11.2026")
    assert status == 0, err
    assert out == golden("ohr-seinajoki-2026-11-10.md")
    status, out, _ = run("agenda", "--group", CAMPUS, "--date", "2026-10-13", "--weeks", "2")
    assert status == 0
    assert "lisäkokous" in out
    assert "seuraavien 2 viikon aikana (13.10.–26.10.2026)" in out


def test_agenda_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "asialista.md"
    target.write_text("vanha", encoding="utf-8")
    status, out, err = run("agenda", "--group", CAMPUS, "--date", "6.10.2026", "-o", str(target))
    assert status == 0, err
    assert out == ""
    assert f"Kirjoitettu {target}" in err
    assert target.read_text(encoding="utf-8") == golden("ohr-seinajoki-2026-10-06.md")
    assert [p.name for p in tmp_path.iterdir()] == ["asialista.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--group", "nobody"), "tuntematon ryhmä 'nobody'"),
        ((), "anna ryhmä: --group ID"),
        (("--group", "sedu-ohr", "--today", "1.10.2026"), "ei ole merkitty kokouspäiviä"),
        (("--group", CAMPUS, "--date", "31.2.2026"), "--date: '31.2.2026' ei ole päivämäärä"),
        (("--group", CAMPUS, "--weeks", "0"), "--weeks: '0' ei kelpaa"),
        (("--group", CAMPUS, "--weeks", "kuusi"), "--weeks: 'kuusi' ei kelpaa"),
    ],
)
def test_agenda_bad_arguments_exit_2(args: tuple[str, ...], message: str) -> None:
    status, out, err = run("agenda", *args)
    assert status == 2
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_agenda_after_the_school_year_follows_the_meeting_rule() -> None:
    # After the last meeting of 2026–2027 the rule goes on: the second Tuesday
    # of September 2027 (the August meeting is an extra of 2026 only).
    status, out, err = run("agenda", "--group", CAMPUS, "--today", "1.6.2027")
    assert status == 0, err
    assert "14.9.2027" in out.splitlines()[0] or "14.9.2027" in out


def test_agenda_without_upcoming_listed_meetings_names_the_last(tmp_path: Path) -> None:
    data = tmp_path / "listed.toml"
    data.write_text(
        'schema = 1\n[organisation]\nid = "org"\nname = "Org"\n'
        '[[groups]]\nid = "ohr"\nname = "OHR"\nmeetings = [2026-09-08, 2027-05-11]\n',
        encoding="utf-8",
    )
    status, out, err = run("agenda", "--data", str(data), "--group", "ohr", "--today", "1.6.2027")
    assert status == 2
    assert "ei ole tulevia kokouksia (viimeisin 11.5.2027)" in err
    assert out == ""


def test_agenda_unknown_group_lists_the_group_ids() -> None:
    status, _out, err = run("agenda", "--group", "nobody", "--lang", "en")
    assert status == 2
    assert "unknown group 'nobody'" in err
    for group_id in ("ohr-seinajoki", "ohr-lapua", "sedu-ohr", "fokus"):
        assert f"  {group_id} " in err


def test_agenda_to_an_unwritable_place_is_exit_2(tmp_path: Path) -> None:
    status, _out, err = run(
        "agenda", "--group", CAMPUS, "--date", "6.10.2026", "-o", str(tmp_path / "no" / "x.md")
    )
    assert status == 2
    assert (
        err == f"opiskeluhuolto: -o {tmp_path / 'no' / 'x.md'}: kansiota {tmp_path / 'no'} ei ole\n"
    )


# ---------------------------------------------------------------------------
# The agenda exporter
# ---------------------------------------------------------------------------


@pytest.mark.usefixtures("manager")
def test_export_agenda_writes_one_file_per_meeting(tmp_path: Path) -> None:
    target = tmp_path / "asialistat"
    status, _out, err = run(
        "export", "agenda", "--group", CAMPUS, "--school-year", "2026", "-o", str(target)
    )
    assert status == 0, err
    names = sorted(p.name for p in target.iterdir() if p.name != MARKER)
    # The campus's meeting rule and extra meetings (the example dates of 2026–2027).
    days = ["2026-08-18", "2026-09-08", "2026-10-06", "2026-11-10", "2026-12-08"]
    days += ["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11"]
    assert names == [f"{CAMPUS}-{day}.md" for day in days]
    assert (target / "ohr-seinajoki-2026-10-06.md").read_text("utf-8") == golden(
        "ohr-seinajoki-2026-10-06.md"
    )
    assert (target / "ohr-seinajoki-2026-11-10.md").read_text("utf-8") == golden(
        "ohr-seinajoki-2026-11-10.md"
    )


@pytest.mark.usefixtures("manager")
def test_export_agenda_range_weeks_and_language(tmp_path: Path) -> None:
    target = tmp_path / "out"
    status, _out, err = run(
        "export",
        "agenda",
        "--group",
        "ohr-lapua",
        "--from",
        "1.10.2026",
        "--to",
        "30.11.2026",
        "--option",
        "weeks=2",
        "--lang",
        "en",
        "-o",
        str(target),
    )
    assert status == 0, err
    names = sorted(p.name for p in target.iterdir())
    assert names == [MARKER, "ohr-lapua-2026-10-07.md", "ohr-lapua-2026-11-11.md"]
    text = (target / "ohr-lapua-2026-10-07.md").read_text("utf-8")
    assert "within the next 2 weeks (7–20 October 2026)" in text


@pytest.mark.usefixtures("manager")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "anna ryhmä, jonka kokouksille asialistat tehdään: --group ID"),
        (("--group", "sedu-ohr"), "ryhmällä 'sedu-ohr' ei ole kokouksia aikavälillä"),
        (("--group", "nobody"), "tuntematon ryhmä 'nobody'"),
        (("--group", CAMPUS, "--option", "weeks=0"), "--option weeks: arvo '0' ei kelpaa"),
    ],
)
def test_export_agenda_refusals_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    target = tmp_path / "out"
    status, _out, err = run("export", "agenda", "--school-year", "2026", *args, "-o", str(target))
    assert status == 2
    assert message in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--group", CAMPUS, "--weeks", "²"), "--weeks: '²' ei kelpaa"),
        (("--group", CAMPUS, "--weeks", "٢"), "--weeks: '٢' ei kelpaa"),
        (("--group", CAMPUS, "--weeks", "521"), "odotettiin kokonaislukua 1–520"),
        (("--group", CAMPUS, "--date", "9999-12-31"), "--date: päivän on oltava 1.1.2–31.12.9998"),
        (("--group", CAMPUS, "--date", "0001-01-01"), "--date: päivän on oltava 1.1.2–31.12.9998"),
    ],
)
def test_odd_or_large_values_are_exit_2(args: tuple[str, ...], message: str) -> None:
    status, out, err = run("agenda", *args)
    assert (status, out) == (2, "")
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("date", ["9998-12-01", "0002-01-01"])
def test_agendas_at_the_ends_of_the_calendar(date: str) -> None:
    # Ten years of look-ahead from the last month of 9998 stops at 31.12.9999.
    status, out, err = run("agenda", "--group", CAMPUS, "--date", date, "--weeks", "520")
    assert status == 0, err
    assert out.startswith("# Seinäjoen kampuksen")


@pytest.mark.usefixtures("manager")
@pytest.mark.parametrize("weeks", ["0", "521", "1000000", "²"])
def test_export_agenda_weeks_option_is_bounded(tmp_path: Path, weeks: str) -> None:
    status, _out, err = run(
        "export",
        "agenda",
        "--group",
        CAMPUS,
        "--option",
        f"weeks={weeks}",
        "-o",
        str(tmp_path / "a"),
    )
    assert status == 2 and "--option weeks" in err
    assert not (tmp_path / "a").exists()
