"""The ``wilma`` exporter: Wilma message drafts for guardians and students.

Home–school cooperation runs through Wilma, which has no official API for
sending (and a script that logs in ends the user's own session), so this
exporter never sends anything: it writes a folder of ready drafts that a
person pastes into Wilma and sends.

* One UTF-8 draft per main occurrence and audience, for items whose audience
  includes guardians (``huoltajat``) or students (``opiskelijat``); follow-ups
  (survey results) are part of the survey's draft, not drafts of their own.
* File names ``<send-on YYYY-MM-DD>_<item-id>_<huoltajat|opiskelijat>.txt``
  sort by the day to send; they are made safe and unique by
  :class:`opiskeluhuolto.fmt.UniqueFileNames`.
* A manifest, ``drafts.csv`` and/or ``drafts.json``, lists every draft.
* Options: ``lead_days=N`` (overrides the item's and the kind's lead time),
  ``format=text|html``, ``manifest=both|csv|json``.

Registered through the ``opiskeluhuolto`` entry points like any third-party
plugin; uses only the public API of :mod:`opiskeluhuolto`.  See
``docs/wilma.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from opiskeluhuolto import hookimpl
from opiskeluhuolto.calendar import MAX_LEAD_DAYS
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
    from opiskeluhuolto_wilma.drafts import Draft

# The drafting and rendering modules (files.py, drafts.py) are imported when
# drafts are written, not when the plugin is registered.

__all__ = ["MANIFEST_COLUMNS", "WilmaExporter"]

MANIFEST_COLUMNS = (
    "send_on",
    "audience",
    "recipients",
    "subject",
    "item",
    "title",
    "calendar",
    "start",
    "end",
    "results_start",
    "results_end",
    "lead_days",
    "id",
    "file",
)
"""The columns of ``drafts.csv`` (and the keys of each draft in ``drafts.json``)."""


class WilmaExporter(Exporter):
    """Wilma message drafts: ``lead_days=N``, ``format=text|html``, ``manifest=…``."""

    name = "wilma"
    description = "Wilma-viestien luonnokset huoltajille ja opiskelijoille (kansio)"
    description_en = "Wilma message drafts for guardians and students (folder)"
    description_sv = "Utkast till Wilma-meddelanden för vårdnadshavare och studerande (mapp)"
    output = Output.FOLDER
    default_path = "wilma-luonnokset"
    options = (
        Option(
            "lead_days",
            None,
            "lähetys N päivää ennen alkua kaikille kohteille (oletus: kohteen lead_days "
            "tai lajin oletus)",
            "send N days before the start for every item (default: the item's lead_days "
            "or its kind's default)",
            help_sv=(
                "utskick N dagar före början för alla punkter (standard: punktens "
                "lead_days eller typens standard)"
            ),
            converter=WHOLE_NUMBER,
            validator=Between(0, MAX_LEAD_DAYS),
        ),
        Option(
            "format",
            "text",
            "text: tekstitiedostot; html: Wilmaan sopiva yksinkertainen HTML",
            "text: plain text files; html: simple HTML that Wilma accepts",
            help_sv="text: textfiler; html: enkel HTML som Wilma godtar",
            validator=OneOf(("text", "html")),
        ),
        Option(
            "manifest",
            "both",
            "luettelo luonnoksista: drafts.csv, drafts.json tai molemmat",
            "the list of drafts: drafts.csv, drafts.json or both",
            help_sv="förteckningen över utkasten: drafts.csv, drafts.json eller båda",
            validator=OneOf(("both", "csv", "json")),
        ),
    )

    def drafts(self, context: ExportContext) -> list[Draft]:
        """The drafts of the export, sorted by send-on date (and file name)."""
        from opiskeluhuolto_wilma.drafts import build_drafts

        lead = context.options.get("lead_days")
        as_html = context.options.get("format") == "html"
        return build_drafts(
            context.organisation,
            context.occurrences(),
            group=context.group,
            lang=context.lang,
            lead_days=lead if isinstance(lead, int) else None,  # checked by the host
            extension=".html" if as_html else ".txt",
        )

    def render(self, context: ExportContext) -> dict[str, bytes]:
        from opiskeluhuolto_wilma.files import (
            manifest_csv,
            manifest_json,
            render_draft,
            render_draft_html,
        )

        fmt = "html" if context.options.get("format") == "html" else "text"
        manifest = context.options.get("manifest") or "both"
        drafts = self.drafts(context)
        render = render_draft_html if fmt == "html" else render_draft
        files = {draft.file: render(draft, context.lang).encode("utf-8") for draft in drafts}
        if manifest in ("both", "csv"):
            files["drafts.csv"] = manifest_csv(drafts)
        if manifest in ("both", "json"):
            files["drafts.json"] = manifest_json(drafts, context, fmt)
        return files


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(WilmaExporter())
