"""The line engine's C accelerator (``_speedups.c``), where it was built.

``native`` is the compiled module, or None where it could not be built (no C compiler: the package then
installs without it, see setup.py) or where ``WORKBENCH_PURE_PYTHON=1`` is set. The engine then runs its
Python loops, which the C functions copy line for line; a differential test runs both over the same exports
and requires equal results. Callers read ``native`` at call time, so a test can switch it off.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def _load() -> ModuleType | None:
    if os.environ.get("WORKBENCH_PURE_PYTHON") == "1":
        return None
    try:
        return importlib.import_module("evidence.chats._speedups")
    except ImportError:  # not built here: the Python loops do the same work, more slowly
        return None


native: ModuleType | None = _load()
