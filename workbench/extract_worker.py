"""The extraction worker process: runs extractors over bytes it is sent, reports records back.

It runs in a separate process (multiprocessing, spawn) so that a native parser that hangs, crashes or
eats memory can be killed without touching the case. It never opens the case, the vault or the disk:
it receives the item's bytes over a pipe, and sends back records and children (children stream back in
blocks and are preserved by the parent). Core dumps are disabled in it as in the parent.

Protocol (parent -> worker): ("job", item_dict, extractor_names, options, data_bytes) or ("stop",)
                (worker -> parent): ("child", name, path_in_parent, location), then ("block", bytes)...,
                                    ("end",), answered by ("child-result", exhibit, error);
                                    ("done", records, errors) at the end of a job.
"""

from __future__ import annotations

import io
import traceback
from typing import Any, BinaryIO

BLOCK = 1 << 20


def _child_sink_for(conn: Any):  # noqa: ANN202
    def sink(name: str, stream: BinaryIO, path_in_parent: str, location: str | None) -> tuple[str | None, str | None]:
        conn.send(("child", name, path_in_parent, location))
        error = None
        try:
            while True:
                b = stream.read(BLOCK)
                if not b:
                    break
                conn.send(("block", bytes(b)))
        except Exception as exc:  # a damaged entry or a tripped bomb limit: what was read is dropped
            error = f"{type(exc).__name__}: {exc}"
        conn.send(("end", error))
        reply = conn.recv()
        assert reply[0] == "child-result"
        return reply[1], reply[2] or error

    return sink


def run_job(conn: Any, item: dict[str, Any], names: list[str], options: dict[str, Any], data: bytes) -> None:
    from evidence.context import CollectingContext, Item, Provenance, library_versions
    from evidence.errors import UnsupportedFormat
    from evidence.registry import extractors

    regs = extractors()
    it = Item(exhibit=item["exhibit"], name=item["name"], mime=item["mime"] or "application/octet-stream",
              size=item["size"], path_in_parent=item.get("path_in_parent"), options=dict(options))
    records: list[Any] = []
    errors: list[tuple[str, str]] = []
    sink = _child_sink_for(conn)
    for name in names:
        cls = regs[name]
        prov = Provenance(cls.NAME, cls.VERSION, library_versions(*getattr(cls, "LIBRARIES", ())))
        ctx = CollectingContext(it, lambda: io.BytesIO(data), prov, sink)
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


def worker_main(conn: Any) -> None:
    from .hardening import disable_core_dumps

    disable_core_dumps()
    import warnings

    warnings.simplefilter("ignore")  # library warnings are not user output; extractors record their own
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg[0] == "stop":
            return
        _, item, names, options, data = msg
        run_job(conn, item, names, options, data)
