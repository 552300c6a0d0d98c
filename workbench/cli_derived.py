"""CLI commands over derived data: search, chats, messages, re-extraction, OCR, tags and notes."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from . import passphrase
from .cli_common import _check_zone, _on_sigint, _open
from .cli_render import TerminalProgress, print_json, safe, table
from .errors import EXIT_OK
from .jobs import CancelToken


def cmd_search(a: argparse.Namespace) -> int:
    from .search import search

    with _open(a, readonly=True) as c:
        hits = search(c, a.query, limit=a.limit)
    if a.json:
        print_json({"query": a.query, "results": hits})
    else:
        print(table([[h["exhibit"], h["field"], h["location"] or "", h["snippet"]] for h in hits],
                    ["exhibit", "field", "location", "snippet"]))
    return EXIT_OK


def cmd_chats(a: argparse.Namespace) -> int:
    from .chats import list_chats

    with _open(a, readonly=True) as c:
        rows = list_chats(c)
    if a.json:
        print_json({"conversations": rows})
    else:
        print(table([[r["exhibit"], r["app"], ", ".join(r["participants"])[:50], r["message_count"],
                      r["first_time"] or "", r["last_time"] or ""] for r in rows],
                    ["exhibit", "app", "participants", "messages", "first", "last"]))
    return EXIT_OK


def cmd_messages(a: argparse.Namespace) -> int:
    from .chats import get_conversation, messages

    with _open(a, readonly=True) as c:
        conv = get_conversation(c, a.exhibit, a.conversation)
        msgs = messages(c, conv["id"], first=a.from_seq, last=a.to_seq)
    if a.json:
        out = {"conversation": {k: conv[k] for k in ("exhibit", "app", "importer", "title", "participants",
                                                      "message_count", "first_time", "last_time", "decisions",
                                                      "extra", "conversations_in_item")},
               "messages": [{"seq": m["seq"], "kind": m["kind"], "sender": m["sender"],
                             "time_as_written": m["time_as_written"], "time_utc": m["time_utc"],
                             "utc_reason": m["utc_reason"], "text": m["text"], "attachments": m["attachments"],
                             "offset": m["offset"], "length": m["length"]} for m in msgs],
               "warnings": conv["warnings"]}
        print_json(out)
    else:
        print(f"{conv['exhibit']} {conv['app']}: {safe(conv['title'] or '')} ({conv['message_count']} messages)")
        for m in msgs:
            att = " ".join(f"[{x['name']}{' → ' + x['exhibit'] if x['exhibit'] else ' (missing)'}]"
                           for x in m["attachments"])
            print(f"{m['seq']:>6}  {safe(m['time_as_written'] or ''):<22} {safe(m['time_utc'] or '-'):<21} "
                  f"{safe(m['sender'] or '(' + m['kind'] + ')')}: {safe(m['text'])} {safe(att)}")
    return EXIT_OK


def cmd_reextract(a: argparse.Namespace) -> int:
    from .extraction import extract_items

    with _open(a) as c:
        exhibits = [e.upper() for e in a.exhibits] or [i["exhibit"] for i in c.repo.items(include_retracted=False)]
        # Children already preserved are found again, not preserved twice; new ones (a password now given,
        # a newer extractor) are examined like those of an import.
        opts: dict[str, Any] = {}
        if a.password:
            opts["password"] = passphrase.get("WORKBENCH_DOCUMENT_PASSWORD", prompt="Document password: ")
        if a.timezone:
            _check_zone(a.timezone)
            opts["timezone"] = a.timezone
        w = extract_items(c, exhibits, options=opts, progress=TerminalProgress(), log_action="reextracted")
    print(f"Re-extracted {len(exhibits)} item(s); earlier results are kept with their extractor versions.")
    for x in w:
        print(f"  warning: {x['exhibit']}: {safe(x['warning'])}")
    return EXIT_OK


def cmd_ocr(a: argparse.Namespace) -> int:
    from .extraction import run_background

    cancel = CancelToken()
    _on_sigint(cancel)
    with _open(a) as c:
        r = run_background(c, progress=TerminalProgress(), cancel=cancel)
    print(f"OCR: {r['done']} done, {r['failed']} failed (of {r['pending_before']} pending).")
    return EXIT_OK


def cmd_tag(a: argparse.Namespace) -> int:
    from .operations import add_tag, remove_tag

    with _open(a) as c:
        changed = remove_tag(c, a.exhibit, a.tag) if a.remove else add_tag(c, a.exhibit, a.tag)
    print("done" if changed else "no change")
    return EXIT_OK


def cmd_note(a: argparse.Namespace) -> int:
    from .operations import set_notes

    with _open(a) as c:
        set_notes(c, a.exhibit, a.text)
    return EXIT_OK



def add_commands(sub: Any, cmd: Callable[..., argparse.ArgumentParser]) -> None:
    sp = cmd("search", cmd_search, "full-text search (English, Arabic and more)")
    sp.add_argument("query", metavar="QUERY")
    sp.add_argument("--limit", type=int, default=100)
    sp.add_argument("--json", action="store_true")
    sp = cmd("chats", cmd_chats, "list conversations")
    sp.add_argument("--json", action="store_true")
    sp = cmd("messages", cmd_messages, "print the messages of a chat export")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("--from", dest="from_seq", type=int, metavar="N")
    sp.add_argument("--to", dest="to_seq", type=int, metavar="M")
    sp.add_argument("--conversation", type=int, default=0, help="which conversation, for multi-chat exports")
    sp.add_argument("--json", action="store_true")
    sp = cmd("reextract", cmd_reextract, "run extractors again; earlier results are kept")
    sp.add_argument("exhibits", nargs="*", metavar="EXHIBIT")
    sp.add_argument("--password", action="store_true",
                    help="ask for a document password (or WORKBENCH_DOCUMENT_PASSWORD) for encrypted PDFs")
    sp.add_argument("--timezone", metavar="ZONE")
    cmd("ocr", cmd_ocr, "run pending OCR (resumable)")
    sp = cmd("tag", cmd_tag, "add (or --remove) a tag")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("tag", metavar="TAG")
    sp.add_argument("--remove", action="store_true")
    sp = cmd("note", cmd_note, "set an exhibit's notes")
    sp.add_argument("exhibit", metavar="EXHIBIT")
    sp.add_argument("text", metavar="TEXT")
