"""Every code example in ``docs/*.md`` runs.

* ```` ```pycon ```` blocks are doctests: the ``>>>`` lines run and their
  output must match (``ELLIPSIS`` and ``NORMALIZE_WHITESPACE`` on).
* ```` ```python ```` blocks are executed; they must not raise.
* Both run in one namespace per file, in the order they appear, so a later
  block may use what an earlier one defined.
* ```` ```console ```` blocks (command lines) are not run here.

One test per docs file.  The docstring examples of the public
:mod:`opiskeluhuolto.strategies` module are run as well.
"""

from __future__ import annotations

import doctest
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import opiskeluhuolto.strategies

DOCS = Path(__file__).resolve().parent.parent / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# An opening fence at the start of a line, its info string, the body, and a
# closing fence of the same length or longer.
_FENCE = re.compile(
    r"^(?P<fence>`{3,})[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=fence)`*[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@attrs.frozen
class Block:
    lang: str
    body: str
    line: int  # 1-based line of the first body line


def blocks(text: str) -> Iterator[Block]:
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start("body")) + 1
        yield Block(match.group("lang").lower(), match.group("body"), line)


def run_markdown(path: Path) -> list[str]:
    """Run the pycon and python blocks of ``path``; return a report of each failure."""
    text = path.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": f"docs.{path.stem}"}
    failures: list[str] = []
    parser = doctest.DocTestParser()
    for block in blocks(text):
        where = f"{path.name}:{block.line}"
        if block.lang == "pycon":
            test = parser.get_doctest(block.body, namespace, where, str(path), block.line - 1)
            output: list[str] = []
            runner = doctest.DocTestRunner(optionflags=FLAGS)
            result = runner.run(test, out=output.append, clear_globs=False)
            # DocTest works on a copy of the namespace: carry definitions forward.
            namespace.update(test.globs)
            if result.failed:
                failures.append(f"{where}: {result.failed} example(s) failed\n" + "".join(output))
        elif block.lang == "python":
            try:
                exec(compile(block.body, where, "exec"), namespace)
            except Exception as error:  # report every block, not just the first
                failures.append(f"{where}: python block raised {type(error).__name__}: {error}")
    return failures


DOC_FILES = [*sorted(DOCS.glob("*.md")), DOCS.parent / "README.md"]


def test_docs_exist() -> None:
    names = {path.name for path in DOC_FILES}
    assert {"rules.md", "strategies.md"} <= names


@pytest.mark.parametrize("path", DOC_FILES, ids=[path.name for path in DOC_FILES])
def test_doc_examples(path: Path) -> None:
    failures = run_markdown(path)
    assert not failures, "\n\n".join(failures)


def test_strategies_docstrings() -> None:
    result = doctest.testmod(opiskeluhuolto.strategies, optionflags=FLAGS, report=False)
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.parametrize("name", ["recurrence", "builder", "phrases"])
def test_core_docstrings(name: str) -> None:
    module = importlib.import_module(f"opiskeluhuolto.{name}")
    result = doctest.testmod(module, optionflags=FLAGS, report=False)
    assert result.attempted >= 1
    assert result.failed == 0


# ---------------------------------------------------------------------------
# Self-tests of the runner
# ---------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.md"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
# Sample

```python
from datetime import date
def double(x):
    return 2 * x
```

Text between blocks.

```pycon
>>> double(21)
42
>>> date(2026, 1, 1)
datetime.date(2026, ...)
>>> total = double(1)
```

```pycon
>>> total
2
```

```console
$ this-is-not-run --at-all
output that would not match
```
"""


def test_runner_passes_good_file(tmp_path: Path) -> None:
    assert run_markdown(_write(tmp_path, GOOD)) == []


def test_runner_fails_on_wrong_output(tmp_path: Path) -> None:
    failures = run_markdown(_write(tmp_path, GOOD.replace("42\n", "43\n")))
    assert len(failures) == 1
    assert failures[0].startswith("sample.md:12:")
    assert 'sample.md", line 12,' in failures[0]  # the line of ">>> double(21)"
    assert "Expected:\n    43\nGot:\n    42" in failures[0]


def test_runner_fails_on_broken_python_block(tmp_path: Path) -> None:
    failures = run_markdown(_write(tmp_path, GOOD.replace("return 2 * x", "return 2 * y")))
    # The python block itself runs (it only defines); the doctests calling it fail.
    assert failures and failures[0].startswith("sample.md:12:")
    assert "NameError: name 'y' is not defined" in failures[0]
    failures = run_markdown(_write(tmp_path, GOOD.replace("from datetime import date", "1 / 0")))
    assert any("python block raised ZeroDivisionError" in failure for failure in failures)


def test_runner_fails_on_exception_in_pycon(tmp_path: Path) -> None:
    failures = run_markdown(_write(tmp_path, "```pycon\n>>> undefined_name\n1\n```\n"))
    assert len(failures) == 1 and "NameError" in failures[0]


def test_runner_ignores_console_and_other_blocks(tmp_path: Path) -> None:
    text = "```console\n$ false\nnope\n```\n\n```toml\nschema = 1\n```\n\n```\n>>> 1\n2\n```\n"
    path = _write(tmp_path, text)
    assert [block.lang for block in blocks(text)] == ["console", "toml", ""]
    assert run_markdown(path) == []


def test_runner_reports_line_numbers(tmp_path: Path) -> None:
    found = list(blocks(GOOD))
    assert [(block.lang, block.line) for block in found] == [
        ("python", 4),
        ("pycon", 12),
        ("pycon", 20),
        ("console", 25),
    ]
