"""The embedded Sedu data set (src/opiskeluhuolto/data/sedu.toml).

Two layers:

* raw-TOML tests (tomllib only): the file says what the seed says – the exact
  Finnish phrases of every stated timing, ids, kinds, audiences, references,
  the example meeting dates;
* loaded tests (``load_default()``): the hierarchy, the highlight flows and a
  table of the dates of every stated timing for the school years 2025–2026 and
  2026–2027.

Every expected date below was worked out by hand (ISO week Mondays/Sundays,
month lengths), never with the library.  Where the data set uses a
*convention* (the seed names the event only), the tests check the convention
loosely (e.g. one virtual coffee a month) so that editing the data stays cheap.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
import tomllib
from collections import Counter
from typing import Any

import pytest

from opiskeluhuolto import loading
from opiskeluhuolto.calendar import ItemKind, Organisation
from opiskeluhuolto.groups import Audience, GroupKind
from opiskeluhuolto.loading import load_default
from opiskeluhuolto.recurrence import Cadence, SchoolYear

D = dt.date

CAMPUSES = ("seinajoki", "lapua", "ilmajoki", "ahtari", "kurikka")
CAMPUS_GROUPS = tuple(f"ohr-{c}" for c in CAMPUSES)
SAFETY_GROUPS = tuple(f"turvallisuusryhma-{c}" for c in CAMPUSES)
FORUMS = tuple(f"foorumi-{c}" for c in CAMPUSES)

WELFARE = "ohr-vuosikello"
HOME_SCHOOL = "kodin-ja-koulun-vuosikello"
NATIONAL = "valtakunnallinen"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {k.value for k in ItemKind}
AUDIENCES = {a.value for a in Audience}


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    text = (
        importlib.resources.files("opiskeluhuolto")
        .joinpath("data/sedu.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


@pytest.fixture(scope="module")
def national() -> dict[str, Any]:
    """The national data set that sedu.toml extends."""
    return tomllib.loads(loading.data_set_text("kansallinen"))


@pytest.fixture(scope="module")
def raw_items(raw: dict[str, Any], national: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every item of sedu.toml and the national data it extends, by id, with the id of
    its calendar under "_calendar"."""
    found: dict[str, dict[str, Any]] = {}
    for calendar in (*national["calendars"], *raw["calendars"]):
        for item in calendar.get("items", []):
            found[item["id"]] = {**item, "_calendar": calendar["id"]}
    return found


@pytest.fixture(scope="module")
def org() -> Organisation:
    return load_default()


def spans(org: Organisation, item_id: str, first_year: int) -> list[tuple[D, D, bool]]:
    """(start, end, is_follow_up) of ``item_id`` within school year ``first_year``."""
    sy = SchoolYear(first_year)
    return [
        (o.start, o.end, o.follow_up)
        for o in org.occurrences(sy.start, sy.end)
        if o.item.id == item_id
    ]


# ---------------------------------------------------------------------------
# Raw file: organisation, ids, kinds, audiences, references
# ---------------------------------------------------------------------------


def test_header(raw: dict[str, Any]) -> None:
    assert raw["schema"] == 1
    assert raw["organisation"] == {
        "id": "sedu",
        "name": "Seinäjoen koulutuskuntayhtymä Sedu",
        "timezone": "Europe/Helsinki",
    }


def test_calendars(raw: dict[str, Any], national: dict[str, Any]) -> None:
    assert raw["extends"] == "kansallinen"
    # The national calendar is placed under the Sedu welfare group (its only keys here).
    assert raw["calendars"][0] == {"id": NATIONAL, "owner": "sedu-ohr"}
    assert [(c["id"], c["name"], c["owner"]) for c in raw["calendars"][1:]] == [
        (WELFARE, "Sedu opiskeluhuoltoryhmien vuosikello", "sedu-ohr"),
        (HOME_SCHOOL, "Kodin ja koulun yhteistyön vuosikello", "sedu-ohr"),
    ]
    assert [(c["id"], c["name"]) for c in national["calendars"]] == [
        (NATIONAL, "Valtakunnalliset kyselyt ja arvioinnit")
    ]
    assert "owner" not in national["calendars"][0]  # the extending file places it


