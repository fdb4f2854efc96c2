"""Unit calendars: overrides down the group hierarchy.

Laws over hypothesis-generated forests, calendars and overrides (built as
values, no files), then the loader's checks on small TOML texts, then
``show --group`` on the command line.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import textwrap
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opiskeluhuolto import strategies as ost
from opiskeluhuolto.calendar import (
    Calendar,
    CalendarOccurrence,
    Item,
    Organisation,
    Origin,
    Override,
    ResolvedItem,
)
from opiskeluhuolto.cli import main
from opiskeluhuolto.groups import Audience, Group, Hierarchy
from opiskeluhuolto.loading import validate_text
from opiskeluhuolto.recurrence import DateWindow, FollowUp, MonthWindow, Rule, WeekWindow

# Every law looks at the same two school years.
START = dt.date(2025, 8, 1)
END = dt.date(2027, 7, 31)

EXAMPLES = settings(max_examples=80, deadline=None)


# ---------------------------------------------------------------------------
# Strategies: forests, calendars, overrides
# ---------------------------------------------------------------------------


def _rules() -> st.SearchStrategy[Rule]:
    # Mostly dated rules in the years the laws look at, some of anything.
    near = st.builds(
        Rule,
        st.one_of(ost.week_windows(), ost.month_windows(), ost.date_windows()),
    )
    return st.one_of(near, near, ost.rules())


RULES = _rules()
_maybe_rules = st.none() | RULES
_maybe_follow_ups = st.none() | ost.follow_ups()
_titles = st.sampled_from(["Kysely", "Juhla", "Kävely", "Ilta", "Katsaus"])
_notes = st.sampled_from(["Huom.", "Kampus sopii päivän.", "Tiedoksi."])
_audiences = st.lists(st.sampled_from(list(Audience)), max_size=3).map(tuple)
_maybe_titles = st.none() | _titles
_maybe_audiences = st.none() | _audiences
_maybe_notes = st.none() | _notes
_skips = st.sampled_from((False, False, True))


@st.composite
def forests(draw: st.DrawFn) -> Hierarchy:
    """1–6 groups; each group's parent is an earlier group or none (a forest)."""
    count = draw(st.integers(1, 6))
    groups: list[Group] = []
    for index in range(count):
        parent = draw(st.none() | st.integers(0, index - 1)) if index else None
        groups.append(
            Group(f"g{index}", f"Ryhmä {index}", parent=None if parent is None else f"g{parent}")
        )
    return Hierarchy(groups)


@st.composite
def overrides_for(draw: st.DrawFn, item_ids: list[str]) -> tuple[Override, ...]:
    """Overrides of some of ``item_ids`` (each at most once), any fields, sometimes a skip."""
    chosen = draw(st.lists(st.sampled_from(item_ids), unique=True, max_size=3)) if item_ids else []
    found: list[Override] = []
    for item_id in chosen:
        found.append(
            Override(
                item_id,
                when=draw(_maybe_rules),
                results=draw(_maybe_follow_ups),
                title=draw(_maybe_titles),
                audience=draw(_maybe_audiences),
                notes=draw(_maybe_notes),
                skip=draw(_skips),
            )
        )
    return tuple(found)


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    """A forest, 1–4 calendars with 0–3 items each, and overrides of inherited items."""
    hierarchy = draw(forests())
    ids = list(hierarchy.ids)
    counter = itertools.count()
    calendars: list[Calendar] = []
    for index in range(draw(st.integers(1, 4))):
        owner = draw(st.sampled_from(ids))
        items = [
            Item(f"i{next(counter)}", draw(_titles), draw(RULES), draw(_audiences))
            for _ in range(draw(st.integers(0, 3)))
        ]
        calendars.append(Calendar(f"c{index}", f"Kalenteri {index}", owner, items))
    # A calendar may override only what its owner inherits: the items of the
    # calendars of the groups strictly above it (as the loader requires).
    with_overrides: list[Calendar] = []
    for calendar in calendars:
        above = {g.id for g in hierarchy.ancestors(calendar.owner)}
        inherited = [i.id for c in calendars if c.owner in above for i in c.items]
        with_overrides.append(attrs.evolve(calendar, overrides=draw(overrides_for(inherited))))
    return Organisation("testi", "Testiopisto", hierarchy, with_overrides)


