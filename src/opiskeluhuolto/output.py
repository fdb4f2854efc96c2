"""Atomic output: a failed or interrupted export never leaves a half-written file.

Files are written to a temporary file in the target's folder and renamed over
the target; folders are written to a temporary folder and swapped in.  The
previous file or folder stays untouched until the new one is complete.

A folder export replaces only a folder that an earlier export wrote (it holds
the marker file :data:`MARKER`, which lists the files it wrote) or an empty
one: pointing ``-o`` at a folder of one's own documents, or at an export
folder someone has added files to, is refused, never wiped.

Writes into one folder are serialised with an advisory lock on the folder;
under it, what a killed earlier write left (``.NAME.*.tmp`` files and
staging folders, a ``.NAME.*.old`` folder moved aside in a swap) is cleaned
up or put back.  A FIFO, device or socket is never replaced by a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from opiskeluhuolto.errors import BilingualError

__all__ = [
    "MARKER",
    "OutputError",
    "relative_path",
    "write_file_atomic",
    "write_folder_atomic",
]

MARKER = ".opiskeluhuolto-vienti"
"""The file that marks a folder as written by a folder export (safe to replace)."""

_MANIFEST = "--- files ---"
"""The marker's line after which the files the export wrote are listed."""


class OutputError(BilingualError, ValueError):
    """An output path that cannot be written; carries Finnish and English text."""


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _special(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file or folder (a FIFO, device, socket)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _real_target(target: Path) -> Path:
    """A symbolic link is followed: the file it points to is replaced, the link stays."""
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def check_file_target(path: str | os.PathLike[str]) -> Path:
    """Refuse, before any work is done, a file target that cannot be written."""
    target = Path(path)
    if _special(target):
        raise OutputError(
            f"{target} ei ole tavallinen tiedosto (putki, laite tai pistoke); sitä ei "
            "korvata: anna tiedoston nimi",
            f"{target} is not a regular file (a pipe, device or socket); it is not "
            "replaced: give a file name",
        )
    if target.is_dir():
        raise OutputError(
            f"{target} on kansio; anna tiedoston nimi",
            f"{target} is a folder; give a file name",
        )
    folder = _folder_of(_real_target(target))
    if not folder.is_dir():
        raise OutputError(
            f"kansiota {folder} ei ole",
            f"folder {folder} does not exist",
        )
    return target


def _manifest(folder: Path) -> set[str] | None:
    """The files an earlier export wrote into ``folder`` (None: a marker without a list)."""
    try:
        lines = (folder / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if _MANIFEST not in lines:
        return None
    return set(lines[lines.index(_MANIFEST) + 1 :])


def _files_in(folder: Path) -> list[str]:
    """Every file below ``folder`` as a relative POSIX path (the marker left out)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        relative = path.relative_to(folder).as_posix()
        if relative != MARKER:
            found.append(relative)
    return found


def check_folder_target(path: str | os.PathLike[str]) -> Path:
    """Refuse a folder target that is a file, the working folder, or someone's own folder.

    A folder an earlier export wrote is replaced only when it holds nothing but
    what that export wrote: files added to it since are listed and the export is
    refused, so nothing of the user's is deleted.
    """
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
        written = _manifest(target)
        if written is not None:
            added = [name for name in _files_in(target) if name not in written]
            if added:
                shown = ", ".join(added[:10]) + (" …" if len(added) > 10 else "")
                raise OutputError(
                    f"kansiossa {target} on tiedostoja, joita vienti ei kirjoittanut: {shown}; "
                    "siirrä ne muualle tai anna uusi kansio",
                    f"folder {target} holds files the export did not write: {shown}; "
                    "move them elsewhere or give a new folder",
                )
    return target


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Serialise the exports that write into ``folder`` (an advisory lock on the folder).

    Where the platform has no ``fcntl`` the exports are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


# Exactly the names tempfile gives here: "." + NAME + "." + 8 random characters + suffix.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.(?P<kind>tmp|old)")


def _recover(folder: Path) -> None:
    """Finish or undo what killed writes left in ``folder``; run under its lock.

    Under the lock no other write into the folder is running, so every
    temporary of ours there is stale.  A folder swap moves the old folder
    aside (``.NAME.*.old``) and the new one in: killed between the two, the
    target is gone and the old folder is put back; killed after them, the old
    folder is removed.  Staging folders and temporary files are removed.
    """
    for entry in sorted(folder.iterdir()):
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        target = folder / match["name"]
        moved_aside = match["kind"] == "old" and (entry / MARKER).exists()
        if moved_aside and not os.path.lexists(target):
            os.replace(entry, target)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def write_file_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename).

    A symbolic link is followed (the file it points to is replaced); a FIFO,
    device or socket is refused.  Temporary files that a killed earlier write
    left beside the target are removed.
    """
    shown = check_file_target(path)
    target = _real_target(shown)
    folder = _folder_of(target)
    with _locked(folder):
        check_file_target(shown)
        _recover(folder)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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
    return shown


def relative_path(name: str) -> PurePosixPath:
    """A folder export's file name, checked: relative, inside the folder, not the marker.

    Raises :class:`OutputError` for an absolute path, ``..``, an empty name,
    a backslash or a control character, or the marker file's name.

    >>> relative_path("ryhmat/sedu.md").parts
    ('ryhmat', 'sedu.md')
    >>> relative_path("../etc/passwd")
    Traceback (most recent call last):
    ...
    opiskeluhuolto.output.OutputError: vientikansion tiedostonimi '../etc/passwd' ei kelpaa
    """
    relative = PurePosixPath(name)
    if (
        not name
        or relative.is_absolute()
        or not relative.parts
        or any(part in {"", ".", ".."} for part in name.split("/"))
        or "\\" in name
        or not name.isprintable()
        or relative.parts[0] == MARKER
    ):
        raise OutputError(
            f"vientikansion tiedostonimi {name!r} ei kelpaa",
            f"file name {name!r} in a folder export is not valid",
        )
    return relative


def write_folder_atomic(path: str | os.PathLike[str], files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (relative path → bytes) as the folder ``path``, swapping it in whole.

    An existing folder at ``path`` is replaced only after every new file is
    written; until then it stays as it was.  Only an empty folder or one an
    earlier export wrote is replaced (:func:`check_folder_target`).
    """
    target = Path(path)
    relative = [relative_path(name) for name in files]
    parent = _folder_of(target)
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        _recover(parent)  # killed earlier exports: old folders back, staging gone
        check_folder_target(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
        try:
            for name, data in zip(relative, files.values(), strict=True):
                destination = staging.joinpath(*name.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(data)
            written = sorted(name.as_posix() for name in relative)
            (staging / MARKER).write_text(
                "Tämän kansion kirjoitti opiskeluhuolto; seuraava vienti korvaa sen.\n"
                "Written by opiskeluhuolto; the next export replaces this folder.\n"
                f"{_MANIFEST}\n" + "".join(f"{name}\n" for name in written),
                encoding="utf-8",
            )
            os.chmod(staging, 0o755)
            if target.exists():
                backup = Path(
                    tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent)
                )
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
