"""Read a bundle in place, as a folder or as a ZIP (members are streamed; nothing is extracted to disk)."""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO


class BagReadError(Exception):
    """The bag, or one member of it (``member``), cannot be read."""

    def __init__(self, message: str, member: str | None = None) -> None:
        super().__init__(message)
        self.member = member


class BagReader:
    """Uniform access to the files of a bag: relative POSIX paths, streams and bytes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._prefix = ""
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._sizes: dict[str, int] | None = None  # a folder's files and sizes, listed once by files()
        self.cache: dict[str, bytes] = {}  # members read whole by read(keep=True): hashed from memory later
        if self.path.is_dir():
            self.kind = "folder"
        elif self.path.is_file() and zipfile.is_zipfile(self.path):
            self.kind = "zip"
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as e:
                raise BagReadError(f"{self.path} is not a readable ZIP: {e}") from None
            infos = [i for i in self._zip.infolist() if not i.is_dir()]
            tops = [i.filename for i in infos if i.filename.rsplit("/", 1)[-1] == "bagit.txt"]
            if not tops:
                raise BagReadError(f"{self.path}: no bagit.txt in the ZIP")
            top = min(tops, key=len)
            self._prefix = top[: -len("bagit.txt")]
            for i in infos:
                if i.filename.startswith(self._prefix):
                    self._members[i.filename[len(self._prefix) :]] = i
        elif not self.path.exists():
            raise BagReadError(f"{self.path} does not exist")
        else:
            raise BagReadError(f"{self.path} is neither a bundle folder nor a ZIP")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "BagReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def files(self) -> list[str]:
        """Every file in the bag (no folders), as relative POSIX paths."""
        if self._zip is not None:
            return sorted(self._members)
        if self._sizes is None:
            sizes: dict[str, int] = {}
            stack = [(str(self.path), "")]
            while stack:
                folder, prefix = stack.pop()
                with os.scandir(folder) as it:
                    for entry in it:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append((entry.path, f"{prefix}{entry.name}/"))
                        else:
                            try:
                                sizes[prefix + entry.name] = entry.stat().st_size
                            except OSError:  # a dangling link: listed, and reported when read
                                sizes[prefix + entry.name] = 0
            self._sizes = sizes
        return sorted(self._sizes)

    def exists(self, rel: str) -> bool:
        if self._zip is not None:
            return rel in self._members
        return (self.path / rel).is_file()

    def open(self, rel: str) -> BinaryIO:
        if self._zip is not None:
            info = self._members.get(rel)
            if info is None:
                raise FileNotFoundError(rel)
            return self._zip.open(info)  # type: ignore[return-value]
        return open(self.path / rel, "rb", buffering=0)

    def read(self, rel: str, *, keep: bool = False) -> bytes:
        """The bytes of one member; a damaged ZIP member or an unreadable file raises :class:`BagReadError`.

        ``keep`` holds them in :attr:`cache` (read once, then parsed and hashed from memory)."""
        if rel in self.cache:
            return self.cache[rel]
        try:
            with self.open(rel) as f:
                data = f.read()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError,
                ValueError) as e:
            raise BagReadError(f"{rel} cannot be read: {e}", member=rel) from e
        if keep:
            self.cache[rel] = data
        return data

    def size(self, rel: str) -> int:
        if self._zip is not None:
            return self._members[rel].file_size
        if self._sizes is not None and rel in self._sizes:
            return self._sizes[rel]
        return (self.path / rel).stat().st_size
