"""Building the message columns of a line-based export from its header positions (see ``_lines``).

One pass over the headers finds each body (after "Name: ", leading U+200E / U+200F left out, trailing
line breaks left out), the sender and the kind; nothing is decoded except senders (once per distinct
name) and the few bodies that need a closer look. Then the decisions that need the whole file
(``finish_kinds``):

System messages: a header line with no "Name:" part; a body that is a known system text (tables
``system_exact``, ``system_templates``); a body containing a system phrase (table ``system_contains``) when
the body starts with U+200E (how iOS marks notices), or starts with the sender's own name (Android "X: X
updated the message timer"), or when that "sender" never writes an ordinary message (a group name
attributed to "Messages and calls are end-to-end encrypted"); a body that starts with U+200E / U+200F and
contains a phrase of ``system_contains_marked`` (phrases such as "was added", too common to be trusted
without the mark); and a "sender" that itself reads as a system phrase (a notice whose own text contains
": ") or is a notice word of ``system_senders`` (Polish Android "Dodano: NAME"). "Name:" with no space
after the colon is a sender only when that name writes ordinary messages elsewhere in the file. Each
change of kind is written in the message's extra ("system_by").

Which bodies get a closer look (``_wa_body.classify_slow``): those not settled by the exact lookup whose
first line ends in ')' or '>', that start with '<', whose last byte is '>' (a caption, then "<attached:
NAME>" or an edited marker), or whose last ``TAIL`` bytes are a key of ``trailing_keys`` (a caption or a
document's name, then "image omitted"). The checks cost a byte comparison and one lookup of an 8-byte
slice, so most messages never leave the loop.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import compress
from typing import Any

from evidence.chats import _native
from evidence.chats._common import LineIndex, strip_marks
from evidence.chats._linecols import LineMessages, LineTimes
from evidence.chats._wa_body import TAIL, classify_slow, exact_bodies, trailing_keys
from evidence.chats._wa_notices import is_system_sender, looks_system, looks_system_marked
from evidence.chats.model import KINDS, Conversation

USER, SYSTEM = KINDS.index("user"), KINDS.index("system")
_LRM = (b"\xe2\x80\x8e", b"\xe2\x80\x8f")
_ORDINARY = bytes(0 if k == SYSTEM else 1 for k in range(256))


def _exact_codes() -> dict[bytes, tuple[int, dict[str, str] | None]]:
    out: dict[bytes, tuple[int, dict[str, str] | None]] = {}
    for body, (kind, media) in exact_bodies().items():
        extra = {"media": media} if media else None
        if kind == "system":
            extra = {**(extra or {}), "system_by": "system text table"}
        out[body] = (KINDS.index(kind), extra)
    return out


def indices_of(arr: array, value: int) -> list[int]:  # type: ignore[type-arg]
    """Positions of ``value`` in ``arr`` (each gap scanned at C speed)."""
    out, i = [], -1
    try:
        while True:
            i = arr.index(value, i + 1)
            out.append(i)
    except ValueError:
        return out


class LineBuilder:
    """Builds the columns of ``LineMessages`` header by header, on demand (``build_to``): a streamed
    conversation builds each batch just before sending it, so that work overlaps with the core storing
    the previous batch. ``finish()`` then makes the decisions that need the whole file."""

    def __init__(self, data: bytes, conv: Conversation, final: Sequence[int], starts: array, hends: array,  # type: ignore[type-arg]
                 lines: LineIndex, *, complete: bool = True) -> None:
        self.data, self.final, self.starts, self.hends = data, final, starts, hends
        self.bstart, self.bend, self.snd, self.hid = array("q"), array("q"), array("i"), array("i")
        self.kind = bytearray()
        self.atts: dict[int, list[Any]] = {}
        self.extra: dict[int, dict[str, Any]] = {}
        self.names: list[str | None] = [None]
        self.sid_of_bytes: dict[bytes, int] = {}
        self.sid_of_name: dict[str, int] = {}
        self.note: str | None = None  # the warning on text before the first header
        self.pending: list[tuple[int, int]] = []  # (message index, colon position): "Name:" with no space
        self.special: list[int] = []  # candidates for system-notice checks
        first = starts[final[0]]
        pre = data[:first]
        if strip_marks(pre.decode("utf-8", "replace")).strip():
            s = 3 if pre.startswith(b"\xef\xbb\xbf") else 0
            e = len(pre)
            while e > s and pre[e - 1] in (10, 13):
                e -= 1
            self.bstart.append(s)
            self.bend.append(e)
            self.snd.append(0)
            self.kind.append(SYSTEM)
            self.hid.append(final[0])
            self.extra[0] = {"note": "text before the first message header"}
            self.note = (f"lines 1-{lines.line_of(first) - 1}: text before the first message header; "
                         "kept as a message without sender or time")
            conv.warnings.append(self.note)
        self.pre = len(self.kind)
        self.total = self.pre + len(final)
        self.k = 0  # final headers built so far
        self.exact_codes = _exact_codes()
        self.exact_get = self.exact_codes.get
        self.exact_max = max(map(len, self.exact_codes), default=0)
        self.tails = trailing_keys()
        self.nexts = array("q", map(starts.__getitem__, final[1:]))  # where the message after each one starts
        if complete:  # (otherwise more headers are still to be read: see ``_linestream``)
            self.nexts.append(len(data) + 1)

    def build_to(self, k1: int) -> None:
        """Build the messages of final headers ``self.k`` to ``k1``."""
        k0 = self.k
        if k1 <= k0:
            return
        self.k = k1
        if _native.native is not None:
            self._build_native(k0, k1)
        else:
            self._build_python(k0, k1)

    def _new_sender(self, sb: bytes) -> int:
        """The sender id of raw name bytes not seen before (two spellings may decode to one name)."""
        name = sb.decode("utf-8", "replace")
        sid = self.sid_of_name.get(name)
        if sid is None:
            sid = self.sid_of_name[name] = len(self.names)
            self.names.append(name)
        self.sid_of_bytes[sb] = sid
        return sid

    def _build_native(self, k0: int, k1: int) -> None:
        """``_build_python`` in C (``_speedups.build``), which hands back what needs a closer look: bodies
        to classify, placeholders with extra facts, and the lists of ``finish``."""
        bs, be, snd, kind, hid, pending, special, slow, exact_extra = _native.native.build(  # type: ignore[union-attr]
            self.data, self.final, k0, k1, self.nexts, self.hends, self.sid_of_bytes, self._new_sender,
            self.exact_codes, self.exact_max, len(self.kind) - 1, SYSTEM, USER, self.tails, TAIL)
        self.bstart.frombytes(bs)
        self.bend.frombytes(be)
        self.snd.frombytes(snd)
        self.kind.extend(kind)
        self.hid.frombytes(hid)
        self.pending.extend(pending)
        self.special.extend(special)
        for idx, ex in exact_extra:
            self.extra[idx] = dict(ex)
        data = self.data
        for idx in slow:
            self._classify(idx, data[self.bstart[idx]:self.bend[idx]])

    def _classify(self, idx: int, body: bytes) -> None:
        k, a, extra = classify_slow(body.decode("utf-8", "replace"))
        self.kind[idx] = KINDS.index(k)
        if a:
            self.atts[idx] = a
        if extra:
            self.extra[idx] = extra

    def _build_python(self, k0: int, k1: int) -> None:
        data, hends, exact_get, tails, ntail = self.data, self.hends, self.exact_get, self.tails, -TAIL
        extra, special, pending = self.extra, self.special, self.pending
        find, startswith = data.find, data.startswith
        bs_app, be_app, snd_app = self.bstart.append, self.bend.append, self.snd.append
        k_app, h_app = self.kind.append, self.hid.append
        sget = self.sid_of_bytes.get
        idx = len(self.kind) - 1
        for i, nxt in zip(self.final[k0:k1], self.nexts[k0:k1]):
            idx += 1
            he = hends[i]
            end = nxt - 1
            while end > he and data[end - 1] in (10, 13):
                end -= 1
            eol = find(b"\n", he, end)
            fl_end = end if eol == -1 else eol
            colon = find(b": ", he, fl_end)
            h_app(i)
            be_app(end)
            if colon == -1:
                c1 = find(b":", he, fl_end)
                if c1 > he:
                    pending.append((idx, c1))
                bs_app(he)
                snd_app(0)
                k_app(SYSTEM)
                continue
            sb = data[he:colon]
            sid = sget(sb)
            if sid is None:
                sid = self._new_sender(sb)
            snd_app(sid)
            bs = colon + 2
            while startswith(_LRM, bs):
                bs += 3
            bs_app(bs)
            body = data[bs:end]
            ex = exact_get(body)
            if ex is not None:
                k_app(ex[0])
                if ex[1]:
                    extra[idx] = dict(ex[1])
                continue
            last = data[fl_end - 1] if fl_end > bs else 0
            k_app(USER)
            if (last in (41, 62) or (last == 13 and data[fl_end - 2] in (41, 62)) or body[:1] == b"<"
                    or (end > bs and data[end - 1] == 62) or body[ntail:] in tails):
                self._classify(idx, body)
            if bs != colon + 2 or startswith(sb, bs):
                special.append(idx)

    def finish(self, msgs: LineMessages) -> tuple[list[str], set[int]]:
        """Build the rest, then the whole-file decisions: (participants, indexes of the messages changed)."""
        self.build_to(len(self.final))
        touched: set[int] = set()
        participants = finish_kinds(msgs, self.pending, self.special, self.sid_of_name, touched)
        return participants, touched


def build(data: bytes, conv: Conversation, final: Sequence[int], hdk: Sequence[int], dlocal: list[str | None],
          starts: array, hends: array, aws: array, awe: array, tids: array, hms: list[str | None],  # type: ignore[type-arg]
          zone: Any, no_zone_reason: str, lines: LineIndex, *, complete: bool = True) -> LineMessages:
    """The messages of the final headers: built when first needed (see ``LineMessages``). ``complete``:
    every header of the file has been read (otherwise a ``_linestream.Feeder`` reads on)."""
    b = LineBuilder(data, conv, final, starts, hends, lines, complete=complete)
    times = LineTimes(dlocal, hms, zone, no_zone_reason)
    return LineMessages(data, builder=b, aws=aws, awe=awe, hdk=hdk, tids=tids, times=times)


def finish_kinds(msgs: LineMessages, pending: list[tuple[int, int]], special: list[int],
                 sid_of_name: dict[str, int], touched: set[int]) -> list[str]:
    """The decisions that need the whole file (module docstring). Returns the participants; the indexes
    of the messages it changes are added to ``touched``."""
    data, kind, snd, bstart, extra, names = msgs.data, msgs.kind, msgs.snd, msgs.bstart, msgs.extra, msgs.names
    for i in special:
        if kind[i] != USER:
            continue
        text = msgs.text(i)
        if looks_system(text):
            why = "system phrase table"
        elif bstart[i] >= 3 and data[bstart[i] - 3:bstart[i]] in _LRM and looks_system_marked(text):
            why = "system phrase table (a phrase trusted only after U+200E / U+200F, as iOS marks notices)"
        else:
            continue
        kind[i] = SYSTEM
        extra.setdefault(i, {})["system_by"] = why
        touched.add(i)
    present = sorted(set(snd) - {0})  # sender ids are given in order of first appearance
    notices = {sid for sid in present
               if looks_system(names[sid]) or is_system_sender(names[sid])}  # type: ignore[arg-type]
    for sid in notices:
        raw = names[sid].encode("utf-8") + b": "  # type: ignore[union-attr]
        for i in indices_of(snd, sid):
            start = data.rfind(raw, 0, bstart[i])
            if start != -1:
                bstart[i] = start
            kind[i] = SYSTEM
            snd[i] = 0
            msgs.atts.pop(i, None)
            extra.setdefault(i, {})["system_by"] = "the text before ': ' reads as a system notice"
            touched.add(i)
    if len(present) > 1:
        counts = Counter(compress(snd, kind.translate(_ORDINARY)))
        for sid in present:
            if sid in notices or not 1 <= counts.get(sid, 0) <= 3:
                continue
            ordinary = [i for i in indices_of(snd, sid) if kind[i] != SYSTEM]
            if all(looks_system(msgs.text(i)) for i in ordinary):
                for i in ordinary:
                    kind[i] = SYSTEM
                    extra.setdefault(i, {})["system_by"] = ("system phrase attributed to a name that writes no "
                                                            "ordinary message")
                    touched.add(i)
    counts = Counter(compress(snd, kind.translate(_ORDINARY)))
    for i, c1 in pending:
        he = bstart[i]  # a header with no "Name: " keeps its body from the header's end
        sid = sid_of_name.get(data[he:c1].decode("utf-8", "replace"))
        if sid is not None and counts.get(sid, 0) > 0:
            snd[i] = sid
            kind[i] = USER
            bstart[i] = c1 + 1
            touched.add(i)
    return [names[sid] for sid in present if counts.get(sid, 0) > 0]  # type: ignore[misc]
