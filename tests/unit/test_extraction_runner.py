"""Extraction after intake: a worker process killed on its limits, derived records with provenance,
re-extraction that keeps history, background OCR, and search over the results."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from tests.conftest import write
from workbench.extraction import extract_items, run_background
from workbench.ingest import import_paths
from workbench.search import search
from workbench.verify import verify_case


def _pdf(text: str, **meta: str) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text)
    if meta:
        doc.set_metadata(meta)
    data = doc.tobytes()
    doc.close()
    return data


def test_fields_findings_and_provenance_are_stored(new_case, tmp_path):
    write(tmp_path / "ev" / "contract.pdf", _pdf("Salary 500 USD", title="Contract", author="HR Dept"))
    import_paths(new_case, [tmp_path / "ev"])
    from workbench.operations import item_record

    rec = item_record(new_case, "EX-000001")
    fields = {f["key"]: f for f in rec["fields"]}
    assert fields["pdf.Title"]["value"] == "Contract" and fields["pdf.Author"]["value"] == "HR Dept"
    assert fields["pdf.Title"]["extractor"] == "pdf" and fields["pdf.Title"]["version"]
    ex = {e["extractor"]: e for e in rec["extractions"]}
    assert ex["pdf"]["status"] in ("ok", "warnings") and any(lib[0] == "pymupdf" for lib in ex["pdf"]["libraries"])
    assert [h["exhibit"] for h in search(new_case, "salary")] == ["EX-000001"]
    assert new_case.repo.custody()[-1].event["action"] == "metadata-extracted"


def test_a_file_over_its_time_limit_is_killed_and_the_rest_goes_on(new_case, tmp_path):
    write(tmp_path / "ev" / "a.pdf", _pdf("first"))
    write(tmp_path / "ev" / "b.pdf", _pdf("second"))
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    # a limit far below what starting a worker takes: the first job is killed, the worker restarted
    w = extract_items(new_case, ["EX-000001"], options={"time_limit": 0.001})
    assert any("killed after" in x["warning"] for x in w)
    warnings = new_case.repo.warnings(new_case.repo.item("EX-000001")["id"])
    assert any("time limit" in x["message"] for x in warnings)
    w2 = extract_items(new_case, ["EX-000002"], options={})
    assert not any("killed" in x["warning"] for x in w2)
    assert [h["exhibit"] for h in search(new_case, "second")] == ["EX-000002"]
    assert verify_case(new_case).ok  # the item itself is untouched


def test_a_worker_over_its_memory_limit_is_killed(new_case, tmp_path):
    write(tmp_path / "ev" / "a.pdf", _pdf("x"))
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    w = extract_items(new_case, ["EX-000001"], options={"memory_limit": 1})
    assert any("memory" in x["warning"] for x in w)


def test_reextraction_keeps_earlier_results_with_versions(new_case, tmp_path):
    write(tmp_path / "ev" / "a.pdf", _pdf("hello", title="T1"))
    import_paths(new_case, [tmp_path / "ev"])
    extract_items(new_case, ["EX-000001"], options={"max_depth": 0}, log_action="reextracted")
    rows = new_case.repo.query("SELECT extractor, current FROM extractions e JOIN items i ON i.id = e.item_id"
                               " WHERE i.exhibit = 'EX-000001' AND extractor = 'pdf' ORDER BY e.id")
    assert [r["current"] for r in rows] == [0, 1]
    from workbench.store.derived import item_derived

    old = item_derived(new_case.repo, 1, current_only=False)
    assert len([f for f in old["fields"] if f["key"] == "pdf.Title"]) == 2
    assert [h["exhibit"] for h in search(new_case, "hello")] == ["EX-000001"]  # only current text is found
    assert new_case.repo.custody()[-1].event["action"] == "reextracted"


def test_encrypted_pdf_preserved_then_opened_with_password(new_case, tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "confidential payslip")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="open sesame", owner_pw="owner pw")
    write(tmp_path / "ev" / "payslip.pdf", data)
    import_paths(new_case, [tmp_path / "ev"])
    from workbench.operations import item_record

    rec = item_record(new_case, "EX-000001")
    assert {f["key"]: f["value"] for f in rec["fields"]}["pdf.encrypted"] is True
    assert search(new_case, "payslip") == []
    extract_items(new_case, ["EX-000001"], options={"password": "open sesame", "max_depth": 0},
                  log_action="reextracted")
    assert [h["exhibit"] for h in search(new_case, "payslip")] == ["EX-000001"]
    # the password is not stored anywhere in the case's records
    assert "open sesame" not in json.dumps([e.to_json() for e in new_case.repo.custody()])


def test_arabic_search_finds_vowelled_and_unvowelled_forms(new_case, tmp_path):
    write(tmp_path / "ev" / "a.txt", "وصل مُحَمَّد إلى المطار ومعه جَوَاز السفر")
    write(tmp_path / "ev" / "b.txt", "Mohamed lost his passport at the airport")
    import_paths(new_case, [tmp_path / "ev"])
    assert [h["exhibit"] for h in search(new_case, "محمد")] == ["EX-000001"]
    assert [h["exhibit"] for h in search(new_case, "مُحَمَّد")] == ["EX-000001"]
    assert [h["exhibit"] for h in search(new_case, "جواز")] == ["EX-000001"]
    assert [h["exhibit"] for h in search(new_case, "الى")] == ["EX-000001"]  # alef with hamza folded
    assert [h["exhibit"] for h in search(new_case, "passport")] == ["EX-000002"]
    assert search(new_case, "محمود") == []


def test_zip_children_are_items_and_duplicates_share_objects(new_case, tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("chat/_chat.txt", "hello")
        z.writestr("media/photo.jpg", b"\xff\xd8\xff" + b"0" * 100)
        z.writestr("../../escape.txt", "zip slip")
    write(tmp_path / "ev" / "export.zip", buf.getvalue())
    write(tmp_path / "ev" / "same.txt", "hello")
    import_paths(new_case, [tmp_path / "ev"])
    kids = new_case.repo.children("EX-000001")
    assert sorted(k["path_in_parent"] for k in kids) == ["../../escape.txt", "chat/_chat.txt", "media/photo.jpg"]
    chat = next(k for k in kids if k["path_in_parent"] == "chat/_chat.txt")
    assert chat["duplicate_of"] is None or chat["duplicate_of"] in ("EX-000002",)
    from workbench.operations import item_record

    finds = [f["kind"] for f in item_record(new_case, "EX-000001")["findings"]]
    assert "path-traversal" in finds
    # nothing was written outside the vault
    assert not (tmp_path / "escape.txt").exists() and not (new_case.dir.parent / "escape.txt").exists()
    assert verify_case(new_case).ok


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is installed by make test")
def test_background_ocr_is_resumable_and_searchable(new_case, tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", (900, 200), "white")
    d = ImageDraw.Draw(im)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 48)
    except OSError:
        font = ImageFont.load_default(size=48)
    d.text((20, 60), "PASSPORT CONFISCATED", fill="black", font=font)
    im.save(tmp_path / "shot.png")
    (tmp_path / "ev").mkdir()
    shutil.move(tmp_path / "shot.png", tmp_path / "ev" / "shot.png")
    import_paths(new_case, [tmp_path / "ev"])
    from workbench.extraction import background_pending

    assert background_pending(new_case) == 1
    r = run_background(new_case)
    assert r["done"] == 1 and background_pending(new_case) == 0
    assert [h["exhibit"] for h in search(new_case, "confiscated")] == ["EX-000001"]
    from workbench.operations import item_record

    engine = [f for f in item_record(new_case, "EX-000001")["fields"] if f["key"] == "ocr.engine"]
    assert engine and engine[0]["value"].startswith("tesseract ") and engine[0]["extractor"] == "ocr"
    assert run_background(new_case)["pending_before"] == 0  # resumable: nothing done twice


def test_a_child_that_trips_a_bomb_limit_is_not_kept_half_read(new_case, tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ok.txt", "fine")
        z.writestr("zeros.bin", b"\0" * (60 * 1024 * 1024))  # ratio far beyond 1:200
    write(tmp_path / "ev" / "bomb.zip", buf.getvalue())
    import_paths(new_case, [tmp_path / "ev"])
    kids = {k["path_in_parent"] for k in new_case.repo.children("EX-000001")}
    assert kids == {"ok.txt"}
    from workbench.operations import item_record

    assert "bomb-suspected" in [f["kind"] for f in item_record(new_case, "EX-000001")["findings"]]
    assert new_case.repo.open_intents() == [] and new_case.vault.leftover_temps() == []
    assert verify_case(new_case).ok
