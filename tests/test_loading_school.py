"""The school calendar in data files: terms, breaks, meetings and the table forms.

The phrase forms and the core are tested in test_school.py; here the loader:
that every school-calendar phrase has a table form that loads to the same
rule, that breaks are inherited and overridden per group, that meetings are
a rule with extra and cancelled meetings, and that every problem names its
key (the broken corpus in tests/broken/ has the FILE:LINE messages).
"""

from __future__ import annotations

import datetime as dt

import pytest

from opiskeluhuolto.loading import loads, validate_text
from opiskeluhuolto.phrases import describe, parse_rule
from opiskeluhuolto.recurrence import Rule

D = dt.date

HEAD = """schema = 1
[organisation]
id = "org"
name = "Oppilaitos"

[[groups]]
id = "ohr"
name = "Opiskeluhuoltoryhmä"
meetings = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"

[[groups]]
id = "kampus"
name = "Kampus"
parent = "ohr"

[[groups]]
id = "yksikko"
name = "Yksikkö"
parent = "kampus"

[[terms]]
school_year = 2026
autumn = "12.8.–18.12."
spring = "7.1.–29.5."

[[breaks]]
id = "syysloma"
name = "Syysloma"
when = "viikolla 42"

[[breaks]]
id = "talviloma"
name = "Talviloma"
when = { weeks = 9 }
"""


def rule_of(when: str) -> Rule:
    text = (
        HEAD
        + f"""
[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "kohta"
title = "Kohta"
when = {when}
"""
    )
    organisation = loads(text)
    (item,) = organisation.calendars[0].items
    return item.rule


TABLES = [
    ('{ break = "syysloma" }', "syyslomalla"),
    ('{ break = "syysloma", relation = "before" }', "ennen syyslomaa"),
    ('{ break = "talviloma", relation = "after" }', "talviloman jälkeen"),
    ('{ term = "autumn", anchor = "first-day" }', "lukuvuoden ensimmäisenä koulupäivänä"),
    ('{ term = "autumn", anchor = "first-week" }', "lukuvuoden alussa"),
    ('{ term = "spring", anchor = "last-day" }', "kevätlukukauden viimeisenä koulupäivänä"),
    ('{ term = "spring", anchor = "last-week" }', "kevätlukukauden lopussa"),
    ('{ school_day = "6.12.", direction = "before" }', "6.12. edeltävänä koulupäivänä"),
    ('{ school_day = "1.9.", direction = "after" }', "ensimmäisenä koulupäivänä 1.9. jälkeen"),
    (
        '{ school_day = "6.12.", direction = "before", time = "10-11.30" }',
        "6.12. edeltävänä koulupäivänä klo 10–11.30",
    ),
    ('{ date = "6.12.", school_days = "previous" }', "6.12., siirtyy edelliseen koulupäivään"),
    ('{ date = "1.5.", school_days = "next" }', "1.5., siirtyy seuraavaan koulupäivään"),
    (
        '{ months = [9, 5], repeat = "weekly", weekday = "ma", school_days = "skip" }',
        "maanantaisin syys–toukokuussa, ei lomilla",
    ),
    (
        '{ weeks = [43, 44], results = { meeting = "next" } }',
        "viikoilla 43–44, tulokset seuraavassa kokouksessa",
    ),
]


@pytest.mark.parametrize(("table", "phrase"), TABLES)
def test_table_form_equals_the_phrase(table: str, phrase: str) -> None:
    rule = rule_of(table)
    assert rule == parse_rule(phrase)
    assert rule_of(f'"{describe(rule)}"') == rule


@pytest.mark.parametrize(
    ("table", "key", "fi"),
    [
        ('{ break = "syys" }', "break", "päättyy 'loma'"),
        ('{ break = "syysloma", relation = "during-ish" }', "relation", "tuntematon arvo"),
        ('{ weeks = 40, relation = "before" }', "relation", "käy vain avaimen 'break'"),
        ('{ term = "autumn" }', "anchor", "tarvitaan 'anchor'"),
        ('{ term = "winter", anchor = "first-day" }', "term", "tuntematon arvo"),
        ('{ school_day = "6.12." }', "direction", "tarvitaan 'direction'"),
        ('{ school_day = "6.12.–7.12.", direction = "before" }', "school_day", "yhdestä päivästä"),
        ('{ weeks = 40, school_days = "maybe" }', "school_days", "tuntematon arvo"),
        ('{ weeks = 40, school_days = "previous" }', "", "vain yhden päivän ajankohta"),
        ('{ break = "syysloma", repeat = "weekly" }', "", "ei voi rajata lomaan"),
        ('{ weeks = 40, results = { meeting = "last" } }', "meeting", "tuntematon arvo"),
    ],
)
def test_table_form_problems_name_the_key(table: str, key: str, fi: str) -> None:
    text = (
        HEAD
        + f"""
[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "kohta"
title = "Kohta"
when = {table}
"""
    )
    result = validate_text(text, "vuosikello.toml")
    assert not result.ok
    messages = [(p.path, p.message_fi) for p in result.errors]
    assert any(p_key.endswith(key) and fi in message for p_key, message in messages), messages