def _without_overrides(organisation: Organisation, calendar_id: str) -> Organisation:
    calendars = [
        attrs.evolve(c, overrides=()) if c.id == calendar_id else c for c in organisation.calendars
    ]
    return attrs.evolve(organisation, calendars=calendars)


def _view(
    organisation: Organisation, group: str
) -> tuple[tuple[ResolvedItem, ...], list[CalendarOccurrence]]:
    return organisation.resolve(group), organisation.occurrences(START, END, group)


def _overrides_on_path(organisation: Organisation, group: str) -> Iterator[tuple[int, Override]]:
    """(depth of the override's owner, override) for the group's path, root first."""
    depth = {g.id: i for i, g in enumerate(organisation.hierarchy.path(group))}
    found = [
        (depth[c.owner], o) for c in organisation.calendars if c.owner in depth for o in c.overrides
    ]
    found.sort(key=lambda pair: pair[0])
    return iter(found)


# ---------------------------------------------------------------------------
# Laws
# ---------------------------------------------------------------------------


@EXAMPLES
@given(organisations())
def test_overrides_never_change_the_view_outside_the_owners_subtree(
    organisation: Organisation,
) -> None:
    hierarchy = organisation.hierarchy
    for calendar in organisation.calendars:
        if not calendar.overrides:
            continue
        stripped = _without_overrides(organisation, calendar.id)
        for group in hierarchy.ids:
            if not hierarchy.is_within(group, calendar.owner):
                # ancestors, siblings, other trees: as if the overrides were not there
                assert _view(organisation, group) == _view(stripped, group)


@EXAMPLES
@given(organisations())
def test_a_skipped_item_is_gone_for_the_owner_and_its_descendants(
    organisation: Organisation,
) -> None:
    hierarchy = organisation.hierarchy
    for calendar in organisation.calendars:
        for override in calendar.overrides:
            if not override.skip:
                continue
            for group in (hierarchy.get(calendar.owner), *hierarchy.descendants(calendar.owner)):
                assert override.item not in {r.item.id for r in organisation.resolve(group.id)}
                assert not [
                    occ
                    for occ in organisation.occurrences(START, END, group.id)
                    if occ.item.id == override.item
                ]
                assert override.item not in {r.item.id for r in organisation.undated(group.id)}


@EXAMPLES
@given(organisations())
def test_the_nearest_override_wins_field_by_field(organisation: Organisation) -> None:
    originals = {item.id: item for _calendar, item in organisation.items()}
    for group in organisation.hierarchy.ids:
        path_overrides = list(_overrides_on_path(organisation, group))
        for resolved in organisation.resolve(group):
            original = originals[resolved.item.id]
            mine = [o for _depth, o in path_overrides if o.item == original.id]
            for field in ("title", "audience", "notes"):
                expected = getattr(original, field)
                for override in mine:  # root first: the last one that sets it wins
                    if getattr(override, field) is not None:
                        expected = getattr(override, field)
                assert getattr(resolved.item, field) == expected, field
            # The timing comes from the nearest `when`; the follow-up from the
            # nearest of a `when` that names one and a `results`, and an
            # undated timing has none.
            timing, follow_up = original.rule, original.rule.follow_up
            for override in mine:
                if override.when is not None:
                    timing = override.when
                    if override.when.follow_up is not None or override.when.is_undated:
                        follow_up = override.when.follow_up
                if override.results is not None and not timing.is_undated:
                    follow_up = override.results
            rule = resolved.item.rule
            assert (rule.window, rule.years, rule.cadence) == (
                timing.window,
                timing.years,
                timing.cadence,
            )
            assert rule.follow_up == (None if timing.is_undated else follow_up)
            assert not any(o.skip for o in mine)


