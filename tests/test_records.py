"""Follow-through records: the values, the file, its problems and the laws.

* :mod:`opiskeluhuolto.records` applies records to occurrences: a moved one at
  its new days, a record never changes another occurrence (property), the
  nearest group's record wins.
* :mod:`opiskeluhuolto.records_loading` reads ``seuranta-2026.toml``: a good
  file to the values written out here, every problem of a bad one as
  ``FILE:LINE: key: message`` (Finnish and English).
* The ``toml`` store writes what it reads: records written then read back,
  and a move written over a record then read back, are the same records
  (properties over the embedded data).
"""

from __future__ import annotations

import datetime as dt
import doctest
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opiskeluhuolto_records_toml import new_file_text, put_record

from opiskeluhuolto import loading, records, records_loading, stores
from opiskeluhuolto import strategies as ost
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.loading import LoadError
from opiskeluhuolto.records import Record, Records, RecordStatus, group_path, track
from opiskeluhuolto.records_loading import validate_records_text
from opiskeluhuolto.recurrence import SchoolYear

YEAR = SchoolYear(2026)
SEDU = loading.load_default()
GROUPS = (None, *SEDU.hierarchy.ids)


def test_doctests() -> None:
    for module in (records, records_loading, stores):
        result = doctest.testmod(module, report=False)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0 or module is records_loading


GOOD = """\
# Sedun seuranta
schema = 1
school_year = 2026

[[records]]
id = "sedu.huoltajakysely.2026"
status = "done"
date = 2026-10-28
note = "412 vastausta"
link = "https://example.org/muistio/11"

[[records]]
id = "sedu.turvallisuuskavely-syksy.2026"
group = "ohr-lapua"
status = "moved"
to = [2026-11-10, 2026-11-11]

[[records]]
id = "sedu.kiusaamiskysely.2026.tulokset"
status = "cancelled"
note = "Siirtyi kevääseen"
"""


def test_a_good_file_reads_to_its_records() -> None:
    found = records_loading.loads_records(GOOD, "seuranta-2026.toml", SEDU)
    assert found == Records(
        YEAR,
        [
            Record(
                "sedu.huoltajakysely.2026",
                RecordStatus.DONE,
                date=dt.date(2026, 10, 28),
                note="412 vastausta",
                link="https://example.org/muistio/11",
            ),
            Record(
                "sedu.turvallisuuskavely-syksy.2026",
                RecordStatus.MOVED,
                group="ohr-lapua",
                to=(dt.date(2026, 11, 10), dt.date(2026, 11, 11)),
            ),
            Record(
                "sedu.kiusaamiskysely.2026.tulokset",
                RecordStatus.CANCELLED,
                note="Siirtyi kevääseen",
            ),
        ],
    )


BAD = """\
schema = 1
school_year = 2026

[[records]]
id = "sedu.huoltajakysly.2026"
status = "done"
date = 2026-10-28

[[records]]
id = "sedu.huoltajakysely.2026"
status = "moved"
to = 2027-09-01

[[records]]
id = "sedu.kiusaamiskysely.2026"
group = "ohr-lapau"
status = "cancelled"
date = "1.2.2027"
reason = "sairastumisia"

[[records]]
id = "sedu.koulun-aloitus.2026"
status = "done"

[[records]]
id = "sedu.tea-viisari.2026"
status = "tehty"

[[records]]
id = "sedu.huoltajakysely.2026.tulokset"
status = "moved"
to = [2026-12-01, 2026-11-01]

[[records]]
id = "sedu.itsenaisyyspaivajuhla.2026"
status = "done"
date = 2026-12-04

[[records]]
id = "sedu.itsenaisyyspaivajuhla.2026"
status = "cancelled"
"""

