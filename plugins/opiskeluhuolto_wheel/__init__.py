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
from opiskeluhuolto.exporting import ExportContext, Exporter, Option, Output

if TYPE_CHECKING:
    from opiskeluhuolto_wheel.layout import Wheel

# The geometry, layout and drawing modules are imported when a wheel is drawn,
# not when the plugin is registered: every command loads every plugin.

__all__ = ["FORMATS", "RINGS", "WheelExporter", "render_html", "render_svg"]

FORMATS = ("svg", "html")
RINGS = ("calendar", "group")


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
            choices=FORMATS,
        ),
        Option(
            "rings",
            "calendar",
            "calendar: kehä jokaiselle vuosikellolle; group: kehä jokaiselle omistajaryhmälle",
            "calendar: one ring per calendar; group: one ring per owning group",
            choices=RINGS,
        ),
        Option(
            "max_rings",
            12,
            "kehiä enintään (1–12); jos vuosikelloja (tai ryhmiä) on enemmän, ne kootaan "
            "kehille omistajaryhmittäin, sitten ylemmän tason ryhmittäin, ryhmän lajin "
            "mukaan tai lopulta yhdelle kehälle",
            "the most rings (1–12); with more calendars (or groups) they are combined into "
            "a ring per owning group, then per higher-level group, per kind of group, or "
            "at last into one ring",
            kind=int,
        ),
    )

    def parse_options(self, raw: Mapping[str, str]) -> dict[str, str | int | bool | None]:
        from opiskeluhuolto_wheel.layout import max_rings_of

        values = super().parse_options(raw)
        max_rings_of(values)  # 1–12
        return values

    def suffixes(self, options: Mapping[str, str | int | bool | None]) -> tuple[str, ...]:
        return (".html", ".htm") if options.get("format") == "html" else (".svg",)

    def _option(self, context: ExportContext, index: int) -> str:
        option = self.options[index]
        value = context.options.get(option.name)
        if value is None:
            assert isinstance(option.default, str)
            return option.default
        # Contexts built in code may skip parse_options: validate the same way.
        parsed = option.parse(str(value))
        assert isinstance(parsed, str)
        return parsed

    def layout(self, context: ExportContext) -> Wheel:
        from opiskeluhuolto_wheel.layout import layout

        self._option(context, 1)
        return layout(context)  # checks max_rings

    def render(self, context: ExportContext) -> bytes:
        from opiskeluhuolto_wheel.draw import build_html, build_svg, serialize_svg

        wheel = self.layout(context)
        if self._option(context, 0) == "html":
            return build_html(wheel)
        return serialize_svg(build_svg(wheel))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(WheelExporter())
