"""Acceptance: every chat sample of ../shared/corpus/chats imports, and agrees with the raw facts.

Peers normalise (join lines with spaces, drop system messages, re-sort, render local time); where an
assertion differs from a peer's, the comment says why. We keep source order, every message, and text
exactly as written.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

from evidence.chat import ChatExtractor
from evidence.chats.facebook import repair
from evidence.context import CollectingContext, ConversationRecord, Item, Provenance

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
CHATS = CORPUS / "chats"
pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.skipif(
        not CORPUS.is_dir(),
        reason="../shared/corpus is absent: acceptance tests need the shared corpus beside the repository",
    ),
]


def samples() -> list[Path]:
    if not CHATS.is_dir():
        return []
    out = []
    for p in sorted(CHATS.rglob("*")):
        if p.is_file() and not p.name.endswith(".expected.json") and p.name not in ("target.json", "INDEX.json"):
            out.append(p)
    return out


def run(path: Path, **options: str) -> list:
    data = path.read_bytes()
    ctx = CollectingContext(Item("EX-1", path.name, "text/plain", len(data), options=dict(options)),
                            lambda: io.BytesIO(data), Provenance("chat", "1.0"))
    ChatExtractor().extract(ctx)
    return [r.conversation for r in ctx.of(ConversationRecord)]


def _unescape_span(raw: bytes, importer: str) -> str:
    s = raw.decode("utf-8", "replace")
    if importer in ("telegram-json", "messenger-json", "instagram-json"):
        v = json.loads(s if s.startswith("[") else '"' + s + '"')
        if isinstance(v, list):
            v = "".join(p if isinstance(p, str) else p.get("text", "") for p in v)
        return repair(v) if importer != "telegram-json" else v
    if importer == "telegram-html":
        s = re.sub(r"<br\s*/?>", "\n", s)
        return html.unescape(re.sub(r"<[^>]+>", "", s)).strip()
    return s


@pytest.mark.parametrize("path", samples(), ids=lambda p: str(p.relative_to(CHATS)))
def test_imports_and_offsets_point_at_text(path: Path) -> None:
    data = path.read_bytes()
    for conv in run(path):
        seqs = [m.seq for m in conv.messages]
        assert seqs == list(range(1, len(seqs) + 1))
        for m in conv.messages:
            assert 0 <= m.offset <= m.offset + m.length <= len(data)
            assert _unescape_span(data[m.offset:m.offset + m.length], conv.importer) == m.text, (m.seq, m.text)
            if m.time is not None:
                assert m.time.utc_reason


def conv_of(rel: str, **options: str):
    convs = run(CHATS / rel, **options)
    assert len(convs) == 1
    return convs[0]


def users(conv) -> list:
    return [m for m in conv.messages if m.kind != "system"]


def test_whatsapp_chatistics_chat1() -> None:
    conv = conv_of("whatsapp/Chatistics/_chat.txt")
    exp = json.loads((CHATS / "whatsapp/Chatistics/_chat.txt.expected.json").read_text())["peer_expected"]
    # The peer drops the sender-less info line; we keep it as a system message.
    assert [m.sender for m in users(conv)] == exp["senderName"]
    assert len(users(conv)) == exp["messages"] == 20
    assert [m.text for m in conv.messages if m.kind == "system"] == ["This is an info entry"]
    # Pseudo-headers in another format are continuations, as the peer says.
    summary = exp["text_summary_in_order"]
    for k in (0, 1, 2, 3, 4, 5, 12, 13, 17, 18, 19):  # the exact (not summarised) entries
        assert users(conv)[k].text == summary[k], k
    # The peer drops the C1 control run; we keep it (text as written).
    assert users(conv)[16].text.startswith("\x80\x81") and users(conv)[16].text.endswith(
        "[1.2.2019, 00:00:00] John Doe: this line is not a message on its own")
    assert len(conv.warnings) == 2


def test_whatsapp_chatistics_2_3_4_times() -> None:
    c2 = conv_of("whatsapp/Chatistics/_chat_2.txt")
    assert [m.time.local for m in c2.messages] == [
        "2019-09-17T16:37:47", "2019-09-17T16:38:06", "2019-09-17T16:38:59", "2019-09-17T16:39:52"]
    # _chat_3 has no day above 12: the order cannot be learned from the file. The peer's test is named
    # "us_datetime": it was told month-first, so we give the same instruction at import.
    c3 = conv_of("whatsapp/Chatistics/_chat_3.txt", date_order="mdy")
    exp3 = json.loads((CHATS / "whatsapp/Chatistics/_chat_3.txt.expected.json").read_text())["peer_expected"]
    # The peer drops both end-to-end notices; we keep them as system messages.
    assert [m.time.local[:16] for m in users(c3)] == exp3["datetimes_local"]
    assert sum(m.kind == "system" for m in c3.messages) == 2
    assert users(c3)[3].sender == "The final test" and users(c3)[3].text == "Does it work with colons?: Hallelujah!"
    c4 = conv_of("whatsapp/Chatistics/_chat_4.txt")
    assert [m.time.local for m in c4.messages] == ["2019-09-17T08:30:52", "2019-09-17T16:30:10", "2019-09-18T16:50:32"]


def test_whatsapp_mixed_orders_and_attachments() -> None:
    rel = "whatsapp/chat-history-manager-rust/whatsapp-text_2023-10/WhatsApp Chat with +123 45 6789.txt"
    conv = conv_of(rel)
    exp = json.loads((CHATS / (rel + ".expected.json")).read_text())["peer_expected"]
    msgs = users(conv)
    # The peer does not count the two leading notices and the timer notice; neither do users().
    assert len(msgs) == exp["msg_count"]
    # The peer trims the trailing blank line of the multi-line body; so do we (line breaks at the end).
    assert msgs[0].text == exp["messages"][0]["text"]
    assert msgs[4].attachments[0].name == "IMG-20230630-WA0000.jpg"
    assert [a.name for m in msgs[5:8] for a in m.attachments] == [
        "VID-20230630-WA0001.mp4", "AUD-20230630-WA0002.opus", "STK-20230630-WA0003.webp"]
    assert msgs[8].text == "null" and msgs[8].kind == "media"
    assert msgs[9].text == "<Media omitted>" and msgs[9].kind == "media"
    # Wall clock without the peer's synthetic seconds.
    assert msgs[0].time.local == "2023-06-30T16:14:00" and msgs[4].time.local == "2023-06-30T16:15:00"
    assert any("month-first" in d for d in conv.decisions) and any("day-first" in d for d in conv.decisions)
    assert conv.messages[-1].kind == "system"


@pytest.mark.parametrize("name", ["test_ddmmyy_24hrs.txt", "test_mmddyy_24hrs.txt", "test_mmddyyyy_12hrs.txt",
                                  "test_yyyymmdd_24hrs.txt", "test_[mmddyy]_24hrs.txt"])
def test_chat_miner_whatsapp(name: str) -> None:
    conv = conv_of(f"whatsapp/chat-miner/{name}")
    target = json.loads((CHATS / "whatsapp/chat-miner/target.json").read_text())
    # The peer lists newest first, drops system lines and the "John Doe:." line, and joins lines with a
    # space; we keep file order and line breaks. Compare after the same joining.
    ours = [m for m in users(conv) if m.text != "."]
    assert [(m.time.local, m.sender, m.text.replace("\n", " ")) for m in reversed(ours)] == [
        (t["timestamp"], t["author"], t["message"]) for t in target]
    dot = [m for m in conv.messages if m.text == "."]
    assert len(dot) == 1 and dot[0].sender == "John Doe"
    assert sum(m.kind == "system" for m in conv.messages) == 2


def test_langchain_whatsapp_files() -> None:
    conv = conv_of("whatsapp/langchain-community/examples_whatsapp_chat.txt")
    assert len(conv.messages) == 10
    assert [m.sender for m in conv.messages[:6]] == ["James", "User name", "User 2", "User 1", "~ User name 2", "~ User 2"]
    assert conv.messages[8].kind == "media" and conv.messages[9].kind == "deleted"
    assert conv.messages[6].time.as_written == "7/19/22, 11:32\u202fPM"
    unit = conv_of("whatsapp/langchain-community/unit_chat_loaders_whatsapp_chat.txt")
    assert unit.messages[0].kind == "system"
    assert users(unit)[0].text.startswith("I spotted a rare Hyacinth Macaw")
    assert sum(m.text == "image omitted" for m in unit.messages) == 3
    assert users(unit)[-1].time.local == "2023-08-15T21:25:16"


def test_whatsapp_chat_parser_cases() -> None:
    cases = json.loads((CHATS / "whatsapp/whatsapp-chat-parser/line_cases.expected.json").read_text())["cases"]
    for case in cases:
        conv = conv_of(f"whatsapp/whatsapp-chat-parser/line_cases/{case['id']}.txt")
        m = conv.messages[0]
        if "expected_date_iso_utc" in case:  # the peer ran with TZ=UTC: its Z values are wall clocks
            assert m.time.local == case["expected_date_iso_utc"][:19], case["id"]
            assert (m.sender, m.text) == (case["expected_author"], case["expected_message"]), case["id"]
        if "expected_attachment_fileName" in case:
            assert [a.name for a in m.attachments] == [case["expected_attachment_fileName"]], case["id"]
        if "expected_message_count" in case:
            assert len(conv.messages) == case["expected_message_count"], case["id"]
        if "expected_body" in case:
            assert m.text == case["expected_body"], case["id"]
        if "expected_system" in case:
            assert (m.kind == "system") == case["expected_system"], case["id"]
        if "expected_local_datetime" in case:
            assert m.time.local == case["expected_local_datetime"], case["id"]
    example = conv_of("whatsapp/whatsapp-chat-parser/index_test_chatExample.txt")
    assert len(example.messages) == 5 and sum(m.kind == "system" for m in example.messages) == 2
    # The peer keeps the file's final newline in the body; we end the span at the end of the last line.
    assert example.messages[4].text == "How are you?\n\nIs everything alright?"
    assert [m.time.local[:10] for m in example.messages[2:]] == ["2017-06-03", "2017-08-05", "2017-09-04"]
    issue = conv_of("whatsapp/whatsapp-chat-parser/index_test_issue237.txt")
    assert [m.time.local for m in issue.messages] == ["2020-12-30T13:00:00", "2021-01-13T13:00:00"]


def test_signal() -> None:
    conv = conv_of("signal/chat-miner/test_export.txt")
    assert conv.importer == "signal-text"
    # The peer joins lines with a space and lists newest first.
    assert [(m.time.local, m.sender, m.text) for m in conv.messages] == [
        ("2019-12-24T12:23:00", "Jane Doe", "Hello John!"), ("2020-01-17T21:49:00", "John Doe", "Hello\nJane!")]


def test_telegram_json_samples() -> None:
    base = "telegram/chat-history-manager-rust/"
    full = run(CHATS / (base + "telegram_2020-01/result.json"))
    assert len(full) == 4
    null_chat = [c for c in full if c.title is None][0]
    assert [m.text for m in null_chat.messages] == [
        "Message from null-names contact", "These messages...", "...have the same timestamp...",
        "...but different IDs...", "...and we expect order to be preserved."]
    c = conv_of(base + "telegram_2021-06_supergroup/result.json")
    assert [m.extra["id"] for m in c.messages][:3] == [-999681092, -999681090, -999681087]
    assert c.messages[1].text == "Message text with emoji 🙂" and c.messages[0].kind == "system"
    c = conv_of(base + "telegram_2023-01/result.json")
    # File order kept: the peer re-sorts id 1 before id -999999999.
    assert [m.extra["id"] for m in c.messages[:2]] == [-999999999, 1]
    assert c.messages[1].time.utc == "2016-02-10T16:55:02Z" and c.messages[1].time.offset_minutes == 300
    assert "date_unixtime" in c.messages[1].time.utc_reason
    c = conv_of(base + "telegram_2023-08/result.json")
    assert c.messages[1].time.offset_minutes == 480 and c.messages[1].text == "My message!"
    c = conv_of(base + "telegram_2024-02_create-channel_saved-from/result.json")
    assert c.messages[1].extra["forwarded_from"] == "Forwarded From Name"
    c = conv_of("telegram/chat-miner/test_single_export.json")
    # The peer joins entity texts with a space; the export's own text is the plain concatenation.
    assert [m.text for m in c.messages] == ["Minimal Message", "Link:https://telegram.org/"]
    assert c.messages[0].time.utc == "2018-12-05T10:39:10Z"
    c = conv_of("telegram/langchain-community/telegram_chat_json/result.json")
    assert c.messages[0].time.local == "2023-08-23T13:11:23" and c.messages[0].time.utc == "2023-08-23T20:11:23Z"
    c = conv_of("telegram/langchain-community/test_docs_telegram.json")
    # cp1252 mojibake in the sender is kept raw, as the quirks note asks.
    assert c.messages[2].sender == "Grace ðŸ§¤ ðŸ\x8d’" and c.messages[0].time.utc is None


def test_telegram_html() -> None:
    c = conv_of("telegram/langchain-community/telegram_chat_html/messages.html")
    msgs = users(c)
    assert [(m.sender, m.text) for m in msgs] == [
        ("Jimmeny Marvelton", "i refuse to converse with you"), ("Batman & Robin", "Hi nemesis"),
        ("Jimmeny Marvelton", "we meet again"), ("Jimmeny Marvelton", "you will not trick me this time")]
    assert msgs[0].time.utc == "2023-08-23T21:11:23Z" and msgs[0].time.offset_minutes == -480
    assert "joined" in msgs[3].extra


def test_messenger_and_instagram() -> None:
    c = conv_of("messenger/langchain-community/facebook_chat.json")
    assert c.importer == "messenger-json" and len(c.messages) == 11
    # Compare in UTC: the peer rendered its machine's local time (UTC+2).
    assert c.messages[0].time.utc == "2023-02-05T11:46:11.851Z" and c.messages[0].text == "Bye!"
    assert c.messages[-1].time.utc == "2023-02-04T22:17:02.673Z"
    assert [a.name for m in c.messages for a in m.attachments] == ["url_of_some_picture.jpg"]
    assert any("newest first" in d for d in c.decisions)
    i = conv_of("instagram/chat-miner/test_export.json")
    assert i.importer == "instagram-json"
    assert [(m.time.utc[:19], m.sender, m.text) for m in i.messages] == [
        ("2020-01-17T20:49:00", "John Doe", "Hello Jane!"), ("2019-12-24T11:23:00", "Jane Doe", "Hello John!")]


def test_not_chats_report_nothing() -> None:
    # The legacy Messenger HTML is not supported (see evidence/chats/facebook.py); an e-mail is not a chat.
    assert run(CHATS / "messenger/fbchat-archive-parser/simulated_data.htm") == []
    assert run(CHATS / "email/langchain-community/fake-email-attachment.eml") == []
