from email.message import EmailMessage

import pytest

from evidence.email_msg import EmailExtractor, OutlookMsgExtractor
from evidence.errors import UnsupportedFormat

from .conftest import run_extractor, warnings_of


def _mail() -> bytes:
    m = EmailMessage()
    m["From"] = "Recruiter <r@agency.example>"
    m["To"] = "worker@example.org"
    m["Subject"] = "=?UTF-8?B?2LnZgtivINin2YTYudmF2YQ=?="  # RFC 2047 Arabic "work contract"
    m["Date"] = "Tue, 05 Mar 2024 09:15:00 +0400"
    m["Message-ID"] = "<abc@agency.example>"
    m["Received"] = "from mx1 by mx2; Tue, 05 Mar 2024 05:15:02 +0000"
    m["Received"] = "from laptop by mx1; Tue, 05 Mar 2024 05:15:01 +0000"
    m.set_content("Your passport will be kept by the employer.")
    m.add_alternative("<html><body><p>Your <b>passport</b></p><script>evil()</script></body></html>", subtype="html")
    m.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="contract.pdf")
    return m.as_bytes()


def test_headers_bodies_attachments() -> None:
    ctx, sink = run_extractor(EmailExtractor, _mail(), "mail.eml")
    f = ctx.fields()
    assert f["email.From"] == "Recruiter <r@agency.example>"
    assert f["email.Subject"] == "عقد العمل"
    assert f["email.Date"] == "Tue, 05 Mar 2024 09:15:00 +0400" and f["email.Date.utc"] == "2024-03-05T05:15:00Z"
    assert f["email.Received"][0].startswith("from mx1") and len(f["email.Received"]) == 2
    texts = list(ctx.texts())
    assert any("passport will be kept" in t for t in texts)
    assert any("passport" in t and "evil" not in t and "<b>" not in t for t in texts if "Your passport" in t)
    (child,) = sink.children.values()
    assert child["name"] == "contract.pdf" and child["size"] == len(b"%PDF-1.4 fake")
    assert "attachment:1:contract.pdf" in sink.children


def test_unknown_zone_and_malformed() -> None:
    raw = (b"From: a@b.example\nTo: c@d.example\nDate: 8 Mar 2017 01:21:00 -0000\nSubject: x\n"
           b"Content-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nhello\n")
    ctx, _ = run_extractor(EmailExtractor, raw, "noext", mime="application/octet-stream")
    f = ctx.fields()
    assert "email.Date.utc" not in f and "email.Date.utc_unknown" in f
    assert any("defect" in w for w in warnings_of(ctx))
    assert any("hello" in t for t in ctx.texts())


def test_not_an_email() -> None:
    with pytest.raises(UnsupportedFormat):
        run_extractor(EmailExtractor, b"just some words\nand more\n", "notes.txt", mime="text/plain")
    with pytest.raises(UnsupportedFormat):
        run_extractor(OutlookMsgExtractor, b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "x.msg",
                      mime="application/octet-stream")