CAMPUS_WEEK_43 = """
[[breaks]]
id = "syysloma"
name = "Syysloma"
when = "viikolla 43"
group = "kampus"

[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "viikkokahvit"
title = "Viikkokahvit"
when = "maanantaisin syys–marraskuussa, ei lomilla"
"""


def test_a_campus_takes_its_autumn_break_in_week_43() -> None:
    organisation = loads(HEAD + CAMPUS_WEEK_43)
    start, end = D(2026, 10, 1), D(2026, 10, 31)

    def mondays(group: str) -> list[D]:
        return [o.start for o in organisation.occurrences(start, end, group)]

    # Week 42 is 12.–18.10.2026, week 43 19.–25.10.2026.
    assert mondays("ohr") == [D(2026, 10, 5), D(2026, 10, 19), D(2026, 10, 26)]
    assert mondays("kampus") == [D(2026, 10, 5), D(2026, 10, 12), D(2026, 10, 26)]
    assert mondays("yksikko") == mondays("kampus")  # inherited from the campus
    campus = organisation.school_calendar("kampus")
    assert [b.id for b in campus.breaks] == ["syysloma", "talviloma"]
    assert campus.is_school_day(D(2026, 10, 14)) and not campus.is_school_day(D(2026, 10, 21))


def test_a_skipped_break_is_gone_for_the_group_and_below() -> None:
    text = (
        HEAD
        + """
[[breaks]]
id = "talviloma"
name = "Talviloma"
when = "viikolla 9"
group = "kampus"
skip = true
"""
    )
    organisation = loads(text)
    winter_monday = D(2027, 3, 1)  # week 9 of 2027
    assert not organisation.school_calendar("ohr").is_school_day(winter_monday)
    assert organisation.school_calendar("kampus").is_school_day(winter_monday)
    assert organisation.school_calendar("yksikko").is_school_day(winter_monday)


def test_meetings_rule_with_extra_and_cancelled_meetings() -> None:
    text = HEAD.replace(
        'meetings = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"',
        'meetings = "joka kuukauden toisena tiistaina klo 14–15.30 elo–toukokuussa, ei lomilla"\n'
        "extra_meetings = [2026-08-18, 2026-10-06]\n"
        "cancelled_meetings = [2026-12-08]",
    )
    organisation = loads(text)
    days = [m.day for m in organisation.meetings("ohr", D(2026, 8, 1), D(2026, 12, 31))]
    # The second Tuesdays: 11.8. (before the term), 8.9., 13.10. (autumn break),
    # 10.11., 8.12. (cancelled); the extras 18.8. and 6.10.
    assert days == [D(2026, 8, 18), D(2026, 9, 8), D(2026, 10, 6), D(2026, 11, 10)]
    timed = organisation.meetings("ohr", D(2026, 9, 1), D(2026, 9, 30))
    assert timed[0].time is not None and timed[0].time.start == dt.time(14, 0)
    extra = organisation.meetings("ohr", D(2026, 8, 18), D(2026, 8, 18))
    assert extra[0].extra and extra[0].time == timed[0].time  # at the rule's time


def test_results_at_the_next_meeting_of_the_owning_group() -> None:
    organisation = loads(
        HEAD
        + """
[[calendars]]
id = "vuosikello"
name = "Vuosikello"
owner = "ohr"

[[calendars.items]]
id = "kysely"
title = "Kysely"
when = "viikoilla 43–44, tulokset seuraavassa kokouksessa"
"""
    )
    found = organisation.occurrences(D(2026, 10, 1), D(2026, 12, 31), "kampus")
    results = [o for o in found if o.follow_up]
    # The survey ends Sun 1.11.2026; the group's next meeting is Tue 10.11.2026.
    assert [(o.start, o.end) for o in results] == [(D(2026, 11, 10), D(2026, 11, 10))]


def test_terms_with_their_own_years_load() -> None:
    text = HEAD.replace(
        'autumn = "12.8.–18.12."\nspring = "7.1.–29.5."',
        'autumn = "12.8.2026–18.12.2026"\nspring = "7.1.2027–29.5.2027"',
    )
    (term,) = loads(text).terms
    assert (term.autumn, term.spring) == (
        (D(2026, 8, 12), D(2026, 12, 18)),
        (D(2027, 1, 7), D(2027, 5, 29)),
    )
