"""The ``wheel`` exporter: the vuosikello drawn as a wheel (SVG, or an HTML page).

The school year is a circle with August at 12 o'clock, months are sectors
sized by their days, ISO weeks are ticked on the rim, and each calendar (or,
with ``rings=group``, each owning group) has a ring of its own where every
occurrence is an arc from its first to its last day.  Overlapping arcs are
stacked on lanes, follow-ups (survey results) are hatched and linked to their
parent by an arrow, one-day items get a round marker, and labels that do not
fit along their arc become numbers keyed to the legend.  Undated items
(every meeting, as needed) are listed beside the wheel.

Options: ``format=svg|html`` (a standalone SVG, or an offline HTML page with
the wheel, a legend and hover details), ``rings=calendar|group`` and
``max_rings=1..12`` (with more calendars or groups, the rings combine them).

Registered through the ``opiskeluhuolto`` entry points like any third-party
plugin; uses only the public API of :mod:`opiskeluhuolto` and builds its
markup with :mod:`xml.etree.ElementTree`.  See ``docs/wheel.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from opiskeluhuolto import hookimpl
from opiskeluhuolto.exporting import (
    WHOLE_NUMBER,
    Between,
    ExportContext,
    Exporter,
    OneOf,
    Option,
    Output,
)

if TYPE_CHECKING:
    from opiskeluhuolto_wheel.layout import Wheel

# The geometry, layout and drawing modules are imported when a wheel is drawn,
# not when the plugin is registered: every command loads every plugin.

__all__ = ["FORMATS", "RINGS", "WheelExporter", "render_html", "render_svg"]

FORMATS = ("svg", "html")
RINGS = ("calendar", "group")
MAX_RINGS = 12
"""The most rings a wheel has (``--option max_rings``, 1–12): with twelve rings of
one lane each a lane is 9.7 px, still room for a number; with 16 the name bands
and gaps alone take more than the room between the hub and the rim."""


def render_svg(context: ExportContext) -> bytes:
    """The wheel of the context's school year as a standalone SVG file."""
    from opiskeluhuolto_wheel.draw import build_svg, serialize_svg
    from opiskeluhuolto_wheel.layout import layout

    return serialize_svg(build_svg(layout(context)))


def render_html(context: ExportContext) -> bytes:
    """The wheel, its legend and hover details as one offline HTML page."""
    from opiskeluhuolto_wheel.draw import build_html
    from opiskeluhuolto_wheel.layout import layout

    return build_html(layout(context))


class WheelExporter(Exporter):
    """The vuosikello wheel: ``format=svg|html``, ``rings=calendar|group``."""

    name = "wheel"
    description = "Vuosikello ympyränä (SVG tai HTML-sivu)"
    description_en = "The annual calendar as a wheel (SVG or an HTML page)"
    description_sv = "Årsklockan som ett hjul (SVG eller en HTML-sida)"
    output = Output.FILE
    default_path = "vuosikello.svg"
    options = (
        Option(
            "format",
            "svg",
            "svg: erillinen SVG-kuva; html: HTML-sivu, jossa kuva, selite ja tiedot "
            "hiiren alla (toimii ilman verkkoa, tulostuu A3- ja A4-arkille)",
            "svg: a standalone SVG picture; html: an HTML page with the picture, a legend "
            "and hover details (works offline, prints on A3 and A4)",
            help_sv=(
                "svg: en fristående SVG-bild; html: en HTML-sida med bilden, en "
                "teckenförklaring och uppgifter under muspekaren (fungerar utan nät, "
                "skrivs ut på A3- och A4-ark)"
            ),
            validator=OneOf(FORMATS),
        ),
        Option(
            "rings",
            "calendar",
            "calendar: kehä jokaiselle vuosikellolle; group: kehä jokaiselle omistajaryhmälle",
            "calendar: one ring per calendar; group: one ring per owning group",
            help_sv="calendar: en ring för varje årsklocka; group: en ring för varje ägande grupp",
            validator=OneOf(RINGS),
        ),
        Option(
            "max_rings",
            12,
            "kehiä enintään; jos vuosikelloja (tai ryhmiä) on enemmän, ne kootaan "
            "kehille omistajaryhmittäin, sitten ylemmän tason ryhmittäin, ryhmän lajin "
            "mukaan tai lopulta yhdelle kehälle",
            "the most rings; with more calendars (or groups) they are combined into "
            "a ring per owning group, then per higher-level group, per kind of group, or "
            "at last into one ring",
            help_sv=(
                "högst så många ringar; finns det fler årsklockor (eller grupper) slås "
                "de ihop till en ring per ägande grupp, sedan per grupp på högre nivå, "
                "per typ av grupp eller till sist till en ring"
            ),
            converter=WHOLE_NUMBER,
            validator=Between(1, MAX_RINGS),
        ),
    )

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> tuple[str, ...]:
        return (".html", ".htm") if options.get("format") == "html" else (".svg",)

    def layout(self, context: ExportContext) -> Wheel:
        from opiskeluhuolto_wheel.layout import layout

        return layout(context)

    def render(self, context: ExportContext) -> bytes:
        from opiskeluhuolto_wheel.draw import build_html, build_svg, serialize_svg

        wheel = self.layout(context)
        if context.options.get("format") == "html":
            return build_html(wheel)
        return serialize_svg(build_svg(wheel))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(WheelExporter())