def test_ids_are_ascii_kebab_case_and_unique(raw: dict[str, Any], national: dict[str, Any]) -> None:
    group_ids = [g["id"] for g in raw["groups"]]
    calendars = (*national["calendars"], *raw["calendars"][1:])
    calendar_ids = [c["id"] for c in calendars]
    item_ids = [i["id"] for c in calendars for i in c.get("items", [])]
    for ids in (group_ids, calendar_ids, item_ids):
        assert [i for i, n in Counter(ids).items() if n > 1] == []
        assert [i for i in ids if not ID_RE.match(i)] == []


def test_every_item_has_kind_and_audience(raw_items: dict[str, dict[str, Any]]) -> None:
    assert [i for i, item in raw_items.items() if item.get("kind") not in KINDS] == []
    assert [i for i, item in raw_items.items() if not item.get("audience")] == []
    for item in raw_items.values():
        assert set(item["audience"]) <= AUDIENCES, item["id"]


def test_every_item_is_written_as_a_finnish_phrase(raw_items: dict[str, dict[str, Any]]) -> None:
    # The point of the format: no structured `when` tables in Sedu's own data.
    assert [i for i, item in raw_items.items() if not isinstance(item["when"], str)] == []
    assert [
        i
        for i, item in raw_items.items()
        if "results" in item and not isinstance(item["results"], str)
    ] == []


def test_group_references_exist(raw: dict[str, Any]) -> None:
    ids = {g["id"] for g in raw["groups"]}
    for group in raw["groups"]:
        assert group.get("parent") is None or group["parent"] in ids, group["id"]
        assert set(group.get("highlights_to", ())) <= ids, group["id"]
        assert group.get("roles"), f"{group['id']} has no roles"
    for calendar in raw["calendars"]:
        assert calendar["owner"] in ids


# Titles as on the slides (spelling kept, including the seed's own).
def test_slide_titles_present(raw_items: dict[str, dict[str, Any]]) -> None:
    titles = {item["title"] for item in raw_items.values()}
    for title in (
        "Koulun aloitus ja ryhmäytymistoiminnat",
        "Liikenneturvallisuusviikko",
        "Itsenäisyyspäiväjuhla",
        "Valmistumisjuhla/joulujuhla",
        "Amisbarometri",
        "Turvallisuuskysely",
        "Kouluterveyskysely",
        "Kesän Vauhdittamo-toiminta",
        "Amiskoutsin palvelut kesän ajalla",
        "Opiskeluhuollon palvelut kesän ajalla",
        "Nostot Foorumin ja Fokuksen kokouksista",
        "Wilma tunnukset huoltajille",
        "Kotiväenilta",
        "Kotiväenilta/avoimet ovet",
        "Opiskelijan opas",
        "Uusien opiskelijoiden tutustuminen kampukseen",
        "Opiskelijoiden virtuaalikahvit",
        "Opiskelijahyvinvoinnin uutiskirje",
        "Opiskeluhyvinvoinnin infokirje",
        "Tuttu-hanke 2024–2025",
    ):
        assert title in titles, title


def test_virtual_coffees_keep_the_slide_s_parenthesis_as_a_note(
    raw_items: dict[str, dict[str, Any]],
) -> None:
    # Slide 3: "Opiskelijoiden virtuaalikahvit (tallenteen linkki Wilmaan)".  The
    # parenthesis is a note for staff (and marks the Wilma draft's recording
    # line), not part of the title that goes into the Wilma subject.
    coffees = [item for i, item in raw_items.items() if i.startswith("virtuaalikahvit")]
    # one monthly item, not ten copies (DESIGN §8)
    assert [item["when"] for item in coffees] == ["kuukausittain elo–toukokuussa"]
    for item in coffees:
        assert (item["title"], item["notes"]) == (
            "Opiskelijoiden virtuaalikahvit",
            "Tallenteen linkki Wilmaan.",
        )


# ---------------------------------------------------------------------------
# Raw file: stated timings kept exactly as the seed's phrases
# ---------------------------------------------------------------------------

STATED_PHRASES = {
    # item id: (when, results or None)
    "hyvinvointi-virtaa": ("viikolla 40", None),
    "huoltajakysely": ("viikoilla 43 ja 44", "aikaisintaan marraskuussa"),
    "tea-viisari": ("parillisen vuoden loka-joulukuussa", None),
    "kiusaamiskysely": ("vuosittain viikoilla 48 ja 49", "aikaisintaan tammikuussa"),
    "amisbarometri": ("keväällä joka toinen vuosi, seuraava 2026", "elokuussa"),
    "turvallisuuskavelyt-suojautumisharjoitus": ("tammi-maaliskuussa", None),
    "turvallisuuskysely": ("11.2.", None),
    "kouluterveyskysely": ("keväisin joka toinen vuosi, viimeksi vuonna 2025", "syksyllä"),
    "itsenaisyyspaivajuhla": ("6.12. edeltävänä koulupäivänä", None),
    "kotivaenilta-avoimet-ovet": ("helmi- maaliskuussa", None),
}


