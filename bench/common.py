"""Shared helpers: generated corpora, timing a command with its peak RSS, a throwaway case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PASS = "benchmark passphrase 2026"
OUT = Path(__file__).resolve().parent / "out"


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_timed(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> Timed:
    """Run a command; wall time and the peak resident memory of it and its waited-for children (wait4)."""
    e = dict(os.environ, **(env or {}))
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, cwd=cwd)
    out, err = b"", b""
    import threading

    bufs: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:  # noqa: ANN001
        bufs[name] = stream.read()

    ts = [threading.Thread(target=drain, args=("o", p.stdout)), threading.Thread(target=drain, args=("e", p.stderr))]
    for t in ts:
        t.start()
    _, status, usage = os.wait4(p.pid, 0)
    el = time.perf_counter() - t0
    for t in ts:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    out, err = bufs.get("o", b""), bufs.get("e", b"")
    rss_kb = usage.ru_maxrss  # the largest of the process and its waited-for descendants (Linux: KiB)
    return Timed(el, rss_kb / 1024, p.returncode, out.decode(errors="replace"), err.decode(errors="replace"))


def workbench(*args: str) -> list[str]:
    return [sys.executable, "-m", "workbench.cli", *args]


def new_case(root: Path) -> Path:
    d = root / "case"
    if d.exists():
        shutil.rmtree(d)
    r = subprocess.run(workbench("case", "create", str(d), "--name", "bench", "--number", "B-1", "--examiner",
                                 "Bench"), env=dict(os.environ, WORKBENCH_PASSPHRASE=PASS), capture_output=True)
    assert r.returncode == 0, r.stderr
    return d


def make_png(width: int, height: int, seed: int) -> bytes:
    """A phone-screenshot-like PNG: flat bands and text-like noise, compressing like a real screenshot."""
    import io
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    im = Image.new("RGB", (width, height), (245, 245, 245))
    d = ImageDraw.Draw(im)
    y = 0
    while y < height:
        h = rnd.randint(40, 160)
        col = (rnd.randint(200, 255), rnd.randint(200, 255), rnd.randint(200, 255))
        d.rectangle([20, y + 5, width - 20, y + h - 5], fill=col)
        for _ in range(rnd.randint(3, 12)):
            x0 = rnd.randint(30, width - 200)
            d.text((x0, y + rnd.randint(8, max(9, h - 20))), f"message {rnd.randint(0, 10**9)}", fill=(20, 20, 20))
        y += h
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def make_pdf(pages: int, seed: int) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        p = doc.new_page()
        p.insert_text((72, 72), f"Employment contract {seed} page {i + 1}", fontsize=14)
        for line in range(40):
            p.insert_text((72, 100 + line * 16), f"Clause {line}: the worker shall receive {seed * 7 + line} USD.")
    data = doc.tobytes()
    doc.close()
    return data
