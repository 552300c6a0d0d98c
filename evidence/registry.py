"""Registry of extractors and chat importers (plaso's ParsersManager).

Each extractor is a class with ``NAME`` (unique), ``VERSION`` and two methods::

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool   # cheap decision from the sniffed MIME type and name
    def extract(self, ctx: ExtractionContext) -> None  # reports through ctx; raises only UnsupportedFormat

``register`` rejects a duplicate NAME. ``tests/unit/test_registry.py`` imports every module under
``evidence/`` and checks each defines a registered extractor, so a forgotten registration fails a test.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar


class Extractor(Protocol):
    NAME: str
    VERSION: str

    @classmethod
    def accepts(cls, mime: str, name: str) -> bool: ...

    def extract(self, ctx: Any) -> None: ...


T = TypeVar("T")

_EXTRACTORS: dict[str, type] = {}
_CHAT_IMPORTERS: dict[str, type] = {}


class DuplicateRegistration(Exception):
    pass


def register(cls: T) -> T:
    """Class decorator: register an extractor under its NAME."""
    name = getattr(cls, "NAME", None)
    if not name or not getattr(cls, "VERSION", None):
        raise TypeError(f"{cls!r} needs NAME and VERSION")
    if name in _EXTRACTORS and _EXTRACTORS[name] is not cls:
        raise DuplicateRegistration(f"extractor {name!r} registered twice")
    _EXTRACTORS[name] = cls  # type: ignore[assignment]
    return cls


def register_chat(cls: T) -> T:
    """Class decorator: register a chat importer under its NAME."""
    name = getattr(cls, "NAME", None)
    if not name or not getattr(cls, "VERSION", None):
        raise TypeError(f"{cls!r} needs NAME and VERSION")
    if name in _CHAT_IMPORTERS and _CHAT_IMPORTERS[name] is not cls:
        raise DuplicateRegistration(f"chat importer {name!r} registered twice")
    _CHAT_IMPORTERS[name] = cls  # type: ignore[assignment]
    return cls


_LOADED = False


def load_all() -> None:
    """Import every extractor module so that each registers itself (once per process)."""
    global _LOADED
    if _LOADED:
        return
    import importlib
    import pkgutil

    import evidence
    import evidence.chats

    for pkg in (evidence, evidence.chats):
        for mod in pkgutil.iter_modules(pkg.__path__):
            if not mod.ispkg:
                importlib.import_module(f"{pkg.__name__}.{mod.name}")
    _LOADED = True


def extractors() -> dict[str, type]:
    load_all()
    return dict(_EXTRACTORS)


def chat_importers() -> dict[str, type]:
    load_all()
    return dict(_CHAT_IMPORTERS)