@EXAMPLES
@given(organisations())
def test_origin_says_own_inherited_or_adapted(organisation: Organisation) -> None:
    originals = {item.id: item for _calendar, item in organisation.items()}
    for group in organisation.hierarchy.ids:
        applicable = {c.id for c in organisation.calendars_for(group)}
        for resolved in organisation.resolve(group):
            assert resolved.calendar.id in applicable
            if resolved.calendar.owner == group:
                assert resolved.origin is Origin.OWN
                assert resolved.item == originals[resolved.item.id]
            elif resolved.item == originals[resolved.item.id]:
                assert resolved.origin is Origin.INHERITED
            else:
                assert resolved.origin is Origin.ADAPTED


@EXAMPLES
@given(organisations())
def test_ids_are_stable_and_never_contain_the_start(organisation: Organisation) -> None:
    # Seen from any group, an occurrence's id is made of the organisation,
    # the item and the period only (DESIGN §8): adapting a title, audience or
    # notes keeps every id; the owner's (unadapted) view and a group's view
    # agree on the ids of the items whose rule the group did not change.
    originals = {item.id: item for _calendar, item in organisation.items()}
    owners = {item.id: c.owner for c, item in organisation.items()}
    for group in organisation.hierarchy.ids:
        for occ in organisation.occurrences(START, END, group):
            part = ".tulokset" if occ.follow_up else ""
            assert occ.id == f"testi.{occ.item.id}.{occ.period}{part}"
            assert f"{occ.start:%Y%m%d}" not in occ.id
        for resolved in organisation.resolve(group):
            item_id = resolved.item.id
            if resolved.item.rule != originals[item_id].rule:
                continue
            here = {
                o.id for o in organisation.occurrences(START, END, group) if o.item.id == item_id
            }
            there = {
                o.id
                for o in organisation.occurrences(START, END, owners[item_id])
                if o.item.id == item_id
            }
            assert here == there


def test_a_descendant_cannot_bring_back_a_skipped_item() -> None:
    hierarchy = Hierarchy(
        [
            Group("ohr", "OHR"),
            Group("kampus", "Kampus", parent="ohr"),
            Group("yks", "Yksikkö", parent="kampus"),
        ]
    )
    organisation = Organisation(
        "testi",
        "Testiopisto",
        hierarchy,
        [
            Calendar("k", "Kalenteri", "ohr", [Item("viikko", "Viikko", Rule(MonthWindow(9, 9)))]),
            Calendar("kk", "Kampus", "kampus", overrides=[Override("viikko", skip=True)]),
            Calendar(
                "yk",
                "Yksikkö",
                "yks",
                overrides=[Override("viikko", when=Rule(WeekWindow(40, 40)))],
            ),
        ],
    )
    assert [r.item.id for r in organisation.resolve("ohr")] == ["viikko"]
    assert organisation.resolve("kampus") == ()
    assert organisation.resolve("yks") == ()


# ---------------------------------------------------------------------------
# The loader
# ---------------------------------------------------------------------------

BASE = textwrap.dedent(
    """\
    schema = 1

    [organisation]
    id = "testi"
    name = "Testiopisto"

    [[groups]]
    id = "ohr"
    name = "Opiskeluhuoltoryhmä"

    [[groups]]
    id = "kampus"
    name = "Kampuksen ohr"
    parent = "ohr"

    [[groups]]
    id = "yksikko"
    name = "Yksikkö"
    parent = "kampus"

    [[groups]]
    id = "muu"
    name = "Toinen kampus"
    parent = "ohr"

    [[calendars]]
    id = "vuosikello"
    name = "Vuosikello"
    owner = "ohr"

    [[calendars.items]]
    id = "kotivaenilta"
    title = "Kotiväenilta"
    when = "syyskuussa"

    [[calendars.items]]
    id = "liikenneturvallisuusviikko"
    title = "Liikenneturvallisuusviikko"
    when = "syyskuussa"

    [[calendars]]
    id = "muu-kello"
    name = "Toisen kampuksen kello"
    owner = "muu"

    [[calendars.items]]
    id = "muun-kavely"
    title = "Kävely"
    when = "lokakuussa"
    """
)


