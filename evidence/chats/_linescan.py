"""The header pass of the line engine, resumable: ``Scan`` reads header lines a chunk at a time.

Each header line costs one regex match; its columns (positions, date, time and frame) are then read a few
thousand matches at a time with ``map`` (C speed, no Python step per header: the pass went from 2.1-2.4 to
1.7-2.1 CPU-s for a million headers), and a date, a time of day and a frame are interpreted once per
distinct value. Because the
pass can stop and go on, a large export is read in chunks: the messages of the first chunks are built and
stored while the rest of the file is still being read (see ``_linestream``).
"""

from __future__ import annotations

import re
from array import array
from itertools import compress, count, islice, repeat
from operator import is_
from re import Match
from typing import Any

from evidence.chats._wa_dates import DateTok, TimeTok, parse_date_token, parse_time_token
from evidence.chats._wa_regex import NON_ASCII_DIGIT_AT_LINE_START

_STEP = 2000  # header matches taken from the regex at a time (their columns are then read with ``map``)


class Scan:
    """Header positions and interpreted tokens, in file order. ``starts[i]`` is the start of header line i,
    ``hends[i]`` the end of its header, ``aws[i]:awe[i]`` its date and time as written; ``dids`` /
    ``tids`` / ``fids`` index ``dtoks`` / ``ttoks`` / the frames. ``dfirst[d]`` is the first header with date
    ``d``. ``done`` once the whole file has been read."""

    def __init__(self, data: bytes, rx: Any, line0: bytes, general: Any = None) -> None:
        self.data = data
        # ``rx`` may be the ASCII-digit pattern (``general`` then given): every byte range it reads is first
        # searched for a line starting with another digit (``_clear`` is how far that has been done); at the
        # first such line the general pattern takes over from there (it finds the same headers as the ASCII
        # one in lines before). So the file is not searched whole before its first messages can be built.
        self._general = general
        self._clear = 0
        self.starts, self.hends, self.aws, self.awe = array("q"), array("q"), array("q"), array("q")
        self.dids, self.tids, self.fids = array("i"), array("i"), array("i")
        self.dmap: dict[bytes, int] = {}
        self.dtoks: list[DateTok | None] = []
        self.dfirst: list[int] = []
        self.tmap: dict[tuple[Any, ...], int] = {}
        self.ttoks: list[TimeTok] = []
        self.fmap: dict[bytes | None, int] = {}
        self.done = False
        # The pattern starts with the newline before a header: the first line is matched on its own (with a
        # newline put before it, so its positions are one to the right), every other line in place.
        m0 = rx.match(line0)
        if m0:
            self._add([m0], -1)
        self._it = rx.finditer(data)

    def __len__(self) -> int:
        return len(self.starts)

    def more(self, limit: int | None) -> int:
        """Read up to ``limit`` more header lines (all the rest with None). Returns how many were read."""
        if self.done:
            return 0
        got = 0
        while limit is None or got < limit:
            step = _STEP if limit is None else min(_STEP, limit - got)
            ms = list(islice(self._it, step))
            if self._general is not None:
                ms = self._checked(ms, step)
            n = self._add(ms, 0)
            got += n
            if n < step:
                self.done = True
                break
        return got

    def _checked(self, ms: list[re.Match[bytes]], step: int) -> list[re.Match[bytes]]:
        """``ms`` from the ASCII-digit pattern, once no line up to the last of them starts with another digit
        (up to the end of the file when the pattern has no more); else the matches before the first such
        line, then the general pattern's from there (and the general pattern for the rest of the file)."""
        end = ms[-1].end() if len(ms) == step else len(self.data)
        if end <= self._clear:
            return ms
        # A line that starts before ``end`` and is not the last match's own line ends before that line: its
        # whole match lies before ``end``.
        hit = NON_ASCII_DIGIT_AT_LINE_START.search(self.data, max(self._clear - 1, 0), end)
        if hit is None:
            self._clear = end
            return ms
        q = hit.start()
        rx, self._general = self._general, None
        kept = [m for m in ms if m.start() < q]
        self._it = rx.finditer(self.data, q)
        return kept + list(islice(self._it, step - len(kept)))

    def _add(self, ms: list[re.Match[bytes]], shift: int) -> int:
        """Add matched header lines. Column by column (``map`` over the matches runs at C speed); only the
        dates, times and frames not seen before are visited in Python."""
        if not ms:
            return 0
        dids, tids, fids, dtoks, ttoks, dfirst = self.dids, self.tids, self.fids, self.dtoks, self.ttoks, self.dfirst
        dmap, tmap, fmap = self.dmap, self.tmap, self.fmap
        group = Match.group
        base = len(dids)
        ds = list(map(group, ms, repeat(4)))
        dl = list(map(dmap.get, ds))
        for j in compress(count(), map(is_, dl, repeat(None))):
            d = ds[j]
            did = dmap.get(d)
            if did is None:
                did = dmap[d] = len(dtoks)
                dtoks.append(parse_date_token(d.decode("utf-8", "replace")))
                dfirst.append(base + j)
            dl[j] = did
        tks = list(map(group, ms, repeat(5), repeat(6), repeat(7)))
        tl = list(map(tmap.get, tks))
        for j in compress(count(), map(is_, tl, repeat(None))):
            tk = tks[j]
            tid = tmap.get(tk)
            if tid is None:
                a1, t, a2 = tk
                tid = tmap[tk] = len(ttoks)
                ap = a1 or a2
                ttoks.append(parse_time_token(t.decode("utf-8", "replace"),
                                              ap.decode("utf-8", "replace") if ap else None))
            tl[j] = tid
        fs = list(map(group, ms, repeat(8)))
        fl = list(map(fmap.get, fs))
        for j in compress(count(), map(is_, fl, repeat(None))):
            fl[j] = fmap.setdefault(fs[j], len(fmap))
        dids.extend(dl)
        tids.extend(tl)
        fids.extend(fl)
        # The line starts after the newline the pattern begins with, where group 1 (``pre``, always there) starts.
        cols = ((self.starts, map(Match.start, ms, repeat(1))), (self.hends, map(Match.end, ms)),
                (self.aws, map(Match.start, ms, repeat(3))), (self.awe, map(Match.end, ms, repeat(3))))
        for dst, src in cols:
            dst.extend(map(shift.__add__, src) if shift else src)
        return len(ms)
