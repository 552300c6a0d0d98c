"""What every CLI command module shares: passphrases, opening the case, zones, Ctrl-C as cancel."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from . import passphrase
from .errors import UserError
from .jobs import CancelToken


def _pp(a: argparse.Namespace, *, confirm: bool = False, prompt: str = "Passphrase: ") -> str:
    return passphrase.get("WORKBENCH_PASSPHRASE", file=getattr(a, "passphrase_file", None), prompt=prompt,
                          confirm=confirm)


def _open(a: argparse.Namespace, *, readonly: bool = False) -> Any:
    from .case import Case

    return Case.open(Path(a.dir), _pp(a), examiner=getattr(a, "examiner", None), readonly=readonly)


def _check_zone(zone: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"unknown time zone {zone!r}", hint="Use an IANA name such as Asia/Muscat or Europe/Berlin.") from None


def _on_sigint(cancel: CancelToken) -> None:
    def handler(signum: int, frame: Any) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        sys.stderr.write("\nCancelling… (press Ctrl-C again to stop at once)\n")

    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        pass
