"""Plain text: encoding detected (BOM first, then charset-normalizer on a sample), text indexed.

Only the first ``MAX_INDEX_BYTES`` are indexed; beyond that a warning says how much was left out.
The original bytes are preserved untouched elsewhere; decoding here is for search only.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from typing import Any

from evidence.registry import register

MAX_INDEX_BYTES = 64 * 1024 * 1024
SAMPLE_BYTES = 1024 * 1024
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def detect_encoding(data: bytes) -> tuple[str | None, str]:
    """(encoding or None, how it was decided)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, "byte-order mark"
    try:
        data.decode("ascii")
        return "ascii", "all bytes are ASCII"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("utf-8")
        return "utf-8", "valid UTF-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4 and len(data) >= SAMPLE_BYTES:  # a sample cut inside a character
            return "utf-8", "valid UTF-8 (sample)"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, "charset-normalizer found no plausible encoding"
    return best.encoding, "charset-normalizer"


@register
class TextFileExtractor:
    NAME = "textfile"
    VERSION = "1.0"
    LIBRARIES = ("charset-normalizer",)
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        return mime.startswith("text/") or mime in ("application/json", "application/xml",
                                                    "application/x-ndjson", "application/csv")

    def extract(self, ctx: Any) -> None:
        with ctx.open() as f:
            data = f.read(MAX_INDEX_BYTES + 1)
        truncated = len(data) > MAX_INDEX_BYTES
        if truncated:
            data = data[:MAX_INDEX_BYTES]
            ctx.warn(f"only the first {MAX_INDEX_BYTES} bytes of {ctx.item.size} are indexed", location="text")
        if not data:
            ctx.add_field("text.encoding", None, location="text")
            return
        encoding, how = detect_encoding(data[:SAMPLE_BYTES])
        if encoding is None:
            encoding, how = "utf-8", "fallback: no encoding detected, undecodable bytes replaced"
            ctx.warn("no text encoding could be detected; decoded as UTF-8 with replacement characters",
                     location="text")
        ctx.add_field("text.encoding", encoding, location="text")
        ctx.add_field("text.encoding_source", how, location="text")
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = "utf-8"
        where = "text" if not truncated else f"text (first {MAX_INDEX_BYTES} bytes)"
        if getattr(ctx, "text_wanted", True):
            text = data.decode(encoding, errors="replace")
            bad, lf, crlf, last, _ = _facts([text])
        else:  # a chat export, indexed message by message: decoded piece by piece for the facts alone; the
            # context keeps only a note, given a piece that is not all blank (as it would the whole text)
            bad, lf, crlf, last, text = _facts(_pieces(data, encoding))
        if bad:
            ctx.warn(f"{bad} byte sequence(s) could not be decoded as {encoding} and show as U+FFFD in the index",
                     location="text")
        ctx.add_field("text.line_endings", "CRLF" if crlf and crlf >= lf - crlf else ("LF" if lf else "none"),
                      location="text")
        ctx.add_field("text.lines", lf + (0 if last == "\n" else 1), location="text")
        ctx.add_text("text", text, location=where)


PIECE = 4 << 20  # bytes decoded at a time when the text itself is not kept


def _pieces(data: bytes, encoding: str) -> Iterator[str]:
    """``data`` decoded as ``data.decode(encoding, "replace")`` would, in pieces (the incremental decoder
    carries a character cut between two pieces over), so no 64 MB text is made."""
    dec = codecs.getincrementaldecoder(encoding)(errors="replace")
    for i in range(0, len(data), PIECE):
        yield dec.decode(data[i:i + PIECE], final=i + PIECE >= len(data))


def _facts(pieces: Iterable[str]) -> tuple[int, int, int, str, str]:
    """(U+FFFD characters, newlines, CR LF pairs, last character, the first piece not all blank or "") of a
    text given in pieces."""
    bad = lf = crlf = 0
    last = sample = ""
    for s in pieces:
        if not s:
            continue
        if not sample and not s.isspace():
            sample = s
        bad += s.count("\ufffd")
        lf += s.count("\n")
        if "\r" in s:  # (the two-character search is the slow one)
            crlf += s.count("\r\n")
        crlf += last == "\r" and s[0] == "\n"
        last = s[-1]
    return bad, lf, crlf, last, sample
