"""The year's evaluation (toiminnan arviointi): what became of each group's occurrences.

:func:`evaluate` lays a school year's records over every group's view of the
calendar and counts the outcomes (done, moved, cancelled, not recorded,
upcoming) for the group itself, by item kind and by audience, and rolled up:
a group's rolled-up counts are its own and the rolled-up counts of the groups
below it (a parent sums its descendants, so the Sedu welfare group's row adds
up every campus).  Each group also gets the list of what was not done.

:func:`render_markdown`, :func:`render_csv`, :func:`render_not_done_csv` and
:func:`render_html` write it (Finnish by default, English with ``"en"``,
Swedish with ``"sv"``; the CSV files are keys and ISO values in every
language); the HTML page has a small SVG bar chart drawn here, works offline
and says its language.  Pure: values in, text out; ``opiskeluhuolto report``
writes the files.

>>> from opiskeluhuolto import load_default
>>> from opiskeluhuolto.records import Records
>>> from opiskeluhuolto.recurrence import SchoolYear
>>> import datetime as dt
>>> year = SchoolYear(2026)
>>> found = evaluate(load_default(), Records(year), dt.date(2027, 8, 1), group="ohr-lapua")
>>> [(g.group.id, g.own.total == g.own.unrecorded) for g in found.groups]
[('ohr-lapua', True), ('turvallisuusryhma-lapua', True)]
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

import attrs

from opiskeluhuolto.calendar import ItemKind, Organisation
from opiskeluhuolto.fmt import Lang, format_date, format_occurrence, neutralise_cell, pick
from opiskeluhuolto.groups import Audience, Group
from opiskeluhuolto.records import Outcome, Records, TrackedOccurrence, track
from opiskeluhuolto.recurrence import SchoolYear

__all__ = [
    "OUTCOME_COLOURS",
    "Counts",
    "Evaluation",
    "GroupEvaluation",
    "bar_chart_svg",
    "evaluate",
    "file_names",
    "render_csv",
    "render_html",
    "render_markdown",
    "render_not_done_csv",
]

_OUTCOMES = tuple(Outcome)


@attrs.frozen
class Counts:
    """How many occurrences had each outcome."""

    done: int = 0
    moved: int = 0
    cancelled: int = 0
    unrecorded: int = 0
    upcoming: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Counts:
        found = dict.fromkeys(_OUTCOMES, 0)
        for outcome in outcomes:
            found[outcome] += 1
        return cls(*(found[o] for o in _OUTCOMES))

    def count(self, outcome: Outcome) -> int:
        value: int = getattr(self, outcome.value)
        return value

    @property
    def total(self) -> int:
        return self.done + self.moved + self.cancelled + self.unrecorded + self.upcoming

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(self.count(o) + other.count(o) for o in _OUTCOMES))


@attrs.frozen
class GroupEvaluation:
    """One group's year: its own view's counts, by kind and audience, rolled up, not done.

    ``by_audience`` counts an occurrence under each of its item's audiences
    (``None``: an item with no audience), so its rows may add up to more
    than ``own``; ``by_kind`` adds up to ``own`` exactly.
    """

    group: Group
    depth: int
    own: Counts
    rolled: Counts
    has_children: bool
    by_kind: tuple[tuple[ItemKind, Counts], ...]
    by_audience: tuple[tuple[Audience | None, Counts], ...]
    not_done: tuple[tuple[TrackedOccurrence, Outcome], ...]
    """Cancelled, moved (not yet done) and unrecorded occurrences, by their days."""


@attrs.frozen
class Evaluation:
    """The school year's evaluation of the groups (hierarchy order, parents first)."""

    organisation: str
    school_year: SchoolYear
    today: _dt.date
    groups: tuple[GroupEvaluation, ...]


_NOT_DONE = (Outcome.CANCELLED, Outcome.MOVED, Outcome.UNRECORDED)

_Details = tuple[
    tuple[tuple[ItemKind, Counts], ...],
    tuple[tuple[Audience | None, Counts], ...],
    tuple[tuple[TrackedOccurrence, Outcome], ...],
]


