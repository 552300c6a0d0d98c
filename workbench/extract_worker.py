"""The extraction worker process: runs extractors over bytes it is sent, reports records back.

It runs in a separate process (multiprocessing, spawn) so that a native parser that hangs, crashes or
eats memory can be killed without touching the case. It never opens the case or the vault, and never
writes to the disk: it receives the item's bytes over a pipe, or, just after intake, reads the original
again from its read-only source (opened read-only, not following links) and uses it only when it hashes to
the committed item's SHA-256 (hashed on a thread while the job begins; the job sends nothing before the
verdict, and on a mismatch it runs again on the vault copy). It sends back records and children (children
stream back in blocks and are preserved by the parent). Core dumps are disabled in it as in the parent.

A reader thread takes everything off the pipe as it comes (``_read_pipe``), so the parent can send the next
job while this one runs (a pipeline) without a send ever waiting for the job in progress.

Protocol (parent -> worker): ("job", item_dict, extractor_names, options, source path or None), then, without
                                    a source, the item's bytes as one raw message (``send_bytes``: not pickled,
                                    so not copied twice); ("bytes",) then raw bytes, answering "need-bytes";
                                    or ("stop",)
                (worker -> parent): ("need-bytes",) when the source is not the committed item;
                                    ("child", name, path_in_parent, location), then ("block", bytes)...,
                                    ("end",), answered by ("child-result", exhibit, error);
                                    ("conv", extractor, version, libraries, header), then
                                    ("conv-batch", MessageBatch, index payload bytes)... (``dumps_unshared``)
                                    and ("conv-end", fix or None) or ("conv-abort", why);
                                    ("done", records, errors) at the end of a job.

Conversations stream: the header goes first, then batches of ``BATCH`` messages, each made from the
parser's columns only when it is sent, so the worker never holds a conversation's messages as objects and
the parent stores batch k while the worker makes batch k + 1 (the pipe's back-pressure keeps them in step).
Once an item has yielded a conversation, the extractors after it get ``text_superseded``: the whole file
is not indexed again as one text (see ``evidence.context``).
"""

from __future__ import annotations

import gc
import io
import pickle
import queue
import threading
import traceback
from concurrent.futures import Future
from pathlib import Path
from typing import Any, BinaryIO

BLOCK = 1 << 20


def _child_sink_for(conn: Any, replies: queue.SimpleQueue[Any] | None = None):  # noqa: ANN202
    def sink(name: str, stream: BinaryIO, path_in_parent: str, location: str | None) -> tuple[str | None, str | None]:
        conn.send(("child", name, path_in_parent, location))
        error = None
        failure: Exception | None = None
        try:
            while True:
                b = stream.read(BLOCK)
                if not b:
                    break
                conn.send(("block", bytes(b)))
        except Exception as exc:  # a damaged entry or a tripped bomb limit: the parent drops what it read
            error = f"{type(exc).__name__}: {exc}"
            failure = exc
        conn.send(("end", error))
        reply = conn.recv() if replies is None else replies.get()
        if reply is None:
            raise EOFError("the importing process closed the pipe")
        assert reply[0] == "child-result"
        if failure is not None:
            raise failure  # the extractor decides what it means (e.g. the archive extractor's bomb finding)
        return reply[1], reply[2]

    return sink


def dumps_unshared(obj: Any) -> memoryview:
    """``obj`` pickled as ``Connection.send`` would (the parent's ``recv`` reads it alike), but without the
    pickler's memo of objects already written: for a batch's hundred thousand strings, each written once,
    the memo's table was most of the pickling (1M messages: 1.0 -> 0.3 CPU-s). A string that occurs more
    than once as the same object (a sender's name) is then written each time, and the stream is larger
    (193 -> 236 MB for 1M messages). Only for acyclic data, as a batch is (the C pickler refuses a cyclic
    object with ValueError). Where a Python has no ``fast`` switch, it is pickled with the memo."""
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        p.fast = True
    except AttributeError:
        pass
    p.dump(obj)
    return buf.getbuffer()


