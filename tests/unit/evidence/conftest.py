"""Helpers for the extractor tests: run one extractor over bytes the test made itself."""

from __future__ import annotations

import hashlib
import io
from typing import Any, BinaryIO

import pytest

from evidence.context import CollectingContext, Item, Provenance, library_versions


class HashingSink:
    """Child sink fixture: reads the child stream to the end, keeps its SHA-256 and returns a fake id."""

    def __init__(self) -> None:
        self.children: dict[str, dict[str, Any]] = {}

    def __call__(self, name: str, stream: BinaryIO, path_in_parent: str, location: str | None) -> tuple[str, None]:
        h = hashlib.sha256()
        size = 0
        while True:
            block = stream.read(1 << 20)
            if not block:
                break
            h.update(block)
            size += len(block)
        exhibit = f"EX-CHILD-{len(self.children) + 1}"
        self.children[path_in_parent] = {"name": name, "sha256": h.hexdigest(), "size": size, "exhibit": exhibit}
        return exhibit, None


def run_extractor(cls: type, data: bytes, name: str, mime: str | None = None,
                  options: dict[str, Any] | None = None) -> tuple[CollectingContext, HashingSink]:
    import magic

    mime = mime or magic.from_buffer(data[: 2 * 1024 * 1024], mime=True)
    sink = HashingSink()
    ctx = CollectingContext(Item("EX-TEST", name, mime, len(data), options=dict(options or {})),
                            lambda: io.BytesIO(data), Provenance(cls.NAME, cls.VERSION,
                                                                 library_versions(*cls.LIBRARIES)), sink)
    cls().extract(ctx)
    return ctx, sink


def findings(ctx: CollectingContext, kind: str) -> list[Any]:
    from evidence.context import FindingRecord

    return [r for r in ctx.of(FindingRecord) if r.kind == kind]


def warnings_of(ctx: CollectingContext) -> list[str]:
    from evidence.context import WarningRecord

    return [r.message for r in ctx.of(WarningRecord)]


@pytest.fixture
def run() -> Any:
    return run_extractor
