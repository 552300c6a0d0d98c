"""The preserve layer on its own: small files in batches, and a large file verified by a second reader while
it is being written (the split used by the process pool), including its failure paths."""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time
import uuid

import pytest

from tests.conftest import write
from workbench.errors import UserError
from workbench.ingest import import_paths
from workbench.preserve import (
    FAILED,
    PENDING,
    SlotBoard,
    encrypt_stage,
    finish_split,
    preserve_batch,
    verify_stage,
)
from workbench.verify import verify_case


def _board() -> SlotBoard:
    return SlotBoard(bytearray(4))


def test_batch_preserves_every_file_and_reports_the_unreadable_one(new_case, tmp_path):
    datas = [os.urandom(n) for n in (0, 1, 5000, 300_000)] + [b"same"] * 2
    files = []
    for i, d in enumerate(datas):
        write(tmp_path / f"f{i}", d)
        files.append((tmp_path / f"f{i}", len(d), str(uuid.uuid4())))
    files.insert(2, (tmp_path / "missing", 10, str(uuid.uuid4())))
    out = preserve_batch(new_case.vault, files, ("sha256", "md5"))
    assert isinstance(out[2], FileNotFoundError)
    got = [r for i, r in enumerate(out) if i != 2]
    for d, r in zip(datas, got):
        assert r.digests == {"sha256": hashlib.sha256(d).hexdigest(), "md5": hashlib.md5(d).hexdigest()}
        assert r.size == len(d)
        assert new_case.vault.read_bytes(r.object_name) == d
    assert got[-2].new_object and not got[-1].new_object and got[-2].object_name == got[-1].object_name
    assert new_case.vault.leftover_temps() == []


def test_verifier_follows_a_file_while_it_is_written(new_case, tmp_path):
    data = os.urandom(3_000_000)
    src = write(tmp_path / "big", data)
    board, intent = _board(), str(uuid.uuid4())
    res: dict[str, object] = {}

    class Slow(io.RawIOBase):  # a slow source: the verifier catches up and must wait, not stop
        def __init__(self) -> None:
            self.f = open(src, "rb")

        def readable(self) -> bool:
            return True

        def readinto(self, b):  # noqa: ANN001
            time.sleep(0.01)
            return self.f.readinto(memoryview(b)[:200_000])

        def close(self) -> None:
            self.f.close()
            super().close()

    t = threading.Thread(target=lambda: res.update(v=verify_stage(new_case.vault, intent, board, 0)))
    t.start()
    time.sleep(0.05)  # the verifier starts before the object exists
    vault = new_case.vault
    with io.BufferedReader(Slow()) as slow:
        digests, size, tmp = vault.encrypt_to_temp(slow, intent, ("sha256", "md5"))
    assert t.is_alive()  # still waiting for the writer's word that the object is whole
    board.set(0, 1)
    t.join(10)
    assert res["v"] == (hashlib.sha256(data).hexdigest(), len(data))
    pres = finish_split(vault, intent, (digests, size, ("application/octet-stream", "data")), res["v"])
    assert vault.read_bytes(pres.object_name) == data and not tmp.exists()


def test_a_failed_writer_stops_the_verifier_and_a_mismatch_is_refused(new_case, tmp_path):
    board, intent = _board(), str(uuid.uuid4())
    errors: list[BaseException] = []

    def run() -> None:
        try:
            verify_stage(new_case.vault, intent, board, 1)
        except UserError as exc:
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    with pytest.raises(FileNotFoundError):
        encrypt_stage(new_case.vault, tmp_path / "absent", intent, ("sha256", "md5"), board, 1)
    assert board.get(1) == FAILED
    t.join(5)
    assert not t.is_alive() and errors and "withdrawn" in errors[0].message
    # a verifier that saw other bytes than the writer hashed: nothing is placed, the temporary file goes
    src = write(tmp_path / "x", b"content" * 1000)
    board.set(2, PENDING)
    intent2 = str(uuid.uuid4())
    written = encrypt_stage(new_case.vault, src, intent2, ("sha256", "md5"), board, 2)
    with pytest.raises(UserError, match="did not verify"):
        finish_split(new_case.vault, intent2, written, ("0" * 64, written[1]))
    assert new_case.vault.list_objects() == [] and new_case.vault.leftover_temps() == []


def test_process_pool_import_with_a_large_file_verifies(new_case, tmp_path, monkeypatch):
    from workbench import preserve_pool

    monkeypatch.setattr(preserve_pool, "PROCESS_POOL_MIN_BYTES", 1 << 20)
    monkeypatch.setattr(preserve_pool, "SPLIT_MIN_BYTES", 1 << 20)
    big = os.urandom(6 << 20)
    write(tmp_path / "ev" / "z_big.bin", big)
    small = {f"s{i:02d}.bin": os.urandom(1000 * i) for i in range(40)}
    for n, d in small.items():
        write(tmp_path / "ev" / n, d)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    assert not res.failed and len(res.items) == 41
    by_name = {i["name"]: i for i in res.items}
    assert by_name["z_big.bin"]["sha256"] == hashlib.sha256(big).hexdigest()
    assert by_name["z_big.bin"]["exhibit"] == "EX-000041"  # walk order, though it was started first
    for n, d in small.items():
        assert by_name[n]["md5"] == hashlib.md5(d).hexdigest()
    assert new_case.repo.open_intents() == [] and new_case.vault.leftover_temps() == []
    assert verify_case(new_case).ok
