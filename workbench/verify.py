"""Case integrity: every failure is collected with the exhibit or seq it concerns (bagit-python style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .case import Case
from .custody import verify_chain
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .store import db


@dataclass
class Problem:
    kind: str  # cipher-integrity, object-changed, object-missing, object-unexpected, item-unknown-object, custody
    message: str
    exhibit: str | None = None
    seq: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "exhibit": self.exhibit, "seq": self.seq}

    def __str__(self) -> str:
        where = self.exhibit or (f"custody seq {self.seq}" if self.seq is not None else "case")
        return f"{where}: {self.message}"


@dataclass
class VerifyReport:
    problems: list[Problem] = field(default_factory=list)
    items_checked: int = 0
    objects_checked: int = 0
    events_checked: int = 0
    retracted: list[str] = field(default_factory=list)
    chain_head: str | None = None
    pending_cleanup: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": [p.to_json() for p in self.problems],
                "items_checked": self.items_checked, "objects_checked": self.objects_checked,
                "events_checked": self.events_checked, "retracted": self.retracted,
                "chain_head": self.chain_head, "interrupted_intakes_pending_cleanup": self.pending_cleanup}


def verify_case(case: Case, *, progress: ProgressSink = no_progress, cancel: CancelToken | None = None,
                log: bool = True) -> VerifyReport:
    rep = VerifyReport()
    try:
        _check(case, rep, progress, cancel)
    except db.DatabaseError as exc:
        # A damaged page that SQLCipher's HMAC check names first and SQLite then refuses to read: a finding,
        # never a crash. Nothing is logged: a damaged database cannot take a "verified" event safely.
        rep.problems.append(Problem("database-integrity", f"the database is damaged and cannot be read to the "
                                                          f"end: {exc}"))
        return rep
    if log and not case.readonly:
        ev = case.log("verified", None, {"ok": rep.ok, "problems": len(rep.problems),
                                         "items_checked": rep.items_checked,
                                         "objects_checked": rep.objects_checked,
                                         "events_checked": rep.events_checked})
        rep.chain_head = ev.hash
    return rep


def _check(case: Case, rep: VerifyReport, progress: ProgressSink, cancel: CancelToken | None) -> None:
    repo = case.repo
    # 1. SQLCipher page HMACs
    for (msg,) in case.conn.execute("PRAGMA cipher_integrity_check").fetchall():
        rep.problems.append(Problem("cipher-integrity", f"database page check failed: {msg}"))
    if case.index_path is not None:  # the word index of messages, in its own file (store/db.py)
        from .store.db import INDEX_SCHEMA

        for (msg,) in case.conn.execute(f"PRAGMA {INDEX_SCHEMA}.cipher_integrity_check").fetchall():
            rep.problems.append(Problem("cipher-integrity", f"word index ({case.index_path.name}) page check "
                                                            f"failed: {msg}"))
    for (msg,) in case.conn.execute("PRAGMA integrity_check").fetchall():
        if msg != "ok":
            rep.problems.append(Problem("database-integrity", f"database structure check failed: {msg}"))

    items = repo.items()
    objects = {o["name"]: o for o in repo.objects()}
    on_disk = set(case.vault.list_objects())
    algos = case.hash_algorithms
    total_bytes = sum(o["size"] for o in objects.values())
    prog = Progress("verifying", 0, len(objects), 0, total_bytes)
    progress(prog)

    # 2. every item has its object; every retracted item has its tombstone
    users: dict[str, list[str]] = {}
    for it in items:
        rep.items_checked += 1
        if it["status"] == "retracted":
            rep.retracted.append(it["exhibit"])
            if repo.retraction(it["exhibit"]) is None:
                rep.problems.append(Problem("retraction", "retracted without a tombstone record", it["exhibit"]))
            continue
        name = it["object"]
        if name is None or name not in objects:
            rep.problems.append(Problem("item-unknown-object", "no vault object is recorded for this item", it["exhibit"]))
            continue
        o = objects[name]
        if o["sha256"] != it["sha256"] or o["md5"] != it["md5"] or o["size"] != it["size"]:
            rep.problems.append(Problem("hash-record-mismatch",
                                        "the item's recorded hashes or size differ from its object's record",
                                        it["exhibit"]))
        if case.vault.object_name(it["sha256"]) != name:
            rep.problems.append(Problem("hash-record-mismatch",
                                        "the item's recorded SHA-256 does not name its vault object", it["exhibit"]))
        users.setdefault(name, []).append(it["exhibit"])

    # 3. every object re-hashed; every object has an item
    for name, o in objects.items():
        if cancel is not None:
            cancel.check()
        exhibits = users.get(name, [])
        label = exhibits[0] if exhibits else None
        if name not in on_disk:
            rep.problems.append(Problem("object-missing", "its encrypted original is missing from the vault", label))
        else:
            try:
                digests, size = case.vault.rehash(name, algos)
            except Exception as exc:  # pyrage.DecryptError and I/O errors: the object is damaged
                rep.problems.append(Problem("object-changed", f"its encrypted original cannot be decrypted ({exc})",
                                            label))
            else:
                recorded = {a: o[a] for a in algos}
                if digests != recorded or size != o["size"]:
                    rep.problems.append(Problem("object-changed",
                                                "its original no longer matches the hashes recorded at intake",
                                                label))
        if not exhibits:
            rep.problems.append(Problem("object-without-item", f"vault object {name[:16]}… belongs to no item"))
        rep.objects_checked += 1
        prog = prog.advanced(done=prog.done + 1, bytes_done=prog.bytes_done + o["size"], current=label)
        progress(prog)
    for name in sorted(on_disk - set(objects)):
        rep.problems.append(Problem("object-unexpected", f"vault object {name[:16]}… is not recorded in the case"))
    rep.pending_cleanup = len(repo.open_intents())

    # 4. the custody chain, recomputed, with every signature
    events = repo.custody()
    rep.events_checked = len(events)
    for cp in verify_chain(case.case_id, events, case.public_keys()):
        rep.problems.append(Problem("custody", cp.problem, seq=cp.seq))
    rep.chain_head = events[-1].hash if events else None
