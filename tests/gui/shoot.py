"""Screenshots of the main screens, for people to look at (developer tool, not a test).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m tests.gui.shoot OUTDIR [--lang ar]

Makes a throwaway case from synthetic evidence (a chat with image attachments, one of them marked
sensitive), then saves: the main window with the table and a chat showing inline thumbnails, the import
dialog, and an import running with its progress bar. File names end in ``_ar`` for Arabic.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHAT = [
    ("12/03/2021, 09:15 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
     "WhatsApp, can read or listen to them."),
    "12/03/2021, 09:16 - Amina Yusuf: The agency kept my passport",
    "12/03/2021, 09:17 - Rahul Verma: Did they pay the salary?",
    "12/03/2021, 09:18 - Amina Yusuf: لم يدفعوا الراتب منذ ثلاثة أشهر",
    "12/03/2021, 09:19 - Amina Yusuf: IMG-20210312-WA0001.jpg (file attached)",
    "12/03/2021, 09:20 - Amina Yusuf: This is the room where they keep us",
    "12/03/2021, 09:20 - Amina Yusuf: IMG-20210312-WA0002.jpg (file attached)",
    "12/03/2021, 09:21 - Rahul Verma: I will call the lawyer tomorrow about the overtime",
]


def _picture(path: Path, hue: int) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (640, 480), (hue, 120, 255 - hue))
    d = ImageDraw.Draw(im)
    for i in range(0, 640, 40):
        d.line((i, 0, 640 - i, 480), fill=(255, 255, 255), width=3)
    d.rectangle((60, 60, 300, 220), fill=(250, 210, 40))
    d.ellipse((360, 200, 560, 420), fill=(30, 30, 30))
    d.text((80, 120), "PAYSLIP  March 2021", fill=(0, 0, 0))
    im.save(path, quality=92)


def evidence(root: Path) -> Path:
    from tests.gui.evidence import make_evidence

    make_evidence(root)
    chat = root / "WhatsApp Chat with Amina"
    (chat / "WhatsApp Chat with Amina.txt").write_text("\n".join(CHAT) + "\n", "utf-8")
    _picture(chat / "IMG-20210312-WA0001.jpg", 40)
    _picture(chat / "IMG-20210312-WA0002.jpg", 200)
    return root


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    sfx = "" if lang == "en" else f"_{lang}"
    out.mkdir(parents=True, exist_ok=True)
    from tests.conftest import PASS
    from ui import operations_ui as ops
    from ui.app import make_app
    from ui.main_window import MainWindow
    from ui.qt import QSettings
    from ui.settings import Settings
    from workbench import operations
    from workbench.case import Case, ExaminerIdentity

    app = make_app([sys.argv[0]], lang)
    tmp = Path(tempfile.mkdtemp(prefix="wb-shoot-"))
    settings = Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    case = Case.create(tmp / "case", name="Operation Sandstorm", number="HR-2026-001", passphrase=PASS,
                       examiner=ExaminerIdentity("Ana Ruiz", "Test NGO", "investigator"))
    w = MainWindow(case, settings)
    w.show()

    def spin(cond: Any = None, limit: float = 60.0, at_least: float = 0.0) -> None:
        start = time.monotonic()
        while (cond is not None and not cond()) or time.monotonic() - start < at_least:
            app.processEvents()
            time.sleep(0.01)
            if time.monotonic() - start > limit:
                raise SystemExit(f"timed out waiting at line {sys._getframe(1).f_lineno}")

    def save(widget: Any, name: str) -> None:
        spin(at_least=0.4)
        widget.grab().save(str(out / f"{name}{sfx}.png"))
        print(out / f"{name}{sfx}.png")

    ev = evidence(tmp / "evidence")
    dlg = ops.ask_import(w, [ev])
    dlg.source.setText("phone of witness A")
    dlg.zone.setEditText("Asia/Dubai")
    save(dlg, "import_dialog")
    done: list[Any] = []
    w.import_finished.connect(done.append)
    dlg.accept()
    spin(lambda: bool(done))
    if getattr(w, "last_summary", None) is not None:
        w.last_summary.close()
    rows = {}
    spin(lambda: w.model.rowCount() >= 6)
    for r in range(w.model.rowCount()):
        w.model.data(w.model.index(r, 0))
    spin(lambda: all(w.model.row(r) is not None for r in range(w.model.rowCount())))
    for r in range(w.model.rowCount()):
        rows[w.model.row(r)["name"]] = r
    sensitive = w.model.row(rows["IMG-20210312-WA0002.jpg"])["exhibit"]
    sop = w.tasks.write(lambda c: operations.set_sensitive(c, sensitive, True), label="sensitive")
    spin(lambda: sop.done)
    w.jump({"exhibit": w.model.row(rows["WhatsApp Chat with Amina.txt"])["exhibit"]})
    chat = w.detail.preview.chat
    spin(lambda: w.detail.preview.currentWidget() is chat and len(chat.model.rows) >= 8)
    chat.list.viewport().repaint()
    thumbs = w.detail.preview.thumbs
    spin(lambda: all(thumbs.get(a["exhibit"]) is not None for m in chat.model.rows for a in m["attachments"]
                     if a.get("exhibit")))
    chat.list.scrollToBottom()
    save(w, "main_chat_thumbs")
    w.jump({"exhibit": w.model.row(rows["photo_rotated.jpg"])["exhibit"]})
    spin(lambda: w.detail.preview.currentWidget() is w.detail.preview.image)
    save(w, "main_window")

    many = tmp / "many"
    many.mkdir()
    import os

    for i in range(240):
        (many / f"scan_{i:04d}.bin").write_bytes(os.urandom(1 << 20))
    done.clear()
    op = ops.start_import(w, [many], source="bulk", extract=False)
    spin(lambda: op.last_progress is not None and op.last_progress.done >= 20 or op.done)
    save(w, "importing")
    spin(lambda: bool(done), limit=300)
    if getattr(w, "last_summary", None) is not None:
        w.last_summary.close()
    closed: list[int] = []
    w.closed.connect(lambda: closed.append(1))
    w.request_close("cancel")
    spin(lambda: bool(closed), limit=120)
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
