"""Intake receipts and portable names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exporters.portable import NameAllocator, portable_name
from exporters.receipt import write_receipt
from exporters.signing import pretty_fingerprint
from workbench.custody import key_id


def test_receipt_is_signed_and_tells_only_what_was_received(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    kid = key_id(key.public_key())
    items = [{"name": "رسائل.txt", "size": 12, "sha256": hashlib.sha256(b"a").hexdigest()},
             {"name": "photo <1>.jpg", "size": 2048, "sha256": hashlib.sha256(b"b").hexdigest()}]
    digest = write_receipt(tmp_path / "r.pdf", case={"number": "HR-2020-017", "organisation": "Rights Watch Lab",
                                                   "name": "Operation Lantern"},
                           source_text="Ms. Witness, in person", received_by={"name": "A. Examiner"}, items=items,
                           time_utc="2020-03-20T10:00:00Z", sign=key.sign, key_id=kid)
    expected = hashlib.sha256(rfc8785.dumps(items)).hexdigest()
    assert digest == expected
    with pymupdf.open(tmp_path / "r.pdf") as doc:
        text = "".join(p.get_text() for p in doc)
    flat = "".join(text.split())
    assert expected[:32] in flat and "".join(pretty_fingerprint(kid).split()) in flat
    assert "photo <1>.jpg" in text and "Ms. Witness" in text and "HR-2020-017" in text
    assert "Operation Lantern" not in text  # no other case content
    words = [w for w in text.split() if len(w) == 64 and all(c in "0123456789abcdef" for c in w)]
    printed = [a + b for a, b in zip(words, words[1:])]
    verified = 0
    for sig in printed:
        try:
            key.public_key().verify(bytes.fromhex(sig), bytes.fromhex(digest))
            verified += 1
        except Exception:  # noqa: BLE001 - not the signature
            pass
    assert verified == 1, "the printed signature verifies over the digest"
    assert not list(tmp_path.glob("*.partial-*"))


def test_portable_names() -> None:
    assert portable_name("a\nb%c\\d/e<f>:g|h?i*j\x07.txt") == "a_b_c_d_e_f__g_h_i_j_.txt"
    assert portable_name("..") == "file" and portable_name("") == "file"
    assert portable_name("CON.txt") == "_CON.txt" and portable_name("lpt1") == "_lpt1"
    assert portable_name("name \udcff.jpg") == "name _.jpg"
    long = portable_name("x" * 500 + ".jpeg")
    assert long.endswith(".jpeg") and len(long.encode()) <= 120
    assert portable_name("  trailing. ") == "trailing"
    alloc = NameAllocator()
    assert [alloc.allocate(n) for n in ("a.txt", "A.txt", "a.txt", "a\n.txt")] == ["a.txt", "A-2.txt", "a-3.txt",
                                                                                    "a_.txt"]
