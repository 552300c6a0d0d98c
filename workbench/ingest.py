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

Steps 2–3 of several files run at once (``preserve_pool.Preserver``: threads for small imports, worker
processes for large ones, where a very large file is verified by a second process while it is written),
while the main thread commits finished files in chunks, in walk order, so exhibit numbers follow the order
of the walk.

An interrupted intake (power cut, kill -9) leaves an open intent: at the next writer open,
``rollback_interrupted`` removes its temporary file and any vault object without a database row, closes the
intent, and logs "intake-rolled-back". That is cleanup, not an integrity failure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from .case import Case
from .custody import utc_now
from .errors import Cancelled, DiskFull, UserError
from .intake_records import _acquisition_record, _Candidate, _display, fs_type_of, walk
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .preserve import Preserved as _Preserved
from .preserve import open_readonly, preserve_stream, sniff_mime
from .preserve_pool import SLOTS, Preserver
from .timeinfo import now_record
from .vault import is_disk_full

if TYPE_CHECKING:
    from .extract_pool import WorkerPool

CHUNK_FILES = 64
CHUNK_BYTES = 256 << 20
LOOKAHEAD_CHUNKS = 2  # process pools only: chunks submitted ahead of the one being committed


@dataclass
class ImportResult:
    items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "warnings": self.warnings, "failed": self.failed,
                **({"cancelled": True} if self.cancelled else {})}


class _Entry(NamedTuple):
    candidate: _Candidate
    intent_id: str
    future: Future[_Preserved] | None
    already: dict[str, Any] | None


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


def _chunks(candidates: list[_Candidate]) -> list[list[int]]:
    """Commit units in walk order: up to CHUNK_FILES files or CHUNK_BYTES bytes, whichever comes first."""
    out: list[list[int]] = []
    group: list[int] = []
    size = 0
    for i, c in enumerate(candidates):
        if group and (len(group) >= CHUNK_FILES or size >= CHUNK_BYTES):
            out.append(group)
            group, size = [], 0
        group.append(i)
        size += c.st.st_size
    if group:
        out.append(group)
    return out


def import_paths(case: Case, paths: Iterable[Path], *, source: str | None = None, method: str | None = None,
                 progress: ProgressSink = no_progress, cancel: CancelToken | None = None,
                 extract: bool = True, options: dict[str, Any] | None = None, workers: int = 2) -> ImportResult:
    """Import files and folders. Committed items stay committed whatever happens after.

    Files are committed in walk order, a chunk per transaction; the work runs ahead of the commits by up to
    ``LOOKAHEAD_CHUNKS`` chunks (intent rows are committed before any of their bytes are written), and the
    largest files start first: a long file started last would finish alone on one core. The extraction
    workers start before the files are preserved (they load their extractors meanwhile, ~0.4 s) and are
    stopped however the import ends."""
    case.require_writer()
    result = ImportResult()
    candidates = list(walk([Path(p) for p in paths], result.warnings, result.failed))
    pools = None
    if extract and candidates:  # started now: the workers load while the files are preserved
        from .extraction import start_pools

        pools = start_pools(options or {}, len(candidates))
    try:
        return _import(case, candidates, result, source=source, method=method, progress=progress, cancel=cancel,
                       extract=extract, options=options, workers=workers, pools=pools)
    finally:
        for p in pools or ():
            p.close()  # (already stopped when the extraction ran)


def _import(case: Case, candidates: list[_Candidate], result: ImportResult, *, source: str | None,
            method: str | None, progress: ProgressSink, cancel: CancelToken | None, extract: bool,
            options: dict[str, Any] | None, workers: int, pools: list[WorkerPool] | None) -> ImportResult:
    total_bytes = sum(c.st.st_size for c in candidates)
    prog = Progress("preserving", 0, len(candidates), 0, total_bytes)
    progress(prog)
    fs_types: dict[int, str | None] = {}
    committed: list[str] = []
    preserver = Preserver(case.vault, case.meta["vault_identity"], bytes.fromhex(case.meta["vault_key"]),
                          case.hash_algorithms, workers=workers, total_bytes=total_bytes, cancel=cancel)
    prepared: dict[int, _Entry] = {}  # submitted (or found already imported), not yet committed
    current: list[_Entry] = []

    def prepare(indices: list[int]) -> None:
        fresh: list[tuple[int, str]] = []
        for idx in indices:
            if idx in prepared:
                continue
            c = candidates[idx]
            already = _already_imported(case, c)
            if already is not None:
                preserver.add_bytes(c.st.st_size)
                prepared[idx] = _Entry(c, "", None, already)
            else:
                fresh.append((idx, str(uuid.uuid4())))
        if not fresh:
            return
        with case.repo.transaction():
            for idx, intent_id in fresh:
                case.repo.open_intent(intent_id, candidates[idx].display_path, utc_now())
        batch: list[tuple[int, str]] = []
        for idx, intent_id in fresh:
            c = candidates[idx]
            if preserver.wants_split(c.st.st_size):
                prepared[idx] = _Entry(c, intent_id, preserver.submit(c.path, c.st.st_size, intent_id), None)
            else:
                batch.append((idx, intent_id))
        futs = preserver.submit_batch([(candidates[i].path, candidates[i].st.st_size, iid) for i, iid in batch])
        for (idx, intent_id), fut in zip(batch, futs):
            prepared[idx] = _Entry(candidates[idx], intent_id, fut, None)

    held: list[tuple[_Candidate, str, _Preserved]] = []  # preserved when a stop came: committed after cleanup

    def run_chunk(entries: list[_Entry]) -> None:
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
        except (Cancelled, DiskFull):
            held.extend(ready)  # whatever was preserved is committed, once the rest is cleared away
            raise
        if ready:
            _commit_ready(case, ready, fs_types, source, method, result, committed)

    chunks = _chunks(candidates)
    try:
        if preserver.use_processes:
            prepare(sorted((i for i, c in enumerate(candidates) if preserver.wants_split(c.st.st_size)),
                           key=lambda i: -candidates[i].st.st_size)[:SLOTS])
        next_prep = 0
        for k, chunk in enumerate(chunks):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            while next_prep < len(chunks) and next_prep <= k + (LOOKAHEAD_CHUNKS if preserver.use_processes else 0):
                prepare(chunks[next_prep])
                next_prep += 1
            current = [prepared.pop(i) for i in chunk]
            run_chunk(current)
            current = []
    except (Cancelled, DiskFull) as exc:
        if cancel is not None:
            cancel.cancel()
        preserver.cancel()
        preserver.shutdown()
        keep = {intent_id for _, intent_id, _ in held}
        # first clear what will not be committed (on a full disk this frees the room the commit needs) ...
        for c, intent_id, fut, _ in current + list(prepared.values()):
            if fut is not None and intent_id not in keep:
                row = case.repo.one("SELECT state FROM intents WHERE id = ?", (intent_id,))
                if row is not None and row["state"] == "open":
                    _discard_uncommitted(case, fut)
                    _abandon(case, intent_id, "cancelled" if isinstance(exc, Cancelled) else "disk full")
        # ... then commit what was preserved before the stop, one by one while there is room
        _commit_held(case, held, lambda ready: _commit_ready(case, ready, fs_types, source, method, result,
                                                             committed))
        if isinstance(exc, Cancelled):
            result.cancelled = True
            _run_extraction(case, committed, extract, options, progress, None, result, pools)
            return result
        raise
    finally:
        preserver.shutdown()
    _run_extraction(case, committed, extract, options, progress, cancel, result, pools)
    return result


