"""Normalisation for the word index, applied to both the indexed text and the query.

Arabic: vowel marks (harakat, U+064B–U+065F, U+0670, Quranic marks U+06D6–U+06ED) and tatweel (U+0640)
are removed; alef forms (أ إ آ ٱ) fold to ا; ى folds to ي; ة is kept (folding it to ه changes meaning too
often); Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits map to ASCII. Without this, SQLite's
unicode61 tokenizer treats the combining marks of مُحَمَّد as separators and a search for محمد misses it.
Other scripts: NFKC, then unicode61 with remove_diacritics 2 folds Latin accents.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress, count
from operator import not_

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TABLE = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    # bidi controls and joiners that split words
    "\u200e": None, "\u200f": None, "\u202a": None, "\u202b": None, "\u202c": None, "\u202d": None,
    "\u202e": None, "\u2066": None, "\u2067": None, "\u2068": None, "\u2069": None, "\u200c": None,
    "\u200d": None, "\ufeff": None,
})


# Every character that the marks pattern or the table changes: text without any needs no folding.
_FOLDED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640" + "".join(
    re.escape(chr(c)) for c in sorted(_TABLE)) + "]")


_FOLD_MAP = {chr(k): v or "" for k, v in _TABLE.items()}
_FOLD = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_MAP)) + "]")
_fold_one = (lambda m: _FOLD_MAP[m.group()])


def normalise(text: str) -> str:
    """NFKC, then Arabic marks removed and letters folded (module docstring).

    Fast paths with the same result: ASCII text is returned as it is (NFKC and the folds change no ASCII
    character); NFKC is skipped when the text already is NFKC (``is_normalized`` answers from a quick
    check for most text); the folds are skipped when no character they touch is present."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _FOLDED.search(text) is None:
        return text
    text = _MARKS.sub("", text)
    return _FOLD.sub(_fold_one, text)  # str.translate looks every character up in a dict: slower


def normalise_all(texts: list[str]) -> list[str]:
    """``normalise`` over a list, in place; only the non-ASCII items are visited in Python."""
    for i in compress(count(), map(not_, map(str.isascii, texts))):
        texts[i] = normalise(texts[i])
    return texts


_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(user_query: str) -> str:
    """A safe FTS5 MATCH expression from what the user typed.

    Words are quoted (so punctuation and FTS5 operators typed by the user are literal text) and ANDed;
    a trailing ``*`` on a word keeps prefix search. ``"a phrase"`` in double quotes stays a phrase.
    """
    q = normalise(user_query)
    parts: list[str] = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', q):
        if m.group(1):
            words = _TOKEN.findall(m.group(1))
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            tok = m.group(2)
            prefix = tok.endswith("*")
            for w in _TOKEN.findall(tok):
                parts.append(f'"{w}"' + ("*" if prefix else ""))
    return " AND ".join(parts)


def query_words(user_query: str) -> list[str]:
    return [w.casefold() for w in _TOKEN.findall(normalise(user_query))]


def snippet(text: str, words: list[str], width: int = 80) -> str:
    """A short window of the original text around the first matching word (matched on normalised text)."""
    if not text:
        return ""
    norm_chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = normalise(ch).casefold()
        for c in n:
            norm_chars.append(c)
            index.append(i)
    norm = "".join(norm_chars)
    pos = -1
    for w in words:
        pos = norm.find(w)
        if pos >= 0:
            break
    if pos < 0:
        start = 0
    else:
        start = max(0, index[pos] - width // 3)
    end = min(len(text), start + width)
    s = text[start:end].replace("\n", " ")
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")
