"""The custody log check of verify-bundle: the hash of an untouched line is taken from its text as written
(no parse and re-serialise), and no line that differs from that one layout can pass that way."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exporters.custody_lines import dumps, verify_lines
from workbench.custody import genesis_hash, key_id, make_event

CASE = "6f1c1f57-0000-4000-8000-000000000001"


def _chain(n: int = 3) -> tuple[list[str], dict]:
    key = Ed25519PrivateKey.generate()
    prev, lines = genesis_hash(CASE), []
    for seq in range(1, n + 1):
        ev = make_event(case_id=CASE, seq=seq, examiner="Ana", key=key, action="acquired", exhibit=f"EX-{seq:06d}",
                        details={"name": f"scan\u2028{seq}.jpg", "nested": {"hash": "x", "a": {}}}, prev_hash=prev)
        lines.append(dumps({"event": ev.event, "hash": ev.hash, "signature": ev.signature}))
        prev = ev.hash
    return lines, {key_id(key.public_key()): key.public_key()}


def test_untouched_chain_verifies() -> None:
    lines, keys = _chain()
    problems, full, stubs, head = verify_lines("\n".join(lines) + "\n", CASE, keys)
    assert problems == [] and (full, stubs) == (3, 0) and head is not None


def test_second_event_member_after_the_hash_is_caught() -> None:
    """``{"event":E,"hash":h,"event":EVIL,"signature":s}``: E still hashes to h, but a JSON parser keeps EVIL."""
    lines, keys = _chain()
    evil = lines[1].replace('"action":"acquired"', '"action":"retracted"')
    head, _, tail = lines[1].rpartition(',"signature":')
    evil_event = evil[len('{"event":'):evil.rindex(',"hash":')]
    lines[1] = f'{head},"event":{evil_event},"signature":{tail}'
    problems, *_ = verify_lines("\n".join(lines), CASE, keys)
    assert [(p.line, p.problem) for p in problems] == [(2, "content changed: its hash does not match")]


def test_reformatted_but_equal_line_still_verifies() -> None:
    """Spaces added by another tool change the text but not the event: decided by the canonical hash."""
    lines, keys = _chain()
    lines[0] = lines[0].replace('{"event":{', '{ "event" : {', 1).replace(',"hash":', ', "hash": ')
    problems, *_ = verify_lines("\n".join(lines), CASE, keys)
    assert problems == []


def test_edited_detail_is_caught() -> None:
    lines, keys = _chain()
    lines[2] = lines[2].replace("scan", "scam", 1)
    problems, *_ = verify_lines("\n".join(lines), CASE, keys)
    assert [(p.line, p.problem) for p in problems] == [(3, "content changed: its hash does not match")]
