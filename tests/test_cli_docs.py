"""Run the ```console examples of docs/cli.md and docs/follow-through.md, so the docs never lie.

A block is a sequence of ``$ command`` lines, each followed by exactly what it
prints (standard output and standard error, as a terminal shows them).  Commands
run in-process with :func:`opiskeluhuolto.cli.main` in a temporary folder that
holds a copy of ``docs/examples/``.  ``$ echo $?`` prints the previous exit
status; ``$ cat FILE`` prints a file the previous commands wrote.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from opiskeluhuolto.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"
FILES = ["cli.md", "follow-through.md"]
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.S | re.M)


def blocks(name: str) -> list[tuple[int, str]]:
    text = (DOCS / name).read_text("utf-8")
    return [(text[: m.start()].count("\n") + 2, m.group(1)) for m in BLOCK.finditer(text)]


def commands(block: str) -> Iterator[tuple[str, str]]:
    command: str | None = None
    output: list[str] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(output)
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


# Every test here runs the command line against only this distribution's plugins.
pytestmark = pytest.mark.usefixtures("manager")


def run(command: str, status: int, folder: Path) -> tuple[str, int]:
    argv = shlex.split(command)
    if argv == ["echo", "$?"]:
        return f"{status}", status
    if argv[0] == "cat":
        return (folder / argv[1]).read_text("utf-8").rstrip("\n"), 0
    assert argv[0] == "opiskeluhuolto", f"only opiskeluhuolto, cat and echo $? run: {command}"
    out = io.StringIO()
    status = main(argv[1:], stdout=out, stderr=out)
    # A terminal shows CRLF (the csv dialect's line end) as a plain line break.
    return out.getvalue().replace("\r\n", "\n").rstrip("\n"), status


@pytest.mark.parametrize("name", FILES)
def test_console_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DOCS / "examples", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    found = blocks(name)
    assert found, f"{name} has no console examples"
    for line, block in found:
        status = 0
        for command, expected in commands(block):
            got, status = run(command, status, tmp_path)
            assert got == expected.rstrip("\n"), f"{name}:{line}: $ {command}"


def test_the_runner_catches_a_wrong_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    got, status = run("opiskeluhuolto check nothing.toml", 0, tmp_path)
    assert status == 2
    assert got != ""
    assert list(commands("$ echo $?\n2\n$ opiskeluhuolto exporters\nx\ny")) == [
        ("echo $?", "2"),
        ("opiskeluhuolto exporters", "x\ny"),
    ]
