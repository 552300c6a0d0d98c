"""The line engine's columns: lazy building, streaming before the whole-file decisions, and fast times."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from evidence.chats._common import local_to_utc
from evidence.chats._linecols import LineMessages, LineTimes
from evidence.chats.model import batches
from evidence.chats.whatsapp import WhatsAppText
from tests.unit.chats.test_fuzz import streamed
from tests.unit.chats.wa_generate import generate_android

# Notices that only the whole file can settle: a "sender" that is a group name writing no ordinary
# message, a sender that reads as a notice, a body starting with U+200E, "Name:" without a space.
TRICKY = (
    "13/02/2020, 21:05 - Group: Messages and calls are end-to-end encrypted. Tap to learn more.\n"
    "13/02/2020, 21:06 - Ann: hi\n"
    "13/02/2020, 21:07 - Bob: \u200eBob changed this group's icon\n"
    "13/02/2020, 21:08 - Bob: hello\n"
    "13/02/2020, 21:09 - Ann changed the subject from \"a: b\": x\n"
    "13/02/2020, 21:10 - Ann:hi there\n"
    "13/02/2020, 21:11 - Bob: <Media omitted>\n"
    "13/02/2020, 21:12 - Bob: IMG-1.jpg (file attached)\n"
).encode("utf-8")


def parse(data: bytes, **options: str):
    return WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options=dict(options))[0]


def test_messages_are_built_only_when_read() -> None:
    conv = parse(generate_android(5000))
    msgs = conv.messages
    assert isinstance(msgs, LineMessages) and not msgs.final and msgs.builder.k == 0
    assert len(msgs) == 5000 and msgs.builder.k == 0  # the count is known without building
    assert msgs[4999].seq == 5000 and msgs.final and msgs.builder.k == 5000


@pytest.mark.parametrize("size", [1, 2, 3, 7, 20000])
def test_streamed_batches_with_the_patch_equal_the_final_ones(size: int) -> None:
    sent = streamed(parse(TRICKY, timezone="Asia/Muscat"), size)
    final = parse(TRICKY, timezone="Asia/Muscat")
    assert sent == list(batches(final, size))
    kinds = [k for b in sent for k in b.kinds]
    assert kinds == ["system", "user", "system", "user", "system", "user", "media", "media"]
    assert final.participants == ["Ann", "Bob"]
    senders = [s for b in sent for s in b.senders]
    assert senders[0] == "Group" and senders[4] is None and senders[5] == "Ann"
    texts = [t for b in sent for t in b.texts]
    assert texts[4] == 'Ann changed the subject from "a: b": x' and texts[5] == "hi there"


def test_streaming_reports_what_the_whole_file_decided() -> None:
    conv = parse(TRICKY)
    msgs = conv.messages
    first = next(msgs.stream(3))
    assert first.kinds[0] == "user" and first.senders[0] == "Group"  # not yet known to be a group name
    list(msgs.stream(3))
    changed = msgs.finalise()
    assert changed == {0, 2, 4, 5}
    p0, p4 = msgs.patch({0, 4})
    assert p0.seq0 == 1 and p0.kinds == ["system"] and p0.senders == ["Group"]
    assert p4.seq0 == 5 and p4.kinds == ["system"] and p4.senders == [None]
    assert TRICKY[p4.offsets[0]:p4.offsets[0] + p4.lengths[0]].startswith(b"Ann changed the subject")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Muscat",
                                  "Pacific/Apia", "America/St_Johns"])
def test_fast_times_agree_with_local_to_utc(zone: str) -> None:
    """Day by day over years with clock changes (30-minute ones on Lord Howe, a skipped day in Apia), at
    times around midnight and the usual change hours: the string arithmetic equals zoneinfo's answer."""
    z = ZoneInfo(zone)
    start = date(2010, 1, 1)
    days = [(start + timedelta(days=i)).isoformat() for i in range(0, 365 * 3, 1)]
    hms = ["00:00:00", "00:30:00", "01:59:59", "02:00:00", "02:30:00", "03:00:00", "12:00:00", "23:30:00",
           "23:59:59"]
    lt = LineTimes(days, hms, z, "no zone")
    dks = [d for d in range(len(days)) for _ in hms]
    tids = [t for _ in days for t in range(len(hms))]
    local, utc, reasons = lt.columns(dks, tids)
    for dk, tid, lo, u, r in zip(dks, tids, local, utc, reasons):
        want = local_to_utc(datetime.fromisoformat(f"{days[dk]}T{hms[tid]}"), z)
        assert lo == f"{days[dk]}T{hms[tid]}"
        assert (u, r) == (want[0], want[2]), lo
        assert lt.one(dk, tid) == (lo, want[0], want[2], want[1])


def test_dates_at_the_ends_of_the_calendar_do_not_crash() -> None:
    """Found while rewriting: year 1 in a zone east of UTC made the old parser raise OverflowError."""
    conv = parse(b"01/01/0001, 00:00 - A: x\n31/12/9999, 23:59 - B: y\n", timezone="Asia/Muscat")
    first, last = conv.messages
    assert first.time.local == "0001-01-01T00:00:00" and first.time.utc is None
    assert "outside the dates UTC can be written for" in first.time.utc_reason
    assert last.time.utc == "9999-12-31T19:59:00Z"


def test_as_written_is_each_headers_own_characters() -> None:
    data = "13/02/2020, 21:05 - A: x\n13/02/2020, \u200e21:05 - B: y\n".encode("utf-8")
    a, b = parse(data).messages
    assert a.time.as_written == "13/02/2020, 21:05" and b.time.as_written == "13/02/2020, \u200e21:05"
