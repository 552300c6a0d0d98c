"""Synthetic evidence made by the tests (no real data): an EXIF-rotated JPEG with GPS, a PDF, a WhatsApp
text export with an Arabic message and an attachment, a text file."""

from __future__ import annotations

from pathlib import Path

CHAT = [
    "12/03/2021, 09:15 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them.",
    "12/03/2021, 09:16 - Amina Yusuf: The agency kept my passport",
    "12/03/2021, 09:17 - Rahul Verma: Did they pay the salary?",
    "12/03/2021, 09:18 - Amina Yusuf: لم يدفعوا الراتب منذ ثلاثة أشهر",
    "12/03/2021, 09:19 - Amina Yusuf: IMG-20210312-WA0001.jpg (file attached)",
    "12/03/2021, 09:20 - Rahul Verma: This message was deleted",
    "12/03/2021, 09:21 - Rahul Verma: I will call the lawyer tomorrow about the overtime",
]


def make_evidence(root: Path) -> Path:
    import pymupdf
    from PIL import Image, ImageDraw
    from PIL.TiffImagePlugin import IFDRational as R

    root.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", (640, 400), "#3a7bd5")
    ImageDraw.Draw(im).rectangle((20, 20, 300, 180), fill="#ffcc00")
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise
    exif[0x8825] = {1: "N", 2: (R(23, 1), R(35, 1), R(1, 1)), 3: "E", 4: (R(58, 1), R(24, 1), R(0, 1))}
    im.save(root / "photo_rotated.jpg", exif=exif.tobytes())
    doc = pymupdf.open()
    for i in range(3):
        doc.new_page().insert_text((72, 72), f"Employment contract page {i + 1}\nPassport retained.", fontsize=14)
    doc.save(root / "contract.pdf")
    chat = root / "WhatsApp Chat with Amina"
    chat.mkdir(exist_ok=True)
    (chat / "WhatsApp Chat with Amina.txt").write_text("\n".join(CHAT) + "\n", "utf-8")
    Image.new("RGB", (200, 150), "#aa3355").save(chat / "IMG-20210312-WA0001.jpg")
    (root / "notes.txt").write_text("Witness statement: the boss took our passports and phones.\n", "utf-8")
    return root
