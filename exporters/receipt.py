"""A signed intake receipt for the person who handed evidence over.

It says what was received (each item's name, size and SHA-256), when and by whom, and nothing else about
the case (only its number and the organisation). The examiner signs, with their Ed25519 key, the 32-byte
SHA-256 of the items' canonical JSON (RFC 8785); the digest, the signature and the key's fingerprint are
printed, so the receipt can later be checked against the case and against the key.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Callable

import rfc8785
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from exporters.report_exhibit import HEAD_GRID, kv_table, split_hash
from exporters.report_styles import Styles, cell, esc
from exporters.signing import pretty_fingerprint


def items_digest(items: list[dict]) -> bytes:
    """SHA-256 of the canonical JSON (RFC 8785) of the listed items ``[{"name","size","sha256"}]``."""
    clean = [{"name": str(i["name"]), "size": int(i["size"]), "sha256": str(i["sha256"]).lower()} for i in items]
    return hashlib.sha256(rfc8785.dumps(clean)).digest()


def write_receipt(
    out_pdf: Path,
    *,
    case: dict,
    source_text: str,
    received_by: dict,
    items: list[dict],
    time_utc: str,
    sign: Callable[[bytes], bytes],
    key_id: str,
) -> str:
    """Write the receipt PDF (atomically) and return the signed digest in hex."""
    if not items:
        raise ValueError("a receipt needs at least one item")
    digest = items_digest(items)
    signature = sign(digest)
    st = Styles()
    width = A4[0] - 36 * mm
    story = [Paragraph("Receipt for evidence", st.title),
             Paragraph("This receipt records what was handed over, when and to whom. Keep it.", st.body),
             Spacer(1, 4 * mm)]
    rb = received_by
    story.append(kv_table([
        ("Received from", source_text),
        ("Received by", ", ".join(str(x) for x in (rb.get("name"), rb.get("role"), rb.get("organisation")) if x)),
        ("Organisation", case.get("organisation") or rb.get("organisation")),
        ("Reference", case.get("number")),
        ("Time (UTC)", time_utc),
        ("Items", f"{len(items)} item(s), {sum(int(i['size']) for i in items):,} bytes in all"),
    ], st, width, key_w=40 * mm))
    story += [Spacer(1, 4 * mm), Paragraph("Items received", st.h2)]
    w = [10 * mm, width - 10 * mm - 24 * mm - 62 * mm, 24 * mm, 62 * mm]
    rows = [[Paragraph(h, st.cellb) for h in ("No.", "Name", "Size (bytes)", "SHA-256")]]
    for n, i in enumerate(items, 1):
        rows.append([Paragraph(str(n), st.cell), cell(i["name"], st, w[1]), Paragraph(f"{int(i['size']):,}", st.cell),
                     Paragraph(split_hash(str(i["sha256"])), st.mono)])
    t = Table(rows, colWidths=w, repeatRows=1)
    t.setStyle(HEAD_GRID)
    story.append(t)
    story += [Spacer(1, 4 * mm), Paragraph("What the hash values mean", st.h2), Paragraph(
        "A SHA-256 value is a fingerprint of a file's exact bytes. If anyone changes the file later, even by one "
        "character, its value changes. Anyone can recompute these values (for example with sha256sum) to "
        "check that the files kept are the ones handed over.", st.body)]
    story += [Paragraph("Signature of the examiner", st.h2), kv_table([
        ("Signed digest (SHA-256 of the item list, RFC 8785 JSON)", Paragraph(split_hash(digest.hex()), st.mono)),
        ("Ed25519 signature", Paragraph(esc(signature.hex()[:64]) + "<br/>" + esc(signature.hex()[64:]), st.mono)),
        ("Key fingerprint", Paragraph(esc(pretty_fingerprint(key_id)), st.mono)),
    ], st, width, key_w=55 * mm)]
    story += [Spacer(1, 10 * mm), Table(
        [["Handed over by (name, signature)", "", "Received by (signature)", ""]],
        colWidths=[42 * mm, width / 2 - 42 * mm, 38 * mm, width / 2 - 38 * mm])]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title="Receipt for evidence", invariant=1).build(story)
    out_pdf = Path(out_pdf)
    tmp = out_pdf.with_name(f"{out_pdf.name}.partial-{os.urandom(6).hex()}")
    try:
        with open(tmp, "wb") as f:
            f.write(buf.getvalue())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_pdf)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return digest.hex()