@pytest.mark.parametrize("item_id", sorted(STATED_PHRASES))
def test_stated_phrase(raw_items: dict[str, dict[str, Any]], item_id: str) -> None:
    when, results = STATED_PHRASES[item_id]
    item = raw_items[item_id]
    assert item["when"] == when
    assert item.get("results") == results


def test_stated_kinds_and_calendars(raw_items: dict[str, dict[str, Any]]) -> None:
    assert raw_items["turvallisuuskavelyt-suojautumisharjoitus"]["kind"] == "drill"
    for survey, calendar in (
        ("huoltajakysely", WELFARE),
        ("kiusaamiskysely", WELFARE),
        ("turvallisuuskysely", WELFARE),
        ("amisbarometri", NATIONAL),
        ("kouluterveyskysely", NATIONAL),
        ("tea-viisari", NATIONAL),
    ):
        assert raw_items[survey]["kind"] == "survey", survey
        assert raw_items[survey]["_calendar"] == calendar, survey
    # The guardian survey is one item shown in both calendars: the guardians
    # answer it, staff and the welfare group follow it.
    survey = raw_items["huoltajakysely"]
    assert survey["also_in"] == [HOME_SCHOOL]
    assert survey["audience"] == ["huoltajat", "henkilosto", "ohr"]
    # Sent on the Friday of week 41, before the autumn break (week 42).
    assert survey["lead_days"] == 10


def test_national_items_name_their_source(national: dict[str, Any]) -> None:
    for item in national["calendars"][0]["items"]:
        assert item["source"].strip(), item["id"]


SLIDE_2_UNDATED = {
    "jokaisessa kokouksessa": {
        "nostot-foorumi-fokus",
        "ajankohtaiset-akuutit",
        "tulossa-tapahtumat",
    },
    "tarpeen mukaan": {
        "nostot-sedu-ohr-muistiot",
        "yksikon-vuosikello-paivitys",
        "toimintaohjeet-lapikaynti",
        "arvo-palautekyselyt",
        "tyorauha-poissaolot",
    },
}


def test_slide_2_undated_items(raw_items: dict[str, dict[str, Any]]) -> None:
    for when, ids in SLIDE_2_UNDATED.items():
        found = {
            i for i, it in raw_items.items() if it["when"] == when and it["_calendar"] == WELFARE
        }
        assert found == ids
        for item_id in ids:
            assert raw_items[item_id]["kind"] == "meeting"


def test_home_school_as_needed_contacts(raw_items: dict[str, dict[str, Any]]) -> None:
    found = {
        i
        for i, it in raw_items.items()
        if it["when"] == "tarpeen mukaan" and it["_calendar"] == HOME_SCHOOL
    }
    assert found == {
        "tiedottaminen-opintojen-sisallosta",
        "opintojen-eteneminen",
        "opiskelijan-lasnaolot",
        "ajankohtaiset-tiedotteet",
        "hoks-paivitys",
        "huolenpitokeskustelut",
    }


def test_items_of_both_seasons_are_separate(raw_items: dict[str, dict[str, Any]]) -> None:
    for base in ("tyokykypassi-puheeksiotto", "turvallisuus-paihdetilanne", "erityinen-tuki"):
        autumn, spring = raw_items[f"{base}-syksy"], raw_items[f"{base}-kevat"]
        assert (autumn["when"], spring["when"]) == ("syksyllä", "keväällä")
        assert autumn["_calendar"] == spring["_calendar"] == WELFARE


# ---------------------------------------------------------------------------
# Raw file: audiences
# ---------------------------------------------------------------------------

