"""The header pass's C fast path (``_linescan.Scan._fast`` with ``_speedups.headers``) against the regex.

Once a large export's headers are proven to be of a few dash-form templates, the C pass reads its lines: a
line equal to a template but for its digits is taken at once, a line that may start a header and matches
no template is read with the regex, and the rest are skipped. Here exports of several header forms, with
lines of other kinds put in after the fast pass has started, must give exactly the header columns (and so
exactly the conversation) that the regex alone gives."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.chats import _native
from evidence.chats._linescan import Scan
from evidence.chats._wa_regex import NON_ASCII_DIGIT_AT_LINE_START, header_first_bytes, header_regex
from evidence.chats.whatsapp import WhatsAppText
from tests.unit.chats.wa_generate import NAMES, WORDS

NATIVE = _native.native


def _stamp(form: str, t: datetime) -> str:
    h12 = t.hour % 12 or 12
    ap = "AM" if t.hour < 12 else "PM"
    return {
        "android": f"{t.day:02d}/{t.month:02d}/{t.year}, {t.hour:02d}:{t.minute:02d} - ",
        "us": f"{t.month}/{t.day}/{t.year % 100:02d}, {h12}:{t.minute:02d}\u202f{ap} - ",
        "us-space": f"{t.month}/{t.day}/{t.year % 100}, {h12}:{t.minute:02d} {ap} - ",
        "de": f"{t.day:02d}.{t.month:02d}.{t.year % 100:02d}, {t.hour:02d}:{t.minute:02d} - ",
        "ios": f"[{t.day:02d}/{t.month:02d}/{t.year}, {t.hour:02d}:{t.minute:02d}:{t.second:02d}] ",
    }[form]


def export(form: str, n: int, *, seed: int = 3) -> list[str]:
    rnd = random.Random(seed)
    words = WORDS.split() if isinstance(WORDS, str) else list(WORDS)
    t = datetime(2021, 1, 1, 8, 0)
    out = []
    for i in range(n):
        t += timedelta(seconds=rnd.randint(5, 900))
        body = " ".join(rnd.choices(words, k=rnd.randint(2, 7)))
        if rnd.random() < 0.05:
            body += "\n" + " ".join(rnd.choices(words, k=3))
        out.append(f"{_stamp(form, t)}{NAMES[i % len(NAMES)]}: {body}\n")
    return out


# Lines that are not of the export's templates, put in after the fast pass has started.
ODD = [
    "2021-03-04 10:00 - Ann: another header shape\n",
    "\u200f12/03/2021, 10:00 - Ann: a bidi mark first\n",
    "12/03/2021, 10:00  - Ann: two spaces before the dash\n",
    "12/03/2021, 10:00: Ann: a colon terminator\n",
    "١٢/٠٣/٢٠٢١، ١٠:٠٠ - أحمد: Arabic-Indic digits\n",
    "1x/03/2021, 10:00 - Ann: a letter for a digit\n",
    "3 items left\n",
    "[not a header] but a bracket\n",
    "R2/03/04 10:00 - Ann: an era first\n",
    "12/03/2021, 10:00 -\n",
    "12/03/2021, 10:00 - \n",
    "\n",
    "\r\n",
    "12/31/2099, 23:59 - Ann: a new date\n",
    "3/4/21, 9:05\u202fAM - Bo: another form's header\n",
    "04.03.21, 10:00 - Bo: and another\n",
    "[04/03/2021, 10:00:00] Bo: bracketed\n",
]


def _columns(data: bytes, fast: bool) -> tuple[object, ...]:
    saved = _native.native
    if not fast:
        _native.native = None
    try:
        eol0 = data.find(b"\n")
        line0 = b"\n" + (data if eol0 == -1 else data[:eol0 + 1])
        if NON_ASCII_DIGIT_AT_LINE_START.search(line0):
            s = Scan(data, header_regex(True), line0)
        else:
            s = Scan(data, header_regex(False), line0, general=header_regex(True))
        while not s.done:
            s.more(5000)
        return (list(s.starts), list(s.hends), list(s.aws), list(s.awe), list(s.dids), list(s.tids), list(s.fids),
                list(s.dmap), list(s.tmap.items()), list(s.fmap.items()), list(s.dfirst))
    finally:
        _native.native = saved


def _conversation(data: bytes, fast: bool) -> tuple[object, ...]:
    saved = _native.native
    if not fast:
        _native.native = None
    try:
        conv = WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options={"timezone": "Asia/Muscat"})[0]
        msgs = list(conv.messages)
        return ([(m.offset, m.length, m.sender, m.kind, m.text, m.time and m.time.local) for m in msgs],
                list(conv.warnings), list(conv.decisions))
    finally:
        _native.native = saved


class _Counting:
    """The C module with its ``headers`` calls counted (to show that the fast pass ran)."""

    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def headers(self, *args: object) -> object:
        self.calls += 1
        return self.real.headers(*args)  # type: ignore[attr-defined]


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> _Counting:
    if NATIVE is None:
        pytest.fail("the C accelerator is not built here (see test_native.test_accelerator_is_built...)")
    c = _Counting(NATIVE)
    monkeypatch.setattr(_native, "native", c)
    return c


@pytest.mark.parametrize("form", ["android", "us", "us-space", "de"])
def test_every_odd_line_after_the_start_reads_as_the_regex_reads_it(form: str, counting: _Counting) -> None:
    lines = export(form, 9000)
    for k, odd in enumerate(ODD):
        lines.insert(3000 + 300 * k, odd)
    data = "".join(lines).encode("utf-8")
    fast = _columns(data, True)
    assert counting.calls > 0  # the fast pass ran
    assert fast == _columns(data, False)
    assert _conversation(data, True) == _conversation(data, False)


def test_a_form_without_templates_stays_with_the_regex(counting: _Counting) -> None:
    data = "".join(export("ios", 6000)).encode("utf-8")
    assert _columns(data, True) == _columns(data, False)
    assert counting.calls == 0  # bracketed headers make no template


def test_many_header_widths_more_templates_than_allowed() -> None:
    """US 12-hour headers with one- and two-digit months, days and hours and both AM/PM words: more shapes than
    ``_MAX_TEMPLATES`` at times; lines of a shape not (yet) a template go through the regex."""
    lines = export("us", 12000, seed=11)
    data = "".join(lines).encode("utf-8")
    assert _columns(data, True) == _columns(data, False)


snippets = st.sampled_from([o.encode("utf-8") for o in ODD] + [b"\x00\xff\xfe", b"\xe2\x80", b"\n\n\n", b"- ", b"0"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["android", "us", "de"]),
       st.lists(st.tuples(st.integers(0, 2700), st.one_of(snippets, st.binary(max_size=30))), max_size=12))
def test_edited_exports_give_the_regex_columns(form: str, edits: list[tuple[int, bytes]]) -> None:
    if NATIVE is None:
        pytest.fail("the C accelerator is not built here")
    lines = [x.encode("utf-8") for x in export(form, 5000, seed=5)]
    for at, b in edits:
        i = 2200 + at  # after the first full regex step, where the fast pass starts
        lines[i] = b + lines[i] if at % 2 else lines[i][: at % 40] + b + lines[i][at % 40:]
    data = b"".join(lines)
    assert _columns(data, True) == _columns(data, False)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=40), st.sampled_from([b"", b"12/03/2021, 10:00 - A: x", b"\xe2\x80\x8f1/2/21 "]))
def test_a_line_the_pattern_matches_starts_with_a_byte_of_the_table(head: bytes, tail: bytes) -> None:
    first = header_first_bytes()
    for line in (head + tail, tail[:1] + head + tail[1:], head[:1] + tail):
        if not line or line[0] == 10:
            continue
        if header_regex(True).match(b"\n" + line) or header_regex(False).match(b"\n" + line):
            assert first[line[0]], line


def test_bad_arguments_are_refused_not_read() -> None:
    if NATIVE is None:
        pytest.fail("the C accelerator is not built here")
    from array import array

    out = (*(array("q", [0] * 4) for _ in range(4)), *(array("i", [0] * 4) for _ in range(3)))
    t = (b"12 - ", b"\x01\x01\x00\x00\x00", 0, 2, 0, 2, 0, 2, 0, {})
    first = header_first_bytes()
    with pytest.raises(ValueError):  # not at a newline
        NATIVE.headers(b"x\n12 - a", 0, 4, [t], {}, first, out)
    with pytest.raises(ValueError):  # output arrays smaller than asked
        NATIVE.headers(b"\n12 - a", 0, 9, [t], {}, first, out)
    with pytest.raises(ValueError):  # a span outside its template
        NATIVE.headers(b"\n12 - a", 0, 4, [(b"12 - ", b"\x01\x01\x00\x00\x00", 0, 9, 0, 2, 0, 2, 0, {})], {}, first,
                       out)
    with pytest.raises(ValueError):  # template and mask of different lengths
        NATIVE.headers(b"\n12 - a", 0, 4, [(b"12 - ", b"\x01", 0, 2, 0, 2, 0, 2, 0, {})], {}, first, out)
    # a template longer than what is left of the data is simply not matched
    assert NATIVE.headers(b"\n12", 0, 4, [t], {b"12": 0}, first, out) == (3, 0, 0)
