"""An example third-party exporter: the calendar as a Markdown table."""

from __future__ import annotations

from collections.abc import Callable

from opiskeluhuolto import hookimpl
from opiskeluhuolto.exporting import YES_NO, ExportContext, Exporter, Option, Output
from opiskeluhuolto.fmt import format_span, format_weeks


def _cell(text: str) -> str:
    # A table cell must not break the table.
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownExporter(Exporter):
    name = "markdown"
    description = "Markdown-taulukko esiintymistä"
    description_en = "Markdown table of the occurrences"
    output = Output.FILE
    default_path = "vuosikello.md"
    options = (
        Option("weeks", True, "näytä viikkonumerot", "show ISO week numbers", converter=YES_NO),
    )

    def render(self, context: ExportContext) -> bytes:
        weeks = bool(context.options["weeks"])
        header = ["Ajankohta", "Viikot", "Asia"] if weeks else ["Ajankohta", "Asia"]
        lines = [
            f"# {context.title}",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
        ]
        for occ in context.occurrences():
            title = ("Tulokset: " if occ.follow_up else "") + occ.item.title
            cells = [format_span(occ.start, occ.end, context.lang)]
            if weeks:
                cells.append(format_weeks(occ.start, occ.end, context.lang))
            cells.append(_cell(title))
            lines.append("| " + " | ".join(cells) + " |")
        return ("\n".join(lines) + "\n").encode("utf-8")


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(MarkdownExporter())
