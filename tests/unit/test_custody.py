import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from workbench import custody


def _chain(case_id, key, n=3):
    evs, prev = [], custody.genesis_hash(case_id)
    for i in range(1, n + 1):
        e = custody.make_event(case_id=case_id, seq=i, examiner="Ana", key=key, action="acquired",
                               exhibit=f"EX-{i:06d}", details={"n": i, "name": "عقد"}, prev_hash=prev)
        evs.append(e)
        prev = e.hash
    return evs


def test_hash_is_sha256_of_jcs_and_equals_compact_sorted_json():
    import hashlib

    k = Ed25519PrivateKey.generate()
    e = _chain("c1", k, 1)[0]
    compact = json.dumps(e.event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert custody.canonical(e.event) == compact
    assert e.hash == hashlib.sha256(compact).hexdigest()
    # the signature is over the 32 raw digest bytes
    k.public_key().verify(bytes.fromhex(e.signature), bytes.fromhex(e.hash))


def test_verify_chain_names_each_kind_of_damage():
    k = Ed25519PrivateKey.generate()
    keys = {custody.key_id(k.public_key()): k.public_key()}
    evs = _chain("c1", k, 4)
    assert custody.verify_chain("c1", evs, keys) == []
    # reordered
    probs = custody.verify_chain("c1", [evs[0], evs[2], evs[1], evs[3]], keys)
    assert any("out of order" in p.problem for p in probs)
    # removed
    probs = custody.verify_chain("c1", [evs[0], evs[2], evs[3]], keys)
    assert any(p.seq == 3 and "broken link" in p.problem for p in probs)
    # edited
    edited = custody.SignedEvent(dict(evs[1].event, details={"n": 99}), evs[1].hash, evs[1].signature)
    probs = custody.verify_chain("c1", [evs[0], edited, evs[2], evs[3]], keys)
    assert any(p.seq == 2 and "content changed" in p.problem for p in probs)
    # forged signature (another key)
    other = Ed25519PrivateKey.generate()
    forged = custody.SignedEvent(evs[1].event, evs[1].hash, other.sign(bytes.fromhex(evs[1].hash)).hex())
    probs = custody.verify_chain("c1", [evs[0], forged, evs[2], evs[3]], keys)
    assert any(p.seq == 2 and "signature" in p.problem for p in probs)
    # copied in from another case
    foreign = _chain("c2", k, 2)
    probs = custody.verify_chain("c1", [foreign[0], *evs[1:]], keys)
    assert any("another case" in p.problem for p in probs)


def test_floats_refused_in_details():
    import pytest

    k = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError, match="floats"):
        custody.make_event(case_id="c", seq=1, examiner="A", key=k, action="acquired", exhibit=None,
                           details={"x": 1.5}, prev_hash="0" * 64)
