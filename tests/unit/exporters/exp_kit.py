"""Real small evidence for the exporter tests: an image, a PDF, a chat with Arabic messages, a hidden
exhibit that is never exported, two real Ed25519 examiners and a real signed custody chain."""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exporters.source import BundleExhibit, BundleSource, CustodyEntry
from workbench.custody import genesis_hash, key_id, make_event

ARABIC_WORD = "مرحبا"
ARABIC_TEXT = "مرحبا يا أحمد، هل وصلت الأوراق؟ الدفعة 500 دولار غداً."
SECRET_NAME = "witness-statement-Jane-Roe.pdf"
SECRET_WITNESS = "Jane Roe"
WEIRD_NAME = "photo\nof <b>site</b> 100%\\evil?.jpg"


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def make_jpeg() -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (320, 200), (40, 120, 200))
    d = ImageDraw.Draw(im)
    d.rectangle((20, 20, 150, 120), fill=(240, 200, 30))
    d.text((30, 150), "exhibit photo", fill=(255, 255, 255))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_pdf(title: str) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), f"{title}\nSigned contract of employment.", fontsize=14)
    doc.set_metadata({"title": title, "author": "Recruiter Ltd <?php echo 1; ?>"})
    return doc.tobytes()


def make_chat() -> tuple[bytes, list[dict]]:
    lines = [
        ("14/03/2020, 21:05", "Ahmed", "Hello, are you coming to the office?"),
        ("14/03/2020, 21:06", "أحمد", ARABIC_TEXT),
        ("14/03/2020, 21:07", "Boss", "IMG-20200314-WA0001.jpg (file attached)"),
        ("14/03/2020, 21:08", "Ahmed", "Pay <b>now</b> & keep the passport"),
        ("14/03/2020, 21:09", "Boss", "Привет, это последнее сообщение"),
    ]
    out = b""
    msgs = []
    for i, (t, s, text) in enumerate(lines, 1):
        prefix = f"{t} - {s}: ".encode()
        offset = len(out) + len(prefix)
        body = text.encode()
        out += prefix + body + b"\n"
        msgs.append({
            "seq": i, "kind": "user", "sender": s, "time_as_written": t, "time_utc": None,
            "utc_reason": "no zone in a WhatsApp text export and none given at import", "text": text,
            "attachments": [{"name": "IMG-20200314-WA0001.jpg", "exhibit": "EX-000001", "missing": False}]
            if i == 3 else ([{"name": "statement.pdf", "exhibit": "EX-000004", "missing": False}] if i == 4 else []),
            "offset": offset, "length": len(body),
        })
    return out, msgs


@dataclass
class Fixture:
    source: BundleSource
    case_id: str
    key_a: Ed25519PrivateKey
    key_b: Ed25519PrivateKey
    datas: dict[str, bytes]
    all_exhibits: list[BundleExhibit]


def _exhibit(ex: str, name: str, mime: str, data: bytes, record: dict, **kw) -> BundleExhibit:
    return BundleExhibit(
        exhibit=ex, name_as_found=name, mime=mime, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        md5=hashlib.md5(data).hexdigest(), sha1=hashlib.sha1(data).hexdigest(), sha512=None,
        open=lambda d=data: io.BytesIO(d), record=record, **kw)


