"""The only place with SQL for the foundation tables (items, acquisitions, objects, custody, intents...).

Derived records of extraction and chats have their SQL in ``derived.py`` beside this file.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator

import sqlcipher3

from ..custody import SignedEvent


def storable(value: Any) -> Any:
    """Strings as SQLite can store them: lone surrogates (undecodable bytes carried by a parser) become
    visible escapes such as ``\\udcff`` instead of failing the whole transaction."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _row(cur: sqlcipher3.Cursor, row: tuple[Any, ...] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {d[0]: v for d, v in zip(cur.description, row)}


class Repository:
    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self.conn = conn

    # -- transactions ----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> dict[str, Any] | None:
        cur = self.conn.execute(sql, params)
        return _row(cur, cur.fetchone())

    # -- meta ---------------------------------------------------------------------------------------
    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def meta(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM meta")}

    # -- examiners ---------------------------------------------------------------------------------
    def add_examiner(self, **e: Any) -> None:
        self.conn.execute(
            "INSERT INTO examiners(name, organisation, role, slot_id, key_id, public_key_pem, added_utc, is_creator)"
            " VALUES (:name, :organisation, :role, :slot_id, :key_id, :public_key_pem, :added_utc, :is_creator)",
            e,
        )

    def examiners(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM examiners ORDER BY id")

    def examiner_by_slot(self, slot_id: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM examiners WHERE slot_id = ?", (slot_id,))

    # -- objects -------------------------------------------------------------------------------------
    def object_by_sha256(self, sha256: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM objects WHERE sha256 = ?", (sha256,))

    def add_object(self, **o: Any) -> None:
        self.conn.execute(
            "INSERT INTO objects(name, sha256, md5, sha1, sha512, size, stored_utc)"
            " VALUES (:name, :sha256, :md5, :sha1, :sha512, :size, :stored_utc)",
            o,
        )

    def objects(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM objects ORDER BY name")

    def object_users(self, name: str) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM items WHERE object = ? AND status = 'active'", (name,)).fetchone()[0])

    def delete_object(self, name: str) -> None:
        self.conn.execute("DELETE FROM objects WHERE name = ?", (name,))

    # -- items -------------------------------------------------------------------------------------
    def insert_item(self, **it: Any) -> tuple[int, str]:
        it = {k: storable(v) for k, v in it.items()}
        cur = self.conn.execute(
            "INSERT INTO items(exhibit, name, name_raw, sha256, md5, sha1, sha512, size, mime, mime_description,"
            " object, duplicate_of, parent, path_in_parent, created_utc)"
            " VALUES ('pending', :name, :name_raw, :sha256, :md5, :sha1, :sha512, :size, :mime, :mime_description,"
            " :object, :duplicate_of, :parent, :path_in_parent, :created_utc)",
            it,
        )
        item_id = int(cur.lastrowid)
        exhibit = f"EX-{item_id:06d}"
        self.conn.execute("UPDATE items SET exhibit = ? WHERE id = ?", (exhibit, item_id))
        return item_id, exhibit

    def item(self, exhibit: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM items WHERE exhibit = ?", (exhibit,))

    def item_by_id(self, item_id: int) -> dict[str, Any] | None:
        return self.one("SELECT * FROM items WHERE id = ?", (item_id,))

    def items(self, *, include_retracted: bool = True) -> list[dict[str, Any]]:
        where = "" if include_retracted else "WHERE status = 'active'"
        return self.query(f"SELECT * FROM items {where} ORDER BY id")

    def first_with_sha256(self, sha256: str) -> dict[str, Any] | None:
        return self.one(
            "SELECT * FROM items WHERE sha256 = ? AND status = 'active' AND duplicate_of IS NULL ORDER BY id LIMIT 1",
            (sha256,),
        ) or self.one("SELECT * FROM items WHERE sha256 = ? AND status = 'active' ORDER BY id LIMIT 1", (sha256,))

    def children(self, exhibit: str) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM items WHERE parent = ? ORDER BY id", (exhibit,))

    def set_item(self, exhibit: str, **cols: Any) -> None:
        sets = ", ".join(f"{k} = :{k}" for k in cols)
        self.conn.execute(f"UPDATE items SET {sets} WHERE exhibit = :exhibit", {**cols, "exhibit": exhibit})

    def item_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM items").fetchone()[0])

    # -- acquisitions -------------------------------------------------------------------------------
    def add_acquisition(self, **a: Any) -> None:
        a = {k: storable(v) for k, v in a.items()}
        for k in ("libraries", "fs_times", "findings"):
            a[k] = json.dumps(a.get(k) or ([] if k != "fs_times" else {}), ensure_ascii=False, sort_keys=True)
        self.conn.execute(
            "INSERT INTO acquisitions(item_id, source_path, source_path_raw, source_text, method, examiner, host,"
            " tool, tool_version, libraries, acquired_utc, acquired_local, tz_name, fs_type, fs_times, stat_size,"
            " mtime_ns, findings) VALUES (:item_id, :source_path, :source_path_raw, :source_text, :method,"
            " :examiner, :host, :tool, :tool_version, :libraries, :acquired_utc, :acquired_local, :tz_name,"
            " :fs_type, :fs_times, :stat_size, :mtime_ns, :findings)",
            a,
        )

    def acquisitions(self, item_id: int) -> list[dict[str, Any]]:
        rows = self.query("SELECT * FROM acquisitions WHERE item_id = ? ORDER BY id", (item_id,))
        for r in rows:
            for k in ("libraries", "fs_times", "findings"):
                r[k] = json.loads(r[k])
            if r.get("source_path_raw") is not None:
                r["source_path_raw"] = bytes(r["source_path_raw"]).hex()
        return rows

    def acquisition_by_path(self, source_path: str, sha256: str | None = None) -> dict[str, Any] | None:
        if sha256 is None:
            return self.one(
                "SELECT a.*, i.exhibit, i.sha256, i.size FROM acquisitions a JOIN items i ON i.id = a.item_id"
                " WHERE a.source_path = ? AND i.status = 'active' AND i.parent IS NULL ORDER BY a.id DESC LIMIT 1",
                (source_path,),
            )
        return self.one(
            "SELECT a.*, i.exhibit, i.sha256, i.size FROM acquisitions a JOIN items i ON i.id = a.item_id"
            " WHERE a.source_path = ? AND i.sha256 = ? AND i.status = 'active' AND i.parent IS NULL LIMIT 1",
            (source_path, sha256),
        )

    # -- tags, notes, warnings --------------------------------------------------------------------
    def tags(self, item_id: int) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT tag FROM tags WHERE item_id = ? ORDER BY tag", (item_id,))]

    def add_tag(self, item_id: int, tag: str) -> bool:
        cur = self.conn.execute("INSERT OR IGNORE INTO tags(item_id, tag) VALUES (?, ?)", (item_id, tag))
        return cur.rowcount > 0

    def remove_tag(self, item_id: int, tag: str) -> bool:
        cur = self.conn.execute("DELETE FROM tags WHERE item_id = ? AND tag = ?", (item_id, tag))
        return cur.rowcount > 0

    def all_tags(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def add_warning(self, item_id: int, message: str, *, location: str | None, source: str, created_utc: str,
                    extraction_id: int | None = None) -> None:
        self.conn.execute(
            "INSERT INTO item_warnings(item_id, message, location, source, created_utc, extraction_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (item_id, storable(message), storable(location), storable(source), created_utc, extraction_id),
        )

    def warnings(self, item_id: int) -> list[dict[str, Any]]:
        return self.query(
            "SELECT message, location, source, created_utc FROM item_warnings WHERE item_id = ? ORDER BY id",
            (item_id,))

    # -- custody -------------------------------------------------------------------------------------
    def custody_head(self) -> tuple[int, str] | None:
        r = self.conn.execute("SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(r[0]), str(r[1])) if r else None

    def append_custody(self, ev: SignedEvent) -> None:
        self.conn.execute(
            "INSERT INTO custody(seq, event, hash, signature, exhibit) VALUES (?, ?, ?, ?, ?)",
            (ev.seq, json.dumps(ev.event, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
             ev.hash, ev.signature, ev.event.get("exhibit")),
        )

    def custody(self, exhibit: str | None = None) -> list[SignedEvent]:
        if exhibit is None:
            cur = self.conn.execute("SELECT event, hash, signature FROM custody ORDER BY rowid")
        else:
            cur = self.conn.execute(
                "SELECT event, hash, signature FROM custody WHERE exhibit = ? ORDER BY seq", (exhibit,))
        return [SignedEvent(json.loads(e), h, s) for e, h, s in cur.fetchall()]

    # -- intents ---------------------------------------------------------------------------------------
    def open_intent(self, intent_id: str, source_path: str | None, started_utc: str) -> None:
        self.conn.execute(
            "INSERT INTO intents(id, started_utc, source_path) VALUES (?, ?, ?)", (intent_id, started_utc, source_path))

    def set_intent_object(self, intent_id: str, object_name: str) -> None:
        self.conn.execute("UPDATE intents SET object_name = ? WHERE id = ?", (object_name, intent_id))

    def close_intent(self, intent_id: str, outcome: str, closed_utc: str) -> None:
        self.conn.execute(
            "UPDATE intents SET state = 'closed', outcome = ?, closed_utc = ? WHERE id = ?",
            (outcome, closed_utc, intent_id))

    def open_intents(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM intents WHERE state = 'open' ORDER BY started_utc")

    # -- retractions -------------------------------------------------------------------------------
    def add_retraction(self, **r: Any) -> None:
        self.conn.execute(
            "INSERT INTO retractions(exhibit, name, sha256, md5, size, retracted_by, retracted_utc, reason)"
            " VALUES (:exhibit, :name, :sha256, :md5, :size, :retracted_by, :retracted_utc, :reason)", r)

    def retraction(self, exhibit: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM retractions WHERE exhibit = ?", (exhibit,))
