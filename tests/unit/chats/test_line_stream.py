"""Reading a large line export while its first messages are sent (``evidence.chats._linestream``).

The prefix and chunk sizes are made small so that files of a few dozen messages take the paths a
million-message export takes. Whatever the path, what a receiver ends with must equal what deciding the
whole file first gives (``exact``): the same batches, warnings and decisions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.chats import _lines, _linestream
from evidence.chats.model import StreamRestart, batches
from evidence.chats.whatsapp import WhatsAppText
from tests.unit.chats.test_fuzz import streamed
from tests.unit.chats.wa_generate import generate_android


def parse(data: bytes, **options: str):
    return WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options=dict(options))[0]


@contextmanager
def sizes(prefix: int, chunk: int) -> Iterator[None]:
    saved = _lines.PREFIX, _linestream.CHUNK, _lines.CHUNK
    _lines.PREFIX, _linestream.CHUNK, _lines.CHUNK = prefix, chunk, chunk
    try:
        yield
    finally:
        _lines.PREFIX, _linestream.CHUNK, _lines.CHUNK = saved


@pytest.fixture
def small() -> Iterator[None]:
    with sizes(4, 3):
        yield


def exact(data: bytes, size: int, **options: str):
    with sizes(10**9, 10**9):
        conv = parse(data, **options)
        assert conv.messages.feeder is None
        return list(batches(conv, size)), list(conv.warnings), list(conv.decisions), list(conv.participants)


def lines_of(n: int, *, start: datetime = datetime(2021, 3, 20, 8, 0), fmt: str = "{d:%d/%m/%Y}, {d:%H:%M}") -> list[str]:
    out = []
    t = start
    for i in range(n):
        t += timedelta(hours=7)
        out.append(f"{fmt.format(d=t)} - {'Ann' if i % 3 else 'Bob'}: message {i}\n")
    return out


def check_same(data: bytes, size: int, *, restart: bool | None = None, **options: str) -> None:
    """Streamed as the worker does (with the patch, or again after a restart) equals the whole-file read."""
    want = exact(data, size, **options)
    conv = parse(data, **options)
    assert conv.messages.feeder is not None
    if restart is not None:
        try:
            list(conv.messages.stream(size))
            restarted = False
        except StreamRestart:
            restarted = True
        assert restarted == restart
        conv = parse(data, **options)
    got = (streamed(conv, size), list(conv.warnings), list(conv.decisions), list(conv.participants))
    assert got == want


@pytest.mark.parametrize("size", [1, 2, 5, 1000])
def test_an_ordinary_export_streams_and_ends_as_the_whole_file_decides(small: None, size: int) -> None:
    rows = lines_of(60, start=datetime(2021, 3, 20, 8, 0))
    rows[7] = "20/03/2021, 23:00 - Bob: <Media omitted>\n"
    rows[9] = rows[9] + "a second line\n\n"
    data = "".join(rows).encode()
    conv = parse(data, timezone="Asia/Muscat")
    msgs = conv.messages
    feeder = msgs.feeder
    assert feeder is not None and len(feeder.scan) < 60  # not all read yet
    first = next(msgs.stream(size))
    assert first.seq0 == 1 and (len(feeder.scan) < 60) == (size < 50)  # read as far as the batch needs
    assert (msgs.feeder is None) == feeder.complete
    check_same(data, size, restart=False, timezone="Asia/Muscat")


def test_a_quoted_header_of_another_shape_later_in_the_file_joins_its_message(small: None) -> None:
    rows = lines_of(40)
    rows[25] = rows[25].rstrip("\n") + "\n[1/2/21, 3:04:05 PM] Zed: quoted\n"
    data = "".join(rows).encode()
    check_same(data, 2, restart=False)
    conv = parse(data)
    assert len(conv.messages) == 40
    assert any("written differently" in w for w in conv.warnings)
    assert "[1/2/21, 3:04:05 PM] Zed: quoted" in conv.messages[25].text


def test_an_impossible_date_later_in_the_file_is_warned_about_as_in_a_whole_read(small: None) -> None:
    rows = lines_of(30)
    rows[20] = rows[20] + "31/02/2021, 10:00 - Ann: not a real day\n"
    data = "".join(rows).encode()
    check_same(data, 3, restart=False)
    assert any("cannot exist" in w or "impossible" in w for w in parse(data).warnings)


def test_a_later_switch_of_date_order_that_rereads_sent_dates_restarts_the_stream(small: None) -> None:
    # 13/01 proves day-first; the ambiguous dates after it are nearer the month-first proof (02/13) that
    # comes once they have been sent: the whole file reads most of them month-first.
    rows = ["13/01/2021, 08:00 - Ann: first\n"] + [f"01/02/2021, 09:{i:02d} - Bob: m{i}\n" for i in range(12)]
    rows += [f"02/{13 + i}/2021, 10:00 - Ann: later {i}\n" for i in range(10)]
    data = "".join(rows).encode()
    check_same(data, 1, restart=True)
    conv = parse(data)
    assert any("switches inside the file" in d for d in conv.decisions)


def test_an_export_whose_first_lines_prove_no_order_is_read_on_until_one_does(small: None) -> None:
    rows = [f"0{1 + i % 9}/01/2021, 08:0{i % 10} - Ann: early {i}\n" for i in range(20)]
    rows += [f"{13 + i % 10}/01/2021, 09:00 - Bob: later {i}\n" for i in range(20)]
    data = "".join(rows).encode()
    conv = parse(data)
    assert conv.messages.feeder is not None and len(conv.messages.feeder.scan) > 20
    check_same(data, 4)
    assert conv.decisions[0].startswith("date order day-first: 13/01/2021")


def test_text_before_the_first_header_and_a_zone_problem_keep_their_warnings(small: None) -> None:
    data = b"exported by a tool\n" + generate_android(30, seed=5, start=datetime(2021, 1, 20))
    check_same(data, 7, timezone="Not/AZone")
    conv = parse(data, timezone="Not/AZone")
    list(conv.messages)
    assert conv.warnings[-1].startswith("lines 1-1: text before the first message header")


LINE_KINDS = [
    "{d}/03/2021, 10:{m:02d} - Ann: text {i}\n",  # day-first proof when d > 12
    "03/{d}/2021, 11:{m:02d} - Bob: text {i}\n",  # month-first proof when d > 12
    "0{s}/0{s}/2021, 12:{m:02d} - Ann: ambiguous {i}\n",
    "31/02/2021, 10:00 - Bob: impossible {i}\n",
    "[1/2/21, 3:04:05 PM] Zed: other shape {i}\n",
    "a continuation line {i}\n",
    "{d}/03/2021, 25:{m:02d} - Ann: impossible time {i}\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([0, 0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 5, 6]), st.integers(1, 28), st.integers(1, 9)),
                min_size=1, max_size=60), st.integers(1, 7), st.sampled_from(["20/03", "03/20", "05/03"]))
def test_any_sequence_of_lines_streams_to_what_the_whole_file_decides(spec: list[tuple[int, int, int]],
                                                                      size: int, head: str) -> None:
    # An ordinary start (day-first, month-first, or not proving either), so that the stream starts early;
    # then anything: proofs of either order, impossible dates and times, other shapes, continuation lines.
    rows = [f"{head}/2021, 09:0{i} - Ann: start {i}\n" for i in range(5)]
    rows += [LINE_KINDS[k].format(d=f"{d:02d}", m=i % 60, s=s, i=i) for i, (k, d, s) in enumerate(spec)]
    data = "".join(rows).encode()
    want = exact(data, size)
    with sizes(4, 3):
        conv = parse(data)
        got = (streamed(conv, size), list(conv.warnings), list(conv.decisions), list(conv.participants))
    assert got == want
