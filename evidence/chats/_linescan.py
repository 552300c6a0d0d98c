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

from evidence.chats import _native
from evidence.chats._wa_dates import DateTok, TimeTok, parse_date_token, parse_time_token
from evidence.chats._wa_regex import NON_ASCII_DIGIT_AT_LINE_START, header_first_bytes

_STEP = 2000  # header matches taken from the regex at a time (their columns are then read with ``map``)
_FAST_STEP = 20000  # headers taken from the C pass at a time (``_fast``)
_MAX_TEMPLATES = 8  # as ``MAX_TMPL`` in _speedups.c
_DASHES = (b"-", "\u2013".encode(), "\u2014".encode())


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
        self._rx = rx
        # The fast pass (``_fast``): the C module's ``headers`` over templates of headers already read.
        # ``_pos`` is the newline it goes on from (None: the regex iterator reads); ``_tried`` counts
        # regex steps since templates were last looked for.
        self._pos: int | None = None
        self._templates: list[tuple[Any, ...]] = []
        self._tkeys: set[tuple[Any, ...]] = set()
        self._tdicts: dict[tuple[bytes | None, bytes | None], dict[bytes, int]] = {}
        self._tried = 0
        self._out: tuple[array, ...] | None = None  # type: ignore[type-arg]
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
            if self._pos is not None:
                got += self._fast(None if limit is None else limit - got)
                if self.done or self._pos is not None:
                    break
                continue  # the general pattern took over: the regex reads on
            step = _STEP if limit is None else min(_STEP, limit - got)
            ms = list(islice(self._it, step))
            if self._general is not None:
                ms = self._checked(ms, step)
            n = self._add(ms, 0)
            got += n
            if n < step:
                self.done = True
                break
            self._try_fast(ms)
        return got

    # -- the fast pass -------------------------------------------------------------------------------
    # A header line of the dash form (``12/02/2020, 21:05 - ``: no bidi mark before it, no bracket, a dash
    # terminator) is a template: the header pattern treats every ASCII digit alike and reads nothing after
    # such a header, so a line equal to it but for its digit values is matched there with the same spans.
    # Once the last regex step's headers are all of at most ``_MAX_TEMPLATES`` such templates, the C pass
    # reads the lines: a line of a template gives its columns at once, a line whose date or time is new or
    # that matches no template but may start a header (``header_first_bytes``) is read here with the regex
    # (and may add a template), every other line is skipped. The columns are those the regex gives.

    def _template(self, m: re.Match[bytes]) -> tuple[Any, ...] | None:
        """(key, template for ``headers`` without its time dict, (ap1, ap2)) of a header, or None when it
        makes none. The key leaves out the digit values."""
        if m.group(1) or m.group(2) is not None or not (m.group(8) or b"").rstrip().endswith(_DASHES):
            return None
        ls = m.start(1)
        t = self.data[ls:m.end()]
        mask = bytes(48 <= c <= 57 for c in t)
        spans = tuple(x - ls for x in (*m.span(3), *m.span(4), *m.span(6)))
        key = (bytes(48 if x else c for c, x in zip(t, mask)), spans)
        return key, (t, mask, *spans, self.fmap[m.group(8)]), (m.group(5), m.group(7))

    def _add_template(self, tp: tuple[Any, ...]) -> None:
        key, entry, tkey = tp
        if key in self._tkeys or len(self._templates) >= _MAX_TEMPLATES:
            return
        td = self._tdicts.get(tkey)
        if td is None:  # the times read so far with these AM/PM words, by the bytes of the time
            td = self._tdicts[tkey] = {k[1]: v for k, v in self.tmap.items() if (k[0], k[2]) == tkey}
        self._tkeys.add(key)
        self._templates.append((*entry, td))

    def _try_fast(self, ms: list[re.Match[bytes]]) -> None:
        """Start the fast pass after a full regex step whose headers all make templates, at most
        ``_MAX_TEMPLATES`` (looked at after the first full step and then every tenth, so that a file of another
        form pays little)."""
        self._tried += 1
        if _native.native is None or (self._tried - 1) % 10:
            return
        found: dict[Any, tuple[Any, ...]] = {}
        for m in ms:
            tp = self._template(m)
            if tp is None:
                return
            found.setdefault(tp[0], tp)
            if len(found) > _MAX_TEMPLATES:
                return
        pos = self.data.find(b"\n", ms[-1].end())
        if pos < 0:
            return
        self._templates, self._tkeys, self._tdicts = [], set(), {}
        for tp in found.values():
            self._add_template(tp)
        self._pos = pos
        if self._out is None:
            self._out = (*(array("q", bytes(8 * _FAST_STEP)) for _ in range(4)),
                         *(array("i", bytes(array("i").itemsize * _FAST_STEP)) for _ in range(3)))

    def _fast(self, limit: int | None) -> int:
        """Read up to ``limit`` headers with the C pass. Leaves ``_pos`` None when the general pattern takes
        over (a line starting with a non-ASCII digit under the ASCII-digit pattern); sets ``done`` at the end."""
        native, data, out = _native.native, self.data, self._out
        assert native is not None and out is not None and self._pos is not None
        first = header_first_bytes()
        got = 0
        while limit is None or got < limit:
            want = _FAST_STEP if limit is None else min(_FAST_STEP, limit - got)
            status, pos, n = native.headers(data, self._pos, want, self._templates, self.dmap, first, out)
            if n:
                for dst, src in zip((self.starts, self.hends, self.aws, self.awe, self.dids, self.tids, self.fids),
                                    out):
                    dst.extend(src[:n])
                got += n
            self._pos = pos
            if status == 0:
                self.done = True
                self._pos = None
                return got
            if status == 1:
                continue
            if self._general is not None and NON_ASCII_DIGIT_AT_LINE_START.match(data, pos):
                self._to_general(pos)
                return got
            m = self._rx.match(data, pos)
            if m is not None:
                self._add([m], 0)
                got += 1
                td = self._tdicts.get((m.group(5), m.group(7)))
                if td is not None:
                    td[m.group(6)] = self.tids[-1]
                tp = self._template(m)
                if tp is not None:
                    self._add_template(tp)
                pos = m.end()
            nxt = data.find(b"\n", pos + 1 if m is None else pos)
            if nxt < 0:
                self.done = True
                self._pos = None
                return got
            self._pos = nxt
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
        kept = [m for m in ms if m.start() < q]
        self._to_general(q)
        return kept + list(islice(self._it, step - len(kept)))

    def _to_general(self, q: int) -> None:
        """The general pattern reads from the line after the newline at ``q`` on, with the regex iterator (the
        fast pass stops; its templates were made with the other pattern)."""
        rx, self._general = self._general, None
        self._rx, self._it, self._pos = rx, rx.finditer(self.data, q), None
        self._templates, self._tkeys, self._tdicts = [], set(), {}

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
