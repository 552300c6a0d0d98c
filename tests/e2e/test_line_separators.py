"""File names holding characters that Python's ``str.splitlines`` breaks at (U+0085 NEL, U+2028, U+2029,
U+001C-U+001E, U+000B, U+000C) reach the custody log and items.json unescaped by JSON (U+0085, U+2028 and
U+2029 are legal inside JSON strings). Found in review: verify-bundle and metadata/verify.py split the custody
log with ``splitlines`` and reported such a bundle's chain as broken. Every verifier must accept it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli, write

NAMES = ["nel\u0085name.txt", "ls\u2028name.txt", "ps\u2029name.txt", "fs\u001cname.txt", "vt\u000bff\u000cname.txt"]


def test_names_with_line_separators_verify_everywhere(tmp_path: Path) -> None:
    case = tmp_path / "case"
    r = run_cli("case", "create", str(case), "--name", "Seps", "--number", "S-1", "--examiner", "Ana")
    assert r.returncode == 0, r.stderr
    ev = tmp_path / "ev"
    for i, n in enumerate(NAMES):
        write(ev / n, f"file {i}\n")
    r = run_cli("import", str(case), str(ev), "--no-extract")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "bag"
    r = run_cli("export", str(case), str(out), "--all", "--json")
    assert r.returncode == 0, (r.stdout[-2000:], r.stderr[-2000:])
    custody = (out / "metadata" / "custody-log.jsonl").read_text("utf-8")
    assert any(ch in custody for ch in ("\u0085", "\u2028", "\u2029")), "the names did not reach the log raw"
    found = {e["name_as_found"] for e in json.loads((out / "metadata" / "items.json").read_text("utf-8"))["exhibits"]}
    assert set(NAMES) <= found
    r = run_cli("verify-bundle", str(out), "--json", passphrase=None)
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["ok"], report.get("problems")
    assert report["custody_events"] == len(custody.strip("\n").split("\n"))
    s = subprocess.run([sys.executable, str(out / "metadata" / "verify.py"), str(out)], capture_output=True,
                       text=True, check=False)
    assert s.returncode == 0, s.stdout[-2000:] + s.stderr[-2000:]
    b = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(out)], capture_output=True, text=True, check=False)
    assert b.returncode == 0, b.stderr[-2000:]
