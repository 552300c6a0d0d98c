"""What intake records about each file, apart from its bytes: the walk over the inputs (no symlink
followed; fifos, sockets and devices skipped with a warning), display names with the raw bytes kept when
they are not UTF-8, file system times and type, and the acquisition record (examiner, host, tool and
library versions, clock). Split from ``ingest.py``, which runs the pipeline."""

from __future__ import annotations

import functools
import os
import platform
import stat as statmod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import TOOL_NAME, __version__
from .case import Case
from .timeinfo import epoch_record

_LIBS = ("pyrage", "cryptography", "sqlcipher3", "python-magic", "argon2-cffi")


@dataclass
class _Candidate:
    path: Path
    st: os.stat_result
    display_path: str
    raw_path: bytes | None


def _display(p: Path) -> tuple[str, bytes | None]:
    raw = os.fsencode(p)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), raw


@functools.lru_cache(maxsize=1)
def _library_versions_cached() -> tuple[tuple[str, str], ...]:
    return tuple(_library_versions().items())


def library_versions() -> dict[str, str]:
    return dict(_library_versions_cached())


def _library_versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for d in _LIBS:
        try:
            out[d] = metadata.version(d)
        except metadata.PackageNotFoundError:
            out[d] = "not installed"
    try:
        import magic

        out["libmagic"] = str(magic.version())
    except (ImportError, AttributeError, OSError):
        out["libmagic"] = "unknown"
    try:
        from .store import db  # (first: it configures the library before any connection, see there)

        mem = db.sqlcipher3.connect(":memory:")
        out["sqlcipher"] = str(mem.execute("PRAGMA cipher_version").fetchone()[0])
        mem.close()
    except Exception as exc:  # recorded as unknown, with why; intake goes on
        out["sqlcipher"] = f"unknown ({type(exc).__name__})"
    out["python"] = platform.python_version()
    return out


def fs_type_of(path: Path) -> str | None:
    """The file system type holding ``path`` (FAT and exFAT keep local times, so it matters)."""
    try:
        import psutil

        target = str(path.resolve())
        best, best_len = None, -1
        for part in psutil.disk_partitions(all=True):
            mp = part.mountpoint
            if (target == mp or target.startswith(mp.rstrip(os.sep) + os.sep) or mp == os.sep) and len(mp) > best_len:
                best, best_len = part.fstype, len(mp)
        return best
    except (OSError, RuntimeError, ImportError):
        return None


def _fs_times(st: os.stat_result, fs_type: str | None) -> dict[str, Any]:
    times: dict[str, Any] = {
        "modified": epoch_record(st.st_mtime, getattr(st, "st_mtime_ns", None)),
        "accessed": epoch_record(st.st_atime, getattr(st, "st_atime_ns", None)),
        "changed": epoch_record(st.st_ctime, getattr(st, "st_ctime_ns", None)),
        "birth": epoch_record(getattr(st, "st_birthtime", None)),
    }
    if times["birth"] is None:
        times["birth_reason"] = "this file system or operating system does not report a creation time"
    if platform.system() == "Windows":
        times["changed_note"] = "on Windows st_ctime is the creation time"
    if fs_type and fs_type.lower() in ("vfat", "fat", "fat32", "exfat", "msdos"):
        times["note"] = (f"{fs_type} stores local times without a zone; the operating system converted them "
                         "with this computer's current zone, so the UTC values may be off by the offset of the "
                         "device that wrote them")
    return times


def walk(paths: Iterable[Path], warnings: list[dict[str, Any]], failed: list[dict[str, Any]]) -> Iterator[_Candidate]:
    """Files under the given paths, in a stable order. Never follows symlinks."""
    for top in paths:
        top = Path(top)
        yield from _walk_one(top, warnings, failed)


def _walk_one(p: Path, warnings: list[dict[str, Any]], failed: list[dict[str, Any]]) -> Iterator[_Candidate]:
    disp, raw = _display(p)
    try:
        st = os.lstat(p)
    except OSError as exc:
        failed.append({"path": disp, "reason": f"cannot read: {exc.strerror or exc}"})
        return
    mode = st.st_mode
    if statmod.S_ISLNK(mode):
        warnings.append({"path": disp, "warning": "symbolic link not followed"})
    elif statmod.S_ISDIR(mode):
        try:
            entries = sorted(os.scandir(p), key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            failed.append({"path": disp, "reason": f"cannot list folder: {exc.strerror or exc}"})
            return
        for e in entries:
            yield from _walk_one(Path(e.path), warnings, failed)
    elif statmod.S_ISREG(mode):
        yield _Candidate(p, st, disp, raw)
    else:
        kind = ("named pipe (fifo)" if statmod.S_ISFIFO(mode) else "socket" if statmod.S_ISSOCK(mode)
                else "device" if (statmod.S_ISCHR(mode) or statmod.S_ISBLK(mode)) else "special file")
        warnings.append({"path": disp, "warning": f"skipped: {kind}, not a regular file"})


def _acquisition_record(case: Case, *, source_path: str | None, source_path_raw: bytes | None,
                        source: str | None, method: str | None, st: os.stat_result | None,
                        fs_type: str | None, clock: dict[str, Any]) -> dict[str, Any]:
    return {
        "source_path": source_path, "source_path_raw": source_path_raw, "source_text": source, "method": method,
        "examiner": case.examiner["name"], "host": platform.node(), "tool": TOOL_NAME, "tool_version": __version__,
        "libraries": library_versions(), "acquired_utc": clock["utc"], "acquired_local": clock["local"],
        "tz_name": clock["zone"], "fs_type": fs_type,
        "fs_times": _fs_times(st, fs_type) if st is not None else {},
        "stat_size": st.st_size if st is not None else None,
        "mtime_ns": getattr(st, "st_mtime_ns", None) if st is not None else None,
        "findings": clock["findings"],
    }
