"""Shared fixtures. Fixtures make their own files in tmp_path; the shared corpus is read in place."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
PASS = "correct horse battery staple"
PASS2 = "another long passphrase 2"
CORPUS_ABSENT = "../shared/corpus is absent: acceptance tests need the shared corpus beside the repository"


def require_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(CORPUS_ABSENT)
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return require_corpus()


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    return tmp_path / "case"


@pytest.fixture
def new_case(case_dir: Path):
    from workbench.case import Case, ExaminerIdentity

    c = Case.create(case_dir, name="Operation Sandstorm", number="HR-2026-001", passphrase=PASS,
                    organisation="Test NGO", examiner=ExaminerIdentity("Ana Ruiz", "Test NGO", "investigator"))
    yield c
    try:
        c.close()
    except Exception:
        pass


@pytest.fixture
def single_file_case(tmp_path: Path):
    """A case whose word index of messages is inside case.db, as in cases made before 2026-12."""
    from workbench.case import Case, ExaminerIdentity
    from workbench.store import schema

    c = Case.create(tmp_path / "single-file-case", name="Operation Sandstorm", number="HR-2026-001", passphrase=PASS,
                    organisation="Test NGO", examiner=ExaminerIdentity("Ana Ruiz", "Test NGO", "investigator"),
                    schema_target=schema.LATEST)
    assert c.index_path is None
    yield c
    try:
        c.close()
    except Exception:
        pass


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root, by relative path (for "nothing changed" checks)."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def run_cli(*args: str, passphrase: str | None = PASS, env: dict[str, str] | None = None,
            input: str | None = None, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    if passphrase is not None:
        e["WORKBENCH_PASSPHRASE"] = passphrase
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True,
                          env=e, input=input, cwd=cwd, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
