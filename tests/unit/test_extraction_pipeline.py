"""The extraction pipeline: jobs in flight in one or two workers, originals read again from their read-only
sources (trusted only when they hash to the committed item), and jobs sent again after a worker dies."""

from __future__ import annotations

import os
import signal

from tests.conftest import write
from workbench.extract_pool import WorkerPool
from workbench.extraction import extract_items
from workbench.ingest import import_paths
from workbench.search import search


def _texts(tmp_path, n: int) -> list:
    return [write(tmp_path / "ev" / f"note{i:03d}.txt", f"note number {i} mentions word{i:03d}\n") for i in range(n)]


def _extractions(case, exhibit: str) -> list[dict]:
    item = case.repo.item(exhibit)
    return case.repo.query("SELECT extractor, status FROM extractions WHERE item_id = ?", (item["id"],))


def test_a_source_changed_after_commit_is_not_trusted(new_case, tmp_path):
    paths = _texts(tmp_path, 2)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    by_name = {i["name"]: i["exhibit"] for i in res.items}
    # same size, other content: only the SHA-256 tells them apart
    paths[0].write_bytes(paths[0].read_bytes().replace(b"word000", b"WORDXXX"))
    paths[1].write_bytes(b"shorter")
    sources = {by_name[p.name]: p for p in paths}
    w = extract_items(new_case, list(sources), options={}, sources=sources)
    assert not any("stopped" in x["warning"] or "failed" in x["warning"] for x in w)
    # what was extracted is the committed item (the vault copy), not the file as it is now
    assert [h["exhibit"] for h in search(new_case, "word000")] == [by_name["note000.txt"]]
    assert search(new_case, "WORDXXX") == [] and search(new_case, "shorter") == []
    assert [h["exhibit"] for h in search(new_case, "word001")] == [by_name["note001.txt"]]


def test_a_chat_export_changed_after_commit_streams_nothing_of_the_change(new_case, tmp_path):
    """A chat's messages leave the worker while it is still parsing; the source's hash is checked meanwhile.
    A source changed after its commit (same size) must not leave a single message: the conversation stored
    is the vault copy's, once."""
    from tests.unit.chats.wa_generate import generate_android
    from workbench import chats

    chat = write(tmp_path / "ev" / "WhatsApp Chat with Ann.txt",
                 generate_android(30_000) + b"01/01/2023, 10:00 - Ann: the salary was never paid\n")
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    exhibit = res.items[0]["exhibit"]
    chat.write_bytes(chat.read_bytes().replace(b"salary was never paid", b"SALARY WAS ALL PAID!"))
    w = extract_items(new_case, [exhibit], options={}, sources={exhibit: chat})
    assert not any("stopped" in x["warning"] or "failed" in x["warning"] for x in w)
    convs = chats.list_chats(new_case)
    assert [c["exhibit"] for c in convs] == [exhibit] and convs[0]["message_count"] == 30_001
    last = chats.messages(new_case, convs[0]["id"], first=30_001)
    assert [m["text"] for m in last] == ["the salary was never paid"]
    assert search(new_case, "SALARY WAS ALL PAID") == []


def test_a_source_read_again_gives_the_same_records_as_the_vault(new_case, tmp_path):
    _texts(tmp_path, 3)
    res = import_paths(new_case, [tmp_path / "ev"])  # extraction reads the sources
    for i, rec in enumerate(sorted(res.items, key=lambda r: r["name"])):
        assert [h["exhibit"] for h in search(new_case, f"word{i:03d}")] == [rec["exhibit"]]
        assert {e["status"] for e in _extractions(new_case, rec["exhibit"])} <= {"ok", "warnings"}
    actions = [e.event["action"] for e in new_case.repo.custody()]
    assert actions.count("metadata-extracted") == 3  # every item's extraction is logged