def _calendar(owner: str, overrides: str) -> str:
    return (
        f'\n[[calendars]]\nid = "{owner}-kello"\nname = "{owner}"\nowner = "{owner}"\n'
        + textwrap.dedent(overrides)
    )


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    hits = [n for n, line in enumerate(lines, 1) if needle in line]
    return hits[occurrence - 1]


def _rule_for(text: str, group: str, item: str) -> Rule:
    result = validate_text(text)
    assert result.errors == (), [p.format("en") for p in result.errors]
    assert result.organisation is not None
    (found,) = [r.item.rule for r in result.organisation.resolve(group) if r.item.id == item]
    return found


SURVEY = BASE.replace(
    'id = "kotivaenilta"\ntitle = "Kotiväenilta"\nwhen = "syyskuussa"',
    'id = "kotivaenilta"\ntitle = "Kotiväenilta"\nwhen = "syyskuussa"\n'
    'results = "tulokset joulukuussa"',
)


def test_a_when_override_keeps_the_inherited_results() -> None:
    assert SURVEY != BASE
    text = SURVEY + _calendar(
        "kampus", '[[calendars.overrides]]\nitem = "kotivaenilta"\nwhen = "10.9."\n'
    )
    december = FollowUp(MonthWindow(12, 12))
    assert _rule_for(text, "ohr", "kotivaenilta") == Rule(MonthWindow(9, 9), follow_up=december)
    for group in ("kampus", "yksikko"):
        assert _rule_for(text, group, "kotivaenilta") == Rule(
            DateWindow.on(10, 9), follow_up=december
        )


def test_when_and_results_set_at_different_levels_combine() -> None:
    text = (
        SURVEY
        + _calendar("kampus", '[[calendars.overrides]]\nitem = "kotivaenilta"\nwhen = "10.9."\n')
        + _calendar(
            "yksikko",
            '[[calendars.overrides]]\nitem = "kotivaenilta"\nresults = "tammikuussa"\n',
        )
    )
    assert _rule_for(text, "kampus", "kotivaenilta") == Rule(
        DateWindow.on(10, 9), follow_up=FollowUp(MonthWindow(12, 12))
    )
    assert _rule_for(text, "yksikko", "kotivaenilta") == Rule(
        DateWindow.on(10, 9), follow_up=FollowUp(MonthWindow(1, 1))
    )


def test_results_above_and_when_below_combine() -> None:
    text = (
        SURVEY
        + _calendar(
            "kampus", '[[calendars.overrides]]\nitem = "kotivaenilta"\nresults = "lokakuussa"\n'
        )
        + _calendar("yksikko", '[[calendars.overrides]]\nitem = "kotivaenilta"\nwhen = "8.9."\n')
    )
    assert _rule_for(text, "kampus", "kotivaenilta") == Rule(
        MonthWindow(9, 9), follow_up=FollowUp(MonthWindow(10, 10))
    )
    assert _rule_for(text, "yksikko", "kotivaenilta") == Rule(
        DateWindow.on(8, 9), follow_up=FollowUp(MonthWindow(10, 10))
    )