BAD_FI = """\
bad.toml:5: records[0].id: lukuvuonna 2026–2027 ei ole esiintymää 'sedu.huoltajakysly.2026' \
– tarkoititko 'sedu.huoltajakysely.2026'?
bad.toml:12: records[1].to: siirto lukuvuoden 2026–2027 ulkopuolelle (1.8.2026–31.7.2027); \
kirjaa se sen lukuvuoden tiedostoon tai peru tämä
bad.toml:16: records[2].group: tuntematon ryhmä 'ohr-lapau' – tarkoititko 'ohr-lapua'?
bad.toml:18: records[2].date: odotettiin tyyppiä päivämäärä, saatiin merkkijono
bad.toml:18: records[2].date: date ei kuulu perutulle kirjaukselle
bad.toml:19: records[2].reason: tuntematon avain 'reason'; sallitut avaimet: id, group, status, \
date, to, note, link
bad.toml:21: records[3].date: tehdyllä kirjauksella on oltava date
bad.toml:27: records[4].status: tuntematon arvo 'tehty' (sallitut: done, moved, cancelled)
bad.toml:32: records[5].to: siirron viimeinen päivä on ennen ensimmäistä
bad.toml:40: records[7].id: esiintymälle 'sedu.itsenaisyyspaivajuhla.2026' on jo kirjaus \
(rivillä 35, records[6])"""

BAD_EN = """\
bad.toml:5: records[0].id: school year 2026–2027 has no occurrence 'sedu.huoltajakysly.2026' \
– did you mean 'sedu.huoltajakysely.2026'?
bad.toml:12: records[1].to: a move outside school year 2026–2027 (1 August 2026 – 31 July 2027); \
record it in that year's file or cancel this one
bad.toml:16: records[2].group: unknown group 'ohr-lapau' – did you mean 'ohr-lapua'?
bad.toml:18: records[2].date: expected date, got string
bad.toml:18: records[2].date: date does not go with a cancelled record
bad.toml:19: records[2].reason: unknown key 'reason'; allowed keys: id, group, status, date, \
to, note, link
bad.toml:21: records[3].date: a done record needs date
bad.toml:27: records[4].status: unknown value 'tehty' (valid: done, moved, cancelled)
bad.toml:32: records[5].to: the move's last day is before its first
bad.toml:40: records[7].id: a second record of 'sedu.itsenaisyyspaivajuhla.2026' \
(first on line 35, records[6])"""


def test_every_problem_of_a_bad_file_at_its_line_and_key() -> None:
    result = validate_records_text(BAD, "bad.toml", SEDU)
    assert result.records is None
    assert result.format("fi") == BAD_FI
    assert result.format("en") == BAD_EN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schema = 2\nschool_year = 2026\n",
            "f.toml:1: schema: tuntematon skeeman versio 2; tämä versio lukee vain versiota 1",
        ),
        ("schema = 1\n", "f.toml:1: school_year: pakollinen avain 'school_year' puuttuu"),
        (
            "schema = 1\nschool_year = 2025\n",
            "f.toml:2: school_year: tiedosto on lukuvuoden 2025–2026 kirjauksia, ei lukuvuoden "
            "2026–2027",
        ),
        (
            "schema = 1\nschool_year = 2026\n[[records]]\nid = 'x'\nstatus = 'done'\n"
            "date = 2026-02-30\n",
            "f.toml:6: TOML-syntaksivirhe: virheellinen päivämäärä tai aikaleima",
        ),
        (
            "schema = 1\nschool_year = 2026\n[[records]]\n"
            "id = 'sedu.tea-viisari.2026'\ngroup = 'fokus'\nstatus = 'cancelled'\n",
            "f.toml:4: records[0].id: esiintymä 'sedu.tea-viisari.2026' ei ole ryhmän 'fokus' "
            "vuosikellossa",
        ),
        (
            "schema = 1\nschool_year = 2026\nrecords = 3\n",
            "f.toml:3: records: odotettiin tyyppiä taulukkolista, saatiin kokonaisluku",
        ),
    ],
)
def test_one_problem(text: str, expected: str) -> None:
    result = validate_records_text(text, "f.toml", SEDU, YEAR)
    assert result.format() == expected
    with pytest.raises(LoadError):
        records_loading.loads_records(text, "f.toml", SEDU, YEAR)


def test_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    result = records_loading.validate_records_file(tmp_path / "ei.toml", SEDU)
    assert result.format() == f"{tmp_path / 'ei.toml'}: tiedostoa ei voi lukea: tiedostoa ei ole"


# -- applying records ---------------------------------------------------------


def _moved(occurrence: str, first: dt.date, last: dt.date, group: str | None = None) -> Record:
    return Record(occurrence, RecordStatus.MOVED, group=group, to=(first, last))


