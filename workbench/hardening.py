"""Process hardening while a case is open: no core dumps (they would hold decrypted evidence and keys)."""

from __future__ import annotations

import sys


def disable_core_dumps() -> list[str]:
    """Set RLIMIT_CORE to 0 and, on Linux, PR_SET_DUMPABLE to 0. Returns what was done, for the record."""
    done: list[str] = []
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("RLIMIT_CORE=0")
    except (ImportError, ValueError, OSError):  # Windows has no resource module
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_DUMPABLE = 4
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done.append("PR_SET_DUMPABLE=0")
        except (OSError, AttributeError):
            pass
    return done


def is_dumpable() -> bool | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    PR_GET_DUMPABLE = 3
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
