#!/usr/bin/env python3
"""Standalone verifier of an Evidence Workbench bundle. Python 3.8+ standard library only.

Usage:  python3 metadata/verify.py [BUNDLE_FOLDER]      (default: the folder above this file)

Checks, and prints every problem found (exit code 0 = no problem, 1 = problems, 2 = cannot run):
  1. every payload manifest (manifest-<alg>.txt) both ways: changed, missing and unexpected files in data/;
  2. every tag manifest (tagmanifest-<alg>.txt): changed and missing tag files, and any file outside data/
     that no tag manifest lists (only the tag manifests and tagmanifest-sha256.txt.sig may be unlisted);
  3. the custody log (metadata/custody-log.jsonl): for full lines the event's hash is recomputed as
     SHA-256 of json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False) in UTF-8;
     for every line the seq order and the link (prev_hash = the previous line's hash, and for seq 1 the
     SHA-256 of "evidence-workbench custody genesis <case_id>").
It does not check Ed25519 signatures (the standard library has none): see metadata/VERIFY.txt.
"""

import hashlib
import json
import os
import sys

BLOCK = 1 << 20
ALGS = ("sha256", "sha512", "sha1", "md5")
UNLISTED_OK = ("tagmanifest-sha256.txt.sig",)


def decode_path(p):
    return p.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n").replace("%25", "%")


def read_manifest(path, problems, name):
    entries = {}
    with open(path, "r", encoding="utf-8") as f:
        for n, line in enumerate(f.read().split("\n"), 1):  # universal newlines: not splitlines()
            if not line.strip():
                continue
            parts = line.split(None, 1)
            if len(parts) != 2:
                problems.append("%s line %d: not '<checksum> <path>'" % (name, n))
                continue
            entries[decode_path(parts[1].lstrip("*"))] = parts[0].lower()
    return entries


def all_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        for f in filenames:
            out.append(f if rel == "." else (rel.replace(os.sep, "/") + "/" + f))
    return sorted(out)


def digest(path, algs):
    hs = [hashlib.new(a) for a in algs]
    with open(path, "rb") as f:
        while True:
            b = f.read(BLOCK)
            if not b:
                break
            for h in hs:
                h.update(b)
    return dict(zip(algs, (h.hexdigest() for h in hs)))


def check_manifests(root, files, problems):
    present = set(files)
    manifests, tags = {}, {}
    for a in ALGS:
        for prefix, target in (("manifest", manifests), ("tagmanifest", tags)):
            name = "%s-%s.txt" % (prefix, a)
            if name in present:
                target[a] = read_manifest(os.path.join(root, name), problems, name)
    if not manifests:
        problems.append("no payload manifest (manifest-<algorithm>.txt) found")
    if "sha256" not in tags:
        problems.append("tagmanifest-sha256.txt is missing")
    wanted = {}
    for group in (manifests, tags):
        for a, entries in group.items():
            for p in entries:
                if p in present:
                    wanted.setdefault(p, set()).add(a)
    digests = {}
    for p in sorted(wanted):
        try:
            digests[p] = digest(os.path.join(root, *p.split("/")), sorted(wanted[p]))
        except OSError as e:
            problems.append("%s: cannot be read (%s)" % (p, e))
    for group, prefix in ((manifests, "manifest"), (tags, "tagmanifest")):
        for a, entries in sorted(group.items()):
            for p, expected in sorted(entries.items()):
                if p not in present:
                    problems.append("MISSING %s (listed in %s-%s.txt)" % (p, prefix, a))
                elif p in digests and digests[p].get(a) != expected:
                    problems.append("CHANGED %s (%s differs from %s-%s.txt)" % (p, a, prefix, a))
    listed_tags = set()
    for entries in tags.values():
        listed_tags.update(entries)
    for p in files:
        if p.startswith("data/"):
            for a, entries in sorted(manifests.items()):
                if p not in entries:
                    problems.append("UNEXPECTED %s (not in manifest-%s.txt)" % (p, a))
        elif not (p.startswith("tagmanifest-") and p.endswith(".txt")) and p not in UNLISTED_OK:
            if p not in listed_tags:
                problems.append("UNEXPECTED %s (outside data/ and in no tag manifest)" % p)


def canonical(event):
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def check_custody(root, problems):
    path = os.path.join(root, "metadata", "custody-log.jsonl")
    if not os.path.isfile(path):
        problems.append("metadata/custody-log.jsonl is missing")
        return 0, None
    case_id = None
    try:
        with open(os.path.join(root, "metadata", "items.json"), "r", encoding="utf-8") as f:
            case_id = json.load(f).get("case", {}).get("case_id")
    except (OSError, ValueError, AttributeError):
        problems.append("metadata/items.json cannot be read: the first link is not checked")
    prev = hashlib.sha256(("evidence-workbench custody genesis %s" % case_id).encode()).hexdigest() if case_id else None
    expected, count, head = 1, 0, None
    with open(path, "r", encoding="utf-8") as f:
        for n, raw in enumerate(f.read().split("\n"), 1):  # U+2028 may stand in a JSON string
            if not raw.strip():
                continue
            count += 1
            try:
                line = json.loads(raw)
                if not isinstance(line, dict):
                    raise ValueError("not an object")
            except ValueError:
                problems.append("custody line %d: not valid JSON" % n)
                prev, expected = None, expected + 1
                continue
            if "event" in line:
                ev = line.get("event") or {}
                seq, link = ev.get("seq"), ev.get("prev_hash")
                if hashlib.sha256(canonical(ev)).hexdigest() != line.get("hash"):
                    problems.append("custody seq %s (line %d): content changed, its hash does not match" % (seq, n))
                if case_id and ev.get("case_id") != case_id:
                    problems.append("custody seq %s (line %d): belongs to another case" % (seq, n))
            else:
                seq, link = line.get("seq"), line.get("prev_hash")
            if seq != expected:
                problems.append("custody seq %s (line %d): out of order, expected seq %d" % (seq, n, expected))
            if prev is not None and link != prev:
                problems.append("custody seq %s (line %d): broken link, prev_hash is not the previous hash" % (seq, n))
            prev = line.get("hash")
            head = prev
            expected = (seq if isinstance(seq, int) else expected) + 1
    return count, head


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isfile(os.path.join(root, "bagit.txt")):
        print("%s is not a bundle folder (no bagit.txt)" % root)
        return 2
    problems = []
    files = all_files(root)
    check_manifests(root, files, problems)
    count, head = check_custody(root, problems)
    payload = [p for p in files if p.startswith("data/")]
    print("Bundle: %s" % os.path.abspath(root))
    print("Payload files: %d; custody events: %d; chain head: %s" % (len(payload), count, head))
    if problems:
        print("FAILED: %d problem(s):" % len(problems))
        for p in problems:
            print("  - " + p)
        return 1
    print("OK: every manifest, tag manifest and custody link checks out.")
    print("Signatures are not checked here: see metadata/VERIFY.txt, step 3.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