def build(tmp_path: Path, *, exported: tuple[str, ...] = ("EX-000001", "EX-000002", "EX-000003"),
          hash_algorithms: tuple[str, ...] = ("sha256", "md5")) -> Fixture:
    case_id = str(uuid.UUID(int=0x1234_5678_9ABC_4DEF_8123_4567_89AB_CDEF))
    key_a, key_b = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    kid_a, kid_b = key_id(key_a.public_key()), key_id(key_b.public_key())
    jpeg, pdf, secret = make_jpeg(), make_pdf("Contract"), make_pdf(f"Statement of {SECRET_WITNESS}")
    chat, msgs = make_chat()
    src_dir = "/home/examiner/cases/intake-2020/"
    acq = lambda name, who="A. Examiner": {  # noqa: E731
        "source_path": src_dir + name, "examiner": who, "acquired_utc": "2020-03-20T10:00:00Z",
        "mtime": "2020-03-14T21:10:00Z", "source": "USB stick from the witness", "method": "file copy",
        "host": "laptop-7", "tool": "Evidence Workbench 0.1.0"}
    ex1 = _exhibit("EX-000001", WEIRD_NAME, "image/jpeg", jpeg, {
        "acquisitions": [acq("photo.jpg")],
        "fields": [{"key": "exif.Make", "value": "Canon <script>", "location": "EXIF IFD0"},
                   {"key": "exif.GPSLatitude", "value": "25.2048", "location": "GPS IFD"},
                   {"key": "exif.GPSLongitude", "value": "55.2708", "location": "GPS IFD"}],
        "findings": [{"kind": "likely-screenshot", "message": "no camera model", "location": None}],
        "notes": [{"text": "Taken at the dormitory", "author": "A. Examiner", "time": "2020-03-21T09:00:00Z"}],
        "tags": ["site", "housing"], "duplicate_of": None})
    ex1.thumbnail = lambda: jpeg
    ex2 = _exhibit("EX-000002", "contract <?php echo 1; ?>.pdf", "application/pdf", pdf, {
        "acquisitions": [acq("contract.pdf")],
        "fields": {"pdf.Author": "Recruiter Ltd <?php echo 1; ?>", "pdf.Title": "Contract"},
        "parent": "EX-000004", "path_in_parent": "docs/contract.pdf"}, sensitive=True)
    ex3 = _exhibit("EX-000003", "WhatsApp Chat with أحمد.txt", "text/plain", chat, {
        "acquisitions": [acq("WhatsApp Chat.txt")], "warnings": ["line 9: no date"]},
        conversation={"app": "whatsapp", "title": "أحمد", "participants": ["Ahmed", "Boss"],
                      "message_count": len(msgs)},
        messages=lambda: iter(msgs))
    ex4 = _exhibit("EX-000004", SECRET_NAME, "application/pdf", secret, {
        "acquisitions": [acq(SECRET_NAME, who="B. Colleague")]})
    ex4.thumbnail = lambda: None
    allx = [ex1, ex2, ex3, ex4]
    chain: list[CustodyEntry] = []

    def add(key, who, action, exhibit, details):
        prev = chain[-1].hash if chain else genesis_hash(case_id)
        ev = make_event(case_id=case_id, seq=len(chain) + 1, examiner=who, key=key, action=action,
                        exhibit=exhibit, details=details, prev_hash=prev,
                        time=f"2020-03-20T10:{len(chain):02d}:00.000000Z")
        chain.append(CustodyEntry(ev.event, ev.hash, ev.signature))

    add(key_a, "A. Examiner", "case-created", None, {"name": "Operation Lantern"})
    add(key_a, "A. Examiner", "examiner-added", None, {"examiner": "B. Colleague"})
    for ex in allx:
        who, key = ("B. Colleague", key_b) if ex.exhibit == "EX-000004" else ("A. Examiner", key_a)
        add(key, who, "acquired", ex.exhibit, {"sha256": ex.sha256, "name": ex.name_as_found.replace("\n", " "),
                                              "source_path": src_dir + "x"})
    add(key_b, "B. Colleague", "receipt-issued", None, {"received_from": SECRET_WITNESS})
    add(key_a, "A. Examiner", "viewed", "EX-000001", {})
    add(key_a, "A. Examiner", "extracted", "EX-000003", {"messages": 5})
    add(key_b, "B. Colleague", "viewed", "EX-000004", {"by": SECRET_WITNESS})
    source = BundleSource(
        case={"case_id": case_id, "name": "Operation Lantern", "number": "HR-2020-017",
              "organisation": "Rights Watch Lab"},
        exporter={"name": "A. Examiner", "role": "digital evidence officer", "organisation": "Rights Watch Lab",
                  "key_id": kid_a},
        exhibits=[e for e in allx if e.exhibit in exported], custody=chain,
        examiner_keys={kid_a: _pem(key_a), kid_b: _pem(key_b)}, sign=key_a.sign,
        tool={"name": "Evidence Workbench", "version": "0.1.0"}, hash_algorithms=hash_algorithms,
        export_time_utc="2020-04-01T12:00:00.000000Z", local_timezone="Asia/Dubai")
    return Fixture(source, case_id, key_a, key_b, {"EX-000001": jpeg, "EX-000002": pdf, "EX-000003": chat,
                                                     "EX-000004": secret}, allx)


