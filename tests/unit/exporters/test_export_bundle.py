"""export_bundle: layout, JSON Schemas, CASE/UCO, subset non-leakage, redaction, ZIP, cancel, refusals."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from exp_kit import ARABIC_TEXT, SECRET_NAME, SECRET_WITNESS, WEIRD_NAME, build
from exp_tools import run, tool

from exporters import schema
from exporters.bundle import export_bundle
from exporters.jobs import Cancelled, ExportError, ExportProgress
from exporters.verify_bundle import verify_bundle, to_json


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_layout_and_originals_are_byte_identical(tmp_path: Path) -> None:
    fx = build(tmp_path)
    res = export_bundle(fx.source, tmp_path / "out")
    files = _files(tmp_path / "out")
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-md5.txt", "tagmanifest-sha256.txt",
                 "tagmanifest-md5.txt", "tagmanifest-sha256.txt.sig", "metadata/items.json",
                 "metadata/messages/EX-000003.jsonl", "metadata/custody-log.jsonl", "metadata/case-uco.jsonld",
                 "metadata/hashdeep.txt", "metadata/report.pdf", "metadata/VERIFY.txt", "metadata/verify.py"):
        assert name in files
    items = json.loads((tmp_path / "out/metadata/items.json").read_text("utf-8"))
    for e in items["exhibits"]:
        assert (tmp_path / "out" / e["path"]).read_bytes() == fx.datas[e["exhibit"]]
    weird = next(e for e in items["exhibits"] if e["exhibit"] == "EX-000001")
    assert weird["name_as_found"] == WEIRD_NAME
    assert not any(c in weird["path"] for c in "\n%\\<>?")
    assert res.manifest_sha256 == hashlib.sha256((tmp_path / "out/manifest-sha256.txt").read_bytes()).hexdigest()
    assert res.tagmanifest_sha256 == hashlib.sha256((tmp_path / "out/tagmanifest-sha256.txt").read_bytes()).hexdigest()
    info = (tmp_path / "out/bag-info.txt").read_text("utf-8")
    for field in ("Source-Organization: Rights Watch Lab", "Contact-Name: A. Examiner",
                  "External-Identifier: HR-2020-017", "Bagging-Date: 2020-04-01", "Payload-Oxum: ",
                  "Bag-Software-Agent: Evidence Workbench 0.1.0", f"Workbench-Signing-Key: {res.fingerprint}"):
        assert field in info
    assert res.verification.ok and res.fingerprint == fx.source.exporter["key_id"]
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_json_files_follow_the_schemas(tmp_path: Path) -> None:
    fx = build(tmp_path)
    export_bundle(fx.source, tmp_path / "out")
    jsonschema.validate(json.loads((tmp_path / "out/metadata/items.json").read_text("utf-8")), schema("items"))
    msgs = (tmp_path / "out/metadata/messages/EX-000003.jsonl").read_text("utf-8").splitlines()
    assert len(msgs) == 5
    for line in msgs:
        jsonschema.validate(json.loads(line), schema("message"))
    for line in (tmp_path / "out/metadata/custody-log.jsonl").read_text("utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema("custody-line"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"seq": 1, "hash": "x"}, schema("custody-line"))
    assert ARABIC_TEXT in "".join(msgs)


def test_subset_leaks_nothing_about_other_exhibits(tmp_path: Path) -> None:
    fx = build(tmp_path)
    export_bundle(fx.source, tmp_path / "out")
    secret_sha = fx.all_exhibits[3].sha256
    for rel in _files(tmp_path / "out"):
        data = (tmp_path / "out" / rel).read_bytes()
        text = data.decode("utf-8", "replace")
        if rel.endswith(".pdf"):
            from exporters.verify_content import report_text

            text = report_text(data)
        for secret in (SECRET_NAME, SECRET_WITNESS, "B. Colleague", secret_sha, "EX-000004"):
            assert secret not in text, f"{secret!r} leaks in {rel}"
    lines = [json.loads(x) for x in (tmp_path / "out/metadata/custody-log.jsonl").read_text("utf-8").splitlines()]
    assert [ln.get("seq") or ln["event"]["seq"] for ln in lines] == list(range(1, 11))
    full = [ln["event"]["exhibit"] for ln in lines if "event" in ln]
    assert set(full) == {"EX-000001", "EX-000002", "EX-000003"}
    assert len(list((tmp_path / "out/metadata/examiners").glob("*.pem"))) == 2  # B signed stubs: key needed


def test_redact_paths_keeps_base_names_and_withholds_events_with_paths(tmp_path: Path) -> None:
    fx = build(tmp_path)
    export_bundle(fx.source, tmp_path / "out", redact_paths=True)
    items = json.loads((tmp_path / "out/metadata/items.json").read_text("utf-8"))
    acq = items["exhibits"][0]["record"]["acquisitions"][0]
    assert acq["source_path"] == "photo.jpg" and acq["source_path_redacted"] is True
    for rel in _files(tmp_path / "out"):
        assert b"/home/examiner" not in (tmp_path / "out" / rel).read_bytes(), rel
    assert items["custody"]["withheld"]
    assert verify_bundle(tmp_path / "out").ok


def test_case_uco_conforms(tmp_path: Path) -> None:
    fx = build(tmp_path)
    export_bundle(fx.source, tmp_path / "out")
    r = run([tool("case_validate"), "--built-version", "case-1.4.0", "metadata/case-uco.jsonld"], tmp_path / "out")
    assert "Conforms: True" in r.stdout, r.stdout[-3000:] + r.stderr[-2000:]
    graph = json.loads((tmp_path / "out/metadata/case-uco.jsonld").read_text("utf-8"))["@graph"]
    def walk(node):
        if isinstance(node, dict):
            yield node
            for v in node.values():
                yield from walk(v)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)

    hashes = [n for n in walk(graph) if n.get("@type") == "uco-types:Hash"]
    assert len(hashes) == 6
    assert {h["uco-types:hashMethod"] for h in hashes} == {"SHA256", "MD5"}
    assert all(h["uco-types:hashValue"]["@type"] == "xsd:hexBinary" for h in hashes)
    again = build(tmp_path)
    export_bundle(again.source, tmp_path / "out2")
    ids = lambda p: sorted(n["@id"] for n in json.loads(p.read_text("utf-8"))["@graph"])  # noqa: E731
    assert ids(tmp_path / "out/metadata/case-uco.jsonld") == ids(tmp_path / "out2/metadata/case-uco.jsonld")


def test_zip_is_stable_and_verifies_in_place(tmp_path: Path) -> None:
    fx = build(tmp_path)
    a = export_bundle(fx.source, tmp_path / "a" / "bag", zip=True)
    b = export_bundle(fx.source, tmp_path / "b" / "bag", zip=True)
    assert a.zip_sha256 == b.zip_sha256 == hashlib.sha256(a.zip_path.read_bytes()).hexdigest()
    with zipfile.ZipFile(a.zip_path) as z:
        names = z.namelist()
        assert names == sorted(names) and all(n.startswith("bag/") for n in names)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    rep = verify_bundle(a.zip_path)
    assert rep.ok and rep.container == "zip" and json.loads(to_json(rep))["ok"]
    # a changed member inside the ZIP is caught without extracting anything
    with zipfile.ZipFile(a.zip_path) as src, zipfile.ZipFile(tmp_path / "t.zip", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".txt") and "/data/EX-000003/" in info.filename:
                data = data.replace(b"Hello", b"Jello")
            dst.writestr(info, data)
    bad = verify_bundle(tmp_path / "t.zip")
    assert any(p.kind == "changed" and "EX-000003" in (p.file or "") for p in bad.problems)


class _CancelAfter:
    def __init__(self, n: int) -> None:
        self.n, self.calls = n, 0

    @property
    def cancelled(self) -> bool:
        self.calls += 1
        return self.calls > self.n


def test_cancel_leaves_nothing_behind(tmp_path: Path) -> None:
    fx = build(tmp_path)
    seen: list[ExportProgress] = []
    with pytest.raises(Cancelled):
        export_bundle(fx.source, tmp_path / "out", progress=seen.append, cancel=_CancelAfter(4))
    assert list(tmp_path.iterdir()) == []
    assert seen and seen[0].phase == "copying" and seen[0].total_files == 3


def test_refuses_a_non_empty_target_and_a_changed_original(tmp_path: Path) -> None:
    fx = build(tmp_path)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(ExportError, match="already exists"):
        export_bundle(fx.source, tmp_path / "full")
    fx.source.exhibits[1].open = lambda: io.BytesIO(b"not the original")
    with pytest.raises(ExportError, match="does not match its recorded hashes") as e:
        export_bundle(fx.source, tmp_path / "out")
    assert any("EX-000002" in d for d in e.value.details)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_extra_algorithms_are_written_when_the_case_records_them(tmp_path: Path) -> None:
    fx = build(tmp_path, hash_algorithms=("sha256", "md5", "sha1"))
    export_bundle(fx.source, tmp_path / "out")
    assert (tmp_path / "out/manifest-sha1.txt").exists()
    assert verify_bundle(tmp_path / "out").algorithms == ["sha256", "sha1", "md5"]
