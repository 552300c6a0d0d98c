"""The schema as numbered migrations, each applied in one transaction (``PRAGMA user_version``).

Add a step at the end; never edit a step that has shipped. Tests open a case made by an earlier schema
(``tests/unit/test_migrations.py``) and migrate it.
"""

from __future__ import annotations

from typing import Callable

import sqlcipher3

# -- step 1: the foundation ------------------------------------------------------------------------
STEP_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE examiners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    organisation TEXT,
    role TEXT,
    slot_id TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL UNIQUE,
    public_key_pem TEXT NOT NULL,
    added_utc TEXT NOT NULL,
    is_creator INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE objects (
    name TEXT PRIMARY KEY,          -- HMAC(vault key, sha256)
    sha256 TEXT NOT NULL UNIQUE,
    md5 TEXT NOT NULL,
    sha1 TEXT,
    sha512 TEXT,
    size INTEGER NOT NULL,
    stored_utc TEXT NOT NULL
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- AUTOINCREMENT: exhibit numbers are never reused
    exhibit TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,                     -- file name as found (invalid UTF-8 as surrogate escapes)
    name_raw BLOB,                          -- the raw bytes when the name is not valid UTF-8
    sha256 TEXT NOT NULL,
    md5 TEXT NOT NULL,
    sha1 TEXT,
    sha512 TEXT,
    size INTEGER NOT NULL,
    mime TEXT,
    mime_description TEXT,
    object TEXT REFERENCES objects(name),   -- NULL once retracted
    duplicate_of TEXT,                      -- exhibit first holding the same content
    parent TEXT,                            -- exhibit of the container (zip, email, pdf) for a child
    path_in_parent TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retracted')),
    sensitive INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_utc TEXT NOT NULL
);
CREATE INDEX items_sha256 ON items(sha256);
CREATE INDEX items_parent ON items(parent);

CREATE TABLE acquisitions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    source_path TEXT,
    source_path_raw BLOB,
    source_text TEXT,
    method TEXT,
    examiner TEXT NOT NULL,
    host TEXT,
    tool TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    libraries TEXT NOT NULL,            -- JSON
    acquired_utc TEXT NOT NULL,
    acquired_local TEXT NOT NULL,
    tz_name TEXT,
    fs_type TEXT,
    fs_times TEXT NOT NULL,             -- JSON: modified, changed, accessed, birth (UTC + offset)
    stat_size INTEGER,
    mtime_ns INTEGER,
    findings TEXT NOT NULL DEFAULT '[]' -- JSON list of {kind, message}
);
CREATE INDEX acquisitions_path ON acquisitions(source_path);

CREATE TABLE tags (
    item_id INTEGER NOT NULL REFERENCES items(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);

CREATE TABLE custody (
    seq INTEGER PRIMARY KEY,
    event TEXT NOT NULL,      -- the event as JSON (RFC 8785 canonical form)
    hash TEXT NOT NULL UNIQUE,
    signature TEXT NOT NULL,
    exhibit TEXT              -- copy of event.exhibit, for lookups
);
CREATE INDEX custody_exhibit ON custody(exhibit);
CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;

CREATE TABLE intents (
    id TEXT PRIMARY KEY,
    started_utc TEXT NOT NULL,
    source_path TEXT,
    object_name TEXT,         -- set once the object has been renamed into place
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    outcome TEXT,
    closed_utc TEXT
);

CREATE TABLE retractions (
    exhibit TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    md5 TEXT NOT NULL,
    size INTEGER NOT NULL,
    retracted_by TEXT NOT NULL,
    retracted_utc TEXT NOT NULL,
    reason TEXT NOT NULL
);

CREATE TABLE item_warnings (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    message TEXT NOT NULL,
    location TEXT,
    source TEXT,             -- which stage or extractor said it
    created_utc TEXT NOT NULL
);
"""

# -- step 2: derived data of extraction, full-text search -----------------------------------------
STEP_2 = """
CREATE TABLE extractions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    extractor TEXT NOT NULL,
    version TEXT NOT NULL,
    libraries TEXT NOT NULL DEFAULT '[]',
    started_utc TEXT NOT NULL,
    finished_utc TEXT,
    status TEXT NOT NULL,               -- ok, warnings, failed, killed, timeout
    current INTEGER NOT NULL DEFAULT 1  -- 0 once superseded by a re-extraction
);
CREATE INDEX extractions_item ON extractions(item_id);

CREATE TABLE fields (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    extraction_id INTEGER NOT NULL REFERENCES extractions(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,                -- JSON
    location TEXT
);
CREATE INDEX fields_item ON fields(item_id);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    extraction_id INTEGER REFERENCES extractions(id),
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    location TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX findings_item ON findings(item_id);

CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    extraction_id INTEGER NOT NULL REFERENCES extractions(id),
    field TEXT NOT NULL,
    location TEXT,
    text TEXT NOT NULL
);
CREATE INDEX texts_item ON texts(item_id);
-- Contentless word index over normalised text (Arabic folded, see workbench/textnorm.py);
-- rowid = texts.id. Snippets are cut from texts.text.
CREATE VIRTUAL TABLE texts_fts USING fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2');

CREATE TABLE background_jobs (
    item_id INTEGER NOT NULL REFERENCES items(id),
    extractor TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',   -- pending, done, failed
    PRIMARY KEY (item_id, extractor)
);

