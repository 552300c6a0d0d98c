"""Run the real outside tools over a bundle folder. A missing tool fails the test with what to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exporters.manifests import digest_bytes, manifest_text, parse_manifest
from exporters.verify_bundle import verify_bundle

VENV_BIN = Path(sys.executable).parent
INSTALL = {
    "bagit.py": "pip install bagit (it is in the test extras)",
    "sha256sum": "apt-get install coreutils",
    "md5sum": "apt-get install coreutils",
    "hashdeep": "apt-get install hashdeep",
    "openssl": "apt-get install openssl (OpenSSL 3)",
    "python3": "a Python 3 on PATH",
    "case_validate": "pip install case-utils (it is in the test extras)",
    "pdftoppm": "apt-get install poppler-utils",
}


def tool(name: str) -> str:
    local = VENV_BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: {INSTALL.get(name, 'install it')}", pytrace=False)
    return found


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def signer_pem(bag: Path) -> Path:
    info = (bag / "bag-info.txt").read_text("utf-8")
    key = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Workbench-Signing-Key"))
    return bag / "metadata" / "examiners" / f"{key[:16]}.pem"


def accepts(name: str, bag: Path) -> tuple[bool, str]:
    """Does the tool accept the bundle? Returns (accepted, output for the failure message)."""
    if name == "bagit":
        r = run([tool("bagit.py"), "--validate", str(bag)], bag)
        return r.returncode == 0, r.stderr[-2000:]
    if name in ("sha256sum", "md5sum"):
        r = run([tool(name), "-c", f"manifest-{name[:-3]}.txt"], bag)
        return r.returncode == 0, r.stdout + r.stderr
    if name == "hashdeep":
        r = run([tool("hashdeep"), "-c", "md5,sha256", "-r", "-l", "-a", "-k", "metadata/hashdeep.txt", "data"], bag)
        return r.returncode == 0, r.stdout + r.stderr
    if name == "openssl":
        r = run([tool("openssl"), "pkeyutl", "-verify", "-pubin", "-inkey", str(signer_pem(bag)), "-rawin",
                 "-in", "tagmanifest-sha256.txt", "-sigfile", "tagmanifest-sha256.txt.sig"], bag)
        return r.returncode == 0 and "Signature Verified Successfully" in r.stdout, r.stdout + r.stderr
    if name == "verify.py":
        r = run([tool("python3"), str(bag / "metadata" / "verify.py"), str(bag)], bag)
        return r.returncode == 0, r.stdout + r.stderr
    if name == "verify-bundle":
        rep = verify_bundle(bag)
        return rep.ok, "\n".join(str(p) for p in rep.problems)
    raise AssertionError(name)


ALL_TOOLS = ("bagit", "sha256sum", "md5sum", "hashdeep", "openssl", "verify.py", "verify-bundle")


def recompute_tag_manifests(bag: Path) -> None:
    """What a forger would do: make the tag manifests match the changed tag files (without the key)."""
    for alg in ("sha256", "md5"):
        path = bag / f"tagmanifest-{alg}.txt"
        entries, _ = parse_manifest(path.read_text("utf-8"))
        new = {p: digest_bytes((bag / p).read_bytes(), [alg])[alg] for p in entries if (bag / p).exists()}
        path.write_text(manifest_text(new), "utf-8")
