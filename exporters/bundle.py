"""Export a BagIt 1.0 bundle (RFC 8493) from a :class:`exporters.source.BundleSource`.

The bundle is written into ``OUT.partial-<random>`` beside OUT, verified with
:func:`exporters.verify_bundle.verify_bundle`, and only then renamed to OUT; a cancelled or failed export
removes the partial folder, so no half bundle that verifies is ever left. See docs/BUNDLE-FORMAT.md.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from exporters import case_uco, custody_lines, items
from exporters.bundle_files import BagWriter, write_zip
from exporters.jobs import CancelFlag, Cancelled, ExportError, ExportProgress, ProgressSink
from exporters.manifests import ALGORITHMS
from exporters.portable import NameAllocator, portable_name
from exporters.report_model import ReportData, ReportExhibit
from exporters.signing import fingerprint_of_pem, pem_file_name
from exporters.source import BundleExhibit, BundleSource
from exporters.verify_bundle import BundleReport, verify_bundle
from exporters.verify_text import verify_text

STANDALONE = Path(__file__).resolve().parent / "standalone" / "verify.py"


@dataclass
class ExportResult:
    out: Path
    tagmanifest_sha256: str
    manifest_sha256: str
    zip_path: Path | None
    zip_sha256: str | None
    fingerprint: str
    verification: BundleReport
    exhibits: int
    payload_bytes: int


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _local_time(utc: str, zone: str | None) -> str:
    try:
        t = datetime.strptime(utc.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        try:
            t = datetime.strptime(utc.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S%z")
        except ValueError:
            return utc
    if zone:
        try:
            from zoneinfo import ZoneInfo

            return t.astimezone(ZoneInfo(zone)).strftime(f"%Y-%m-%d %H:%M:%S ({zone}, UTC%z)")
        except Exception:  # noqa: BLE001 - unknown zone: fall back to the system's
            pass
    return t.astimezone().strftime("%Y-%m-%d %H:%M:%S (UTC%z, this computer's zone)")


def _check_out(out: Path) -> None:
    if out.exists():
        if not out.is_dir() or any(out.iterdir()):
            raise ExportError(f"{out} already exists and is not an empty folder; choose another place")


def export_bundle(
    source: BundleSource,
    out: Path,
    *,
    zip: bool = False,
    redact_paths: bool = False,
    message_ranges: dict[str, tuple[int, int]] | None = None,
    progress: ProgressSink | None = None,
    cancel: CancelFlag | None = None,
) -> ExportResult:
    out = Path(out)
    _check_out(out)
    if not source.exhibits:
        raise ExportError("nothing to export: no exhibit was selected")
    ids = [e.exhibit for e in source.exhibits]
    if len(set(ids)) != len(ids):
        raise ExportError("an exhibit is listed twice in the export")
    ranges = dict(message_ranges or {})
    unknown = [k for k in ranges if k not in ids]
    if unknown:
        raise ExportError("message ranges name exhibits that are not exported", unknown)
    algos = [a for a in ALGORITHMS if a in source.hash_algorithms or a in ("sha256", "md5")]
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(out)
    zpath = out.parent / f"{out.name}.zip"
    if zip and zpath.exists():
        raise ExportError(f"{zpath} already exists; choose another place")
    tmp = out.parent / partial_name(out.name)
    tmp.mkdir()
    try:
        result = _export_into(source, tmp, out, algos, redact_paths, ranges, progress, cancel)
        _check_out(out)
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result.out = out
    result.verification.path = str(out)
    if zip:
        try:
            result.zip_path, result.zip_sha256 = write_zip(out, zpath, progress=progress, cancel=cancel)
            zreport = verify_bundle(zpath)
            if not zreport.ok:
                zpath.unlink(missing_ok=True)
                raise ExportError("the ZIP did not verify after writing", [str(p) for p in zreport.problems])
        except BaseException:
            # the export asked for failed as a whole: the folder goes too, so that no bundle exists that the
            # case's custody log does not record
            shutil.rmtree(out, ignore_errors=True)
            raise
    return result


def partial_name(name: str) -> str:
    """The temporary sibling a bundle (or its ZIP) is written into before the final rename: it names the
    writing process, so that a later export can tell a partial left by a killed process from a live one."""
    return f"{name}.partial-{os.getpid()}-{secrets.token_hex(6)}"


def remove_stale_partials(out: Path) -> list[Path]:
    """Remove ``OUT.partial-*`` and ``OUT.zip.partial-*`` left by an export that was killed (its process is
    gone). They never look like a bundle (a partial has no signature until its last step, and it is never at
    OUT), but they hold copies of evidence, so they are not left lying about."""
    removed = []
    for prefix in (f"{out.name}.partial-", f"{out.name}.zip.partial-"):
        for p in out.parent.glob(glob_escape(prefix) + "*"):
            pid = p.name[len(prefix):].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)):
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        import psutil

        return bool(psutil.pid_exists(pid))
    except ImportError:  # pragma: no cover - psutil is a dependency
        return True


def _export_into(
    source: BundleSource,
    tmp: Path,
    final: Path,
    algos: list[str],
    redact_paths: bool,
    ranges: dict[str, tuple[int, int]],
    progress: ProgressSink | None,
    cancel: CancelFlag | None,
) -> ExportResult:
    export_time = source.export_time_utc or _now()
    exported = {e.exhibit for e in source.exhibits}
    scrub = items.Scrubber(exported)
    bag = BagWriter(tmp, algos, progress=progress, cancel=cancel, total_files=len(source.exhibits),
                    total_bytes=sum(int(e.size) for e in source.exhibits))

    # 1. payload: byte-identical originals, hashed while copied and checked against the record
    paths: dict[str, str] = {}
    for ex in source.exhibits:
        folder = portable_name(ex.exhibit, fallback="exhibit")
        name = NameAllocator().allocate(ex.name_as_found, fallback="file")
        paths[ex.exhibit] = bag.copy_payload(ex, f"data/{folder}/{name}")

    # 2. records, redaction, custody selection
    records: dict[str, dict] = {}
    removed_paths: list[str] = []
    for ex in source.exhibits:
        rec, removed = items.redacted_record(ex.record, redact_paths)
        records[ex.exhibit] = rec
        removed_paths += removed
    # an event that names a redacted path, or the folder it was in, cannot be shown in full (it is signed)
    folders = {re.split(r"[\\/][^\\/]*$", p)[0] for p in removed_paths}
    secrets_ = set(removed_paths) | {f for f in folders if len(f.strip("\\/")) > 3}
    selection = custody_lines.select(source.custody, exported, withhold_strings=sorted(secrets_))
    signing_key = str(source.exporter.get("key_id") or "")
    key_ids = set(selection.key_ids) | {signing_key}
    missing_keys = sorted(k for k in key_ids if k not in source.examiner_keys)
    if missing_keys:
        raise ExportError("public keys are missing for some signers", [k[:16] for k in missing_keys])
    fp = fingerprint_of_pem(source.examiner_keys[signing_key])
    if fp != signing_key:
        raise ExportError("the exporting examiner's key_id does not match their public key")
    for k in sorted(key_ids):
        bag.write_tag(f"metadata/examiners/{pem_file_name(k)}", source.examiner_keys[k])
    bag.write_chunks("metadata/custody-log.jsonl", custody_lines.jsonl_chunks(selection.lines))

    # 3. messages, items.json, CASE/UCO, hashdeep. items.json is written as it is made, one exhibit at a time;
    # the report shares each exhibit's scrubbed record with it (one copy, not two)
    report_exhibits: list[ReportExhibit] = []
    by_exhibit: dict[str, list[dict]] = {}
    for line in selection.lines:
        if "event" in line:
            by_exhibit.setdefault(str(line["event"].get("exhibit")), []).append(line)

    def entries() -> Iterator[dict]:
        for ex in source.exhibits:
            bag.check_cancel()
            mpath = count = None
            if ex.messages is not None:
                mpath = f"metadata/messages/{portable_name(ex.exhibit)}.jsonl"
                bag.progress("messages", ex.exhibit)
                count = bag.write_jsonl(mpath, items.message_lines(ex.messages(), scrub))
            rng = ranges.get(ex.exhibit)
            scrubbed = scrub(records[ex.exhibit])
            msgs = (lambda ex=ex: items.message_lines(ex.messages(), scrub)) if ex.messages is not None else None
            report_exhibits.append(ReportExhibit(ex, paths[ex.exhibit], scrubbed, by_exhibit.get(ex.exhibit, []),
                                                 msgs, rng, count))
            yield items.exhibit_entry(ex, path=paths[ex.exhibit], record=scrubbed, algorithms=algos,
                                      messages_path=mpath, message_count=count, message_range=rng, scrub=scrub,
                                      scrubbed=True)

    head: dict[str, Any] = {
        "format": items.FORMAT,
        "case": scrub(source.case),
        "exporter": scrub(source.exporter),
        "signing_key": signing_key,
        "tool": scrub(source.tool),
        "exported_utc": export_time,
        "hash_algorithms": algos,
        "redacted_paths": bool(redact_paths),
        "custody": {
            "events": len(selection.lines),
            "head": selection.head,
            "full_events": selection.full_seqs,
            "withheld": {str(k): v for k, v in sorted(selection.withheld.items())},
        },
    }
    bag.write_chunks("metadata/items.json", items.items_json_chunks(head, entries()))
    records.clear()  # the report holds the scrubbed copies
    bag.write_tag("metadata/case-uco.jsonld", case_uco.to_bytes(case_uco.build_graph(
        case=source.case, exporter=source.exporter, tool=source.tool, exhibits=source.exhibits,
        portable_paths=paths, records={rx.ex.exhibit: rx.record for rx in report_exhibits}, algorithms=algos,
        export_time_utc=export_time)))
    bag.write_hashdeep(final.name)
    pem_name = pem_file_name(signing_key)
    bag.write_tag("metadata/VERIFY.txt", verify_text(
        case_number=str(source.case.get("number") or ""), fingerprint=fp, pem_name=pem_name,
        algorithms=algos, tool=f"{source.tool.get('name')} {source.tool.get('version')}").encode("utf-8"))
    bag.write_tag("metadata/verify.py", STANDALONE.read_bytes())

    # 4. bag declaration, bag-info and payload manifests; then the report (it prints manifest-sha256's hash)
    bag.write_bagit_txt()
    manifest_sha256 = bag.write_payload_manifests()
    bag.write_bag_info(source, export_time, signing_key)
    bag.progress("report")
    from exporters.report_pdf import write_report

    data = ReportData(
        case=scrub(source.case), exporter=scrub(source.exporter), tool=scrub(source.tool),
        export_time_utc=export_time, export_time_local=_local_time(export_time, source.local_timezone),
        manifest_sha256=manifest_sha256, fingerprint=fp, algorithms=algos, exhibits=report_exhibits,
        custody_lines=selection.lines, custody_head=selection.head, withheld=selection.withheld,
        redact_paths=redact_paths,
    )
    bag.write_tag("metadata/report.pdf", write_report(data))

    # 5. tag manifests, signature, fsync, verification
    tag_sha256 = bag.write_tag_manifests()
    bag.progress("signing")
    signature = source.sign(bag.read("tagmanifest-sha256.txt"))
    if not isinstance(signature, (bytes, bytearray)) or len(signature) != 64:
        raise ExportError("the signing function did not return a 64-byte Ed25519 signature")
    bag.write_file("tagmanifest-sha256.txt.sig", bytes(signature))
    bag.sync()
    bag.progress("verifying")
    report = verify_bundle(tmp)
    if not report.ok:
        raise ExportError("the bundle did not verify after writing", [str(p) for p in report.problems])
    if report.fingerprint != signing_key:
        raise ExportError("the bundle verified with another key than the exporting examiner's")
    return ExportResult(tmp, tag_sha256, manifest_sha256, None, None, fp, report, len(source.exhibits),
                        bag.payload_bytes)


def exhibit_ids(source: BundleSource) -> list[str]:
    return [e.exhibit for e in source.exhibits]


__all__ = ["export_bundle", "ExportResult", "Cancelled", "ExportError", "ExportProgress", "BundleExhibit"]