def evaluate(
    organisation: Organisation,
    records: Records,
    today: _dt.date,
    group: str | None = None,
) -> Evaluation:
    """The evaluation of ``records``' school year for every group (or ``group`` and below).

    An occurrence that has not ended by ``today`` and has no record is
    upcoming; one that has ended with none is not recorded.
    """
    year = records.school_year
    hierarchy = organisation.hierarchy
    roots = (hierarchy.get(group),) if group is not None else hierarchy.roots()
    ordered: list[tuple[Group, int]] = []

    def walk(node: Group, depth: int) -> None:
        ordered.append((node, depth))
        for child in hierarchy.children(node.id):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    own: dict[str, Counts] = {}
    details: dict[str, _Details] = {}
    for node, _depth in ordered:
        tracked = track(organisation, records, year.start, year.end, node.id)
        outcomes = [(t, t.outcome(today)) for t in tracked]
        own[node.id] = Counts.of(o for _t, o in outcomes)
        kinds = {
            kind: Counts.of(o for t, o in outcomes if t.planned.item.kind is kind)
            for kind in ItemKind
        }
        audiences: dict[Audience | None, Counts] = {
            audience: Counts.of(o for t, o in outcomes if audience in t.planned.item.audience)
            for audience in Audience
        }
        audiences[None] = Counts.of(o for t, o in outcomes if not t.planned.item.audience)
        details[node.id] = (
            tuple((k, c) for k, c in kinds.items() if c.total),
            tuple((a, c) for a, c in audiences.items() if c.total),
            tuple((t, o) for t, o in outcomes if o in _NOT_DONE),
        )
    rolled: dict[str, Counts] = {}
    for node, _depth in reversed(ordered):  # children before parents
        total = own[node.id]
        for child in hierarchy.children(node.id):
            total = total + rolled[child.id]
        rolled[node.id] = total
    groups = []
    for node, depth in ordered:
        by_kind, by_audience, not_done = details[node.id]
        groups.append(
            GroupEvaluation(
                node,
                depth,
                own[node.id],
                rolled[node.id],
                bool(hierarchy.children(node.id)),
                by_kind,
                by_audience,
                not_done,
            )
        )
    return Evaluation(organisation.name, year, today, tuple(groups))


def file_names(school_year: SchoolYear) -> dict[str, str]:
    """The files ``report`` writes, by kind: ``arviointi-2026.md`` and the others.

    >>> file_names(SchoolYear(2026))["html"]
    'arviointi-2026.html'
    """
    year = school_year.first_year
    return {
        "markdown": f"arviointi-{year}.md",
        "csv": f"arviointi-{year}.csv",
        "not_done": f"tekematta-{year}.csv",
        "html": f"arviointi-{year}.html",
    }


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def _title(evaluation: Evaluation, lang: Lang) -> str:
    year = evaluation.school_year
    return pick(
        lang,
        f"Seuranta ja arviointi, lukuvuosi {year}",
        f"Follow-through, school year {year}",
        f"Uppföljning och utvärdering, läsåret {year}",
    )


def _facts(evaluation: Evaluation, source: str, lang: Lang) -> str:
    today = format_date(evaluation.today, lang)
    return pick(
        lang,
        f"{evaluation.organisation} · tilanne {today} · kirjaukset: {source}",
        f"{evaluation.organisation} · as of {today} · records: {source}",
        f"{evaluation.organisation} · läget {today} · anteckningar: {source}",
    )


def _audience(audience: Audience | None, lang: Lang) -> str:
    if audience is None:
        return pick(lang, "ei kohderyhmää", "no audience", "ingen målgrupp")
    return audience.label(lang)


def _headers(first: str, lang: Lang) -> list[str]:
    return [
        first,
        *(o.label(lang).capitalize() for o in _OUTCOMES),
        pick(lang, "Yht.", "Total", "Totalt"),
    ]


def _numbers(counts: Counts) -> list[str]:
    return [str(counts.count(o)) for o in _OUTCOMES] + [str(counts.total)]


def _rolled_name(entry: GroupEvaluation, lang: Lang) -> str:
    return entry.group.name + pick(
        lang, " alaryhmineen", " with the groups below", " med undergrupperna"
    )


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _md(text: str) -> str:
    return " ".join(text.translate(_MARKDOWN_SPECIAL).split())


