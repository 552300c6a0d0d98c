"""Every extractor module registers itself; names are unique (plaso's import-completeness test)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import evidence
import evidence.chats
from evidence import registry


def _modules(pkg):
    for m in pkgutil.iter_modules(pkg.__path__):
        if not m.ispkg and not m.name.startswith("_") and m.name not in ("context", "registry", "errors", "model"):
            yield f"{pkg.__name__}.{m.name}"


@pytest.mark.parametrize("modname", list(_modules(evidence)) + list(_modules(evidence.chats)))
def test_every_module_registers_something(modname):
    mod = importlib.import_module(modname)
    regs = set(registry.extractors().values()) | set(registry.chat_importers().values())
    defined = [v for v in vars(mod).values() if isinstance(v, type) and v.__module__ == modname]
    assert any(v in regs for v in defined), f"{modname} defines no registered extractor or chat importer"


def test_duplicate_names_are_refused():
    @registry.register
    class A:
        NAME = "test-dup-extractor"
        VERSION = "1"

    with pytest.raises(registry.DuplicateRegistration):
        @registry.register
        class B:
            NAME = "test-dup-extractor"
            VERSION = "1"
    registry._EXTRACTORS.pop("test-dup-extractor")


def test_extractors_declare_name_version_and_accepts():
    for name, cls in registry.extractors().items():
        assert cls.NAME == name and cls.VERSION
        assert isinstance(cls.accepts("application/octet-stream", "x.bin"), bool)