# Items guardians must hear about (the wilma exporter drafts for them).
GUARDIAN_ITEMS = {
    "hoks-kutsu-huoltajat",
    "wilma-tunnukset-huoltajille",
    "uutiskirje-syyskuu",
    "uutiskirje-lokakuu",
    "infokirje-tammikuu",
    "infokirje-huhtikuu",
    "kotivaenilta-syksy",
    "huoltajakysely",
    "valmistumisjuhla-joulukuu",
    "valmistumisjuhla-kevat",
    "uusien-opiskelijoiden-tutustuminen",
    "opiskelijan-opas",
    "kotivaenilta-avoimet-ovet",
    "tiedottaminen-opintojen-sisallosta",
    "opintojen-eteneminen",
    "opiskelijan-lasnaolot",
    "ajankohtaiset-tiedotteet",
    "hoks-paivitys",
    "huolenpitokeskustelut",
    "kesan-vauhdittamo",
    "amiskoutsi-kesa",
    "opiskeluhuolto-kesa",
}

# Items students must hear about.
STUDENT_ITEMS = {
    "koulun-aloitus",
    "turvallisuuskavely-syksy",
    "liikkuva-opiskelu-arviointi",
    "hyvinvointi-virtaa",
    "liikenneturvallisuusviikko",
    "itsenaisyyspaivajuhla",
    "kiusaamiskysely",
    "amisbarometri",
    "turvallisuuskysely",
    "kouluterveyskysely",
    "kesan-vauhdittamo",
    "amiskoutsi-kesa",
    "opiskeluhuolto-kesa",
    "virtuaalikahvit",
    "arvo-aloituskysely",
    "arvo-paattokysely",
    *(GUARDIAN_ITEMS - {"hoks-kutsu-huoltajat", "wilma-tunnukset-huoltajille", "huoltajakysely"}),
}


def test_guardian_audience(raw_items: dict[str, dict[str, Any]]) -> None:
    found = {i for i, it in raw_items.items() if "huoltajat" in it["audience"]}
    assert found == GUARDIAN_ITEMS


def test_student_audience(raw_items: dict[str, dict[str, Any]]) -> None:
    found = {i for i, it in raw_items.items() if "opiskelijat" in it["audience"]}
    assert found == STUDENT_ITEMS


def test_home_school_items_reach_home(raw_items: dict[str, dict[str, Any]]) -> None:
    # Every dated or as-needed home–school item reaches guardians or students,
    # except the project item.
    for item_id, item in raw_items.items():
        if item["_calendar"] == HOME_SCHOOL and item_id != "tuttu-hanke":
            assert {"huoltajat", "opiskelijat"} & set(item["audience"]), item_id


# Events in both calendars are one item, shown in both (``also_in``).
SHARED_EVENTS = {
    "kotivaenilta-syksy",
    "huoltajakysely",
    "valmistumisjuhla-joulukuu",
    "valmistumisjuhla-kevat",
}


def test_shared_events_are_one_item_in_both_calendars(
    raw_items: dict[str, dict[str, Any]], org: Organisation
) -> None:
    assert {i for i, it in raw_items.items() if it.get("also_in")} == SHARED_EVENTS
    for item_id in SHARED_EVENTS:
        assert raw_items[item_id]["_calendar"] == WELFARE
        assert raw_items[item_id]["also_in"] == [HOME_SCHOOL]
        home_school = next(c for c in org.calendars if c.id == HOME_SCHOOL)
        assert item_id not in {i.id for i in home_school.items}


def test_no_student_or_guardian_hears_of_an_event_twice(org: Organisation) -> None:
    # No two items for the same audience overlap in time with a shared title
    # part ("Valmistumisjuhla/joulujuhla" shares "Valmistumisjuhla").
    sy = SchoolYear(2026)
    mains = [o for o in org.occurrences(sy.start, sy.end) if not o.follow_up]
    for audience in (Audience.HUOLTAJAT, Audience.OPISKELIJAT):
        reached = [o for o in mains if audience in o.item.audience]
        for i, a in enumerate(reached):
            for b in reached[i + 1 :]:
                parts_a = {p.strip().lower() for p in a.item.title.split("/")}
                parts_b = {p.strip().lower() for p in b.item.title.split("/")}
                overlap = a.start <= b.end and b.start <= a.end
                assert not (overlap and parts_a & parts_b), (audience, a.item.id, b.item.id)


# ---------------------------------------------------------------------------
# Raw file: example meeting dates 2026–2027
# ---------------------------------------------------------------------------

