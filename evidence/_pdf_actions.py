"""Active content in a PDF, found by reading every object (PyMuPDF ``xref_object`` / ``xref_get_key``).

Looks for JavaScript, Launch, GoToR/GoToE (other files), URI actions pointing at ``file:``, form
submission and import, and actions that print when the document or a page opens (``OpenAction``,
page ``/AA /O``) — "auto-print". Nothing is executed; the scripts are reported as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_OBJECTS = 500_000
SCRIPT_KEEP = 4000  # characters of each script kept in the finding details

_S = re.compile(r"/S\s*/(\w+)")
_REF = re.compile(r"(\d+)\s+0\s+R")


@dataclass
class ActiveContent:
    javascript: list[dict[str, Any]] = field(default_factory=list)
    launch: list[int] = field(default_factory=list)
    external: list[dict[str, Any]] = field(default_factory=list)
    submit: list[int] = field(default_factory=list)
    auto_print: list[dict[str, Any]] = field(default_factory=list)
    auto_run: list[int] = field(default_factory=list)  # actions run on open (any kind)
    embedded_file_streams: int = 0
    truncated: bool = False


def _js_text(doc: Any, xref: int) -> str:
    kind, val = doc.xref_get_key(xref, "JS")
    if kind == "string":
        return str(val)
    if kind == "xref":
        m = _REF.match(val)
        if m:
            try:
                data = doc.xref_stream(int(m.group(1))) or b""
                return data.decode("latin-1", "replace")
            except Exception:
                return ""
    return ""


def _open_triggers(doc: Any) -> set[int]:
    """Objects run when the document or a page opens: catalog /OpenAction and page /AA /O."""
    out: set[int] = set()
    try:
        cat = doc.pdf_catalog()
        kind, val = doc.xref_get_key(cat, "OpenAction")
        if kind == "xref":
            out.update(int(x) for x in _REF.findall(val))
        elif kind == "dict":
            out.add(-cat)  # inline dictionary in the catalog itself
        # document-level JavaScript (catalog /Names /JavaScript) runs when the document opens
        kind, val = doc.xref_get_key(cat, "Names/JavaScript")
        todo = [int(x) for x in _REF.findall(val)] if kind == "xref" else []
        if kind == "dict":
            todo = [int(x) for x in _REF.findall(val)]
        seen: set[int] = set()
        while todo and len(seen) < 10_000:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            out.add(x)
            obj = doc.xref_object(x, compressed=False)
            if "/Names" in obj or "/Kids" in obj:
                todo.extend(int(r) for r in _REF.findall(obj))
        for i in range(min(doc.page_count, 10_000)):
            kind, val = doc.xref_get_key(doc.page_xref(i), "AA/O")
            if kind == "xref":
                out.update(int(x) for x in _REF.findall(val))
    except Exception:
        pass
    return out


def scan(doc: Any) -> ActiveContent:
    found = ActiveContent()
    triggers = _open_triggers(doc)
    try:
        cat = doc.pdf_catalog()
        kind, val = doc.xref_get_key(cat, "OpenAction")
        if kind == "dict":
            _classify(doc, -cat, val, found, triggers)
    except Exception:
        pass
    n = doc.xref_length()
    if n > MAX_OBJECTS:
        found.truncated = True
        n = MAX_OBJECTS
    for xref in range(1, n):
        try:
            obj = doc.xref_object(xref, compressed=False)
        except Exception:
            continue
        if "/EmbeddedFile" in obj and "/Type" in obj and re.search(r"/Type\s*/EmbeddedFile\b", obj):
            found.embedded_file_streams += 1
        if "/S" not in obj and "/JS" not in obj:
            continue
        _classify(doc, xref, obj, found, triggers)
    return found


def _classify(doc: Any, xref: int, obj: str, found: ActiveContent, triggers: set[int]) -> None:
    m = _S.search(obj)
    action = m.group(1) if m else ("JavaScript" if "/JS" in obj else "")
    on_open = xref in triggers
    if on_open and action:
        found.auto_run.append(xref)
    if action == "JavaScript":
        script = _js_text(doc, xref) if xref > 0 else obj
        found.javascript.append({"object": xref, "script": script[:SCRIPT_KEEP], "on_open": on_open})
        if on_open and re.search(r"\bprint\s*\(", script):
            found.auto_print.append({"object": xref, "how": "JavaScript print() on open"})
    elif action == "Launch":
        found.launch.append(xref)
    elif action in ("GoToR", "GoToE"):
        found.external.append({"object": xref, "action": action, "target": _target(obj)})
    elif action == "URI":
        uri = re.search(r"/URI\s*\(([^)]*)\)", obj)
        if uri and uri.group(1).lower().startswith("file:"):
            found.external.append({"object": xref, "action": "URI", "target": uri.group(1)})
    elif action in ("SubmitForm", "ImportData"):
        found.submit.append(xref)
    elif action == "Named" and re.search(r"/N\s*/Print\b", obj) and on_open:
        found.auto_print.append({"object": xref, "how": "Named Print action on open"})


def _target(obj: str) -> str:
    m = re.search(r"/F\s*\(([^)]*)\)", obj) or re.search(r"/UF\s*\(([^)]*)\)", obj)
    return m.group(1) if m else ""


def report(ctx: Any, ac: ActiveContent) -> None:
    loc = "PDF objects"
    if ac.javascript:
        ctx.add_finding("active-content", f"The PDF contains {len(ac.javascript)} JavaScript action(s).",
                        location=loc, details={"type": "javascript", "actions": ac.javascript})
    if ac.launch:
        ctx.add_finding("active-content", "The PDF contains Launch action(s), which can start other programs.",
                        location=loc, details={"type": "launch", "objects": ac.launch})
    if ac.external:
        ctx.add_finding("active-content", "The PDF contains action(s) that open other files.",
                        location=loc, details={"type": "external-file", "actions": ac.external})
    if ac.submit:
        ctx.add_finding("active-content", "The PDF contains form submission or import action(s).",
                        location=loc, details={"type": "submit-form", "objects": ac.submit})
    if ac.auto_print:
        ctx.add_finding("active-content", "The PDF prints itself when opened.", location=loc,
                        details={"type": "auto-print", "actions": ac.auto_print})
    if ac.auto_run:
        ctx.add_field("pdf.open_actions", ac.auto_run, location="catalog /OpenAction and page /AA")
    if ac.truncated:
        ctx.warn(f"more than {MAX_OBJECTS} objects; only the first were scanned for active content", location=loc)
