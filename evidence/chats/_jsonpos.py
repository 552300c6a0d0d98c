"""A JSON reader that remembers where every value stands in the file.

``loads_with_positions(text)`` returns ordinary values, except that objects are ``PDict`` and arrays
``PList``, which carry ``spans``: for each key / index, the (start, end) character positions of the value's
token in ``text`` (for a string: inside the quotes). Strings are decoded by the C ``scanstring`` of the
standard json module; the structure is walked iteratively (no recursion limit), so deep or hostile
nesting cannot crash the interpreter. Errors raise ``JSONPosError`` with the position.
"""

from __future__ import annotations

import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
MAX_DEPTH = 10000


class JSONPosError(ValueError):
    pass


class PDict(dict):  # type: ignore[type-arg]
    __slots__ = ("spans", "start", "end")

    def __init__(self) -> None:
        super().__init__()
        self.spans: dict[str, tuple[int, int]] = {}
        self.start = 0
        self.end = 0


class PList(list):  # type: ignore[type-arg]
    __slots__ = ("spans", "start", "end")

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[int, int]] = []
        self.start = 0
        self.end = 0


def loads_with_positions(text: str) -> Any:
    ws = _WS.match
    n = len(text)

    def scalar(i: int) -> tuple[Any, int, int, int]:
        """(value, token start, token end, next index) for a non-container value at i."""
        c = text[i] if i < n else ""
        if c == '"':
            try:
                s, end = scanstring(text, i + 1, True)
            except ValueError as exc:
                raise JSONPosError(f"bad string at character {i}: {exc}") from None
            return s, i + 1, end - 1, end
        if text.startswith("true", i):
            return True, i, i + 4, i + 4
        if text.startswith("false", i):
            return False, i, i + 5, i + 5
        if text.startswith("null", i):
            return None, i, i + 4, i + 4
        m = _NUMBER.match(text, i)
        if m and m.end() > i:
            tok = m.group()
            v: Any = float(tok) if any(ch in tok for ch in ".eE") else int(tok)
            return v, i, m.end(), m.end()
        raise JSONPosError(f"unexpected {c!r} at character {i}")

    i = ws(text, 0).end()
    stack: list[Any] = []  # containers being filled
    keys: list[str | None] = []
    root: Any = None
    have_root = False
    while True:
        if i >= n:
            raise JSONPosError("unexpected end of data")
        c = text[i]
        # read a value starting at i
        if c == "{" or c == "[":
            if len(stack) >= MAX_DEPTH:
                raise JSONPosError("nesting too deep")
            cont: Any = PDict() if c == "{" else PList()
            cont.start = i
            stack.append(cont)
            keys.append(None)
            i = ws(text, i + 1).end()
            if c == "{":
                if text.startswith("}", i):
                    value, vs, ve, i = _close(stack, keys, i)
                    cont = value
                else:
                    key, i = _key(text, i, ws)
                    keys[-1] = key
                    continue
            else:
                if text.startswith("]", i):
                    value, vs, ve, i = _close(stack, keys, i)
                else:
                    continue
        else:
            value, vs, ve, i = scalar(i)
        # place value into the parent, then close as many containers as possible
        while True:
            if not stack:
                root, have_root = value, True
                break
            parent = stack[-1]
            if isinstance(parent, PDict):
                k = keys[-1]
                parent[k] = value
                parent.spans[k] = (vs, ve)  # type: ignore[index]
            else:
                parent.append(value)
                parent.spans.append((vs, ve))
            i = ws(text, i).end()
            if i < n and text[i] == ",":
                i = ws(text, i + 1).end()
                if isinstance(parent, PDict):
                    key, i = _key(text, i, ws)
                    keys[-1] = key
                break
            closer = "}" if isinstance(parent, PDict) else "]"
            if i < n and text[i] == closer:
                value, vs, ve, i = _close(stack, keys, i)
                continue
            raise JSONPosError(f"expected ',' or {closer!r} at character {i}")
        if have_root:
            break
    if ws(text, i).end() != n:
        raise JSONPosError(f"extra data at character {i}")
    return root


def _close(stack: list[Any], keys: list[Any], i: int) -> tuple[Any, int, int, int]:
    cont = stack.pop()
    keys.pop()
    cont.end = i + 1
    return cont, cont.start, i + 1, i + 1


def _key(text: str, i: int, ws: Any) -> tuple[str, int]:
    if i >= len(text) or text[i] != '"':
        raise JSONPosError(f"expected a key at character {i}")
    try:
        key, end = scanstring(text, i + 1, True)
    except ValueError as exc:
        raise JSONPosError(f"bad key at character {i}: {exc}") from None
    j = ws(text, end).end()
    if j >= len(text) or text[j] != ":":
        raise JSONPosError(f"expected ':' at character {j}")
    return key, ws(text, j + 1).end()
