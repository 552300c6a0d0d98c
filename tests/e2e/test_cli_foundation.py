"""The CLI as a user runs it: one table of exit codes, words instead of tracebacks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import PASS, run_cli, tree_digest, write


@pytest.fixture
def made(tmp_path):
    d = tmp_path / "case"
    r = run_cli("case", "create", str(d), "--name", "Op Sand", "--number", "HR-1", "--examiner", "Ana Ruiz",
                "--organisation", "NGO", "--role", "investigator")
    assert r.returncode == 0, r.stderr
    return d


def test_walkthrough(made, tmp_path):
    ev = tmp_path / "ev"
    write(ev / "chat.txt", "12/03/2024, 10:15 - Recruiter: Salary 500 USD\n")
    write(ev / "copy" / "chat.txt", "12/03/2024, 10:15 - Recruiter: Salary 500 USD\n")
    r = run_cli("import", str(made), str(ev), "--source", "USB stick from witness W-3", "--method", "file copy",
                "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [i["exhibit"] for i in out["items"]] == ["EX-000001", "EX-000002"]
    assert out["items"][1]["duplicate"] == "EX-000001" and out["failed"] == []
    r = run_cli("items", str(made), "--json")
    assert len(json.loads(r.stdout)["items"]) == 2
    r = run_cli("show", str(made), "EX-000001", "--json")
    rec = json.loads(r.stdout)
    assert rec["acquisitions"][0]["source_text"] == "USB stick from witness W-3"
    assert [e["event"]["action"] for e in rec["custody"]][0] == "acquired"
    r = run_cli("verify", str(made), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"]
    r = run_cli("custody", str(made), "--exhibit", "EX-000002", "--json")
    assert json.loads(r.stdout)["events"][0]["event"]["exhibit"] == "EX-000002"
    r = run_cli("extract", str(made), "EX-000001", str(tmp_path / "out.txt"))
    assert r.returncode == 0 and (tmp_path / "out.txt").read_bytes() == (ev / "chat.txt").read_bytes()
    r = run_cli("case", "info", str(made), "--json")
    info = json.loads(r.stdout)
    assert info["items"] == 2 and info["sqlcipher"].startswith("4.")


def test_wrong_passphrase_exit_3_in_words_and_nothing_changed(made):
    before = tree_digest(made)
    r = run_cli("items", str(made), passphrase="definitely not it")
    assert r.returncode == 3
    assert r.stderr.strip() == f"workbench: wrong passphrase, or {made} is not a case"
    assert "Traceback" not in r.stderr and r.stdout == ""
    r = run_cli("import", str(made), str(made), passphrase="definitely not it")
    assert r.returncode == 3
    assert tree_digest(made) == before


def test_not_a_case_exit_3(tmp_path):
    r = run_cli("items", str(tmp_path))
    assert r.returncode == 3 and "is not a case" in r.stderr


def test_usage_exit_2(made):
    r = run_cli("import", str(made))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run_cli("frobnicate")
    assert r.returncode == 2


def test_short_passphrase_refused_in_words(tmp_path):
    r = run_cli("case", "create", str(tmp_path / "c"), "--name", "n", "--number", "1", "--examiner", "A",
                passphrase="short")
    assert r.returncode == 2 and "at least 12 characters" in r.stderr


def test_passphrase_file_and_no_passphrase(made, tmp_path):
    f = tmp_path / "pw.txt"
    f.write_text(PASS + "\n")
    r = run_cli("items", str(made), "--passphrase-file", str(f), passphrase=None)
    assert r.returncode == 0, r.stderr
    r = run_cli("items", str(made), passphrase=None)
    assert r.returncode == 2 and "WORKBENCH_PASSPHRASE" in r.stderr


def test_some_inputs_not_preserved_exit_4(made, tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("needs /proc/self/mem, a regular file whose read fails, to make an unreadable input")
    write(tmp_path / "ev" / "ok.txt", "fine")
    r = run_cli("import", str(made), str(tmp_path / "ev"), "/proc/self/mem", "--json")
    assert r.returncode == 4
    out = json.loads(r.stdout)
    assert len(out["items"]) == 1 and out["failed"][0]["path"] == "/proc/self/mem"


def test_busy_exit_5_and_readers_beside_a_writer(made):
    from workbench.case import Case

    with Case.open(made, PASS):
        r = run_cli("import", str(made), str(made / "case.json"))
        assert r.returncode == 5 and "the case is open elsewhere" in r.stderr
        r = run_cli("items", str(made))
        assert r.returncode == 0
        r = run_cli("verify", str(made), "--read-only")
        assert r.returncode == 0


def test_verify_problems_exit_1(made, tmp_path):
    write(tmp_path / "ev" / "a.txt", "x" * 1000)
    run_cli("import", str(made), str(tmp_path / "ev"))
    obj = next(p for p in (made / "vault").rglob("*") if p.is_file() and p.parent.name != "tmp")
    data = bytearray(obj.read_bytes())
    data[-5] ^= 0xFF
    obj.write_bytes(bytes(data))
    r = run_cli("verify", str(made))
    assert r.returncode == 1 and "EX-000001" in r.stdout


def test_passwd_recovery_and_examiner_commands(made, tmp_path):
    r = run_cli("case", "passwd", str(made), env={"WORKBENCH_NEW_PASSPHRASE": "the new passphrase 1"})
    assert r.returncode == 0, r.stderr
    assert run_cli("items", str(made)).returncode == 3
    assert run_cli("items", str(made), passphrase="the new passphrase 1").returncode == 0
    r = run_cli("examiner", "add", str(made), "--name", "Omar", "--role", "lawyer",
                passphrase="the new passphrase 1", env={"WORKBENCH_NEW_PASSPHRASE": "omars own passphrase"})
    assert r.returncode == 0, r.stderr
    r = run_cli("case", "info", str(made), "--json", passphrase="omars own passphrase")
    assert json.loads(r.stdout)["you"] == "Omar"
    r = run_cli("case", "export-recovery-key", str(made), str(tmp_path / "kit.age"),
                passphrase="omars own passphrase", env={"WORKBENCH_RECOVERY_PASSPHRASE": "recovery phrase 99"})
    assert r.returncode == 0 and (tmp_path / "kit.age").read_bytes().startswith(b"age-encryption.org/v1")


def test_passphrase_variable_is_not_inherited_by_children():
    code = ("import os, subprocess, sys; from workbench import passphrase; passphrase.take_environment();"
            "print(passphrase.get()); "
            "print(subprocess.run([sys.executable, '-c', 'import os; print(os.environ.get(\"WORKBENCH_PASSPHRASE\"))'],"
            " capture_output=True, text=True).stdout.strip())")
    env = dict(os.environ, WORKBENCH_PASSPHRASE="secret passphrase xyz")
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.split()
    assert out[-1] == "None" and "xyz" in out


def test_internal_error_exit_70_with_crash_report_and_no_traceback(made, monkeypatch, tmp_path, capsys):
    from workbench import cli

    monkeypatch.setenv("WORKBENCH_PASSPHRASE", PASS)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def boom(a):
        raise RuntimeError("evidence text that must not be in the report")

    monkeypatch.setattr(cli, "cmd_items", boom)
    rc = cli.main(["items", str(made)])
    err = capsys.readouterr().err
    assert rc == 70 and "Traceback" not in err and "crash report" in err
    report = Path(err.strip().split("written to ")[1].splitlines()[0])
    text = report.read_text()
    assert "RuntimeError" in text and "evidence text" not in text
