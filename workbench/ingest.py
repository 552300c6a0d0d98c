"""The import pipeline: walk -> stat -> one read (hash + encrypt) -> verify -> commit -> extract.

Per file:
1. ``lstat`` before reading (the access time is recorded as found); symlinks are not followed, fifos,
   sockets and devices are skipped with a warning.
2. An intent row is committed, then the file is opened read-only and read once: every block feeds the
   hashers and the age encryption into ``vault/tmp/<intent>.part`` (fsynced).
3. The temporary object is renamed to its HMAC name (folder fsynced), then decrypted and re-hashed.
4. One transaction commits the object row, the item, its acquisition record, its "acquired" custody
   event, and closes the intent. Only then is the item reported as imported.
5. Extraction runs after, in a worker process (``extraction.py``); it can never lose an item.

Steps 2–3 of two files run at once (``preserve.Preserver``: threads for small imports, two processes for
large ones), while the main thread commits finished files in chunks, in walk order, so exhibit numbers
follow the order of the walk.

An interrupted intake (power cut, kill -9) leaves an open intent: at the next writer open,
``rollback_interrupted`` removes its temporary file and any vault object without a database row, closes the
intent, and logs "intake-rolled-back". That is cleanup, not an integrity failure.
"""

from __future__ import annotations

import functools
import os
import platform
import stat as statmod
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from . import TOOL_NAME, __version__
from .case import Case
from .custody import utc_now
from .errors import Cancelled, DiskFull, UserError
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .timeinfo import epoch_record, now_record
from .preserve import Preserved as _Preserved
from .preserve import Preserver, open_readonly, preserve_stream, sniff_mime
from .vault import is_disk_full

CHUNK_FILES = 64
CHUNK_BYTES = 256 << 20

_LIBS = ("pyrage", "cryptography", "sqlcipher3", "python-magic", "argon2-cffi")


@dataclass
class ImportResult:
    items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "warnings": self.warnings, "failed": self.failed,
                **({"cancelled": True} if self.cancelled else {})}


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
        import sqlcipher3

        mem = sqlcipher3.connect(":memory:")
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


def _commit_item(case: Case, *, pres: _Preserved, name: str, name_raw: bytes | None, mime: str, mime_desc: str,
                 parent: str | None, path_in_parent: str | None, acquisition: dict[str, Any],
                 intent_id: str, in_transaction: bool = False) -> dict[str, Any]:
    import contextlib

    repo = case.repo
    now = utc_now()
    with (contextlib.nullcontext() if in_transaction else repo.transaction()):
        d = pres.digests
        if repo.object_by_sha256(d["sha256"]) is None:
            repo.add_object(name=pres.object_name, sha256=d["sha256"], md5=d["md5"], sha1=d.get("sha1"),
                            sha512=d.get("sha512"), size=pres.size, stored_utc=now)
        first = repo.first_with_sha256(d["sha256"])
        duplicate_of = None
        if first is not None:
            duplicate_of = first["duplicate_of"] or first["exhibit"]
        item_id, exhibit = repo.insert_item(
            name=name, name_raw=name_raw, sha256=d["sha256"], md5=d["md5"], sha1=d.get("sha1"),
            sha512=d.get("sha512"), size=pres.size, mime=mime, mime_description=mime_desc,
            object=pres.object_name, duplicate_of=duplicate_of, parent=parent, path_in_parent=path_in_parent,
            created_utc=now)
        repo.add_acquisition(item_id=item_id, **acquisition)
        details = {"name": name, "size": pres.size, **{k: v for k, v in d.items()}, "mime": mime,
                   "source": acquisition.get("source_text") or "", "method": acquisition.get("method") or ""}
        if acquisition.get("source_path"):
            details["source_path"] = acquisition["source_path"]
        if duplicate_of:
            details["duplicate_of"] = duplicate_of
        if parent:
            details["parent"] = parent
            details["path_in_parent"] = path_in_parent or ""
        case.log_in_transaction("acquired", exhibit, details)
        repo.close_intent(intent_id, f"committed {exhibit}", now)
    return {"exhibit": exhibit, "sha256": d["sha256"], "md5": d["md5"], "size": pres.size, "mime": mime,
            "duplicate": duplicate_of, **({"sha1": d["sha1"]} if "sha1" in d else {}),
            **({"sha512": d["sha512"]} if "sha512" in d else {}), "name": name}


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