def test_a_moved_occurrence_is_at_its_new_days_with_its_id() -> None:
    day = dt.date(2026, 11, 24)
    found = Records(YEAR, [_moved("sedu.huoltajakysely.2026", day, day)])
    tracked = {t.id: t for t in track(SEDU, found, YEAR.start, YEAR.end)}
    survey = tracked["sedu.huoltajakysely.2026"]
    assert (survey.start, survey.end, survey.moved) == (day, day, True)
    assert survey.planned.start < day and survey.occurrence.id == survey.planned.id
    results = tracked["sedu.huoltajakysely.2026.tulokset"]
    assert results.record is None and results.occurrence == results.planned


def test_a_move_into_a_range_is_found_and_one_out_of_it_is_not() -> None:
    into = _moved("sedu.huoltajakysely.2026", dt.date(2027, 3, 1), dt.date(2027, 3, 2))
    march = track(SEDU, Records(YEAR, [into]), dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert "sedu.huoltajakysely.2026" in {t.id for t in march}
    planned = {o.id for o in SEDU.occurrences(dt.date(2026, 10, 1), dt.date(2026, 10, 31))}
    october = track(SEDU, Records(YEAR, [into]), dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert "sedu.huoltajakysely.2026" in planned
    assert "sedu.huoltajakysely.2026" not in {t.id for t in october}


def test_the_nearest_groups_record_wins() -> None:
    everyone = Record("sedu.tea-viisari.2026", RecordStatus.DONE, date=dt.date(2026, 11, 1))
    lapua = Record("sedu.tea-viisari.2026", RecordStatus.CANCELLED, group="ohr-lapua")
    found = Records(YEAR, [everyone, lapua])
    assert found.find("sedu.tea-viisari.2026", group_path(SEDU, "turvallisuusryhma-lapua")) is lapua
    assert found.find("sedu.tea-viisari.2026", group_path(SEDU, "ohr-kurikka")) is everyone
    assert found.find("sedu.tea-viisari.2026") is everyone


def test_records_refuse_what_cannot_be() -> None:
    with pytest.raises(ValueError, match="moved record needs"):
        Record("x", RecordStatus.MOVED)
    with pytest.raises(ValueError, match="before its first"):
        _moved("x", dt.date(2026, 9, 2), dt.date(2026, 9, 1))
    with pytest.raises(ValueError, match="two records"):
        Records(YEAR, [Record("x", RecordStatus.CANCELLED)] * 2)


@given(ost.records(SEDU, 2026), st.data())
def test_a_record_never_changes_another_occurrence(found: Records, data: st.DataObject) -> None:
    group = data.draw(st.sampled_from(GROUPS))
    extra = data.draw(ost.records(SEDU, 2026, max_size=1).filter(len)).records[0]
    before = {t.id: t for t in track(SEDU, found, YEAR.start, YEAR.end, group)}
    after = {t.id: t for t in track(SEDU, found.with_record(extra), YEAR.start, YEAR.end, group)}
    assert set(before) == set(after)
    for occurrence_id, tracked in before.items():
        if occurrence_id != extra.occurrence:
            assert after[occurrence_id] == tracked
        else:
            assert after[occurrence_id].planned == tracked.planned


# -- the toml store writes what it reads ------------------------------------


def _written(found: Records, text: str | None = None) -> str:
    text = new_file_text(found.school_year) if text is None else text
    for record in found:
        text = put_record(text, record)
    return text


def _read(text: str, organisation: Organisation = SEDU) -> Records:
    return records_loading.loads_records(text, "seuranta-2026.toml", organisation, YEAR)


@settings(max_examples=60)
@given(ost.records(SEDU, 2026))
def test_written_records_read_back_the_same(found: Records) -> None:
    assert _read(_written(found)) == found


@settings(max_examples=60)
@given(ost.records(SEDU, 2026).filter(len), st.data())
def test_a_move_written_over_a_record_reads_back(found: Records, data: st.DataObject) -> None:
    old = data.draw(st.sampled_from(found.records))
    first = data.draw(st.dates(YEAR.start, YEAR.end))
    move = attrs.evolve(old, status=RecordStatus.MOVED, date=None, to=(first, first))
    text = put_record(_written(found), move)
    assert _read(text) == found.with_record(move)
    assert text.count("[[records]]") == len(found)
