"""The case database: opening the SQLCipher files (``db``), the schema and its steps, the repository.

``db`` is imported first, and whether the SQLite library was loaded before it is noted: ``db`` configures
the library, which it may only do while no connection exists (``db._memory_statistics_off``)."""

import sys

SQLITE_LOADED_BEFORE = "sqlcipher3" in sys.modules

from . import db  # noqa: F401  (after the note above)
