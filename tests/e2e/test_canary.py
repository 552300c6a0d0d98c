"""Canary test: unique markers imported as text, EXIF, PDF and a chat export; after viewing, searching,
OCR, thumbnails (a report) and re-extraction, no marker is on disk in plain text outside explicit exports."""

from __future__ import annotations

import io
import shutil
import uuid
from pathlib import Path

from tests.conftest import run_cli, write


def _markers() -> dict[str, str]:
    u = uuid.uuid4().hex[:10].upper()
    return {k: f"CANARY{k.upper()}{u}" for k in ("text", "exif", "pdf", "chat", "ocr")}


def _scan(roots: list[Path], needles: list[bytes]) -> list[str]:
    hits = []
    for root in roots:
        if not root.exists():
            continue
        for p in root.rglob("*"):
            try:
                if p.is_file() and not p.is_symlink():
                    data = p.read_bytes()
                    for n in needles:
                        if n in data or n.decode().encode("utf-16-le") in data:
                            hits.append(f"{p}: {n.decode()}")
            except OSError:
                continue
    return hits


def test_no_marker_in_plain_text_anywhere(tmp_path):
    import time

    started = time.time()
    m = _markers()
    ev = tmp_path / "evidence"
    write(ev / "note.txt", f"witness statement {m['text']} end")
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", (1200, 200), "white")
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 44)
    except OSError:
        font = ImageFont.load_default(size=44)
    ImageDraw.Draw(im).text((20, 70), m["ocr"], fill="black", font=font)
    exif = Image.Exif()
    exif[0x010F] = m["exif"]  # Make
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    write(ev / "photo.jpg", buf.getvalue())
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), m["pdf"])
    write(ev / "contract.pdf", doc.tobytes())
    write(ev / "chat.txt", f"12/03/2024, 10:15 - Recruiter: {m['chat']}\n12/03/2024, 10:16 - Worker: ok\n")

    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    for d in (home, tmp):
        d.mkdir()
    env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_STATE_HOME": str(home / ".local" / "state"),
           "XDG_DATA_HOME": str(home / ".local" / "share")}
    case = tmp_path / "case"

    def wb(*a: str) -> None:
        r = run_cli(*a, env=env)
        assert r.returncode == 0, (a, r.stderr)
        for v in m.values():
            assert v not in r.stderr  # logs and messages hold no evidence content

    wb("case", "create", str(case), "--name", "n", "--number", "1", "--examiner", "A")
    wb("import", str(case), str(ev), "--timezone", "Asia/Muscat")
    wb("ocr", str(case))
    for word in ("witness", m["text"].lower(), m["pdf"].lower(), m["chat"].lower(), "recruiter"):
        wb("search", str(case), word)
    r = run_cli("search", str(case), m["ocr"].lower(), "--json", env=env)
    assert m["ocr"].lower() in r.stdout.lower(), "OCR ran and found the marker"
    wb("show", str(case), "EX-000002")
    wb("messages", str(case), "EX-000001")
    wb("reextract", str(case))
    wb("verify", str(case))
    bundle = tmp_path / "bundle"
    wb("export", str(case), str(bundle), "--all")  # an explicit export: allowed to hold the evidence
    shutil.rmtree(bundle)
    shutil.rmtree(ev)  # the originals themselves obviously hold the markers
    hits = _scan([case, tmp, home], [v.encode() for v in m.values()])
    assert hits == []
    # nothing new in the system temporary directory either (the CLI was given its own TMPDIR, but a
    # library that ignores TMPDIR would write to the system one)
    import tempfile

    sys_tmp = Path(tempfile.gettempdir())
    since = started - 1
    fresh = [p for p in sys_tmp.rglob("*") if _is_recent_file(p, since) and tmp_path not in p.parents]
    assert _scan_files(fresh, [v.encode() for v in m.values()]) == []


def _is_recent_file(p: Path, since: float) -> bool:
    try:
        return p.is_file() and not p.is_symlink() and p.stat().st_mtime >= since and p.stat().st_size < 50_000_000
    except OSError:
        return False


def _scan_files(files: list[Path], needles: list[bytes]) -> list[str]:
    out = []
    for p in files:
        try:
            data = p.read_bytes()
        except OSError:
            continue
        out.extend(f"{p}: {n.decode()}" for n in needles if n in data)
    return out