# Finnish public holidays and the usual school breaks of 2026–2027 (by hand:
# Easter Sunday 2027 is 28.3., Ascension Day = Easter + 39 days = 6.5.).
HOLIDAYS = {
    D(2026, 12, 6),
    D(2026, 12, 24),
    D(2026, 12, 25),
    D(2026, 12, 26),
    D(2027, 1, 1),
    D(2027, 1, 6),
    D(2027, 3, 26),
    D(2027, 3, 28),
    D(2027, 3, 29),
    D(2027, 5, 1),
    D(2027, 5, 6),
}
BREAKS = [
    (D(2026, 10, 12), D(2026, 10, 18)),  # syysloma, week 42
    (D(2026, 12, 19), D(2027, 1, 6)),  # joululoma
    (D(2027, 2, 22), D(2027, 3, 7)),  # talviloma, weeks 8–9
]


@pytest.mark.parametrize("group_id", CAMPUS_GROUPS)
def test_campus_meetings_are_example_school_days(org: Organisation, group_id: str) -> None:
    meetings = [m.day for m in org.meetings(group_id, D(2026, 8, 1), D(2027, 7, 31))]
    assert meetings == sorted(meetings)
    # one a month, August 2026 – May 2027
    assert [(m.year, m.month) for m in meetings] == [
        (2026, 8),
        (2026, 9),
        (2026, 10),
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
        (2027, 3),
        (2027, 4),
        (2027, 5),
    ]
    for m in meetings:
        assert m.weekday() < 5, m
        assert m not in HOLIDAYS, m
        assert not any(a <= m <= b for a, b in BREAKS), m


def test_campus_meetings_are_rules_with_extra_meetings(raw: dict[str, Any]) -> None:
    for group_id in CAMPUS_GROUPS:
        group = next(g for g in raw["groups"] if g["id"] == group_id)
        assert isinstance(group["meetings"], str)
        assert group["meetings"].endswith(", ei lomilla")
        assert all(type(m) is dt.date for m in group["extra_meetings"])


def test_seinajoki_meetings_by_hand(org: Organisation) -> None:
    # The first edition's hand-typed list: the rule (second Tuesday,
    # September–May, not in breaks) and the extras 18.8. and 6.10. give it.
    meetings = [m.day for m in org.meetings("ohr-seinajoki", D(2026, 8, 1), D(2027, 7, 31))]
    assert meetings == [
        D(2026, 8, 18),
        D(2026, 9, 8),
        D(2026, 10, 6),
        D(2026, 11, 10),
        D(2026, 12, 8),
        D(2027, 1, 12),
        D(2027, 2, 9),
        D(2027, 3, 9),
        D(2027, 4, 13),
        D(2027, 5, 11),
    ]  # all Tuesdays
    timed = org.meetings("ohr-seinajoki", D(2026, 9, 1), D(2026, 9, 30))
    assert [(m.day, m.time is not None and m.time.start) for m in timed] == [
        (D(2026, 9, 8), dt.time(14, 0))
    ]


def test_other_groups_have_no_meeting_dates(raw: dict[str, Any]) -> None:
    assert [g["id"] for g in raw["groups"] if "meetings" in g] == list(CAMPUS_GROUPS)


# ---------------------------------------------------------------------------
# Loaded: the hierarchy and the highlight flows
# ---------------------------------------------------------------------------


def test_loads(org: Organisation) -> None:
    assert isinstance(org, Organisation)
    assert (org.id, org.name, org.timezone) == (
        "sedu",
        "Seinäjoen koulutuskuntayhtymä Sedu",
        "Europe/Helsinki",
    )
    assert [c.id for c in org.calendars] == [NATIONAL, WELFARE, HOME_SCHOOL]


def test_group_kinds(org: Organisation) -> None:
    h = org.hierarchy
    kinds = {g.id: g.kind for g in h}
    assert kinds["alueellinen-ohr"] is GroupKind.REGIONAL
    assert kinds["sedu-ohjausryhma"] is GroupKind.STEERING
    assert kinds["sedu-ohr"] is GroupKind.ORGANISATION
    assert kinds["hyvinvoiva-amis"] is GroupKind.DEVELOPMENT
    assert kinds["fokus"] is GroupKind.STUDENT_BODY
    for campus in CAMPUSES:
        assert kinds[f"ohr-{campus}"] is GroupKind.CAMPUS
        assert kinds[f"turvallisuusryhma-{campus}"] is GroupKind.SAFETY
        assert kinds[f"foorumi-{campus}"] is GroupKind.STUDENT_BODY
    assert len(h) == 5 + 3 * len(CAMPUSES)


