"""Adapting a case to the exporters: choose exhibits, hand over streams and records, log the export.

The exporters never open the case; this module builds an ``exporters.source.BundleSource`` whose
callables decrypt originals block by block in memory, then records the export in the custody log (who
exported what, when, and the tag manifest's hash).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from . import TOOL_NAME, __version__
from .case import Case
from .errors import Cancelled, UserError
from .jobs import CancelToken, Progress, ProgressSink, no_progress
from .operations import get_item, item_record
from .timeinfo import local_zone_name

THUMB_MAX_INPUT = 40 << 20


def select_exhibits(case: Case, *, exhibits: list[str] | None = None, tag: str | None = None,
                    all_items: bool = False) -> list[str]:
    """The exhibits to export, with the children (zip entries, attachments) and linked chat attachments
    they need, in exhibit order. Retracted items are never exported."""
    if sum(bool(x) for x in (exhibits, tag, all_items)) != 1:
        raise UserError("choose what to export: --exhibit EX-… (one or more), --tag T, or --all")
    repo = case.repo
    if all_items:
        chosen = [i["exhibit"] for i in repo.items(include_retracted=False)]
    elif tag:
        chosen = [r["exhibit"] for r in repo.query(
            "SELECT i.exhibit FROM items i JOIN tags t ON t.item_id = i.id WHERE t.tag = ? AND i.status = 'active'"
            " ORDER BY i.id", (tag,))]
        if not chosen:
            raise UserError(f"no exhibit is tagged {tag!r}")
    else:
        chosen = []
        for e in exhibits or []:
            it = get_item(case, e)
            if it["status"] != "active":
                raise UserError(f"{it['exhibit']} was retracted and cannot be exported")
            chosen.append(it["exhibit"])
    out = set(chosen)
    queue = list(chosen)
    while queue:
        ex = queue.pop()
        for ch in repo.children(ex):
            if ch["status"] == "active" and ch["exhibit"] not in out:
                out.add(ch["exhibit"])
                queue.append(ch["exhibit"])
        for row in repo.query(
                # a conversation's messages: rows first_message_id .. + message_count - 1 (schema step 5), or
                # for an older conversation without that range, by its (conversation_id, seq) index. CROSS JOIN
                # keeps the conversations outside: messages are never scanned whole.
                "SELECT m.attachments FROM items i CROSS JOIN conversations c ON c.item_id = i.id"
                " CROSS JOIN messages m ON m.id >= c.first_message_id AND m.id < c.first_message_id + c.message_count"
                " WHERE i.exhibit = ?1 AND m.attachments != '[]'"
                " UNION ALL SELECT m.attachments FROM items i CROSS JOIN conversations c ON c.item_id = i.id"
                " CROSS JOIN messages m ON m.conversation_id = c.id"
                " WHERE i.exhibit = ?1 AND c.first_message_id IS NULL AND m.attachments != '[]'", (ex,)):
            import json

            for a in json.loads(row["attachments"]):
                if a.get("exhibit") and a["exhibit"] not in out:
                    linked = repo.item(a["exhibit"])
                    if linked and linked["status"] == "active":
                        out.add(a["exhibit"])
                        queue.append(a["exhibit"])
    return sorted(out, key=lambda e: int(e.split("-")[1]))


def _thumbnail(case: Case, item: dict[str, Any]) -> Callable[[], bytes | None]:
    def make() -> bytes | None:
        mime = item["mime"] or ""
        if item["size"] > THUMB_MAX_INPUT or not (mime.startswith("image/") or mime == "application/pdf"):
            return None
        killed = case.repo.one("SELECT 1 AS k FROM extractions WHERE item_id = ? AND status = 'killed'",
                               (item["id"],))
        if killed:
            return None  # a file that hung or crashed an extractor is not rendered in this process
        from .preview_core import render_thumbnail

        return render_thumbnail(case.vault.read_bytes(item["object"]), mime, 360)

    return make


def build_source(case: Case, exhibits: list[str]) -> Any:
    from exporters.source import BundleExhibit, BundleSource, CustodyEntry

    from . import chats as chats_mod

    bex = []
    for ex in exhibits:
        it = case.repo.item(ex)
        assert it is not None
        rec = item_record(case, ex)
        conv = None
        msgs = None
        convs = [c for c in rec.get("conversations", [])]
        if convs:
            c0 = convs[0]
            conv = {"app": c0["app"], "importer": c0["importer"], "title": c0["title"],
                    "participants": c0["participants"], "message_count": c0["message_count"],
                    "first_time": c0["first_time"], "last_time": c0["last_time"], "decisions": c0["decisions"],
                    "warnings": c0["warnings"][:200]}

            def _msgs(cid: int = c0["id"]) -> Iterable[dict[str, Any]]:
                step = 20000
                first = 1
                while True:
                    rows = chats_mod.messages(case, cid, first=first, last=first + step - 1)
                    if not rows:
                        return
                    for m in rows:
                        yield {"seq": m["seq"], "kind": m["kind"], "sender": m["sender"],
                               "time_as_written": m["time_as_written"], "time_utc": m["time_utc"],
                               "utc_reason": m["utc_reason"], "text": m["text"], "attachments": m["attachments"],
                               "offset": m["offset"], "length": m["length"]}
                    first += step

            msgs = _msgs
        obj = it["object"]
        bex.append(BundleExhibit(
            exhibit=ex, name_as_found=it["name"], mime=it["mime"] or "application/octet-stream", size=it["size"],
            sha256=it["sha256"], md5=it["md5"], sha1=it["sha1"], sha512=it["sha512"],
            open=(lambda o=obj: case.vault.open_stream(o)), record=rec, conversation=conv, messages=msgs,
            sensitive=bool(it["sensitive"]), thumbnail=_thumbnail(case, it)))
    custody = [CustodyEntry(e.event, e.hash, e.signature) for e in case.repo.custody()]
    keys = {e["key_id"]: e["public_key_pem"].encode("ascii") for e in case.repo.examiners()}
    ex = case.examiner
    return BundleSource(
        case={"case_id": case.case_id, "name": case.name, "number": case.number, "organisation": case.organisation},
        exporter={"name": ex["name"], "role": ex["role"], "organisation": ex["organisation"], "key_id": ex["key_id"]},
        exhibits=bex, custody=custody, examiner_keys=keys, sign=case.signing_key.sign,
        tool={"name": TOOL_NAME, "version": __version__}, hash_algorithms=case.hash_algorithms,
        local_timezone=local_zone_name())


def parse_ranges(specs: list[str] | None) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for s in specs or []:
        try:
            ex, rng = s.split(":", 1)
            a, b = rng.split("-", 1)
            out[ex.upper()] = (int(a), int(b))
        except ValueError:
            raise UserError(f"--messages takes EX-000003:120-180, not {s!r}") from None
    return out


def export_case(case: Case, out: Path, *, exhibits: list[str] | None = None, tag: str | None = None,
                all_items: bool = False, zip: bool = False, redact_paths: bool = False,
                message_ranges: dict[str, tuple[int, int]] | None = None, progress: ProgressSink = no_progress,
                cancel: CancelToken | None = None) -> Any:
    """Write a verified BagIt bundle and record the export in the custody log."""
    from exporters import jobs as xjobs
    from exporters.bundle import export_bundle

    case.require_writer()
    chosen = select_exhibits(case, exhibits=exhibits, tag=tag, all_items=all_items)
    source = build_source(case, chosen)

    def xprogress(p: Any) -> None:
        progress(Progress("exporting:" + p.phase, p.done_files, p.total_files, p.done_bytes, p.total_bytes,
                          p.current))

    try:
        result = export_bundle(source, Path(out), zip=zip, redact_paths=redact_paths,
                               message_ranges=message_ranges, progress=xprogress, cancel=cancel)
    except xjobs.Cancelled:
        raise Cancelled() from None
    except xjobs.ExportError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        from .vault import is_disk_full

        if is_disk_full(exc):
            from .errors import DiskFull

            raise DiskFull(f"the destination is full: {exc.strerror}") from None
        raise UserError(f"could not write the bundle: {exc.strerror or exc}") from None
    details = {"exhibits": chosen, "bundle_name": Path(out).name,
               "tagmanifest_sha256": result.tagmanifest_sha256, "manifest_sha256": result.manifest_sha256,
               "redact_paths": redact_paths, "verified": bool(result.verification.ok),
               "signing_key": result.fingerprint}
    if result.zip_sha256:
        details["zip_sha256"] = result.zip_sha256
    with case.repo.transaction():
        for ex in chosen:
            case.log_in_transaction("exported", ex, {"bundle_name": Path(out).name,
                                                     "tagmanifest_sha256": result.tagmanifest_sha256})
        case.log_in_transaction("exported", None, details)
    result.exhibit_ids = chosen
    return result


def write_receipt(case: Case, source_text: str, out: Path) -> dict[str, Any]:
    """A signed intake receipt for the person who handed evidence over. No other case content."""
    from exporters.receipt import write_receipt as _write

    from .custody import utc_now

    rows = case.repo.query(
        "SELECT i.exhibit, i.name, i.size, i.sha256, a.acquired_utc FROM acquisitions a JOIN items i"
        " ON i.id = a.item_id WHERE a.source_text = ? AND i.parent IS NULL AND i.status = 'active' ORDER BY i.id",
        (source_text,))
    if not rows:
        raise UserError(f"nothing in this case was received from {source_text!r}",
                        hint="Use exactly the --source text given at import (workbench show DIR EX-… lists it).")
    ex = case.examiner
    now = utc_now()
    digest = _write(Path(out), case={"number": case.number, "organisation": case.organisation},
                    source_text=source_text,
                    received_by={"name": ex["name"], "role": ex["role"], "organisation": ex["organisation"]},
                    items=[{"name": r["name"], "size": r["size"], "sha256": r["sha256"]} for r in rows],
                    time_utc=now, sign=case.signing_key.sign, key_id=ex["key_id"])
    case.log("receipt-issued", None, {"source": source_text, "exhibits": [r["exhibit"] for r in rows],
                                      "signed_digest": digest, "file_name": Path(out).name})
    return {"items": len(rows), "digest": digest, "path": str(out)}

