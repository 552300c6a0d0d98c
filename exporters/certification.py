"""The certification page, from the editable template ``resources/certification/certification.tmpl``.

Template syntax (kept simple so that a lawyer can edit it in any text editor):

- a line starting with ``--`` is a comment for the editor and is not printed;
- a line starting with ``# `` is a heading, ``## `` a sub-heading; blank lines separate paragraphs;
- ``$name`` / ``${name}`` are filled in (``string.Template``; unknown names stay as written);
- ``{{hash_table}}`` inserts the table of exhibits and hash values; ``{{signature_block}}`` the lines for
  name, qualification, place, date and signature.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from exporters.report_exhibit import HEAD_GRID, split_hash
from exporters.report_model import ReportData
from exporters.report_styles import Styles, cell, esc

TEMPLATE = Path(__file__).resolve().parent.parent / "resources" / "certification" / "certification.tmpl"


def values(data: ReportData) -> dict[str, str]:
    return {
        "case_number": str(data.case.get("number") or ""),
        "case_name": str(data.case.get("name") or ""),
        "organisation": str(data.case.get("organisation") or data.exporter.get("organisation") or ""),
        "export_time_utc": data.export_time_utc,
        "exhibit_count": str(len(data.exhibits)),
        "manifest_sha256": data.manifest_sha256,
        "examiner": str(data.exporter.get("name") or ""),
        "role": str(data.exporter.get("role") or "examiner"),
        "examiner_organisation": str(data.exporter.get("organisation") or data.case.get("organisation") or ""),
        "tool": str(data.tool.get("name") or ""),
        "tool_version": str(data.tool.get("version") or ""),
        "algorithms": ", ".join(a.upper().replace("SHA", "SHA-") for a in data.algorithms),
        "fingerprint": data.fingerprint,
        "custody_head": data.custody_head or "(empty)",
    }


def certification_flowables(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    text = data.certification_template if data.certification_template is not None else TEMPLATE.read_text("utf-8")
    vals = values(data)
    out: list[Flowable] = []
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if not ln.startswith("--")]
    for block in "\n".join(lines).split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block == "{{hash_table}}":
            out.append(hash_table(data, st, width))
            continue
        if block == "{{signature_block}}":
            out.append(signature_block(st, width))
            continue
        for line in [block] if not block.startswith("#") else block.split("\n"):
            filled = esc(Template(line).safe_substitute(vals).replace("\n", " "))
            if line.startswith("## "):
                out.append(Paragraph(filled[3:], st.h2))
            elif line.startswith("# "):
                out.append(Paragraph(filled[2:], st.h1))
            else:
                out.append(Paragraph(filled, st.body))
    return out


def hash_table(data: ReportData, st: Styles, width: float) -> Table:
    rows = [[Paragraph(h, st.cellb) for h in ("Exhibit", "Name as found", "SHA-256", "MD5")]]
    w = [20 * mm, width - 20 * mm - 62 * mm - 36 * mm, 62 * mm, 36 * mm]
    for rx in data.exhibits:
        rows.append([Paragraph(esc(rx.ex.exhibit), st.cell), cell(rx.ex.name_as_found, st, w[1]),
                     Paragraph(split_hash(rx.ex.sha256), st.mono), Paragraph(esc(rx.ex.md5), st.mono)])
    t = Table(rows, colWidths=w, repeatRows=1)
    t.setStyle(HEAD_GRID)
    return t


def signature_block(st: Styles, width: float) -> Flowable:
    labels = ["Name", "Qualification", "Place", "Date", "Signature"]
    rows = [[Paragraph(esc(lbl), st.body), ""] for lbl in labels]
    t = Table(rows, colWidths=[35 * mm, width - 35 * mm], rowHeights=[11 * mm] * len(labels))
    t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return Table([[Spacer(1, 4)], [t]], colWidths=[width])
