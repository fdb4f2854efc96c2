"""The ``site`` exporter: a static site of every group's feed, wheel, sheet and agendas.

``opiskeluhuolto export site -o public/ --option base_url=https://…`` writes
one folder per group (its id as a safe file name) with ``vuosikello.ics``
(meetings included), a wheel page per school year, ``vuosikello.csv`` and
its agendas, an ``index.html`` for each group and one for the site with the
subscribe links (``webcal://`` and ``https://``), QR codes (with the
``site`` extra, ``segno``) and how to subscribe in Outlook, Google Calendar
and on phones.  The feeds are stamped from the state file the previous build
left in the folder (``.opiskeluhuolto-state.json``), and the new state is
written with the site, so unchanged data gives a byte-identical site.

The layout and the bytes of each path are :mod:`opiskeluhuolto.publishing`'s
(so a feed server serves the same paths); this plugin only turns an
export's context into a :class:`~opiskeluhuolto.publishing.Site`.  The other
exporters are reached through the plugin registry, never imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from opiskeluhuolto import hookimpl
from opiskeluhuolto.exporting import ExportContext, Exporter, Option, Output
from opiskeluhuolto.publishing import (
    STATE_FILE,
    Site,
    build_site,
    check_base_url,
)

__all__ = ["SiteExporter", "site_of"]


def site_of(context: ExportContext) -> Site:
    """The site an export's context describes: its range (this school year and
    the next when the command line was given no range: the exporter
    ``publishes``), data, language and the state file in the target folder, when
    there is one.
    """
    start, end = context.start, context.end
    base_url = context.options.get("base_url")
    state = None
    if context.target is not None:
        candidate = os.path.join(context.target, STATE_FILE)
        if os.path.exists(candidate):
            state = candidate
    return Site(
        context.organisation,
        start,
        end,
        context.today,
        lang=context.lang,
        base_url=check_base_url(base_url) if isinstance(base_url, str) else None,
        state=state,
        generated=context.generated,
        records=context.records,
        warn=context.warn,
        progress=context.progress,
    )


class SiteExporter(Exporter):
    """A static site: one folder per group and an index with subscribe links."""

    name = "site"
    description = (
        "Julkaistava sivusto: ryhmien kalenterisyötteet, vuosikellot, taulukot ja asialistat"
    )
    description_en = "A site to publish: every group's feed, wheel, sheet and agendas"
    description_sv = (
        "En webbplats att publicera: gruppernas kalenderflöden, årsklockor, kalkylblad "
        "och föredragningslistor"
    )
    output = Output.FOLDER
    default_path = "public"
    publishes = True
    options = (
        Option(
            "base_url",
            None,
            "sivuston osoite, esim. https://example.org/vuosikello/ (webcal- ja https-linkit, "
            "QR-koodit; ilman sitä linkit ovat suhteellisia)",
            "the site's address, e.g. https://example.org/vuosikello/ (webcal and https links, "
            "QR codes; without it the links are relative)",
            help_sv=(
                "webbplatsens adress, t.ex. https://example.org/vuosikello/ (webcal- och "
                "https-länkar, QR-koder; utan den är länkarna relativa)"
            ),
        ),
    )

    def render(self, context: ExportContext) -> dict[str, bytes]:
        return build_site(site_of(context))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(SiteExporter())
