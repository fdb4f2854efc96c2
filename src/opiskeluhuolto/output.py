"""Atomic output: a failed or interrupted export never leaves a half-written file.

Files are written to a temporary file in the target's folder and renamed over
the target; folders are written to a temporary folder and swapped in.  The
previous file or folder stays untouched until the new one is complete.

A folder export replaces only a folder that an earlier export wrote (it holds
the marker file :data:`MARKER`) or an empty one: pointing ``-o`` at a folder
of one's own documents is refused, never wiped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

__all__ = ["MARKER", "OutputError", "write_file_atomic", "write_folder_atomic"]

MARKER = ".opiskeluhuolto-vienti"
"""The file that marks a folder as written by a folder export (safe to replace)."""


class OutputError(ValueError):
    """An output path that cannot be written; carries Finnish and English text."""

    def __init__(self, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi)
        self.message_fi = message_fi
        self.message_en = message_en

    def message(self, lang: str = "fi") -> str:
        return self.message_en if lang == "en" else self.message_fi


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_file_target(path: str | os.PathLike[str]) -> Path:
    """Refuse, before any work is done, a file target that cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(
            f"{target} on kansio; anna tiedoston nimi",
            f"{target} is a folder; give a file name",
        )
    folder = _folder_of(target)
    if not folder.is_dir():
        raise OutputError(
            f"kansiota {folder} ei ole",
            f"folder {folder} does not exist",
        )
    return target


def check_folder_target(path: str | os.PathLike[str]) -> Path:
    """Refuse a folder target that is a file, the working folder, or someone's own folder."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputError(
            f"{target} on tiedosto; anna kansion nimi",
            f"{target} is a file; give a folder name",
        )
    if target.exists():
        resolved = target.resolve()
        here = Path.cwd().resolve()
        if resolved == here or resolved in here.parents:
            raise OutputError(
                f"{target} on työkansio tai sen yläkansio; anna uusi kansio",
                f"{target} is the working folder or above it; give a new folder",
            )
        if any(target.iterdir()) and not (target / MARKER).exists():
            raise OutputError(
                f"kansio {target} ei ole tyhjä eikä aiemman viennin tekemä; "
                "sitä ei korvata: anna uusi kansio",
                f"folder {target} is not empty and was not written by an earlier export; "
                "it is not replaced: give a new folder",
            )
    return target


def write_file_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
    target = check_file_target(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=_folder_of(target)
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp_name)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def _safe_relative(name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"unsafe path in export: {name!r}")
    return relative


def write_folder_atomic(path: str | os.PathLike[str], files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (relative path → bytes) as the folder ``path``, swapping it in whole.

    An existing folder at ``path`` is replaced only after every new file is
    written; until then it stays as it was.  Only an empty folder or one an
    earlier export wrote is replaced (:func:`check_folder_target`).
    """
    target = check_folder_target(path)
    parent = _folder_of(target)
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            destination = staging.joinpath(*_safe_relative(name).parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        (staging / MARKER).write_text(
            "Tämän kansion kirjoitti opiskeluhuolto; seuraava vienti korvaa sen.\n"
            "Written by opiskeluhuolto; the next export replaces this folder.\n",
            encoding="utf-8",
        )
        os.chmod(staging, 0o755)
        if target.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            backup.rmdir()
            os.replace(target, backup)
            try:
                os.replace(staging, target)
            except BaseException:
                os.replace(backup, target)
                raise
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
