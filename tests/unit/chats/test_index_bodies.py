"""The word-index bodies of a batch: "sender text", normalised, made by the extraction worker as one JSON array
(``index_payload``)."""

from __future__ import annotations

import json
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.chats.model import MessageBatch
from workbench.chats import index_payload, normalised_bodies
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
