"""Refresh workbench_ar.ts from the ui sources, fill it with the Arabic of workbench_ar.json and compile
workbench_ar.qm (developer tool; the .qm is committed, so running the application never needs it).

Run from the repository: ``python resources/translations/fill_ar.py`` (``--no-lupdate`` to only fill and
compile). Steps:

1. ``pyside6-lupdate`` over every ``ui/**.py`` (new source strings appear as unfinished).
2. lupdate names the context of ``w.tr(...)`` (a MainWindow passed to a helper) "w", of ``parent.tr(...)``
   "parent" and of ``errors.tr(...)`` (``QCoreApplication.translate("Errors", text)`` behind a helper) "";
   at run time those contexts are "MainWindow", "DetailPane" and "Errors", so the messages move there,
   merged with what is already there (a message lupdate marked "vanished" because it moved is dropped).
3. Every message whose source text is in workbench_ar.json gets that translation. Placeholders (``%1``,
   ``%s``, ``%d``), the ``&`` accelerator and technical tokens (SHA-256, Ctrl+…, case.json…) are checked
   against the source; a mismatch stops the tool.
4. ``pyside6-lrelease`` makes the .qm. The count of translated / total messages is printed.

workbench_ar.json maps an English source text to its Arabic (Modern Standard Arabic). Edit it (or the .ts
in Qt Linguist) to change a translation.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TS = HERE / "workbench_ar.ts"
QM = HERE / "workbench_ar.qm"
TEXTS = HERE / "workbench_ar.json"
CONTEXT_FIX = {"w": "MainWindow", "parent": "DetailPane", "": "Errors"}
_PLACEHOLDER = re.compile(r"%\d|%[sd]")
_TOKENS = re.compile(r"SHA-256|MD5|UTC|EXIF|GPS|BagIt|SQLCipher|Ctrl\+[\w+\-]+|case\.json|case\.db|Asia/Muscat|"
                     r"\*\.zip|<b>|</b>|<br>")


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def check(source: str, translation: str) -> list[str]:
    """Why ``translation`` cannot stand for ``source`` (empty when it can)."""
    problems = []
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
        problems.append("placeholders differ")
    if ("&" in source.replace("&&", "")) != ("&" in translation.replace("&&", "")):
        problems.append("accelerator (&) differs")
    if translation.replace("&&", "").count("&") > 1:
        problems.append("more than one accelerator")
    if sorted(_TOKENS.findall(source)) != sorted(_TOKENS.findall(translation)):
        problems.append("technical tokens differ")
    return problems


def fix_contexts(root: ET.Element) -> None:
    contexts = {c.findtext("name") or "": c for c in root.findall("context")}
    for wrong, right in CONTEXT_FIX.items():
        src = contexts.get(wrong)
        if src is None:
            continue
        dst = contexts.get(right)
        if dst is None:
            dst = ET.SubElement(root, "context")
            ET.SubElement(dst, "name").text = right
            contexts[right] = dst
        have = {m.findtext("source"): m for m in dst.findall("message")}
        for m in src.findall("message"):
            src.remove(m)
            old = have.get(m.findtext("source"))
            if old is not None:
                old_t = old.find("translation")
                if old_t is not None and old_t.get("type") not in ("vanished", "obsolete"):
                    continue  # already there and current
                dst.remove(old)
            dst.append(m)
            have[m.findtext("source")] = m
        root.remove(src)


def fill(root: ET.Element, texts: dict[str, str]) -> tuple[int, int, list[str]]:
    done = total = 0
    errors: list[str] = []
    for ctx in root.findall("context"):
        for m in list(ctx.findall("message")):
            t = m.find("translation")
            if t is None:
                continue
            if t.get("type") in ("vanished", "obsolete"):
                ctx.remove(m)  # a string the ui no longer has
                continue
            total += 1
            source = m.findtext("source") or ""
            if source in texts:
                bad = check(source, texts[source])
                if bad:
                    errors.append(f"{source!r}: {', '.join(bad)}")
                    continue
                t.text = texts[source]
                t.attrib.pop("type", None)
            if t.get("type") != "unfinished" and (t.text or "").strip():
                done += 1
    return done, total, errors


def main(argv: list[str]) -> int:
    if "--no-lupdate" not in argv:
        sources = sorted(str(p.relative_to(REPO)) for p in (REPO / "ui").rglob("*.py"))
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(TS), "-target-language", "ar"],
                       check=True, cwd=REPO, capture_output=True)
    tree = ET.parse(TS)
    root = tree.getroot()
    fix_contexts(root)
    texts = json.loads(TEXTS.read_text("utf-8"))
    done, total, errors = fill(root, texts)
    if errors:
        print("translations that do not fit their source:\n  " + "\n  ".join(errors))
        return 1
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, capture_output=True)
    print(f"{done}/{total} messages translated")
    for ctx in root.findall("context"):
        for m in ctx.findall("message"):
            t = m.find("translation")
            if t is not None and (t.get("type") == "unfinished" or not (t.text or "").strip()):
                print(f"  untranslated: [{ctx.findtext('name')}] {m.findtext('source')!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
