"""Intake: hashing, exhibits, duplicates, resume, originals untouched, odd files, interrupted intakes."""

from __future__ import annotations

import hashlib
import os
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import write
from workbench.ingest import import_paths
from workbench.verify import verify_case


def test_hashes_match_independent_computation_and_json_shape(new_case, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    write(tmp_path / "ev" / "big.bin", data)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    item = res.to_json()["items"][0]
    assert {"exhibit", "sha256", "md5", "size", "mime", "duplicate"} <= set(item)
    assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["md5"] == hashlib.md5(data).hexdigest()
    assert item["size"] == len(data) and item["duplicate"] is None
    assert res.to_json()["warnings"] == [] and res.to_json()["failed"] == []


def test_optional_sha1_sha512(tmp_path):
    from workbench.case import Case, ExaminerIdentity

    with Case.create(tmp_path / "c", name="n", number="1", passphrase="x" * 12, examiner=ExaminerIdentity("A"),
                     hash_algorithms=("sha256", "md5", "sha1", "sha512")) as c:
        write(tmp_path / "ev" / "a", b"abc")
        it = import_paths(c, [tmp_path / "ev"], extract=False).items[0]
        assert it["sha1"] == hashlib.sha1(b"abc").hexdigest()
        assert it["sha512"] == hashlib.sha512(b"abc").hexdigest()
        assert verify_case(c).ok


def test_exhibits_duplicates_and_resume(new_case, tmp_path):
    write(tmp_path / "a" / "one.txt", "same content")
    write(tmp_path / "b" / "two.txt", "same content")
    write(tmp_path / "a" / "three.txt", "other")
    r1 = import_paths(new_case, [tmp_path / "a"], extract=False)
    assert [i["exhibit"] for i in r1.items] == ["EX-000001", "EX-000002"]  # walk order: one, three
    r2 = import_paths(new_case, [tmp_path / "b"], extract=False)
    assert r2.items[0]["exhibit"] == "EX-000003" and r2.items[0]["duplicate"] == "EX-000001"
    objects = new_case.repo.objects()
    assert len(objects) == 2  # shared vault object
    # re-running the same import continues it: nothing new
    r3 = import_paths(new_case, [tmp_path / "a"], extract=False)
    assert all(i.get("already_imported") for i in r3.items) and new_case.repo.item_count() == 3
    # the same path with changed content is a new exhibit
    write(tmp_path / "a" / "three.txt", "changed!")
    r4 = import_paths(new_case, [tmp_path / "a"], extract=False)
    new = [i for i in r4.items if not i.get("already_imported")]
    assert [i["exhibit"] for i in new] == ["EX-000004"]


def test_originals_untouched_and_times_recorded(new_case, tmp_path):
    p = write(tmp_path / "ev" / "photo.jpg", os.urandom(10000))
    os.utime(p, ns=(1_600_000_000_000_000_000, 1_500_000_000_123_456_789))
    before = (p.read_bytes(), os.stat(p).st_mtime_ns)
    st_before = os.stat(p)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    assert (p.read_bytes(), os.stat(p).st_mtime_ns) == before
    acq = new_case.repo.acquisitions(new_case.repo.items()[0]["id"])[0]
    assert acq["fs_times"]["modified"]["utc"] == "2017-07-14T02:40:00.123456Z"
    assert acq["fs_times"]["accessed"]["ns"] == st_before.st_atime_ns  # as found, before reading
    assert acq["examiner"] == "Ana Ruiz" and acq["tool"] == "Evidence Workbench"
    assert acq["libraries"]["pyrage"] and acq["acquired_utc"].endswith("Z")
    assert acq["source_path"] == str(p)


def test_symlinks_fifos_and_unreadable_files(new_case, tmp_path):
    ev = tmp_path / "ev"
    write(ev / "real.txt", "real")
    (ev / "link.txt").symlink_to(ev / "real.txt")
    os.mkfifo(ev / "pipe")
    paths = [ev]
    if sys.platform.startswith("linux"):
        paths.append(Path("/proc/self/mem"))  # a regular file whose read fails (EIO), even for root
    res = import_paths(new_case, paths, extract=False)
    assert [i["name"] for i in res.items] == ["real.txt"]
    kinds = {Path(w["path"]).name: w["warning"] for w in res.warnings}
    assert "not followed" in kinds["link.txt"] and "fifo" in kinds["pipe"]
    if sys.platform.startswith("linux"):
        assert res.failed and res.failed[0]["path"] == "/proc/self/mem" and "cannot read" in res.failed[0]["reason"]
    assert verify_case(new_case).ok


def test_non_utf8_name_keeps_raw_bytes(new_case, tmp_path):
    raw = b"contrat_\xe9t\xe9.txt"  # latin-1, not UTF-8
    d = tmp_path / "ev"
    d.mkdir()
    with open(os.path.join(os.fsencode(d), raw), "wb") as f:
        f.write(b"x")
    import_paths(new_case, [d], extract=False)
    it = new_case.repo.items()[0]
    assert bytes(it["name_raw"]) == raw and "\ufffd" in it["name"]


def test_object_names_are_hmac_not_plain_hash(new_case, tmp_path):
    data = b"known file"
    write(tmp_path / "ev" / "k", data)
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    names = new_case.vault.list_objects()
    plain = hashlib.sha256(data).hexdigest()
    assert names and plain not in names and all(plain not in p.name for p in new_case.dir.rglob("*"))


def test_interrupted_intake_is_rolled_back_at_next_open(new_case, tmp_path):
    from tests.conftest import PASS
    from workbench.case import Case

    write(tmp_path / "ev" / "a", "committed")
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    # simulate a crash mid-intake: an open intent, its temporary file, and an object renamed into place
    intent = str(uuid.uuid4())
    with new_case.repo.transaction():
        new_case.repo.open_intent(intent, "/somewhere/b", "2026-01-01T00:00:00.000000Z")
    import io

    digests, size, tmp = new_case.vault.encrypt_to_temp(io.BytesIO(b"half imported"), intent, ("sha256", "md5"))
    new_case.vault.commit_temp(tmp, new_case.vault.object_name(digests["sha256"]))
    intent2 = str(uuid.uuid4())
    with new_case.repo.transaction():
        new_case.repo.open_intent(intent2, "/somewhere/c", "2026-01-01T00:00:00.000000Z")
    new_case.vault.encrypt_to_temp(io.BytesIO(b"partial"), intent2, ("sha256",))
    new_case.close()
    with Case.open(new_case.dir, PASS) as c:
        assert c.repo.open_intents() == []
        assert len(c.vault.list_objects()) == 1 and c.vault.leftover_temps() == []
        last = c.repo.custody()[-1].event
        assert last["action"] == "intake-rolled-back" and last["details"]["intents"] == 2
        assert verify_case(c).ok  # cleanup is not an integrity failure


def test_cancel_keeps_committed_items(new_case, tmp_path):
    from workbench.jobs import CancelToken

    for i in range(30):
        write(tmp_path / "ev" / f"f{i:02d}.bin", os.urandom(200_000))
    cancel = CancelToken()

    def progress(p):
        if p.phase == "preserving" and p.done >= 5:
            cancel.cancel()

    res = import_paths(new_case, [tmp_path / "ev"], progress=progress, cancel=cancel, extract=False)
    assert res.cancelled
    n = new_case.repo.item_count()
    assert 5 <= n < 30 and len(res.items) == n
    assert new_case.repo.open_intents() == [] and new_case.vault.leftover_temps() == []
    assert verify_case(new_case).ok


def test_implausible_clock_is_a_finding(new_case, tmp_path, monkeypatch):
    from datetime import datetime, timezone

    from workbench import timeinfo

    monkeypatch.setattr(timeinfo, "RELEASE_DATE", datetime(2999, 1, 1, tzinfo=timezone.utc))
    write(tmp_path / "ev" / "a", "x")
    import_paths(new_case, [tmp_path / "ev"], extract=False)
    acq = new_case.repo.acquisitions(new_case.repo.items()[0]["id"])[0]
    assert acq["findings"][0]["kind"] == "implausible-clock"
    assert acq["tz_name"] is None or "/" in acq["tz_name"] or acq["tz_name"] == "UTC"
    assert acq["acquired_local"][-6] in "+-"  # local time carries its offset


def test_workers_started_ahead_of_preserving_are_stopped_when_the_import_fails(new_case, tmp_path, monkeypatch):
    """An import starts its extraction workers before preserving (they load meanwhile); when preserving then
    fails, the error reaches the caller and no worker process is left running."""
    import psutil

    import workbench.ingest as ingest_mod
    from workbench.errors import UserError

    started, pids = [], []
    real = ingest_mod._import

    def failing(*a, **k):
        started.extend(k["pools"] or [])
        pids.extend(p._proc.pid for p in started if p._proc is not None and p._proc.is_alive())
        raise UserError("the source went away")

    write(tmp_path / "ev" / "a.txt", b"hello")
    monkeypatch.setattr(ingest_mod, "_import", failing)
    with pytest.raises(UserError):
        import_paths(new_case, [tmp_path / "ev"])
    assert started and len(pids) == len(started), "no running worker was started ahead"
    assert all(p._proc is None for p in started)
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    assert not alive
    monkeypatch.setattr(ingest_mod, "_import", real)
    res = import_paths(new_case, [tmp_path / "ev"])
    assert [i["name"] for i in res.items] == ["a.txt"]
