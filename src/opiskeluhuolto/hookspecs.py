"""Hook specifications of the ``opiskeluhuolto`` plugin system (pluggy).

A plugin is a module (or object) with ``@hookimpl`` functions, registered
through the ``opiskeluhuolto`` entry-point group::

    [project.entry-points.opiskeluhuolto]
    myformat = "my_package.plugin"

and in that module::

    from opiskeluhuolto import hookimpl

    @hookimpl
    def register_exporters(register):
        register(MyExporter())
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from opiskeluhuolto.exporting import Exporter
    from opiskeluhuolto.stores import RecordStore

__all__ = ["PROJECT", "hookimpl", "hookspec", "register_exporters", "register_record_stores"]

PROJECT = "opiskeluhuolto"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters by calling ``register(exporter)`` once for each.

    ``exporter`` is an instance of a :class:`opiskeluhuolto.exporting.Exporter`
    subclass.  Two exporters with the same name are refused.
    """


@hookspec
def register_record_stores(register: Callable[[RecordStore], None]) -> None:
    """Register records stores by calling ``register(store)`` once for each.

    ``store`` is an instance of a :class:`opiskeluhuolto.stores.RecordStore`
    subclass; ``--records NAME:LOCATION`` uses the store called NAME.  Two
    stores with the same name are refused.
    """
