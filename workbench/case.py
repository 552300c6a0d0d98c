"""A case on disk: create, open (key slots, writer lock), examiners, passphrases, custody appends.

Layout::

    DIR/
      case.json   plain: format, case id, database page size, key slots (see keys.py). Nothing about
                  evidence or people.
      case.db     SQLCipher 4, keyed with the random database key.
      index.db    the word index of chat messages (same key; named in case.json; older cases: in case.db)
      case.lock   the writer lock (a second writer is refused; readers do not take it)
      vault/      age-encrypted originals (see vault.py)
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from filelock import FileLock, Timeout
from pyrage import x25519

from . import TOOL_NAME, __version__, keys
from .custody import SignedEvent, genesis_hash, key_id, make_event, utc_now
from .errors import CaseBusy, NotACase, UserError, WrongPassphrase
from .hardening import disable_core_dumps
from .store import db, schema
from .store.repository import Repository
from .vault import Vault, fsync_dir

CASE_FORMAT = "evidence-workbench-case"
CASE_FORMAT_VERSION = 1


def atomic_write(path: Path, data: bytes) -> None:
    """Temporary file, fsync, rename, fsync of the folder (qutebrowser's savefile_open)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def read_case_json(case_dir: Path) -> dict[str, Any]:
    try:
        doc = json.loads((case_dir / "case.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise NotACase(case_dir) from None
    if not isinstance(doc, dict) or doc.get("format") != CASE_FORMAT or not isinstance(doc.get("slots"), list):
        raise NotACase(case_dir)
    return doc


INDEX_FILE = "index.db"  # the word index of chat messages, for cases made since 2026-12 (store/db.py)


def index_of(case_dir: Path, doc: dict[str, Any]) -> Path | None:
    """The word-index file case.json names, or None (older cases: the index is inside case.db)."""
    name = doc.get("word_index")
    if name is None:
        return None
    if name != INDEX_FILE:
        raise UserError(f"case.json names a word index {name!r}; this version reads only {INDEX_FILE!r}")
    return Path(case_dir) / name


def page_size_of(doc: dict[str, Any]) -> int:
    """The database page size case.json names (cases made before it was written there: 4 KiB)."""
    v = doc.get("db_page_size", db.LEGACY_PAGE_SIZE)
    return v if isinstance(v, int) and not isinstance(v, bool) else -1  # (db.connect refuses -1 in words)


@dataclass(frozen=True)
class ExaminerIdentity:
    name: str
    organisation: str | None = None
    role: str | None = None


class Case:
    """An open case. Use ``Case.create`` or ``Case.open``; close it (or use ``with``)."""

    def __init__(self, case_dir: Path, doc: dict[str, Any], conn: Any, unlocked: keys.Unlocked,
                 examiner: dict[str, Any], *, readonly: bool, lock: FileLock | None) -> None:
        self.dir = case_dir
        self.doc = doc
        self.case_id: str = doc["case_id"]
        self.page_size = page_size_of(doc)
        self.conn = conn
        self.repo = Repository(conn)
        self.readonly = readonly
        self._lock = lock
        self._unlocked = unlocked
        self.examiner = examiner
        self.signing_key: Ed25519PrivateKey = unlocked.signing_key
        meta = self.repo.meta()
        self.meta = meta
        self.vault = Vault(case_dir / "vault", meta["vault_identity"], bytes.fromhex(meta["vault_key"]))
        self._viewed: set[str] = set()
        self.hardening = disable_core_dumps()

    # -- life cycle ----------------------------------------------------------------------------
    @classmethod
    def create(cls, case_dir: Path, *, name: str, number: str, examiner: ExaminerIdentity, passphrase: str,
               organisation: str | None = None, hash_algorithms: tuple[str, ...] = ("sha256", "md5"),
               schema_target: int | None = None) -> "Case":
        """Make a new case. ``schema_target`` exists for the migration tests (a case "made by an earlier
        version"); leave it None."""
        keys.check_passphrase_strength(passphrase)
        case_dir = Path(case_dir)
        if case_dir.exists() and any(case_dir.iterdir()):
            raise UserError(f"{case_dir} already exists and is not empty", hint="Choose a new folder for the case.")
        for a in hash_algorithms:
            if a not in ("sha256", "md5", "sha1", "sha512"):
                raise UserError(f"unknown hash algorithm {a!r}")
        case_dir.mkdir(parents=True, exist_ok=True)
        case_id = str(uuid.uuid4())
        db_key = secrets.token_bytes(32)
        signing_key = Ed25519PrivateKey.generate()
        slot = keys.make_slot(case_id, passphrase, db_key, signing_key)
        doc = {"format": CASE_FORMAT, "format_version": CASE_FORMAT_VERSION, "case_id": case_id,
               "created_utc": utc_now(), "db_page_size": db.PAGE_SIZE, "word_index": INDEX_FILE, "slots": [slot]}
        (case_dir / "vault" / "tmp").mkdir(parents=True, exist_ok=True)
        (case_dir / "case.lock").touch()
        lock = FileLock(str(case_dir / "case.lock"), timeout=0)
        lock.acquire()
        conn = db.connect(case_dir / "case.db", db_key, create=True, page_size=db.PAGE_SIZE)
        schema.migrate(conn, target=schema_target or schema.LATEST)
        if schema_target is None:
            db.make_index(conn, case_dir / INDEX_FILE, db_key, db.PAGE_SIZE)
        else:  # a case "made by an earlier version" (migration tests): its index stays inside case.db
            del doc["word_index"]
        repo = Repository(conn)
        identity = x25519.Identity.generate()
        with repo.transaction():
            for k, v in {
                "case_id": case_id, "name": name, "number": number, "organisation": organisation or "",
                "created_utc": doc["created_utc"], "vault_identity": str(identity),
                "vault_key": secrets.token_bytes(32).hex(), "hash_algorithms": json.dumps(list(hash_algorithms)),
                "recent_cases": "on",
            }.items():
                repo.set_meta(k, v)
            repo.add_examiner(name=examiner.name, organisation=examiner.organisation, role=examiner.role,
                              slot_id=slot["slot_id"], key_id=key_id(signing_key.public_key()),
                              public_key_pem=keys.public_pem(signing_key).decode("ascii"),
                              added_utc=doc["created_utc"], is_creator=1)
        atomic_write(case_dir / "case.json", json.dumps(doc, indent=2).encode("utf-8"))
        ex = repo.examiner_by_slot(slot["slot_id"])
        assert ex is not None
        case = cls(case_dir, doc, conn, keys.Unlocked(slot["slot_id"], db_key, signing_key), ex,
                   readonly=False, lock=lock)
        case.log("case-created", None, {"name": name, "number": number, "organisation": organisation or "",
                                         "tool": TOOL_NAME, "tool_version": __version__,
                                         "hash_algorithms": list(hash_algorithms)})
        return case

    @classmethod
    def open(cls, case_dir: Path, passphrase: str, *, examiner: str | None = None,
             readonly: bool = False) -> "Case":
        case_dir = Path(case_dir)
        doc = read_case_json(case_dir)
        if not (case_dir / "case.db").is_file():
            raise NotACase(case_dir)
        case_id = doc["case_id"]
        for slot in doc["slots"]:
            unlocked = keys.try_slot(case_id, slot, passphrase)
            if unlocked is None:
                continue
            lock = None
            if not readonly:
                lock = FileLock(str(case_dir / "case.lock"), timeout=0)
                try:
                    lock.acquire()
                except Timeout:
                    raise CaseBusy(case_dir) from None
            try:
                conn = db.connect(case_dir / "case.db", unlocked.db_key, readonly=readonly,
                                  page_size=page_size_of(doc), index=index_of(case_dir, doc))
            except db.DatabaseError as exc:
                if lock:
                    lock.release()
                if "not a database" in str(exc):  # the key does not open the first page
                    raise WrongPassphrase(case_dir) from None
                raise UserError(f"the case database cannot be opened: {exc}",
                                hint="If the database file was damaged, restore the case from a backup "
                                     "(`workbench case restore`).") from None
            try:
                if not readonly:
                    schema.migrate(conn)
                elif schema.version(conn) != schema.LATEST:
                    raise UserError("this case was made by an older version; open it once for writing to upgrade it")
                ex = Repository(conn).examiner_by_slot(unlocked.slot_id)
                if ex is None or (examiner is not None and ex["name"] != examiner):
                    conn.close()
                    if lock:
                        lock.release()
                    continue
            except BaseException:
                conn.close()
                if lock:
                    lock.release()
                raise
            case = cls(case_dir, doc, conn, unlocked, ex, readonly=readonly, lock=lock)
            if not readonly:
                from .ingest import rollback_interrupted

                rollback_interrupted(case)
            return case
        raise WrongPassphrase(case_dir)

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "Case":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- properties ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def number(self) -> str:
        return self.meta["number"]

    @property
    def organisation(self) -> str:
        return self.meta.get("organisation", "")

    @property
    def hash_algorithms(self) -> tuple[str, ...]:
        return tuple(json.loads(self.meta.get("hash_algorithms", '["sha256","md5"]')))

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        out = {}
        for e in self.repo.examiners():
            pk = load_pem_public_key(e["public_key_pem"].encode("ascii"))
            assert isinstance(pk, Ed25519PublicKey)
            out[e["key_id"]] = pk
        return out

    def reader_connection(self) -> Any:
        """A new read-only connection to this case's database, keyed with the key already unlocked.

        For reader threads (the desktop application's models): a reader does not pay Argon2id again.
        """
        return db.connect(self.dir / "case.db", self._unlocked.db_key, readonly=True, page_size=self.page_size,
                          index=self.index_path)

    @property
    def index_path(self) -> Path | None:
        """The word-index file of chat messages, or None when it is inside case.db (older cases)."""
        return index_of(self.dir, self.doc)

    def index_writer(self) -> Any:
        """A new connection of its own to the word-index file (a chat import's index thread), or None."""
        p = self.index_path
        return None if p is None else db.open_index_writer(p, self._unlocked.db_key, self.page_size)

    def check_passphrase(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens the key slot this case was opened with. Slow (Argon2id).

        Another examiner's passphrase opens another slot and so does not count.
        """
        doc = read_case_json(self.dir)
        for slot in doc["slots"]:
            if slot.get("slot_id") == self._unlocked.slot_id:
                unlocked = keys.try_slot(self.case_id, slot, passphrase)
                return unlocked is not None and unlocked.db_key == self._unlocked.db_key
        return False

    def require_writer(self) -> None:
        if self.readonly:
            raise UserError("the case was opened read-only")

    # -- custody -----------------------------------------------------------------------------------
    def log(self, action: str, exhibit: str | None, details: dict[str, Any] | None = None) -> SignedEvent:
        """Append a signed custody event in its own transaction."""
        self.require_writer()
        with self.repo.transaction():
            return self.log_in_transaction(action, exhibit, details)

    def log_in_transaction(self, action: str, exhibit: str | None, details: dict[str, Any] | None = None) -> SignedEvent:
        head = self.repo.custody_head()
        seq, prev = (head[0] + 1, head[1]) if head else (1, genesis_hash(self.case_id))
        ev = make_event(case_id=self.case_id, seq=seq, examiner=self.examiner["name"], key=self.signing_key,
                        action=action, exhibit=exhibit, details=details, prev_hash=prev)
        self.repo.append_custody(ev)
        return ev

    def log_viewed(self, exhibit: str, details: dict[str, Any] | None = None) -> bool:
        """Log "viewed" once per item per session (per open of the case). Returns True if it logged."""
        if exhibit in self._viewed or self.readonly:
            return False
        self.log("viewed", exhibit, details)
        self._viewed.add(exhibit)
        return True

    # -- examiners and passphrases ----------------------------------------------------------------
    def add_examiner(self, identity: ExaminerIdentity, passphrase: str) -> dict[str, Any]:
        self.require_writer()
        if any(e["name"] == identity.name for e in self.repo.examiners()):
            raise UserError(f"an examiner named {identity.name!r} is already in this case")
        signing_key = Ed25519PrivateKey.generate()
        slot = keys.make_slot(self.case_id, passphrase, self._unlocked.db_key, signing_key)
        kid = key_id(signing_key.public_key())
        with self.repo.transaction():
            self.repo.add_examiner(name=identity.name, organisation=identity.organisation, role=identity.role,
                                   slot_id=slot["slot_id"], key_id=kid,
                                   public_key_pem=keys.public_pem(signing_key).decode("ascii"),
                                   added_utc=utc_now(), is_creator=0)
            self.log_in_transaction("examiner-added", None, {"examiner": identity.name, "key_id": kid,
                                                             "role": identity.role or "",
                                                             "organisation": identity.organisation or ""})
        doc = read_case_json(self.dir)
        doc["slots"].append(slot)
        atomic_write(self.dir / "case.json", json.dumps(doc, indent=2).encode("utf-8"))
        self.doc = doc
        return {"name": identity.name, "key_id": kid}

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrite this examiner's slot atomically. The database is not re-keyed."""
        self.require_writer()
        doc = read_case_json(self.dir)
        for i, slot in enumerate(doc["slots"]):
            if slot["slot_id"] == self._unlocked.slot_id:
                doc["slots"][i] = keys.rewrap_slot(self.case_id, slot, self._unlocked, new_passphrase)
                break
        else:
            raise UserError("this examiner's key slot is missing from case.json")
        # Log first: if the process dies between the two steps, the log says a change was begun and
        # exactly one passphrase (old or new) opens the case.
        self.log("passphrase-changed", None, {"examiner": self.examiner["name"], "slot_id": self._unlocked.slot_id})
        atomic_write(self.dir / "case.json", json.dumps(doc, indent=2).encode("utf-8"))
        self.doc = doc

    # -- recovery kit ---------------------------------------------------------------------------------
    def export_recovery_key(self, out: Path, recovery_passphrase: str) -> None:
        import pyrage

        keys.check_passphrase_strength(recovery_passphrase)
        out = Path(out)
        if out.exists():
            raise UserError(f"{out} already exists")
        text = recovery_text(self, self._unlocked.db_key)
        data = pyrage.passphrase.encrypt(text.encode("utf-8"), recovery_passphrase)
        atomic_write(out, data)
        self.log("recovery-key-exported", None, {"file_name": out.name})

    # -- backup ------------------------------------------------------------------------------------------
    def backup(self, out: Path) -> dict[str, Any]:
        """A consistent encrypted copy: case.json, case.db through the SQLite backup API, the vault."""
        out = Path(out)
        if out.exists() and any(out.iterdir()):
            raise UserError(f"{out} already exists and is not empty")
        tmp = out.with_name(out.name + f".partial-{secrets.token_hex(4)}")
        tmp.mkdir(parents=True)
        try:
            target = db.connect(tmp / "case.db", self._unlocked.db_key, create=True, page_size=self.page_size)
            try:
                self.conn.backup(target)
            finally:
                target.close()
            if self.index_path is not None:
                target = db.connect(tmp / INDEX_FILE, self._unlocked.db_key, create=True, page_size=self.page_size)
                try:
                    self.conn.backup(target, name=db.INDEX_SCHEMA)
                finally:
                    target.close()
            objects = 0
            for name in self.vault.list_objects():
                dst = tmp / "vault" / name[:2] / name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.vault.path_of(name), dst)
                with open(dst, "rb+") as f:
                    os.fsync(f.fileno())
                objects += 1
            (tmp / "vault" / "tmp").mkdir(parents=True, exist_ok=True)
            (tmp / "case.lock").touch()
            atomic_write(tmp / "case.json", (self.dir / "case.json").read_bytes())
            if out.exists():
                out.rmdir()
            os.replace(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self.log("backup-made", None, {"objects": objects, "backup_name": out.name})
        return {"objects": objects, "path": str(out)}


def restore(backup_dir: Path, target: Path, passphrase: str, *, examiner: str | None = None) -> Case:
    """Copy a backup into a new case folder, check it opens and verifies, and log the restore."""
    backup_dir, target = Path(backup_dir), Path(target)
    read_case_json(backup_dir)
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} already exists and is not empty")
    # Check the passphrase on the backup first (read-only: writes nothing there).
    Case.open(backup_dir, passphrase, examiner=examiner, readonly=True).close()
    tmp = target.with_name(target.name + f".partial-{secrets.token_hex(4)}")
    shutil.copytree(backup_dir, tmp)
    if target.exists():
        target.rmdir()
    os.replace(tmp, target)
    case = Case.open(target, passphrase, examiner=examiner)
    case.log("restored", None, {"from_backup": backup_dir.name})
    return case


def _index_recovery(case: Case, db_key: bytes) -> str:
    if case.index_path is None:
        return ""
    return f"""
3. The word index of chat messages is a second file with the same key and page size, index.db. To search
   it beside case.db in the same shell:
       sqlite> PRAGMA cipher_default_page_size = {case.page_size};
       sqlite> ATTACH DATABASE 'index.db' AS {db.INDEX_SCHEMA} KEY "x'{db_key.hex()}'";
       sqlite> SELECT m.id, m.text FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
               WHERE messages_fts MATCH 'word';
"""


def recovery_text(case: Case, db_key: bytes) -> str:
    return f"""EVIDENCE WORKBENCH RECOVERY KIT
Case: {case.name} ({case.number})
Case id: {case.case_id}

Keep this file secret: with it, anyone can read the whole case.

1. Vault identity (age X25519). Save the line below to a file, e.g. identity.txt:

{case.meta['vault_identity']}

   Every file in vault/ is an original, encrypted with age. Decrypt one with the standard age tool:
       age -d -i identity.txt -o original.bin vault/ab/abcdef...

2. Database key (SQLCipher 4, raw key). Open case.db with the sqlcipher shell:
       sqlcipher case.db
       sqlite> PRAGMA key = "x'{db_key.hex()}'";
       sqlite> PRAGMA cipher_page_size = {case.page_size};
       sqlite> SELECT exhibit, name, sha256, object FROM items;
   The column "object" names the vault file (vault/<first two characters>/<object>) of each exhibit.
   Check a decrypted original with: sha256sum original.bin
{_index_recovery(case, db_key)}
Made by {TOOL_NAME} {__version__} on {utc_now()}.
"""
