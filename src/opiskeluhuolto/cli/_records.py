"""``--records``: which store, where, and the school year's records read from it.

``--records FILE`` is a file of the built-in ``toml`` store; ``--records
NAME:LOCATION`` a registered store's (:func:`opiskeluhuolto.stores.split_location`).
``show``, ``export`` and ``agenda`` use records only when ``--records`` is
given (a feed never changes because a file lies in the folder); ``record``
and ``report`` default to the school year's ``seuranta-2026.toml`` in the
current folder.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from opiskeluhuolto.cli._common import CliError
from opiskeluhuolto.fmt import Lang, pick

if TYPE_CHECKING:
    from opiskeluhuolto.calendar import Organisation
    from opiskeluhuolto.plugins import RegisteredStore
    from opiskeluhuolto.records import Records
    from opiskeluhuolto.recurrence import SchoolYear

__all__ = ["open_store", "read_records"]


def open_store(
    value: str | None, school_year: SchoolYear, lang: Lang
) -> tuple[RegisteredStore, str]:
    """The store a ``--records`` value names and the location in it (default: the year's file)."""
    from opiskeluhuolto import plugins
    from opiskeluhuolto.stores import DEFAULT_STORE, split_location

    name, location = split_location(value) if value is not None else (None, "")
    try:
        store = plugins.get_record_store(name or DEFAULT_STORE)
    except plugins.UnknownRecordStoreError as exc:
        raise CliError(f"--records: {exc.message(lang)}") from None
    if value is None:
        location = store.default_location(school_year)
    return store, location


def read_records(
    args: argparse.Namespace,
    organisation: Organisation,
    school_year: SchoolYear,
    lang: Lang,
    err: TextIO,
    *,
    default: bool,
) -> Records | None:
    """The school year's records from ``--records`` (or, with ``default``, the year's file).

    Without ``--records``: None, or with ``default`` the default location's
    records; a default file that is not there yet gives no records and a
    warning (every occurrence is unrecorded).
    """
    from opiskeluhuolto.records import Records
    from opiskeluhuolto.stores import RecordStoreError

    value = getattr(args, "records", None)
    if value is None and not default:
        return None
    store, location = open_store(value, school_year, lang)
    try:
        if value is None and not store.exists(location):
            print(
                pick(
                    lang,
                    f"opiskeluhuolto: varoitus: seurantatiedostoa {location} ei ole; "
                    "yhtään kohtaa ei ole kirjattu (anna --records TIEDOSTO)",
                    f"opiskeluhuolto: warning: there is no records file {location}; "
                    "nothing is recorded (give --records FILE)",
                    f"opiskeluhuolto: varning: uppföljningsfilen {location} finns inte; "
                    "ingenting är antecknat (ange --records FIL)",
                ),
                file=err,
            )
            return Records(school_year)
        return store.read(location, organisation, school_year)
    except RecordStoreError as exc:
        raise CliError(f"--records: {exc.message(lang)}") from None
