"""kill -9 at random points: the case opens, verifies clean, keeps every committed item, and a killed
passphrase change leaves exactly one of the old and new passphrases working."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import PASS, run_cli, write

TRIALS = 50 if os.environ.get("WORKBENCH_SOAK") else 5


def _spawn(*args: str, env: dict[str, str]) -> subprocess.Popen:
    e = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    e.update(env)
    return subprocess.Popen([sys.executable, "-m", "workbench.cli", *args], env=e,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def evidence(tmp_path_factory):
    d = tmp_path_factory.mktemp("ev")
    rnd = random.Random(7)
    for i in range(40):
        write(d / f"f{i:02d}.bin", rnd.randbytes(rnd.randint(1, 3_000_000)))
    return d


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_during_import(tmp_path, evidence, trial):
    case = tmp_path / "case"
    assert run_cli("case", "create", str(case), "--name", "n", "--number", "1", "--examiner", "A").returncode == 0
    p = _spawn("import", str(case), str(evidence), env={"WORKBENCH_PASSPHRASE": PASS})
    time.sleep(random.Random(trial).uniform(0.4, 3.0))
    p.send_signal(signal.SIGKILL)
    p.wait()
    r = run_cli("verify", str(case), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["ok"]
    before = json.loads(run_cli("items", str(case), "--json").stdout)["items"]
    # running the import again continues it: every file exactly once, the earlier exhibits unchanged
    r = run_cli("import", str(case), str(evidence), "--json")
    assert r.returncode == 0, r.stderr
    after = json.loads(run_cli("items", str(case), "--json").stdout)["items"]
    top = [i for i in after if not i["parent"]]
    assert len(top) == 40
    assert {(i["exhibit"], i["sha256"]) for i in before} <= {(i["exhibit"], i["sha256"]) for i in after}
    assert run_cli("verify", str(case)).returncode == 0


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_during_passphrase_change(tmp_path, trial):
    case = tmp_path / "case"
    assert run_cli("case", "create", str(case), "--name", "n", "--number", "1", "--examiner", "A").returncode == 0
    new = "the replacement passphrase"
    p = _spawn("case", "passwd", str(case), env={"WORKBENCH_PASSPHRASE": PASS, "WORKBENCH_NEW_PASSPHRASE": new})
    time.sleep(random.Random(trial).uniform(0.05, 1.2))
    p.send_signal(signal.SIGKILL)
    p.wait()
    old_ok = run_cli("case", "info", str(case)).returncode == 0
    new_ok = run_cli("case", "info", str(case), passphrase=new).returncode == 0
    assert old_ok != new_ok, (old_ok, new_ok)
    assert run_cli("verify", str(case), passphrase=PASS if old_ok else new).returncode == 0
