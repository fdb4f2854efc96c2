"""Atomic output: the previous file or folder survives every failure."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
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
    for name in ("../escape.txt", "/etc/passwd", "", ".", "a/./b", "a\\b", "a\nb", MARKER):
        with pytest.raises(OutputError, match=r"vientikansion tiedostonimi .* ei kelpaa"):
            write_folder_atomic(tmp_path / "out", {name: b"x"})
    assert not (tmp_path / "escape.txt").exists()
    assert names(tmp_path) == []


# ---------------------------------------------------------------------------
# Faults: special files, killed writes, concurrent exports, users' files
# ---------------------------------------------------------------------------


def test_a_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "putki"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        write_file_atomic(fifo, b"x")
    assert "not a regular file" in info.value.message("en")
    assert "ei ole tavallinen tiedosto" in info.value.message("fi")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert names(tmp_path) == ["putki"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_character_device_is_refused(device: str) -> None:
    with pytest.raises(OutputError, match="ei ole tavallinen tiedosto"):
        check_file_target(device)


def test_a_link_to_a_pipe_is_refused(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{write_end}")
        with pytest.raises(OutputError, match="ei ole tavallinen tiedosto"):
            write_file_atomic(link, b"x")
        assert link.is_symlink()
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_file_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert names(tmp_path) == ["link.ics", "real.ics"]


def test_stale_temporaries_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    (tmp_path / ".a.ics.k1ll3d_x.tmp").write_bytes(b"x" * 1000)
    (tmp_path / ".a.ics.backup.tmp").write_bytes(b"mine")  # not a name we make
    (tmp_path / ".b.ics.k1ll3d_x.tmp").write_bytes(b"another target's, as stale")
    write_file_atomic(target, b"new")
    assert names(tmp_path) == [".a.ics.backup.tmp", "a.ics"]


def _killed_between_the_renames(tmp_path: Path) -> Path:
    """The state a swap killed after moving the old folder aside leaves."""
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"old.txt": b"old"})
    os.replace(target, tmp_path / ".drafts.abcd1234.old")
    staging = tmp_path / ".drafts.efgh5678.tmp"
    staging.mkdir()
    (staging / "half.txt").write_bytes(b"half")
    return target


def test_a_swap_killed_between_the_renames_is_finished_by_the_next_export(
    tmp_path: Path,
) -> None:
    target = _killed_between_the_renames(tmp_path)
    assert not target.exists()
    write_folder_atomic(target, {"new.txt": b"new"})
    assert names(target) == [MARKER, "new.txt"]
    assert names(tmp_path) == ["drafts"]


def test_a_swap_killed_between_the_renames_is_undone_when_the_next_export_fails(
    tmp_path: Path,
) -> None:
    target = _killed_between_the_renames(tmp_path)
    with pytest.raises(OutputError, match="ei kelpaa"):
        write_folder_atomic(target, {"../x": b"x"})
    # Refused before the lock: the state is as the killed export left it …
    write_folder_atomic(tmp_path / "other", {"a.txt": b"a"})
    # … and a later export into the same parent puts the old folder back first.
    assert names(target) == [MARKER, "old.txt"]
    assert names(tmp_path) == ["drafts", "other"]


def test_files_a_user_added_to_an_export_folder_are_never_deleted(tmp_path: Path) -> None:
    target = tmp_path / "drafts"
    write_folder_atomic(target, {"a.txt": b"a", "sub/b.txt": b"b"})
    (target / "omat muistiinpanot.txt").write_text("tärkeä", encoding="utf-8")
    (target / "sub" / "liite.pdf").write_bytes(b"%PDF")
    with pytest.raises(OutputError) as info:
        write_folder_atomic(target, {"a.txt": b"a2"})
    assert info.value.message("en") == (
        f"folder {target} holds files the export did not write: "
        "omat muistiinpanot.txt, sub/liite.pdf; move them elsewhere or give a new folder"
    )
    assert (target / "a.txt").read_bytes() == b"a"
    assert (target / "omat muistiinpanot.txt").exists()


_WRITER = """
import sys
from opiskeluhuolto.output import write_folder_atomic
files = {f"f{i:04d}.txt": (sys.argv[2] * 20000).encode() for i in range(400)}
write_folder_atomic(sys.argv[1], files)
"""


def _export(target: Path, fill: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(target), fill])


def _complete(target: Path) -> str:
    """The one fill character of a complete export in ``target``."""
    files = [p for p in target.iterdir() if p.name != MARKER]
    assert len(files) == 400
    fills = {p.read_bytes()[:1] for p in files}
    assert len(fills) == 1 and all(p.stat().st_size == 20000 for p in files)
    return fills.pop().decode()


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.4])
def test_kill_9_at_any_point_keeps_the_old_export_and_the_next_run_cleans_up(
    tmp_path: Path, delay: float
) -> None:
    target = tmp_path / "vienti"
    assert _export(target, "a").wait(timeout=120) == 0
    process = _export(target, "b")
    time.sleep(delay)
    process.kill()
    process.wait(timeout=120)
    # Killed or finished: the target is complete (old or new) or, killed
    # between the renames, restored by the next run.
    if target.exists():
        assert _complete(target) in "ab"
    assert _export(target, "c").wait(timeout=120) == 0
    assert _complete(target) == "c"
    assert names(tmp_path) == ["vienti"]


def test_concurrent_exports_to_one_folder_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "vienti"
    processes = [_export(target, fill) for fill in "abcd"]
    assert [p.wait(timeout=240) for p in processes] == [0, 0, 0, 0]
    assert _complete(target) in "abcd"
    assert names(tmp_path) == ["vienti"]
