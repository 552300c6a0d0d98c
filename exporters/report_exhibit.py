"""The per-exhibit sections of the report: facts, picture, acquisitions, findings, metadata, custody, and
the transcript of a chat export."""

from __future__ import annotations

import io
from typing import Any, Iterable, Iterator

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from exporters.fastflow import Grid, Mono, Runs
from exporters.report_acquisition import acquisition_rows
from exporters.report_styles import BODY, BOLD, MONO, Styles, cell, esc, text_flowables, visible
from exporters.rtl import has_rtl
from exporters.report_model import ReportExhibit

MAX_FIELDS = 60
MAX_VALUE = 400
THUMB = 256  # pixels, longest side
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
])
HEAD_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
])


def split_hash(h: str | None) -> str:
    h = (h or "").lower()
    return h if len(h) <= 32 else f"{h[:32]}<br/>{h[32:]}" if len(h) <= 64 else "<br/>".join(
        h[i : i + 32] for i in range(0, len(h), 32))


def kv_table(rows: list[tuple[str, Any]], st: Styles, width: float, key_w: float = 34 * mm) -> Flowable:
    """Key/value rows: the light KV flowable for plain text, a Table when a value is RTL or a flowable."""
    if not any(isinstance(v, (Flowable, list)) or has_rtl(str(v)) or has_rtl(k) for k, v in rows):
        return Grid([(visible(k), v if isinstance(v, Mono) else visible("" if v is None else v)) for k, v in rows],
                    [key_w, width - key_w], body=BODY, bold=BOLD, mono=MONO, shade_first_col=True)
    data = [[Paragraph(esc(k), st.cellb), v if isinstance(v, (Flowable, list)) else cell(v, st, width - key_w)]
            for k, v in rows]
    t = Table(data, colWidths=[key_w, width - key_w])
    t.setStyle(GRID)
    return t


def _short(v: Any) -> str:
    s = v if isinstance(v, str) else repr(v) if not isinstance(v, (dict, list)) else _compact(v)
    return s if len(s) <= MAX_VALUE else s[:MAX_VALUE] + " ... (full value in metadata/items.json)"


