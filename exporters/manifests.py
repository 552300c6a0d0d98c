"""Digests, BagIt manifests and the hashdeep known-file list.

One read per file feeds every digest (house rule 10), in 1 MiB blocks. Files are hashed by a thread pool
sized to the CPU count: ``hashlib`` releases the GIL on large updates, so the threads run in parallel.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO, Callable, Iterable, Mapping, Sequence

BLOCK = 1 << 20
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


def digest_stream_split(stream: BinaryIO, algorithms: Sequence[str]) -> tuple[dict[str, str], int]:
    """Like :func:`digest_stream`, but each digest runs in its own thread over the same blocks.

    Used when there are fewer files than cores: one large file then still uses every core (the time of a
    file is that of its slowest digest instead of the sum of all).
    """
    if len(algorithms) < 2:
        return digest_stream(stream, algorithms)
    hashers = [hashlib.new(a) for a in algorithms]
    size = 0
    with ThreadPoolExecutor(max_workers=len(hashers)) as pool:
        pending: list = []
        while True:
            block = stream.read(BLOCK * 4)
            if not block:
                break
            size += len(block)
            for f in pending:
                f.result()
            pending = [pool.submit(h.update, block) for h in hashers]
        for f in pending:
            f.result()
    return {a: h.hexdigest() for a, h in zip(algorithms, hashers)}, size


def digest_bytes(data: bytes, algorithms: Sequence[str]) -> dict[str, str]:
    return {a: hashlib.new(a, data).hexdigest() for a in algorithms}


def workers() -> int:
    return max(2, min(32, (os.cpu_count() or 2)))


def digest_many(
    names: Iterable[str],
    opener: Callable[[str], BinaryIO],
    algorithms: Sequence[str],
) -> dict[str, tuple[dict[str, str] | None, int, str | None]]:
    """Hash many files in parallel: ``{name: (digests or None, size, error or None)}``."""

    names = list(names)
    split = len(names) < workers()

    def one(name: str) -> tuple[str, tuple[dict[str, str] | None, int, str | None]]:
        try:
            with opener(name) as f:
                d, size = digest_stream_split(f, algorithms) if split else digest_stream(f, algorithms)
            return name, (d, size, None)
        except OSError as e:
            return name, (None, 0, f"cannot be read: {e.strerror or e}")
        except Exception as e:  # noqa: BLE001 - e.g. a corrupt ZIP member: reported, never raised
            return name, (None, 0, f"cannot be read: {e}")

    if len(names) <= 1:
        return dict(one(n) for n in names)
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        return dict(pool.map(one, names))


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


def parse_manifest(text: str) -> tuple[dict[str, str], list[str]]:
    """Parse manifest text into ``{path: hex}``; returns also the problems with lines it could not read."""
    out: dict[str, str] = {}
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
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
    lines = text.splitlines()
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
