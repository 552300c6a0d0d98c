"""The tampering table's figure for the README: ``python -m bench.tamper_table`` (or ``python -m bench
tamper_table``) builds two real cases and bundles with the CLI, applies every tampering in
``tests/e2e/test_tampering.py`` to a fresh copy, runs ``workbench verify`` / ``verify-bundle`` and prints
each result and "N tamperings tried, N detected". The same table is asserted by that test module."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def run(quick: bool = False) -> tuple[int, int]:
    from tests.e2e.test_tampering import TABLE, make_world, try_one

    with tempfile.TemporaryDirectory(prefix="tamper-") as d:
        base = Path(d)
        world = make_world(base)
        detected = 0
        for t in TABLE:
            ok, said = try_one(t, world, base / "work")
            detected += ok
            print(f"  [{'detected' if ok else 'MISSED  '}] {t.target:<6} {t.name}" + ("" if ok else f"  ({said[:160]})"))
    print(f"{len(TABLE)} tamperings tried, {detected} detected")
    return len(TABLE), detected


if __name__ == "__main__":
    tried, found = run(quick="--quick" in sys.argv)
    sys.exit(0 if tried == found else 1)