def import_paths(case: Case, paths: Iterable[Path], *, source: str | None = None, method: str | None = None,
                 progress: ProgressSink = no_progress, cancel: CancelToken | None = None,
                 extract: bool = True, options: dict[str, Any] | None = None, workers: int = 2) -> ImportResult:
    """Import files and folders. Committed items stay committed whatever happens after."""
    case.require_writer()
    result = ImportResult()
    candidates = list(walk([Path(p) for p in paths], result.warnings, result.failed))
    total_bytes = sum(c.st.st_size for c in candidates)
    prog = Progress("preserving", 0, len(candidates), 0, total_bytes)
    progress(prog)
    fs_types: dict[int, str | None] = {}
    committed: list[str] = []
    preserver = Preserver(case.vault, case.meta["vault_identity"], bytes.fromhex(case.meta["vault_key"]),
                          case.hash_algorithms, workers=workers, total_bytes=total_bytes, cancel=cancel)

    Entry = tuple[_Candidate, str, "Future[_Preserved] | None", "dict[str, Any] | None"]

    def run_chunk(entries: list[Entry]) -> None:
        """Wait for a chunk in walk order and commit its preserved files in one transaction."""
        nonlocal prog
        ready: list[tuple[_Candidate, str, _Preserved]] = []
        try:
            for c, intent_id, fut, already in entries:
                if already is not None:
                    result.items.append(already)
                else:
                    assert fut is not None
                    try:
                        ready.append((c, intent_id, fut.result()))
                    except (Cancelled, DiskFull):
                        raise
                    except OSError as exc:
                        if is_disk_full(exc):
                            raise DiskFull(f"the disk holding the case is full: {exc.strerror}") from None
                        _abandon(case, intent_id, f"failed: {exc.strerror or exc}")
                        result.failed.append({"path": c.display_path,
                                              "reason": f"cannot read: {exc.strerror or exc}"})
                    except UserError as exc:
                        _abandon(case, intent_id, f"failed: {exc.message}")
                        result.failed.append({"path": c.display_path, "reason": exc.message})
                prog = prog.advanced(done=prog.done + 1, bytes_done=preserver.bytes_done, current=c.display_path)
                progress(prog)
        finally:
            # whatever was preserved is committed, even when the chunk stops early (cancel, disk full)
            if ready:
                with case.repo.transaction():
                    for c, intent_id, pres in ready:
                        dev = c.st.st_dev
                        if dev not in fs_types:
                            fs_types[dev] = fs_type_of(c.path)
                        name_disp, name_raw = _display(Path(c.path.name))
                        mime, desc = pres.mime or ("application/octet-stream", "type unknown")
                        acq = _acquisition_record(case, source_path=c.display_path, source_path_raw=c.raw_path,
                                                  source=source, method=method, st=c.st, fs_type=fs_types[dev],
                                                  clock=now_record())
                        rec = _commit_item(case, pres=pres, name=name_disp, name_raw=name_raw, mime=mime,
                                           mime_desc=desc, parent=None, path_in_parent=None, acquisition=acq,
                                           intent_id=intent_id, in_transaction=True)
                        rec["path"] = c.display_path
                        result.items.append(rec)
                        committed.append(rec["exhibit"])

    pending_all: list[Entry] = []
    try:
        i = 0
        while i < len(candidates):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            # a chunk: up to CHUNK_FILES files or CHUNK_BYTES bytes, whichever comes first
            group, size = [], 0
            while i < len(candidates) and len(group) < CHUNK_FILES and (not group or size < CHUNK_BYTES):
                group.append(candidates[i])
                size += candidates[i].st.st_size
                i += 1
            entries: list[Entry] = []
            fresh: list[tuple[_Candidate, str]] = []
            for c in group:
                already = _already_imported(case, c)
                if already is not None:
                    preserver.add_bytes(c.st.st_size)
                    entries.append((c, "", None, already))
                else:
                    fresh.append((c, str(uuid.uuid4())))
            if fresh:
                with case.repo.transaction():
                    for c, intent_id in fresh:
                        case.repo.open_intent(intent_id, c.display_path, utc_now())
            fresh_map = {intent_id: c for c, intent_id in fresh}
            futures = {intent_id: preserver.submit(c.path, intent_id) for c, intent_id in fresh}
            for c in group:
                hit = next((e for e in entries if e[0] is c), None)
                if hit is None:
                    iid = next(k for k, v in fresh_map.items() if v is c)
                    entries.append((c, iid, futures[iid], None))
            entries.sort(key=lambda e: group.index(e[0]))
            pending_all = entries
            run_chunk(entries)
            pending_all = []
    except (Cancelled, DiskFull) as exc:
        if cancel is not None:
            cancel.cancel()
        preserver.cancel()
        for c, intent_id, fut, _ in pending_all:
            if fut is not None:
                fut.cancel()
        preserver.shutdown()
        for c, intent_id, fut, _ in pending_all:
            if fut is not None:
                row = case.repo.one("SELECT state FROM intents WHERE id = ?", (intent_id,))
                if row is not None and row["state"] == "open":
                    _discard_uncommitted(case, fut)
                    _abandon(case, intent_id, "cancelled" if isinstance(exc, Cancelled) else "disk full")
        if isinstance(exc, Cancelled):
            result.cancelled = True
            _run_extraction(case, committed, extract, options, progress, None, result)
            return result
        raise
    finally:
        preserver.shutdown()
    _run_extraction(case, committed, extract, options, progress, cancel, result)
    return result