def _table(headers: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" + "---:|" * (len(headers) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _not_done_line(tracked: TrackedOccurrence, outcome: Outcome, lang: Lang) -> str:
    occ = tracked.occurrence
    title = occ.item.title
    if occ.follow_up:
        title = pick(lang, "Tulokset: ", "Results: ", "Resultat: ") + title
    text = f"- {format_occurrence(occ, lang)}: {_md(title)} – {outcome.label(lang)}"
    record = tracked.record
    if record is not None and record.note:
        text += f" ({_md(record.note)})"
    return text + f" · `{tracked.id}`"


def render_markdown(evaluation: Evaluation, source: str, lang: Lang = "fi") -> str:
    """The evaluation as Markdown: the summary table, then each group's counts and lists.

    ``source`` names where the records came from (the records file).
    """
    lines = [f"# {_md(_title(evaluation, lang))}", "", _md(_facts(evaluation, source, lang)), ""]
    lines += [pick(lang, "## Yhteenveto", "## Summary", "## Sammanfattning"), ""]
    lines.append(
        pick(
            lang,
            "Ryhmän oma vuosikello; ryhmä, jolla on alaryhmiä, myös alaryhmineen "
            "(yläryhmä laskee yhteen alaryhmänsä).",
            "The group's own calendar; a group with groups below it also with them "
            "(a parent sums its descendants).",
            "Gruppens egen årsklocka; för en grupp som har undergrupper även tillsammans "
            "med dem (en övergrupp räknar ihop sina undergrupper).",
        )
    )
    lines.append("")
    rows = []
    for entry in evaluation.groups:
        indent = "· " * entry.depth
        rows.append([indent + _md(entry.group.name), *_numbers(entry.own)])
        if entry.has_children:
            rows.append([indent + _md(_rolled_name(entry, lang)), *_numbers(entry.rolled)])
    lines += _table(_headers(pick(lang, "Ryhmä", "Group", "Grupp"), lang), rows)
    for entry in evaluation.groups:
        lines += ["", f"## {_md(entry.group.name)}", ""]
        lines += [pick(lang, "### Lajeittain", "### By kind", "### Per typ"), ""]
        lines += _table(
            _headers(pick(lang, "Laji", "Kind", "Typ"), lang),
            ([kind.label(lang), *_numbers(counts)] for kind, counts in entry.by_kind),
        )
        lines += ["", pick(lang, "### Kohderyhmittäin", "### By audience", "### Per målgrupp"), ""]
        lines += _table(
            _headers(pick(lang, "Kohderyhmä", "Audience", "Målgrupp"), lang),
            ([_audience(a, lang), *_numbers(counts)] for a, counts in entry.by_audience),
        )
        lines += ["", pick(lang, "### Tekemättä", "### Not done", "### Inte gjort"), ""]
        if not entry.not_done:
            lines.append(
                pick(
                    lang,
                    "*Kaikki tehty tai tulossa.*",
                    "*All done or upcoming.*",
                    "*Allt är gjort eller kommande.*",
                )
            )
        lines += [_not_done_line(t, o, lang) for t, o in entry.not_done]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------

CSV_COLUMNS = (
    "group",
    "scope",
    "dimension",
    "value",
    *(o.value for o in _OUTCOMES),
    "total",
)
"""The columns of ``arviointi-2026.csv``: one row per group, scope, dimension and value.

``scope`` is ``own`` (the group's calendar) or ``rolled`` (with the groups
below it); ``dimension`` is ``all``, ``kind`` (value: the item kind) or
``audience`` (value: the audience, empty for none)."""

NOT_DONE_COLUMNS = ("group", "id", "title", "kind", "start", "end", "outcome", "note")
"""The columns of ``tekematta-2026.csv``: what was not done, one row per group and occurrence."""


def _csv(rows: Iterable[Iterable[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def render_csv(evaluation: Evaluation) -> bytes:
    """The counts as CSV (keys and ISO values, for programs and spreadsheets)."""
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    for entry in evaluation.groups:
        group = neutralise_cell(entry.group.id)
        rows.append([group, "own", "all", "", *_numbers(entry.own)])
        if entry.has_children:
            rows.append([group, "rolled", "all", "", *_numbers(entry.rolled)])
        rows += [[group, "own", "kind", k.value, *_numbers(c)] for k, c in entry.by_kind]
        rows += [
            [group, "own", "audience", "" if a is None else a.value, *_numbers(c)]
            for a, c in entry.by_audience
        ]
    return _csv(rows)


def render_not_done_csv(evaluation: Evaluation) -> bytes:
    """What was not done as CSV: cancelled, moved and unrecorded occurrences per group."""
    rows: list[list[str]] = [list(NOT_DONE_COLUMNS)]
    for entry in evaluation.groups:
        for tracked, outcome in entry.not_done:
            occ = tracked.occurrence
            note = tracked.record.note if tracked.record is not None else None
            rows.append(
                [
                    neutralise_cell(entry.group.id),
                    neutralise_cell(tracked.id),
                    neutralise_cell(occ.item.title),
                    occ.item.kind.value,
                    occ.start.isoformat(),
                    occ.end.isoformat(),
                    outcome.value,
                    neutralise_cell(note or ""),
                ]
            )
    return _csv(rows)


# ---------------------------------------------------------------------------
# The chart and the page
# ---------------------------------------------------------------------------

OUTCOME_COLOURS: Mapping[Outcome, str] = {
    Outcome.DONE: "#1b7a3d",
    Outcome.MOVED: "#2f6db5",
    Outcome.CANCELLED: "#6b6b6b",
    Outcome.UNRECORDED: "#b3261e",
    Outcome.UPCOMING: "#c9c9c9",
}
"""The colour of each outcome in the chart (the legend says the words)."""

_BAR, _GAP, _LABEL, _WIDTH, _TOP = 22.0, 8.0, 330.0, 420.0, 34.0


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart_svg(rows: Iterable[tuple[str, Counts]], lang: Lang = "fi") -> str:
    """A horizontal stacked bar per row: each outcome's share of the row's occurrences.

    Dependency-free SVG (``xml.etree``): every bar and part has a ``<title>``
    with the words and numbers, the legend on top names the colours.
    """
    entries = list(rows)
    height = _TOP + len(entries) * (_BAR + _GAP) + 4
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {_n(_LABEL + _WIDTH + 60)} {_n(height)}",
            "role": "img",
            "class": "chart",
            "font-family": "system-ui, sans-serif",
            "font-size": "13",
        },
    )
    ET.SubElement(svg, "title").text = pick(
        lang,
        "Esiintymät ryhmittäin ja tuloksittain",
        "Occurrences by group and outcome",
        "Förekomster per grupp och utfall",
    )
    x = _LABEL
    for outcome in _OUTCOMES:  # the legend
        ET.SubElement(
            svg,
            "rect",
            {"x": _n(x), "y": "6", "width": "12", "height": "12", "fill": OUTCOME_COLOURS[outcome]},
        )
        label = ET.SubElement(svg, "text", {"x": _n(x + 16), "y": "16.5", "fill": "#1a1a1a"})
        label.text = outcome.label(lang)
        x += 16 + 7.2 * len(outcome.label(lang)) + 14
    for index, (name, counts) in enumerate(entries):
        y = _TOP + index * (_BAR + _GAP)
        row = ET.SubElement(svg, "g", {"class": "bar"})
        ET.SubElement(row, "title").text = f"{name}: " + ", ".join(
            f"{o.label(lang)} {counts.count(o)}" for o in _OUTCOMES
        )
        text = ET.SubElement(
            row,
            "text",
            {"x": _n(_LABEL - 8), "y": _n(y + _BAR * 0.7), "text-anchor": "end", "fill": "#1a1a1a"},
        )
        text.text = name if len(name) <= 44 else name[:43] + "…"
        left = _LABEL
        for outcome in _OUTCOMES:
            count = counts.count(outcome)
            if not count:
                continue
            width = _WIDTH * count / counts.total
            part = ET.SubElement(
                row,
                "rect",
                {
                    "x": _n(left),
                    "y": _n(y),
                    "width": _n(width),
                    "height": _n(_BAR),
                    "fill": OUTCOME_COLOURS[outcome],
                    "data-outcome": outcome.value,
                },
            )
            ET.SubElement(part, "title").text = f"{name}: {outcome.label(lang)} {count}"
            left += width
        total = ET.SubElement(
            row, "text", {"x": _n(_LABEL + _WIDTH + 6), "y": _n(y + _BAR * 0.7), "fill": "#1a1a1a"}
        )
        total.text = str(counts.total)
    return ET.tostring(svg, encoding="unicode")


_STYLE = """\
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
  margin: 0; padding: 1rem; color: #1a1a1a; background: #ffffff; }
main { max-width: 60rem; margin: 0 auto; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c4c4c4; padding: 0.2rem 0.5rem; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"] { text-align: left; font-weight: normal; }
svg.chart { width: 100%; height: auto; max-width: 52rem; }
code { overflow-wrap: anywhere; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_table(headers: list[str], rows: Iterable[list[str]]) -> str:
    numeric = ' class="n"'
    head = "".join(
        f'<th scope="col"{numeric if i else ""}>{_e(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{_e(cell)}</th>' if i == 0 else f'<td class="n">{_e(cell)}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>\n"
        for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def render_html(evaluation: Evaluation, source: str, lang: Lang = "fi") -> bytes:
    """The evaluation as one offline HTML page: the chart, the tables, the lists."""
    title = _title(evaluation, lang)
    parts = [f"<h1>{_e(title)}</h1>\n", f"<p>{_e(_facts(evaluation, source, lang))}</p>\n"]
    parts.append(f"<h2>{_e(pick(lang, 'Yhteenveto', 'Summary', 'Sammanfattning'))}</h2>\n")
    chart_rows = [
        (
            ("· " * entry.depth)
            + (_rolled_name(entry, lang) if entry.has_children else entry.group.name),
            entry.rolled,
        )
        for entry in evaluation.groups
    ]
    parts.append(f"<figure>\n{bar_chart_svg(chart_rows, lang)}\n<figcaption>")
    parts.append(
        _e(
            pick(
                lang,
                "Esiintymät ryhmittäin: ryhmä, jolla on alaryhmiä, alaryhmineen.",
                "Occurrences by group: a group with groups below it, with them.",
                "Förekomster per grupp; för en grupp som har undergrupper räknas de med.",
            )
        )
    )
    parts.append("</figcaption>\n</figure>\n")
    rows = []
    for entry in evaluation.groups:
        indent = "· " * entry.depth
        rows.append([indent + entry.group.name, *_numbers(entry.own)])
        if entry.has_children:
            rows.append([indent + _rolled_name(entry, lang), *_numbers(entry.rolled)])
    parts.append(_html_table(_headers(pick(lang, "Ryhmä", "Group", "Grupp"), lang), rows))
    for entry in evaluation.groups:
        parts.append(f"<section>\n<h2>{_e(entry.group.name)}</h2>\n")
        parts.append(f"<h3>{_e(pick(lang, 'Lajeittain', 'By kind', 'Per typ'))}</h3>\n")
        parts.append(
            _html_table(
                _headers(pick(lang, "Laji", "Kind", "Typ"), lang),
                ([k.label(lang), *_numbers(c)] for k, c in entry.by_kind),
            )
        )
        parts.append(
            f"<h3>{_e(pick(lang, 'Kohderyhmittäin', 'By audience', 'Per målgrupp'))}</h3>\n"
        )
        parts.append(
            _html_table(
                _headers(pick(lang, "Kohderyhmä", "Audience", "Målgrupp"), lang),
                ([_audience(a, lang), *_numbers(c)] for a, c in entry.by_audience),
            )
        )
        parts.append(f"<h3>{_e(pick(lang, 'Tekemättä', 'Not done', 'Inte gjort'))}</h3>\n")
        if not entry.not_done:
            done = pick(
                lang,
                "Kaikki tehty tai tulossa.",
                "All done or upcoming.",
                "Allt är gjort eller kommande.",
            )
            parts.append(f"<p>{_e(done)}</p>\n")
        else:
            items = []
            for tracked, outcome in entry.not_done:
                occ = tracked.occurrence
                name = occ.item.title
                if occ.follow_up:
                    name = pick(lang, "Tulokset: ", "Results: ", "Resultat: ") + name
                note = tracked.record.note if tracked.record and tracked.record.note else ""
                items.append(
                    f"<li>{_e(format_occurrence(occ, lang))}: {_e(name)} – "
                    f"{_e(outcome.label(lang))}{' (' + _e(note) + ')' if note else ''} "
                    f"<code>{_e(tracked.id)}</code></li>\n"
                )
            parts.append("<ul>\n" + "".join(items) + "</ul>\n")
        parts.append("</section>\n")
    document = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{''.join(parts)}</main>\n</body>\n</html>\n"
    )
    return document.encode("utf-8")
