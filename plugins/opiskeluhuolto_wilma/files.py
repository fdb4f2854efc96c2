"""Rendering of Wilma drafts and their manifest (imported when drafts are written)."""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import json
from collections.abc import Sequence

from opiskeluhuolto.exporting import ExportContext
from opiskeluhuolto.fmt import Lang, format_date, format_occurrence, format_when, neutralise_cell
from opiskeluhuolto_wilma import MANIFEST_COLUMNS, texts
from opiskeluhuolto_wilma.drafts import Draft

__all__ = ["manifest_csv", "manifest_json", "render_draft", "render_draft_html"]


def _span(start: _dt.date, end: _dt.date, lang: Lang) -> str:
    return format_when(start, end, None, lang, short=True, span_weekdays=True)


def _header(draft: Draft, lang: Lang) -> list[tuple[str, str]]:
    send_on = format_date(draft.send_on, lang, weekday="full" if lang == "en" else "essive")
    fields = [
        (texts.label("subject", lang), draft.subject),
        (texts.label("recipients", lang), draft.recipients),
        (texts.label("reach", lang), draft.reach),
        (
            texts.label("send_on", lang),
            f"{send_on} ({texts.lead_text(draft.lead_days, lang)})",
        ),
        (texts.label("item", lang), f"{draft.item.id} ({draft.calendar.name})"),
        (
            texts.label("when", lang),
            format_occurrence(draft.occurrence, lang, short=True, span_weekdays=True),
        ),
    ]
    if draft.check_day is not None:
        fields.append(
            (
                texts.label("check_day", lang),
                f"{draft.check_day}. {texts.label('check_day_tail', lang)}",
            )
        )
    if draft.results is not None:
        fields.append((texts.label("results", lang), _span(*draft.results, lang)))
    if draft.item.notes:
        fields.append((texts.label("note", lang), " ".join(draft.item.notes.split())))
    fields.append((texts.label("id", lang), draft.occurrence.id))
    return fields


def render_draft(draft: Draft, lang: Lang = "fi") -> str:
    """A draft as plain text: what the sender needs to know, then the message."""
    lines = [texts.label("banner", lang), ""]
    for name, value in _header(draft, lang):
        lines.append(f"{name}: {value}")
    lines.append(f"({texts.label('subject_note', lang)})")
    lines.append("")
    lines.append(f"{texts.label('body', lang)}:")
    lines.append("-" * 72)
    return "\n".join(lines) + "\n" + draft.body


def _html_body(body: str) -> str:
    """The message as Wilma-compatible simple HTML: paragraphs and line breaks only."""
    paragraphs = [p for p in body.strip("\n").split("\n\n") if p.strip()]
    return "\n".join(
        "<p>" + "<br>\n".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def render_draft_html(draft: Draft, lang: Lang = "fi") -> str:
    """A draft as a small HTML page; the message part uses only ``<p>`` and ``<br>``."""
    rows = "\n".join(
        f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>"
        for name, value in _header(draft, lang)
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(draft.subject)}</title>\n</head>\n<body>\n"
        f"<p><strong>{html.escape(texts.label('banner', lang))}</strong></p>\n"
        f"<table>\n{rows}\n</table>\n"
        f"<p><em>{html.escape(texts.label('subject_note', lang))}</em></p>\n"
        f"<hr>\n<!-- {texts.label('body', lang)} -->\n"
        f'<div class="wilma-viesti">\n{_html_body(draft.body)}\n</div>\n'
        "</body>\n</html>\n"
    )


def _row(draft: Draft) -> dict[str, str | int]:
    occ = draft.occurrence
    return {
        "send_on": draft.send_on.isoformat(),
        "audience": draft.audience.value,
        "recipients": draft.recipients,
        "subject": draft.subject,
        "item": draft.item.id,
        "title": draft.item.title,
        "calendar": draft.calendar.id,
        "start": occ.start.isoformat(),
        "end": occ.end.isoformat(),
        "results_start": draft.results[0].isoformat() if draft.results else "",
        "results_end": draft.results[1].isoformat() if draft.results else "",
        "lead_days": draft.lead_days,
        "id": occ.id,
        "file": draft.file,
    }


def manifest_csv(drafts: Sequence[Draft]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for draft in drafts:
        row = _row(draft)
        writer.writerow(
            [
                neutralise_cell(value) if isinstance(value, str) else str(value)
                for value in (row[column] for column in MANIFEST_COLUMNS)
            ]
        )
    return buffer.getvalue().encode("utf-8")


def manifest_json(drafts: Sequence[Draft], context: ExportContext, fmt: str) -> bytes:
    document = {
        "organisation": context.organisation.id,
        "group": context.group,
        "start": context.start.isoformat(),
        "end": context.end.isoformat(),
        "lang": context.lang,
        "format": fmt,
        "generated": context.generated.isoformat(),
        "drafts": [_row(draft) for draft in drafts],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
