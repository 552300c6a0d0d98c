"""The word-index bodies of a batch: read back from the stored rows, or given by the extraction worker where
normalising changes them (``index_payload``); stored in one statement."""

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


def test_payload_gives_only_the_bodies_the_stored_text_does_not_and_survives_a_lone_surrogate() -> None:
    b = _batch(["أحمد", None, "Ivan", "Ivan", "مكتب", ""],
               ["مُحَمَّد ٣", "system notice", "bad \udcff here", "plain ascii", "ok", "x"])
    got = json.loads(index_payload(b).decode("utf-8"))
    # 0: Arabic text and a sender whose alef folds; 2: not ASCII; 4: "مكتب" normalises to itself, but an
    # ASCII text under it is still "sender text" as stored; 1, 3, 5: exactly the stored sender and text
    assert got == {"0": "احمد محمد 3", "2": "Ivan bad \\udcff here"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _TEXT), _TEXT), min_size=1, max_size=8))
def test_payload_and_stored_text_together_make_every_body(pairs: list[tuple[str | None, str]]) -> None:
    senders, texts = [p[0] for p in pairs], [p[1] for p in pairs]
    given_ = {int(k): v for k, v in json.loads(index_payload(_batch(senders, texts)).decode("utf-8")).items()}
    made = [given_.get(j, (s or "") + " " + t) for j, (s, t) in enumerate(pairs)]
    assert made == normalised_bodies(_batch(senders, texts))
