"""The tampering table: every change to a bundle is caught by the tools that must catch it, and every tool
accepts an untouched bundle. Real tools run: bagit.py, sha256sum, md5sum, hashdeep, openssl, the bundled
verify.py and verify_bundle."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Callable

import pytest

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exporters.bundle import export_bundle
from exporters.signing import pretty_fingerprint
from exporters.verify_bundle import render_summary, verify_bundle
from workbench.custody import key_id

sys.path.insert(0, str(Path(__file__).resolve().parent))
from exp_kit import build  # noqa: E402
from exp_tools import ALL_TOOLS, accepts, recompute_tag_manifests  # noqa: E402


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bundle")
    fx = build(base)
    export_bundle(fx.source, base / "bag")
    return base / "bag"


def _first(bag: Path, folder: str) -> Path:
    return next(p for p in sorted((bag / folder).rglob("*")) if p.is_file())


def flip_payload_byte(bag: Path) -> None:
    p = _first(bag, "data/EX-000001")
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01
    p.write_bytes(bytes(data))


def remove_payload(bag: Path) -> None:
    _first(bag, "data/EX-000002").unlink()


def add_to_data(bag: Path) -> None:
    (bag / "data" / "EX-000001" / "planted.jpg").write_bytes(b"planted evidence")


def add_elsewhere(bag: Path) -> None:
    (bag / "metadata" / "planted-notes.txt").write_text("planted", "utf-8")


def change_items(bag: Path) -> None:
    p = bag / "metadata" / "items.json"
    p.write_text(p.read_text("utf-8").replace("A. Examiner", "Z. Forger"), "utf-8")


def change_custody(bag: Path) -> None:
    p = bag / "metadata" / "custody-log.jsonl"
    p.write_text(p.read_text("utf-8").replace('"action":"viewed"', '"action":"annotated"', 1), "utf-8")


def change_report(bag: Path) -> None:
    p = bag / "metadata" / "report.pdf"
    p.write_bytes(p.read_bytes() + b"\n% appended\n")


def with_tags(mutate: Callable[[Path], None]) -> Callable[[Path], None]:
    def f(bag: Path) -> None:
        mutate(bag)
        recompute_tag_manifests(bag)
    f.__name__ = mutate.__name__ + "_tags_recomputed"
    return f


def replace_signature(bag: Path) -> None:
    (bag / "tagmanifest-sha256.txt.sig").write_bytes(Ed25519PrivateKey.generate().sign(b"something else"))


def _custody_lines(bag: Path) -> tuple[Path, list[str]]:
    p = bag / "metadata" / "custody-log.jsonl"
    return p, p.read_text("utf-8").splitlines()


def edit_custody_line(bag: Path) -> None:
    p, lines = _custody_lines(bag)
    i = next(i for i, ln in enumerate(lines) if '"event"' in ln)
    obj = json.loads(lines[i])
    obj["event"]["details"]["note"] = "added later"
    lines[i] = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    p.write_text("\n".join(lines) + "\n", "utf-8")


def remove_custody_line(bag: Path) -> None:
    p, lines = _custody_lines(bag)
    del lines[4]
    p.write_text("\n".join(lines) + "\n", "utf-8")


def reorder_custody_lines(bag: Path) -> None:
    p, lines = _custody_lines(bag)
    lines[3], lines[4] = lines[4], lines[3]
    p.write_text("\n".join(lines) + "\n", "utf-8")


CASES = [
    (flip_payload_byte, {"bagit", "sha256sum", "md5sum", "hashdeep", "verify.py", "verify-bundle"}),
    (remove_payload, {"bagit", "sha256sum", "hashdeep", "verify.py", "verify-bundle"}),
    (add_to_data, {"bagit", "hashdeep", "verify.py", "verify-bundle"}),
    (add_elsewhere, {"verify.py", "verify-bundle"}),
    (change_items, {"bagit", "verify.py", "verify-bundle"}),
    (change_custody, {"bagit", "verify.py", "verify-bundle"}),
    (change_report, {"bagit", "verify.py", "verify-bundle"}),
    (with_tags(change_items), {"openssl", "verify-bundle"}),
    (with_tags(change_custody), {"openssl", "verify-bundle"}),
    (with_tags(change_report), {"openssl", "verify-bundle"}),
    (replace_signature, {"openssl", "verify-bundle"}),
    (with_tags(edit_custody_line), {"verify.py", "verify-bundle"}),
    (with_tags(remove_custody_line), {"verify.py", "verify-bundle"}),
    (with_tags(reorder_custody_lines), {"verify.py", "verify-bundle"}),
]


@pytest.mark.parametrize("tool_name", ALL_TOOLS)
def test_every_tool_accepts_an_untouched_bundle(pristine: Path, tool_name: str) -> None:
    ok, out = accepts(tool_name, pristine)
    assert ok, f"{tool_name} rejected an untouched bundle:\n{out}"


@pytest.mark.parametrize("mutate,catchers", CASES, ids=[c[0].__name__ for c in CASES])
def test_tampering_is_caught(pristine: Path, tmp_path: Path, mutate: Callable, catchers: set[str]) -> None:
    bag = tmp_path / "bag"
    shutil.copytree(pristine, bag)
    mutate(bag)
    missed = []
    for name in sorted(catchers):
        ok, out = accepts(name, bag)
        if ok:
            missed.append(name)
    assert not missed, f"{mutate.__name__} was not caught by: {missed}"


def test_verify_bundle_reports_every_problem_with_its_file(pristine: Path, tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    shutil.copytree(pristine, bag)
    flip_payload_byte(bag)
    remove_payload(bag)
    add_to_data(bag)
    add_elsewhere(bag)
    rep = verify_bundle(bag)
    kinds = {(p.kind, p.file.split("/")[1] if p.file and p.file.startswith("data/") else p.file) for p in rep.problems}
    assert ("changed", "EX-000001") in kinds
    assert ("missing", "EX-000002") in kinds
    assert ("unexpected", "EX-000001") in kinds
    assert ("unexpected", "metadata/planted-notes.txt") in kinds
    assert "FAILED" in render_summary(rep)


def test_custody_problems_name_the_seq(pristine: Path, tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    shutil.copytree(pristine, bag)
    with_tags(reorder_custody_lines)(bag)
    rep = verify_bundle(bag)
    seqs = {p.seq for p in rep.problems if p.kind == "custody"}
    assert {4, 5} & seqs, rep.problems


def test_rebuilt_and_resigned_with_another_key_shows_only_in_the_fingerprint(tmp_path: Path) -> None:
    fx = build(tmp_path)
    original = fx.source.exporter["key_id"]
    forger = Ed25519PrivateKey.generate()
    kid = key_id(forger.public_key())
    fx.source.examiner_keys[kid] = forger.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    fx.source.exporter = dict(fx.source.exporter, key_id=kid)
    fx.source.sign = forger.sign
    export_bundle(fx.source, tmp_path / "forged")
    for name in ALL_TOOLS:
        ok, out = accepts(name, tmp_path / "forged")
        assert ok, f"{name}: {out}"
    rep = verify_bundle(tmp_path / "forged")
    assert rep.ok and rep.fingerprint == kid != original
    assert pretty_fingerprint(kid) in render_summary(rep)


def test_a_missing_tool_fails_with_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import exp_tools

    monkeypatch.setenv("PATH", os.devnull)
    monkeypatch.setattr(exp_tools, "VENV_BIN", Path(os.devnull))
    with pytest.raises(pytest.fail.Exception, match="apt-get install hashdeep"):
        exp_tools.tool("hashdeep")
