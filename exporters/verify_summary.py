"""One-screen terminal summary of a verification."""

from __future__ import annotations

from typing import Any

from exporters.signing import pretty_fingerprint


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def render(report: Any, *, max_problems: int = 25) -> str:
    lines = [
        f"Bundle: {report.path} ({report.container})",
        f"Case number: {report.case_number or '(none)'}    exported {report.exported_utc or '?'}"
        f" by {report.exporter or '?'}",
        f"Payload: {report.payload_files} files, {_size(report.payload_bytes)}; "
        f"digests: {', '.join(report.algorithms) or 'none'}; {report.exhibits} exhibits described",
        f"Custody: {report.custody_events} events ({report.custody_full} in full, {report.custody_stubs} stubs)",
        f"Chain head: {report.custody_head or '(none)'}",
        f"Signature: {'valid' if report.signature_ok else 'NOT VALID'}",
        f"Signing key fingerprint: {pretty_fingerprint(report.fingerprint) if report.fingerprint else '(none)'}",
        "  Compare this fingerprint with the one the examiner gave you by another channel.",
        "",
    ]
    if report.ok:
        lines.append(f"RESULT: OK - no problem found ({report.seconds:.2f} s)")
    else:
        lines.append(f"RESULT: FAILED - {len(report.problems)} problem(s):")
        for p in report.problems[:max_problems]:
            lines.append(f"  - {p}")
        if len(report.problems) > max_problems:
            lines.append(f"  ... and {len(report.problems) - max_problems} more (use --json for all)")
    return "\n".join(lines)
