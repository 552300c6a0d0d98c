"""Fuzzing ``verify-bundle``: a bundle is input from a stranger too. A real bundle is made with the CLI
(case create, import, export --zip); hypothesis then damages one of its files (bytes flipped, inserted,
deleted, cut short), removes, adds or renames files, or damages the ZIP. ``verify_bundle`` must never raise;
a changed bundle must never be reported valid, and the reason must name what was damaged. Through the CLI,
a damaged bundle gives exit 1 with a reason, never a traceback and never exit 70 (a crash report).

WORKBENCH_SOAK=1 raises the number of examples."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.verify_bundle import BundleReport, render_summary, verify_bundle
from tests.conftest import run_cli, write
from tests.unit.test_fuzz_extractors import _jpeg, _mutation, _pdf, mutate

SOAK = bool(os.environ.get("WORKBENCH_SOAK"))
EXAMPLES = 500 if SOAK else 40
CLI_EXAMPLES = 60 if SOAK else 6
SIGNED = ("tagmanifest-sha256.txt", "tagmanifest-sha256.txt.sig")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzzbag")
    ev = base / "ev"
    write(ev / "photo.jpg", _jpeg())
    write(ev / "contract.pdf", _pdf())
    write(ev / "chat.txt", "13/02/2020, 21:05 - Anna: Hallo\n13/02/2020, 21:06 - Ben: مرحبا\n")
    write(ev / "notes.txt", "the passport is kept by the agent\n")
    case = base / "case"
    assert run_cli("case", "create", str(case), "--name", "n", "--number", "1", "--examiner", "A").returncode == 0
    assert run_cli("import", str(case), str(ev)).returncode == 0
    r = run_cli("export", str(case), str(base / "bag"), "--all", "--zip")
    assert r.returncode == 0, r.stderr
    assert verify_bundle(base / "bag").ok and verify_bundle(base / "bag.zip").ok
    return base / "bag"


def _files(bag: Path) -> list[str]:
    return sorted(str(p.relative_to(bag)).replace(os.sep, "/") for p in bag.rglob("*") if p.is_file())


def _names_the_damage(rep: BundleReport, rel: str) -> bool:
    if any(p.file == rel or rel in p.message for p in rep.problems):
        return True
    # the signature and the signed tag manifest are checked together: their damage is a signature problem
    return rel in SIGNED and any(p.kind == "signature" for p in rep.problems)


def _check_report(rep: BundleReport) -> None:
    assert isinstance(rep, BundleReport)
    for p in rep.problems:
        assert p.kind and p.message and isinstance(p.message, str)
    render_summary(rep)  # the human summary renders for any report


damage = st.one_of(
    st.tuples(st.just("bytes"), st.integers(0, 10_000), st.lists(_mutation, min_size=1, max_size=3),
              st.none() | st.integers(0, 1 << 20)),
    st.tuples(st.just("remove"), st.integers(0, 10_000)),
    st.tuples(st.just("rename"), st.integers(0, 10_000), st.sampled_from(["x", ".bak", "\u202e", " "])),
    st.tuples(st.just("add"), st.sampled_from(["data/EX-000001/planted.jpg", "data/planted.txt", "metadata/x.json",
                                                "planted.txt", "manifest-sha512.txt", "data/EX-999999/a"]),
              st.binary(max_size=64)),
)


def _apply(bag: Path, d: tuple) -> str | None:
    """Apply one damage; returns the relative path it concerns, or None when it changed nothing."""
    files = _files(bag)
    if d[0] == "add":
        write(bag / d[1], d[2])
        return d[1]
    rel = files[d[1] % len(files)]
    p = bag / rel
    if d[0] == "bytes":
        old = p.read_bytes()
        new = mutate(old, d[2], d[3])
        if new == old:
            return None
        p.write_bytes(new)
    elif d[0] == "remove":
        p.unlink()
    else:
        p.rename(p.with_name(p.name + d[2]))
    return rel


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(d=damage)
def test_a_damaged_folder_is_never_valid_and_the_damage_is_named(bundle: Path, tmp_path: Path, d: tuple) -> None:
    bag = tmp_path / "bag"
    shutil.rmtree(bag, ignore_errors=True)
    shutil.copytree(bundle, bag)
    rel = _apply(bag, d)
    rep = verify_bundle(bag)
    _check_report(rep)
    if rel is None:
        assert rep.ok, rep.problems
        return
    assert not rep.ok, f"{d[0]} of {rel} went unnoticed"
    assert _names_the_damage(rep, rel), (d[0], rel, [str(p) for p in rep.problems])


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_mutation, min_size=1, max_size=4), cut=st.none() | st.integers(0, 1 << 20))
def test_a_damaged_zip_never_raises_and_is_valid_only_if_its_content_is_intact(
        bundle: Path, tmp_path: Path, ops: list, cut: int | None) -> None:
    original = bundle.with_suffix(".zip").read_bytes()
    data = mutate(original, ops, cut)
    z = tmp_path / "bag.zip"
    z.write_bytes(data)
    rep = verify_bundle(z)
    _check_report(rep)
    if rep.ok:  # damage in bytes no reader uses (a local header's time...) may pass; the content may not differ
        with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(data)) as b:
            files_a = {i.filename for i in a.infolist() if not i.is_dir()}
            files_b = {i.filename for i in b.infolist() if not i.is_dir()}
            assert files_a == files_b
            for name in files_a:
                assert a.read(name) == b.read(name), f"{name} changed inside a ZIP reported valid"


def _damaged_member_zip(bundle: Path) -> bytes:
    """The bundle ZIP with 4 bytes cut out of a member's local header (the input the fuzz test found)."""
    data = bytearray(bundle.with_suffix(".zip").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        off = z.getinfo("bag/manifest-sha256.txt").header_offset
    del data[off + 2:off + 6]
    return bytes(data)


def test_damaged_zip_member_is_reported(bundle: Path, tmp_path: Path) -> None:
    z = tmp_path / "bag.zip"
    z.write_bytes(_damaged_member_zip(bundle))
    rep = verify_bundle(z)
    assert not rep.ok
    assert any(p.file == "manifest-sha256.txt" for p in rep.problems), rep.problems


def test_cli_on_a_damaged_zip_member_exits_1(bundle: Path, tmp_path: Path) -> None:
    z = tmp_path / "bag.zip"
    z.write_bytes(_damaged_member_zip(bundle))
    r = run_cli("verify-bundle", str(z), passphrase=None)
    assert r.returncode == 1 and "internal error" not in r.stderr, (r.returncode, r.stderr)


@settings(max_examples=CLI_EXAMPLES, deadline=None, derandomize=not SOAK,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(d=damage, as_zip=st.booleans())
def test_cli_gives_exit_1_with_a_reason_never_a_crash(bundle: Path, tmp_path: Path, d: tuple, as_zip: bool) -> None:
    bag = tmp_path / "bag"
    shutil.rmtree(bag, ignore_errors=True)
    shutil.copytree(bundle, bag)
    rel = _apply(bag, d)
    target = bag
    if as_zip:
        target = tmp_path / "damaged.zip"
        target.unlink(missing_ok=True)
        shutil.make_archive(str(target.with_suffix("")), "zip", bag.parent, bag.name)
    r = run_cli("verify-bundle", str(target), passphrase=None)
    assert "Traceback" not in r.stderr + r.stdout and r.returncode != 70, r.stderr
    if rel is None:
        return
    assert r.returncode == 1, (d, r.returncode, r.stdout[-800:], r.stderr)
    assert "FAILED" in r.stdout, r.stdout[-800:]


@pytest.mark.parametrize("junk", [b"", b"PK\x03\x04", b"PK\x05\x06" + b"\0" * 18, os.urandom(4096)],
                         ids=["empty", "local-header-only", "empty-central-directory", "random"])
def test_cli_on_a_file_that_is_no_bundle(tmp_path: Path, junk: bytes) -> None:
    p = tmp_path / "bundle.zip"
    p.write_bytes(junk)
    r = run_cli("verify-bundle", str(p), passphrase=None)
    assert r.returncode == 1 and "Traceback" not in r.stderr, (r.returncode, r.stdout, r.stderr)
    assert r.stdout.strip() or r.stderr.strip()


def test_removed_md5_tag_manifest_is_reported(bundle: Path, tmp_path: Path) -> None:
    """Found by the fuzz test above. The bundle is exported with an MD5 payload manifest and an MD5 tag
    manifest; the signed SHA-256 tag manifest cannot list the other tag manifest (BagIt), so removing it
    changes no signed byte, yet the bundle is no longer what was exported."""
    bag = tmp_path / "bag"
    shutil.copytree(bundle, bag)
    (bag / "tagmanifest-md5.txt").unlink()
    rep = verify_bundle(bag)
    assert not rep.ok and any(p.file == "tagmanifest-md5.txt" for p in rep.problems)