def test_two_workers_extract_every_item_once(new_case, tmp_path):
    _texts(tmp_path, 24)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    exhibits = [i["exhibit"] for i in res.items]
    w = extract_items(new_case, exhibits, options={"workers": 2})
    assert not any("stopped" in x["warning"] or "failed" in x["warning"] for x in w)
    for i, rec in enumerate(sorted(res.items, key=lambda r: r["name"])):
        assert [h["exhibit"] for h in search(new_case, f"word{i:03d}")] == [rec["exhibit"]]
    logged = [e.event["exhibit"] for e in new_case.repo.custody() if e.event["action"] == "metadata-extracted"]
    assert sorted(logged) == sorted(exhibits)


def test_jobs_sent_to_a_worker_that_died_are_sent_again(new_case, tmp_path):
    _texts(tmp_path, 5)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    exhibits = [i["exhibit"] for i in sorted(res.items, key=lambda r: r["name"])]
    pool = WorkerPool(depth=3)
    killed: list[int] = []

    def progress(p) -> None:
        if not killed and pool._proc is not None:  # started, nothing sent yet: the jobs go to a dead worker
            killed.append(pool._proc.pid)
            os.kill(pool._proc.pid, signal.SIGKILL)
            pool._proc.join(5)

    try:
        w = extract_items(new_case, exhibits, options={}, pool=pool, progress=progress)
    finally:
        pool.close()
    assert killed
    assert not any("crashed" in x["warning"] or "stopped" in x["warning"] for x in w)
    for i in range(5):  # each job was sent again, in order, to the new worker, and extracted once
        assert [h["exhibit"] for h in search(new_case, f"word{i:03d}")] == [exhibits[i]]
    logged = [e.event["exhibit"] for e in new_case.repo.custody() if e.event["action"] == "metadata-extracted"]
    assert logged == exhibits


def test_a_worker_killed_over_one_job_does_not_lose_the_jobs_behind_it(new_case, tmp_path):
    from workbench.extract_pool import Ticket

    _texts(tmp_path, 4)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    exhibits = [i["exhibit"] for i in sorted(res.items, key=lambda r: r["name"])]
    pool = WorkerPool(depth=4, time_limit=0.001)  # far below a worker's start: the first job is killed
    try:
        item = new_case.repo.item(exhibits[0])
        payload = {k: item[k] for k in ("exhibit", "name", "mime", "size", "path_in_parent", "sha256")}
        data = new_case.vault.read_bytes(item["object"])
        first = pool.submit(payload, ["textfile"], {}, data)
        later: list[Ticket] = [pool.submit(dict(payload, exhibit=f"EX-LATER{k}"), ["textfile"], {}, data)
                               for k in range(2)]
        assert pool.collect(new_case, first, None).killed
        pool.time_limit = 30.0
        for t in later:  # sent again to the new worker, in order
            out = pool.collect(new_case, t, None)
            assert out.killed is None and out.records and out.records[0][0] == "textfile"
        assert pool.in_flight == 0
    finally:
        pool.close()


def test_a_job_submitted_after_the_worker_died_waits_for_the_one_it_died_over(new_case, tmp_path):
    _texts(tmp_path, 2)
    res = import_paths(new_case, [tmp_path / "ev"], extract=False)
    pool = WorkerPool(depth=4)
    try:
        items = [new_case.repo.item(i["exhibit"]) for i in sorted(res.items, key=lambda r: r["name"])]
        payloads = [{k: it[k] for k in ("exhibit", "name", "mime", "size", "path_in_parent", "sha256")}
                    for it in items]
        first = pool.submit(payloads[0], ["textfile"], {}, new_case.vault.read_bytes(items[0]["object"]))
        proc = pool._proc
        proc.kill()  # dies over the first job (or just after answering it)
        proc.join(5)
        second = pool.submit(payloads[1], ["textfile"], {}, new_case.vault.read_bytes(items[1]["object"]))
        assert second.gen != first.gen  # not sent to the dead worker
        out1 = pool.collect(new_case, first, None)
        assert out1.killed and "crashed" in out1.killed or out1.records
        out2 = pool.collect(new_case, second, None)  # sent again, to a new worker, and answered for itself
        assert out2.killed is None
        texts = [r.text for _, _, _, recs in out2.records for r in recs if hasattr(r, "text")]
        assert any("word001" in t for t in texts) and not any("word000" in t for t in texts)
    finally:
        pool.close()
