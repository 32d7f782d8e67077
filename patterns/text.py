"""Text helpers shared by the extractors: matching keys, Vietnamese numbers, sentences."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

# OCR leaves Markdown emphasis and heading marks in restored pages; they carry no content.
_MARKUP = re.compile(r"[*_#`]+")
# A list marker opening a line ends the sentence before it, even after a blank line.
_SENTENCE_END = re.compile(r"(?:^|\n)\s*[-+•]\s|[;!?]|\.(?=\s)|\n\s*\n")
# The most context kept either side of a match (see sentence_around): a long sentence of a report.
CONTEXT_CHARS = 300
_SPACE = re.compile(r"\s+")
# How English-model OCR prints the word `số` (number): `36`, `56` or `86`.
SO_AS_DIGITS = r"[358]6"


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    base = "d" if base == "đ" else base
    return base if len(base) == 1 else char


@lru_cache(maxsize=1)
def _fold_table() -> str:
    """Latin letters with and without marks (Basic Latin to Latin Extended Additional), as a string
    indexed by code point: `str.translate` reads it faster than a dict, and leaves characters past
    its end (punctuation, symbols) unchanged."""
    return "".join(_fold_char(chr(point)) for point in range(0x1F00))


def fold_short(text: str) -> str:
    """`fold` for short strings (a label, a cell), not memoised: they would push the page texts
    out of `fold`'s cache."""
    return text.translate(_fold_table())


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """A same-length matching key: lowercase, marks dropped, đ as d.

    OCR garbles diacritics (`Quyét dinh`, `S6`), so patterns match on this key and read their
    result back from the same offsets of the original text; outputs never come from the key.
    Memoised, because every extractor of a page folds the same page text.
    """
    return fold_short(text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Markup removed and every whitespace run turned into one space, trimmed."""
    return " ".join(_MARKUP.sub("", text).split())


def is_page_margin(line: str) -> bool:
    """A line with nothing of the page's content on it: blank, or the page number alone."""
    return not line.strip() or line.strip().isdigit()


def parse_number(text: str) -> float:
    """A number in Vietnamese notation: `.` groups thousands, `,` marks decimals.

    `55.653` -> 55653.0, `99,8` -> 99.8, `1.234,5` -> 1234.5; a colon OCR read for a thousands
    point groups thousands too (`17:850` -> 17850.0).
    """
    return float(text.replace(" ", "").replace(".", "").replace(":", "").replace(",", "."))


@lru_cache(maxsize=16)
def _sentence_breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of every sentence break; memoised, as each number of a page asks for them."""
    breaks = list(_SENTENCE_END.finditer(text))
    return tuple(match.start() for match in breaks), tuple(match.end() for match in breaks)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence (or list item, or `;` clause) holding `position` starts."""
    starts, ends = _sentence_breaks(text)
    index = bisect.bisect_right(ends, position) - 1
    return ends[index] if index >= 0 else 0


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list item, or clause ended by `;`) that holds text[start:end], squashed,
    cut to whole words at most CONTEXT_CHARS either side of it.

    A text without sentence ends (a legacy .txt of one citation a line) would otherwise give every
    match the whole page: time, memory and the tables' size quadratic in the page's length."""
    starts, _ = _sentence_breaks(text)
    index = bisect.bisect_left(starts, end)
    right = starts[index] + 1 if index < len(starts) else len(text)
    left = sentence_start(text, start)
    if left < start - CONTEXT_CHARS:
        # From one character before the cut, so a word the cut goes through is dropped, not halved.
        cut = _SPACE.search(text, start - CONTEXT_CHARS - 1, start)
        left = cut.end() if cut else start - CONTEXT_CHARS
    if right > end + CONTEXT_CHARS:
        cut = max(text.rfind(" ", end, end + CONTEXT_CHARS + 1), text.rfind("\n", end, end + CONTEXT_CHARS + 1))
        right = cut if cut >= 0 else end + CONTEXT_CHARS
    return squash(text[left:right])
