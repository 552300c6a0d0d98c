"""Custody log lines of a bundle: full events for the exported exhibits, stubs for everything else.

A full line is ``{"event": {...}, "hash": "...", "signature": "..."}`` exactly as in the case. Every other
event of the case becomes a stub ``{"seq", "hash", "prev_hash", "signature", "key_id"}``: its link and its
signature still verify (the signature is over the 32 hash bytes), so the whole chain from seq 1 to the head
holds, while nothing about other exhibits, witnesses or case-level actions leaks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from exporters.manifests import text_lines
from exporters.signing import verify_many
from workbench.custody import EVENT_KEYS, event_hash, genesis_hash

if TYPE_CHECKING:
    from exporters.source import CustodyEntry

STUB_KEYS = ("hash", "key_id", "prev_hash", "seq", "signature")


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass
class CustodySelection:
    lines: list[dict]  # in seq order
    full_seqs: list[int]
    withheld: dict[int, str]  # seq -> why an event of an exported exhibit was stubbed
    key_ids: set[str]  # every key that signed a line (full or stub)
    examiners: set[str]  # names of the examiners of the full events
    head: str | None


def select(
    custody: Iterable[CustodyEntry], exported: set[str], *, withhold_strings: Iterable[str] = ()
) -> CustodySelection:
    """Split the chain into full lines (events of exported exhibits) and stubs (the rest)."""
    secret = [s for s in withhold_strings if s]
    lines: list[dict] = []
    full: list[int] = []
    withheld: dict[int, str] = {}
    keys: set[str] = set()
    names: set[str] = set()
    head = None
    for entry in custody:
        ev = entry.event
        seq = int(ev["seq"])
        keys.add(str(ev["key_id"]))
        head = entry.hash
        is_full = ev.get("exhibit") in exported
        if is_full and secret:
            text = dumps(ev)
            if any(s in text for s in secret):
                is_full = False
                withheld[seq] = "records a local source path, withheld because paths were redacted"
        if is_full:
            lines.append({"event": ev, "hash": entry.hash, "signature": entry.signature})
            full.append(seq)
            names.add(str(ev.get("examiner")))
        else:
            lines.append(
                {
                    "seq": seq,
                    "hash": entry.hash,
                    "prev_hash": ev["prev_hash"],
                    "signature": entry.signature,
                    "key_id": ev["key_id"],
                }
            )
    return CustodySelection(lines, full, withheld, keys, names, head)


def to_jsonl(lines: Iterable[Mapping[str, Any]]) -> bytes:
    return b"".join(jsonl_chunks(lines))


def jsonl_chunks(lines: Iterable[Mapping[str, Any]], per_chunk: int = 500) -> Iterator[bytes]:
    """The custody log's bytes, ``per_chunk`` lines at a time (written as made, never held whole)."""
    part: list[str] = []
    for line in lines:
        part.append(dumps(line) + "\n")
        if len(part) >= per_chunk:
            yield "".join(part).encode("utf-8")
            part = []
    if part:
        yield "".join(part).encode("utf-8")


@dataclass(frozen=True)
class CustodyProblem:
    seq: int | None
    line: int
    problem: str

    def __str__(self) -> str:
        where = f"custody seq {self.seq}" if self.seq is not None else f"custody line {self.line}"
        return f"{where}: {self.problem}"


