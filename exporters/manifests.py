"""Digests, BagIt manifests and the hashdeep known-file list.

One read per file feeds every digest (house rule 10). Files are hashed by a thread pool sized to the CPU
count: ``hashlib`` releases the GIL on large updates, so the threads run in parallel. A large file has its
digests split across cores (MD5 is about three times slower than SHA-256 on CPUs with SHA extensions, so
hashing both in one thread would double the time of the largest file).
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO, Callable, Iterable, Mapping, Sequence

BLOCK = 1 << 20
BIG_BLOCK = 8 << 20  # large reads: fewer GIL hand-overs between the threads that share a file's blocks
SMALL = 1 << 20  # files up to this size are read in one call and hashed from memory
SPLIT = 16 << 20  # files from this size have their digests computed on several cores
BATCH_FILES, BATCH_BYTES = 64, 8 << 20  # small files are hashed in batches of this many, or this size
SLOWNESS = {"sha512": 4, "md5": 3, "sha256": 2, "sha1": 1}  # relative cost per byte with SHA-NI (measured)
ALGORITHMS = ("sha256", "sha512", "sha1", "md5")  # every algorithm a bundle may carry
HEX_LEN = {"sha256": 64, "sha512": 128, "sha1": 40, "md5": 32}


def digest_stream(stream: BinaryIO, algorithms: Sequence[str]) -> tuple[dict[str, str], int]:
    """Read a stream once to its end and return ``({algorithm: hex}, size)``."""
    hashers = [(a, hashlib.new(a)) for a in algorithms]
    size = 0
    readinto = getattr(stream, "readinto", None)
    if readinto is not None:
        buf = bytearray(BLOCK)
        view = memoryview(buf)
        while True:
            n = readinto(view)
            if not n:
                break
            size += n
            chunk = view[:n]
            for _, h in hashers:
                h.update(chunk)
    else:
        while True:
            block = stream.read(BLOCK)
            if not block:
                break
            size += len(block)
            for _, h in hashers:
                h.update(block)
    return {a: h.hexdigest() for a, h in hashers}, size


def digest_stream_split(stream: BinaryIO, algorithms: Sequence[str], helper: ThreadPoolExecutor | None = None
                        ) -> tuple[dict[str, str], int]:
    """Like :func:`digest_stream`, but the digests of one file run on several cores over the same blocks.

    Used for large files: the file is still read once, in 4 MiB blocks; the first (slowest) digest is
    updated by the reading thread and the others by ``helper`` threads, while the next block is read.
    The time of a file is then that of its slowest digest instead of the sum of all.
    """
    if len(algorithms) < 2:
        return digest_stream(stream, algorithms)
    hashers = [hashlib.new(a) for a in algorithms]
    first, rest = hashers[0], hashers[1:]
    own = helper is None
    pool = helper or ThreadPoolExecutor(max_workers=len(rest))
    size = 0
    pending: list = []
    readinto = getattr(stream, "readinto", None)
    # two buffers, reused: one is read into while the helpers still hash the other (a new 8 MiB object per
    # block would cost a fresh mapping and its page faults every time)
    bufs = [memoryview(bytearray(BIG_BLOCK)), memoryview(bytearray(BIG_BLOCK))] if readinto else []
    turn = 0
    try:
        while True:
            if readinto is not None:
                n = readinto(bufs[turn])
                block = bufs[turn][:n]
                turn ^= 1
            else:
                block = stream.read(BIG_BLOCK)
            for f in pending:
                f.result()
            if not block:
                break
            size += len(block)
            pending = [pool.submit(h.update, block) for h in rest]
            first.update(block)
    finally:
        for f in pending:
            f.result()
        if own:
            pool.shutdown()
    return {a: h.hexdigest() for a, h in zip(algorithms, hashers)}, size


def digest_bytes(data: bytes, algorithms: Sequence[str]) -> dict[str, str]:
    return {a: hashlib.new(a, data).hexdigest() for a in algorithms}


def workers() -> int:
    return max(2, min(32, (os.cpu_count() or 2)))


Digests = tuple[dict[str, str] | None, int, str | None]  # (digests or None, size, error or None)


def _slowest_first(algorithms: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(algorithms, key=lambda a: -SLOWNESS.get(a, 1)))


def digest_files(
    jobs: Iterable[tuple[str, Sequence[str], int]],
    opener: Callable[[str], BinaryIO],
    *,
    pool: ThreadPoolExecutor,
    helper: ThreadPoolExecutor,
    preloaded: Mapping[str, bytes] | None = None,
) -> list[Future]:
    """Submit the hashing of files ``(name, algorithms, expected size)``; each future gives a list of
    ``(name, Digests)``. Largest first; small files go in batches (one future per file would cost more than
    hashing them), each read in one call and hashed from memory; a large file is split across cores by
    digest (:func:`digest_stream_split` on ``helper``). Files in ``preloaded`` (already read whole to be
    parsed) are hashed from those bytes, not read again. Errors are returned, never raised: a damaged ZIP
    member or an unreadable file is a finding.
    """
    held = preloaded or {}

    def one(name: str, algorithms: tuple[str, ...], size_hint: int) -> tuple[str, Digests]:
        data = held.get(name)
        if data is not None:  # hashlib releases the GIL on buffers over 2 KiB
            return name, ({a: hashlib.new(a, data).hexdigest() for a in algorithms}, len(data), None)
        try:
            with opener(name) as f:
                if size_hint <= SMALL:
                    # read the expected size and one byte more (asking for SMALL bytes would allocate that
                    # much for every small file); a file that grew is read on to its end
                    data = f.read(size_hint + 1)
                    if len(data) <= size_hint:
                        return name, ({a: hashlib.new(a, data).hexdigest() for a in algorithms}, len(data), None)
                    d, size = digest_stream(_Prefixed(data, f), algorithms)
                elif size_hint >= SPLIT and len(algorithms) > 1:
                    d, size = digest_stream_split(f, algorithms, helper)
                else:
                    d, size = digest_stream(f, algorithms)
            return name, (d, size, None)
        except OSError as e:
            return name, (None, 0, f"cannot be read: {e.strerror or e}")
        except Exception as e:  # noqa: BLE001 - e.g. a corrupt ZIP member: reported, never raised
            return name, (None, 0, f"cannot be read: {e}")

    def batch(part: list[tuple[str, Sequence[str], int]]) -> list[tuple[str, Digests]]:
        return [one(n, _slowest_first(a), s) for n, a, s in part]

    ordered = sorted(jobs, key=lambda j: -j[2])
    futures: list[Future] = []
    part: list[tuple[str, Sequence[str], int]] = []
    part_bytes = 0
    for job in ordered:
        part.append(job)
        part_bytes += job[2]
        if part_bytes >= BATCH_BYTES or len(part) >= BATCH_FILES:
            futures.append(pool.submit(batch, part))
            part, part_bytes = [], 0
    if part:
        futures.append(pool.submit(batch, part))
    return futures


class _Prefixed:
    """A stream whose first bytes were already read (a file that grew past its expected size)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def read(self, n: int = -1) -> bytes:
        if self._head:
            out, self._head = self._head, b""
            return out
        return self._rest.read(n)


