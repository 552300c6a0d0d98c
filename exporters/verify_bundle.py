"""Verify a bundle (folder or ZIP, read in place): every manifest both ways, the tag manifests, the
examiner's signature, the custody chain and its signatures, and that items.json, hashdeep.txt and the
report's hash table agree with the manifests. Every problem is collected (house rule 9).

Speed: each file is read once for all its digests, in 1 MiB blocks, by a thread pool sized to the CPU
count (hashlib releases the GIL), so verification is bounded by the slowest digest, not their sum.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from exporters import custody_lines
from exporters.bagreader import BagReader, BagReadError
from exporters.manifests import ALGORITHMS, HEX_LEN, digest_many, parse_hashdeep, parse_manifest
from exporters.signing import KeyError_, fingerprint, load_public_pem, pem_file_name, verify
from exporters.verify_content import check_items, check_report

SIGNATURE = "tagmanifest-sha256.txt.sig"


@dataclass(frozen=True)
class Problem:
    kind: str  # changed, missing, unexpected, unreadable, format, signature, custody, items, report, hashdeep
    file: str | None
    message: str
    seq: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.seq is not None:
            where = f"{where} seq {self.seq}".strip()
        return f"{self.kind}: {where}: {self.message}" if where else f"{self.kind}: {self.message}"


@dataclass
class BundleReport:
    path: str
    container: str = "folder"
    problems: list[Problem] = field(default_factory=list)
    fingerprint: str | None = None
    signing_key_id: str | None = None
    signature_ok: bool = False
    algorithms: list[str] = field(default_factory=list)
    payload_files: int = 0
    payload_bytes: int = 0
    tag_files: int = 0
    custody_events: int = 0
    custody_full: int = 0
    custody_stubs: int = 0
    custody_head: str | None = None
    exhibits: int = 0
    case_number: str | None = None
    exporter: str | None = None
    exported_utc: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, kind: str, file: str | None, message: str, seq: int | None = None) -> None:
        self.problems.append(Problem(kind, file, message, seq))


def _text(reader: BagReader, rel: str, report: BundleReport) -> str | None:
    if not reader.exists(rel):
        return None
    try:
        return reader.read(rel).decode("utf-8")
    except UnicodeDecodeError:
        report.add("format", rel, "is not UTF-8 text")
    except Exception as e:  # noqa: BLE001 - unreadable member of a damaged ZIP
        report.add("unreadable", rel, str(e))
    return None


def _bag_info(text: str | None) -> dict[str, str]:
    info: dict[str, str] = {}
    for line in (text or "").splitlines():
        if ":" in line and not line[:1].isspace():
            k, v = line.split(":", 1)
            info.setdefault(k.strip(), v.strip())
    return info


def verify_bundle(path: Path) -> BundleReport:
    start = time.perf_counter()
    report = BundleReport(path=str(path))
    try:
        reader = BagReader(Path(path))
    except BagReadError as e:
        report.add("format", None, str(e))
        return report
    with reader:
        report.container = reader.kind
        _verify(reader, report)
    report.seconds = time.perf_counter() - start
    return report


def _verify(reader: BagReader, report: BundleReport) -> None:
    files = reader.files()
    present = set(files)
    bagit = _text(reader, "bagit.txt", report)
    if bagit is None or "BagIt-Version:" not in bagit:
        report.add("format", "bagit.txt", "missing or not a BagIt declaration")
    info = _bag_info(_text(reader, "bag-info.txt", report))
    report.case_number = info.get("External-Identifier")
    report.signing_key_id = info.get("Workbench-Signing-Key")

    # manifests (payload) and tag manifests
    manifests: dict[str, dict[str, str]] = {}
    tagmanifests: dict[str, dict[str, str]] = {}
    for a in ALGORITHMS:
        for prefix, target in (("manifest", manifests), ("tagmanifest", tagmanifests)):
            name = f"{prefix}-{a}.txt"
            if name in present:
                entries, bad = parse_manifest(_text(reader, name, report) or "")
                for b in bad:
                    report.add("format", name, b)
                for p, d in entries.items():
                    if len(d) != HEX_LEN[a]:
                        report.add("format", name, f"{p}: not a {a} value")
                target[a] = entries
    if not manifests:
        report.add("format", None, "no payload manifest (manifest-<algorithm>.txt)")
    report.algorithms = [a for a in ALGORITHMS if a in manifests]
    payload = [f for f in files if f.startswith("data/")]
    tag_files = [f for f in files if not f.startswith("data/")]
    report.payload_files = len(payload)

    # which files need which digests: one read per file for all of them
    wanted: dict[str, set[str]] = {}
    for algos_map in (manifests, tagmanifests):
        for a, entries in algos_map.items():
            for p in entries:
                if p in present:
                    wanted.setdefault(p, set()).add(a)
    groups: dict[tuple[str, ...], list[str]] = {}
    for p, algos in wanted.items():
        groups.setdefault(tuple(a for a in ALGORITHMS if a in algos), []).append(p)
    digests: dict[str, tuple[dict[str, str] | None, int, str | None]] = {}
    for algos_t, names in groups.items():
        digests.update(digest_many(sorted(names, key=lambda n: -reader.size(n)), reader.open, algos_t))
    for p, (d, size, err) in sorted(digests.items()):
        if err:
            report.add("unreadable", p, err)
        if p.startswith("data/"):
            report.payload_bytes += size

    def check(entries_by_algo: dict[str, dict[str, str]], manifest_prefix: str) -> None:
        for a, entries in entries_by_algo.items():
            mname = f"{manifest_prefix}-{a}.txt"
            for p, expected in sorted(entries.items()):
                if p not in present:
                    report.add("missing", p, f"listed in {mname} but absent")
                    continue
                d = digests.get(p, (None, 0, None))[0]
                if d is not None and d.get(a) != expected:
                    report.add("changed", p, f"{a} differs from {mname}")

    check(manifests, "manifest")
    check(tagmanifests, "tagmanifest")
    for a, entries in manifests.items():
        for p in payload:
            if p not in entries:
                report.add("unexpected", p, f"in data/ but not listed in manifest-{a}.txt")
    if "sha256" not in tagmanifests:
        report.add("format", "tagmanifest-sha256.txt", "missing")
    listed_tags = set().union(*[set(e) for e in tagmanifests.values()]) if tagmanifests else set()
    for p in tag_files:
        if p.startswith("tagmanifest-") or p in listed_tags:
            continue
        if p == SIGNATURE:
            continue
        report.add("unexpected", p, "outside data/ and not listed in the tag manifests")
    report.tag_files = len(tag_files)
    oxum = info.get("Payload-Oxum")
    if oxum and "." in oxum:
        want_bytes, want_count = oxum.split(".", 1)
        if want_bytes != str(report.payload_bytes) or want_count != str(len(payload)):
            report.add("changed", "bag-info.txt",
                       f"Payload-Oxum {oxum} but the payload is {report.payload_bytes}.{len(payload)}")

    _verify_signature_and_custody(reader, report, present)
    manifest_sha256 = None
    if "manifest-sha256.txt" in present:
        import hashlib

        manifest_sha256 = hashlib.sha256(reader.read("manifest-sha256.txt")).hexdigest()
    hashdeep = _text(reader, "metadata/hashdeep.txt", report)
    if hashdeep is not None:
        entries_hd, bad = parse_hashdeep(hashdeep)
        for b in bad:
            report.add("hashdeep", "metadata/hashdeep.txt", b)
        for p in sorted(set(entries_hd) | set(manifests.get("sha256", {}))):
            hd = entries_hd.get(p)
            if hd is None:
                report.add("hashdeep", "metadata/hashdeep.txt", f"{p} is in the manifest but not listed")
            elif hd[2] != manifests.get("sha256", {}).get(p) or (
                "md5" in manifests and hd[1] != manifests["md5"].get(p)
            ):
                report.add("hashdeep", "metadata/hashdeep.txt", f"{p}: hashes disagree with the manifests")
    for kind, file, msg in check_items(reader, manifests, report):
        report.add(kind, file, msg)
    for kind, file, msg in check_report(reader, manifest_sha256, report):
        report.add(kind, file, msg)


def _verify_signature_and_custody(reader: BagReader, report: BundleReport, present: set[str]) -> None:
    keys: dict[str, Any] = {}
    for p in sorted(present):
        if p.startswith("metadata/examiners/") and p.endswith(".pem"):
            try:
                k = load_public_pem(reader.read(p))
            except KeyError_ as e:
                report.add("format", p, str(e))
                continue
            kid = fingerprint(k)
            if pem_file_name(kid) != p.rsplit("/", 1)[-1]:
                report.add("format", p, f"file name does not match the key's fingerprint {kid[:16]}")
            keys[kid] = k
    signer = report.signing_key_id
    if not signer:
        report.add("signature", "bag-info.txt", "no Workbench-Signing-Key: the exporting key is not named")
    elif signer not in keys:
        report.add("signature", f"metadata/examiners/{pem_file_name(signer)}", "the exporting key is missing")
    elif SIGNATURE not in present:
        report.add("signature", SIGNATURE, "missing: the tag manifest is not signed")
    elif "tagmanifest-sha256.txt" in present:
        report.fingerprint = signer
        if verify(keys[signer], reader.read(SIGNATURE), reader.read("tagmanifest-sha256.txt")):
            report.signature_ok = True
        else:
            report.add("signature", SIGNATURE, "does not verify over tagmanifest-sha256.txt")
    if "metadata/custody-log.jsonl" not in present:
        report.add("custody", "metadata/custody-log.jsonl", "missing")
        return
    case_id = None
    try:
        items_doc = json.loads(reader.read("metadata/items.json"))
        case_id = items_doc.get("case", {}).get("case_id")
        report.exhibits = len(items_doc.get("exhibits") or [])
        report.exporter = (items_doc.get("exporter") or {}).get("name")
        report.exported_utc = items_doc.get("exported_utc")
        claimed_head = (items_doc.get("custody") or {}).get("head")
    except Exception:  # noqa: BLE001 - reported by check_items
        claimed_head = None
    text = reader.read("metadata/custody-log.jsonl").decode("utf-8", "replace")
    problems, n_full, n_stub, head = custody_lines.verify_lines(text, case_id, keys)
    for p in problems:
        report.add("custody", "metadata/custody-log.jsonl", f"line {p.line}: {p.problem}", p.seq)
    report.custody_full, report.custody_stubs, report.custody_head = n_full, n_stub, head
    report.custody_events = n_full + n_stub
    if claimed_head and head != claimed_head:
        report.add("custody", "metadata/items.json", "the chain head differs from the custody log's last hash")


def to_json(report: BundleReport) -> str:
    d = asdict(report)
    d["ok"] = report.ok
    return json.dumps(d, indent=1, ensure_ascii=False)


def render_summary(report: BundleReport) -> str:
    from exporters.verify_summary import render

    return render(report)
