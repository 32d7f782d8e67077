"""A title's words as the document spells them elsewhere.

OCR misreads a word here and there (`thực biện`, `công tát`, `bồ sơ`); a report restates its title
in its opening and uses the title's phrases throughout, mostly read right. A title word whose pairs
with its neighbours occur nowhere else in the text, next to a near spelling whose pairs occur
several times, is that spelling misread.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from patterns.text import fold

_WORD_EDGES = re.compile(r"^(\W*)(.*?)(\W*)$")
_ROMAN = re.compile(r"^[ivxlc]+$")
# Uses of a spelling beside the title word's neighbours, outside the title, that make it the
# document's: one restatement against the title is a tie, and the title's spelling stands.
_MIN_SUPPORT = 2
# A spelling one edit away is a misread letter; two, only a word whose first letters OCR lost (`nh` for `lĩnh`).
_MAX_EDITS = 2
# The title of a decision, directive or submission opens with `Về việc` (Decree 30); OCR and
# restoration misread or lower its first word (`và việc`, `Vụ việc`, `về việc`).
_ABOUT = re.compile(r"^v\S{0,2}\s+viec\b")
ABOUT = "Về việc"


@dataclass(frozen=True)
class _Usage:
    """The words of a text in order, and where each occurs."""

    keys: tuple[str, ...]
    positions: dict[str, list[int]]


def _key(word: str) -> str:
    """A word as compared: lowercase, without the punctuation at its ends."""
    return _WORD_EDGES.match(word)[2].lower()


def _usage(keys: list[str]) -> _Usage:
    positions: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        positions[key].append(index)
    return _Usage(tuple(keys), dict(positions))


def _uses(spelling: str, before: str | None, after: str | None, usage: _Usage) -> int:
    """How often the spelling stands after the word before or before the word after."""
    keys = usage.keys
    return sum(
        1 for at in usage.positions.get(spelling, ())
        if (before and at and keys[at - 1] == before) or (after and at + 1 < len(keys) and keys[at + 1] == after)
    )


def _support(spelling: str, before: str | None, after: str | None, text: _Usage, title: _Usage) -> int:
    """How often the text uses the spelling between the title word's neighbours, outside the title."""
    return _uses(spelling, before, after, text) - _uses(spelling, before, after, title)


def _neighbours_of(before: str | None, after: str | None, text: _Usage) -> set[str]:
    """The words the text sets after `before` or before `after`: the only spellings with support."""
    keys = text.keys
    following = {keys[at + 1] for at in text.positions.get(before or "", ()) if at + 1 < len(keys)}
    return following | {keys[at - 1] for at in text.positions.get(after or "", ()) if at}


def _could_be(key: str, spelling: str, edits: int) -> bool:
    return edits <= 1 or (edits == _MAX_EDITS and spelling.endswith(key))


def _spelling(index: int, text: _Usage, title: _Usage) -> str | None:
    """The document's spelling of title word `index`, or None to keep the title's."""
    keys = title.keys
    key = keys[index]
    if len(key) < 2 or not key.isalpha() or _ROMAN.match(fold(key)):
        return None
    before = keys[index - 1] if index else None
    after = keys[index + 1] if index + 1 < len(keys) else None
    if _support(key, before, after, text, title) > 0:
        return None
    supported = [
        (_support(spelling, before, after, text, title), spelling)
        for spelling in _neighbours_of(before, after, text) - {key}
        if _could_be(key, spelling, Levenshtein.distance(key, spelling, score_cutoff=_MAX_EDITS))
    ]
    best = max(supported, default=(0, ""))
    return best[1] if best[0] >= _MIN_SUPPORT else None


def _respelled_word(word: str, spelling: str) -> str:
    """`spelling` in the printed word's place: its punctuation kept, in capitals or capitalised as it was."""
    opening, core, closing = _WORD_EDGES.match(word).groups()
    if len(core) > 1 and core.isupper():
        spelling = spelling.upper()
    elif core[:1].isupper():
        spelling = spelling.capitalize()
    return f"{opening}{spelling}{closing}"


def respelled_title(title: str, text: str) -> str:
    """The title with each word OCR misread in it spelled as the document's `text` (which
    holds the title) spells it elsewhere."""
    words = title.split()
    title_usage = _usage([_key(word) for word in words])
    text_usage = _usage([key for key in map(_key, text.split()) if key])
    spellings = [_spelling(index, text_usage, title_usage) for index in range(len(words))]
    return " ".join(
        _respelled_word(word, spelling) if spelling else word for word, spelling in zip(words, spellings)
    )


def with_about_opening(title: str) -> str:
    """The title with its opening `Về việc` as printed, however OCR read its first word."""
    match = _ABOUT.match(fold(title))
    return f"{ABOUT}{title[match.end():]}" if match else title