def hash_matches(event: dict, expected: Any) -> bool:
    """Whether the event's canonical (RFC 8785) hash is ``expected``.

    Fast path: ``json.dumps`` with sorted keys (C-accelerated) gives the canonical bytes for every event
    the workbench writes (no floats, ASCII keys; see :mod:`workbench.custody`), about 15 times faster
    than the pure-Python RFC 8785 encoder. A match is proof: both texts would be one and the same JSON
    text, so the event read is the event that was hashed. Only when they differ does the exact RFC 8785
    encoding decide, so an event that JSON-serialises differently under the two rules is never rejected
    wrongly and never accepted wrongly.
    """
    if not isinstance(expected, str):
        return False
    try:
        text = json.dumps(event, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == expected:
            return True
    except (TypeError, ValueError, UnicodeEncodeError):
        pass
    try:
        return event_hash(event) == expected
    except Exception:  # noqa: BLE001 - e.g. floats or invalid values: reported as a changed event
        return False


def _line_hash_matches(raw: str, h: Any, signature: Any) -> bool:
    """Whether a full line is exactly ``{"event":E,"hash":"h","signature":"s"}`` (as :func:`dumps` writes
    it) with SHA-256(E) = h: then E is the event's canonical text, hashed as it stands instead of parsed
    and serialised again (:func:`hash_matches`, which decides every other line). The whole line is
    compared with that one layout, so a line with a second "event" member, or anything else besides,
    never takes this path; and E hashing to h means E is the very text that was hashed (a single JSON
    object), so the event parsed from the line is the event that was signed."""
    if not (isinstance(h, str) and isinstance(signature, str)):
        return False
    tail = f',"hash":"{h}","signature":"{signature}"}}'
    if not (raw.startswith('{"event":{') and raw.endswith(tail)):
        return False
    event = raw[9:len(raw) - len(tail)]
    try:
        return hashlib.sha256(event.encode("utf-8")).hexdigest() == h
    except UnicodeEncodeError:
        return False


def verify_lines(
    text: str, case_id: str | None, keys: Mapping[str, Ed25519PublicKey]
) -> tuple[list[CustodyProblem], int, int, str | None]:
    """Check every line: hashes of full events, links, order and signatures of all lines.

    Returns ``(problems, full_count, stub_count, head)``.
    """
    problems: list[CustodyProblem] = []
    prev = genesis_hash(case_id) if case_id else None
    expected = 1
    n_full = n_stub = 0
    head = None
    signed: list[tuple[Ed25519PublicKey, bytes, bytes]] = []  # verified together at the end, on every core
    where: list[tuple[Any, int]] = []
    for n, raw in enumerate(text_lines(text), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except ValueError:
            problems.append(CustodyProblem(None, n, "is not valid JSON"))
            prev = None
            expected += 1
            continue
        if not isinstance(obj, dict):
            problems.append(CustodyProblem(None, n, "is not a JSON object"))
            continue
        if "event" in obj:
            n_full += 1
            ev = obj.get("event")
            if not isinstance(ev, dict):
                problems.append(CustodyProblem(None, n, "event is not an object"))
                continue
            seq, link, kid, h = ev.get("seq"), ev.get("prev_hash"), ev.get("key_id"), obj.get("hash")
            if sorted(ev) != sorted(EVENT_KEYS):
                problems.append(CustodyProblem(seq, n, "event has unexpected or missing members"))
            if case_id and ev.get("case_id") != case_id:
                problems.append(CustodyProblem(seq, n, f"belongs to another case ({ev.get('case_id')})"))
            if not (_line_hash_matches(raw, h, obj.get("signature")) or hash_matches(ev, h)):
                problems.append(CustodyProblem(seq, n, "content changed: its hash does not match"))
        else:
            n_stub += 1
            if sorted(obj) != sorted(STUB_KEYS):
                problems.append(CustodyProblem(obj.get("seq"), n, "stub has unexpected or missing members"))
            seq, link, kid, h = obj.get("seq"), obj.get("prev_hash"), obj.get("key_id"), obj.get("hash")
        if seq != expected:
            problems.append(CustodyProblem(seq, n, f"out of order: expected seq {expected}"))
        if prev is not None and link != prev:
            problems.append(CustodyProblem(seq, n, "broken link: prev_hash does not match the previous line"))
        key = keys.get(str(kid))
        if key is None:
            problems.append(CustodyProblem(seq, n, f"signed by key {str(kid)[:16]} which is not in the bundle"))
        else:
            try:
                signed.append((key, bytes.fromhex(str(obj.get("signature"))), bytes.fromhex(str(h))))
                where.append((seq, n))
            except ValueError:
                problems.append(CustodyProblem(seq, n, "signature does not verify"))
        prev = h if isinstance(h, str) else None
        head = prev
        expected = (seq if isinstance(seq, int) else expected) + 1
    for (seq, n), ok in zip(where, verify_many(signed)):
        if not ok:
            problems.append(CustodyProblem(seq, n, "signature does not verify"))
    problems.sort(key=lambda p: p.line)  # stable: a line's problems keep their order
    return problems, n_full, n_stub, head
