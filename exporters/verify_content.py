"""Content checks of verify-bundle: items.json and the report's hash table against the manifests."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from exporters.bagreader import BagReader

ITEMS = "metadata/items.json"
REPORT = "metadata/report.pdf"


def check_items(reader: BagReader, manifests: dict[str, dict[str, str]], report: Any) -> Iterator[tuple]:
    if not reader.exists(ITEMS):
        yield ("items", ITEMS, "missing")
        return
    try:
        doc = json.loads(reader.read(ITEMS))
    except ValueError as e:
        yield ("items", ITEMS, f"is not valid JSON: {e}")
        return
    exhibits = doc.get("exhibits") if isinstance(doc, dict) else None
    if not isinstance(exhibits, list):
        yield ("items", ITEMS, "has no list of exhibits")
        return
    if report.signing_key_id and doc.get("signing_key") != report.signing_key_id:
        yield ("items", ITEMS, "names another signing key than bag-info.txt")
    described: set[str] = set()
    for e in exhibits:
        if not isinstance(e, dict):
            yield ("items", ITEMS, "an exhibit entry is not an object")
            continue
        ex, path = e.get("exhibit"), e.get("path")
        described.add(str(path))
        for a, listed in manifests.items():
            if path not in listed:
                yield ("items", ITEMS, f"{ex}: {path} is not in manifest-{a}.txt")
                continue
            recorded = (e.get("hashes") or {}).get(a)
            if recorded is not None and recorded.lower() != listed[path]:
                yield ("items", ITEMS, f"{ex}: its {a} differs from manifest-{a}.txt")
        if e.get("messages") and not reader.exists(str(e["messages"])):
            yield ("items", ITEMS, f"{ex}: its messages file {e['messages']} is missing")
    for p in sorted(set(manifests.get("sha256", {})) - described):
        yield ("items", ITEMS, f"payload file {p} is not described")


def report_text(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def check_report(reader: BagReader, manifest_sha256: str | None, report: Any) -> Iterator[tuple]:
    if not reader.exists(REPORT):
        yield ("report", REPORT, "missing")
        return
    try:
        text = report_text(reader.read(REPORT))
    except Exception as e:  # noqa: BLE001 - a damaged PDF is a finding, not a crash
        yield ("report", REPORT, f"cannot be read as a PDF: {e}")
        return
    flat = re.sub(r"\s+", "", text).lower()
    try:
        doc = json.loads(reader.read(ITEMS)) if reader.exists(ITEMS) else {}
    except ValueError:
        doc = {}
    for e in doc.get("exhibits") or []:
        if not isinstance(e, dict):
            continue
        sha = str((e.get("hashes") or {}).get("sha256") or "").lower()
        ex = str(e.get("exhibit"))
        if not sha:
            continue
        if f"{ex.lower()}" not in flat:
            yield ("report", REPORT, f"{ex} is not in the report")
        elif sha not in flat:
            yield ("report", REPORT, f"{ex}: its SHA-256 {sha[:16]}... is not in the report's hash table")
    if manifest_sha256 and manifest_sha256 not in flat:
        yield ("report", REPORT, "the SHA-256 of manifest-sha256.txt printed on the cover does not match")
