"""Regenerate the synthetic demonstration evidence in resources/demo/evidence/ (invented people only).

Run once by a developer (`python -m resources.demo.make_evidence`); the files it makes are committed, so
`make demo` uses fixed bytes and fixed hashes.
"""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).resolve().parent / "evidence"


def _ad_image(lines: list[str], size: tuple[int, int]) -> "object":
    from PIL import Image, ImageDraw

    im = Image.new("RGB", size, (250, 250, 250))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, size[0], 120], fill=(37, 211, 102))
    d.text((40, 40), "JobsAbroad24 - Sponsored", fill=(255, 255, 255))
    y = 180
    for line in lines:
        d.text((40, y), line, fill=(20, 20, 20))
        y += 48
    return im


def make() -> None:
    from PIL import Image

    HERE.mkdir(parents=True, exist_ok=True)
    lines = ["URGENT HIRING: hotel housekeeping staff", "Salary 1,200 USD per month + housing",
             "Free visa and flight ticket", "No experience needed", "Contact Mr. Karim (recruiter): +968 9000 0000",
             "(fictional advertisement for demonstration)"]
    im = _ad_image(lines, (1080, 2340))
    exif = Image.Exif()
    exif[0x0131] = "Android 14 screenshot"  # Software
    exif[0x0132] = "2026:03:01 09:14:22"  # DateTime
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = "2026:03:01 09:14:22"  # DateTimeOriginal
    ifd[0x9011] = "+04:00"  # OffsetTimeOriginal
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    (HERE / "Screenshot_20260301-091422_Facebook.jpg").write_bytes(buf.getvalue())
    im2 = _ad_image(lines[:3] + ["Apply now - places are limited!", "(fictional, for demonstration)"], (1080, 2340))
    buf = io.BytesIO()
    im2.save(buf, "PNG")
    (HERE / "Screenshot_20260302-184501_Instagram.png").write_bytes(buf.getvalue())

    chat = HERE / "whatsapp-export"
    chat.mkdir(exist_ok=True)
    photo = _ad_image(["Your room in the company housing", "(fictional photo)"], (800, 600))
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"
    exif[0x0110] = "DP-1"
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = "2026:03:05 20:11:03"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (23.0, 35.0, 17.0)
    gps[3] = "E"
    gps[4] = (58.0, 24.0, 30.0)
    buf = io.BytesIO()
    photo.save(buf, "JPEG", exif=exif.tobytes())
    (chat / "IMG-20260305-WA0003.jpg").write_bytes(buf.getvalue())
    text = (
        "01/03/2026, 09:20 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
        "WhatsApp, can read or listen to them. Tap to learn more.\n"
        "01/03/2026, 09:21 - Karim (Recruiter): Hello, I saw you are interested in the hotel job.\n"
        "01/03/2026, 09:23 - Amina: نعم، أنا مهتمة. ما هو الراتب؟\n"
        "01/03/2026, 09:25 - Karim (Recruiter): الراتب 1200 دولار شهرياً مع السكن\n"
        "The visa and ticket are free.\n"
        "01/03/2026, 09:30 - Amina: What about my passport? Will I keep it?\n"
        "01/03/2026, 09:31 - Karim (Recruiter): The company keeps passports for safety. It is normal.\n"
        "05/03/2026, 20:11 - Karim (Recruiter): IMG-20260305-WA0003.jpg (file attached)\n"
        "This is your room.\n"
        "05/03/2026, 20:15 - Amina: <Media omitted>\n"
        "12/03/2026, 22:40 - Amina: لم أستلم راتبي منذ شهرين. أريد جواز سفري.\n"
        "12/03/2026, 22:41 - Karim (Recruiter): This message was deleted\n"
        "13/03/2026, 08:02 - Karim (Recruiter): You owe the agency 3000 USD for the visa. You cannot leave before "
        "you pay.\n"
    )
    (chat / "WhatsApp Chat with Karim (Recruiter).txt").write_text(text, "utf-8")

    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    y = 72
    for line in ["EMPLOYMENT CONTRACT (fictional, for demonstration)", "", "Employer: Golden Sands Hospitality LLC",
                 "Employee: Amina (invented person)", "Position: Housekeeping attendant",
                 "Monthly salary: 1,200 USD, paid on the 1st of each month", "Housing: provided by the employer",
                 "Working hours: 8 hours per day, one day off per week",
                 "The employee keeps her passport and identity documents.", "", "Signed: ____________"]:
        page.insert_text((72, y), line, fontsize=12)
        y += 22
    doc.set_metadata({"title": "Employment contract - Golden Sands Hospitality", "author": "Golden Sands HR",
                      "creationDate": "D:20260228101500+04'00'", "producer": "demo generator"})
    (HERE / "employment_contract.pdf").write_bytes(doc.tobytes())
    doc.close()

    msg = EmailMessage()
    msg["From"] = "Golden Sands HR <hr@golden-sands.example>"
    msg["To"] = "Amina <amina@example.org>"
    msg["Subject"] = "Your job offer and contract"
    msg["Date"] = "Sat, 28 Feb 2026 10:20:00 +0400"
    msg["Message-ID"] = "<demo-offer-0001@golden-sands.example>"
    msg.set_content("Dear Amina,\n\nPlease find your employment contract attached. Your salary is 1,200 USD per "
                    "month.\n\nGolden Sands HR (fictional)\n")
    msg.add_attachment((HERE / "employment_contract.pdf").read_bytes(), maintype="application", subtype="pdf",
                       filename="contract.pdf")
    (HERE / "offer_email.eml").write_bytes(bytes(msg))


if __name__ == "__main__":
    make()
    print(f"wrote demo evidence to {HERE}")
