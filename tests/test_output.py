"""Atomic output: the previous file or folder survives every failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opiskeluhuolto import output
from opiskeluhuolto.output import (
    MARKER,
    OutputError,
    check_file_target,
    check_folder_target,
    write_file_atomic,
    write_folder_atomic,
)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_file_is_written_and_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    write_file_atomic(target, b"one")
    write_file_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert names(tmp_path) == ["a.ics"]


def test_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_file_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failure_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.ics"
    target.write_bytes(b"previous")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        write_file_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == b"previous"
    assert names(tmp_path) == ["a.ics"]  # no temporary file left behind


def test_an_interrupted_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.ics"
    target.write_bytes(b"previous")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert names(tmp_path) == ["a.ics"]


@pytest.mark.parametrize(
    ("make", "target", "message"),
    [
        (lambda p: p.mkdir(), "out", "out is a folder; give a file name"),
        (lambda p: None, "missing/out.ics", "folder missing does not exist"),
    ],
)
def test_unwritable_file_targets_are_refused(
    tmp_path: Path, make: object, target: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert callable(make)
    make(tmp_path / target)
    with pytest.raises(OutputError) as info:
        check_file_target(target)
    assert info.value.message("en") == message


def test_folder_is_written_with_its_marker(tmp_path: Path) -> None:
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"a.txt": b"a", "sub/b.txt": b"b"})
    assert names(target) == [MARKER, "a.txt", "sub"]
    assert (target / "sub" / "b.txt").read_bytes() == b"b"


def test_an_earlier_export_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"old.txt": b"old"})
    write_folder_atomic(target, {"new.txt": b"new"})
    assert names(target) == [MARKER, "new.txt"]
    assert names(tmp_path) == ["drafts"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    target = tmp_path / "drafts"
    target.mkdir()
    write_folder_atomic(target, {"a.txt": b"a"})
    assert names(target) == [MARKER, "a.txt"]


def test_a_folder_of_ones_own_files_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "Documents"
    target.mkdir()
    (target / "muistiinpano.txt").write_text("tärkeä")
    with pytest.raises(OutputError) as info:
        write_folder_atomic(target, {"a.txt": b"a"})
    assert "not written by an earlier export" in info.value.message("en")
    assert names(target) == ["muistiinpano.txt"]
    assert names(tmp_path) == ["Documents"]


def test_the_working_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    monkeypatch.chdir(inner)
    for target in (".", ".."):
        with pytest.raises(OutputError, match="työkansio"):
            check_folder_target(target)


def test_a_file_is_not_a_folder_target(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(OutputError) as info:
        check_folder_target(tmp_path / "x")
    assert info.value.message("en").endswith("x is a file; give a folder name")
    assert info.value.message("fi").endswith("x on tiedosto; anna kansion nimi")


def test_a_failure_while_writing_a_folder_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"old.txt": b"old"})
    original = Path.write_bytes
    calls = 0

    def fail_second(self: Path, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_second)
    with pytest.raises(OSError):
        write_folder_atomic(target, {"a.txt": b"a", "b.txt": b"b"})
    assert names(target) == [MARKER, "old.txt"]
    assert names(tmp_path) == ["drafts"]  # the staging folder is gone


def test_a_failed_swap_restores_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"old.txt": b"old"})
    real_replace = os.replace
    calls = 0

    def fail_second(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the old folder moved aside, now the new one fails to move in
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", fail_second)
    with pytest.raises(OSError):
        write_folder_atomic(target, {"new.txt": b"new"})
    assert names(target) == [MARKER, "old.txt"]
    assert names(tmp_path) == ["drafts"]


def test_unsafe_names_are_refused(tmp_path: Path) -> None:
    for name in ("../escape.txt", "/etc/passwd", ""):
        with pytest.raises(ValueError, match="unsafe path"):
            write_folder_atomic(tmp_path / "out", {name: b"x"})
    assert not (tmp_path / "escape.txt").exists()
    assert names(tmp_path) == []
