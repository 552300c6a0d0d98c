"""The PDF report for 2,000 exhibits (each with a thumbnail) and a chat of 50,000 messages.

Issue target: produced in under a minute. The peer is ``pdftoppm`` rendering the first page of the same
report (poppler, run in the same process tree): a fixed unit of PDF work on this machine, so the printed
ratio means the same on a slower or a faster one."""

from __future__ import annotations

import resource
import shutil
import subprocess
import time

from .common import OUT
from .report_data import report_data


def run(*, quick: bool = False) -> dict[str, float]:
    from exporters.report_pdf import write_report

    n, m = (200, 5_000) if quick else (2000, 50_000)
    data = report_data(n, m)
    t0, c0 = time.perf_counter(), time.process_time()
    pdf = write_report(data)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    root = OUT / "report"
    root.mkdir(parents=True, exist_ok=True)
    (root / "report.pdf").write_bytes(pdf)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report of {n:,} exhibits and {m:,} messages: {wall:.1f} s ({cpu:.1f} s CPU), {len(pdf) / 1e6:.1f} MB,"
          f" peak RSS of this process {peak:.0f} MB (target < 60 s)")
    out = {"report_s": wall}
    if shutil.which("pdftoppm"):
        t1 = time.perf_counter()
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "100", "-png", str(root / "report.pdf"),
                        str(root / "page")], check=True)
        peer = time.perf_counter() - t1
        print(f"  pdftoppm, first page of it: {peer:.2f} s  ratio {wall / peer:.0f}")
        out["ratio_pdftoppm_page1"] = wall / peer
    return out
