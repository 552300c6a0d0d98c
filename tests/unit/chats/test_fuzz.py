"""Property-based: any bytes into any chat importer end in conversations or UnsupportedFormat."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.chat import ChatExtractor
from evidence.chats.model import KINDS, Conversation, MessageBatch, StreamRestart, batches
from evidence.context import CollectingContext, Item, Provenance
from evidence.errors import UnsupportedFormat
from evidence.registry import chat_importers

SEEDS = [
    b"13/02/2020, 21:05 - Anna: Hallo\n", b"[2/13/20, 9:05:11 PM] Ann: hi\n", b"[2019-12-24, 12:23] J: x\n",
    b'{"name": "c", "type": "personal_chat", "messages": [{"id": 1, "type": "message", "date": "2020-01-01T00:00:00",'
    b' "date_unixtime": "1577836800", "from": "a", "text": ["x", {"type": "bold", "text": "y"}]}]}',
    b'{"participants": [{"name": "A"}], "messages": [{"sender_name": "A", "timestamp_ms": 1, "content": "\\u00c3\\u00a9"}],'
    b' "magic_words": []}',
    b'<div class="page_wrap"><div class="history"><div class="message default" id="message1"><div class="body">'
    b'<div class="date details" title="14.03.2020 21:05:11 UTC+03:00">21:05</div><div class="from_name">A</div>'
    b'<div class="text">hi &amp; <b>bye</b></div></div></div></div></div>',
]

fuzzed = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(SEEDS), st.binary(max_size=80), st.integers(0, 400)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2]:]
    ),
    st.tuples(st.sampled_from(SEEDS), st.integers(0, 400)).map(lambda t: t[0][: t[1]]),
)


def streamed(conv: Conversation, size: int) -> list[MessageBatch]:
    """What the extraction worker sends for a conversation, with the end-of-stream patch applied."""
    msgs = conv.messages
    if not hasattr(msgs, "stream") or msgs.final:
        return list(batches(conv, size))
    try:
        sent = list(msgs.stream(size))
    except StreamRestart:  # what the worker does: the receiver drops what it got; the final batches follow
        return list(batches(conv, size))
    for p in msgs.patch(msgs.finalise()):
        b = sent[(p.seq0 - 1) // size]
        j = p.seq0 - b.seq0
        for col in ("kinds", "senders", "as_written", "local", "utc", "utc_reason", "texts", "offsets", "lengths"):
            getattr(b, col)[j] = getattr(p, col)[0]
        for col in ("attachments", "extra"):
            getattr(b, col).pop(j, None)
            if 0 in getattr(p, col):
                getattr(b, col)[j] = getattr(p, col)[0]
    return sent


def check(conv: Conversation, data: bytes) -> None:
    assert isinstance(conv, Conversation)
    for i, m in enumerate(conv.messages, 1):
        assert m.seq == i and m.kind in KINDS
        assert 0 <= m.offset and m.offset + m.length <= len(data)
        assert isinstance(m.text, str)
        m.text.encode("utf-8")
    for w in conv.warnings:
        assert isinstance(w, str) and w
    assert streamed(conv, 3) == list(batches(conv, 3))


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=fuzzed)
def test_every_importer_either_parses_or_says_not_mine(data: bytes) -> None:
    for cls in chat_importers().values():
        for stream_first in (False, True):
            try:
                assert isinstance(cls.sniff(data[:65536], "x"), bool)
                convs = cls().parse(data, name="x", options={"timezone": "Asia/Muscat"})
            except UnsupportedFormat:
                break
            for conv in convs:
                if stream_first:  # as the worker does: batches before the whole-file decisions
                    assert streamed(conv, 2) == list(batches(conv, 2))
                check(conv, data)


@settings(max_examples=100, deadline=2000)
@given(data=fuzzed)
def test_extractor_never_raises(data: bytes) -> None:
    ctx = CollectingContext(Item("EX-1", "x.txt", "text/plain", len(data)), lambda: io.BytesIO(data),
                            Provenance("chat", "1.0"))
    ChatExtractor().extract(ctx)


def test_deep_json_nesting_is_refused_not_crashing() -> None:
    data = b'{"messages": ' + b"[" * 200000 + b"]" * 200000 + b', "date_unixtime": "1", "from_id": 1}'
    for cls in chat_importers().values():
        try:
            cls().parse(data, name="x", options={})
        except UnsupportedFormat:
            pass


def test_invalid_utf8_before_a_message_keeps_offsets_exact() -> None:
    """Found by the fuzz test: two undecodable bytes in a key before the message. Decoded with "replace",
    each became U+FFFD (three bytes when re-encoded), so the message pointed 4 bytes too far, past the end
    of the file. Decoded with "surrogateescape", each is one character that maps back to one byte."""
    data = b'{"\x80\x80":"","":"","messages":[{"":1,"":"","":"","":"","":"","text":["",{"":"","":""}]}]}'
    convs = chat_importers()["telegram-json"]().parse(data, name="x", options={"timezone": "Asia/Muscat"})
    (m,) = convs[0].messages
    check(convs[0], data)
    assert data[m.offset:m.offset + m.length] == b'["",{"":"","":""}]'
    assert any("not valid UTF-8" in w for w in convs[0].warnings)


def test_invalid_utf8_in_telegram_text_reads_as_replacement_character() -> None:
    data = (b'{"name": "c\xff", "type": "personal_chat", "messages": [{"id": 1, "type": "message", "date":'
            b' "2020-01-01T00:00:00", "date_unixtime": "1577836800", "from": "a\xfe", "text": "x\xffy"}]}')
    conv = chat_importers()["telegram-json"]().parse(data, name="x", options={})[0]
    (m,) = conv.messages
    assert m.text == "x\ufffdy" and m.sender == "a\ufffd" and conv.title == "c\ufffd"
    assert data[m.offset:m.offset + m.length] == b"x\xffy"


def test_invalid_utf8_in_telegram_html_keeps_offsets_exact() -> None:
    data = (b'<div class="page_wrap">\xff\xfe<div class="history"><div class="message default" id="message1">'
            b'<div class="body"><div class="from_name">A\xff</div><div class="text">hi \xff there</div></div></div>'
            b'</div></div>')
    conv = chat_importers()["telegram-html"]().parse(data, name="x", options={})[0]
    (m,) = conv.messages
    check(conv, data)
    assert data[m.offset:m.offset + m.length] == b"hi \xff there"
    assert m.text == "hi \ufffd there" and m.sender == "A\ufffd"
