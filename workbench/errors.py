"""One exception root (qutebrowser's KnownError against bugs).

- ``UserError``: caused by the environment or the input; shown to the user in words, with an exit code.
- ``WrongPassphrase``: wrong passphrase, or the folder is not a case (exit 3).
- ``CaseBusy``: another process holds the case's writer lock (exit 5).
- ``DiskFull``: no space left, or another I/O error while writing (exit 6).
- ``IntegrityError``: verification found problems; ``details`` lists every one (exit 1).
- ``Cancelled``: the user cancelled (exit 130).
- anything else is a bug: the CLI writes a crash report and exits 70.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_NOT_PRESERVED = 4
EXIT_BUSY = 5
EXIT_DISK = 6
EXIT_CANCELLED = 130
EXIT_INTERNAL = 70


class WorkbenchError(Exception):
    exit_code = EXIT_INTERNAL


class UserError(WorkbenchError):
    """A problem with the environment or the input, said in words."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message + (f"\n{self.hint}" if self.hint else "")


class UsageError(UserError):
    exit_code = EXIT_USAGE


class WrongPassphrase(UserError):
    exit_code = EXIT_WRONG_PASSPHRASE

    def __init__(self, case_dir: Any) -> None:
        super().__init__(f"wrong passphrase, or {case_dir} is not a case")


class NotACase(WrongPassphrase):
    pass


class CaseBusy(UserError):
    exit_code = EXIT_BUSY

    def __init__(self, case_dir: Any) -> None:
        super().__init__(
            f"the case is open elsewhere: {case_dir}",
            hint="Close the other workbench window or command that has it open, then try again.",
        )


class DiskFull(UserError):
    exit_code = EXIT_DISK

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="Free some space (or choose another destination) and run the command again; "
            "everything already reported as imported is safe.",
        )


class Cancelled(WorkbenchError):
    exit_code = EXIT_CANCELLED

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class IntegrityError(WorkbenchError):
    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, details: list[Any]) -> None:
        super().__init__(message)
        self.details = details


class Bug(WorkbenchError):
    """An unexpected internal error; the CLI and the UI turn it into a crash report."""

    exit_code = EXIT_INTERNAL
