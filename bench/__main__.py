"""`make bench` / `python -m bench [--quick] [intake extraction chats bundle ...]`."""

from __future__ import annotations

import argparse
import importlib

SUITES = ["intake", "extraction", "chats", "bundle", "report", "gui"]


def main() -> None:
    p = argparse.ArgumentParser(prog="bench")
    p.add_argument("suites", nargs="*", default=SUITES)
    p.add_argument("--quick", action="store_true", help="small corpora, for a smoke run")
    a = p.parse_args()
    for s in a.suites:
        try:
            mod = importlib.import_module(f"bench.{s}")
        except ModuleNotFoundError:
            print(f"[{s}] not written yet")
            continue
        print(f"== {s} ==")
        mod.run(quick=a.quick)


if __name__ == "__main__":
    main()