def test_roots(org: Organisation) -> None:
    assert [g.id for g in org.hierarchy.roots()] == ["alueellinen-ohr", "fokus"]


@pytest.mark.parametrize("campus", CAMPUSES)
def test_ancestors_of_a_safety_group(org: Organisation, campus: str) -> None:
    assert [g.id for g in org.hierarchy.ancestors(f"turvallisuusryhma-{campus}")] == [
        f"ohr-{campus}",
        "sedu-ohr",
        "sedu-ohjausryhma",
        "alueellinen-ohr",
    ]


def test_children_of_the_sedu_welfare_group(org: Organisation) -> None:
    assert {g.id for g in org.hierarchy.children("sedu-ohr")} == {*CAMPUS_GROUPS, "hyvinvoiva-amis"}
    assert [g.id for g in org.hierarchy.children("fokus")] == list(FORUMS)


@pytest.mark.parametrize("campus", CAMPUSES)
def test_highlights_into_a_campus_group(org: Organisation, campus: str) -> None:
    into = {g.id for g in org.hierarchy.highlights_into(f"ohr-{campus}")}
    assert into == {f"foorumi-{campus}", "fokus", "sedu-ohr"}


def test_highlight_flows_are_exactly_the_seed_s(org: Organisation) -> None:
    flows = {(g.id, t) for g in org.hierarchy for t in g.highlights_to}
    expected = {(f"foorumi-{c}", f"ohr-{c}") for c in CAMPUSES}
    expected |= {("fokus", g) for g in CAMPUS_GROUPS}
    expected |= {("sedu-ohr", g) for g in CAMPUS_GROUPS}
    assert flows == expected


def test_calendars_apply_to_the_welfare_groups_not_the_forums(org: Organisation) -> None:
    for group_id in (*CAMPUS_GROUPS, *SAFETY_GROUPS, "hyvinvoiva-amis", "sedu-ohr"):
        assert [c.id for c in org.calendars_for(group_id)] == [NATIONAL, WELFARE, HOME_SCHOOL]
    for group_id in (*FORUMS, "fokus", "sedu-ohjausryhma", "alueellinen-ohr"):
        assert org.calendars_for(group_id) == ()


def test_no_roles_name_a_person(org: Organisation) -> None:
    for group in org.hierarchy:
        assert group.roles, group.id
        for role in group.roles:
            assert role[:1].islower() or role.startswith("EPHVA"), (group.id, role)


# ---------------------------------------------------------------------------
# Loaded: the dates of every stated timing, by hand
# ---------------------------------------------------------------------------

F = True  # follow-up (results)
M = False  # main occurrence

