"""Bundle verification against bagit.py and sha256sum on the same bag, and the export of 10,000 items.

Targets: verify-bundle at most 0.5 x `bagit.py --validate` and at most 1.0 x `sha256sum -c manifest-sha256.txt`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from .common import OUT, PASS, new_case, run_timed, workbench


def _payload(root: Path, files: int, big_mb: int) -> Path:
    src = root / f"payload-{files}-{big_mb}"
    if (src / ".complete").exists():
        return src
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for i in range(files):
        (src / f"doc_{i:05d}.bin").write_bytes(os.urandom(2048) + i.to_bytes(4, "big"))
    with open(src / "video.mp4", "wb") as f:
        block = os.urandom(1 << 20)
        for i in range(big_mb):
            f.write(block[:-4] + i.to_bytes(4, "big"))
    (src / ".complete").touch()
    return src


def run(*, quick: bool = False) -> dict[str, float]:
    root = OUT / "bundle"
    n = 1000 if quick else 10000
    src = _payload(root, n, 50 if quick else 500)
    env = {"WORKBENCH_PASSPHRASE": PASS}
    case = new_case(root)
    imp = run_timed(workbench("import", str(case), str(src), "--no-extract"), env=env)
    assert imp.returncode == 0, imp.stderr[-2000:]
    bag = root / "bag"
    shutil.rmtree(bag, ignore_errors=True)
    shutil.rmtree(root / "bag.zip", ignore_errors=True)
    ex = run_timed(workbench("export", str(case), str(bag), "--all"), env=env)
    assert ex.returncode == 0, ex.stderr[-2000:]
    print(f"export of {n + 1} items with the PDF report: {ex.seconds:.1f} s (peak RSS {ex.peak_rss_mb:.0f} MB)")
    vb = run_timed(workbench("verify-bundle", str(bag)))
    bagit = run_timed([sys.executable, "-m", "bagit", "--validate", str(bag)])
    sha = run_timed(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=bag)
    assert vb.returncode == 0 and bagit.returncode == 0 and sha.returncode == 0, (vb.stdout[-800:], bagit.stderr[-800:])
    print(f"  workbench verify-bundle          : {vb.seconds:6.2f} s")
    print(f"  bagit.py --validate              : {bagit.seconds:6.2f} s  ratio {vb.seconds / bagit.seconds:.2f}"
          " (target <= 0.5)")
    print(f"  sha256sum -c manifest-sha256.txt : {sha.seconds:6.2f} s  ratio {vb.seconds / sha.seconds:.2f}"
          " (target <= 1.0)")
    return {"vs_bagit": vb.seconds / bagit.seconds, "vs_sha256sum": vb.seconds / sha.seconds,
            "export_s": ex.seconds}
