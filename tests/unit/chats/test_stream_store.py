"""Large line exports through the real extraction worker: read, sent and stored while the rest of the file is
still being read (``evidence.chats._linestream``). What is stored must be what parsing the whole file first
gives: messages, warnings and decisions, also when a later part of the file changes the first decisions."""

from __future__ import annotations

from pathlib import Path

from evidence.chats import _lines
from tests.conftest import write
from tests.unit.test_chat_store import expected_rows, stored
from workbench.ingest import import_paths


def whole_file(data: bytes) -> tuple[list[str], list[dict], list[str], list[str]]:
    from evidence.chats.whatsapp import WhatsAppText

    saved = _lines.PREFIX
    _lines.PREFIX = 10**9
    try:
        conv = WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options={"timezone": "Asia/Muscat"})[0]
        assert conv.messages.feeder is None
        participants, rows = expected_rows(data)
        return participants, rows, list(conv.warnings), list(conv.decisions)
    finally:
        _lines.PREFIX = saved


def check(new_case, path: Path) -> dict:
    res = import_paths(new_case, [path], options={"timezone": "Asia/Muscat"})
    conv, rows = stored(new_case, res.items[0]["exhibit"])
    participants, want, warnings, decisions = whole_file(path.read_bytes())
    assert conv["participants"] == participants
    assert conv["warnings"] == warnings and conv["decisions"] == decisions
    assert conv["message_count"] == len(rows) == len(want)
    got = [(r["seq"], r["time_local"], r["time_utc"], r["sender"], r["text"], r["offset"], r["length"]) for r in rows]
    assert got == [(w["seq"], w["time_local"], w["time_utc"], w["sender"], w["text"], w["offset"], w["length"])
                   for w in want]
    return conv


def test_a_quoted_header_late_in_a_large_export_is_stored_as_the_whole_file_decides(new_case, tmp_path) -> None:
    rows = [f"{13 + i // 5000 % 15:02d}/03/2021, {i // 60 % 24:02d}:{i % 60:02d} - {'Ann' if i % 3 else 'Bob'}: "
            f"message {i}\n" for i in range(45000)]
    rows[30000] += "[1/2/21, 3:04:05 PM] Zed: quoted from another chat\n"
    path = tmp_path / "ev" / "WhatsApp Chat with Ann.txt"
    write(path, b"exported by a tool\n" + "".join(rows).encode())
    conv = check(new_case, path)
    assert any("written differently" in w for w in conv["warnings"])
    assert any("text before the first message header" in w for w in conv["warnings"])
    assert conv["message_count"] == 45001


def test_a_late_switch_of_date_order_resends_the_conversation(new_case, tmp_path) -> None:
    # 13/01 proves day-first; then 30,000 ambiguous dates, then month-first proofs: the later half of the
    # ambiguous ones is nearer a month-first proof, after the first of them have been sent day-first.
    rows = ["13/01/2021, 08:00 - Ann: first\n"]
    rows += [f"01/02/2021, {i // 60 % 24:02d}:{i % 60:02d} - Bob: ambiguous {i}\n" for i in range(30000)]
    rows += [f"02/{13 + i // 2000 % 15}/2021, {i // 60 % 24:02d}:{i % 60:02d} - Ann: later {i}\n" for i in range(30000)]
    path = tmp_path / "ev" / "WhatsApp Chat with Ann.txt"
    write(path, "".join(rows).encode())
    conv = check(new_case, path)
    assert any("switches inside the file" in d for d in conv["decisions"])
    assert new_case.repo.query("SELECT count(*) AS n FROM conversations")[0]["n"] == 1
