"""Recognising WhatsApp's own notices (group events, security codes, encryption notices) by their words.

The strings are data (resources/chat_placeholders.json, see its "_about_system"); this module only compiles
them. ``{}`` in a string stands for a name or other text on one line. Every comparison is made on the text
with bidi marks removed, no-break spaces as plain spaces, and case folded.

Four strengths, from safest to weakest, each used where its risk is acceptable (``_linebuild.finish_kinds``
and ``_wa_body.classify_slow`` say where):

- ``is_template_notice``: the whole body is a notice with a name in it ("Your security code with {}
  changed. Tap to learn more."): as specific as a whole-body string, used on any message.
- ``looks_system``: the body contains a phrase of "system_contains" ("heeft je toegevoegd"). Used only where
  the message already looks like a notice (marked with U+200E, starting with its sender's own name, from a
  name that writes nothing else), and on the text before ": " of a header.
- ``looks_system_marked``: the same, or a phrase of "system_contains_marked" ("was added", "hat {}
  hinzugefügt"), which ordinary text could contain: used only on a body that starts with U+200E / U+200F,
  the mark iOS puts before the notices it writes (and never before what a person typed).
- ``is_system_sender``: the text before ": " is itself a notice word (Polish Android "Dodano: NAME").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from evidence.chats._common import placeholders, strip_marks

WILDCARD = "{}"
_NEVER = re.compile(r"(?!)")


def _norm(s: str) -> str:
    return strip_marks(s).casefold()


def _pattern(s: str) -> str:
    """A table string as a regular expression: literal parts, ``{}`` as any text on one line."""
    return r"[^\n]+?".join(re.escape(part) for part in _norm(s).split(WILDCARD))


def _alternation(strings: Iterable[str]) -> str:
    return "|".join(_pattern(s) for s in sorted(set(strings), key=len, reverse=True))


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    t = placeholders()
    contains = t.get("system_contains", [])
    marked = list(contains) + list(t.get("system_contains_marked", []))
    templates = t.get("system_templates", [])
    return (
        re.compile(_alternation(contains)) if contains else _NEVER,
        re.compile(_alternation(marked)) if marked else _NEVER,
        re.compile("(?:" + _alternation(templates) + ")") if templates else _NEVER,
        frozenset(_norm(s).strip() for s in t.get("system_senders", [])),
    )


def looks_system(text: str) -> bool:
    """The text contains a phrase of "system_contains"."""
    return _compiled()[0].search(_norm(text)) is not None


def looks_system_marked(text: str) -> bool:
    """The text contains a phrase of "system_contains" or "system_contains_marked" (only for a body that
    starts with U+200E / U+200F)."""
    return _compiled()[1].search(_norm(text)) is not None


def is_template_notice(text: str) -> bool:
    """The whole text (outer spaces aside) is one of "system_templates"."""
    return _compiled()[2].fullmatch(_norm(text).strip()) is not None


def is_system_sender(name: str) -> bool:
    """The text before ": " is a notice word of "system_senders"."""
    return _norm(name).strip() in _compiled()[3]


def template_endings() -> list[str]:
    """The literal text after the last ``{}`` of each template (what such a notice ends with)."""
    return [s.rsplit(WILDCARD, 1)[-1] for s in placeholders().get("system_templates", [])]
