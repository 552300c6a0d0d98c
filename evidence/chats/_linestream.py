"""Reading a large line export while its first messages are already being stored.

The whole-file decisions (``_linedecide``) need every header, but for an ordinary export they are settled
by its first lines: one header shape, every date and time possible, and a date that proves the day/month
order. ``parse_lines`` reads ``PREFIX`` headers (more while no date proves the order); when they are of
that kind (``streamable``), the rest of the file is read ``CHUNK`` headers at a time by a ``Feeder`` as the
messages are built, and each chunk is checked to be of the same kind (the shape, a possible date and time,
no date proving the other order). Then the decisions over the whole file are the ones already taken.

A chunk that is not (a quoted header of another shape, an impossible date, a switch of date order) stops
that: the rest of the file is read and decided as a whole. When the whole-file decisions keep every
message already built as it was (the same headers, the same dates), building goes on from there with
them; otherwise the messages are built again from the start, and a stream that had already sent some
raises ``StreamRestart`` so that its receiver drops them and takes the conversation again (rare: it needs
a file whose first chunks and the rest disagree, e.g. a locale switch after the first 20,000 messages that
makes those first dates read otherwise). The result is always what deciding the whole file first gives.
"""

from __future__ import annotations

import gc
from array import array
from typing import Any

from evidence.chats._common import LineIndex
from evidence.chats._linedecide import Decision, decide, order_of, order_option
from evidence.chats._linescan import Scan
from evidence.chats.model import Conversation

PREFIX = 20000  # headers read before the first decisions
CHUNK = 20000  # headers read at a time after that
PROVEN, UNPROVEN, COMPLEX = "proven", "unproven", "complex"


def streamable(scan: Scan) -> str:
    """PROVEN when the headers read so far are one shape, all possible, and prove one date order;
    UNPROVEN when only that proof is missing; COMPLEX otherwise (decide the whole file first)."""
    dt, tt = scan.dtoks, scan.ttoks
    if len(scan.fmap) != 1 or any(t is None or t.forced == "bad" for t in dt) or any(t.hms is None for t in tt):
        return COMPLEX
    if len({t.shape for t in dt}) != 1 or len({t.shape for t in tt}) != 1:  # type: ignore[union-attr]
        return COMPLEX
    forced = {t.forced for t in dt} - {None}  # type: ignore[union-attr]
    if len(forced) > 1:
        return COMPLEX
    return PROVEN if forced else UNPROVEN


class Feeder:
    """Reads the rest of a streamable file into a ``LineMessages`` as it is built (module docstring)."""

    def __init__(self, scan: Scan, msgs: Any, conv: Conversation, dec: Decision, options: dict[str, Any] | None,
                 lines: LineIndex, others: list[str]) -> None:
        self.scan, self.msgs, self.conv, self.options, self.lines, self.others = scan, msgs, conv, options, lines, others
        self.complete = False
        self.restarted = False
        t0 = next(t for t in scan.dtoks if t is not None)
        self.dshape, self.tshape = t0.shape, scan.ttoks[0].shape
        self.order = next(t.forced for t in scan.dtoks if t is not None and t.forced is not None)
        self.opt_order = order_option(options)

    def grow(self) -> None:
        """Read the next chunk (or, when it breaks the pattern, the whole rest) into the messages."""
        was = gc.isenabled()
        gc.disable()
        try:
            self._grow()
        finally:
            if was:
                gc.enable()

    def finish(self) -> None:
        while not self.complete:
            self.grow()

    def _grow(self) -> None:
        s, b, times = self.scan, self.msgs.builder, self.msgs.times
        n0, nd0, nt0 = len(s), len(s.dtoks), len(s.ttoks)
        s.more(CHUNK)
        new_d = []
        fits = len(s.fmap) == 1 and all(t.hms is not None and t.shape == self.tshape for t in s.ttoks[nt0:])
        for tok in s.dtoks[nd0:] if fits else ():
            if tok is None or tok.shape != self.dshape or tok.forced not in (None, self.order):
                fits = False
                break
            d = tok.iso(order_of(tok, self.order, self.opt_order))
            if d is None:
                fits = False
                break
            new_d.append(d)
        if not fits:
            s.more(None)
            self._settle()
            return
        times.dlocal.extend(new_d)
        times.dT.extend(d + "T" for d in new_d)
        times.hms.extend(t.hms for t in s.ttoks[nt0:])
        b.final = range(len(s))
        b.nexts.extend(s.starts[n0:])
        b.total = b.pre + len(s)
        if s.done:
            self._settle()

    def _settle(self) -> None:
        """The whole file is read: take its decisions, keeping what was built when they agree with it."""
        from evidence.chats._linebuild import LineBuilder
        from evidence.chats._linecols import LineTimes
        from evidence.chats._lines import compose

        s, msgs = self.scan, self.msgs
        b, times = msgs.builder, msgs.times
        dec = decide(s, self.options, self.lines)
        k = b.k
        same = bool(dec.final) and dec.final[0] == b.final[0]  # (the same text before the first header)
        if same and k:
            old, new = b.final[:k + 1], dec.final[:k + 1]
            same = (new == old if isinstance(new, range) and isinstance(old, range)  # (no million-int arrays)
                    else len(new) == len(old) and array("i", new) == array("i", old))
            if same and not (dec.fast and dec.dlocal[:len(times.dlocal)] == times.dlocal):
                hs = old[:k]
                same = (list(map(dec.dlocal.__getitem__, map(dec.hdk.__getitem__, hs)))
                        == list(map(times.dlocal.__getitem__, map(msgs.hdk.__getitem__, hs))))
        new_times = LineTimes(dec.dlocal, [t.hms for t in s.ttoks], times.zone, times.reason)
        if same:
            b.final = dec.final
            fin = dec.final
            b.nexts = (s.starts[fin.start + fin.step:fin.stop:fin.step] if isinstance(fin, range) and fin.step > 0
                       else array("q", map(s.starts.__getitem__, fin[1:])))
            b.nexts.append(len(s.data) + 1)
            b.total = b.pre + len(dec.final)
            msgs.rebind(b, dec.hdk, new_times)
        else:
            if not dec.final:  # cannot happen: the headers read first were possible in any order
                raise AssertionError("line engine: no header left after reading the whole file")
            nb = LineBuilder(s.data, self.conv, dec.final, s.starts, s.hends, self.lines)
            msgs.rebind(nb, dec.hdk, new_times)
            self.restarted = bool(k)
        self.complete = True
        compose(self.conv, dec, self.others, msgs.builder)
        msgs.feeder = None  # (no cycle left: the conversation is freed as soon as it is dropped)
