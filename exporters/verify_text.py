"""The text of ``metadata/VERIFY.txt``: how to check a bundle step by step with standard tools."""

from __future__ import annotations


def verify_text(*, case_number: str, fingerprint: str, pem_name: str, algorithms: list[str], tool: str) -> str:
    sums = "\n".join(
        f"       {a}sum -c manifest-{a}.txt" for a in algorithms if a in ("sha256", "md5", "sha1", "sha512")
    )
    return f"""HOW TO CHECK THIS BUNDLE
========================

Case number: {case_number}
Made by: {tool}
Signing key fingerprint (SHA-256 of the raw Ed25519 public key):
    {fingerprint}
Compare this fingerprint with the one the examiner gave you by another channel (letter, phone, the
signed certification). If it differs, the bundle may have been rebuilt by someone else: stop here.

Every command below is run in the bundle's top folder (the one holding bagit.txt).

1. Everything in one go (Python 3.8 or later, nothing to install)
       python3 metadata/verify.py .
   Checks every payload and tag manifest both ways (changed, missing and unexpected files anywhere in the
   bundle) and the custody log's hashes and links. Exit code 0 means no problem was found; every problem
   is printed. It does not check signatures (the standard library has no Ed25519): see step 3.

2. The payload with the usual tools
{sums}
       bagit.py --validate .                       (pip install bagit)
       hashdeep -c md5,sha256 -r -l -a -k metadata/hashdeep.txt data
   sha256sum/md5sum print "OK" per file and do not notice files that were added; bagit.py and hashdeep
   also report added files in data/.

3. The examiner's signature over the tag manifest (OpenSSL 3.0 or later)
       openssl pkeyutl -verify -pubin -inkey metadata/examiners/{pem_name} \\
           -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig
   It must print "Signature Verified Successfully". Then check the tag manifest itself:
       sha256sum -c tagmanifest-sha256.txt
   and that the SHA-256 of manifest-sha256.txt printed on the report's cover matches:
       sha256sum manifest-sha256.txt

   On macOS the bundled "openssl" is LibreSSL, which cannot verify Ed25519 with these options. Either
   install OpenSSL 3 (brew install openssl@3, then use $(brew --prefix openssl@3)/bin/openssl), or use
   Python with the "cryptography" package (pip install cryptography):
       python3 -c "import sys;from cryptography.hazmat.primitives.serialization import load_pem_public_key as L;\\
       k=L(open('metadata/examiners/{pem_name}','rb').read());\\
       k.verify(open('tagmanifest-sha256.txt.sig','rb').read(),open('tagmanifest-sha256.txt','rb').read());\\
       print('Signature Verified Successfully')"
   An exception ("InvalidSignature") means the signature does not match.

4. The custody log's signatures
   metadata/custody-log.jsonl holds the case's whole custody chain: full events for the exhibits in this
   bundle, and for every other event only its hash, link, key id and signature (so the chain verifies
   without telling anything about other exhibits). Each signature is Ed25519 over the 32 bytes of the
   line's hash, by the key metadata/examiners/<key_id first 16 hex>.pem. "workbench verify-bundle"
   checks all of them; by hand, for one line:
       python3 -c "import json,sys;from cryptography.hazmat.primitives.serialization import load_pem_public_key as L;\\
       l=json.loads(sys.stdin.readline());k=l.get('key_id') or l['event']['key_id'];\\
       L(open('metadata/examiners/'+k[:16]+'.pem','rb').read()).verify(bytes.fromhex(l['signature']),bytes.fromhex(l['hash']));print('ok')" \\
       < metadata/custody-log.jsonl

5. The description of the files: metadata/items.json (every recorded fact, the file names as found),
   metadata/messages/*.jsonl (parsed chat messages with byte offsets into the original files),
   metadata/case-uco.jsonld (CASE/UCO graph; check with: case_validate --built-version case-1.4.0
   metadata/case-uco.jsonld) and metadata/report.pdf (the human-readable report).

With the workbench itself: workbench verify-bundle PATH (folder or ZIP) does all of the above and prints
the signing key's fingerprint.
"""
