"""Archives: ZIP (zipfile), tar (tarfile), single-file gzip/bzip2/xz; 7z and RAR listed as not expanded.

Entries become children, streamed (never read whole into memory) through a reader that enforces the
bomb limits while the sink reads it (see ``evidence._limits``). Names are recorded as found; names
that climb out (``../``, ``..\\``, absolute, drive letters) are flagged ``path-traversal``. Encrypted
entries are listed and flagged, and only expanded when ``options["password"]`` opens them (ZipCrypto;
the standard library cannot decrypt AES entries). Nested archives are expanded again by the runner;
``options["depth"]`` says how deep this one is and ``options["max_depth"]`` where expansion stops.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
import tarfile
import zipfile
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Any

from evidence._limits import Budget, CountingReader, Limits, LimitedReader, LimitTripped, buffered
from evidence.registry import register

MAX_LISTED = 10_000
_ZIP = {"application/zip", "application/x-zip-compressed", "application/java-archive"}
_TAR = {"application/x-tar", "application/tar", "application/x-gtar"}
_COMPRESSED = {"application/gzip": "gzip", "application/x-gzip": "gzip", "application/x-bzip2": "bzip2",
               "application/x-xz": "xz"}
_UNSUPPORTED = {"application/x-7z-compressed": "7z", "application/x-rar": "rar", "application/vnd.rar": "rar",
                "application/x-rar-compressed": "rar", "application/x-lzh-compressed": "lzh",
                "application/x-ace-compressed": "ace", "application/vnd.ms-cab-compressed": "cab"}


def is_traversal(name: str) -> bool:
    n = name.replace("\\", "/")
    return n.startswith("/") or bool(re.match(r"^[A-Za-z]:", n)) or ".." in n.split("/")


def child_name(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name or name


@register
class ArchiveExtractor:
    NAME = "archives"
    VERSION = "1.0"
    LIBRARIES: tuple[str, ...] = ()
    BACKGROUND = False

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool:
        return mime in _ZIP or mime in _TAR or mime in _COMPRESSED or mime in _UNSUPPORTED

    def extract(self, ctx: Any) -> None:
        mime = ctx.item.mime
        opts = ctx.item.options or {}
        limits = Limits.from_options(opts)
        depth = opts.get("depth")
        if depth is not None:
            ctx.add_field("archive.depth", int(depth), location="container")
            if int(depth) > limits.max_depth:
                ctx.add_finding("bomb-suspected", f"Archive nested {depth} levels deep (limit {limits.max_depth}); "
                                "not expanded.", location="container", details={"depth": depth})
                ctx.warn(f"nesting depth {depth} exceeds {limits.max_depth}: not expanded", location="container")
                return
        if mime in _UNSUPPORTED:
            kind = _UNSUPPORTED[mime]
            ctx.add_field("archive.format", kind, location="container")
            ctx.add_finding("container-not-expanded", f"container not expanded: {kind} (no well-kept pure-Python "
                            "reader for this format is installed); the archive is preserved whole.",
                            location="container", details={"format": kind})
            return
        budget = Budget(limits)
        with ctx.open() as f:
            if mime in _ZIP:
                self._zip(ctx, f, budget)
            elif mime in _TAR:
                self._tar(ctx, f, budget, "tar")
            else:
                self._compressed(ctx, f, budget, _COMPRESSED[mime])

    # -- ZIP ------------------------------------------------------------------------------------------
    def _zip(self, ctx: Any, f: Any, budget: Budget) -> None:
        ctx.add_field("archive.format", "zip", location="container")
        try:
            zf = zipfile.ZipFile(f)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:  # "zip file version 25.5"
            ctx.warn(f"the ZIP central directory cannot be read: {exc}", location="ZIP central directory")
            return
        with zf:
            infos = zf.infolist()
            ctx.add_field("archive.entry_count", len(infos), location="ZIP central directory")
            self._listing(ctx, [{"name": i.filename, "size": i.file_size, "stored": i.compress_size,
                                 "encrypted": bool(i.flag_bits & 1), "is_dir": i.is_dir(),
                                 "modified_local": _dos_time(i.date_time)} for i in infos],
                          "ZIP central directory")
            if len(infos) > budget.limits.max_entries:
                self._bomb(ctx, f"{len(infos)} entries (limit {budget.limits.max_entries})", "ZIP central directory")
                infos = infos[:budget.limits.max_entries]
            if self._overlapping(infos):
                self._bomb(ctx, "entries overlap each other in the file (a known zip-bomb construction); nothing "
                           "expanded", "ZIP central directory")
                return
            password = (ctx.item.options or {}).get("password")
            encrypted = [i.filename for i in infos if i.flag_bits & 1]
            if encrypted:
                ctx.add_field("archive.encrypted_entries", encrypted[:MAX_LISTED], location="ZIP central directory")
                ctx.add_finding("encrypted-entry", f"{len(encrypted)} entr{'y is' if len(encrypted) == 1 else 'ies are'}"
                                " encrypted" + ("" if password else " and not expanded (no password given)") + ".",
                                location="ZIP central directory", details={"entries": encrypted[:100]})
            for idx, info in enumerate(infos):
                if info.is_dir():
                    continue
                loc = f"entry {idx}"
                if info.flag_bits & 1 and (not password or info.compress_type == 99):
                    if password and info.compress_type == 99:
                        ctx.warn(f"{info.filename!r} is AES-encrypted; the standard library cannot decrypt it",
                                 location=loc)
                    continue
                lim = budget.limits
                if info.file_size > lim.ratio_floor and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                    self._bomb(ctx, f"{info.filename!r} declares {info.file_size} bytes from {info.compress_size} "
                               f"stored (ratio over {lim.max_ratio}); not expanded", loc)
                    continue
                try:
                    raw = zf.open(info, pwd=str(password).encode("utf-8") if password and info.flag_bits & 1 else None)
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, ValueError) as exc:
                    ctx.warn(f"{info.filename!r} cannot be opened: {exc}", location=loc)
                    continue
                stream = buffered(LimitedReader(raw, name=info.filename, budget=budget, compressed=info.compress_size))
                if not self._child(ctx, info.filename, stream, loc):
                    return

    @staticmethod
    def _overlapping(infos: list[zipfile.ZipInfo]) -> bool:
        spans = sorted((i.header_offset, i.header_offset + 30 + len(i.filename.encode("utf-8", "replace"))
                        + i.compress_size) for i in infos if i.compress_size or i.file_size)
        return any(b[0] < a[1] for a, b in zip(spans, spans[1:]))

    # -- tar and compressed streams -------------------------------------------------------------------
    def _tar(self, ctx: Any, f: Any, budget: Budget, label: str, compressed: Any = None) -> None:
        """Stream the members. A plain (seekable) tar with a damaged header is resynchronised on the next
        block whose header checksum is valid, like GNU tar's "Skipping to next header"."""
        ctx.add_field("archive.format", label, location="container")
        state: dict[str, Any] = {"listed": [], "traversal": [], "idx": -1, "stop": False}
        seekable = compressed is None and getattr(f, "seekable", lambda: False)()
        start = f.tell() if seekable else 0
        for _attempt in range(1000):
            failed_at = self._tar_pass(ctx, f, budget, compressed, state, start if seekable else None)
            if failed_at is None or state["stop"] or not seekable:
                break
            nxt = _next_header(f, failed_at + 512)
            if nxt is None:
                break
            ctx.warn(f"skipped damaged tar data from byte {failed_at} to the next valid header at byte {nxt}",
                     location=f"byte {failed_at}")
            start = nxt
        ctx.add_field("archive.entry_count", len(state["listed"]), location="tar headers")
        self._listing(ctx, state["listed"], "tar headers")
        if state["traversal"]:
            self._traversal(ctx, state["traversal"])

    def _tar_pass(self, ctx: Any, f: Any, budget: Budget, compressed: Any, state: dict[str, Any],
                  start: int | None) -> int | None:
        """One run of tarfile from ``start``; returns the byte where it failed (None when it ended cleanly)."""
        if start is not None:
            f.seek(start)
        tf = None
        try:
            tf = tarfile.open(fileobj=f, mode="r|")
            for member in tf:
                state["idx"] += 1
                idx = state["idx"]
                loc = f"entry {idx}"
                if idx >= budget.limits.max_entries:
                    self._bomb(ctx, f"more than {budget.limits.max_entries} entries", loc)
                    state["stop"] = True
                    return None
                entry = {"name": member.name, "size": member.size, "type": _tar_type(member),
                         "modified_utc": datetime.fromtimestamp(member.mtime, timezone.utc).isoformat()
                         if isinstance(member.mtime, (int, float)) and 0 <= member.mtime < 253402300800 else None}
                if member.issym() or member.islnk():
                    entry["link_target"] = member.linkname
                    if is_traversal(member.linkname):
                        state["traversal"].append(f"{member.name} -> {member.linkname}")
                state["listed"].append(entry)
                if is_traversal(member.name):
                    state["traversal"].append(member.name)
                if not member.isfile():
                    continue
                raw = tf.extractfile(member)
                if raw is None:
                    continue
                comp = compressed if compressed is not None else member.size
                stream = buffered(LimitedReader(raw, name=member.name, budget=budget, compressed=comp))
                if not self._child(ctx, member.name, stream, loc, check_traversal=False):
                    state["stop"] = True
                    return None
        except LimitTripped as exc:
            self._bomb(ctx, str(exc), f"entry {state['idx']}")
            state["stop"] = True
        except (tarfile.TarError, OSError, EOFError, zlib_errors()) as exc:
            where = (start or 0) + (tf.offset if tf is not None else 0)
            ctx.warn(f"the tar data is damaged at byte {where} (after {len(state['listed'])} entries): "
                     f"{type(exc).__name__}: {exc}; entries before it are kept", location=f"byte {where}")
            return where
        return None

    def _compressed(self, ctx: Any, f: Any, budget: Budget, kind: str) -> None:
        counting = CountingReader(f)
        opener = {"gzip": lambda r: gzip.GzipFile(fileobj=r, mode="rb"), "bzip2": bz2.BZ2File,
                  "xz": lzma.LZMAFile}[kind]
        inner_name = child_name(ctx.item.name)
        for suffix in (".gz", ".tgz", ".bz2", ".tbz2", ".xz", ".txz"):
            if inner_name.lower().endswith(suffix):
                inner_name = inner_name[: -len(suffix)] + (".tar" if suffix.startswith(".t") else "")
                break
        else:
            inner_name = inner_name + ".decompressed"
        stream = buffered(LimitedReader(opener(counting), name=inner_name, budget=budget,
                                        compressed=lambda: counting.count))
        try:
            head = stream.peek(512)[:512]
        except LimitTripped as exc:
            self._bomb(ctx, str(exc), "stream")
            return
        except (OSError, EOFError, ValueError, zlib_errors()) as exc:
            ctx.warn(f"the {kind} stream cannot be decompressed: {exc}", location="stream")
            return
        if len(head) == 512 and head[257:262] == b"ustar" or _tar_checksum_ok(head):
            self._tar(ctx, stream, budget, f"tar+{kind}", compressed=lambda: counting.count)
            return
        ctx.add_field("archive.format", kind, location="container")
        self._child(ctx, inner_name, stream, "stream")

    # -- shared ---------------------------------------------------------------------------------------
    def _child(self, ctx: Any, name: str, stream: Any, loc: str, check_traversal: bool = True) -> bool:
        """Preserve one entry; False when the archive must stop (a limit tripped)."""
        if check_traversal and is_traversal(name):
            self._traversal(ctx, [name])
        try:
            ctx.add_child(child_name(name), stream, path_in_parent=name, location=loc)
        except LimitTripped as exc:
            self._bomb(ctx, str(exc), loc)
            return False
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
                zlib_errors()) as exc:
            ctx.warn(f"{name!r} cannot be expanded: {type(exc).__name__}: {exc}", location=loc)
        return True

    @staticmethod
    def _bomb(ctx: Any, reason: str, loc: str) -> None:
        ctx.add_finding("bomb-suspected", f"Expansion stopped: {reason}.", location=loc, details={"reason": reason})
        ctx.warn(f"expansion stopped ({reason}); entries already preserved are kept", location=loc)

    @staticmethod
    def _traversal(ctx: Any, names: list[str]) -> None:
        ctx.add_finding("path-traversal", "Entry names climb out of the archive (../, ..\\ or absolute): "
                        + ", ".join(repr(n) for n in names[:5]), location="entry names",
                        details={"names": names[:100]})

    @staticmethod
    def _listing(ctx: Any, entries: list[dict[str, Any]], loc: str) -> None:
        ctx.add_field("archive.entries", entries[:MAX_LISTED], location=loc)
        if len(entries) > MAX_LISTED:
            ctx.warn(f"{len(entries)} entries; the listing keeps the first {MAX_LISTED}", location=loc)


