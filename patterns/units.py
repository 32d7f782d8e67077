"""Reading the unit that follows a number (`hd so` -> hồ sơ), including magnitudes (`58 nghìn`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from domain.vocab import MAGNITUDES, UNITS
from patterns.text import fold

_UNIT_KEYS = {fold(unit): unit for unit in UNITS}
_MAGNITUDE_KEYS = {fold(word): factor for word, factor in MAGNITUDES.items()}
_MAX_UNIT_WORDS = max(len(key.split()) for key in _UNIT_KEYS)
# Fuzzy candidates by word count and first letter: OCR slips inside a unit far more often than on
# its first letter, and most numbers are followed by no unit at all, so most lookups find no list.
def _by_shape(keys: list[str]) -> dict[tuple[int, str], list[str]]:
    shapes: dict[tuple[int, str], list[str]] = {}
    for key in keys:
        shapes.setdefault((len(key.split()), key[0]), []).append(key)
    return shapes


_KEYS_BY_SHAPE = _by_shape(list(_UNIT_KEYS))
# Punctuation ends a word, also when OCR lost the space after it (`34 TTHC.mới ban hành`), and so
# does the slash of a unit per period (`đồng/năm`).
_WORD_END = re.compile(r"[,.;:)\]/].*$")
_FOLLOWING_WORDS = re.compile(r"[ \t]*\n?[ \t]*(\S+)")
_PERCENT = re.compile(r"[ \t]?%")
# A unit per period (`162.056.800 đồng/năm`, `1.200 hồ sơ/tháng`).
_PER_PERIOD = re.compile(r"[ \t]?/[ \t]?(nam|thang|quy|tuan|ngay)(?![a-z])")
_PERIODS = {"nam": "năm", "thang": "tháng", "quy": "quý", "tuan": "tuần", "ngay": "ngày"}


@dataclass(frozen=True)
class UnitMatch:
    unit: str
    factor: float  # a magnitude word between number and unit scales the value
    start: int  # offset in the text of the first word after the number
    end: int  # offset in the text just after the unit


def _allowed_edits(key: str) -> int:
    """Short units must be exact (`hộ` vs `họ`, `đồng` vs `đăng`); longer ones absorb one or two OCR
    slips, but not the two that turn `giáo dục` into `giao dịch`."""
    return 0 if len(key) < 5 else 1 if len(key) < 10 else 2


def _unit_of(words: list[str]) -> tuple[str, int] | None:
    """The longest unit spelled by the first words (compared folded), and how many words it takes.

    A unit printed with a comma inside (`tin, bài`) must match exactly; read fuzzily, a unit does not
    run across punctuation.
    """
    if not words or not words[0][:1].isalpha():
        return None  # a unit does not start inside brackets or after punctuation
    bare = [_WORD_END.sub("", word) for word in words]
    reach = next((i + 1 for i, word in enumerate(words) if bare[i] != word), len(words))
    for size in range(min(_MAX_UNIT_WORDS, len(words)), 0, -1):
        printed = " ".join([*words[:size - 1], bare[size - 1]])
        if printed in _UNIT_KEYS:
            return _UNIT_KEYS[printed], size
        if size > reach:
            continue
        candidates = _KEYS_BY_SHAPE.get((size, printed[0]))
        if not candidates:
            continue
        nearest = process.extractOne(printed, candidates, scorer=Levenshtein.distance, score_cutoff=2)
        if nearest and nearest[1] <= _allowed_edits(nearest[0]):
            return _UNIT_KEYS[nearest[0]], size
    return None


def _following(key: str, position: int, count: int) -> list[re.Match[str]]:
    """Up to `count` words after `position`, stopping at a blank line."""
    words = []
    while len(words) < count:
        match = _FOLLOWING_WORDS.match(key, position)
        if not match:
            break
        words.append(match)
        position = match.end()
    return words


def unit_after(key: str, position: int) -> UnitMatch | None:
    """The unit printed right after a number ending at `position` of the folded text `key`, or None."""
    percent = _PERCENT.match(key, position)
    if percent:
        return UnitMatch("%", 1.0, percent.end() - 1, percent.end())
    words = _following(key, position, _MAX_UNIT_WORDS + 1)
    found = _unit_of([word[1] for word in words])
    if found:
        return _per_period(key, UnitMatch(found[0], 1.0, words[0].start(1), _word_end(words[found[1] - 1])))
    if words and words[0][1] in _MAGNITUDE_KEYS:
        found = _unit_of([word[1] for word in words[1:]])
        if found:
            magnitude = _MAGNITUDE_KEYS[words[0][1]]
            return _per_period(key, UnitMatch(found[0], magnitude, words[0].start(1), _word_end(words[found[1]])))
    return None


def _per_period(key: str, unit: UnitMatch) -> UnitMatch:
    """The unit with the period it is counted per, when `/năm`, `/tháng`… follows it."""
    period = _PER_PERIOD.match(key, unit.end)
    if not period:
        return unit
    return UnitMatch(f"{unit.unit}/{_PERIODS[period[1]]}", unit.factor, unit.start, period.end())


def _word_end(word: re.Match[str]) -> int:
    """Where a word ends before the punctuation after it (and what OCR glued on past that)."""
    return word.start(1) + len(_WORD_END.sub("", word[1]))
