"""Keys, fingerprints and signatures of a bundle (Ed25519 through ``cryptography``; nothing hand-made).

The fingerprint of a key is its ``key_id``: SHA-256 of the raw 32-byte Ed25519 public key, in hex (the
same as in the custody log). ``pretty_fingerprint`` groups it by four for reading aloud over a phone.
"""

from __future__ import annotations

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
