"""Property-based: any bytes into any chat importer end in conversations or UnsupportedFormat."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.chat import ChatExtractor
from evidence.chats.model import KINDS, Conversation
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


def check(conv: Conversation, data: bytes) -> None:
    assert isinstance(conv, Conversation)
    for i, m in enumerate(conv.messages, 1):
        assert m.seq == i and m.kind in KINDS
        assert 0 <= m.offset and m.offset + m.length <= len(data)
        assert isinstance(m.text, str)
        m.text.encode("utf-8")
    for w in conv.warnings:
        assert isinstance(w, str) and w


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=fuzzed)
def test_every_importer_either_parses_or_says_not_mine(data: bytes) -> None:
    for cls in chat_importers().values():
        try:
            assert isinstance(cls.sniff(data[:65536], "x"), bool)
            convs = cls().parse(data, name="x", options={"timezone": "Asia/Muscat"})
        except UnsupportedFormat:
            continue
        for conv in convs:
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
