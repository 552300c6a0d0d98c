"""The human-readable report of a bundle (``metadata/report.pdf``), built with reportlab Platypus.

Sections: cover, method, exhibit index, one section per exhibit (with the chat transcript where there is
one), the custody log appendix with the chain head, and the certification page. Every page carries the
case number and "page N of M"; the PDF has an outline (bookmarks). Text from evidence is escaped, and
right-to-left scripts are shaped and laid out right to left (see exporters.rtl).
"""

from __future__ import annotations

import io
from typing import Any, Iterator

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph, Spacer,
                                Table)

from exporters.certification import certification_parts
from exporters.report_acquisition import software_versions
from exporters.report_exhibit import HEAD_GRID, exhibit_section, kv_table, split_hash, transcript_parts
from exporters.report_model import ReportData
from exporters.fastflow import Grid, Mono
from exporters.report_styles import BODY, BOLD, MONO, Styles, cell, esc, visible
from exporters.rtl import has_rtl
from exporters.signing import pretty_fingerprint

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN


class _Mark(Flowable):
    """An invisible flowable that adds an outline entry (bookmark) where it lands."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        c.bookmarkPage(self.key)
        title = "".join(ch if ch.isprintable() else " " for ch in self.title)[:120]
        c.addOutlineEntry(title, self.key, level=self.level, closed=self.level == 0 and self.key == "exhibits")


def _numbered_canvas(label: str) -> type:
    """A canvas whose pages say "page N of M": M is a form XObject drawn on every page and defined once
    at the end (so bookmarks keep their pages and nothing is laid out twice)."""

    class NumberedCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._decorate()
            super().showPage()
            _compress_now(self._doc.Pages.pages[-1])

        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm("page-total")
            self.setFont(BODY, 7.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(0, 0, str(max(total, 1)))
            self.endForm()
            super().save()

        def _decorate(self) -> None:
            self.saveState()
            self.setFont(BODY, 7.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, A4[1] - 10 * mm, label)
            text = f"page {self.getPageNumber()} of "
            x = A4[0] - MARGIN - 22 * mm
            self.drawString(x, 9 * mm, text)
            self.translate(x + self.stringWidth(text, BODY, 7.5), 9 * mm)
            self.doForm("page-total")
            self.restoreState()
            self.saveState()
            self.setFont(BODY, 7.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, 9 * mm, "Evidence report")
            self.setStrokeColor(colors.HexColor("#bbbbbb"))
            self.line(MARGIN, A4[1] - 11.5 * mm, A4[0] - MARGIN, A4[1] - 11.5 * mm)
            self.restoreState()

    return NumberedCanvas


def _compress_now(page: Any) -> None:
    """Compress a finished page's content stream now, as reportlab would when saving (the same filter, the
    same bytes): reportlab keeps every page's drawing operators as text until the end, which for a report of
    thousands of pages is hundreds of megabytes."""
    if rl_config.useA85 or not getattr(page, "compression", 0) or page.Contents or not page.stream:
        return
    stream = page.stream
    S = PDFStream(dictionary=PDFDictionary({"Filter": PDFArray([PDFName(PDFZCompress.pdfname)])}),
                  content=PDFZCompress.encode(stream))
    S.__Comment__ = "page stream"
    page.Contents = S
    page.stream = None


def _cover(d: ReportData, st: Styles) -> list[Flowable]:
    c, e, t = d.case, d.exporter, d.tool
    out: list[Flowable] = [_Mark("cover", "Cover", 0), Spacer(1, 20 * mm),
                           Paragraph("Evidence report", st.title),
                           Paragraph(esc(c.get("name")), st.subtitle)]
    rows: list[tuple[str, Any]] = [
        ("Case number", c.get("number")), ("Organisation", c.get("organisation")),
        ("Exported by", ", ".join(str(x) for x in (e.get("name"), e.get("role"), e.get("organisation")) if x)),
        ("Time of export (UTC)", d.export_time_utc), ("Time of export (local)", d.export_time_local),
        ("Tool", f"{t.get('name')} version {t.get('version')}"),
        ("Exhibits", str(len(d.exhibits))),
        ("SHA-256 of manifest-sha256.txt", Paragraph(split_hash(d.manifest_sha256), st.mono)),
        ("Signing key fingerprint", Paragraph(esc(pretty_fingerprint(d.fingerprint)), st.mono)),
        ("Custody chain head", Paragraph(split_hash(d.custody_head or "(empty)"), st.mono)),
    ]
    out.append(kv_table(rows, st, WIDTH, key_w=55 * mm))
    out.append(Spacer(1, 8 * mm))
    out.append(Paragraph("How to verify", st.h2))
    for text in (
        "This report is one file of a BagIt bundle (RFC 8493). The bundle's file manifest-sha256.txt lists the "
        "SHA-256 of every original; its own SHA-256 is printed above, so this report ties to exactly those "
        "files. Check it with: <font name='WB-Mono'>sha256sum manifest-sha256.txt</font>.",
        "The examiner signed the bundle's tag manifest (which lists this report's hash) with the key whose "
        "fingerprint is printed above. Confirm that fingerprint with the examiner by another channel.",
        "metadata/VERIFY.txt in the bundle explains every check step by step with standard tools (sha256sum, "
        "md5sum, bagit.py, hashdeep, openssl) and the bundled metadata/verify.py, which needs only Python.",
    ):
        out.append(Paragraph(text, st.body))
    return out


METHOD = [
    ("Acquisition", "Each item was taken in by the examiner named in its acquisition record, from the source "
     "recorded there (a device, a folder, a message, a person handing it over). The tool copied the bytes as "
     "they were and noted the file's name and the times the file system gave, as found."),
    ("Hashing", "While copying, the tool computed the SHA-256 and MD5 hash values of every item. A hash value "
     "is a fingerprint of the exact bytes: changing one bit gives a completely different value. The values in "
     "this report and in the bundle's manifests are the ones computed when the item was received; for this "
     "export each copy was hashed again and matched them."),
    ("Keeping", "The originals were kept encrypted (age) in the case's vault and were never changed; the "
     "metadata and an append-only custody log, in which every event is chained to the previous one by its "
     "hash and signed by the examiner who made it, were kept in an encrypted database."),
    ("Extraction", "Metadata (EXIF including GPS, PDF and Office properties, e-mail headers) and chat "
     "messages were read from copies by automatic extractors, each recorded with its name and version. Chat "
     "messages keep the time exactly as written; UTC is added only where the offset is known, else the reason "
     "is given. Each message points to its bytes in the original file."),
    ("Limits", "A hash shows that a file has not changed since it was received, not that its content is true. "
     "A chat export is a file its owner could have edited before handing it over; a screenshot shows what was "
     "on a screen, and may have been altered before it was taken in. File system times depend on the device "
     "they came from. Automatic extraction can miss or misread content; the original is always in the bundle "
     "and prevails."),
]


def _method(d: ReportData, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), _Mark("method", "Method", 0), Paragraph("Method", st.h1)]
    for title, text in METHOD:
        out += [Paragraph(title, st.h2), Paragraph(text, st.body)]
    software = software_versions(rx.record for rx in d.exhibits)
    out += [Paragraph("Software", st.h2),
            Paragraph(f"{esc(d.tool.get('name'))} version {esc(d.tool.get('version'))} made this report. "
                      + (f"Components recorded when the items were taken in: {esc(software)}." if software else ""),
                      st.body)]
    return out


def _index(d: ReportData, st: Styles) -> Iterator[list[Flowable]]:
    """The exhibit index, 60 rows per table (bounded tables split quickly), made one table at a time."""
    yield [PageBreak(), _Mark("index", "Exhibit index", 0), Paragraph("Exhibit index", st.h1)]
    w = [17 * mm, 34 * mm, 22 * mm, 16 * mm, 55 * mm, WIDTH - 144 * mm]
    titles = ["Exhibit", "Name as found", "Type", "Size", "SHA-256 / MD5", "Acquired (UTC), by"]
    for i in range(0, len(d.exhibits), 60):
        part = d.exhibits[i : i + 60]
        plain: list[list[str]] = []
        for rx in part:
            acqs = [a for a in rx.record.get("acquisitions") or [] if isinstance(a, dict)]
            first = acqs[0] if acqs else {}
            when = str(first.get("acquired_utc") or "?")
            # a narrow column breaks at the "T" of the time and the "/" of the type, not inside a word
            acquired_plain = (visible(when).replace("T", "\n", 1) + "\n" + visible(str(first.get("examiner") or "?"))
                              + (f" (+{len(acqs) - 1} more)" if len(acqs) > 1 else "")) if acqs else "not recorded"
            plain.append([visible(rx.ex.exhibit), visible(rx.ex.name_as_found),
                          visible(rx.ex.mime).replace("/", "/\n", 1), f"{rx.ex.size:,}",
                          Mono(rx.ex.sha256[:32] + "\n" + rx.ex.sha256[32:] + "\n" + rx.ex.md5), acquired_plain])
        if not any(has_rtl(v) for r in plain for v in r):
            yield [Grid([titles] + plain, w, body=BODY, bold=BOLD, mono=MONO, header=True)]
            continue
        head = [Paragraph(h, st.cellb) for h in titles]
        rows: list[list[Any]] = []
        for rx in part:
            acqs = [a for a in rx.record.get("acquisitions") or [] if isinstance(a, dict)]
            first = acqs[0] if acqs else {}
            acquired = f"{first.get('acquired_utc') or '?'}, {first.get('examiner') or '?'}" if acqs else "not recorded"
            if len(acqs) > 1:
                acquired += f" (+{len(acqs) - 1} more)"
            rows.append([Paragraph(esc(rx.ex.exhibit), st.cell), cell(rx.ex.name_as_found, st, w[1]),
                         Paragraph(esc(rx.ex.mime), st.cell), Paragraph(f"{rx.ex.size:,}", st.cell),
                         Paragraph(split_hash(rx.ex.sha256) + "<br/>" + esc(rx.ex.md5), st.mono),
                         cell(acquired, st, w[5])])
        t = Table([head] + rows, colWidths=w, repeatRows=1)
        t.setStyle(HEAD_GRID)
        yield [t]


def _appendix(d: ReportData, st: Styles) -> Iterator[list[Flowable]]:
    out: list[Flowable] = [PageBreak(), _Mark("custody", "Custody log", 0), Paragraph("Custody log", st.h1),
                           Paragraph("The case's whole custody chain, in order. Events of the exhibits in this "
                                     "bundle are shown in full in each exhibit's section (and are in "
                                     "metadata/custody-log.jsonl); every other event is shown only by its hash, "
                                     "which keeps the chain verifiable without telling anything about other "
                                     "exhibits or people.", st.body),
                           Paragraph("Chain head (hash of the last event): <font name='WB-Mono'>"
                                     f"{esc(d.custody_head or '(empty)')}</font>", st.body)]
    if d.withheld:
        out.append(Paragraph("Events withheld although they concern exported exhibits: " + esc(
            "; ".join(f"seq {k}: {v}" for k, v in sorted(d.withheld.items()))), st.note))
    # the full events are those of the exported exhibits, each shown in full in its exhibit's section; here
    # the chain itself, line by line (a second full table would double the report of a large export)
    out.append(Paragraph("Every line of the chain", st.h3))
    yield out
    for i in range(0, len(d.custody_lines), 40):
        lines = []
        for ln in d.custody_lines[i : i + 40]:
            if "event" in ln:
                ev = ln["event"]
                lines.append(f"{ev.get('seq'):>6}  {ln['hash']}  {esc(ev.get('action'))} {esc(ev.get('exhibit') or '')}")
            else:
                lines.append(f"{ln.get('seq'):>6}  {ln['hash']}  (other event, withheld)")
        yield [Paragraph("<br/>".join(x.replace(" ", "&nbsp;") for x in lines), st.mono)]


class _StreamedDoc(BaseDocTemplate):
    """A document whose story is made while it is laid out: ``parts`` yields lists of flowables, and the list
    reportlab works on is topped up before each flowable is handled (``filterFlowables`` is reportlab's hook
    for that). Only a few parts are alive at any time, so the memory of a report does not grow with the
    number of exhibits or messages, and the story list reportlab deletes from the front of stays short."""

    AHEAD = 48

    def __init__(self, buf: io.BytesIO, parts: Iterator[list[Flowable]], **kw: Any) -> None:
        super().__init__(buf, **kw)
        self._parts: Iterator[list[Flowable]] | None = parts
        self.story: list[Flowable] = []
        self.top_up(self.story)

    def top_up(self, flowables: list[Flowable]) -> None:
        while self._parts is not None and len(flowables) < self.AHEAD:
            try:
                flowables.extend(next(self._parts))
            except StopIteration:
                self._parts = None

    def filterFlowables(self, flowables: list[Flowable]) -> None:  # noqa: N802 - reportlab's name
        if flowables is self.story:  # not the list of flowables left over at a page's end (_hanging)
            self.top_up(flowables)


def _story(d: ReportData, st: Styles) -> Iterator[list[Flowable]]:
    yield _cover(d, st)
    yield _method(d, st)
    yield from _index(d, st)
    yield [PageBreak(), _Mark("exhibits", "Exhibits", 0)]
    for rx in d.exhibits:
        key = f"ex-{rx.ex.exhibit}"
        yield [_Mark(key, f"{rx.ex.exhibit} {rx.ex.name_as_found}", 1), Paragraph(f"{esc(rx.ex.exhibit)}", st.h1),
               *exhibit_section(rx, st, WIDTH, d.algorithms)]
        if rx.messages is not None:
            yield [_Mark(f"tr-{rx.ex.exhibit}", f"Transcript of {rx.ex.exhibit}", 2),
                   Paragraph(f"Transcript of {esc(rx.ex.exhibit)}", st.h2)]
            yield from transcript_parts(rx, st, WIDTH)
        yield [Spacer(1, 6 * mm)]
    yield from _appendix(d, st)
    yield [PageBreak(), _Mark("certification", "Certification", 0)]
    yield from certification_parts(d, st, WIDTH)


def write_report(d: ReportData) -> bytes:
    st = Styles()
    buf = io.BytesIO()
    label = f"Case {d.case.get('number') or ''}  ·  {d.case.get('name') or ''}"[:110]
    label = "".join(ch if ch.isprintable() else " " for ch in label)
    doc = _StreamedDoc(buf, _story(d, st), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm,
                       bottomMargin=15 * mm, title=f"Evidence report, case {d.case.get('number') or ''}",
                       author=str(d.exporter.get("name") or ""),
                       creator=f"{d.tool.get('name')} {d.tool.get('version')}", invariant=1)
    frame = Frame(MARGIN, 15 * mm, WIDTH, A4[1] - 31 * mm, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(doc.story, canvasmaker=_numbered_canvas(label))
    return buf.getvalue()