# (item id, school year) -> occurrences intersecting 1.8.–31.7. of that school year.
#
# Worked by hand:
#   ISO 2025 starts Mon 30.12.2024; 2026 starts Mon 29.12.2025 (2026 has 53 weeks).
#   week 40: 2025 → Mon 29.9.–Sun 5.10.;  2026 → Mon 28.9.–Sun 4.10.
#   weeks 43–44: 2025 → 20.10.–2.11. (results from Mon 3.11. to 30.11.);
#                2026 → 19.10.–1.11. (results 2.11.–30.11.)
#   weeks 48–49: 2025 → 24.11.–7.12.; 2026 → 23.11.–6.12. (results in January)
#   spring = 1.1.–31.5., autumn = 1.8.–31.12., February 2026/2027 have 28 days.
STATED_DATES: dict[tuple[str, int], list[tuple[D, D, bool]]] = {
    # Hyvinvointi virtaa -viikko: week 40
    ("hyvinvointi-virtaa", 2025): [(D(2025, 9, 29), D(2025, 10, 5), M)],
    ("hyvinvointi-virtaa", 2026): [(D(2026, 9, 28), D(2026, 10, 4), M)],
    # Huoltajakysely: weeks 43 and 44, results at the earliest in November
    ("huoltajakysely", 2025): [
        (D(2025, 10, 20), D(2025, 11, 2), M),
        (D(2025, 11, 3), D(2025, 11, 30), F),
    ],
    ("huoltajakysely", 2026): [
        (D(2026, 10, 19), D(2026, 11, 1), M),
        (D(2026, 11, 2), D(2026, 11, 30), F),
    ],
    # TEA-viisari: October–December of even years only
    ("tea-viisari", 2025): [],
    ("tea-viisari", 2026): [(D(2026, 10, 1), D(2026, 12, 31), M)],
    # Kiusaamiskysely: every year weeks 48 and 49, results at the earliest in January
    ("kiusaamiskysely", 2025): [
        (D(2025, 11, 24), D(2025, 12, 7), M),
        (D(2026, 1, 1), D(2026, 1, 31), F),
    ],
    ("kiusaamiskysely", 2026): [
        (D(2026, 11, 23), D(2026, 12, 6), M),
        (D(2027, 1, 1), D(2027, 1, 31), F),
    ],
    # Itsenäisyyspäiväjuhla: 6.12.
    # The school day before 6.12.: Fri 5.12.2025 (6.12. is a Saturday), Fri
    # 4.12.2026 (a Sunday; Saturday 5.12. is no school day either).
    ("itsenaisyyspaivajuhla", 2025): [(D(2025, 12, 5), D(2025, 12, 5), M)],
    ("itsenaisyyspaivajuhla", 2026): [(D(2026, 12, 4), D(2026, 12, 4), M)],
    # Amisbarometri: spring, every other year, next 2026, results in August.
    # 2025–2026 holds the spring 2026 survey; its August results fall in 2026–2027.
    ("amisbarometri", 2025): [(D(2026, 1, 1), D(2026, 5, 31), M)],
    ("amisbarometri", 2026): [(D(2026, 8, 1), D(2026, 8, 31), F)],
    # Turvallisuuskävelyt ja sisälle suojautumisharjoitus: January–March
    ("turvallisuuskavelyt-suojautumisharjoitus", 2025): [(D(2026, 1, 1), D(2026, 3, 31), M)],
    ("turvallisuuskavelyt-suojautumisharjoitus", 2026): [(D(2027, 1, 1), D(2027, 3, 31), M)],
    # Turvallisuuskysely: 11.2.
    ("turvallisuuskysely", 2025): [(D(2026, 2, 11), D(2026, 2, 11), M)],
    ("turvallisuuskysely", 2026): [(D(2027, 2, 11), D(2027, 2, 11), M)],
    # Kouluterveyskysely: spring every other year, last 2025, results in the autumn.
    # 2025–2026: only the autumn 2025 results of the spring 2025 survey;
    # 2026–2027: the spring 2027 survey (its results, autumn 2027, fall outside).
    ("kouluterveyskysely", 2025): [(D(2025, 8, 1), D(2025, 12, 31), F)],
    ("kouluterveyskysely", 2026): [(D(2027, 1, 1), D(2027, 5, 31), M)],
    # Kotiväenilta/avoimet ovet: February–March
    ("kotivaenilta-avoimet-ovet", 2025): [(D(2026, 2, 1), D(2026, 3, 31), M)],
    ("kotivaenilta-avoimet-ovet", 2026): [(D(2027, 2, 1), D(2027, 3, 31), M)],
    # Tuttu-hanke 2024–2025: the calendar year 2025 still touches 2025–2026, nothing after
    ("tuttu-hanke", 2025): [(D(2025, 1, 1), D(2025, 12, 31), M)],
    ("tuttu-hanke", 2026): [],
}


@pytest.mark.parametrize(("item_id", "school_year"), sorted(STATED_DATES))
def test_stated_dates(org: Organisation, item_id: str, school_year: int) -> None:
    assert spans(org, item_id, school_year) == STATED_DATES[(item_id, school_year)]


def test_kouluterveyskysely_years(org: Organisation) -> None:
    # last 2025 → 2027, 2029; never an even year
    rule = {i.id: i for _c, i in org.items()}["kouluterveyskysely"].rule
    mains = rule.instances(D(2024, 1, 1), D(2030, 12, 31))
    assert [(o.start, o.end) for o in mains] == [
        (D(2025, 1, 1), D(2025, 5, 31)),
        (D(2027, 1, 1), D(2027, 5, 31)),
        (D(2029, 1, 1), D(2029, 5, 31)),
    ]


def test_tea_viisari_and_amisbarometri_years(org: Organisation) -> None:
    items = {i.id: i for _c, i in org.items()}
    tea = items["tea-viisari"].rule.instances(D(2025, 1, 1), D(2030, 12, 31))
    assert [o.start for o in tea] == [D(2026, 10, 1), D(2028, 10, 1), D(2030, 10, 1)]
    amis = items["amisbarometri"].rule.instances(D(2025, 1, 1), D(2030, 12, 31))
    assert [o.start for o in amis] == [D(2026, 1, 1), D(2028, 1, 1), D(2030, 1, 1)]


