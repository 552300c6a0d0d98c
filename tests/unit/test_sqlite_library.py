"""The SQLite library's process-wide configuration (workbench/store/db.py): memory statistics are off when
the store is what loads the library, and stay on (the library untouched) when something loaded it before.
Each case runs in a fresh interpreter: the configuration is made once per process, at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import os, sys
from pathlib import Path
if sys.argv[1] == "loaded-before":
    import sqlcipher3
from workbench.store import db
lib = db._library()
path = Path(sys.argv[2])
before = lib.sqlite3_memory_used()
c = db.connect(path, os.urandom(32), create=True, page_size=db.PAGE_SIZE)
c.execute("CREATE TABLE t(x)")
c.executemany("INSERT INTO t VALUES (?)", [("row-%d" % i,) for i in range(2000)])
grew = lib.sqlite3_memory_used() - before
rows = c.execute("SELECT count(*), max(x) FROM t").fetchone()
c.close()
print(db.MEMORY_STATISTICS_OFF, grew, rows[0], rows[1], path.read_bytes()[:16] == b"SQLite format 3\0")
"""


def _reachable() -> bool:
    from workbench.store import db

    return db._library() is not None


# The library's C symbols are reached where the build exports them: every Linux and macOS build seen. On Linux
# (CI) the tests must run; elsewhere a build without them is skipped, with the reason.
NEEDS_SYMBOLS = pytest.mark.skipif(sys.platform != "linux" and not _reachable(),
                                   reason="this build of sqlcipher3 exports no SQLite symbols (slower, same results)")


def _run(tmp_path: Path, how: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, how, str(tmp_path / f"{how}.db")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


@NEEDS_SYMBOLS
def test_memory_statistics_off_when_the_store_loads_sqlite(tmp_path: Path) -> None:
    off, grew, count, last, plain = _run(tmp_path, "store-first")
    assert off == "True"
    assert int(grew) == 0  # no byte counted: the statistics are not kept
    assert (count, last, plain) == ("2000", "row-999", "False")  # (max of text) and still encrypted


@NEEDS_SYMBOLS
def test_library_left_alone_when_loaded_before_the_store(tmp_path: Path) -> None:
    off, grew, count, last, plain = _run(tmp_path, "loaded-before")
    assert off == "False"
    assert int(grew) > 0  # counted, as SQLite does by default
    assert (count, last, plain) == ("2000", "row-999", "False")


def test_none_binds_null(tmp_path: Path) -> None:
    """None, bound through the adapter registered for it, is stored as SQL NULL, alone and among values."""
    import os

    from workbench.store import db

    c = db.connect(tmp_path / "n.db", os.urandom(32), create=True, page_size=db.PAGE_SIZE)
    c.execute("CREATE TABLE t(a, b)")
    c.executemany("INSERT INTO t VALUES (?, ?)", [(None, "x"), (1, None), (None, None)])
    assert c.execute("SELECT typeof(a), typeof(b) FROM t ORDER BY rowid").fetchall() == [
        ("null", "text"), ("integer", "null"), ("null", "null")]
    assert c.execute("SELECT count(*) FROM t WHERE a IS ?", (None,)).fetchone() == (2,)
    c.close()
    from sqlcipher3 import PrepareProtocol, adapters

    assert (type(None), PrepareProtocol) in adapters  # found by one lookup (see store/db.py)
