"""Opening the SQLCipher database: key, settings, read-only opens.

The database is keyed with the random 32-byte case key as a raw key (``PRAGMA key = "x'<hex>'"``), so
SQLCipher skips its own PBKDF2 (Argon2id already stretched the passphrase that unwraps this key).
``cipher_log_level = NONE`` is set before keying, so a wrong key makes no noise on stderr.
Page size: a case made since 2026-12 uses 16 KiB pages (``PAGE_SIZE``; older cases keep SQLCipher's 4 KiB).
SQLCipher encrypts and authenticates each page on its own (a fresh IV, AES-256-CBC, HMAC-SHA512), and
much of that cost is per page, not per byte: storing a million chat messages with their word index took
5.1-9.8 CPU-s with 4 KiB pages and 4.4-6.4 with 16 KiB pages on the 2-core build machine (best and worst
of 4-6 runs each; plain SQLite, unencrypted, 4.3). The size is not secret and cannot be read from the
encrypted file, so it is written in case.json and given before the first page is read.
Rollback journal (not WAL): a read-only open creates no -wal or -shm file, so it writes nothing;
readers take shared locks and wait out a writer's commit (busy timeout); writers commit in batches.

The word index of chat messages (``messages_fts``) of a case made since 2026-12 is a second SQLCipher file
beside it (``index.db``, same key and page size, named in case.json), attached to every connection as
``INDEX_SCHEMA``: queries name the table without a schema and find it there. So a chat import writes its
message rows and their word index on two connections at once (``workbench.chat_store``), instead of one after
the other on one; a transaction on the main connection that touches both files is still atomic (SQLite's
multi-file commit).
"""

from __future__ import annotations

import ctypes
import importlib
import threading
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

from ..errors import UserError
from . import SQLITE_LOADED_BEFORE

DatabaseError = dbapi2.DatabaseError
OperationalError = dbapi2.OperationalError
IntegrityViolation = dbapi2.IntegrityError


PAGE_SIZE = 16384  # for new cases (see the module docstring)
LEGACY_PAGE_SIZE = 4096  # SQLCipher 4's default: cases whose case.json names no page size
PAGE_SIZES = (1024, 2048, 4096, 8192, 16384, 32768, 65536)


INDEX_SCHEMA = "wix"  # the schema name the word-index file is attached as


_SQLITE_CONFIG_MEMSTATUS = 9  # sqlite3.h


def _library() -> ctypes.CDLL | None:
    """SQLite's C library as linked into sqlcipher3 (its extension module), for the calls the Python
    binding does not offer; None where its symbols cannot be reached (a Windows build exports none)."""
    try:
        path = importlib.import_module("sqlcipher3._sqlite3").__file__
        if not path:  # (CDLL("") would be the whole process's symbols: perhaps another SQLite)
            return None
        lib = ctypes.CDLL(path)
        for name in ("sqlite3_config", "sqlite3_shutdown", "sqlite3_initialize", "sqlite3_memory_used"):
            getattr(lib, name)
    except (ImportError, OSError, AttributeError, TypeError):
        return None
    lib.sqlite3_config.argtypes = [ctypes.c_int]  # variadic: the rest is passed as given (libffi's varargs call)
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return lib


