"""Content checks of verify-bundle: items.json and the report's hash table against the manifests."""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator

from exporters import report_check
from exporters.bagreader import BagReader

ITEMS = "metadata/items.json"
REPORT = "metadata/report.pdf"


def load_items(reader: BagReader) -> tuple[dict | None, str | None]:
    """items.json parsed once for every check: ``(document or None, why not)``."""
    if not reader.exists(ITEMS):
        return None, "missing"
    try:
        doc = json.loads(reader.read(ITEMS))
    except ValueError as e:
        return None, f"is not valid JSON: {e}"
    except Exception as e:  # noqa: BLE001 - a damaged ZIP member is a finding
        return None, f"cannot be read: {e}"
    if not isinstance(doc, dict):
        return None, "is not a JSON object"
    return doc, None


def check_items(reader: BagReader, doc: dict | None, why: str | None, manifests: dict[str, dict[str, str]],
                report: Any) -> Iterator[tuple]:
    if doc is None:
        yield ("items", ITEMS, why or "missing")
        return
    exhibits = doc.get("exhibits")
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
        hashes = e.get("hashes") if isinstance(e.get("hashes"), dict) else {}
        for a, listed in manifests.items():
            if path not in listed:
                yield ("items", ITEMS, f"{ex}: {path} is not in manifest-{a}.txt")
                continue
            recorded = hashes.get(a)
            if recorded is not None and str(recorded).lower() != listed[path]:
                yield ("items", ITEMS, f"{ex}: its {a} differs from manifest-{a}.txt")
        if e.get("messages") and not reader.exists(str(e["messages"])):
            yield ("items", ITEMS, f"{ex}: its messages file {e['messages']} is missing")
    for p in sorted(set(manifests.get("sha256", {})) - described):
        yield ("items", ITEMS, f"payload file {p} is not described")


def _exhibits(doc: dict | None) -> list[dict]:
    ex = (doc or {}).get("exhibits")
    return [e for e in ex if isinstance(e, dict)] if isinstance(ex, list) else []


def _wanted(doc: dict | None) -> dict[str, str]:
    """``{exhibit id (lower case): sha256}`` the report must show."""
    out: dict[str, str] = {}
    for e in _exhibits(doc):
        hashes = e.get("hashes")
        sha = str(hashes.get("sha256") or "").lower() if isinstance(hashes, dict) else ""
        if sha:
                out[str(e.get("exhibit")).lower()] = sha
    return out


def report_text(data: bytes) -> str:
    """The whole text of a report, page after page (for tests and tools)."""
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def start_report_check(reader: BagReader, manifest_sha256: str | None, doc: dict | None
                       ) -> Callable[[], list[tuple]]:
    """Start checking that the report shows every exhibit's id and SHA-256 and, on its cover, the SHA-256 of
    manifest-sha256.txt (in a child process: :mod:`exporters.report_check`); returns a function that waits
    and gives the problems found."""
    if not reader.exists(REPORT):
        return lambda: [("report", REPORT, "missing")]
    try:
        data = reader.read(REPORT)
    except Exception as e:  # noqa: BLE001 - a damaged ZIP member is a finding
        why = str(e)
        return lambda: [("unreadable", REPORT, why)]
    wanted = _wanted(doc)
    wait = report_check.start(data, wanted, manifest_sha256)

    def problems() -> list[tuple]:
        answer = wait()
        if answer.get("error"):
            return [("report", REPORT, str(answer["error"]))]
        ids_left, shas_left = set(answer["ids_left"]), set(answer["shas_left"])
        names = {str(e.get("exhibit")).lower(): str(e.get("exhibit")) for e in _exhibits(doc)}
        out: list[tuple] = []
        for ex_l, sha in wanted.items():
            if ex_l in ids_left:
                out.append(("report", REPORT, f"{names.get(ex_l, ex_l)} is not in the report"))
            elif sha in shas_left:
                out.append(("report", REPORT, (f"{names.get(ex_l, ex_l)}: its SHA-256 {sha[:16]}... is not in the "
                                               "report's hash table")))
        if manifest_sha256 and manifest_sha256 in shas_left:
            out.append(("report", REPORT, "the SHA-256 of manifest-sha256.txt printed on the cover does not match"))
        return out

    return problems


def check_report(reader: BagReader, manifest_sha256: str | None, doc: dict | None) -> Iterator[tuple]:
    yield from start_report_check(reader, manifest_sha256, doc)()
