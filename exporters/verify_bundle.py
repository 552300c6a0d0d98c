"""Verify a bundle (folder or ZIP, read in place): every manifest both ways, the tag manifests, the
examiner's signature, the custody chain and its signatures, and that items.json, hashdeep.txt and the
report's hash table agree with the manifests. Every problem is collected (house rule 9).

Speed: each file is read once for all its digests by a thread pool sized to the CPU count (hashlib
releases the GIL); a large file has its digests split across cores, so it costs its slowest digest, not
their sum. While the files are hashed, this thread checks the signature, the custody chain (one Ed25519
verification per event), items.json and the report (PyMuPDF, imported only then, reads pages only until the
cover and the exhibit index have shown everything) in a child process that runs meanwhile.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from exporters.bagreader import BagReader, BagReadError
from exporters.manifests import (
    ALGORITHMS,
    HEX_LEN,
    digest_files,
    parse_hashdeep,
    parse_manifest,
    text_lines,
    workers,
)
from exporters.verify_chain import SIGNATURE, check_custody, check_signature, load_keys
from exporters.verify_content import check_items, load_items, start_report_check


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
        return reader.read(rel, keep=True).decode("utf-8")
    except UnicodeDecodeError:
        report.add("format", rel, "is not UTF-8 text")
    except Exception as e:  # noqa: BLE001 - unreadable member of a damaged ZIP
        report.add("unreadable", rel, str(e))
    return None


def _bag_info(text: str | None) -> dict[str, str]:
    info: dict[str, str] = {}
    for line in text_lines(text or ""):
        if ":" in line and not line[:1].isspace():
            k, v = line.split(":", 1)
            info.setdefault(k.strip(), v.strip())
    return info


def verify_bundle(path: Path) -> BundleReport:
    """Verify a bundle; every problem found is in the report's ``problems``.

    While it runs, the cyclic garbage collector is paused (parsing a large items.json and custody log makes
    millions of objects, none of them cyclic garbage; the collector's passes over them cost as much as the
    parsing) and the interpreter's thread switch interval is shortened, so that the hashing and signature
    threads, which need the GIL only between their long GIL-free calls, get it back at once from the thread
    that parses."""
    start = time.perf_counter()
    report = BundleReport(path=str(path))
    try:
        reader = BagReader(Path(path))
    except BagReadError as e:
        report.add("format", None, str(e))
        return report
    gc_was_on, interval = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        with reader:
            report.container = reader.kind
            try:
                _verify(reader, report)
            except BagReadError as e:  # a damaged member no check expected: reported, never a crash
                report.add("unreadable", e.member, str(e))
    finally:
        sys.setswitchinterval(interval)
        if gc_was_on:
            gc.enable()
    report.seconds = time.perf_counter() - start
    return report


SWITCH_INTERVAL = 0.0005  # seconds (CPython's default: 0.005)
PRELOAD_MAX = 256 << 20  # tag files that are parsed are read once, whole, when no larger than this
PARSED = ("metadata/items.json", "metadata/custody-log.jsonl", "metadata/hashdeep.txt", "metadata/report.pdf",
          SIGNATURE)


def _size(reader: BagReader, rel: str) -> int:
    try:
        return reader.size(rel)
    except OSError:
        return 0


def _preload(reader: BagReader, present: set[str]) -> None:
    """Read the tag files that are parsed, once: they are hashed from the same bytes."""
    for rel in [*PARSED, *sorted(p for p in present if p.startswith("metadata/examiners/"))]:
        if rel in present:
            try:
                if reader.size(rel) <= PRELOAD_MAX:
                    reader.read(rel, keep=True)
            except (BagReadError, OSError, KeyError):  # reported by the check that reads it
                pass


def _read_manifests(reader: BagReader, report: BundleReport, present: set[str]
                    ) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
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
    return manifests, tagmanifests


def _verify(reader: BagReader, report: BundleReport) -> None:
    """Hashing runs on background threads (hashlib releases the GIL) while this thread checks the
    signature, the custody chain, items.json, hashdeep.txt and the report, which hold the GIL. The payload
    is hashed from the start, with every algorithm that has a payload manifest (the bulk of the work, so it
    does not wait for the manifests to be parsed); the tag files once the tag manifests say what they need."""
    files = reader.files()
    present = set(files)
    payload = [f for f in files if f.startswith("data/")]
    tag_files = [f for f in files if not f.startswith("data/")]
    payload_algos = tuple(a for a in ALGORITHMS if f"manifest-{a}.txt" in present)
    with ThreadPoolExecutor(max_workers=workers()) as pool, ThreadPoolExecutor(max_workers=3) as helper:
        futures = digest_files([(p, payload_algos, _size(reader, p)) for p in payload] if payload_algos else [],
                               reader.open, pool=pool, helper=helper)
        bagit = _text(reader, "bagit.txt", report)
        if bagit is None or "BagIt-Version:" not in bagit:
            report.add("format", "bagit.txt", "missing or not a BagIt declaration")
        info = _bag_info(_text(reader, "bag-info.txt", report))
        report.case_number = info.get("External-Identifier")
        report.signing_key_id = info.get("Workbench-Signing-Key")
        manifests, tagmanifests = _read_manifests(reader, report, present)
        if not manifests:
            report.add("format", None, "no payload manifest (manifest-<algorithm>.txt)")
        report.algorithms = [a for a in ALGORITHMS if a in manifests]
        report.payload_files = len(payload)
        # the tag files listed in a tag manifest; and a file listed with an algorithm it was not hashed with
        # above (a payload file in a tag manifest, a tag file in a payload manifest): hashed again with all
        wanted: dict[str, set[str]] = {}
        for algos_map in (manifests, tagmanifests):
            for a, entries in algos_map.items():
                for p in entries:
                    if p in present and (a not in payload_algos or not p.startswith("data/")):
                        wanted.setdefault(p, set(payload_algos) if p.startswith("data/") else set()).add(a)
        _preload(reader, present)
        futures += digest_files([(p, tuple(algos), _size(reader, p)) for p, algos in wanted.items()], reader.open,
                                pool=pool, helper=helper, preloaded=reader.cache)
        _verify_content(reader, report, present, manifests)
        digests = {name: d for f in futures for name, d in f.result()}

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
    if "sha256" not in tagmanifests and "sha256" not in manifests:
        report.add("format", "tagmanifest-sha256.txt", "missing")
    for a in manifests:
        if a not in tagmanifests:
            report.add("missing", f"tagmanifest-{a}.txt",
                       f"the bundle has manifest-{a}.txt but no tagmanifest-{a}.txt to go with it")
    listed_tags = set().union(*[set(e) for e in tagmanifests.values()]) if tagmanifests else set()
    for p in tag_files:
        if p.startswith("tagmanifest-") or p in listed_tags or p == SIGNATURE:
            continue
        report.add("unexpected", p, "outside data/ and not listed in the tag manifests")
    report.tag_files = len(tag_files)
    oxum = info.get("Payload-Oxum")
    if oxum and "." in oxum:
        want_bytes, want_count = oxum.split(".", 1)
        if want_bytes != str(report.payload_bytes) or want_count != str(len(payload)):
            report.add("changed", "bag-info.txt",
                       f"Payload-Oxum {oxum} but the payload is {report.payload_bytes}.{len(payload)}")


def _verify_content(reader: BagReader, report: BundleReport, present: set[str],
                    manifests: dict[str, dict[str, str]]) -> None:
    items_doc, items_why = load_items(reader)
    if items_doc is not None:
        ex = items_doc.get("exhibits")
        report.exhibits = len(ex) if isinstance(ex, list) else 0
        exporter = items_doc.get("exporter")
        report.exporter = exporter.get("name") if isinstance(exporter, dict) else None
        report.exported_utc = items_doc.get("exported_utc")
    manifest_sha256 = None
    if "manifest-sha256.txt" in present:
        try:
            manifest_sha256 = hashlib.sha256(reader.read("manifest-sha256.txt")).hexdigest()
        except BagReadError:  # reported with the manifests
            pass
    report_problems = start_report_check(reader, manifest_sha256, items_doc)  # a child process, meanwhile:
    keys = load_keys(reader, report, present)
    check_signature(reader, report, present, keys)
    check_custody(reader, report, present, keys, items_doc)
    hashdeep = _text(reader, "metadata/hashdeep.txt", report)
    if hashdeep is not None:
        entries_hd, bad = parse_hashdeep(hashdeep)
        for b in bad:
            report.add("hashdeep", "metadata/hashdeep.txt", b)
        sha_m, md5_m = manifests.get("sha256", {}), manifests.get("md5")
        for p in sorted(set(entries_hd) | set(sha_m)):
            hd = entries_hd.get(p)
            if hd is None:
                report.add("hashdeep", "metadata/hashdeep.txt", f"{p} is in the manifest but not listed")
            elif hd[2] != sha_m.get(p) or (md5_m is not None and hd[1] != md5_m.get(p)):
                report.add("hashdeep", "metadata/hashdeep.txt", f"{p}: hashes disagree with the manifests")
    for kind, file, msg in check_items(reader, items_doc, items_why, manifests, report):
        report.add(kind, file, msg)
    for kind, file, msg in report_problems():
        report.add(kind, file, msg)


def to_json(report: BundleReport) -> str:
    d = asdict(report)
    d["ok"] = report.ok
    return json.dumps(d, indent=1, ensure_ascii=False)


def render_summary(report: BundleReport) -> str:
    from exporters.verify_summary import render

    return render(report)