def _memory_statistics_off() -> bool:
    """Turn off SQLite's memory statistics (``SQLITE_CONFIG_MEMSTATUS``), which SQLite's own documentation
    lists among the settings that make it faster. With them on, every allocation and free of every
    connection in the process takes one global mutex to count bytes; a chat import's two writer threads (rows
    and word index) contend for it on every bound value and every page. Off, storing 200,000 chat messages
    took 1.17-1.37 instead of 1.64-2.14 CPU-s, a million 6.9-7.2 instead of 11.5-12.2 (2-core build
    machine, interleaved). Nothing here reads the statistics (``sqlite3_memory_used`` and the soft heap
    limit are all that use them).

    The setting can only be changed while the library is shut down, which is only allowed while no
    connection is open. So this runs once, when this module is imported, and only if the library was not
    loaded before it (``workbench.store`` notes that): then no connection can exist yet (``intake_records``
    goes through this module too). Where the library was loaded before, cannot be reached (see ``_library``)
    or refuses, it stays as it was: the same results, only slower."""
    if SQLITE_LOADED_BEFORE:
        return False
    lib = _library()
    if lib is None or lib.sqlite3_shutdown() != 0:
        return False
    try:
        return lib.sqlite3_config(_SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == 0
    finally:
        lib.sqlite3_initialize()  # (sqlite3_open would also do it)


MEMORY_STATISTICS_OFF = _memory_statistics_off()


def _null(value: None) -> None:
    return None


# A None bound as a parameter is not one of the types the binding takes at once (int, float, str, bytes): it
# goes through its adaptation protocol, whose two failed attribute lookups cost ~1.3 us per value, 25 times
# a string's bind. An adapter registered for None is found by one lookup and binds NULL the same way. A
# chat imported without a time zone binds a None for every message's UTC time: 1M messages, ~1 CPU-s.
sqlcipher3.register_adapter(type(None), _null)


def connect(path: Path, key: bytes, *, readonly: bool = False, create: bool = False,
            page_size: int = LEGACY_PAGE_SIZE, index: Path | None = None) -> sqlcipher3.Connection:
    if page_size not in PAGE_SIZES:
        raise UserError(f"case.json names a database page size of {page_size!r}, which SQLCipher does not use")
    if not create and not path.exists():
        raise UserError(f"no database at {path}")
    if index is not None and not create and not index.exists():
        raise UserError(f"the word index {index.name} named in case.json is missing beside {path.name}",
                        hint="Restore the case from a backup (`workbench case restore`).")
    try:
        return _connect(path, key, readonly=readonly, page_size=page_size, index=index)
    except OperationalError as exc:
        if not readonly or "readonly" not in str(exc):
            raise
    # A hot rollback journal: a writer was killed inside a transaction. SQLite can only roll it back on a
    # read-write connection (a read-only one fails with SQLITE_READONLY_ROLLBACK). Rolling back restores the
    # last committed state, which is what this reader is to see and what the next writer would do anyway.
    # This is the one case in which a read-only open changes a file of the case.
    try:
        _connect(path, key, readonly=False, page_size=page_size, index=index).close()
    except DatabaseError as exc:
        raise UserError(f"{path.name} holds an unfinished change from a program that was stopped, and it "
                        f"cannot be rolled back here ({exc})",
                        hint="Open the case once where it can be written (for example with `workbench verify`).") from None
    return _connect(path, key, readonly=True, page_size=page_size, index=index)


def _connect(path: Path, key: bytes, *, readonly: bool, page_size: int,
             index: Path | None = None) -> sqlcipher3.Connection:
    if readonly:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_page_size = {int(page_size)}")
    # Touch the first page: with a wrong key this raises "file is not a database".
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
    if index is not None:
        _attach(conn, index.resolve().as_uri() + "?mode=ro" if readonly else str(index), key, page_size)
        conn.execute(f"SELECT count(*) FROM {INDEX_SCHEMA}.sqlite_master").fetchone()
    return conn


def cipher_version(conn: sqlcipher3.Connection) -> str:
    return str(conn.execute("PRAGMA cipher_version").fetchone()[0])


_ATTACH_LOCK = threading.Lock()


def _attach(conn: sqlcipher3.Connection, target: str, key: bytes, page_size: int) -> None:
    """Attach the word-index file. SQLCipher reads an attached file's first page at ATTACH, with its
    process-wide default page size (not the main file's), so that default is set for the ATTACH and put back
    at once, under a lock (another thread may be opening a connection)."""
    with _ATTACH_LOCK:
        was = conn.execute("PRAGMA cipher_default_page_size").fetchone()[0]
        conn.execute(f"PRAGMA cipher_default_page_size = {int(page_size)}")
        try:
            conn.execute(f"ATTACH DATABASE ? AS {INDEX_SCHEMA} KEY \"x'{key.hex()}'\"", (target,))
        finally:
            conn.execute(f"PRAGMA cipher_default_page_size = {int(was)}")


def open_index_writer(index: Path, key: bytes, page_size: int) -> sqlcipher3.Connection:
    """A connection of its own to the word-index file, for a chat import's index thread."""
    return _connect(index, key, readonly=False, page_size=page_size)


INDEX_TABLE = """CREATE VIRTUAL TABLE {schema}.messages_fts USING fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2')"""


def make_index(conn: sqlcipher3.Connection, index: Path, key: bytes, page_size: int) -> None:
    """Move a new case's (empty) word index of messages into its own file ``index`` (module docstring)."""
    _attach(conn, str(index), key, page_size)
    conn.execute(f"PRAGMA {INDEX_SCHEMA}.journal_mode = DELETE")
    if conn.execute("SELECT count(*) FROM main.messages_fts_docsize").fetchone()[0]:
        raise AssertionError("make_index: the word index is not empty")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE main.messages_fts")
    conn.execute(INDEX_TABLE.format(schema=INDEX_SCHEMA))
    conn.execute("COMMIT")
