"""`make demo`: a demonstration case from synthetic evidence (invented people only), exported and verified.

Usage: python -m resources.demo.build [--out DIR]   (default: ./demo-output)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

EVIDENCE = Path(__file__).resolve().parent / "evidence"
DEMO_PASSPHRASE = "demo passphrase - not for real cases"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="make demo")
    p.add_argument("--out", type=Path, default=Path("demo-output"))
    a = p.parse_args(argv)
    out = a.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    os.environ["WORKBENCH_PASSPHRASE"] = DEMO_PASSPHRASE
    from workbench.cli import main as wb

    case = out / "demo-case"
    steps = [
        ["case", "create", str(case), "--name", "Demo: Golden Sands recruitment", "--number", "DEMO-2026-001",
         "--examiner", "Demo Examiner", "--organisation", "Demo NGO", "--role", "investigator"],
        ["import", str(case), str(EVIDENCE), "--source", "synthetic demonstration evidence (invented people)",
         "--method", "file copy from resources/demo/evidence", "--timezone", "Asia/Muscat"],
        ["tag", str(case), "EX-000003", "contract"],
        ["chats", str(case)],
        ["search", str(case), "passport"],
        ["search", str(case), "جواز"],
        ["verify", str(case)],
        ["export", str(case), str(out / "bundle"), "--all", "--zip"],
        ["verify-bundle", str(out / "bundle")],
        ["receipt", str(case), "--source", "synthetic demonstration evidence (invented people)",
         str(out / "receipt.pdf")],
    ]
    for s in steps:
        print(f"\n$ workbench {' '.join(s[:1] + [x if ' ' not in x else repr(x) for x in s[1:]])}", flush=True)
        os.environ["WORKBENCH_PASSPHRASE"] = DEMO_PASSPHRASE
        rc = wb(s)
        if rc != 0:
            print(f"demo step failed with exit code {rc}", file=sys.stderr)
            return rc
    print(f"""
Demo ready in {out}
  case            {case}   (passphrase: "{DEMO_PASSPHRASE}")
  bundle          {out / 'bundle'}
  bundle (zip)    {out / 'bundle.zip'}
  PDF report      {out / 'bundle' / 'metadata' / 'report.pdf'}
  how to verify   {out / 'bundle' / 'metadata' / 'VERIFY.txt'}
  receipt         {out / 'receipt.pdf'}
Open the case in the application with: make run""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