def _compact(v: Any) -> str:
    """A structured value as a reader would write it: ``key: value; key: value``, lists joined with commas,
    nested records in parentheses (the exact JSON is in metadata/items.json and the custody log)."""
    if isinstance(v, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {_nested(x)}" for k, x in v.items()) or "(none)"
    if isinstance(v, list):
        return ", ".join(_nested(x) for x in v) or "(none)"
    return "" if v is None else str(v)


def _nested(v: Any) -> str:
    if isinstance(v, dict):
        return f"({_compact(v)})" if v else "(none)"
    if isinstance(v, list):
        return ", ".join(_nested(x) for x in v) if v else "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "(none)" if v is None or v == "" else str(v)


def thumbnail(rx: ReportExhibit, st: Styles) -> list[Flowable]:
    """The exhibit's picture, small; blurred in memory when the item is marked sensitive."""
    data = None
    try:
        if rx.ex.thumbnail is not None:
            data = rx.ex.thumbnail()
        elif rx.ex.mime == "application/pdf" and rx.ex.size < 64 * 1024 * 1024:
            data = _pdf_first_page(rx)
    except Exception:  # noqa: BLE001 - a picture that cannot be made is noted, never fatal
        return [Paragraph("(no picture: it could not be rendered)", st.note)]
    if not data:
        return []
    try:
        from PIL import Image as PILImage, ImageFilter

        with PILImage.open(io.BytesIO(data)) as im:
            im.draft("RGB", (THUMB, THUMB))
            im = im.convert("RGB")
            im.thumbnail((THUMB, THUMB), resample=PILImage.Resampling.BILINEAR, reducing_gap=2.0)
            if rx.ex.sensitive:
                im = im.filter(ImageFilter.GaussianBlur(radius=max(6, THUMB // 18)))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=80)
            w, h = im.size
    except Exception:  # noqa: BLE001
        return [Paragraph("(no picture: the thumbnail could not be decoded)", st.note)]
    scale = min(55 * mm / w, 55 * mm / h)
    buf.seek(0)
    out: list[Flowable] = [Image(buf, width=w * scale, height=h * scale, hAlign="LEFT")]
    if rx.ex.sensitive:
        out.append(Paragraph("This item is marked sensitive: its picture is shown blurred. The original is "
                             "unaltered in the bundle.", st.note))
    return out


def _pdf_first_page(rx: ReportExhibit) -> bytes | None:
    import pymupdf

    with rx.ex.open() as f:
        data = f.read()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        if doc.needs_pass or doc.page_count < 1:
            return None
        page = doc[0]
        zoom = THUMB / max(page.rect.width, page.rect.height, 1)
        return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).tobytes("png")


def _fields(record: dict) -> list[tuple[str, Any, str | None]]:
    raw = record.get("fields") or []
    out: list[tuple[str, Any, str | None]] = []
    if isinstance(raw, dict):
        out = [(str(k), v, None) for k, v in raw.items()]
    elif isinstance(raw, list):
        for f in raw:
            if isinstance(f, dict):
                out.append((str(f.get("key", "")), f.get("value"), f.get("location")))
    gps = [f for f in out if "gps" in f[0].lower()]
    return gps + [f for f in out if "gps" not in f[0].lower()]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def exhibit_section(rx: ReportExhibit, st: Styles, width: float, algorithms: list[str]) -> list[Flowable]:
    ex, rec = rx.ex, rx.record
    out: list[Flowable] = []
    facts: list[tuple[str, Any]] = [("Name as found", ex.name_as_found), ("File in bundle", rx.path),
                                    ("Type", ex.mime), ("Size", f"{ex.size:,} bytes")]
    for a in algorithms:
        v = getattr(ex, a, None)
        if v:
            facts.append((a.upper().replace("SHA", "SHA-"), Mono(v.lower())))
    for key, label in (("parent", "Found inside"), ("path_in_parent", "Path inside parent"),
                       ("duplicate_of", "Duplicate of"), ("retracted", "Retracted")):
        if rec.get(key) not in (None, "", False):
            facts.append((label, _short(rec[key])))
    if ex.sensitive:
        facts.append(("Sensitive", "yes"))
    out.append(kv_table(facts, st, width))
    out += thumbnail(rx, st)
    for i, acq in enumerate(_list(rec.get("acquisitions")), 1):
        if isinstance(acq, dict):
            out.append(Paragraph(f"Acquisition {i}", st.h3))
            out.append(kv_table(acquisition_rows(acq, _short), st, width, key_w=46 * mm))
    findings = [f for f in _list(rec.get("findings")) if f]
    if findings:
        out.append(Paragraph("Findings", st.h3))
        rows = [[Paragraph("Kind", st.cellb), Paragraph("Finding", st.cellb), Paragraph("Where", st.cellb)]]
        for f in findings:
            f = f if isinstance(f, dict) else {"message": f}
            rows.append([cell(f.get("kind"), st, 30 * mm), cell(f.get("message"), st, width - 70 * mm),
                         cell(f.get("location"), st, 40 * mm)])
        t = Table(rows, colWidths=[30 * mm, width - 70 * mm, 40 * mm], repeatRows=1)
        t.setStyle(HEAD_GRID)
        out.append(t)
    warnings = [w for w in _list(rec.get("warnings")) if w]
    if warnings:
        out.append(Paragraph("Extraction warnings", st.h3))
        for w in warnings[:MAX_FIELDS]:
            out.append(Paragraph("• " + esc(_short(w.get("message") if isinstance(w, dict) else w)), st.cell))
    fields = _fields(rec)
    if fields:
        out.append(Paragraph("Key metadata", st.h3))
        rows = [(k, _short(v) + (f"  [{loc}]" if loc else "")) for k, v, loc in fields[:MAX_FIELDS]]
        out.append(kv_table(rows, st, width, key_w=48 * mm))
        if len(fields) > MAX_FIELDS:
            out.append(Paragraph(f"{len(fields) - MAX_FIELDS} more fields are in metadata/items.json.", st.note))
    notes, tags = _list(rec.get("notes")), _list(rec.get("tags"))
    if notes or tags:
        out.append(Paragraph("Notes and tags", st.h3))
        if tags:
            out.append(Paragraph("Tags: " + esc(", ".join(str(t) for t in tags)), st.cell))
        for n in notes:
            if isinstance(n, dict):
                who = " ".join(str(n.get(k)) for k in ("time", "author", "examiner") if n.get(k))
                out += text_flowables(f"{who}: {n.get('text', '')}" if who else str(n.get("text", "")), st, width,
                                      st.cell)
            else:
                out += text_flowables(str(n), st, width, st.cell)
    if ex.conversation:
        conv = ex.conversation
        out.append(Paragraph("Chat export", st.h3))
        out.append(kv_table([("App", conv.get("app")), ("Title", conv.get("title")),
                             ("Participants", ", ".join(str(p) for p in conv.get("participants") or [])),
                             ("Messages", rx.message_count if rx.message_count is not None
                              else conv.get("message_count"))], st, width))
    out += custody_table(rx.custody, st, width)
    return out


def custody_table(lines: list[dict], st: Styles, width: float) -> list[Flowable]:
    if not lines:
        return []
    w = [12 * mm, 33 * mm, 22 * mm, 28 * mm, width - 125 * mm, 30 * mm]
    plain = [[str(ln["event"].get("seq")), visible(ln["event"].get("time")), visible(ln["event"].get("action")),
              visible(ln["event"].get("examiner")), visible(_short(ln["event"].get("details") or "")),
              Mono(ln["hash"][:16] + "…")] for ln in lines]
    if not any(has_rtl(v) for row in plain for v in row):
        head = ["Seq", "Time (UTC)", "Action", "Examiner", "Details", "Hash"]
        return [Paragraph("Custody events", st.h3),
                Grid([head] + plain, w, body=BODY, bold=BOLD, mono=MONO, header=True)]
    rows = [[Paragraph(h, st.cellb) for h in ("Seq", "Time (UTC)", "Action", "Examiner", "Details", "Hash")]]
    for line in lines:
        ev = line["event"]
        rows.append([Paragraph(str(ev.get("seq")), st.cell), Paragraph(esc(ev.get("time")), st.cell),
                     Paragraph(esc(ev.get("action")), st.cell), cell(ev.get("examiner"), st, w[3]),
                     cell(_short(ev.get("details") or ""), st, w[4]),
                     Paragraph(esc(line["hash"][:16]) + "…", st.mono)])
    t = Table(rows, colWidths=w, repeatRows=1)
    t.setStyle(HEAD_GRID)
    return [Paragraph("Custody events", st.h3), t]


def transcript(rx: ReportExhibit, st: Styles, width: float) -> list[Flowable]:
    """Numbered messages: time as written, UTC where known, sender, text and attachment references."""
    return [f for part in transcript_parts(rx, st, width) for f in part]


def transcript_parts(rx: ReportExhibit, st: Styles, width: float, per_part: int = 64) -> Iterator[list[Flowable]]:
    """:func:`transcript` made as it is laid out, ``per_part`` messages at a time (a transcript of 50,000
    messages is never held as flowables all at once)."""
    if rx.messages is None:
        return
    lo, hi = rx.message_range or (None, None)
    out: list[Flowable] = []
    if rx.message_range:
        out.append(Paragraph(f"Messages {lo} to {hi} of this export are shown, as the examiner chose; the whole "
                             "export is in the bundle unchanged, and every message is in "
                             "metadata/messages.", st.note))
    out.append(Paragraph("Times are shown as written in the export; UTC is given where the offset is known "
                         "(else the reason). Byte offsets point into the original file.", st.note))
    out.append(Spacer(1, 3))
    shown = 0
    for m in _in_range(rx.messages(), lo, hi):
        shown += 1
        out += message_flowables(m, st, width)
        if shown % per_part == 0:
            yield out
            out = []
    if shown == 0:
        out.append(Paragraph("(no message in this range)", st.note))
    if out:
        yield out


def _in_range(messages: Iterable[dict], lo: int | None, hi: int | None) -> Iterable[dict]:
    for m in messages:
        seq = m.get("seq")
        if lo is not None and isinstance(seq, int) and (seq < lo or seq > (hi if hi is not None else seq)):
            continue
        yield m


GREY, BLACK, BLUE, AMBER = "#666666", "#000000", "#1f4e8c", "#8a5a00"


def when_plain(m: dict) -> tuple[str, str]:
    utc = m.get("time_utc")
    extra = f"(UTC {utc})" if utc else (f"(UTC unknown: {m.get('utc_reason')})" if m.get("utc_reason") else "")
    return str(m.get("time_as_written") or ""), extra


def fast_message(m: dict, atts: list[str], when: tuple[str, str]) -> Flowable:
    """A left-to-right message as light runs (see exporters.fastflow): no markup, so nothing to escape."""
    kind = m.get("kind")
    runs = [(f"#{m.get('seq')}", BOLD, BLACK), (visible(when[0]), BODY, BLACK), (visible(when[1]), BODY, GREY),
            (visible(m.get("sender") or "system"), BOLD, BLACK)]
    if kind and kind != "user":
        runs.append((f"[{visible(kind)}]", BODY, AMBER))
    runs.append(("\n" + visible(m.get("text") or "", keep_newlines=True), BODY, BLACK))
    for a in atts:
        runs.append((f"\n[attachment: {visible(a)}]", BODY, BLUE))
    return Runs(runs, size=8, leading=10)


def message_flowables(m: dict, st: Styles, width: float) -> list[Flowable]:
    utc = m.get("time_utc")
    when = esc(m.get("time_as_written") or "")
    when += f" <font color='#666666'>(UTC {esc(utc)})</font>" if utc else (
        f" <font color='#666666'>(UTC unknown: {esc(m.get('utc_reason'))})</font>" if m.get("utc_reason") else "")
    sender = esc(m.get("sender")) if m.get("sender") else "<i>system</i>"
    kind = m.get("kind")
    tag = f" <font color='#8a5a00'>[{esc(kind)}]</font>" if kind and kind != "user" else ""
    head = f"<b>#{esc(m.get('seq'))}</b>  {when}  <b>{sender}</b>{tag}"
    atts = []
    for a in m.get("attachments") or []:
        if isinstance(a, dict):
            ref = a.get("exhibit") or ("missing from the export" if a.get("missing") else "not in this bundle")
            atts.append(f"{a.get('name')} → {ref}")
    text = m.get("text") or ""

    if not has_rtl(text) and not has_rtl(str(m.get("sender") or "")):
        return [fast_message(m, atts, when_plain(m))]
    out: list[Flowable] = [Paragraph(head if not has_rtl(str(m.get("sender") or "")) else
                                     f"<b>#{esc(m.get('seq'))}</b>  {when}", st.msg)]
    if has_rtl(str(m.get("sender") or "")):
        out += text_flowables(str(m.get("sender")) + ":", st, width, st.msg)
    out += text_flowables(text, st, width, st.msg)
    for a in atts:
        out.append(Paragraph(f"<font color='#1f4e8c'>[attachment: {esc(a)}]</font>", st.msg))
    return out
