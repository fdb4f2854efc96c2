"""No two places define the same label table.

A *label table* is a dict literal (anywhere in a module: top level, class or
function body) whose every value is a tuple of string literals read as the
Finnish, the English and (since issue 17) the Swedish label: ``{ItemKind.SURVEY:
("kysely", "survey", "enkät")}``, or only the first two, and also ``("#0072B2",
"kysely", "survey")`` with a colour in front (the wheel's old ``KINDS``).  A
table is compared by its (Finnish, English) pairs.  A tuple or list literal of
at least two ``(str, str)`` or ``(str, str, str)`` tuples is a label table too
(loading's TOML messages).

Two rules, over every module of ``src/`` and ``plugins/``:

1. **One table per enum.**  A label table whose keys are all ``Enum.MEMBER``
   of one class (``ItemKind.SURVEY``, ``Audience.HUOLTAJAT``) labels that
   enum; no enum is labelled by two tables, in one module or two.  Tables
   keyed by tuples (``(ItemKind.SURVEY, _G)``: messages per kind and
   audience) or by strings do not label an enum.  A table of colours
   (``{ItemKind.SURVEY: "#0072B2"}``) is no label table.
2. **No copied pairs.**  No label table's (fi, en) pairs, when it has at
   least two, are all found in another label table (the same table again,
   or a copy with more entries), whatever the keys.

The labels of item kinds live in ``opiskeluhuolto.calendar`` (``ItemKind.label``);
before that ical's ``KIND_LABELS`` and the wheel's ``KINDS`` both labelled
``ItemKind`` — :func:`test_the_old_duplicate_is_caught` shows rule 1 catches it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent

Pair = tuple[str, str]


@attrs.frozen
class Table:
    """One label table: where it is, the enum it labels (or None), its (fi, en) pairs."""

    module: str
    line: int
    enum: str | None
    pairs: frozenset[Pair]

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line}"


def _strings(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _label(value: ast.expr) -> Pair | None:
    """``("#colour", "fi", "en")``, ``("fi", "en")`` or ``("fi", "en", "sv")`` → ``("fi", "en")``;
    anything else None."""
    if not isinstance(value, ast.Tuple) or len(value.elts) < 2:
        return None
    texts = [_strings(e) for e in value.elts]
    if any(text is None for text in texts):
        return None
    labels = [text for text in texts if text is not None and not text.startswith("#")]
    if len(labels) not in (2, 3) or len(texts) - len(labels) > 1:
        return None
    return (labels[0], labels[1])


def _enum_of(keys: list[ast.expr | None]) -> str | None:
    """The class when every key is ``Class.MEMBER`` of one capitalised class name."""
    names = set()
    for key in keys:
        if not (
            isinstance(key, ast.Attribute)
            and isinstance(key.value, ast.Name)
            and key.value.id[:1].isupper()
        ):
            return None
        names.add(key.value.id)
    return names.pop() if len(names) == 1 else None


def label_tables(source: str, module: str) -> list[Table]:
    """Every label table in ``source`` (see the module docstring)."""
    tables = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and node.values:
            labels = [_label(v) for v in node.values]
            if all(labels):
                pairs = frozenset(label for label in labels if label)
                tables.append(Table(module, node.lineno, _enum_of(node.keys), pairs))
        elif isinstance(node, ast.Tuple | ast.List) and len(node.elts) >= 2:
            labels = [
                _label(e) if isinstance(e, ast.Tuple) and len(e.elts) in (2, 3) else None
                for e in node.elts
            ]
            if all(labels):
                pairs = frozenset(label for label in labels if label)
                tables.append(Table(module, node.lineno, None, pairs))
    return tables


def duplicates(modules: dict[str, str]) -> list[str]:
    """Module name → source in; one line per broken rule out (empty: all is well)."""
    tables = [t for name, source in sorted(modules.items()) for t in label_tables(source, name)]
    found = []
    for index, first in enumerate(tables):
        for second in tables[index + 1 :]:
            if first.enum is not None and first.enum == second.enum:
                found.append(f"two label tables of {first.enum}: {first.where}, {second.where}")
            for small, large in ((first, second), (second, first)):
                if len(small.pairs) >= 2 and small.pairs <= large.pairs:
                    found.append(
                        f"the pairs of {small.where} are all in {large.where}: "
                        f"{sorted(small.pairs)[:3]}"
                    )
                    break
    return found


def _project_modules() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for folder in ("src", "plugins")
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def test_no_two_label_tables_are_the_same() -> None:
    modules = _project_modules()
    assert len(modules) > 20
    assert duplicates(modules) == []


def test_the_tables_of_today_are_found() -> None:
    """The checker sees the tables it guards (else an empty result would prove nothing)."""
    tables = [t for name, source in _project_modules().items() for t in label_tables(source, name)]
    enums = {t.enum for t in tables}
    assert {"ItemKind", "Audience", "Origin", "Undated"} <= enums
    item_kinds = [t for t in tables if t.enum == "ItemKind"]
    assert [t.module for t in item_kinds] == ["src/opiskeluhuolto/calendar.py"]
    assert ("kysely", "survey") in item_kinds[0].pairs


# Before the one ItemKind.label: ical's and the wheel's own tables (abridged).
_OLD_ICAL = """
KIND_LABELS: dict[ItemKind, tuple[str, str]] = {
    ItemKind.SURVEY: ("kysely", "survey"),
    ItemKind.EVENT: ("tapahtuma", "event"),
    ItemKind.OTHER: ("muu", "other"),
}
"""
_OLD_WHEEL = """
KINDS: dict[ItemKind, tuple[str, str, str]] = {
    ItemKind.SURVEY: ("#0072B2", "kysely", "survey"),
    ItemKind.EVENT: ("#E69F00", "tapahtuma, juhla", "event"),
    ItemKind.OTHER: ("#BBBBBB", "muu", "other"),
}
"""


def test_the_old_duplicate_is_caught() -> None:
    found = duplicates({"ical/feed.py": _OLD_ICAL, "wheel/layout.py": _OLD_WHEEL})
    assert found == ["two label tables of ItemKind: ical/feed.py:2, wheel/layout.py:2"]
    # And against today's calendar.py, each old copy is caught by both rules.
    calendar = (ROOT / "src/opiskeluhuolto/calendar.py").read_text(encoding="utf-8")
    found = duplicates({"calendar.py": calendar, "ical/feed.py": _OLD_ICAL})
    assert any(line.startswith("two label tables of ItemKind: calendar.py:") for line in found)
    assert any(
        line.startswith("the pairs of ical/feed.py:2 are all in calendar.py:") for line in found
    )


def test_copied_pairs_are_caught_whatever_the_keys() -> None:
    one = 'LABELS = {"survey": ("kysely", "survey"), "event": ("tapahtuma", "event")}\n'
    two = (
        "NAMES = (\n"
        '    ("kysely", "survey"),\n'
        '    ("tapahtuma", "event"),\n'
        '    ("muu", "other"),\n'
        ")\n"
    )
    assert duplicates({"a.py": one, "b.py": two}) == [
        "the pairs of a.py:1 are all in b.py:1: [('kysely', 'survey'), ('tapahtuma', 'event')]"
    ]


def test_what_is_not_a_duplicate() -> None:
    labels = 'L = {ItemKind.SURVEY: ("kysely", "survey"), ItemKind.EVENT: ("tapahtuma", "event")}\n'
    colours = 'C = {ItemKind.SURVEY: "#0072B2", ItemKind.EVENT: "#E69F00"}\n'
    per_audience = (
        'W = {(ItemKind.SURVEY, _G): ("Vastatkaa.", "Please answer."),\n'
        '     (ItemKind.EVENT, _G): ("Tervetuloa.", "Welcome.")}\n'
    )
    one_shared_pair = 'O = {Origin.OWN: ("kysely", "survey"), Origin.INHERITED: ("x", "y")}\n'
    modules = {"a.py": labels, "b.py": colours, "c.py": per_audience, "d.py": one_shared_pair}
    assert duplicates(modules) == []
    assert [t.enum for t in label_tables(per_audience, "c.py")] == [None]
    assert label_tables(colours, "b.py") == []
