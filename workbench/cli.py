"""The `workbench` command. Every command calls the same core functions the desktop application uses.

Exit codes (one table for every command): 0 ok; 1 verification found problems; 2 usage; 3 wrong
passphrase, or not a case; 4 some inputs could not be preserved; 5 the case is busy; 6 disk full or I/O
error; 70 internal error (a crash report is written, the case is left consistent); 130 cancelled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from . import TOOL_NAME, __version__, passphrase
from .cli_render import TerminalProgress, human_bytes, print_json, safe, table
from .errors import (EXIT_CANCELLED, EXIT_DISK, EXIT_INTERNAL, EXIT_NOT_PRESERVED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE,
                     Cancelled, UserError, WorkbenchError)
from .cli_common import _check_zone, _on_sigint, _open, _pp
from .jobs import CancelToken


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"workbench: {message}\n")
        raise SystemExit(EXIT_USAGE)


# -- case ----------------------------------------------------------------------------------------------
def cmd_case_create(a: argparse.Namespace) -> int:
    from .case import Case, ExaminerIdentity

    algos = ("sha256", "md5") + tuple(x for x in (a.hash or []) if x not in ("sha256", "md5"))
    pw = _pp(a, confirm=True, prompt="New passphrase (12 characters or more): ")
    with Case.create(Path(a.dir), name=a.name, number=a.number, passphrase=pw, organisation=a.organisation,
                     examiner=ExaminerIdentity(a.examiner, a.organisation, a.role), hash_algorithms=algos) as c:
        info = _info(c)
    if a.json:
        print_json(info)
    else:
        print(f"Created case {safe(info['name'])} ({safe(info['number'])}) in {a.dir}")
        print(f"Examiner {safe(a.examiner)}, signing key {info['examiners'][0]['key_id'][:16]}")
        print("Keep the passphrase safe: without it (or a recovery kit) the case cannot be opened.")
    return EXIT_OK


def _info(c: Any) -> dict[str, Any]:
    from .extraction import background_pending
    from .store import db, schema

    return {"case_id": c.case_id, "name": c.name, "number": c.number, "organisation": c.organisation,
            "created_utc": c.meta.get("created_utc"), "schema_version": schema.version(c.conn),
            "sqlcipher": db.cipher_version(c.conn), "hash_algorithms": list(c.hash_algorithms),
            "items": c.repo.item_count(), "custody_events": len(c.repo.custody()),
            "chain_head": (c.repo.custody_head() or (0, None))[1],
            "background_jobs_pending": background_pending(c),
            "examiners": [{"name": e["name"], "role": e["role"], "organisation": e["organisation"],
                           "key_id": e["key_id"], "creator": bool(e["is_creator"])} for e in c.repo.examiners()],
            "you": c.examiner["name"]}


def cmd_case_info(a: argparse.Namespace) -> int:
    with _open(a, readonly=True) as c:
        info = _info(c)
    if a.json:
        print_json(info)
    else:
        for k in ("name", "number", "organisation", "case_id", "created_utc", "items", "custody_events",
                  "chain_head", "schema_version", "sqlcipher", "hash_algorithms", "background_jobs_pending"):
            print(f"{k.replace('_', ' '):<24}{safe(info[k])}")
        print("examiners:")
        for e in info["examiners"]:
            print(f"  {safe(e['name'])} ({safe(e['role'] or '')}) key {e['key_id'][:16]}"
                  + (" [creator]" if e["creator"] else ""))
    return EXIT_OK


def cmd_case_passwd(a: argparse.Namespace) -> int:
    with _open(a) as c:
        new = passphrase.get("WORKBENCH_NEW_PASSPHRASE", file=a.new_passphrase_file, prompt="New passphrase: ",
                             confirm=True)
        c.change_passphrase(new)
        print(f"Passphrase changed for examiner {safe(c.examiner['name'])}.")
    return EXIT_OK


def cmd_case_recovery(a: argparse.Namespace) -> int:
    with _open(a) as c:
        rp = passphrase.get("WORKBENCH_RECOVERY_PASSPHRASE", file=a.recovery_passphrase_file,
                            prompt="Recovery passphrase: ", confirm=True)
        c.export_recovery_key(Path(a.out), rp)
    print(f"Recovery kit written to {a.out}. Decrypt it with: age -d {a.out}")
    print("Store it apart from the laptop: it opens the whole case.")
    return EXIT_OK


def cmd_case_backup(a: argparse.Namespace) -> int:
    with _open(a) as c:
        r = c.backup(Path(a.out))
    print(f"Backup written to {r['path']} ({r['objects']} vault objects). It opens with the same passphrases.")
    return EXIT_OK


def cmd_case_restore(a: argparse.Namespace) -> int:
    from .case import restore
    from .verify import verify_case

    with restore(Path(a.backup), Path(a.dir), _pp(a), examiner=a.examiner) as c:
        rep = verify_case(c)
    print(f"Restored into {a.dir}; verification: {'clean' if rep.ok else 'PROBLEMS'}")
    for p in rep.problems:
        print(f"  {safe(p)}")
    return EXIT_OK if rep.ok else EXIT_PROBLEMS


def cmd_examiner_add(a: argparse.Namespace) -> int:
    from .case import ExaminerIdentity

    with _open(a) as c:
        new_pw = passphrase.get("WORKBENCH_NEW_PASSPHRASE", file=a.new_passphrase_file,
                                prompt=f"Passphrase for {a.name}: ", confirm=True)
        r = c.add_examiner(ExaminerIdentity(a.name, a.organisation, a.role), new_pw)
    print(f"Added examiner {safe(r['name'])} with signing key {r['key_id'][:16]}")
    return EXIT_OK


# -- intake and reading ------------------------------------------------------------------------------
def cmd_import(a: argparse.Namespace) -> int:
    from .ingest import import_paths

    for p in a.paths:
        if not Path(p).exists() and not Path(p).is_symlink():
            raise UserError(f"{p} does not exist")
    if a.timezone:
        _check_zone(a.timezone)
    cancel = CancelToken()
    _on_sigint(cancel)
    bar = TerminalProgress()
    opts: dict[str, Any] = {}
    if a.timezone:
        opts["timezone"] = a.timezone
    with _open(a) as c:
        res = import_paths(c, [Path(p) for p in a.paths], source=a.source, method=a.method, progress=bar,
                           cancel=cancel, extract=not a.no_extract, options=opts)
        from .extraction import background_pending

        pending = background_pending(c)
    if a.json:
        print_json(res.to_json())
    else:
        new = [i for i in res.items if not i.get("already_imported")]
        dup = [i for i in new if i["duplicate"]]
        print(f"Imported {len(new)} item(s) ({len(dup)} duplicate content), "
              f"{len(res.items) - len(new)} already in the case, {len(res.warnings)} warning(s), "
              f"{len(res.failed)} failed.")
        for i in new[:50]:
            print(f"  {i['exhibit']}  {i['sha256'][:16]}  {human_bytes(i['size']):>10}  {safe(i.get('name'))}"
                  + (f"  (same content as {i['duplicate']})" if i["duplicate"] else ""))
        if len(new) > 50:
            print(f"  … and {len(new) - 50} more (workbench items DIR)")
        for w in res.warnings:
            print(f"  warning: {safe(w.get('path') or w.get('exhibit'))}: {safe(w.get('warning'))}")
        for f in res.failed:
            print(f"  FAILED: {safe(f['path'])}: {safe(f['reason'])}")
        if pending:
            print(f"{pending} item(s) wait for OCR; run: workbench ocr {a.dir}")
    if res.cancelled:
        print("Cancelled: the items listed above are committed; the rest were not imported.", file=sys.stderr)
        return EXIT_CANCELLED
    return EXIT_NOT_PRESERVED if res.failed else EXIT_OK


def cmd_items(a: argparse.Namespace) -> int:
    with _open(a, readonly=True) as c:
        items = c.repo.items()
        rows = []
        for it in items:
            rows.append({"exhibit": it["exhibit"], "name": it["name"], "mime": it["mime"], "size": it["size"],
                         "sha256": it["sha256"], "md5": it["md5"], "duplicate_of": it["duplicate_of"],
                         "parent": it["parent"], "status": it["status"], "tags": c.repo.tags(it["id"])})
    if a.json:
        print_json({"items": rows})
    else:
        print(table([[r["exhibit"], r["name"], r["mime"], human_bytes(r["size"]), r["sha256"][:16],
                      r["parent"] or "", r["duplicate_of"] or "", r["status"]] for r in rows],
                    ["exhibit", "name", "type", "size", "sha256", "parent", "duplicate of", "status"]))
    return EXIT_OK


def cmd_show(a: argparse.Namespace) -> int:
    from .operations import item_record

    with _open(a, readonly=True) as c:
        rec = item_record(c, a.exhibit)
        rec["custody"] = [e.to_json() for e in c.repo.custody(rec["exhibit"])]
    if a.json:
        print_json(rec)
        return EXIT_OK
    print(f"{rec['exhibit']}  {safe(rec['name'])}")
    for k in ("status", "mime", "mime_description", "size", "sha256", "md5", "sha1", "sha512", "duplicate_of",
              "parent", "path_in_parent", "sensitive", "notes", "created_utc"):
        if rec.get(k) not in (None, ""):
            print(f"  {k:<18}{safe(rec[k])}")
    if rec.get("tags"):
        print(f"  {'tags':<18}{safe(', '.join(rec['tags']))}")
    for acq in rec["acquisitions"]:
        print(f"  acquired {acq['acquired_utc']} by {safe(acq['examiner'])} on {safe(acq['host'])}"
              f" with {acq['tool']} {acq['tool_version']}")
        if acq["source_path"]:
            print(f"    from {safe(acq['source_path'])}")
        for k in ("source_text", "method", "fs_type", "tz_name"):
            if acq.get(k):
                print(f"    {k:<16}{safe(acq[k])}")
        for k, v in (acq["fs_times"] or {}).items():
            if isinstance(v, dict):
                print(f"    {k:<16}{v['utc']} (local {v['local']})")
            elif v:
                print(f"    {k:<16}{safe(v)}")
    if rec.get("retraction"):
        r = rec["retraction"]
        print(f"  RETRACTED {r['retracted_utc']} by {safe(r['retracted_by'])}: {safe(r['reason'])}")
    for f in rec.get("findings", []):
        print(f"  finding [{f['kind']}] {safe(f['message'])}" + (f" ({safe(f['location'])})" if f["location"] else ""))
    if rec.get("fields"):
        print("  metadata:")
        for f in rec["fields"]:
            print(f"    {safe(f['key']):<32}{safe(f['value'])[:200]}")
    for cv in rec.get("conversations", []):
        print(f"  conversation: {cv['app']} ({cv['importer']}) '{safe(cv['title'] or '')}' with "
              f"{safe(', '.join(cv['participants']))}: {cv['message_count']} messages, "
              f"{cv['first_time']} – {cv['last_time']}")
        for d in cv["decisions"]:
            print(f"    decision: {safe(d)}")
        for w in cv["warnings"][:20]:
            print(f"    parser warning: {safe(w)}")
    for w in rec.get("warnings", []):
        print(f"  warning ({safe(w['source'])}): {safe(w['message'])}")
    if rec.get("children"):
        print(f"  children: {', '.join(rec['children'][:30])}" + (" …" if len(rec["children"]) > 30 else ""))
    print("  custody:")
    for e in rec["custody"]:
        ev = e["event"]
        print(f"    #{ev['seq']} {ev['time']} {ev['action']} by {safe(ev['examiner'])}")
    return EXIT_OK


def cmd_extract(a: argparse.Namespace) -> int:
    from .operations import extract_original

    with _open(a) as c:
        r = extract_original(c, a.exhibit, Path(a.out))
    print(f"Wrote {r['path']} (sha256 {r['sha256']}, identical to the original)")
    return EXIT_OK


def cmd_retract(a: argparse.Namespace) -> int:
    from .operations import retract

    with _open(a) as c:
        r = retract(c, a.exhibit, a.reason)
    print(f"Retracted {r['exhibit']}; content destroyed: {'yes' if r['content_destroyed'] else 'no (shared with another exhibit)'}."
          " A tombstone keeps its hashes, who, when and why.")
    return EXIT_OK


def cmd_custody(a: argparse.Namespace) -> int:
    with _open(a, readonly=True) as c:
        evs = c.repo.custody(a.exhibit.upper() if a.exhibit else None)
    if a.json:
        print_json({"events": [e.to_json() for e in evs]})
    else:
        print(table([[e.event["seq"], e.event["time"], e.event["action"], e.event["exhibit"] or "",
                      e.event["examiner"], e.hash[:16]] for e in evs],
                    ["seq", "time (UTC)", "action", "exhibit", "examiner", "hash"]))
    return EXIT_OK


def cmd_verify(a: argparse.Namespace) -> int:
    from .verify import verify_case

    bar = TerminalProgress()
    with _open(a, readonly=a.read_only) as c:
        rep = verify_case(c, progress=bar)
    if a.json:
        print_json(rep.to_json())
    else:
        print(f"Checked {rep.items_checked} items, {rep.objects_checked} vault objects, "
              f"{rep.events_checked} custody events; {len(rep.retracted)} retracted.")
        if rep.ok:
            print(f"Verification clean. Chain head {rep.chain_head}")
        else:
            print(f"{len(rep.problems)} PROBLEM(S):")
            for p in rep.problems:
                print(f"  {safe(p)}")
    return EXIT_OK if rep.ok else EXIT_PROBLEMS


# -- the parser ----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="workbench", description=f"{TOOL_NAME} {__version__}: preserve, verify and export evidence.",
                epilog="Passphrases come from WORKBENCH_PASSPHRASE, --passphrase-file, or a prompt; never from "
                       "the command line.")
    p.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def cmd(name: str, func: Callable[[argparse.Namespace], int], help: str, *, parent: Any = sub,
            case: bool = True) -> argparse.ArgumentParser:
        sp = parent.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        if case:
            sp.add_argument("dir", metavar="DIR", help="the case folder")
            sp.add_argument("--passphrase-file", type=Path, metavar="F", help="read the passphrase from file F")
            sp.add_argument("--examiner", metavar="NAME", help="which examiner is working (default: the creator)")
        return sp

    case_p = sub.add_parser("case", help="create and manage cases")
    case_sub = case_p.add_subparsers(dest="case_command", metavar="ACTION", parser_class=_Parser)
    sp = case_sub.add_parser("create", help="create an encrypted case")
    sp.set_defaults(func=cmd_case_create)
    sp.add_argument("dir", metavar="DIR")
    sp.add_argument("--name", required=True)
    sp.add_argument("--number", required=True)
    sp.add_argument("--examiner", required=True, metavar="NAME")
    sp.add_argument("--organisation")
    sp.add_argument("--role")
    sp.add_argument("--hash", action="append", choices=["sha1", "sha512"], help="also record SHA-1 / SHA-512")
    sp.add_argument("--passphrase-file", type=Path, metavar="F")
    sp.add_argument("--json", action="store_true")
    sp = cmd("info", cmd_case_info, "show what the case is (no evidence)", parent=case_sub)
    sp.add_argument("--json", action="store_true")
    sp = cmd("passwd", cmd_case_passwd, "change your passphrase (WORKBENCH_NEW_PASSPHRASE or a prompt)",
             parent=case_sub)
    sp.add_argument("--new-passphrase-file", type=Path, metavar="F")
    sp = cmd("export-recovery-key", cmd_case_recovery, "write an age-encrypted recovery kit", parent=case_sub)
    sp.add_argument("out", metavar="OUT")
    sp.add_argument("--recovery-passphrase-file", type=Path, metavar="F")
    sp = cmd("backup", cmd_case_backup, "make a consistent encrypted copy of the case", parent=case_sub)
    sp.add_argument("out", metavar="OUT")
    sp = case_sub.add_parser("restore", help="restore a backup into a new case folder")
    sp.set_defaults(func=cmd_case_restore)
    sp.add_argument("backup", metavar="BACKUP")
    sp.add_argument("dir", metavar="DIR")
    sp.add_argument("--passphrase-file", type=Path, metavar="F")
    sp.add_argument("--examiner", metavar="NAME")

    ex_p = sub.add_parser("examiner", help="manage examiners")
    ex_sub = ex_p.add_subparsers(dest="examiner_command", metavar="ACTION", parser_class=_Parser)
    sp = cmd("add", cmd_examiner_add, "add an examiner with their own passphrase", parent=ex_sub)
    sp.add_argument("--name", required=True)
    sp.add_argument("--organisation")
    sp.add_argument("--role")
    sp.add_argument("--new-passphrase-file", type=Path, metavar="F",
                    help="the new examiner's passphrase (else WORKBENCH_NEW_PASSPHRASE or a prompt)")

    sp = cmd("import", cmd_import, "import files and folders (recursively)")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--source", metavar="TEXT", help="where the evidence came from, in words")
    sp.add_argument("--method", metavar="TEXT", help="how it was acquired")
    sp.add_argument("--timezone", metavar="ZONE", help="IANA zone of chat exports that carry none (WhatsApp)")
    sp.add_argument("--no-extract", action="store_true", help="preserve only; extract later with reextract")
    sp.add_argument("--json", action="store_true")
    sp = cmd("items", cmd_items, "list the exhibits")
    sp.add_argument("--json", action="store_true")
    sp = cmd("show", cmd_show, "every recorded fact and custody event of an exhibit")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("--json", action="store_true")
    sp = cmd("extract", cmd_extract, "write an original, byte-identical (logged)")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("out", metavar="OUT")
    sp = cmd("retract", cmd_retract, "destroy an exhibit's content, keeping a tombstone")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("--reason", required=True, metavar="TEXT")
    sp = cmd("custody", cmd_custody, "the custody log")
    sp.add_argument("--exhibit", metavar="EXHIBIT")
    sp.add_argument("--json", action="store_true")
    sp = cmd("verify", cmd_verify, "check the database, every vault object and the custody chain")
    sp.add_argument("--read-only", action="store_true", help="write nothing (not logged)")
    sp.add_argument("--json", action="store_true")
    from . import cli_derived

    cli_derived.add_commands(sub, cmd)
    try:
        from . import cli_export

        cli_export.add_commands(sub, cmd)
    except ImportError as exc:  # exporters not installed: say so when asked
        if "exporters" not in str(exc) and "cli_export" not in str(exc):
            raise
    return p


def main(argv: list[str] | None = None) -> int:
    passphrase.take_environment()
    parser = build_parser()
    try:
        a = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if not hasattr(a, "func"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(a.func(a))
    except UserError as e:
        sys.stderr.write(f"workbench: {safe(e.message)}\n")
        if e.hint:
            sys.stderr.write(f"{e.hint}\n")
        return e.exit_code
    except Cancelled:
        sys.stderr.write("workbench: cancelled\n")
        return EXIT_CANCELLED
    except KeyboardInterrupt:
        sys.stderr.write("workbench: stopped\n")
        return EXIT_CANCELLED
    except WorkbenchError as e:
        sys.stderr.write(f"workbench: {safe(e)}\n")
        return e.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:
        from .vault import is_disk_full

        if is_disk_full(e):
            sys.stderr.write("workbench: the disk is full; everything reported as done is safe. Free some space and "
                             "run the command again.\n")
        else:
            sys.stderr.write(f"workbench: input/output error: {safe(e.strerror or e)}\n")
        return EXIT_DISK
    except Exception as e:  # noqa: BLE001
        from .store.db import DatabaseError

        if isinstance(e, DatabaseError) and ("full" in str(e) or "disk I/O" in str(e)):
            sys.stderr.write("workbench: the disk holding the case is full or failing; everything reported as "
                             "done is safe. Free some space and run the command again.\n")
            return EXIT_DISK
        return _crash(e)


def _crash(e: BaseException) -> int:
    """A bug: write a crash report, never a traceback on the terminal."""
    from .crash import write_crash_report

    path = write_crash_report(e)
    sys.stderr.write(f"workbench: internal error ({type(e).__name__}). The case was left consistent.\n"
                     f"A crash report (no evidence content) was written to {path}\n")
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
