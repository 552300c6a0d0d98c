"""Bundle verification against bagit.py and sha256sum on the same bag, and the export of 10,000 items.

Targets: verify-bundle at most 0.5 x `bagit.py --validate` and at most 1.0 x `sha256sum -c manifest-sha256.txt`.

The three verifiers run in turn, three rounds, and each figure is the median of its rounds: other work on a
shared machine then disturbs all three alike instead of one. The project's modules are byte-compiled first
(`compileall`), as an installed application's are by pip: under PYTHONDONTWRITEBYTECODE=1 a checkout would
otherwise compile every module it imports on every run, which bagit, installed by pip, never pays.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import sys
from pathlib import Path

from .common import OUT, PASS, new_case, run_timed, workbench

ROOT = Path(__file__).resolve().parents[1]


def _payload(root: Path, files: int, big_mb: int) -> Path:
    src = root / f"payload-{files}-{big_mb}"
    done = root / f"payload-{files}-{big_mb}.complete"  # beside the folder, so it is not imported
    if done.exists() and not (src / ".complete").exists():
        return src
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for i in range(files):
        (src / f"doc_{i:05d}.bin").write_bytes(os.urandom(2048) + i.to_bytes(4, "big"))
    with open(src / "video.mp4", "wb") as f:
        block = os.urandom(1 << 20)
        for i in range(big_mb):
            f.write(block[:-4] + i.to_bytes(4, "big"))
    done.touch()
    return src


def run(*, quick: bool = False) -> dict[str, float]:
    root = OUT / "bundle"
    n = 1000 if quick else 10000
    big = 50 if quick else 500
    src = _payload(root, n, big)
    for pkg in ("workbench", "exporters"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1)
    env = {"WORKBENCH_PASSPHRASE": PASS}
    case = new_case(root)
    imp = run_timed(workbench("import", str(case), str(src), "--no-extract"), env=env)
    assert imp.returncode == 0, imp.stderr[-2000:]
    bag = root / "bag"
    shutil.rmtree(bag, ignore_errors=True)
    ex = run_timed(workbench("export", str(case), str(bag), "--all"), env=env)
    assert ex.returncode == 0, ex.stderr[-2000:]
    print(f"export of {n + 1} items ({big} MiB + {n} x 2 KiB) with the PDF report: {ex.seconds:.1f} s"
          f" (peak RSS {ex.peak_rss_mb:.0f} MB)")
    m = verify_rounds(bag)
    return {"vs_bagit": m["vb"] / m["bagit"], "vs_sha256sum": m["vb"] / m["sha"], "export_s": ex.seconds}


def verify_rounds(bag: Path, rounds: int = 3) -> dict[str, float]:
    """verify-bundle, bagit.py --validate and sha256sum -c in turn on one bag; the median of each."""
    for pkg in ("workbench", "exporters"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1)
    times: dict[str, list[float]] = {"vb": [], "bagit": [], "sha": []}
    for _ in range(rounds):
        vb = run_timed(workbench("verify-bundle", str(bag)))
        bagit = run_timed([sys.executable, "-m", "bagit", "--validate", str(bag)])
        sha = run_timed(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=bag)
        assert vb.returncode == 0 and bagit.returncode == 0 and sha.returncode == 0, (vb.stdout[-800:],
                                                                                       bagit.stderr[-800:])
        for k, t in (("vb", vb), ("bagit", bagit), ("sha", sha)):
            times[k].append(t.seconds)
    m = {k: statistics.median(v) for k, v in times.items()}
    print(f"verification of that bag (median of {rounds} rounds; rounds: verify-bundle "
          f"{', '.join(f'{t:.2f}' for t in times['vb'])} s)")
    print(f"  workbench verify-bundle          : {m['vb']:6.2f} s")
    print(f"  bagit.py --validate              : {m['bagit']:6.2f} s  ratio {m['vb'] / m['bagit']:.2f}"
          " (target <= 0.5)")
    print(f"  sha256sum -c manifest-sha256.txt : {m['sha']:6.2f} s  ratio {m['vb'] / m['sha']:.2f}"
          " (target <= 1.0)")
    return m


if __name__ == "__main__":  # python -m bench.bundle BAG [ROUNDS]: only the verification rounds, on a bag made before
    verify_rounds(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
