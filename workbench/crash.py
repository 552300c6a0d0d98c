"""Crash reports: where the code failed, never what the evidence said.

The report holds the exception type, the stack (file, line, function) and versions. It leaves out the
exception message and local values, which can carry text from evidence (a file name, a metadata value).
"""

from __future__ import annotations

import platform
import traceback
from datetime import datetime, timezone
from pathlib import Path

from . import __version__


def crash_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("evidence-workbench", appauthor=False)) / "crash-reports"


def render(exc: BaseException) -> str:
    lines = [f"Evidence Workbench {__version__} crash report",
             f"time (UTC): {datetime.now(timezone.utc).isoformat()}",
             f"python: {platform.python_version()} on {platform.system()} {platform.release()}",
             f"exception: {type(exc).__module__}.{type(exc).__qualname__}",
             "stack (most recent call last):"]
    for fs in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {Path(fs.filename).name}:{fs.lineno} in {fs.name}")
    return "\n".join(lines) + "\n"


def write_crash_report(exc: BaseException) -> Path:
    d = crash_dir()
    d.mkdir(parents=True, exist_ok=True)
    p = d / f"crash-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%fZ')}.txt"
    p.write_text(render(exc), "utf-8")
    return p
