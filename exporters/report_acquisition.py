"""An acquisition record as a lawyer reads it: labelled facts in words, times as found with UTC beside them.

The record in ``metadata/items.json`` keeps every field as the tool stored it (nanosecond times, internal
ids, the versions of every library). The report shows the facts that matter in court, in a fixed order
and with labels; internal bookkeeping (row ids, the modification time again in nanoseconds) is left to
items.json, and the library versions, the same for every item of an export, are printed once in the
Method section (:func:`software_versions`). A field this module does not know is still shown, under its
own name, so nothing recorded is hidden from the reader.
"""

from __future__ import annotations

import base64
from typing import Any, Callable, Iterable

INTERNAL = {"id", "item_id", "mtime_ns", "libraries", "findings", "source_path_raw"}
TIMES = (("modified", "Modified (file system)"), ("changed", "Metadata changed (file system)"),
         ("accessed", "Last accessed (file system)"), ("birth", "Created (file system)"))


def _when(rec: Any) -> str | None:
    """A file system time: as found (the acquiring computer's local time) and UTC."""
    if rec is None:
        return None
    if not isinstance(rec, dict):
        return str(rec)
    local, utc = rec.get("local"), rec.get("utc")
    if local and utc:
        return f"{local} as found; UTC {utc}"
    return str(local or utc or rec.get("ns") or "")


def _raw_name(raw: Any) -> str | None:
    """The exact bytes of a path that is not valid text, for the record (hex)."""
    if isinstance(raw, dict) and isinstance(raw.get("base64"), str):
        try:
            raw = base64.b64decode(raw["base64"])
        except ValueError:
            return None
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw).hex(" ")
    return str(raw) if raw else None


def _label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def acquisition_rows(acq: dict, short: Callable[[Any], str]) -> list[tuple[str, str]]:
    """``(label, value)`` rows for one acquisition record, in the order a reader needs them."""
    rows: list[tuple[str, str]] = []

    def add(label: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            rows.append((label, value if isinstance(value, str) else short(value)))

    add("Acquired (UTC)", acq.get("acquired_utc"))
    local = acq.get("acquired_local")
    if local:
        add("Acquired (local time)", f"{local} ({acq['tz_name']})" if acq.get("tz_name") else local)
    add("Examiner", acq.get("examiner"))
    add("Source", acq.get("source_text"))
    add("Method", acq.get("method"))
    add("Original path as found", acq.get("source_path"))
    raw = _raw_name(acq.get("source_path_raw"))
    if raw:
        add("Path bytes as found", f"{raw} (hex; the name is not valid text, and is shown above with "
                                   "replacement characters)")
    size = acq.get("stat_size")
    if isinstance(size, int) and not isinstance(size, bool):
        add("Size as found", f"{size:,} bytes")
    add("File system", acq.get("fs_type"))
    times = acq.get("fs_times")
    if isinstance(times, dict):
        for key, label in TIMES:
            if key in times:
                value = _when(times.get(key))
                if value is None and key == "birth":
                    value = f"not recorded: {times.get('birth_reason') or 'not reported'}"
                add(label, value)
        for key in sorted(k for k in times if k not in dict(TIMES) and k != "birth_reason"):
            add("Note on file system times" if key == "note" else _label(key), times[key])
    elif times:
        add("File system times", times)
    add("Computer", acq.get("host"))
    tool = " ".join(str(x) for x in (acq.get("tool"), acq.get("tool_version")) if x)
    add("Tool", tool)
    for f in acq.get("findings") or []:
        if isinstance(f, dict):
            add(f"Finding at intake: {f.get('kind') or 'note'}", f.get("message") or short(f))
        elif f:
            add("Finding at intake", f)
    known = {"acquired_utc", "acquired_local", "tz_name", "examiner", "source_text", "method", "source_path",
             "stat_size", "fs_type", "fs_times", "host", "tool", "tool_version"} | INTERNAL
    for key in sorted(k for k in acq if k not in known):
        add(_label(str(key)), acq[key])
    return rows


def software_versions(records: Iterable[dict]) -> str | None:
    """The library versions recorded at acquisition, once for the whole report: "name version, ..."; where
    items were taken in with different versions, every version seen is listed."""
    seen: dict[str, list[str]] = {}
    for rec in records:
        for acq in rec.get("acquisitions") or []:
            libs = acq.get("libraries") if isinstance(acq, dict) else None
            if isinstance(libs, dict):
                for name, version in libs.items():
                    versions = seen.setdefault(str(name), [])
                    if str(version) not in versions:
                        versions.append(str(version))
    if not seen:
        return None
    return ", ".join(f"{name} {' / '.join(v)}" for name, v in sorted(seen.items(), key=lambda x: x[0].lower()))
