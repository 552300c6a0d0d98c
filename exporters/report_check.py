"""Does the report show every exhibit's id and SHA-256, and the SHA-256 of manifest-sha256.txt?

A report comes from a stranger as much as the rest of a bundle, and MuPDF is native code that holds the
GIL: the check runs in a child process (house rule 4) that is killed after a time limit, while the
verifier's own threads hash the payload and check the custody chain. Protocol: one JSON line on stdin
(``{"wanted": {exhibit id (lower case): sha256}, "manifest_sha256": ...}``) followed by the PDF's bytes;
one JSON object on stdout (``{"ids_left": [...], "shas_left": [...], "error": ...}``).

Two passes, the second only when the first leaves something unseen:

1. The strings each page draws, read from its content stream (``Page.read_contents``) without laying out
   text: about twenty times faster than text extraction. The workbench's reports (reportlab) draw ASCII
   text with identity codes, so ids and digests appear as written.
2. MuPDF's text extraction of every page, which decides for any other PDF, or a damaged one.

Either way the text is flattened (white space removed: a digest is printed over two lines), every run of
64 or more hex digits is cut into its 64-digit windows and every id-shaped string is collected into sets,
so the check is linear in the text. Pages are read in order only until everything has been seen: the
cover and the exhibit index come first.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from typing import Callable, Iterable, Iterator

_SPACE = re.compile(r"\s+")
_HEX = re.compile(r"[0-9a-f]{64,}")
_LITERAL = re.compile(rb"\(((?:[^()\\]+|\\.)*)\)", re.DOTALL)  # a PDF literal string (reportlab never nests)
_ESC = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
TIME_LIMIT = 300.0


def _unescape(s: bytes) -> bytes:
    def one(m: re.Match) -> bytes:
        c = m.group(1)
        if c[:1].isdigit():
            return bytes([int(c, 8) & 0xFF])
        return {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(c, c)

    return _ESC.sub(one, s)


def _drawn_strings(content: bytes) -> str:
    """The literal strings of a content stream, joined (text operators are the only place they occur in
    the content streams reportlab writes)."""
    return b"".join(_unescape(x) if b"\\" in x else x for x in _LITERAL.findall(content)).decode("latin-1")


def _pages(data: bytes, how: str) -> Iterator[str]:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            text = _drawn_strings(page.read_contents()) if how == "drawn" else page.get_text()
            yield _SPACE.sub("", text).lower()


def _scan(pages: Iterable[str], wanted: dict[str, str], manifest_sha256: str | None) -> tuple[set, set]:
    ids_left = set(wanted)
    shas_left = set(wanted.values()) | ({manifest_sha256} if manifest_sha256 else set())
    id_lengths = sorted({len(ex) for ex in wanted})
    starts = re.compile("|".join(sorted({re.escape(ex[:3]) for ex in wanted})) or "(?!)")
    tail = ""
    for text in pages:
        flat = tail + text  # an id or a digest may run across a page end
        tail = text[-200:]
        if ids_left:
            for m in starts.finditer(flat):
                for n in id_lengths:
                    ids_left.discard(flat[m.start() : m.start() + n])
        if shas_left:
            for run in _HEX.findall(flat):
                shas_left.difference_update([run[i : i + 64] for i in range(len(run) - 63)])
        if not ids_left and not shas_left:
            break
    return ids_left, shas_left


def check(data: bytes, wanted: dict[str, str], manifest_sha256: str | None) -> dict:
    """In this process: ``{"ids_left", "shas_left", "error"}``."""
    try:
        ids, shas = _scan(_pages(data, "drawn"), wanted, manifest_sha256)
        if ids or shas:
            ids, shas = _scan(_pages(data, "text"), wanted, manifest_sha256)
    except Exception as e:  # noqa: BLE001 - a damaged PDF is a finding, not a crash
        return {"ids_left": [], "shas_left": [], "error": f"cannot be read as a PDF: {e}"}
    return {"ids_left": sorted(ids), "shas_left": sorted(shas), "error": None}


def start(data: bytes, wanted: dict[str, str], manifest_sha256: str | None) -> Callable[[], dict]:
    """Start the check in a child process; returns a function that waits for its answer."""
    header = json.dumps({"wanted": wanted, "manifest_sha256": manifest_sha256}).encode() + b"\n"
    try:
        proc = subprocess.Popen([sys.executable, "-m", "exporters.report_check"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:  # no interpreter to start (e.g. a frozen build): check in this process
        return lambda: check(data, wanted, manifest_sha256)

    def feed() -> None:
        try:
            with proc.stdin:  # type: ignore[union-attr]
                proc.stdin.write(header + data)  # type: ignore[union-attr]
        except OSError:  # the child ended early: its exit says why
            pass

    answer: list[bytes] = []
    feeder = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=lambda: answer.append(proc.stdout.read()), daemon=True)  # type: ignore[union-attr]
    feeder.start()
    reader.start()

    def wait() -> dict:
        reader.join(TIME_LIMIT)
        if reader.is_alive():
            proc.kill()
            proc.wait()
            return {"ids_left": [], "shas_left": [], "error": f"could not be read within {TIME_LIMIT:.0f} s"}
        proc.wait()
        feeder.join()
        proc.stdout.close()  # type: ignore[union-attr]
        try:
            out = json.loads(answer[0]) if answer else None
            if isinstance(out, dict) and {"ids_left", "shas_left", "error"} <= set(out):
                return out
        except ValueError:
            pass
        return {"ids_left": [], "shas_left": [], "error": f"reading it stopped the reader (exit {proc.returncode})"}

    return wait


def _main() -> None:
    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline())
    answer = check(stdin.read(), header["wanted"], header.get("manifest_sha256"))
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    _main()
