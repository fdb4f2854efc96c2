"""The ``agenda`` exporter: one Markdown agenda per listed meeting of a group.

``opiskeluhuolto export agenda --group ohr-seinajoki -o asialistat`` writes a
folder with one file per meeting of the group in the export range (the school
year by default), named ``<group>-<YYYY-MM-DD>.md`` by
:func:`opiskeluhuolto.agenda.agenda_filename` (made safe by
:func:`opiskeluhuolto.fmt.safe_file_name`, whatever the group's id; one file
per meeting day, so the names never clash).  Registered through the
``opiskeluhuolto`` entry points like any third-party plugin; uses only the
public API.
"""

from __future__ import annotations

from collections.abc import Callable

from opiskeluhuolto import hookimpl
from opiskeluhuolto.agenda import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    agenda_filename,
    build_agenda,
    meetings_between,
    render_markdown,
)
from opiskeluhuolto.exporting import (
    WHOLE_NUMBER,
    Between,
    ExportContext,
    Exporter,
    Option,
    Output,
)
from opiskeluhuolto.fmt import format_span, pick

__all__ = ["AgendaExporter"]


class AgendaExporter(Exporter):
    name = "agenda"
    description = "Kokousten asialistat (Markdown): yksi tiedosto ryhmän kokousta kohden"
    description_en = "Meeting agendas (Markdown): one file per meeting of the group"
    description_sv = "Föredragningslistor för möten (Markdown): en fil per möte i gruppen"
    output = Output.FOLDER
    default_path = "asialistat"
    options = (
        Option(
            "weeks",
            DEFAULT_WEEKS,
            "montako viikkoa eteenpäin vuosikellosta otetaan",
            "how many weeks ahead to take from the calendar",
            help_sv="hur många veckor framåt som tas med ur årsklockan",
            converter=WHOLE_NUMBER,
            validator=Between(1, MAX_WEEKS),
        ),
    )

    def render(self, context: ExportContext) -> dict[str, bytes]:
        lang = context.lang
        if context.group is None:
            raise ValueError(
                pick(
                    lang,
                    "anna ryhmä, jonka kokouksille asialistat tehdään: --group ID",
                    "give the group whose meetings get agendas: --group ID",
                    "ange gruppen vars möten får föredragningslistor: --group ID",
                )
            )
        group = context.organisation.group(context.group)
        meetings = meetings_between(context.organisation, group.id, context.start, context.end)
        if not meetings:
            span = format_span(context.start, context.end, lang)
            raise ValueError(
                pick(
                    lang,
                    f"ryhmällä {group.id!r} ei ole kokouksia aikavälillä {span} "
                    "(lisää aineistoon `meetings`)",
                    f"group {group.id!r} has no meetings in {span} (add `meetings` to the data)",
                    f"gruppen {group.id!r} har inga möten under {span} "
                    "(lägg till `meetings` i data)",
                )
            )
        weeks = context.options.get("weeks")  # 1–MAX_WEEKS: the host checked it
        weeks = weeks if isinstance(weeks, int) else DEFAULT_WEEKS
        files: dict[str, bytes] = {}
        for day in meetings:
            agenda = build_agenda(context.organisation, group.id, day, weeks, context.records)
            files[agenda_filename(agenda)] = render_markdown(agenda, lang).encode("utf-8")
        return files


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(AgendaExporter())
