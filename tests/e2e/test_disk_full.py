"""A full disk, made real with a small tmpfs (RLIMIT_FSIZE is no substitute: it gives EFBIG per file)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import run_cli, write


@pytest.fixture
def small_disk(tmp_path):
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root (CI runs as root)")
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_import_onto_a_full_disk_exit_6_keeps_committed_items(small_disk, tmp_path):
    case = small_disk / "case"
    r = run_cli("case", "create", str(case), "--name", "n", "--number", "1", "--examiner", "A")
    assert r.returncode == 0, r.stderr
    ev = tmp_path / "ev"
    for i in range(6):
        write(ev / f"f{i}.bin", os.urandom(700_000))  # 4.2 MB in all: more than the disk holds
    r = run_cli("import", str(case), str(ev), "--no-extract", "--json")
    assert r.returncode == 6, (r.returncode, r.stderr)
    assert "full" in r.stderr and "Traceback" not in r.stderr
    # free space and reopen: committed items intact, no temporary files, verify clean
    big = [p for p in ev.iterdir()]
    assert big
    r = run_cli("verify", str(case), "--json")
    rep = json.loads(r.stdout) if r.stdout else {}
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert rep["ok"]
    assert not any((case / "vault" / "tmp").iterdir())
    assert not [p for p in case.rglob("*") if p.name.endswith((".tmp", ".part", "-journal"))]
    items = json.loads(run_cli("items", str(case), "--json").stdout)["items"]
    assert 1 <= len(items) < 6
    shutil.rmtree(ev)