def test_results_for_an_undated_item_is_an_error() -> None:
    undated = BASE.replace(
        'title = "Kotiväenilta"\nwhen = "syyskuussa"',
        'title = "Kotiväenilta"\nwhen = "tarpeen mukaan"',
    )
    assert undated != BASE
    text = undated + _calendar(
        "kampus", '[[calendars.overrides]]\nitem = "kotivaenilta"\nresults = "tammikuussa"\n'
    )
    result = validate_text(text, "x.toml")
    line = _line_of(text, 'results = "tammikuussa"')
    assert [p.format("en") for p in result.errors] == [
        f"x.toml:{line}: calendars[2].overrides[0].results: "
        "an undated item (every meeting, as needed) cannot have results"
    ]


def test_override_of_an_item_the_group_does_not_inherit_is_an_error_with_its_line() -> None:
    text = BASE + _calendar(
        "kampus",
        """
        [[calendars.overrides]]
        item = "kotivaenilta"
        when = "10.9."

        [[calendars.overrides]]
        item = "muun-kavely"
        when = "1.10."
        """,
    )
    result = validate_text(text, "kampus.toml")
    assert not result.ok
    (problem,) = result.errors
    assert problem.file == "kampus.toml"
    assert problem.line == _line_of(text, 'item = "muun-kavely"')
    assert problem.path == "calendars[2].overrides[1].item"
    assert "muun-kavely" in problem.message("fi") and "ei periydy" in problem.message("fi")
    assert "is not inherited" in problem.message("en")


def test_override_of_an_unknown_item_is_an_error_with_its_line() -> None:
    text = BASE + _calendar(
        "kampus",
        """
        [[calendars.overrides]]
        item = "kotivaenillta"
        when = "10.9."
        """,
    )
    result = validate_text(text, "kampus.toml")
    (problem,) = result.errors
    assert problem.line == _line_of(text, 'item = "kotivaenillta"')
    assert "kotivaenilta" in problem.message("fi")  # the suggestion


def test_override_of_an_item_skipped_above_is_an_error_with_its_line() -> None:
    text = (
        BASE
        + _calendar(
            "kampus",
            """
            [[calendars.overrides]]
            item = "liikenneturvallisuusviikko"
            skip = true
            """,
        )
        + _calendar(
            "yksikko",
            """
            [[calendars.overrides]]
            item = "liikenneturvallisuusviikko"
            when = "viikolla 38"
            """,
        )
    )
    result = validate_text(text, "yksikko.toml")
    (problem,) = result.errors
    assert problem.line == _line_of(text, 'item = "liikenneturvallisuusviikko"', 2)
    assert problem.path == "calendars[3].overrides[0].item"
    assert "kampus" in problem.message("fi")
    assert "skips it" in problem.message("en")


def test_skip_and_adaptations_take_effect_below_only() -> None:
    text = (
        BASE
        + _calendar(
            "kampus",
            """
            [[calendars.overrides]]
            item = "liikenneturvallisuusviikko"
            skip = true

            [[calendars.overrides]]
            item = "kotivaenilta"
            when = "10.9."
            title = "Kampuksen kotiväenilta"
            """,
        )
        + _calendar(
            "yksikko",
            """
            [[calendars.overrides]]
            item = "kotivaenilta"
            when = "17.9."
            """,
        )
    )
    result = validate_text(text)
    assert result.errors == ()
    organisation = result.organisation
    assert organisation is not None

    def seen(group: str) -> dict[str, ResolvedItem]:
        return {r.item.id: r for r in organisation.resolve(group)}

    # the ancestor's view is unchanged
    assert seen("ohr")["kotivaenilta"].item.rule == Rule(MonthWindow(9, 9))
    assert seen("ohr")["kotivaenilta"].origin is Origin.OWN
    assert "liikenneturvallisuusviikko" in seen("ohr")
    # the sibling campus is untouched
    assert seen("muu")["kotivaenilta"].origin is Origin.INHERITED
    assert "liikenneturvallisuusviikko" in seen("muu")
    # the owner and its descendants do not hold the skipped item
    for group in ("kampus", "yksikko"):
        assert "liikenneturvallisuusviikko" not in seen(group)
    # the nearest override wins: the unit's date, the campus's title
    assert seen("kampus")["kotivaenilta"].item.rule == Rule(DateWindow.on(10, 9))
    unit = seen("yksikko")["kotivaenilta"]
    assert unit.origin is Origin.ADAPTED
    assert unit.item.rule == Rule(DateWindow.on(17, 9))
    assert unit.item.title == "Kampuksen kotiväenilta"
    (occ,) = organisation.occurrences(dt.date(2026, 8, 1), dt.date(2026, 12, 31), "yksikko")
    # the unit moved the date: the id names the item and the year, so it is the same
    assert (occ.start, occ.id) == (dt.date(2026, 9, 17), "testi.kotivaenilta.2026")
    (occ,) = [
        o
        for o in organisation.occurrences(dt.date(2026, 8, 1), dt.date(2026, 12, 31), "muu")
        if o.item.id == "kotivaenilta"
    ]
    assert (occ.start, occ.id) == (dt.date(2026, 9, 1), "testi.kotivaenilta.2026")