def _conversation_sink_for(conn: Any, state: dict[str, Any]):  # noqa: ANN202
    from evidence.chats.model import StreamRestart, batches

    from .chat_store import BATCH, conversation_header, index_payload

    def send_all(conv: Any, batch_iter: Any) -> None:
        # The cyclic collector is paused while batches are built and sent (as the line parser pauses it):
        # a million small acyclic objects would otherwise be scanned again and again.
        was = gc.isenabled()
        gc.disable()
        try:
            for b in batch_iter:
                conn.send_bytes(dumps_unshared(("conv-batch", b, index_payload(b))))
        finally:
            if was:
                gc.enable()

    def sink(conv: Any, provenance: Any) -> None:
        msgs = conv.messages
        # The line engine's messages can be sent while they are built (and while the rest of a large file is
        # still being read), before the whole-file decisions: those come at the end as a fix (participants,
        # warnings, decisions, and the few messages they changed).
        lazy = getattr(msgs, "stream", None) is not None and not msgs.final
        conn.send(("conv", state["name"], state["version"], state["libraries"],
                   conversation_header(conv, participants=not lazy)))
        try:
            fix = None
            try:
                send_all(conv, msgs.stream(BATCH) if lazy else batches(conv, BATCH))
            except StreamRestart as restart:  # rare: what was sent is dropped and sent again, final this time
                conn.send(("conv-abort", str(restart)))
                conn.send(("conv", state["name"], state["version"], state["libraries"], conversation_header(conv)))
                lazy = False
                send_all(conv, batches(conv, BATCH))
            if lazy:
                changed = msgs.finalise()
                fix = {"participants": list(conv.participants), "warnings": list(conv.warnings),
                       "decisions": list(conv.decisions), "patch": [(b, None) for b in msgs.patch(changed)]}
        except BaseException as exc:
            conn.send(("conv-abort", f"{type(exc).__name__}: {exc}"))
            raise
        conn.send(("conv-end", fix))
        state["conversations"] += 1

    return sink


def run_job(conn: Any, item: dict[str, Any], names: list[str], options: dict[str, Any], data: bytes,
            replies: queue.SimpleQueue[Any] | None = None) -> None:
    from evidence.context import CollectingContext, Item, Provenance, library_versions
    from evidence.errors import UnsupportedFormat
    from evidence.registry import extractors

    regs = extractors()
    it = Item(exhibit=item["exhibit"], name=item["name"], mime=item["mime"] or "application/octet-stream",
              size=item["size"], path_in_parent=item.get("path_in_parent"), options=dict(options))
    records: list[Any] = []
    errors: list[tuple[str, str]] = []
    sink = _child_sink_for(conn, replies)
    state: dict[str, Any] = {"conversations": 0}
    conv_sink = _conversation_sink_for(conn, state)
    for name in names:
        cls = regs[name]
        prov = Provenance(cls.NAME, cls.VERSION, library_versions(*getattr(cls, "LIBRARIES", ())))
        state.update(name=name, version=cls.VERSION, libraries=prov.libraries)
        superseded = ("the file is a chat export: its messages are indexed one by one (see the conversation), "
                      "not the whole file again as one text") if state["conversations"] else None
        ctx = CollectingContext(it, lambda: io.BytesIO(data), prov, sink, conversation_sink=conv_sink,
                                text_superseded=superseded)
        try:
            cls().extract(ctx)
        except UnsupportedFormat:
            pass
        except MemoryError:
            errors.append((name, "ran out of memory on this file"))
        except RecursionError:
            errors.append((name, "the file is nested too deeply to parse"))
        except Exception as exc:  # an extractor bug or a library failure: a warning on the item, never a crash
            tb = traceback.extract_tb(exc.__traceback__)
            where = f" at {tb[-1].name}" if tb else ""
            errors.append((name, f"{type(exc).__name__}{where}: {exc}"))
        records.append((name, cls.VERSION, prov.libraries, ctx.records))
    conn.send(("done", records, errors))


