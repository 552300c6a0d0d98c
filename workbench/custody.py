"""The custody log: append-only, hash-chained, signed events.

Byte layout, for an auditor who wants to recompute it without this application
-------------------------------------------------------------------------------
An event is a JSON object with exactly these members::

    {"case_id": "<uuid4, lower case>",
     "seq": 1,                              # 1, 2, 3, ... without gaps
     "time": "2026-11-23T09:30:00.123456Z", # UTC, microseconds, always 27 characters
     "examiner": "<examiner name>",
     "key_id": "<fingerprint of the examiner's Ed25519 public key, see below>",
     "action": "acquired",                 # case-created, acquired, viewed, extracted, exported, ...
     "exhibit": "EX-000001" or null,
     "details": {...},                     # strings, integers, booleans, null, lists, objects; no floats
     "prev_hash": "<64 hex>"}

1. ``canonical = JCS(event)``: RFC 8785 canonical JSON, UTF-8. Because details hold no floats and all keys
   are ASCII, this equals Python's ``json.dumps(event, sort_keys=True, separators=(",", ":"),
   ensure_ascii=False).encode("utf-8")``; ``metadata/verify.py`` in a bundle relies on that.
2. ``hash = SHA-256(canonical)``, written as 64 lower-case hex digits.
3. ``signature = Ed25519_sign(examiner_key, bytes.fromhex(hash))`` (the 32 raw digest bytes), written as
   128 lower-case hex digits.
4. ``prev_hash`` of seq 1 is ``SHA-256("evidence-workbench custody genesis " + case_id)`` in hex, so that
   an event copied in from another case cannot sit at the head of this one; every later ``prev_hash`` is
   the previous event's ``hash``.
5. ``key_id`` is SHA-256 of the raw 32-byte Ed25519 public key, in hex. An examiner's public key is in the
   case (and in a bundle under ``metadata/examiners/<key_id[:16]>.pem``).

The chain head (the last hash) is what reports print.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ACTIONS = frozenset(
    {
        "case-created",
        "examiner-added",
        "acquired",
        "viewed",
        "extracted",
        "metadata-extracted",
        "reextracted",
        "exported",
        "annotated",
        "tagged",
        "marked-sensitive",
        "sensitive-viewed",
        "verified",
        "passphrase-changed",
        "recovery-key-exported",
        "intake-rolled-back",
        "retracted",
        "backup-made",
        "restored",
        "receipt-issued",
        "opened",
        "password-supplied",
    }
)

EVENT_KEYS = ("case_id", "seq", "time", "examiner", "key_id", "action", "exhibit", "details", "prev_hash")


def genesis_hash(case_id: str) -> str:
    return hashlib.sha256(f"evidence-workbench custody genesis {case_id}".encode()).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def key_id(public_key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def _check_no_floats(value: Any, path: str = "details") -> None:
    if isinstance(value, float):
        raise ValueError(f"{path}: floats are not allowed in custody events (write them as strings)")
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{path}: keys must be strings")
            _check_no_floats(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check_no_floats(v, f"{path}[{i}]")


def canonical(event: Mapping[str, Any]) -> bytes:
    return rfc8785.dumps(dict(event))


def event_hash(event: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class SignedEvent:
    event: dict[str, Any]
    hash: str
    signature: str

    @property
    def seq(self) -> int:
        return int(self.event["seq"])

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "hash": self.hash, "signature": self.signature}


def make_event(
    *,
    case_id: str,
    seq: int,
    examiner: str,
    key: Ed25519PrivateKey,
    action: str,
    exhibit: str | None,
    details: Mapping[str, Any] | None,
    prev_hash: str,
    time: str | None = None,
) -> SignedEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")
    details = dict(details or {})
    _check_no_floats(details)
    event = {
        "case_id": case_id,
        "seq": seq,
        "time": time or utc_now(),
        "examiner": examiner,
        "key_id": key_id(key.public_key()),
        "action": action,
        "exhibit": exhibit,
        "details": details,
        "prev_hash": prev_hash,
    }
    h = event_hash(event)
    sig = key.sign(bytes.fromhex(h)).hex()
    return SignedEvent(event, h, sig)


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    problem: str

    def __str__(self) -> str:
        return f"custody seq {self.seq}: {self.problem}" if self.seq is not None else self.problem


def verify_chain(
    case_id: str,
    events: Iterable[SignedEvent],
    public_keys: Mapping[str, Ed25519PublicKey],
) -> list[ChainProblem]:
    """Recompute every hash and link and check every signature. Returns every problem found."""
    problems: list[ChainProblem] = []
    prev = genesis_hash(case_id)
    expected_seq = 1
    for ev in events:
        e = ev.event
        seq = e.get("seq")
        if sorted(e) != sorted(EVENT_KEYS):
            problems.append(ChainProblem(seq, "event has unexpected or missing members"))
        if e.get("case_id") != case_id:
            problems.append(ChainProblem(seq, f"belongs to another case ({e.get('case_id')})"))
        if seq != expected_seq:
            problems.append(ChainProblem(seq, f"out of order: expected seq {expected_seq}"))
        if e.get("prev_hash") != prev:
            problems.append(ChainProblem(seq, "broken link: prev_hash does not match the previous event"))
        recomputed = event_hash(e)
        if recomputed != ev.hash:
            problems.append(ChainProblem(seq, "content changed: its hash does not match"))
        pk = public_keys.get(str(e.get("key_id")))
        if pk is None:
            problems.append(ChainProblem(seq, "signed by a key that is not an examiner of this case"))
        else:
            try:
                pk.verify(bytes.fromhex(ev.signature), bytes.fromhex(ev.hash))
            except (InvalidSignature, ValueError):
                problems.append(ChainProblem(seq, "signature does not verify"))
        prev = ev.hash
        expected_seq = (seq if isinstance(seq, int) else expected_seq) + 1
    return problems


def dumps_line(ev: SignedEvent) -> str:
    return json.dumps(ev.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
