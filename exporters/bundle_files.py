"""Writing the files of a bag: payload copies hashed on the way, tag files, manifests, bag-info, ZIP."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from exporters.jobs import CancelFlag, Cancelled, ExportError, ExportProgress, ProgressSink
from exporters.manifests import BLOCK, digest_bytes, hashdeep_text, manifest_text
from exporters.source import BundleExhibit, BundleSource

UNSIGNED = ("tagmanifest-",)  # tag manifests and the signature are not listed in the tag manifests


class BagWriter:
    def __init__(self, root: Path, algorithms: list[str], *, progress: ProgressSink | None,
                 cancel: CancelFlag | None, total_files: int, total_bytes: int) -> None:
        self.root = root
        self.algorithms = algorithms
        self._progress = progress
        self._cancel = cancel
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.done_files = 0
        self.payload_bytes = 0
        self.payload: dict[str, dict[str, str]] = {}  # path -> digests
        self.sizes: dict[str, int] = {}
        self.tags: dict[str, dict[str, str]] = {}
        self._written: list[Path] = []

    # --- progress and cancellation -----------------------------------------------------------
    def check_cancel(self) -> None:
        if self._cancel is not None and getattr(self._cancel, "cancelled", False):
            raise Cancelled("export cancelled")

    def progress(self, phase: str, current: str | None = None) -> None:
        self.check_cancel()
        if self._progress is not None:
            self._progress(ExportProgress(phase, self.done_files, self.total_files, self.payload_bytes,
                                          self.total_bytes, current))

    # --- files --------------------------------------------------------------------------------
    def _path(self, rel: str) -> Path:
        p = self.root.joinpath(*rel.split("/"))
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def write_file(self, rel: str, data: bytes) -> None:
        p = self._path(rel)
        p.write_bytes(data)
        self._written.append(p)

    def write_tag(self, rel: str, data: bytes) -> None:
        self.write_file(rel, data)
        self.tags[rel] = digest_bytes(data, self.algorithms)

    def read(self, rel: str) -> bytes:
        return self._path(rel).read_bytes()

    def copy_payload(self, ex: BundleExhibit, rel: str) -> str:
        """Stream the original into the bag, hashing once; the copy must match the recorded hashes."""
        self.progress("copying", ex.exhibit)
        hashers = {a: hashlib.new(a) for a in self.algorithms}
        size = 0
        p = self._path(rel)

        def unreadable(e: BaseException) -> ExportError:
            return ExportError(f"{ex.exhibit}: the original could not be read from the case: {e}")

        try:  # reading the case and writing the destination fail differently: a full disk is not a bad original
            src_cm = ex.open()
        except (Cancelled, ExportError):
            raise
        except Exception as e:  # noqa: BLE001 - an unreadable original is the user's problem, in words
            raise unreadable(e) from None
        with src_cm as src, open(p, "wb") as dst:
            while True:
                self.check_cancel()
                try:
                    block = src.read(BLOCK)
                except (Cancelled, ExportError):
                    raise
                except Exception as e:  # noqa: BLE001
                    raise unreadable(e) from None
                if not block:
                    break
                dst.write(block)  # OSError (a full disk) goes up as it is: the CLI says so, exit 6
                for h in hashers.values():
                    h.update(block)
                size += len(block)
                self.payload_bytes += len(block)
                if self._progress is not None and size % (64 * BLOCK) < BLOCK:
                    self.progress("copying", ex.exhibit)
        self._written.append(p)
        digests = {a: h.hexdigest() for a, h in hashers.items()}
        wrong = [f"{ex.exhibit}: size {size} but {ex.size} recorded"] if size != int(ex.size) else []
        for a, d in digests.items():
            recorded = getattr(ex, a, None)
            if recorded and recorded.lower() != d:
                wrong.append(f"{ex.exhibit}: {a} {d} but {recorded} recorded at intake")
        if wrong:
            raise ExportError("an original does not match its recorded hashes; the export was stopped", wrong)
        self.payload[rel] = digests
        self.sizes[rel] = size
        self.done_files += 1
        self.progress("copying", ex.exhibit)
        return rel

    def write_chunks(self, rel: str, chunks: Iterable[bytes]) -> None:
        """A tag file written as it is made, hashed on the way (never held whole in memory)."""
        p = self._path(rel)
        hashers = {a: hashlib.new(a) for a in self.algorithms}
        with open(p, "wb") as f:
            for n, chunk in enumerate(chunks, 1):
                f.write(chunk)
                for h in hashers.values():
                    h.update(chunk)
                if n % 1000 == 0:
                    self.check_cancel()
        self._written.append(p)
        self.tags[rel] = {a: h.hexdigest() for a, h in hashers.items()}

    def write_jsonl(self, rel: str, rows: Iterable[dict]) -> int:
        p = self._path(rel)
        hashers = {a: hashlib.new(a) for a in self.algorithms}
        n = 0
        with open(p, "wb") as f:
            for row in rows:
                line = (json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()
                f.write(line)
                for h in hashers.values():
                    h.update(line)
                n += 1
                if n % 5000 == 0:
                    self.check_cancel()
        self._written.append(p)
        self.tags[rel] = {a: h.hexdigest() for a, h in hashers.items()}
        return n

    # --- bag declaration, info and manifests --------------------------------------------------
    def write_bagit_txt(self) -> None:
        self.write_tag("bagit.txt", b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")

    def write_bag_info(self, source: BundleSource, export_time: str, signing_key: str) -> None:
        def clean(v: object) -> str:
            return " ".join(str(v or "").split())  # one line, no CR/LF

        ex = source.exporter
        fields = [
            ("Source-Organization", clean(source.case.get("organisation") or ex.get("organisation"))),
            ("Contact-Name", clean(ex.get("name"))),
            ("External-Identifier", clean(source.case.get("number"))),
            ("Bagging-Date", export_time[:10]),
            ("Payload-Oxum", f"{sum(self.sizes.values())}.{len(self.sizes)}"),
            ("Bag-Software-Agent", clean(f"{source.tool.get('name')} {source.tool.get('version')}")),
            ("Workbench-Signing-Key", signing_key),
            ("Workbench-Export-Time", export_time),
        ]
        text = "".join(f"{k}: {v}\n" for k, v in fields if v)
        self.write_tag("bag-info.txt", text.encode("utf-8"))

    def write_payload_manifests(self) -> str:
        sha = ""
        for a in self.algorithms:
            data = manifest_text({p: d[a] for p, d in self.payload.items()}).encode("utf-8")
            self.write_tag(f"manifest-{a}.txt", data)
            if a == "sha256":
                sha = hashlib.sha256(data).hexdigest()
        return sha

    def write_hashdeep(self, bag_name: str) -> None:
        entries = {p: (self.sizes[p], d["md5"], d["sha256"]) for p, d in self.payload.items()}
        text = hashdeep_text(entries, invoked_from=bag_name,
                             command="hashdeep -c md5,sha256 -r -l data")
        self.write_tag("metadata/hashdeep.txt", text.encode("utf-8"))

    def write_tag_manifests(self) -> str:
        listed = {p: d for p, d in self.tags.items() if not p.startswith(UNSIGNED)}
        sha = ""
        for a in self.algorithms:  # one tag manifest per payload manifest (RFC 8493 2.2.1)
            data = manifest_text({p: d[a] for p, d in listed.items()}).encode("utf-8")
            self.write_file(f"tagmanifest-{a}.txt", data)
            if a == "sha256":
                sha = hashlib.sha256(data).hexdigest()
        return sha

    def sync(self) -> None:
        """fsync every file written, then the folders (best effort where the OS has no folder fsync)."""
        for p in self._written:
            with open(p, "rb+") as f:
                os.fsync(f.fileno())
        if hasattr(os, "O_DIRECTORY"):
            for d in sorted({p.parent for p in self._written} | {self.root}):
                fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)


ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(folder: Path, zpath: Path, *, progress: ProgressSink | None = None,
              cancel: CancelFlag | None = None) -> tuple[Path, str]:
    """One ZIP of the bag folder: sorted names under ``<bag name>/``, fixed times and attributes."""
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    tmp = zpath.parent / f"{zpath.name}.partial-{os.getpid()}-{os.urandom(6).hex()}"
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as z:
            for i, rel in enumerate(files):
                if cancel is not None and getattr(cancel, "cancelled", False):
                    raise Cancelled("export cancelled")
                info = zipfile.ZipInfo(f"{folder.name}/{rel}", date_time=ZIP_TIME)
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                big = (folder / rel).stat().st_size >= 0x7FFF0000
                with open(folder / rel, "rb") as src, z.open(info, "w", force_zip64=big) as dst:
                    while block := src.read(BLOCK):
                        dst.write(block)
                if progress is not None:
                    progress(ExportProgress("zip", i + 1, len(files), 0, 0, rel))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, zpath)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    h = hashlib.sha256()
    with open(zpath, "rb") as f:
        while block := f.read(BLOCK):
            h.update(block)
    return zpath, h.hexdigest()


def utc_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
