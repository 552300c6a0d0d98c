"""CLI commands of the exporters: export, verify-bundle, receipt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from .cli_render import TerminalProgress, print_json
from .errors import EXIT_OK, EXIT_PROBLEMS, UserError
from .jobs import CancelToken


def cmd_export(a: argparse.Namespace) -> int:
    from .cli_common import _on_sigint, _open
    from .export import export_case, parse_ranges

    cancel = CancelToken()
    _on_sigint(cancel)
    with _open(a) as c:
        r = export_case(c, Path(a.out), exhibits=a.exhibit, tag=a.tag, all_items=a.all, zip=a.zip,
                        redact_paths=a.redact_paths, message_ranges=parse_ranges(a.messages),
                        progress=TerminalProgress(), cancel=cancel)
    v = r.verification
    if a.json:
        print_json({"out": str(r.out), "exhibits": r.exhibit_ids, "tagmanifest_sha256": r.tagmanifest_sha256,
                    "manifest_sha256": r.manifest_sha256, "zip": str(r.zip_path) if r.zip_path else None,
                    "zip_sha256": r.zip_sha256, "signing_key_fingerprint": r.fingerprint, "verified": v.ok})
    else:
        print(f"Bundle written to {r.out}: {len(r.exhibit_ids)} exhibit(s), verified {'OK' if v.ok else 'FAILED'}.")
        print(f"  tag manifest SHA-256  {r.tagmanifest_sha256}")
        print(f"  signing key           {r.fingerprint}")
        if r.zip_path:
            print(f"  ZIP                   {r.zip_path}")
            print(f"  ZIP SHA-256           {r.zip_sha256}")
        print(f"  how to check it: {Path(r.out) / 'metadata' / 'VERIFY.txt'}")
    return EXIT_OK if v.ok else EXIT_PROBLEMS


def cmd_verify_bundle(a: argparse.Namespace) -> int:
    from exporters.verify_bundle import render_summary, to_json, verify_bundle

    p = Path(a.path)
    if not p.exists():
        raise UserError(f"{p} does not exist")
    rep = verify_bundle(p)
    if a.json:
        sys.stdout.write(to_json(rep) + "\n")
    else:
        print(render_summary(rep))
    return EXIT_OK if rep.ok else EXIT_PROBLEMS


def cmd_receipt(a: argparse.Namespace) -> int:
    from .cli_common import _open
    from .export import write_receipt

    out = Path(a.out)
    if out.exists():
        raise UserError(f"{out} already exists")
    with _open(a) as c:
        r = write_receipt(c, a.source, out)
    print(f"Receipt for {r['items']} item(s) written to {r['path']} (signed digest {r['digest'][:16]}…)")
    return EXIT_OK


def add_commands(sub: Any, cmd: Callable[..., argparse.ArgumentParser]) -> None:
    sp = cmd("export", cmd_export, "export a verified, signed BagIt bundle with its PDF report")
    sp.add_argument("out", metavar="OUT")
    g = sp.add_mutually_exclusive_group(required=True)
    g.add_argument("--exhibit", action="append", metavar="EX-…", help="an exhibit to export (repeatable)")
    g.add_argument("--tag", metavar="T", help="every exhibit with this tag")
    g.add_argument("--all", action="store_true", help="every exhibit")
    sp.add_argument("--zip", action="store_true", help="also write OUT.zip in a stable order")
    sp.add_argument("--redact-paths", action="store_true", help="keep only base names of source paths")
    sp.add_argument("--messages", action="append", metavar="EX:N-M",
                    help="limit a chat transcript in the report, e.g. EX-000003:120-180")
    sp.add_argument("--json", action="store_true")
    sp = sub.add_parser("verify-bundle", help="check a bundle (folder or zip); no case, no passphrase",
                        description="check a bundle (folder or zip); no case, no passphrase")
    sp.set_defaults(func=cmd_verify_bundle)
    sp.add_argument("path", metavar="PATH")
    sp.add_argument("--json", action="store_true")
    sp = cmd("receipt", cmd_receipt, "a signed intake receipt for the person who handed evidence over")
    sp.add_argument("--source", required=True, metavar="TEXT")
    sp.add_argument("out", metavar="OUT.pdf")
