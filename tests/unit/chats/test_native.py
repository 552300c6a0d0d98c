"""The line engine's C accelerator (``evidence/chats/_speedups.c``) against its Python loops.

Each C function copies a Python loop; here both run over the same exports (the shared corpus, generated
locales, streamed and whole, with and without a time zone, and hypothesis-made bytes) and everything a
receiver gets must be equal: batches, warnings, decisions, participants."""

from __future__ import annotations

import shutil
import sysconfig

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.chats import _native
from evidence.chats.whatsapp import WhatsAppText
from evidence.errors import UnsupportedFormat
from tests.conftest import require_corpus
from tests.unit.chats.test_fuzz import SEEDS, streamed
from tests.unit.chats.test_line_stream import sizes
from tests.unit.chats.wa_generate import generate_android

NATIVE = _native.native


def _snapshot(data: bytes, options: dict[str, str], stream: int | None) -> object:
    try:
        conv = WhatsAppText().parse(data, name="WhatsApp Chat with Ann.txt", options=dict(options))[0]
    except UnsupportedFormat as exc:
        return ("unsupported", str(exc))
    got = streamed(conv, stream) if stream else list(conv.messages.batches(7))
    return ([vars(b) for b in got], list(conv.warnings), list(conv.decisions), list(conv.participants))


def both(data: bytes, options: dict[str, str] | None = None, stream: int | None = None) -> tuple[object, object]:
    if NATIVE is None:
        pytest.fail("the C accelerator is not built here (see test_accelerator_is_built)")
    fast = _snapshot(data, options or {}, stream)
    saved, _native.native = _native.native, None
    try:
        slow = _snapshot(data, options or {}, stream)
    finally:
        _native.native = saved
    return fast, slow


def test_accelerator_is_built_where_a_compiler_is() -> None:
    """make test builds it (setup.py); it is optional only where no C compiler exists."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}) on this machine: the package installs without the accelerator")
    assert NATIVE is not None, "the C accelerator was not built although a compiler exists: run make venv"


@pytest.mark.acceptance
@pytest.mark.parametrize("zone", [None, "Asia/Muscat", "America/New_York"])
def test_corpus_chats_same_with_and_without_accelerator(zone: str | None) -> None:
    files = sorted((require_corpus() / "chats").rglob("*.txt"))
    assert files
    opts = {"timezone": zone} if zone else {}
    for p in files:
        fast, slow = both(p.read_bytes(), opts)
        assert fast == slow, p.name


@pytest.mark.parametrize("zone", [None, "Europe/Berlin", "Pacific/Kiritimati", "America/St_Johns"])
def test_generated_exports_same_streamed_and_whole(zone: str | None) -> None:
    data = generate_android(3000, seed=5)
    opts = {"timezone": zone} if zone else {}
    with sizes(200, 300):
        for stream in (None, 500):
            fast, slow = both(data, opts, stream)
            assert fast == slow


edits = st.lists(st.tuples(st.integers(0, 4000), st.sampled_from([
    b"\n", b"\r\n", b": ", b":", b"<", b">", b")", b"\xe2\x80\x8e", b"\xe2\x80\x8f", b"\n01/02/2021, 10:00 - ",
    b"\n[1/2/21, 10:00:00 PM] ", b"<Media omitted>", b" (file attached)", b"\xff", b"\xc3", b"Ann: ", b"",
    b"This message was deleted", b"\n13/13/2021, 25:00 - X: y",
    b" \xe2\x80\x8eafbeelding weggelaten", b"Template.docx document omitted", b" <This message was edited>",
])), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, st.sampled_from([None, "Asia/Muscat"]))
def test_edited_exports_same(changes: list[tuple[int, bytes]], zone: str | None) -> None:
    data = bytearray(generate_android(60, seed=9))
    for pos, ins in changes:
        pos = min(pos, len(data))
        data[pos:pos] = ins
    opts = {"timezone": zone} if zone else {}
    with sizes(10, 15):
        fast, slow = both(bytes(data), opts, 20)
    assert fast == slow


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), st.tuples(st.sampled_from(SEEDS[:3]), st.binary(max_size=60),
                                                      st.integers(0, 60)).map(lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])))
def test_any_bytes_same(data: bytes) -> None:
    fast, slow = both(data)
    assert fast == slow


def test_positions_outside_the_data_are_refused_not_read() -> None:
    """The C functions check every position before reading: a parser bug gives ValueError, never a read
    past the buffer."""
    from array import array

    assert NATIVE is not None
    with pytest.raises(ValueError):
        NATIVE.decode(b"abc", array("q", [0]), array("q", [10]), 0, 1, None)
    with pytest.raises(ValueError):
        NATIVE.decode(b"abc", array("q", [0]), array("q", [1]), 0, 2, None)
    with pytest.raises(ValueError):
        NATIVE.build(b"abc", range(1), 0, 1, array("q", [99]), array("q", [0]), {}, lambda b: 1, {}, 0, -1, 1, 0)
    with pytest.raises(ValueError):
        NATIVE.build(b"abc", array("i", [5]), 0, 1, array("q", [2]), array("q", [0]), {}, lambda b: 1, {}, 0, -1, 1, 0)
