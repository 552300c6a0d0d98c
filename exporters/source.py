"""The input contract of the exporters: what the case hands over, with no dependence on the database.

The lead adapts a case to these types; the exporters never open the case database or the vault
themselves. Every callable is called lazily, block by block where it returns a stream, so that nothing
from the case is written to disk in plain text except into the bundle itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Iterable


@dataclass
class BundleExhibit:
    exhibit: str  # "EX-000001"
    name_as_found: str  # original file name as found (may contain newlines, %, backslashes, surrogates)
    mime: str
    size: int
    sha256: str
    md5: str
    sha1: str | None
    sha512: str | None
    open: Callable[[], BinaryIO]  # decrypting stream of the original bytes (read in blocks)
    record: dict  # every recorded fact: acquisitions, fields, findings, warnings, notes, tags, parent, ...
    conversation: dict | None = None  # for chat exports: {"app","title","participants","message_count",...}
    messages: Callable[[], Iterable[dict]] | None = None  # message dicts (see docs/BUNDLE-FORMAT.md)
    sensitive: bool = False
    thumbnail: Callable[[], bytes | None] | None = None  # PNG bytes rendered in memory, or None


@dataclass
class CustodyEntry:  # one signed event of the whole case chain, in order
    event: dict
    hash: str
    signature: str


@dataclass
class BundleSource:
    case: dict  # case_id, name, number, organisation
    exporter: dict  # examiner name, role, organisation, key_id
    exhibits: list[BundleExhibit]
    custody: list[CustodyEntry]  # the whole chain of the case, seq 1..N
    examiner_keys: dict[str, bytes]  # key_id -> PEM SubjectPublicKeyInfo of each examiner's Ed25519 key
    sign: Callable[[bytes], bytes]  # Ed25519 signature by the exporting examiner over the given bytes
    tool: dict  # {"name": "Evidence Workbench", "version": "0.1.0"}
    hash_algorithms: tuple[str, ...] = ("sha256", "md5")  # plus "sha512"/"sha1" when the case records them
    # optional extensions
    export_time_utc: str | None = None  # fixed export time (ISO 8601 with Z); default: now
    local_timezone: str | None = None  # IANA zone for the "local" time printed on the cover; default: system
    extra: dict[str, Any] = field(default_factory=dict)
