"""Export under faults: kill -9 at points spread over an export, and a full disk (a real tmpfs).

After each: the destination is absent or a complete bundle that verifies (never a half bundle at OUT), the
case verifies clean, nothing but the process's own temporary sibling is left, and the next export cleans
that up and succeeds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASS, run_cli, write

TRIALS = int(os.environ.get("WORKBENCH_SOAK_EXPORT_KILLS", "5"))


def _spawn(*args: str) -> subprocess.Popen:
    e = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    e["WORKBENCH_PASSPHRASE"] = PASS
    return subprocess.Popen([sys.executable, "-m", "workbench.cli", *args], env=e, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-robust")
    case = root / "case"
    r = run_cli("case", "create", str(case), "--name", "Robust", "--number", "R-1", "--examiner", "Ana")
    assert r.returncode == 0, r.stderr
    ev = root / "ev"
    for i in range(40):
        write(ev / f"note_{i:02d}.txt", f"note {i}\n" * 50)
    write(ev / "video.bin", os.urandom(3 << 20) * 4)  # 12 MiB, so the payload copy takes a moment
    write(ev / "photo.bin", os.urandom(400_000))
    r = run_cli("import", str(case), str(ev), "--no-extract")
    assert r.returncode == 0, r.stderr
    shutil.rmtree(ev)
    return case


def _verify_bundle(path: Path) -> subprocess.CompletedProcess:
    return run_cli("verify-bundle", str(path), "--json", passphrase=None)


def _case_clean(case: Path) -> None:
    r = run_cli("verify", str(case), "--json")
    assert r.returncode == 0, (r.stdout[-1500:], r.stderr[-1500:])
    assert json.loads(r.stdout)["ok"]


def _duration(case: Path, dest: Path) -> float:
    t0 = time.monotonic()
    r = run_cli("export", str(case), str(dest), "--all", "--zip")
    took = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    assert _verify_bundle(dest).returncode == 0
    assert _verify_bundle(dest.parent / f"{dest.name}.zip").returncode == 0
    return took


def test_kill_9_during_export_leaves_no_half_bundle(case: Path, tmp_path: Path) -> None:
    took = _duration(case, tmp_path / "reference")
    outcomes = []
    for trial in range(TRIALS):
        out = tmp_path / f"out{trial}"
        zpath = tmp_path / f"out{trial}.zip"
        p = _spawn("export", str(case), str(out), "--all", "--zip")
        time.sleep(took * (0.15 + 0.8 * trial / max(1, TRIALS - 1)))
        p.kill()
        p.wait()
        p.stderr.close()  # type: ignore[union-attr]
        # OUT is absent, or a whole bundle that verifies; the same for the ZIP
        if out.exists():
            r = _verify_bundle(out)
            assert r.returncode == 0, (trial, r.stdout[-1500:])
            assert json.loads(r.stdout)["ok"]
        if zpath.exists():
            assert _verify_bundle(zpath).returncode == 0, trial
        left = sorted(q.name for q in tmp_path.iterdir() if q.name.startswith(f"out{trial}"))
        outcomes.append((trial, out.exists(), left))
        # only the killed process's own temporary siblings may be left, and none of them passes for a bundle
        for name in left:
            if name in (f"out{trial}", f"out{trial}.zip"):
                continue
            assert ".partial-" in name, left
            partial = tmp_path / name
            if partial.is_dir():
                assert not (partial / "tagmanifest-sha256.txt.sig").exists() or _verify_bundle(partial).returncode == 0
        _case_clean(case)
        # the next export to the same place removes what the killed one left, and succeeds
        if not out.exists():
            r = run_cli("export", str(case), str(out), "--all", "--zip")
            assert r.returncode == 0, (trial, r.stderr)
            assert _verify_bundle(out).returncode == 0
            assert not [q for q in tmp_path.iterdir() if q.name.startswith(f"out{trial}.") and ".partial-" in q.name]
    # the trials were not all too late: at least one killed the export before its bundle was in place
    assert any(not existed for _, existed, _ in outcomes), outcomes


@pytest.fixture
def small_disk(tmp_path: Path):
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root (CI runs as root)")
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True, check=False)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_export_onto_a_full_disk_exit_6_and_nothing_left(case: Path, small_disk: Path) -> None:
    before = run_cli("custody", str(case), "--json")
    out = small_disk / "bundle"
    r = run_cli("export", str(case), str(out), "--all")
    assert r.returncode == 6, (r.returncode, r.stderr)
    assert "full" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not out.exists()
    assert list(small_disk.iterdir()) == [], list(small_disk.iterdir())  # no partial, no temporary file
    _case_clean(case)
    if before.returncode == 0:  # the failed export is not recorded as an export
        after = run_cli("custody", str(case), "--json")
        assert after.stdout.count('"exported"') == before.stdout.count('"exported"')


def test_zip_that_does_not_fit_takes_the_folder_with_it(case: Path, tmp_path: Path) -> None:
    """The folder fits, its ZIP does not: the command fails as a whole (exit 6) and leaves no bundle that the
    case's custody log does not record."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root (CI runs as root)")
    probe = tmp_path / "probe"
    assert run_cli("export", str(case), str(probe), "--all").returncode == 0
    size = sum(p.stat().st_size for p in probe.rglob("*") if p.is_file())
    mnt = tmp_path / "fits-folder"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size + size // 4 + (256 << 10)}", "tmpfs", str(mnt)],
                       capture_output=True, check=False)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        r = run_cli("export", str(case), str(mnt / "bundle"), "--all", "--zip")
        assert r.returncode == 6, (r.returncode, r.stderr)
        assert "full" in r.stderr and "Traceback" not in r.stderr
        assert list(mnt.iterdir()) == [], list(mnt.iterdir())
        _case_clean(case)
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
