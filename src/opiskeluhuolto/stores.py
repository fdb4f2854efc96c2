"""The records-store contract: where a school year's records are kept.

The built-in store keeps them in a TOML file (``seuranta-2026.toml``, the
``toml`` store of ``plugins/opiskeluhuolto_records_toml``); a plugin may keep
them elsewhere (a database, an API) by registering a :class:`RecordStore`
through the ``register_record_stores`` hook (see
:mod:`opiskeluhuolto.hookspecs`).  The command line picks a store by the
``--records`` value: ``NAME:LOCATION`` names a registered store, anything
else is a file of the ``toml`` store.

A store never decides what is valid: :meth:`RecordStore.read` returns
:class:`~opiskeluhuolto.records.Records` (frozen values that were checked
against the data) or raises :class:`~opiskeluhuolto.loading.LoadError` with
one problem per line, and :meth:`RecordStore.put` is handed a record the
host has already checked.  This module imports neither pluggy nor a store's
dependencies.
"""

from __future__ import annotations

import abc
import re
from typing import ClassVar

from opiskeluhuolto.calendar import Organisation
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.records import Record, Records, records_file_name
from opiskeluhuolto.recurrence import SchoolYear

__all__ = ["DEFAULT_STORE", "RecordStore", "RecordStoreError", "split_location"]

DEFAULT_STORE = "toml"
"""The store of a ``--records`` value that names none: a TOML file."""

_NAMED = re.compile(r"([a-z][a-z0-9_-]{1,31}):(.*)", re.DOTALL)


class RecordStoreError(BilingualError, RuntimeError):
    """A store cannot do what it was asked (unreachable, read-only); exit status 2."""


def split_location(value: str) -> tuple[str | None, str]:
    """``NAME:LOCATION`` → (NAME, LOCATION); anything else → (None, value).

    A one-letter prefix is a Windows drive, not a store.

    >>> split_location("sedu-db:kevät"), split_location("seuranta-2026.toml")
    (('sedu-db', 'kevät'), (None, 'seuranta-2026.toml'))
    >>> split_location("C:\\\\seuranta.toml")
    (None, 'C:\\\\seuranta.toml')
    """
    match = _NAMED.fullmatch(value)
    if match is None:
        return None, value
    return match.group(1), match.group(2)


class RecordStore(abc.ABC):
    """Base class of a records store, built-in or a plugin's.

    ``name`` is what ``--records NAME:LOCATION`` calls it; ``location`` is the
    rest of that value (a file, a URL, a key), the store's to interpret.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    description_en: ClassVar[str] = ""

    def default_location(self, school_year: SchoolYear) -> str:
        """Where a school year's records are when ``--records`` is not given."""
        return records_file_name(school_year)

    @abc.abstractmethod
    def exists(self, location: str) -> bool:
        """Whether records have been kept at ``location`` (a first ``record`` creates them)."""

    @abc.abstractmethod
    def read(self, location: str, organisation: Organisation, school_year: SchoolYear) -> Records:
        """The school year's records, checked against the data (``LoadError`` if bad)."""

    @abc.abstractmethod
    def put(
        self,
        location: str,
        record: Record,
        organisation: Organisation,
        school_year: SchoolYear,
    ) -> None:
        """Add ``record``, or replace the record of the same occurrence and group.

        Either the whole change is kept or none of it.
        """
