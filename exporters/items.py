"""``metadata/items.json`` and ``metadata/messages/*.jsonl``: every recorded fact, made safe to publish.

- Strings are valid Unicode: a lone surrogate (an undecodable byte of a file name, kept by the case with
  ``surrogateescape``) becomes U+FFFD, and the exact bytes of the name as found are kept in hex beside it
  (``name_as_found_bytes_hex``).
- Values that JSON cannot hold (bytes, datetimes, sets, tuples) become hex / ISO text / lists.
- With ``redact_paths`` the examiner's local source paths in acquisitions become their base names.
- A subset export names no exhibit outside the subset: any ``EX-nnnnnn`` that is not exported is replaced
  by ``EX-(not exported)`` in records, conversations and messages.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import date, datetime
from typing import Any, Iterable, Iterator

from exporters.source import BundleExhibit

FORMAT = "evidence-workbench-bundle/1"
_EXHIBIT_ID = re.compile(r"EX-\d{6}")
NOT_EXPORTED = "EX-(not exported)"
_PATH_KEYS = ("source_path",)


def has_surrogates(s: str) -> bool:
    try:  # UTF-8 refuses exactly the lone surrogates; done in C, where a loop over characters is not
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def fix_text(s: str) -> str:
    if has_surrogates(s):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
    return s


def original_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


class Scrubber:
    """Makes values JSON-safe and removes references to exhibits outside the export."""

    def __init__(self, exported: set[str]) -> None:
        self.exported = exported

    def text(self, s: str) -> str:
        s = fix_text(s)
        if "EX-" in s:
            s = _EXHIBIT_ID.sub(lambda m: m.group(0) if m.group(0) in self.exported else NOT_EXPORTED, s)
        return s

    def __call__(self, value: Any) -> Any:
        """The value made safe. A dict or list that needs no change is returned as it is, not copied: an
        export of 10,000 exhibits then holds their records once, not twice (nothing mutates them later)."""
        if isinstance(value, str):
            return self.text(value)
        if value is None or isinstance(value, (bool, int, float)):
            return value
        if isinstance(value, dict):
            out = {self.text(str(k)): self(v) for k, v in value.items()}
            if len(out) == len(value) and all(
                    k in value and (new is value[k] or (type(new) is str and new == value[k]))
                    for k, new in out.items()):
                return value
            return out
        if isinstance(value, list):
            items = [self(v) for v in value]
            if all(new is old or (type(new) is str and new == old) for new, old in zip(items, value)):
                return value
            return items
        if isinstance(value, (tuple, set, frozenset)):
            items = [self(v) for v in value]
            return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
        if isinstance(value, (bytes, bytearray, memoryview)):
            return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        return self.text(str(value))


def _base_name(path: str) -> str:
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


def redacted_record(record: dict, redact_paths: bool) -> tuple[dict, list[str]]:
    """A copy of the record with acquisition source paths reduced to base names; returns the removed paths."""
    rec = dict(record)
    removed: list[str] = []
    if redact_paths and isinstance(rec.get("acquisitions"), list):
        acqs = []
        for acq in rec["acquisitions"]:
            if isinstance(acq, dict):
                acq = dict(acq)
                for key in _PATH_KEYS:
                    value = acq.get(key)
                    if isinstance(value, str) and value:
                        base = _base_name(value)
                        if base != value:
                            removed.append(value)
                            acq[key] = base
                            acq[f"{key}_redacted"] = True
            acqs.append(acq)
        rec["acquisitions"] = acqs
    return rec, removed


def exhibit_entry(
    ex: BundleExhibit,
    *,
    path: str,
    record: dict,
    algorithms: Iterable[str],
    messages_path: str | None,
    message_count: int | None,
    message_range: tuple[int, int] | None,
    scrub: Scrubber,
    scrubbed: bool = False,
) -> dict:
    """One exhibit of items.json; ``scrubbed`` says ``record`` has been through ``scrub`` already (the report
    shares that copy)."""
    entry: dict[str, Any] = {
        "exhibit": ex.exhibit,
        "name_as_found": fix_text(ex.name_as_found),
        "path": path,
        "mime": ex.mime,
        "size": int(ex.size),
        "hashes": {a: getattr(ex, a) for a in algorithms if getattr(ex, a, None)},
        "sensitive": bool(ex.sensitive),
        "record": record if scrubbed else scrub(record),
    }
    if has_surrogates(ex.name_as_found):
        entry["name_as_found_bytes_hex"] = original_bytes(ex.name_as_found).hex()
    if ex.conversation is not None:
        entry["conversation"] = scrub(ex.conversation)
        entry["messages"] = messages_path
        entry["message_count"] = message_count
        if message_range is not None:
            entry["report_message_range"] = list(message_range)
    return entry


MESSAGE_KEYS = (
    "seq", "kind", "sender", "time_as_written", "time_utc", "utc_reason", "text", "attachments", "offset", "length"
)


def message_lines(messages: Iterable[dict], scrub: Scrubber) -> Iterator[dict]:
    """Each message, JSON-safe; attachment links to exhibits outside the export are cut."""
    for m in messages:
        out = dict(scrub(m))  # a copy: the message as given is never changed
        atts = []
        for a in out.get("attachments") or []:
            if isinstance(a, dict):
                a = dict(a)
                if a.get("exhibit") == NOT_EXPORTED:
                    a["exhibit"] = None
                    a["not_exported"] = True
                atts.append(a)
        out["attachments"] = atts
        for key in MESSAGE_KEYS:
            out.setdefault(key, None if key != "attachments" else [])
        yield out


def items_json_chunks(head: dict, entries: Iterable[dict]) -> Iterator[bytes]:
    """items.json as ``json.dumps({**head, "exhibits": [...]}, indent=1, ensure_ascii=False) + "\\n"``,
    byte for byte, made one exhibit at a time (the whole document is never held in memory). Each exhibit is
    dumped alone and indented by two more spaces, as it is when nested: JSON text holds no raw line break
    inside a string, so every line break is one of the layout's."""
    text = json.dumps(head, indent=1, ensure_ascii=False)
    opening = text[:-2] + ",\n" if head else "{\n"  # drop the closing "\n}"
    yield (opening + ' "exhibits": [').encode("utf-8")
    first = True
    for e in entries:
        body = json.dumps(e, indent=1, ensure_ascii=False).replace("\n", "\n  ")
        yield (("\n  " if first else ",\n  ") + body).encode("utf-8")
        first = False
    yield ("]\n}\n" if first else "\n ]\n}\n").encode("utf-8")