# ---------------------------------------------------------------------------
# show --group
# ---------------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def unit_data(tmp_path: Path) -> Path:
    text = BASE + _calendar(
        "kampus",
        """
        [[calendars.items]]
        id = "kampuksen-kavely"
        title = "Kampuksen turvallisuuskävely"
        when = "elokuussa"

        [[calendars.overrides]]
        item = "kotivaenilta"
        when = "10.9."

        [[calendars.overrides]]
        item = "liikenneturvallisuusviikko"
        skip = true
        """,
    )
    path = tmp_path / "yksikot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_show_group_marks_own_inherited_and_adapted(unit_data: Path) -> None:
    status, out, err = _run(
        "show", "--data", str(unit_data), "--school-year", "2026", "--group", "kampus"
    )
    assert status == 0, err
    assert "  A = Vuosikello (Opiskeluhuoltoryhmä) – peritty" in out
    assert "  B = kampus (Kampuksen ohr) – oma" in out
    assert "B Kampuksen turvallisuuskävely\n" in out
    assert "A Kotiväenilta [mukautettu]\n" in out
    assert "  to 10.9." in out
    assert "Liikenneturvallisuusviikko" not in out
    # the ancestor's view: unmarked, the original month, the skipped item
    status, out, err = _run(
        "show", "--data", str(unit_data), "--school-year", "2026", "--group", "ohr"
    )
    assert status == 0, err
    assert "[mukautettu]" not in out
    assert "1.9.–30.9." in out and "Liikenneturvallisuusviikko" in out


def test_show_group_in_english_marks_adapted(unit_data: Path) -> None:
    status, out, _err = _run(
        "show",
        "--data",
        str(unit_data),
        "--school-year",
        "2026",
        "--group",
        "yksikko",
        "--lang",
        "en",
    )
    assert status == 0
    assert "Kotiväenilta [adapted]" in out
    assert "– inherited" in out


@pytest.mark.usefixtures("manager")
def test_export_with_group_uses_the_resolved_calendar(unit_data: Path) -> None:
    status, out, err = _run(
        "export",
        "csv",
        "--data",
        str(unit_data),
        "--school-year",
        "2026",
        "--group",
        "kampus",
        "-o",
        "-",
    )
    assert status == 0, err
    assert "2026-09-10,2026-09-10,kotivaenilta," in out
    assert ",testi.kotivaenilta.2026," in out
    assert "liikenneturvallisuusviikko" not in out
    status, out, err = _run(
        "export",
        "csv",
        "--data",
        str(unit_data),
        "--school-year",
        "2026",
        "--group",
        "muu",
        "-o",
        "-",
    )
    assert "2026-09-01,2026-09-30,kotivaenilta," in out
    assert ",testi.liikenneturvallisuusviikko.2026," in out
