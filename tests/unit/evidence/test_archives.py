import bz2
import gzip
import io
import tarfile
import zipfile

from evidence.archives import ArchiveExtractor, is_traversal

from .conftest import findings, run_extractor, warnings_of


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def test_zip_entries_become_children_and_traversal_is_flagged() -> None:
    data = _zip({"docs/a.txt": b"alpha", "../../etc/evil.txt": b"x", "..\\..\\Temp\\evil.bat": b"y", "/abs.txt": b"z"})
    ctx, sink = run_extractor(ArchiveExtractor, data, "a.zip")
    assert set(sink.children) == {"docs/a.txt", "../../etc/evil.txt", "..\\..\\Temp\\evil.bat", "/abs.txt"}
    assert sink.children["docs/a.txt"]["name"] == "a.txt" and sink.children["docs/a.txt"]["size"] == 5
    assert len(findings(ctx, "path-traversal")) == 3
    assert ctx.fields()["archive.entry_count"] == 4
    assert is_traversal("C:/x") and not is_traversal("a/..b/c")


def test_small_bomb_trips_quickly() -> None:
    data = _zip({"ok.txt": b"fine", "zeros.bin": b"\0" * (50 * 1024 * 1024)})
    ctx, sink = run_extractor(ArchiveExtractor, data, "bomb.zip")  # a hang would trip pytest-timeout
    assert "ok.txt" in sink.children and "zeros.bin" not in sink.children
    assert findings(ctx, "bomb-suspected") and warnings_of(ctx)


def test_lying_declared_size_is_caught_while_reading() -> None:
    # ratio limit enforced on the bytes actually produced, not only on the declared sizes
    data = _zip({"zeros.bin": b"\0" * (3 * 1024 * 1024)})
    ctx, sink = run_extractor(ArchiveExtractor, data, "b.zip", options={"max_ratio": 2, "ratio_floor": 1024})
    assert findings(ctx, "bomb-suspected") and not sink.children
    ctx, sink = run_extractor(ArchiveExtractor, data, "b.zip", options={"max_total_bytes": 1024 * 1024,
                                                                        "max_ratio": 10_000})
    assert findings(ctx, "bomb-suspected") and not sink.children


def test_entry_count_and_depth_limits() -> None:
    data = _zip({f"f{i}.txt": b"x" for i in range(10)})
    ctx, sink = run_extractor(ArchiveExtractor, data, "many.zip", options={"max_entries": 3})
    assert len(sink.children) == 3 and findings(ctx, "bomb-suspected")
    ctx, sink = run_extractor(ArchiveExtractor, data, "deep.zip", options={"depth": 21})
    assert not sink.children and ctx.fields()["archive.depth"] == 21 and findings(ctx, "bomb-suspected")


def test_encrypted_entry_listed_not_expanded() -> None:
    data = bytearray(_zip({"secret.txt": b"hidden"}, zipfile.ZIP_STORED))
    # set the "encrypted" flag bit in the local and central headers (content stays readable bytes)
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        pos = data.find(sig)
        off = 6 if sig == b"PK\x03\x04" else 8
        data[pos + off] |= 1
    ctx, sink = run_extractor(ArchiveExtractor, bytes(data), "enc.zip")
    assert findings(ctx, "encrypted-entry") and not sink.children
    assert ctx.fields()["archive.encrypted_entries"] == ["secret.txt"]


def _tar(entries: dict[str, bytes], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, payload in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(payload))
    return buf.getvalue()


def test_tar_gz_and_traversal() -> None:
    data = _tar({"a.txt": b"alpha", "../up.txt": b"beta"}, "w:gz")
    ctx, sink = run_extractor(ArchiveExtractor, data, "a.tar.gz")
    assert set(sink.children) == {"a.txt", "../up.txt"}
    assert ctx.fields()["archive.format"] == "tar+gzip" and findings(ctx, "path-traversal")
    assert ctx.fields()["archive.entries"][0]["modified_utc"] == "2023-11-14T22:13:20+00:00"


def test_corrupt_tar_keeps_what_it_can() -> None:
    data = bytearray(_tar({"a.txt": b"alpha", "b.txt": b"beta"}))
    data[100:110] = b"\xff" * 10  # damage the first header
    ctx, sink = run_extractor(ArchiveExtractor, bytes(data), "c.tar", mime="application/x-tar")
    assert "b.txt" in sink.children and warnings_of(ctx)


def test_single_compressed_file_and_bomb() -> None:
    ctx, sink = run_extractor(ArchiveExtractor, gzip.compress(b"report text"), "report.txt.gz")
    assert sink.children["report.txt"]["size"] == len(b"report text")
    bomb = bz2.compress(b"\0" * (20 * 1024 * 1024))
    ctx, sink = run_extractor(ArchiveExtractor, bomb, "zeros.bz2")
    assert findings(ctx, "bomb-suspected") and not sink.children


def test_unsupported_containers_and_corrupt_zip() -> None:
    ctx, _ = run_extractor(ArchiveExtractor, b"7z\xbc\xaf\x27\x1c" + b"\0" * 100, "a.7z")
    (f,) = findings(ctx, "container-not-expanded")
    assert "7z" in f.message
    ctx, _ = run_extractor(ArchiveExtractor, b"PK\x03\x04garbage", "bad.zip", mime="application/zip")
    assert warnings_of(ctx)