ALTER TABLE item_warnings ADD COLUMN extraction_id INTEGER REFERENCES extractions(id);
"""

# -- step 3: chat exports -----------------------------------------------------------------------
STEP_3 = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    extraction_id INTEGER NOT NULL REFERENCES extractions(id),
    app TEXT NOT NULL,
    importer TEXT NOT NULL,
    title TEXT,
    participants TEXT NOT NULL,      -- JSON list
    message_count INTEGER NOT NULL,
    first_time TEXT,
    last_time TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    decisions TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX conversations_item ON conversations(item_id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sender TEXT,
    time_as_written TEXT,
    time_local TEXT,
    time_utc TEXT,
    utc_reason TEXT,
    text TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',   -- JSON list of {name, kind, exhibit, missing}
    extra TEXT NOT NULL DEFAULT '{}',
    UNIQUE (conversation_id, seq)
);
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2');
"""

# -- step 4: indexes for the evidence table's sorts (the desktop application, workbench.queries.page) -----
# Each matches an ORDER BY of ``queries.SORT_COLUMNS`` followed by ``i.id``, so a page of a 100,000-item
# case sorted by name, size, type, time or state walks an index instead of sorting every row (0.8-1.2 s a
# page without them, measured by bench/gui.py).
STEP_4 = """
CREATE INDEX items_sort_name ON items(name COLLATE NOCASE, id);
CREATE INDEX items_sort_type ON items(coalesce(mime, ''), id);
CREATE INDEX items_sort_size ON items(size, id);
CREATE INDEX items_sort_created ON items(created_utc, id);
CREATE INDEX items_sort_sha256 ON items(sha256, id);
CREATE INDEX items_sort_status ON items(status, id);
"""


# -- step 5: messages found by their conversation's id range, not by a (conversation_id, seq) index --------
# A conversation's messages are stored by one writer with consecutive ids in seq order (``chats.
# ConversationStore``): message ``seq`` of a conversation is row ``first_message_id + seq - 1``. Readers
# take that rowid range, so the UNIQUE (conversation_id, seq) index, which cost a quarter of the time of
# storing a million messages, is dropped (the table is rebuilt without it; ids, and so the word index's
# rowids, are kept). Should an older case hold a conversation whose ids do not follow its seqs, its
# ``first_message_id`` stays NULL, the table keeps the index, and readers find that conversation by it.
_MESSAGES_5 = """
CREATE TABLE messages_5 (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sender TEXT,
    time_as_written TEXT,
    time_local TEXT,
    time_utc TEXT,
    utc_reason TEXT,
    text TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',   -- JSON list of {name, kind, exhibit, missing}
    extra TEXT NOT NULL DEFAULT '{}'
)"""
_MESSAGE_COLUMNS = ("id, conversation_id, seq, kind, sender, time_as_written, time_local, time_utc, utc_reason, text,"
                    " offset, length, attachments, extra")


def step_5(conn: sqlcipher3.Connection) -> None:
    conn.execute("ALTER TABLE conversations ADD COLUMN first_message_id INTEGER")
    # first id of each conversation whose ids follow its seqs (id - seq the same for all its messages)
    conn.execute(
        "UPDATE conversations SET first_message_id = (SELECT CASE WHEN min(m.id - m.seq) = max(m.id - m.seq)"
        " THEN min(m.id) END FROM messages m WHERE m.conversation_id = conversations.id)")
    conn.execute("UPDATE conversations SET first_message_id = (SELECT coalesce(max(id), 0) + 1 FROM messages)"
                 " WHERE message_count = 0 AND NOT EXISTS (SELECT 1 FROM messages m"
                 " WHERE m.conversation_id = conversations.id)")
    if conn.execute("SELECT count(*) FROM conversations WHERE first_message_id IS NULL").fetchone()[0]:
        return  # (see above: the index stays for those)
    conn.execute(_MESSAGES_5)
    conn.execute(f"INSERT INTO messages_5({_MESSAGE_COLUMNS}) SELECT {_MESSAGE_COLUMNS} FROM messages ORDER BY id")
    conn.execute("DROP TABLE messages")
    conn.execute("ALTER TABLE messages_5 RENAME TO messages")


# -- step 6: an item's acquisitions and warnings found by index (export reads them for every exhibit: without
# these, fetching the records of 10,000 exhibits scanned both tables 10,000 times, ~290 s of a 411 s export)
STEP_6 = """
CREATE INDEX acquisitions_item ON acquisitions(item_id);
CREATE INDEX item_warnings_item ON item_warnings(item_id);
"""


MIGRATIONS: list[str | Callable[[sqlcipher3.Connection], None]] = [STEP_1, STEP_2, STEP_3, STEP_4, step_5, STEP_6]
LATEST = len(MIGRATIONS)


def version(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlcipher3.Connection, *, target: int = LATEST) -> list[int]:
    """Apply the missing steps up to ``target``, each in its own transaction. Returns the steps applied."""
    applied = []
    current = version(conn)
    if current > LATEST:
        from ..errors import UserError

        raise UserError(
            f"this case was made by a newer version of the workbench (schema {current}, this one knows {LATEST})",
            hint="Update Evidence Workbench to open it.",
        )
    for step in range(current + 1, target + 1):
        body = MIGRATIONS[step - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(body):
                body(conn)
            else:
                for stmt in _split(body):
                    conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {step}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(step)
    return applied


def _split(script: str) -> list[str]:
    """Split a script into statements; triggers keep their BEGIN ... END bodies."""
    out: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        s = line.strip()
        if not s or s.startswith("--"):
            continue
        buf.append(line)
        if s.upper().startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if s.upper().endswith("END;"):
                out.append("\n".join(buf))
                buf, in_trigger = [], False
        elif s.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out
