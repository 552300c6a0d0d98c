"""Reading and acting on single items: show, extract the original, retract, notes, tags, sensitivity."""

from __future__ import annotations

import json
import os
import secrets
import uuid
from pathlib import Path
from typing import Any

from .case import Case
from .custody import utc_now
from .errors import UserError
from .vault import fsync_dir


def get_item(case: Case, exhibit: str) -> dict[str, Any]:
    it = case.repo.item(exhibit.upper())
    if it is None:
        raise UserError(f"no exhibit {exhibit} in this case", hint="List them with: workbench items DIR")
    return it


def item_record(case: Case, exhibit: str) -> dict[str, Any]:
    """Every recorded fact about an item (the data behind `show` and a bundle's items.json)."""
    it = get_item(case, exhibit)
    rec = {k: v for k, v in it.items() if k not in ("id", "name_raw", "object")}
    if it["name_raw"] is not None:
        rec["name_raw_hex"] = bytes(it["name_raw"]).hex()
    rec["acquisitions"] = case.repo.acquisitions(it["id"])
    rec["tags"] = case.repo.tags(it["id"])
    rec["warnings"] = case.repo.warnings(it["id"])
    rec["children"] = [c["exhibit"] for c in case.repo.children(it["exhibit"])]
    tomb = case.repo.retraction(it["exhibit"])
    if tomb:
        rec["retraction"] = tomb
    from .store import derived

    rec.update(derived.item_derived(case.repo, it["id"]))
    return rec


def extract_original(case: Case, exhibit: str, out: Path) -> dict[str, Any]:
    """Write the original, byte-identical, to ``out`` (a file, or a folder to put it in). Logged."""
    it = get_item(case, exhibit)
    if it["status"] != "active" or it["object"] is None:
        raise UserError(f"{it['exhibit']} was retracted: its content no longer exists")
    out = Path(out)
    if out.is_dir():
        safe = "".join(ch if ch.isprintable() and ch not in '/\\:*?"<>|' else "_" for ch in it["name"]) or "original"
        out = out / f"{it['exhibit']}_{safe}"
    if out.exists():
        raise UserError(f"{out} already exists")
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    from .hashing import MultiHasher

    hasher = MultiHasher(case.hash_algorithms)

    class _W:
        def __init__(self, f: Any) -> None:
            self.f = f

        def write(self, b: bytes) -> int:
            hasher.update(b)
            self.f.write(b)
            return len(b)

        def flush(self) -> None:
            self.f.flush()

    try:
        with open(tmp, "xb") as f:
            case.vault.decrypt_to(it["object"], _W(f))  # type: ignore[arg-type]
            f.flush()
            os.fsync(f.fileno())
        digests = hasher.hexdigests()
        if digests["sha256"] != it["sha256"] or digests["md5"] != it["md5"]:
            raise UserError(f"the stored original of {it['exhibit']} does not match its recorded hashes; "
                            "nothing was written", hint="Run: workbench verify DIR")
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
    case.log("extracted", it["exhibit"], {"to_file_name": out.name, "sha256": digests["sha256"]})
    return {"exhibit": it["exhibit"], "path": str(out), "sha256": digests["sha256"], "md5": digests["md5"]}


def retract(case: Case, exhibit: str, reason: str) -> dict[str, Any]:
    """Destroy an item's content and derived records; leave a tombstone with the hashes, who, when, why."""
    case.require_writer()
    if not reason or not reason.strip():
        raise UserError("a retraction needs a reason (--reason TEXT)")
    it = get_item(case, exhibit)
    if it["status"] == "retracted":
        raise UserError(f"{it['exhibit']} is already retracted")
    from .store import derived

    name = it["object"]
    now = utc_now()
    with case.repo.transaction():
        case.repo.set_item(it["exhibit"], status="retracted", object=None, notes="")
        case.repo.conn.execute("DELETE FROM tags WHERE item_id = ?", (it["id"],))
        derived.delete_for_item(case.repo, it["id"])
        case.repo.add_retraction(exhibit=it["exhibit"], name=it["name"], sha256=it["sha256"], md5=it["md5"],
                                 size=it["size"], retracted_by=case.examiner["name"], retracted_utc=now,
                                 reason=reason)
        shared = name is not None and case.repo.object_users(name) > 0
        if name is not None and not shared:
            case.repo.delete_object(name)
            # An intent, closed once the object is gone: if the program stops before, the next open removes it.
            intent_id = str(uuid.uuid4())
            case.repo.open_intent(intent_id, f"retraction of {it['exhibit']}", now)
            case.repo.set_intent_object(intent_id, name)
        case.log_in_transaction("retracted", it["exhibit"], {"reason": reason, "sha256": it["sha256"],
                                                             "md5": it["md5"], "size": it["size"],
                                                             "content_destroyed": not shared})
    if name is not None and not shared:
        case.vault.remove(name)
        with case.repo.transaction():
            case.repo.close_intent(intent_id, "content destroyed", utc_now())
    return {"exhibit": it["exhibit"], "content_destroyed": not shared, "retracted_utc": now}


def set_notes(case: Case, exhibit: str, notes: str) -> None:
    it = get_item(case, exhibit)
    with case.repo.transaction():
        case.repo.set_item(it["exhibit"], notes=notes)
        case.log_in_transaction("annotated", it["exhibit"], {"notes": notes})


def add_tag(case: Case, exhibit: str, tag: str) -> bool:
    it = get_item(case, exhibit)
    tag = tag.strip()
    if not tag:
        raise UserError("a tag cannot be empty")
    with case.repo.transaction():
        added = case.repo.add_tag(it["id"], tag)
        if added:
            case.log_in_transaction("tagged", it["exhibit"], {"added": tag})
    return added


def remove_tag(case: Case, exhibit: str, tag: str) -> bool:
    it = get_item(case, exhibit)
    with case.repo.transaction():
        removed = case.repo.remove_tag(it["id"], tag)
        if removed:
            case.log_in_transaction("tagged", it["exhibit"], {"removed": tag})
    return removed


def set_sensitive(case: Case, exhibit: str, sensitive: bool) -> None:
    it = get_item(case, exhibit)
    with case.repo.transaction():
        case.repo.set_item(it["exhibit"], sensitive=1 if sensitive else 0)
        case.log_in_transaction("marked-sensitive", it["exhibit"], {"sensitive": sensitive})


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str)
