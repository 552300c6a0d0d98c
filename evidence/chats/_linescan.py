"""The header pass of the line engine, resumable: ``Scan`` reads header lines a chunk at a time.

Each header line costs one regex match, three dictionary lookups (its date, its time and its frame) and a
few array appends; a date, a time of day and a frame are interpreted once per distinct value. Because the
pass can stop and go on, a large export is read in chunks: the messages of the first chunks are built and
stored while the rest of the file is still being read (see ``_linestream``).
"""

from __future__ import annotations

from array import array
from itertools import islice
from typing import Any

from evidence.chats._wa_dates import DateTok, TimeTok, parse_date_token, parse_time_token


class Scan:
    """Header positions and interpreted tokens, in file order. ``starts[i]`` is the start of header line i,
    ``hends[i]`` the end of its header, ``aws[i]:awe[i]`` its date and time as written; ``dids`` /
    ``tids`` / ``fids`` index ``dtoks`` / ``ttoks`` / the frames. ``dfirst[d]`` is the first header with date
    ``d``. ``done`` once the whole file has been read."""

    def __init__(self, data: bytes, rx: Any, line0: bytes) -> None:
        self.data = data
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
        got = self._add(self._it if limit is None else islice(self._it, limit), 0)
        if limit is None or got < limit:
            self.done = True
        return got

    def _add(self, matches: Any, shift: int) -> int:
        dids, tids, fids, dtoks, ttoks, dfirst = self.dids, self.tids, self.fids, self.dtoks, self.ttoks, self.dfirst
        dmap, tmap, fmap = self.dmap, self.tmap, self.fmap
        spans, awspans = array("q"), array("q")  # (newline before the header, header end), (aw start, aw end)
        sp_ext, aw_ext = spans.extend, awspans.extend
        d_app, t_app, f_app = dids.append, tids.append, fids.append
        dget, tget, fget = dmap.get, tmap.get, fmap.get
        for m in matches:
            d, a1, t, a2, f = m.group(4, 5, 6, 7, 8)
            did = dget(d)
            if did is None:
                did = dmap[d] = len(dtoks)
                dtoks.append(parse_date_token(d.decode("utf-8", "replace")))
                dfirst.append(len(dids))
            tk = (a1, t, a2)
            tid = tget(tk)
            if tid is None:
                tid = tmap[tk] = len(ttoks)
                ap = a1 or a2
                ttoks.append(parse_time_token(t.decode("utf-8", "replace"),
                                              ap.decode("utf-8", "replace") if ap else None))
            fid = fget(f)
            if fid is None:
                fid = fmap[f] = len(fmap)
            sp_ext(m.span())
            aw_ext(m.span(3))
            d_app(did)
            t_app(tid)
            f_app(fid)
        # the line starts after the newline
        self.starts.extend(map((1 + shift).__add__, spans[0::2]))
        for src, dst in ((spans[1::2], self.hends), (awspans[0::2], self.aws), (awspans[1::2], self.awe)):
            dst.extend(map(shift.__add__, src) if shift else src)
        return len(spans) // 2
