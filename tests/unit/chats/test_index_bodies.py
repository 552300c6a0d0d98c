"""The word-index bodies of a batch: "sender text", normalised, made by the extraction worker as one JSON array
(``index_payload``)."""

from __future__ import annotations

import json
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.chats.model import MessageBatch
from workbench.chat_store import index_payload, normalised_bodies
from workbench.store.repository import storable
from workbench.textnorm import normalise

_TEXT = st.text(alphabet=st.sampled_from(list("abc é ءآأإابةتمحدُ َّ ٣\u0640\u200e\u200f\u064b\u0670ﻻ\n")), max_size=20)


def _batch(senders: list[str | None], texts: list[str]) -> MessageBatch:
    n = len(texts)
    return MessageBatch(1, ["user"] * n, senders, [None] * n, [None] * n, [None] * n, ["no time in the source"] * n,
                        texts, array("q", [0] * n), array("q", [0] * n))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _TEXT), _TEXT), min_size=1, max_size=8))
def test_bodies_are_the_normalised_sender_and_text(pairs: list[tuple[str | None, str]]) -> None:
    senders, texts = [p[0] for p in pairs], [p[1] for p in pairs]
    expected = [normalise((s or "") + " " + t) for s, t in pairs]
    assert normalised_bodies(_batch(senders, texts)) == expected


def test_payload_is_every_body_in_order_and_survives_a_lone_surrogate() -> None:
    b = _batch(["أحمد", None, "Ivan", "Ivan", "مكتب", ""],
               ["مُحَمَّد ٣", "system notice", "bad \udcff here", "plain ascii", "ok", "x"])
    got = json.loads(index_payload(b).decode("utf-8"))
    # the alef of the sender folds, the marks go, the Arabic-Indic digit becomes ASCII; a lone surrogate is
    # written as the visible escape the stored text has (``storable``)
    assert got == ["احمد محمد 3", " system notice", "Ivan bad \\udcff here", "Ivan plain ascii", "مكتب ok", " x"]
    b = _batch(["Zoë", "Zoe", "Zoe"], ["café ﻻ", "مُحَمَّد", "café"])
    # NFKC changes the first text (ﻻ), the marks go from the second; the third is NFKC already
    assert json.loads(index_payload(b).decode("utf-8")) == ["Zoë café لا", "Zoe محمد", "Zoe café"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _TEXT), _TEXT), min_size=1, max_size=8))
def test_payload_is_the_normalised_bodies(pairs: list[tuple[str | None, str]]) -> None:
    senders, texts = [p[0] for p in pairs], [p[1] for p in pairs]
    assert json.loads(index_payload(_batch(senders, texts)).decode("utf-8")) == normalised_bodies(
        _batch(senders, texts))


# Any character a chat may hold: JSON's escapes (quote, backslash, control characters), ASCII, Latin-1, the
# rest of the BMP (Arabic, Thai, CJK, bidi marks), astral (emoji), and lone surrogates.
_ANY = st.text(alphabet=st.one_of(st.sampled_from(list('"\\\n\r\t\b\f\x00\x01\x1f\x7f\x80é ÿ')),
                                  st.characters(max_codepoint=0x7F), st.characters(min_codepoint=0x80),
                                  st.sampled_from(["\ud800", "\udcff", "\U0001f600"])), max_size=30)


def _payload(use_c: bool, b: MessageBatch) -> bytes:
    from evidence.chats import _native

    saved = _native.native
    if saved is None:
        pytest.fail("the C accelerator is not built here (see test_native.test_accelerator_is_built)")
    _native.native = saved if use_c else None
    try:
        return index_payload(b)
    finally:
        _native.native = saved


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _ANY), _ANY), min_size=0, max_size=8))
def test_payload_from_c_is_the_same_bytes_as_from_json_dumps(pairs: list[tuple[str | None, str]]) -> None:
    b = _batch([p[0] for p in pairs], [p[1] for p in pairs])
    fast, slow = _payload(True, b), _payload(False, b)
    assert fast == slow
    assert json.loads(fast.decode("utf-8")) == [storable(x) for x in normalised_bodies(b)]


def test_c_writes_every_payload_without_a_lone_surrogate() -> None:
    """The C writer itself answers (not the fallback) for any text UTF-8 can carry, and leaves to the fallback
    (None) only a batch holding a lone surrogate."""
    from evidence.chats import _native

    if _native.native is None:
        pytest.fail("the C accelerator is not built here (see test_native.test_accelerator_is_built)")
    fn = _native.native.json_bodies
    prefix = {"Ann": "Ann ", None: " ", "أحمد": "احمد "}
    texts = ["plain", "é ÿ", "مرحبا", "ไทย 漢字", "\U0001f600 emoji", 'q"b\\\n\x01']
    for t in texts:
        got = fn(prefix, ["Ann", None, "أحمد"], [t, t, t])
        assert got is not None and json.loads(got) == ["Ann " + t, " " + t, "احمد " + t]
    assert fn(prefix, ["Ann", None], ["ok", "bad \udcff"]) is None
    assert fn({"x\ud800": "x\ud800 "}, ["x\ud800"], ["ok"]) is None
    assert fn({}, [], []) == b"[]"


def test_payload_from_c_escapes_what_json_must() -> None:
    b = _batch(["a\"b", None], ['x\\y\n\t\x01"', "ok é ش \U0001f600"])
    assert _payload(True, b) == ('["a\\"b x\\\\y\\n\\t\\u0001\\""," ok é ش \U0001f600"]').encode("utf-8")
