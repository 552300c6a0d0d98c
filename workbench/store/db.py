"""Opening the SQLCipher database: key, settings, read-only opens.

The database is keyed with the random 32-byte case key as a raw key (``PRAGMA key = "x'<hex>'"``), so
SQLCipher skips its own PBKDF2 (Argon2id already stretched the passphrase that unwraps this key).
``cipher_log_level = NONE`` is set before keying, so a wrong key makes no noise on stderr.
Rollback journal (not WAL): a read-only open creates no -wal or -shm file, so it writes nothing;
readers take shared locks and wait out a writer's commit (busy timeout); writers commit in batches.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from ..errors import UserError

DatabaseError = dbapi2.DatabaseError
OperationalError = dbapi2.OperationalError
IntegrityViolation = dbapi2.IntegrityError


def connect(path: Path, key: bytes, *, readonly: bool = False, create: bool = False) -> sqlcipher3.Connection:
    if not create and not path.exists():
        raise UserError(f"no database at {path}")
    try:
        return _connect(path, key, readonly=readonly)
    except OperationalError as exc:
        if not readonly or "readonly" not in str(exc):
            raise
    # A hot rollback journal: a writer was killed inside a transaction. SQLite can only roll it back on a
    # read-write connection (a read-only one fails with SQLITE_READONLY_ROLLBACK). Rolling back restores the
    # last committed state, which is what this reader is to see and what the next writer would do anyway.
    # This is the one case in which a read-only open changes a file of the case.
    try:
        _connect(path, key, readonly=False).close()
    except DatabaseError as exc:
        raise UserError(f"{path.name} holds an unfinished change from a program that was stopped, and it "
                        f"cannot be rolled back here ({exc})",
                        hint="Open the case once where it can be written (for example with `workbench verify`).") from None
    return _connect(path, key, readonly=True)


def _connect(path: Path, key: bytes, *, readonly: bool) -> sqlcipher3.Connection:
    if readonly:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    # Touch the first page: with a wrong key this raises "file is not a database".
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
    return conn


def cipher_version(conn: sqlcipher3.Connection) -> str:
    return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
