import base64
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from workbench import keys


def test_slot_roundtrip_and_wrong_passphrase():
    db_key = b"k" * 32
    sk = Ed25519PrivateKey.generate()
    slot = keys.make_slot("case-1", "a long enough passphrase", db_key, sk)
    u = keys.try_slot("case-1", slot, "a long enough passphrase")
    assert u is not None and u.db_key == db_key
    assert u.signing_key.public_key().public_bytes_raw() == sk.public_key().public_bytes_raw()
    assert keys.try_slot("case-1", slot, "a long enough passphrasE") is None


def test_parameters_are_rfc9106_second_set_or_stronger_and_salt_is_ascii():
    slot = keys.make_slot("c", "a long enough passphrase", b"k" * 32, Ed25519PrivateKey.generate())
    kdf = slot["kdf"]
    assert kdf["name"] == "argon2id"
    assert kdf["time_cost"] >= 3 and kdf["memory_cost_kib"] >= 65536 and kdf["parallelism"] >= 4
    assert kdf["salt"].isascii() and len(base64.b64decode(kdf["salt"])) >= 16
    json.dumps(slot).encode("ascii")  # the whole slot is plain ASCII JSON


def test_wrapped_keys_are_bound_to_case_and_slot():
    sk = Ed25519PrivateKey.generate()
    a = keys.make_slot("case-A", "a long enough passphrase", b"a" * 32, sk)
    # the same slot presented as belonging to another case does not open
    assert keys.try_slot("case-B", a, "a long enough passphrase") is None
    # a wrapped key moved into another slot does not open
    b = keys.make_slot("case-A", "a long enough passphrase", b"b" * 32, sk)
    forged = dict(b, wrapped_db_key=a["wrapped_db_key"])
    assert keys.try_slot("case-A", forged, "a long enough passphrase") is None


def test_rewrap_keeps_secrets_changes_salt():
    sk = Ed25519PrivateKey.generate()
    slot = keys.make_slot("c", "old passphrase 12345", b"d" * 32, sk)
    u = keys.try_slot("c", slot, "old passphrase 12345")
    new = keys.rewrap_slot("c", slot, u, "new passphrase 67890")
    assert new["slot_id"] == slot["slot_id"] and new["kdf"]["salt"] != slot["kdf"]["salt"]
    assert keys.try_slot("c", new, "old passphrase 12345") is None
    assert keys.try_slot("c", new, "new passphrase 67890").db_key == b"d" * 32


def test_short_passphrase_refused():
    import pytest

    from workbench.errors import UserError

    with pytest.raises(UserError, match="at least 12"):
        keys.make_slot("c", "short", b"k" * 32, Ed25519PrivateKey.generate())


def test_strength_hint_words():
    assert keys.strength_hint("abc").startswith("too short")
    assert keys.strength_hint("correct horse battery staple") == "strong"
