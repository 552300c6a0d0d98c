"""Key slots, as in LUKS.

A case has two random secrets made once: the 32-byte SQLCipher database key and the vault's age X25519
identity (which lives *inside* the encrypted database, with the vault's HMAC naming key). Each examiner
has a slot in ``case.json``::

    {"slot_id": "<uuid4>",
     "kdf": {"name": "argon2id", "version": 19, "time_cost": 3, "memory_cost_kib": 65536,
             "parallelism": 4, "hash_len": 32, "salt": "<base64 of 16 random bytes>"},
     "wrapped_db_key":      {"alg": "AES-256-GCM", "nonce": "<b64 12 bytes>", "ciphertext": "<b64>"},
     "wrapped_signing_key": {"alg": "AES-256-GCM", "nonce": "<b64 12 bytes>", "ciphertext": "<b64>"}}

``KEK = Argon2id(passphrase UTF-8, salt, t=3, m=64 MiB, p=4, 32 bytes)`` — RFC 9106's second recommended
parameter set. The KEK wraps, with AES-256-GCM, the database key and the examiner's raw Ed25519 private
key; the associated data binds each wrapped key to its case, slot and purpose
(``"<case_id>|<slot_id>|db-key"``), so ciphertexts cannot be moved between slots or cases. A slot holds no
name: which examiner it belongs to is recorded inside the encrypted database. Opening a case tries the
passphrase on each slot in turn, as LUKS does.

Changing a passphrase rewrites one slot (new salt, new nonces) and replaces case.json atomically; the
database is never re-keyed for that.
"""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import UserError

MIN_PASSPHRASE = 12

# RFC 9106, section 4, second recommended option.
ARGON2_PARAMS = {"time_cost": 3, "memory_cost_kib": 65536, "parallelism": 4, "hash_len": 32}


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(
            f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters",
            hint="A few unrelated words make a passphrase that is long and easy to remember.",
        )


def strength_hint(passphrase: str) -> str:
    """A plain-words hint for the UI (not a security guarantee)."""
    n = len(passphrase)
    classes = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        ]
    )
    if n < MIN_PASSPHRASE:
        return f"too short: at least {MIN_PASSPHRASE} characters"
    if n >= 20 or (n >= 16 and classes >= 3):
        return "strong"
    if len(set(passphrase)) < 6:
        return "weak: too many repeated characters"
    return "fair: longer is stronger (try four unrelated words)"


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"), validate=True)


def derive_kek(passphrase: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "argon2id" or int(kdf.get("version", 19)) != 19:
        raise UserError(f"unsupported key derivation {kdf.get('name')!r}")
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        _unb64(kdf["salt"]),
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_cost_kib"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=int(kdf.get("hash_len", 32)),
        type=Type.ID,
    )


def _wrap(kek: bytes, secret: bytes, aad: str) -> dict[str, str]:
    nonce = os.urandom(12)
    ct = AESGCM(kek).encrypt(nonce, secret, aad.encode("utf-8"))
    return {"alg": "AES-256-GCM", "nonce": _b64(nonce), "ciphertext": _b64(ct)}


def _unwrap(kek: bytes, wrapped: dict[str, str], aad: str) -> bytes:
    if wrapped.get("alg") != "AES-256-GCM":
        raise InvalidTag()
    return AESGCM(kek).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["ciphertext"]), aad.encode("utf-8"))


@dataclass(frozen=True)
class Unlocked:
    slot_id: str
    db_key: bytes
    signing_key: Ed25519PrivateKey


def make_slot(case_id: str, passphrase: str, db_key: bytes, signing_key: Ed25519PrivateKey) -> dict[str, Any]:
    check_passphrase_strength(passphrase)
    slot_id = str(uuid.uuid4())
    kdf = {"name": "argon2id", "version": 19, **ARGON2_PARAMS, "salt": _b64(secrets.token_bytes(16))}
    kek = derive_kek(passphrase, kdf)
    raw_sk = signing_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return {
        "slot_id": slot_id,
        "kdf": kdf,
        "wrapped_db_key": _wrap(kek, db_key, f"{case_id}|{slot_id}|db-key"),
        "wrapped_signing_key": _wrap(kek, raw_sk, f"{case_id}|{slot_id}|signing-key"),
    }


def try_slot(case_id: str, slot: dict[str, Any], passphrase: str) -> Unlocked | None:
    """The slot's secrets, or None when the passphrase does not open it."""
    try:
        kek = derive_kek(passphrase, slot["kdf"])
        sid = slot["slot_id"]
        db_key = _unwrap(kek, slot["wrapped_db_key"], f"{case_id}|{sid}|db-key")
        raw_sk = _unwrap(kek, slot["wrapped_signing_key"], f"{case_id}|{sid}|signing-key")
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None
    return Unlocked(sid, db_key, Ed25519PrivateKey.from_private_bytes(raw_sk))


def rewrap_slot(case_id: str, slot: dict[str, Any], unlocked: Unlocked, new_passphrase: str) -> dict[str, Any]:
    """The same slot (same id, same secrets) under a new passphrase, new salt and new nonces."""
    check_passphrase_strength(new_passphrase)
    kdf = {"name": "argon2id", "version": 19, **ARGON2_PARAMS, "salt": _b64(secrets.token_bytes(16))}
    kek = derive_kek(new_passphrase, kdf)
    sid = slot["slot_id"]
    raw_sk = unlocked.signing_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return {
        "slot_id": sid,
        "kdf": kdf,
        "wrapped_db_key": _wrap(kek, unlocked.db_key, f"{case_id}|{sid}|db-key"),
        "wrapped_signing_key": _wrap(kek, raw_sk, f"{case_id}|{sid}|signing-key"),
    }


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
