"""What the PDF report is given: the bundle's facts after redaction and scrubbing (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from exporters.source import BundleExhibit


@dataclass
class ReportExhibit:
    ex: BundleExhibit
    path: str  # path in the bundle, "data/EX-000001/photo.jpg"
    record: dict  # redacted and scrubbed record
    custody: list[dict]  # full custody lines of this exhibit ({"event", "hash", "signature"})
    messages: Callable[[], Iterable[dict]] | None = None  # scrubbed message dicts
    message_range: tuple[int, int] | None = None
    message_count: int | None = None


@dataclass
class ReportData:
    case: dict
    exporter: dict
    tool: dict
    export_time_utc: str
    export_time_local: str
    manifest_sha256: str
    fingerprint: str
    algorithms: list[str]
    exhibits: list[ReportExhibit]
    custody_lines: list[dict]
    custody_head: str | None
    withheld: dict[int, str] = field(default_factory=dict)
    redact_paths: bool = False
    certification_template: str | None = None  # text of the template; default: the shipped one