# ---------------------------------------------------------------------------
# Loaded: conventions (checked loosely)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("school_year", [2025, 2026, 2031])
def test_one_virtual_coffee_a_month_during_term(org: Organisation, school_year: int) -> None:
    sy = SchoolYear(school_year)
    coffees = [o for o in org.occurrences(sy.start, sy.end) if o.item.id == "virtuaalikahvit"]
    months = [(o.start.year, o.start.month) for o in coffees]
    y = school_year
    assert months == [(y, m) for m in range(8, 13)] + [(y + 1, m) for m in range(1, 6)]
    for o in coffees:  # each spans its whole month and has an id of its own
        assert o.start.day == 1
        assert (o.end + dt.timedelta(days=1)).day == 1
        assert o.id == f"sedu.virtuaalikahvit.{y}:{o.start:%Y-%m}"


def test_liikkuva_opiskelu_every_other_autumn(org: Organisation) -> None:
    # convention: autumn of even years
    assert spans(org, "liikkuva-opiskelu-arviointi", 2025) == []
    assert spans(org, "liikkuva-opiskelu-arviointi", 2026) == [(D(2026, 8, 1), D(2026, 12, 31), M)]
    assert spans(org, "liikkuva-opiskelu-arviointi", 2027) == []


def test_home_school_calendar_outlives_the_tuttu_project(org: Organisation) -> None:
    sy = SchoolYear(2030)
    ids = {o.item.id for o in org.occurrences(sy.start, sy.end)}
    assert "tuttu-hanke" not in ids
    home_school = {i.id for i in org.calendars[1].items if not i.is_undated} - {"tuttu-hanke"}
    assert home_school <= ids


def test_every_dated_item_occurs_every_school_year_or_is_biennial(org: Organisation) -> None:
    biennial = {"tea-viisari", "amisbarometri", "kouluterveyskysely", "liikkuva-opiskelu-arviointi"}
    for year in (2026, 2027, 2040):
        sy = SchoolYear(year)
        mains = {o.item.id for o in org.occurrences(sy.start, sy.end) if not o.follow_up}
        for _calendar, item in org.items():
            if item.is_undated or item.id in biennial or item.id == "tuttu-hanke":
                continue
            assert item.id in mains, (item.id, year)


def test_undated_items_reach_campus_agendas(org: Organisation) -> None:
    undated = org.undated("ohr-lapua")
    every = {r.item.id for r in undated if r.item.rule.cadence is Cadence.EVERY_MEETING}
    needed = {r.item.id for r in undated if r.item.rule.cadence is Cadence.AS_NEEDED}
    assert len(every) + len(needed) == len(undated)
    assert every == SLIDE_2_UNDATED["jokaisessa kokouksessa"]
    assert needed >= SLIDE_2_UNDATED["tarpeen mukaan"]


def test_safety_group_sees_its_drill(org: Organisation) -> None:
    seen = {r.item.id for r in org.resolve("turvallisuusryhma-kurikka")}
    assert "turvallisuuskavelyt-suojautumisharjoitus" in seen
    sy = SchoolYear(2026)
    occ = org.occurrences(sy.start, sy.end, group="turvallisuusryhma-kurikka")
    drills = [o for o in occ if o.item.kind is ItemKind.DRILL]
    assert [(o.item.id, o.start) for o in drills] == [
        ("turvallisuuskavely-syksy", D(2026, 8, 1)),
        ("turvallisuuskavelyt-suojautumisharjoitus", D(2027, 1, 1)),
    ]


def test_occurrence_ids_are_stable_and_unique(org: Organisation) -> None:
    sy = SchoolYear(2026)
    ids = [o.id for o in org.occurrences(sy.start, sy.end)]
    assert len(ids) == len(set(ids))
    # organisation, item and period (DESIGN §8): never the start date
    assert "sedu.huoltajakysely.2026" in ids
    assert "sedu.huoltajakysely.2026.tulokset" in ids


def test_traffic_safety_week_is_a_week(org: Organisation) -> None:
    # convention: the national traffic-safety week, ISO week 38 (mid-September)
    assert spans(org, "liikenneturvallisuusviikko", 2026) == [(D(2026, 9, 14), D(2026, 9, 20), M)]
    assert spans(org, "liikenneturvallisuusviikko", 2027) == [(D(2027, 9, 20), D(2027, 9, 26), M)]