def _run_extraction(case: Case, exhibits: list[str], extract: bool, options: dict[str, Any] | None,
                    progress: ProgressSink, cancel: CancelToken | None, result: ImportResult) -> None:
    if not extract or not exhibits:
        return
    from .extraction import extract_items

    warnings = extract_items(case, exhibits, options=options or {}, progress=progress, cancel=cancel)
    result.warnings.extend(warnings)
    # children made by extraction (zip entries, attachments) are items too
    known = {i["exhibit"] for i in result.items}
    for ex in exhibits:
        for child in _descendants(case, ex):
            if child["exhibit"] not in known:
                result.items.append({"exhibit": child["exhibit"], "sha256": child["sha256"], "md5": child["md5"],
                                     "size": child["size"], "mime": child["mime"],
                                     "duplicate": child["duplicate_of"], "name": child["name"],
                                     "parent": child["parent"], "path_in_parent": child["path_in_parent"]})
                known.add(child["exhibit"])


def _descendants(case: Case, exhibit: str) -> list[dict[str, Any]]:
    out, queue = [], [exhibit]
    while queue:
        for ch in case.repo.children(queue.pop(0)):
            out.append(ch)
            queue.append(ch["exhibit"])
    return out


def _already_imported(case: Case, c: _Candidate) -> dict[str, Any] | None:
    """Same original path, and the same content: not a new exhibit (an interrupted import continues)."""
    prev = case.repo.acquisition_by_path(c.display_path)
    if prev is None or prev["size"] != c.st.st_size:
        return None
    # Same path and size: confirm by hashing (no encryption), so a changed file becomes a new exhibit.
    from .hashing import hash_stream

    try:
        with open_readonly(c.path) as f:
            digests, _ = hash_stream(f, ("sha256",))
    except OSError:
        return None
    hit = case.repo.acquisition_by_path(c.display_path, digests["sha256"])
    if hit is None:
        return None
    item = case.repo.item(hit["exhibit"])
    assert item is not None
    return {"exhibit": item["exhibit"], "sha256": item["sha256"], "md5": item["md5"], "size": item["size"],
            "mime": item["mime"], "duplicate": item["duplicate_of"], "name": item["name"],
            "path": c.display_path, "already_imported": True}


def _discard_uncommitted(case: Case, fut: "Future[_Preserved]") -> None:
    """A file preserved in the vault but never committed: remove its object unless the case records it."""
    if fut.cancelled() or not fut.done() or fut.exception() is not None:
        return
    pres = fut.result()
    if pres.new_object and case.repo.object_by_sha256(pres.digests["sha256"]) is None:
        case.vault.remove(pres.object_name)


def _abandon(case: Case, intent_id: str, outcome: str) -> None:
    case.vault.temp_path(intent_id).unlink(missing_ok=True)
    try:
        with case.repo.transaction():
            case.repo.close_intent(intent_id, outcome, utc_now())
    except Exception:  # the database itself may be on the full disk; the next open rolls the intent back
        pass


def preserve_child(case: Case, stream: BinaryIO, *, name: str, parent: str, path_in_parent: str,
                   location: str | None, extractor: str, cancel: CancelToken | None = None) -> dict[str, Any]:
    """Preserve a child item (zip entry, attachment, embedded file) from a stream: hashed and vaulted like
    any item, with its parent and its path inside the parent. Returns the item record."""
    intent_id = str(uuid.uuid4())
    with case.repo.transaction():
        case.repo.open_intent(intent_id, f"{parent}:{path_in_parent}", utc_now())
    head = bytearray()

    class _Tee:
        def read(self, n: int = -1) -> bytes:
            b = stream.read(n)
            if len(head) < (1 << 20) and b:
                head.extend(b[: (1 << 20) - len(head)])
            return b

    try:
        pres = preserve_stream(case.vault, _Tee(), intent_id, case.hash_algorithms, cancel)  # type: ignore[arg-type]
    except BaseException as exc:
        _abandon(case, intent_id, f"failed: {exc}")
        raise
    mime, desc = sniff_mime(bytes(head))
    acq = _acquisition_record(case, source_path=None, source_path_raw=None,
                              source=f"extracted from {parent} by {extractor}" + (f" ({location})" if location else ""),
                              method=f"child of {parent}: {path_in_parent}", st=None, fs_type=None, clock=now_record())
    return _commit_item(case, pres=pres, name=Path(path_in_parent.replace("\\", "/")).name or name, name_raw=None,
                        mime=mime, mime_desc=desc, parent=parent, path_in_parent=path_in_parent, acquisition=acq,
                        intent_id=intent_id)


def rollback_interrupted(case: Case) -> dict[str, Any] | None:
    """Undo intakes that were interrupted before their commit. Logged; not an integrity failure."""
    intents = case.repo.open_intents()
    known = {o["name"] for o in case.repo.objects()}
    orphans = [n for n in case.vault.list_objects() if n not in known]
    temps = case.vault.leftover_temps()
    if not intents and not orphans and not temps:
        return None
    for t in temps:
        t.unlink(missing_ok=True)
    for n in orphans:
        case.vault.remove(n)
    now = utc_now()
    with case.repo.transaction():
        for i in intents:
            case.repo.close_intent(i["id"], "rolled back at next open", now)
        details = {"intents": len(intents), "temporary_files_removed": len(temps),
                   "orphan_objects_removed": len(orphans)}
        case.log_in_transaction("intake-rolled-back", None, details)
    return details
