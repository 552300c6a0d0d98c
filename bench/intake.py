"""Intake against hashdeep: the same 1 GiB corpus, both timed in this process tree.

hashdeep only reads and hashes (MD5 + SHA-256); the workbench hashes, encrypts, stores, reads back and
verifies. Target: ratio <= 1.0. Also: peak RSS while importing one large file (target <= 300 MB for 4 GiB).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .common import OUT, PASS, make_pdf, make_png, new_case, run_timed, workbench


def corpus(root: Path, *, big_mb: int = 600, pngs: int = 2000, pdfs: int = 50) -> Path:
    d = root / f"corpus-{big_mb}-{pngs}-{pdfs}"
    stamp = d / ".complete"
    if stamp.exists():
        return d
    if d.exists():
        shutil.rmtree(d)
    (d / "screens").mkdir(parents=True)
    (d / "docs").mkdir()
    with open(d / "video.bin", "wb") as f:
        block = os.urandom(1 << 20)
        for i in range(big_mb):
            f.write(block[:-8] + i.to_bytes(8, "little"))
    templates = [make_png(1170, 2532, s) for s in range(8)]
    for i in range(pngs):
        t = templates[i % len(templates)]
        (d / "screens" / f"Screenshot_2026{i:05d}.png").write_bytes(t[:-12] + i.to_bytes(4, "big") + t[-8:])
    for i in range(pdfs):
        (d / "docs" / f"contract_{i:03d}.pdf").write_bytes(make_pdf(20, i))
    stamp.touch()
    return d


def big_file(root: Path, gib: float) -> Path:
    p = root / f"big-{gib}g.bin"
    if p.exists():
        return p
    with open(p, "wb") as f:
        block = os.urandom(1 << 20)
        for i in range(int(gib * 1024)):
            f.write(block[:-8] + i.to_bytes(8, "little"))
    return p


def run(*, quick: bool = False) -> dict[str, float]:
    root = OUT / "intake"
    root.mkdir(parents=True, exist_ok=True)
    c = corpus(root, big_mb=60 if quick else 600, pngs=200 if quick else 2000, pdfs=5 if quick else 50)
    total = sum(p.stat().st_size for p in c.rglob("*") if p.is_file())
    # warm the page cache equally for both
    run_timed(["cat", *[str(p) for p in c.rglob("*") if p.is_file()][:1]])
    hd = run_timed(["hashdeep", "-c", "md5,sha256", "-r", str(c)])
    assert hd.returncode == 0, hd.stderr
    case = new_case(root)
    wb = run_timed(workbench("import", str(case), str(c), "--no-extract", "--json"), env={"WORKBENCH_PASSPHRASE": PASS})
    assert wb.returncode == 0, wb.stderr[-2000:]
    hd2 = run_timed(["hashdeep", "-c", "md5,sha256", "-r", str(c)])
    hd_time = min(hd.seconds, hd2.seconds)
    print(f"intake corpus: {total / 2**20:.0f} MiB in {len(list(c.rglob('*.*')))} files")
    print(f"  hashdeep -c md5,sha256 -r : {hd_time:7.2f} s")
    print(f"  workbench import          : {wb.seconds:7.2f} s  (peak RSS {wb.peak_rss_mb:.0f} MB)")
    ratio = wb.seconds / hd_time
    print(f"  ratio workbench/hashdeep  : {ratio:7.2f}   (target <= 1.0)")
    big = big_file(root, 0.5 if quick else 4.0)
    case2 = new_case(root / "big")
    wb2 = run_timed(workbench("import", str(case2), str(big), "--no-extract"), env={"WORKBENCH_PASSPHRASE": PASS})
    assert wb2.returncode == 0, wb2.stderr[-2000:]
    print(f"  one {big.stat().st_size / 2**30:.1f} GiB file: {wb2.seconds:.1f} s, peak RSS {wb2.peak_rss_mb:.0f} MB"
          " (target <= 300 MB)")
    shutil.rmtree(case2.parent, ignore_errors=True)
    return {"ratio": ratio, "rss_big_mb": wb2.peak_rss_mb}
