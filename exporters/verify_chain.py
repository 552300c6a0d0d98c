"""verify-bundle, part two: the examiners' keys, the signature over the tag manifest, and the custody chain
with every one of its signatures."""

from __future__ import annotations

from typing import Any

from exporters import custody_lines
from exporters.bagreader import BagReader, BagReadError
from exporters.signing import KeyError_, fingerprint, load_public_pem, pem_file_name, verify

SIGNATURE = "tagmanifest-sha256.txt.sig"
CUSTODY = "metadata/custody-log.jsonl"


def load_keys(reader: BagReader, report: Any, present: set[str]) -> dict[str, Any]:
    """Every examiner key under metadata/examiners/, by fingerprint; a file named after another key is a
    problem (a swapped key would otherwise sit under a trusted name)."""
    keys: dict[str, Any] = {}
    for p in sorted(present):
        if p.startswith("metadata/examiners/") and p.endswith(".pem"):
            try:
                k = load_public_pem(reader.read(p))
            except KeyError_ as e:
                report.add("format", p, str(e))
                continue
            except BagReadError as e:
                report.add("unreadable", p, str(e))
                continue
            kid = fingerprint(k)
            if pem_file_name(kid) != p.rsplit("/", 1)[-1]:
                report.add("format", p, f"file name does not match the key's fingerprint {kid[:16]}")
            keys[kid] = k
    return keys


def check_signature(reader: BagReader, report: Any, present: set[str], keys: dict[str, Any]) -> None:
    signer = report.signing_key_id
    if not signer:
        report.add("signature", "bag-info.txt", "no Workbench-Signing-Key: the exporting key is not named")
    elif signer not in keys:
        report.add("signature", f"metadata/examiners/{pem_file_name(signer)}", "the exporting key is missing")
    elif SIGNATURE not in present:
        report.add("signature", SIGNATURE, "missing: the tag manifest is not signed")
    elif "tagmanifest-sha256.txt" in present:
        report.fingerprint = signer
        try:
            ok = verify(keys[signer], reader.read(SIGNATURE), reader.read("tagmanifest-sha256.txt"))
        except BagReadError as e:
            report.add("unreadable", e.member, str(e))
            return
        if ok:
            report.signature_ok = True
        else:
            report.add("signature", SIGNATURE, "does not verify over tagmanifest-sha256.txt")


def check_custody(reader: BagReader, report: Any, present: set[str], keys: dict[str, Any],
                  items_doc: dict | None) -> None:
    if CUSTODY not in present:
        report.add("custody", CUSTODY, "missing")
        return
    doc = items_doc if isinstance(items_doc, dict) else {}
    case = doc.get("case") if isinstance(doc.get("case"), dict) else {}
    case_id = case.get("case_id") if isinstance(case.get("case_id"), str) else None
    custody = doc.get("custody") if isinstance(doc.get("custody"), dict) else {}
    claimed_head = custody.get("head")
    try:
        text = reader.read(CUSTODY).decode("utf-8", "replace")
    except BagReadError as e:  # a damaged ZIP member is a finding
        report.add("unreadable", CUSTODY, str(e))
        return
    problems, n_full, n_stub, head = custody_lines.verify_lines(text, case_id, keys)
    for p in problems:
        report.add("custody", CUSTODY, f"line {p.line}: {p.problem}", p.seq)
    report.custody_full, report.custody_stubs, report.custody_head = n_full, n_stub, head
    report.custody_events = n_full + n_stub
    if claimed_head and head != claimed_head:
        report.add("custody", "metadata/items.json", "the chain head differs from the custody log's last hash")
