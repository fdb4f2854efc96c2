"""Where a key is written: the line of every key path of a TOML document.

``tomllib`` reports no lines for keys, so a small tolerant scanner over the
TOML source (:func:`locate_keys`) maps every key path of a syntactically valid
document to the line it is written on.  :class:`Locator` scans only when the
first problem needs a line, so a good file is never scanned.
:func:`format_path` writes a key path as problems show it
(``calendars[1].items[3].when``).

Pure: text in, lines out; no I/O.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opiskeluhuolto.schema import KeyPath

__all__ = ["Locator", "format_path", "locate_keys"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: KeyPath) -> str:
    """``("calendars", 1, "items", 3, "when")`` → ``calendars[1].items[3].when``.

    Keys that are not bare TOML keys are quoted (``groups[0]."a b"``).
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out


class _ScanError(Exception):
    pass


_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_SCALAR_END = frozenset(",]}#\n\r")


class _Scanner:
    """A tolerant scanner that records the line of every key path of a TOML document."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.i = 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines: dict[KeyPath, int] = {}
        self.array_tables: dict[KeyPath, int] = {}

    def line_at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < self.n else ""

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces and tabs (and newlines and comments when ``newlines``)."""
        while self.i < self.n:
            c = self.s[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#" and newlines:
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.s.find("\n", self.i)
        self.i = self.n if end < 0 else end

    def scan(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= self.n:
                return self.lines
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip_blank(newlines=False)
            if self.peek() == "#":
                self.skip_comment()

    def resolve(self, names: Sequence[str]) -> KeyPath:
        path: KeyPath = ()
        for name in names:
            path = (*path, name)
            count = self.array_tables.get(path)
            if count:
                path = (*path, count - 1)
        return path

    def header(self) -> KeyPath:
        line = self.line_at(self.i)
        array = self.s.startswith("[[", self.i)
        self.i += 2 if array else 1
        names = self.key()
        self.skip_blank(newlines=False)
        closing = "]]" if array else "]"
        if not self.s.startswith(closing, self.i):
            raise _ScanError
        self.i += len(closing)
        if array:
            base = (*self.resolve(names[:-1]), names[-1])
            index = self.array_tables.get(base, 0)
            self.array_tables[base] = index + 1
            self.record_prefixes(base, line)
            table: KeyPath = (*base, index)
        else:
            table = self.resolve(names)
            self.record_prefixes(table[:-1], line)
        self.lines[table] = line
        return table

    def record_prefixes(self, path: KeyPath, line: int) -> None:
        for k in range(1, len(path) + 1):
            self.lines.setdefault(path[:k], line)

    def key_value(self, table: KeyPath) -> None:
        line = self.line_at(self.i)
        names = self.key()
        path = (*table, *names)
        self.record_prefixes(path[:-1], line)
        self.lines[path] = line
        self.skip_blank(newlines=False)
        if self.peek() != "=":
            raise _ScanError
        self.i += 1
        self.skip_blank(newlines=False)
        self.value(path)

    def key(self) -> list[str]:
        names: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            c = self.peek()
            if c == '"':
                names.append(self.basic_string())
            elif c == "'":
                names.append(self.literal_string())
            else:
                match = _BARE_KEY.match(self.s, self.i)
                if match is None:
                    raise _ScanError
                names.append(match.group())
                self.i = match.end()
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return names
            self.i += 1

    def basic_string(self) -> str:
        self.i += 1
        out: list[str] = []
        while self.i < self.n:
            c = self.s[self.i]
            if c == '"':
                self.i += 1
                return "".join(out)
            if c == "\n":
                break
            if c == "\\":
                esc = self.peek(1)
                if esc in _ESCAPES:
                    out.append(_ESCAPES[esc])
                    self.i += 2
                    continue
                width = {"u": 4, "U": 8}.get(esc)
                if width is None:
                    raise _ScanError
                try:
                    out.append(chr(int(self.s[self.i + 2 : self.i + 2 + width], 16)))
                except ValueError:
                    raise _ScanError from None
                self.i += 2 + width
                continue
            out.append(c)
            self.i += 1
        raise _ScanError

    def literal_string(self) -> str:
        end = self.s.find("'", self.i + 1)
        if end < 0:
            raise _ScanError
        value = self.s[self.i + 1 : end]
        self.i = end + 1
        return value

    def multiline_string(self, quote: str) -> None:
        delimiter = quote * 3
        self.i += 3
        while self.i < self.n:
            c = self.s[self.i]
            if c == "\\" and quote == '"':
                self.i += 2
            elif self.s.startswith(delimiter, self.i):
                self.i += 3
                extra = 0
                while extra < 2 and self.peek() == quote:
                    self.i += 1
                    extra += 1
                return
            else:
                self.i += 1
        raise _ScanError

    def value(self, path: KeyPath) -> None:
        c = self.peek()
        if self.s.startswith('"""', self.i) or self.s.startswith("'''", self.i):
            self.multiline_string(c)
        elif c == '"':
            self.basic_string()
        elif c == "'":
            self.literal_string()
        elif c == "[":
            self.array(path)
        elif c == "{":
            self.inline_table(path)
        else:
            start = self.i
            while self.i < self.n and self.s[self.i] not in _SCALAR_END:
                self.i += 1
            if self.i == start:
                raise _ScanError

    def array(self, path: KeyPath) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.i += 1
                return
            if self.i >= self.n:
                raise _ScanError
            element = (*path, index)
            self.lines[element] = self.line_at(self.i)
            self.value(element)
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "]":
                raise _ScanError

    def inline_table(self, path: KeyPath) -> None:
        self.i += 1
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.i += 1
                return
            if self.i >= self.n:
                raise _ScanError
            self.key_value(path)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "}":
                raise _ScanError


def locate_keys(text: str) -> dict[KeyPath, int]:
    """Map every key path of a TOML document to its 1-based line.

    Table headers map to their header line, keys to the line of the key,
    array elements to the line where the element starts, keys inside inline
    tables to the line of the inner key.  Arrays of tables are indexed in file
    order (``calendars[1].items[0]`` restarts for each calendar).  On text
    that is not valid TOML it returns what it found before the first
    difficulty.
    """
    scanner = _Scanner(text)
    try:
        return scanner.scan()
    except (_ScanError, IndexError):
        return scanner.lines


class Locator:
    """Lines of key paths, scanned only when the first problem needs one.

    A good file (the common case) is never scanned: loading stays fast.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[KeyPath, int] | None = None

    @property
    def lines(self) -> dict[KeyPath, int]:
        if self._lines is None:
            self._lines = locate_keys(self.text)
        return self._lines

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest enclosing key or table that has one."""
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return None
