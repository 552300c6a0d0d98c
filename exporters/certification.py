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
from typing import Iterator

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from exporters.report_exhibit import HEAD_GRID, split_hash
from exporters.report_model import ReportData
from exporters.fastflow import Grid, Mono
from exporters.report_styles import BODY, BOLD, MONO, Styles, cell, esc, visible
from exporters.rtl import has_rtl

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
    return [f for part in certification_parts(data, st, width) for f in part]


def certification_parts(data: ReportData, st: Styles, width: float) -> Iterator[list[Flowable]]:
    """The certification page from the template, made part by part (its hash table has one row per exhibit)."""
    text = data.certification_template if data.certification_template is not None else TEMPLATE.read_text("utf-8")
    vals = values(data)
    out: list[Flowable] = []
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if not ln.startswith("--")]
    for block in "\n".join(lines).split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block == "{{hash_table}}":
            yield out
            out = []
            yield from hash_table_parts(data, st, width)
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
    yield out


HASH_ROWS = 60  # rows per table: a bounded table splits across pages in linear time


def hash_table_parts(data: ReportData, st: Styles, width: float) -> Iterator[list[Flowable]]:
    """The exhibits and their hash values, one bounded table at a time (each repeats the header row): the
    light :class:`exporters.fastflow.Grid` for plain text, a reportlab Table where a name is right-to-left."""
    titles = ("Exhibit", "Name as found", "SHA-256", "MD5")
    w = [20 * mm, width - 20 * mm - 62 * mm - 36 * mm, 62 * mm, 36 * mm]
    for i in range(0, len(data.exhibits), HASH_ROWS):
        part = data.exhibits[i : i + HASH_ROWS]
        if not any(has_rtl(rx.ex.name_as_found) for rx in part):
            plain = [[visible(rx.ex.exhibit), visible(rx.ex.name_as_found),
                      Mono(rx.ex.sha256[:32] + "\n" + rx.ex.sha256[32:]), Mono(rx.ex.md5)] for rx in part]
            yield [Grid([list(titles)] + plain, w, body=BODY, bold=BOLD, mono=MONO, header=True)]
            continue
        rows = [[Paragraph(h, st.cellb) for h in titles]]
        for rx in part:
            rows.append([Paragraph(esc(rx.ex.exhibit), st.cell), cell(rx.ex.name_as_found, st, w[1]),
                         Paragraph(split_hash(rx.ex.sha256), st.mono), Paragraph(esc(rx.ex.md5), st.mono)])
        t = Table(rows, colWidths=w, repeatRows=1)
        t.setStyle(HEAD_GRID)
        yield [t]


def signature_block(st: Styles, width: float) -> Flowable:
    labels = ["Name", "Qualification", "Place", "Date", "Signature"]
    rows = [[Paragraph(esc(lbl), st.body), ""] for lbl in labels]
    t = Table(rows, colWidths=[35 * mm, width - 35 * mm], rowHeights=[11 * mm] * len(labels))
    t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return Table([[Spacer(1, 4)], [t]], colWidths=[width])
