"""The ``toml`` records store: a school year's records in ``seuranta-2026.toml``.

The built-in store, registered through the ``opiskeluhuolto`` entry points
like any plugin's.  Reading checks the file against the data
(:func:`opiskeluhuolto.records_loading.load_records`).  :meth:`TomlRecordStore.put`
edits the file with ``tomlkit``, which keeps every comment, blank line and
the order of the entries and keys a person wrote: an entry is updated in
place (its keys where they were, new keys after them, keys the record no
longer has removed) or appended at the end.  The file is checked before and
after the edit and written atomically, so a bad file is never made worse and
a failed write leaves the old one.  ``tomlkit`` is imported only when a
record is put (``opiskeluhuolto record``), never by ``show`` or ``report``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from opiskeluhuolto import hookimpl
from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.fmt import pick
from opiskeluhuolto.loading import LoadError
from opiskeluhuolto.output import OutputError, write_file_atomic
from opiskeluhuolto.records import Record, Records
from opiskeluhuolto.records_loading import (
    RECORD,
    RECORDS_SCHEMA,
    load_records,
    validate_records_text,
)
from opiskeluhuolto.recurrence import SchoolYear
from opiskeluhuolto.stores import RecordStore, RecordStoreError

__all__ = ["TomlRecordStore", "new_file_text", "put_record"]


def new_file_text(school_year: SchoolYear, lang: str = "fi") -> str:
    """The text a new records file starts from."""
    return (
        pick(
            lang,
            f"# Seuranta: mitä vuosikellon kohdille tapahtui lukuvuonna {school_year}.\n"
            "# Muokkaa käsin tai komennolla opiskeluhuolto record; "
            "tarkista: opiskeluhuolto report.\n",
            f"# Follow-through: what became of the calendar's items in school year "
            f"{school_year}.\n# Edit by hand or with opiskeluhuolto record; "
            "check with opiskeluhuolto report.\n",
            f"# Uppföljning: vad som hände med årsklockans punkter under läsåret {school_year}.\n"
            "# Redigera för hand eller med opiskeluhuolto record; "
            "kontrollera med opiskeluhuolto report.\n",
        )
        + f"schema = {RECORDS_SCHEMA}\nschool_year = {school_year.first_year}\n"
    )


def _values(record: Record) -> dict[str, Any]:
    """The record's keys as the file writes them, in :data:`RECORD` order."""
    values: dict[str, Any] = {
        "id": record.occurrence,
        "group": record.group,
        "status": record.status.value,
        "date": record.date,
        "to": None,
        "note": record.note,
        "link": record.link,
    }
    if record.to is not None:
        first, last = record.to
        values["to"] = first if first == last else [first, last]
    assert tuple(values) == RECORD.names
    return {key: value for key, value in values.items() if value is not None}


def put_record(text: str, record: Record) -> str:
    """``text`` with ``record`` added, or written over the entry of its occurrence and group.

    Everything else in the text stays as it was, comments included.
    """
    import tomlkit

    document = tomlkit.parse(text)
    values = _values(record)
    entries = document.get("records")
    if entries is None:
        if not tomlkit.dumps(document).endswith("\n\n"):
            document.add(tomlkit.nl())
        entries = tomlkit.aot()
        document.append("records", entries)
    for entry in entries:
        if entry.get("id") == record.occurrence and entry.get("group") == record.group:
            for key in [key for key in entry if key not in values]:
                del entry[key]
            for key, value in values.items():
                if entry.get(key) != value:
                    entry[key] = value
            break
    else:
        table = tomlkit.table()
        for key, value in values.items():
            table.add(key, value)
        if len(entries) and not tomlkit.dumps(document).endswith("\n\n"):
            entries[-1].add(tomlkit.nl())  # a blank line between entries, as people write
        entries.append(table)
    return tomlkit.dumps(document)


class TomlRecordStore(RecordStore):
    name = "toml"
    description = "Seurantatiedosto TOML-muodossa (seuranta-2026.toml)"
    description_en = "A records file in TOML (seuranta-2026.toml)"

    def exists(self, location: str) -> bool:
        return os.path.exists(location)

    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        return load_records(location, organisation, school_year)

    def put(
        self,
        location: str,
        record: Record,
        organisation: Organisation,
        school_year: SchoolYear,
    ) -> None:
        if self.exists(location):
            result_before = self.read_text(location)
            checked = validate_records_text(result_before, location, organisation, school_year)
            if not checked.ok:
                raise LoadError(checked.problems)
            text = result_before
        else:
            text = new_file_text(school_year)
        changed = put_record(text, record)
        result = validate_records_text(changed, location, organisation, school_year)
        if not result.ok:  # the host checked the record: a bug, never a bad file written
            raise LoadError(result.problems)
        try:
            write_file_atomic(location, changed.encode("utf-8"))
        except OutputError as exc:
            raise RecordStoreError(
                f"{location}: {exc.message_fi}", f"{location}: {exc.message_en}"
            ) from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise RecordStoreError(
                f"{location}: ei voi kirjoittaa: {reason}", f"{location}: cannot write: {reason}"
            ) from None

    @staticmethod
    def read_text(location: str) -> str:
        try:
            with open(location, encoding="utf-8-sig", newline="") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise RecordStoreError(
                f"{location}: ei voi lukea: {reason}", f"{location}: cannot read: {reason}"
            ) from None


@hookimpl
def register_record_stores(register: Callable[[RecordStore], None]) -> None:
    register(TomlRecordStore())