def _read_pipe(conn: Any, jobs: queue.SimpleQueue[Any], replies: queue.SimpleQueue[Any]) -> None:
    """Take everything off the pipe as it comes: jobs (with their bytes) queue up for the main thread, and
    answers about children go to the job waiting for them. So the importing process can send the next job
    while this one runs, and a send never waits on the job in progress. None marks the end."""
    try:
        while True:
            msg = conn.recv()
            if msg[0] == "job":
                jobs.put((msg, conn.recv_bytes() if msg[4] is None else None))
            elif msg[0] == "bytes":
                replies.put(("bytes", conn.recv_bytes()))
            elif msg[0] == "stop":
                break
            else:
                replies.put(msg)
    except (EOFError, OSError):
        pass
    jobs.put(None)
    replies.put(None)


def worker_main(conn: Any) -> None:
    from .hardening import disable_core_dumps

    disable_core_dumps()
    import warnings

    warnings.simplefilter("ignore")  # library warnings are not user output; extractors record their own
    jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
    replies: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_read_pipe, args=(conn, jobs, replies), daemon=True, name="wb-extract-pipe").start()
    from evidence.registry import extractors

    from evidence.chats._wa_regex import header_regex

    from . import chat_store  # noqa: F401  (loaded now, while the parent prepares the first job)

    extractors()
    header_regex(False), header_regex(True)  # compiled now too (~50 ms), not when the first chat arrives
    while True:
        got = jobs.get()
        if got is None:
            return
        (_, item, names, options, source), data = got
        del got
        verdict = None
        if data is None:
            data, verdict = _read_source(source, item)
        if data is None:  # changed since it was committed, or unreadable: the parent sends the vault copy
            data = _vault_copy(conn, replies)
            if data is None:
                return
        try:
            run_job(conn if verdict is None else _VerifiedSends(conn, verdict), item, names, options, data, replies)
        except _SourceChanged:  # nothing of the job has left: it runs again on the vault copy
            data = _vault_copy(conn, replies)
            if data is None:
                return
            run_job(conn, item, names, options, data, replies)
        del data


def _vault_copy(conn: Any, replies: queue.SimpleQueue[Any]) -> bytes | None:
    conn.send(("need-bytes",))
    reply = replies.get()
    return None if reply is None else reply[1]


class _SourceChanged(BaseException):
    """The source of a job, hashed while the job began, is not the committed item. Raised at the job's first
    send, so nothing of it has left. A BaseException: no extractor's ``except Exception`` takes it for a
    failure of its own."""


class _VerifiedSends:
    """The connection a job sends on while its source is still being hashed (``_read_source``): every send
    first waits for the verdict and raises ``_SourceChanged`` on a mismatch. The parser's head start is the
    gain: the first message of an 80 MB chat export is parsed while its SHA-256 is computed (~0.15 s)."""

    def __init__(self, conn: Any, verdict: Future[bool]) -> None:
        self._conn, self._verdict = conn, verdict

    def _check(self) -> None:
        if not self._verdict.result():
            raise _SourceChanged()

    def send(self, obj: Any) -> None:
        self._check()
        self._conn.send(obj)

    def send_bytes(self, buf: Any) -> None:
        self._check()
        self._conn.send_bytes(buf)


def _read_source(source: str, item: dict[str, Any]) -> tuple[bytes | None, Future[bool] | None]:
    """The original, read again from its read-only source just after intake, to be used only if it is exactly
    the committed item: (None, None) when its size differs or it cannot be read, else (the bytes, the verdict
    of their SHA-256, computed on a thread: hashlib lets go of the GIL while it hashes)."""
    import hashlib

    from .preserve import open_readonly

    size = int(item["size"])
    chunks: list[bytes] = []
    got = 0
    try:
        with open_readonly(Path(source)) as f:
            while got <= size:  # one more byte than the item: a file that grew is not the item
                b = f.read(size + 1 - got)
                if not b:
                    break
                chunks.append(b)
                got += len(b)
    except OSError:
        return None, None
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) != size:
        return None, None
    verdict: Future[bool] = Future()

    def check() -> None:
        try:
            verdict.set_result(hashlib.sha256(data).hexdigest() == item.get("sha256"))
        except BaseException:  # noqa: BLE001 (cannot fail on bytes; were it to, the source is not trusted)
            verdict.set_result(False)

    threading.Thread(target=check, daemon=True, name="wb-source-hash").start()
    return data, verdict
