"""House rule 1: the core never imports Qt. Every module of workbench/, evidence/ and exporters/ is
imported in a fresh interpreter, which must end without PySide6 (or shiboken6) loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("workbench", "evidence", "exporters")


def _modules() -> list[str]:
    out = []
    for pkg in PACKAGES:
        for p in sorted((REPO / pkg).rglob("*.py")):
            rel = p.relative_to(REPO).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out.append(".".join(parts))
    return out


def test_modules_are_found() -> None:
    mods = _modules()
    assert "workbench.case" in mods and "workbench.queries" in mods and "workbench.preview" in mods
    assert any(m.startswith("evidence.") for m in mods) and any(m.startswith("exporters.") for m in mods)


def test_core_imports_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"mods = {_modules()!r}\n"
        "failed = []\n"
        "for m in mods:\n"
        "    try:\n"
        "        importlib.import_module(m)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{m}: {type(exc).__name__}: {exc}')\n"
        "qt = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print('FAILED', failed)\n"
        "print('QT', qt)\n"
        "sys.exit(1 if failed or qt else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "QT []" in r.stdout