def digest_many(
    names: Iterable[str],
    opener: Callable[[str], BinaryIO],
    algorithms: Sequence[str],
    sizes: Callable[[str], int] | None = None,
) -> dict[str, Digests]:
    """Hash many files in parallel: ``{name: (digests or None, size, error or None)}``."""
    names = list(names)
    size_of = sizes or (lambda n: SPLIT if len(names) < workers() else SMALL + 1)
    with ThreadPoolExecutor(max_workers=workers()) as pool, ThreadPoolExecutor(max_workers=3) as helper:
        futures = digest_files([(n, tuple(algorithms), size_of(n)) for n in names], opener, pool=pool,
                               helper=helper)
        return {name: d for f in futures for name, d in f.result()}


# --- BagIt manifest lines (RFC 8493 2.1.3): "<checksum> <filepath>", CR LF % percent-encoded ---------


def encode_path(path: str) -> str:
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_path(path: str) -> str:
    return path.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n").replace(
        "%25", "%"
    )


def manifest_text(entries: Mapping[str, str]) -> str:
    """``{path: hexdigest}`` -> manifest text, sorted by path, LF line ends, two spaces (sha256sum -c)."""
    return "".join(f"{entries[p]}  {encode_path(p)}\n" for p in sorted(entries))


class ManifestError(ValueError):
    pass


_EOL = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    """The lines of a bag's text file, split at CR LF, CR or LF only (RFC 8493), never at the other
    characters ``str.splitlines`` breaks at (U+0085, U+2028, U+001C...), which JSON and file names may hold
    unescaped."""
    return _EOL.split(text)


def parse_manifest(text: str) -> tuple[dict[str, str], list[str]]:
    """Parse manifest text into ``{path: hex}``; returns also the problems with lines it could not read."""
    out: dict[str, str] = {}
    problems: list[str] = []
    for n, line in enumerate(text_lines(text), 1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            problems.append(f"line {n} is not '<checksum> <path>'")
            continue
        digest, path = parts[0].lower(), decode_path(parts[1].lstrip("*"))
        if path in out:
            problems.append(f"line {n}: {path} is listed twice")
        out[path] = digest
    return out, problems


# --- hashdeep known-file list ---------------------------------------------------------------------


def hashdeep_text(entries: Mapping[str, tuple[int, str, str]], *, invoked_from: str, command: str) -> str:
    """``{path: (size, md5, sha256)}`` -> a hashdeep 1.0 known-file list.

    Paths are relative to the bag folder (``data/...``) so that ``hashdeep -c md5,sha256 -r -l -a -k
    metadata/hashdeep.txt data`` run in the bag folder matches them.
    """
    lines = [
        "%%%% HASHDEEP-1.0",
        "%%%% size,md5,sha256,filename",
        "## Invoked from: " + invoked_from,
        "## $ " + command,
        "##",
    ]
    for p in sorted(entries):
        size, md5, sha256 = entries[p]
        lines.append(f"{size},{md5},{sha256},{p}")
    return "\n".join(lines) + "\n"


def parse_hashdeep(text: str) -> tuple[dict[str, tuple[int, str, str]], list[str]]:
    out: dict[str, tuple[int, str, str]] = {}
    problems: list[str] = []
    lines = text_lines(text)
    if not lines or lines[0].strip() != "%%%% HASHDEEP-1.0":
        problems.append("the header '%%%% HASHDEEP-1.0' is missing")
    for n, line in enumerate(lines, 1):
        if not line or line.startswith("%%%%") or line.startswith("#"):
            continue
        parts = line.split(",", 3)
        if len(parts) != 4 or not parts[0].isdigit():
            problems.append(f"line {n} is not 'size,md5,sha256,filename'")
            continue
        out[parts[3]] = (int(parts[0]), parts[1].lower(), parts[2].lower())
    return out, problems
