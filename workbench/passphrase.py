"""Where passphrases come from: an environment variable (read once, then removed), a file, or a prompt.

Never from the command line (it would show in process lists and shell history).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from .errors import UserError

ENV_VARS = ("WORKBENCH_PASSPHRASE", "WORKBENCH_NEW_PASSPHRASE", "WORKBENCH_RECOVERY_PASSPHRASE")
_taken: dict[str, str] = {}


def take_environment() -> None:
    """Read the passphrase variables once and remove them, so child processes do not inherit them."""
    for var in ENV_VARS:
        if var in os.environ:
            _taken[var] = os.environ.pop(var)


def get(var: str = "WORKBENCH_PASSPHRASE", *, file: Path | None = None, prompt: str = "Passphrase: ",
        confirm: bool = False) -> str:
    take_environment()
    if file is not None:
        try:
            text = Path(file).read_text("utf-8")
        except OSError as exc:
            raise UserError(f"cannot read the passphrase file {file}: {exc.strerror}") from None
        value = text.rstrip("\r\n")
        if not value:
            raise UserError(f"the passphrase file {file} is empty")
        return value
    if var in _taken:
        return _taken[var]
    if not sys.stdin.isatty():
        raise UserError(f"no passphrase: set {var}, use --passphrase-file, or run in a terminal to be asked")
    value = getpass.getpass(prompt)
    if confirm:
        again = getpass.getpass("Again, to confirm: ")
        if again != value:
            raise UserError("the two passphrases differ")
    return value
