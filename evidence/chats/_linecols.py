"""The messages of a line-based export (WhatsApp, Signal text) kept in columns, not as objects.

A million ``Message`` objects with their ``ChatTime``s cost about a gigabyte; the columns below cost
about 30 bytes a message (plus the file's bytes, which the parser holds anyway). Text and times are made
only when asked: ``batches(size)`` yields ``MessageBatch``es (what the core stores) and indexing or
iterating yields ``Message`` objects (for reading and tests). Both come from the same code, so they agree.

Times: a day's date and a time of day are each read once; local times are ``date + "T" + hh:mm:ss``. With
a zone given at import, each date is checked once: when the zone's offset is the same at the start and
end of the day under both folds (no clock change that day), every time of that day converts by that
offset with string work only; days with a clock change go through ``local_to_utc`` (gaps and folds said
in words). A day with two clock changes that cancel out would be missed; tzdata has none.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from datetime import time as dtime
from functools import partial
from operator import sub
from typing import Any

from evidence.chats import _native
from evidence.chats._common import local_to_utc
from evidence.chats.model import (
    KINDS,
    NO_TIME_REASON,
    ChatTime,
    Conversation,
    Message,
    MessageBatch,
    StreamRestart,
)

_decode = partial(bytes.decode, encoding="utf-8", errors="replace")
_SLOW = -1


class LineTimes:
    """Local and UTC time strings for (date key, time id) pairs."""

    def __init__(self, dlocal: list[str | None], hms: list[str | None], zone: Any, no_zone_reason: str) -> None:
        self.dlocal = dlocal
        self.dT = [d + "T" if d else "" for d in dlocal]
        self.hms = [h or "" for h in hms]
        self.zone = zone
        self.reason = f"zone {zone.key} given at import" if zone is not None else no_zone_reason
        self._zk: dict[int, int] = {}  # date key -> offset class, or _SLOW on a day with a clock change
        self._offs: list[int] = []  # offset class -> seconds east of UTC
        self._parts: list[dict[int, tuple[int, str]]] = []  # per class: time id -> (day shift, "THH:MM:SSZ")
        self._shifted: dict[tuple[int, int], str | None] = {}
        self._slow: dict[tuple[int, int], tuple[str | None, int | None, str]] = {}
        # the same, dense, for ``columns_native``: per date key its offset class and (day before, day, day
        # after); per offset class, per time id, its part (None where not made yet)
        self._zk_list: list[int | None] = []
        self._days: list[tuple[str | None, str | None, str | None] | None] = []
        self._parts_l: list[list[tuple[int, str] | None]] = []

    def _day(self, dk: int) -> int:
        zk = self._zk.get(dk)
        if zk is not None:
            return zk
        d = date.fromisoformat(self.dlocal[dk])  # type: ignore[arg-type]
        offs = set()
        for t in (dtime(0, 0, 0), dtime(23, 59, 59)):
            for fold in (0, 1):
                off = datetime.combine(d, t).replace(tzinfo=self.zone, fold=fold).utcoffset()
                offs.add(off.total_seconds() if off is not None else None)
        if len(offs) != 1 or None in offs or d.year in (1, 9999):
            zk = _SLOW
        else:
            secs = int(offs.pop())  # type: ignore[arg-type]
            if secs in self._offs:
                zk = self._offs.index(secs)
            else:
                zk = len(self._offs)
                self._offs.append(secs)
                self._parts.append({})
        self._zk[dk] = zk
        return zk

    def _part(self, zk: int, tid: int) -> tuple[int, str]:
        parts = self._parts[zk]
        p = parts.get(tid)
        if p is None:
            h = self.hms[tid]
            secs = int(h[:2]) * 3600 + int(h[3:5]) * 60 + int(h[6:8]) - self._offs[zk]
            shift, secs = divmod(secs, 86400)
            p = parts[tid] = (shift, f"T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}Z")
        return p

    def _date_shifted(self, dk: int, shift: int) -> str | None:
        key = (dk, shift)
        if key not in self._shifted:
            try:
                self._shifted[key] = (date.fromisoformat(self.dlocal[dk]) + timedelta(days=shift)).isoformat()  # type: ignore[arg-type]
            except OverflowError:
                self._shifted[key] = None
        return self._shifted[key]

    def one(self, dk: int, tid: int) -> tuple[str, str | None, str, int | None]:
        """(local, utc, utc reason, offset minutes) of one date key and time id."""
        local = self.dT[dk] + self.hms[tid]
        if self.zone is None:
            return local, None, self.reason, None
        zk = self._day(dk)
        if zk != _SLOW:
            shift, part = self._part(zk, tid)
            d = self.dlocal[dk] if shift == 0 else self._date_shifted(dk, shift)
            if d is not None:
                return local, d + part, self.reason, self._offs[zk] // 60
        key = (dk, tid)
        s = self._slow.get(key)
        if s is None:
            try:
                s = local_to_utc(datetime.fromisoformat(local), self.zone)
            except OverflowError:
                why = f"{local} in zone {self.zone.key} falls outside the dates UTC can be written for; UTC left open"
                s = (None, None, why)
            self._slow[key] = s
        return local, s[0], s[2], s[1]

    def columns_native(self, hid: array, a: int, b: int, hdk: array, tids: array,  # type: ignore[type-arg]
                       ) -> tuple[list[str], list[str | None], list[str]]:
        """``columns`` for the messages ``a`` to ``b`` (header ``hid[j]`` each) in C (``_speedups.times``):
        the per-day and per-time parts are made here first, for the dates and times of the batch; the
        messages C leaves (a day with a clock change) are then done one by one as ``columns`` does."""
        fast = _native.native
        if self.zone is None:
            return fast.times(hid, a, b, hdk, tids, self.dT, self.hms, None, None, None, self.reason)[:3]  # type: ignore[union-attr,no-any-return]
        hs = hid[a:b]
        dks = set(map(hdk.__getitem__, hs))
        n = len(self.dlocal)
        zl, days = self._zk_list, self._days
        if len(zl) < n:
            zl.extend([None] * (n - len(zl)))
            days.extend([None] * (n - len(days)))
        for dk in dks:
            if zl[dk] is None:
                zk = self._zk.get(dk)
                zl[dk] = self._day(dk) if zk is None else zk
                days[dk] = (self._date_shifted(dk, -1), self.dlocal[dk], self._date_shifted(dk, 1))
        zks = {zl[dk] for dk in dks} - {_SLOW}
        if zks:
            tset = set(map(tids.__getitem__, hs))
            m = len(self.hms)
            for zk in zks:
                while len(self._parts_l) <= zk:
                    self._parts_l.append([])
                pl = self._parts_l[zk]
                if len(pl) < m:
                    pl.extend([None] * (m - len(pl)))
                for tid in tset:
                    if pl[tid] is None:
                        pl[tid] = self._parts[zk].get(tid) or self._part(zk, tid)
        local, utc, reasons, todo = fast.times(hid, a, b, hdk, tids, self.dT, self.hms, zl, self._parts_l, days,  # type: ignore[union-attr]
                                               self.reason)
        for j in todo:
            h = hs[j]
            _, utc[j], reasons[j], _ = self.one(hdk[h], tids[h])
        return local, utc, reasons

    def columns(self, dks: list[int], tids: list[int]) -> tuple[list[str], list[str | None], list[str]]:
        """Local, UTC and reason columns for parallel lists of date keys and time ids."""
        dT, hms = self.dT, self.hms
        local = list(map(str.__add__, map(dT.__getitem__, dks), map(hms.__getitem__, tids)))
        if self.zone is None:
            return local, [None] * len(dks), [self.reason] * len(dks)
        utc: list[str | None] = []
        reasons: list[str] = []
        u_app, r_app = utc.append, reasons.append
        reason, dl, zkget, day = self.reason, self.dlocal, self._zk.get, self._day
        parts = self._parts
        for dk, tid in zip(dks, tids):
            zk = zkget(dk)
            if zk is None:
                zk = day(dk)
            if zk != _SLOW:
                p = parts[zk].get(tid) or self._part(zk, tid)
                if p[0] == 0:
                    u_app(dl[dk] + p[1])  # type: ignore[operator]
                    r_app(reason)
                    continue
                d = self._date_shifted(dk, p[0])  # UTC on the day before or after (as ``one``)
                if d is not None:
                    u_app(d + p[1])
                    r_app(reason)
                    continue
            _, u, r, _ = self.one(dk, tid)
            u_app(u)
            r_app(r)
        return local, utc, reasons


class LineMessages(Sequence[Message]):
    """Messages in columns. Index ``i`` is seq ``i + 1``. ``hid[i]`` is the header of message i. With
    ``pre``, message 0 is the text before the first header: it has no time (its ``hid`` is the first
    header's, unused).

    The columns are filled by a ``LineBuilder`` when first needed. Reading (indexing, iterating,
    ``batches``, ``bounds``) first completes them and makes the whole-file decisions (``finalise``).
    ``stream`` is for the extraction worker: it yields batches as they are built, before those decisions;
    ``finalise`` then says which messages they changed and ``patch`` gives those again."""

    def __init__(self, data: bytes, *, builder: Any, aws: array, awe: array, hdk: Sequence[int], tids: array,  # type: ignore[type-arg]
                 times: LineTimes) -> None:
        self.data, self.aws, self.awe, self.tids = data, aws, awe, tids
        self.rebind(builder, hdk, times)
        self.participants: list[str] = []
        self._touched: set[int] | None = None
        self.feeder: Any = None  # a ``_linestream.Feeder`` while the file is still being read

    def rebind(self, builder: Any, hdk: Sequence[int], times: LineTimes) -> None:
        """Take (new) columns and date keys: once when made, again when the whole file's decisions come."""
        b = self.builder = builder
        self.pre = bool(b.pre)
        self.bstart, self.bend, self.snd, self.kind, self.hid = b.bstart, b.bend, b.snd, b.kind, b.hid
        self.names, self.atts, self.extra = b.names, b.atts, b.extra
        self.hdk, self.times = hdk, times
        self.__dict__.pop("_keys", None)

    checks_offsets = True  # every batch is checked as it is made (see _batch)

    def __len__(self) -> int:
        if self.feeder is not None and not self.feeder.complete:
            self.feeder.finish()
        return int(self.builder.total)

    @property
    def final(self) -> bool:
        return self._touched is not None

    def finalise(self) -> set[int]:
        """Complete the columns and make the whole-file decisions (once). Returns the indexes of the
        messages those decisions changed."""
        if self._touched is None:
            if self.feeder is not None:
                self.feeder.finish()
            self.participants, self._touched = self.builder.finish(self)
        return self._touched

    def stream(self, size: int) -> Iterator[MessageBatch]:
        """Batches as they are built, before ``finalise`` (for streaming; see the class docstring). While
        the file is still being read (``feeder``), a batch is made once the header after its last message
        has been read. Raises ``StreamRestart`` if the whole file's decisions then undo batches already
        yielded (see ``_linestream``): the receiver drops them and takes ``batches`` instead."""
        a = 0
        while True:
            f = self.feeder
            while f is not None and not f.complete and self.builder.pre + len(self.builder.nexts) < a + size:
                f.grow()
            if f is not None and f.restarted and a:
                raise StreamRestart("the whole file's decisions changed messages already sent")
            b = min(self.builder.pre + len(self.builder.nexts), a + size)
            if b <= a:
                return
            self.builder.build_to(b - self.builder.pre)
            yield self._batch(a, b)
            a = b

    def patch(self, indexes: set[int]) -> list[MessageBatch]:
        """One-message batches of the given messages (after ``finalise``)."""
        self.finalise()
        return [self._batch(i, i + 1) for i in sorted(indexes)]

    def text(self, i: int) -> str:
        return self.data[self.bstart[i]:self.bend[i]].decode("utf-8", "replace")

    def bounds(self) -> tuple[int, int]:
        """(lowest start, highest end) of the messages' bytes; a negative first value if a length is."""
        self.finalise()
        if not len(self):
            return 0, 0
        lo = min(self.bstart)
        if min(map(sub, self.bend, self.bstart)) < 0:
            lo = -1
        return lo, max(self.bend)

    def _batch(self, a: int, b: int) -> MessageBatch:
        data, hids = self.data, self.hid[a:b]
        bs, be = self.bstart[a:b], self.bend[a:b]
        fast = _native.native
        if fast is not None and isinstance(self.hdk, array):
            texts = fast.decode(data, self.bstart, self.bend, a, b, None)
            aw: list[str | None] = fast.decode(data, self.aws, self.awe, a, b, self.hid)
            local, utc, reasons = self.times.columns_native(self.hid, a, b, self.hdk, self.tids)
        else:
            texts = list(map(_decode, map(data.__getitem__, map(slice, bs, be))))
            aw = list(map(_decode, map(data.__getitem__, map(
                slice, map(self.aws.__getitem__, hids), map(self.awe.__getitem__, hids)))))
            dks = list(map(self.hdk.__getitem__, hids))
            tds = list(map(self.tids.__getitem__, hids))
            local, utc, reasons = self.times.columns(dks, tds)
        if a == 0 and self.pre and hids:  # the text before the first header: no time
            aw[0] = local[0] = utc[0] = None  # type: ignore[call-overload]
            reasons[0] = NO_TIME_REASON
        lengths = array("q", map(sub, be, bs))
        if lengths and (min(bs) < 0 or max(be) > len(data) or min(lengths) < 0):
            raise AssertionError(f"line engine: a message of seq {a + 1}-{b} lies outside the {len(data)} bytes "
                                 "of the file")  # a parser bug, never a property of the input (model.check_offsets)
        batch = MessageBatch(
            a + 1, list(map(KINDS.__getitem__, self.kind[a:b])), list(map(self.names.__getitem__, self.snd[a:b])),
            aw, local, utc, reasons, texts, bs, lengths)  # type: ignore[arg-type]
        for src, dst in ((self.atts, batch.attachments), (self.extra, batch.extra)):
            if src:
                keys = self._sorted(src)
                for k in keys[bisect_left(keys, a):bisect_left(keys, b)]:
                    dst[k - a] = src[k]  # type: ignore[assignment]
        return batch

    def _sorted(self, d: dict[int, Any]) -> list[int]:
        cache = self.__dict__.setdefault("_keys", {})
        key = (id(d), len(d))
        if key not in cache:
            cache[key] = sorted(d)
        return cache[key]  # type: ignore[no-any-return]

    def batches(self, size: int = 20000) -> Iterator[MessageBatch]:
        self.finalise()
        for a in range(0, len(self), size):
            yield self._batch(a, min(len(self), a + size))

    def _messages(self, a: int, b: int) -> list[Message]:
        bt = self._batch(a, b)
        out = []
        for j in range(len(bt)):
            i = a + j
            h = self.hid[i]
            t = None
            if i or not self.pre:
                local, utc, reason, off = self.times.one(self.hdk[h], self.tids[h])
                t = ChatTime(bt.as_written[j], local, utc, reason, off)  # type: ignore[arg-type]
            out.append(Message(i + 1, bt.kinds[j], bt.senders[j], t, bt.texts[j], bt.offsets[j], bt.lengths[j],
                               list(bt.attachments.get(j, [])), dict(bt.extra.get(j, {}))))
        return out

    def __getitem__(self, i: int | slice) -> Any:
        self.finalise()
        if isinstance(i, slice):
            return [self._messages(k, k + 1)[0] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("message index out of range")
        return self._messages(i, i + 1)[0]

    def __iter__(self) -> Iterator[Message]:
        self.finalise()
        for a in range(0, len(self), 5000):
            yield from self._messages(a, min(len(self), a + 5000))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class LineConversation(Conversation):
    """A ``Conversation`` whose participants are known once its ``LineMessages`` are finalised, and whose
    warnings and decisions once the whole file has been read (asking for them reads it)."""

    def _read_all(self) -> None:
        msgs = self.__dict__.get("messages")
        if isinstance(msgs, LineMessages) and msgs.feeder is not None and not msgs.feeder.complete:
            msgs.feeder.finish()

    @property  # type: ignore[override]
    def participants(self) -> list[str]:
        msgs = self.messages
        if isinstance(msgs, LineMessages):
            msgs.finalise()
            return msgs.participants
        return self._participants

    @participants.setter
    def participants(self, value: list[str]) -> None:
        self._participants = value

    @property  # type: ignore[override]
    def warnings(self) -> list[str]:
        self._read_all()
        return self._warnings

    @warnings.setter
    def warnings(self, value: list[str]) -> None:
        self._warnings = value

    @property  # type: ignore[override]
    def decisions(self) -> list[str]:
        self._read_all()
        return self._decisions

    @decisions.setter
    def decisions(self, value: list[str]) -> None:
        self._decisions = value