def _commit_held(case: Case, held: list[tuple[_Candidate, str, _Preserved]], commit: Any) -> None:
    """After a stop (cancel, full disk): commit preserved files one at a time. When one does not fit, the
    objects of those after it are removed to make room, it is tried once more, and the rest are abandoned."""
    for k, entry in enumerate(held):
        try:
            commit([entry])
            continue
        except Exception:  # no room for the database's journal: free the rest and try once more
            for _c, intent_id, pres in held[k + 1:]:
                _discard_preserved(case, pres)
                _abandon(case, intent_id, "disk full")
        try:
            commit([entry])
        except Exception:  # still no room: its object goes, its intent is closed (or rolled back at next open)
            _discard_preserved(case, entry[2])
            _abandon(case, entry[1], "disk full")
        return


def _discard_preserved(case: Case, pres: _Preserved) -> None:
    try:
        if pres.new_object and case.repo.object_by_sha256(pres.digests["sha256"]) is None:
            case.vault.remove(pres.object_name)
    except Exception:  # the next open removes objects without a database row
        pass


def _commit_ready(case: Case, ready: list[tuple[_Candidate, str, _Preserved]], fs_types: dict[int, str | None],
                  source: str | None, method: str | None, result: ImportResult, committed: list[str]) -> None:
    recs: list[dict[str, Any]] = []
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
            recs.append(rec)
    result.items.extend(recs)  # reported only once the transaction is committed
    committed.extend(r["exhibit"] for r in recs)


def _run_extraction(case: Case, exhibits: list[str], extract: bool, options: dict[str, Any] | None,
                    progress: ProgressSink, cancel: CancelToken | None, result: ImportResult,
                    pools: list[WorkerPool] | None = None) -> None:
    if not extract or not exhibits:
        return
    from .extraction import extract_items

    # just imported: extraction may read the originals again from their read-only sources (checked against
    # the committed SHA-256) instead of decrypting the vault copies
    committed = set(exhibits)
    sources = {i["exhibit"]: Path(i["path"]) for i in result.items
               if i.get("path") and not i.get("already_imported") and i["exhibit"] in committed}
    made: list[str] = []
    warnings = extract_items(case, exhibits, options=options or {}, progress=progress, cancel=cancel,
                             sources=sources, made=made, pools=pools)
    result.warnings.extend(warnings)
    if not made:
        return
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


def _discard_uncommitted(case: Case, fut: Future[_Preserved]) -> None:
    """A file preserved in the vault but never committed: remove its object unless the case records it."""
    if fut.cancelled() or not fut.done() or fut.exception() is not None:
        return
    _discard_preserved(case, fut.result())


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
    same = case.repo.one("SELECT * FROM items WHERE parent = ? AND path_in_parent = ? AND sha256 = ?"
                         " AND status = 'active' ORDER BY id LIMIT 1", (parent, path_in_parent, pres.digests["sha256"]))
    if same is not None:  # a re-extraction met a child already preserved: a second exhibit would be a duplicate
        with case.repo.transaction():
            case.repo.close_intent(intent_id, f"already preserved as {same['exhibit']}", utc_now())
        return {"exhibit": same["exhibit"], "sha256": same["sha256"], "md5": same["md5"], "size": same["size"],
                "mime": same["mime"], "duplicate": same["duplicate_of"], "name": same["name"]}
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
    temps = case.vault.leftover_temps()
    # Names only (no row dicts, no sorting): this runs on every open, also of a case of 100,000 items.
    known = {n for (n,) in case.conn.execute("SELECT name FROM objects")}
    orphans = [n for n in case.vault.iter_object_names() if n not in known]
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
