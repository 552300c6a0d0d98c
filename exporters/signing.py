"""Keys, fingerprints and signatures of a bundle (Ed25519 through ``cryptography``; nothing hand-made).

The fingerprint of a key is its ``key_id``: SHA-256 of the raw 32-byte Ed25519 public key, in hex (the
same as in the custody log). ``pretty_fingerprint`` groups it by four for reading aloud over a phone.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Sequence

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workbench.custody import key_id as _key_id


class KeyError_(ValueError):
    """A PEM that is not an Ed25519 public key."""


def load_public_pem(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as e:
        raise KeyError_(f"not a PEM public key: {e}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyError_("not an Ed25519 public key")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    return _key_id(key)


def fingerprint_of_pem(pem: bytes) -> str:
    return fingerprint(load_public_pem(pem))


def pretty_fingerprint(fp: str) -> str:
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def pem_file_name(key_id: str) -> str:
    return f"{key_id[:16]}.pem"


def verify(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        key.verify(signature, message)
        return True
    except InvalidSignature:
        return False


def verify_many(items: Sequence[tuple[Ed25519PublicKey, bytes, bytes]]) -> list[bool]:
    """Verify many ``(key, signature, message)``: one result each, in order.

    A custody log has one signature per event, so a bundle of 10,000 exhibits has over 10,000 to check.
    With PyNaCl (libsodium) they are checked about twice as fast as with OpenSSL, and libsodium releases
    the GIL, so they run on every core at once (and beside the verifier's hashing threads). libsodium is
    the stricter of the two (it also refuses non-canonical signatures and small-order keys), so a signature
    it accepts, OpenSSL accepts too. Without PyNaCl, ``cryptography`` checks them one by one.
    """
    try:
        from nacl.bindings import crypto_sign_open
        from nacl.exceptions import BadSignatureError
    except ImportError:
        return [verify(k, s, m) for k, s, m in items]
    raw: dict[int, bytes] = {}

    def one(item: tuple[Ed25519PublicKey, bytes, bytes]) -> bool:
        key, sig, msg = item
        pk = raw.get(id(key))
        if pk is None:
            pk = raw[id(key)] = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if len(sig) != 64:
            return False
        try:
            crypto_sign_open(sig + msg, pk)
            return True
        except (BadSignatureError, ValueError, TypeError):
            return False

    def chunk(part: Sequence[tuple[Ed25519PublicKey, bytes, bytes]]) -> list[bool]:
        return [one(x) for x in part]

    if len(items) < 64:
        return chunk(items)
    for k, _, _ in items:  # fill the key cache before the threads share it
        if id(k) not in raw:
            one((k, b"", b""))
    n = max(2, min(8, os.cpu_count() or 2))
    size = -(-len(items) // n)
    with ThreadPoolExecutor(max_workers=n) as pool:
        parts = list(pool.map(chunk, [items[i : i + size] for i in range(0, len(items), size)]))
    return [ok for part in parts for ok in part]
