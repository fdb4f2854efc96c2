"""A tiny ``msgfmt``: the command line's ``.po`` catalogs compiled to ``.mo``.

``python -m opiskeluhuolto.cli._catalog`` compiles every
``locale/*/LC_MESSAGES/*.po`` next to this module into the ``.mo`` beside it
(GNU format, the one :class:`gettext.GNUTranslations` reads).  Only what the
catalogs here use is read: comments, ``msgid``, ``msgid_plural``, ``msgstr``,
``msgstr[N]`` and continued strings with the escapes ``\\\\ \\" \\n \\t``.
Nothing here runs when the command line runs.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import NamedTuple

__all__ = ["LOCALE", "CatalogError", "Entry", "compile_mo", "compile_tree", "parse_po"]

LOCALE = Path(__file__).resolve().parent / "locale"

_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}


class CatalogError(ValueError):
    """A ``.po`` file this compiler cannot read: names the line."""


class Entry(NamedTuple):
    """One message: ``msgid`` (and ``msgid_plural``) and its translations."""

    msgid: str
    msgid_plural: str | None
    msgstr: tuple[str, ...]


def _unquote(text: str, where: str) -> str:
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"'):
        raise CatalogError(f"{where}: expected a quoted string, got {text!r}")
    body, out, index = text[1:-1], [], 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escaped = body[index + 1 : index + 2]
            if escaped not in _ESCAPES:
                raise CatalogError(f"{where}: unknown escape \\{escaped}")
            out.append(_ESCAPES[escaped])
            index += 2
        elif char == '"':
            raise CatalogError(f"{where}: unescaped quote")
        else:
            out.append(char)
            index += 1
    return "".join(out)


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first, as written."""
    entries: list[Entry] = []
    fields: dict[str, list[str]] = {}
    current: str | None = None

    def finish(where: str) -> None:
        nonlocal current
        if not fields:
            return
        if "msgid" not in fields:
            raise CatalogError(f"{where}: a translation without msgid")
        plural = "".join(fields["msgid_plural"]) if "msgid_plural" in fields else None
        if plural is None:
            if set(fields) != {"msgid", "msgstr"}:
                raise CatalogError(f"{where}: expected msgid and msgstr, got {sorted(fields)}")
            translations: tuple[str, ...] = ("".join(fields["msgstr"]),)
        else:
            count = len(fields) - 2
            keys = [f"msgstr[{n}]" for n in range(count)]
            if sorted(fields) != sorted(["msgid", "msgid_plural", *keys]) or not count:
                raise CatalogError(f"{where}: expected msgstr[0], msgstr[1], … after msgid_plural")
            translations = tuple("".join(fields[key]) for key in keys)
        entries.append(Entry("".join(fields["msgid"]), plural, translations))
        fields.clear()
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                finish(where)
            continue
        if line.startswith('"'):
            if current is None:
                raise CatalogError(f"{where}: a string outside any msgid or msgstr")
            fields[current].append(_unquote(line, where))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and fields:
            finish(where)  # entries separated by comments only
        if keyword not in ("msgid", "msgid_plural", "msgstr") and not (
            keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit()
        ):
            raise CatalogError(f"{where}: unknown keyword {keyword!r}")
        if keyword in fields:
            raise CatalogError(f"{where}: {keyword} twice in one entry")
        current = keyword
        fields[keyword] = [_unquote(rest.strip(), where)]
    finish(f"{name}:end")
    seen: set[str] = set()
    for entry in entries:
        if entry.msgid in seen:
            raise CatalogError(f"{name}: msgid {entry.msgid!r} twice")
        seen.add(entry.msgid)
    return entries


def compile_mo(entries: list[Entry]) -> bytes:
    """A GNU ``.mo`` file of ``entries`` (little-endian, no hash table), keys sorted."""
    pairs = sorted(
        (
            (
                entry.msgid
                if entry.msgid_plural is None
                else f"{entry.msgid}\0{entry.msgid_plural}"
            ).encode("utf-8"),
            "\0".join(entry.msgstr).encode("utf-8"),
        )
        for entry in entries
        if any(entry.msgstr)  # an untranslated message stays argparse's English
    )
    count = len(pairs)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    tables: list[int] = []
    data = bytearray()
    for strings in ([key for key, _ in pairs], [value for _, value in pairs]):
        for string in strings:
            tables += [len(string), data_at + len(data)]
            data += string + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return header + struct.pack(f"<{len(tables)}I", *tables) + bytes(data)


def compile_tree(root: Path = LOCALE) -> list[Path]:
    """Compile every ``*/LC_MESSAGES/*.po`` under ``root``; returns the ``.mo`` files written."""
    written = []
    for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_mo(parse_po(po.read_text("utf-8"), str(po))))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_tree():
        print(path, file=sys.stderr)