def zlib_errors() -> type[Exception]:
    import zlib

    return zlib.error


def _dos_time(t: tuple[int, ...]) -> str | None:
    try:
        return datetime(*t).isoformat()  # DOS time: local time of the zipping machine, zone unknown
    except (ValueError, TypeError):
        return None


def _tar_type(m: tarfile.TarInfo) -> str:
    return ("file" if m.isfile() else "dir" if m.isdir() else "symlink" if m.issym() else "hardlink" if m.islnk()
            else "other")


def _next_header(f: Any, pos: int, scan_limit: int = 256 * 1024 * 1024) -> int | None:
    """Offset of the next 512-byte-aligned block with a valid tar header checksum, or None."""
    pos = (pos + 511) // 512 * 512
    end = pos + scan_limit
    f.seek(pos)
    while pos < end:
        block = f.read(512)
        if len(block) < 512:
            return None
        if block.strip(b"\x00") and _tar_checksum_ok(block):
            return pos
        pos += 512
    return None


def _tar_checksum_ok(block: bytes) -> bool:
    if len(block) < 512:
        return False
    try:
        stored = int(block[148:156].replace(b"\x00", b" ").strip() or b"-1", 8)
    except ValueError:
        return False
    calc = sum(block[:148]) + 8 * 32 + sum(block[156:512])
    return stored == calc
