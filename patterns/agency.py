"""The agency block of a Decree 30 header: printed names, with the national motto cut away."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from patterns.places import match_province
from patterns.text import fold, squash
from patterns.vocab import AGENCY_WORDS, ORGAN_WORDS

MOTTO_LINES: tuple[str, ...] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_MOTTO_KEYS = tuple(fold(line) for line in MOTTO_LINES)
# OCR of the motto column is often poor (`Péc 1ap - Tu do - Hanh phiic`).
_MOTTO_MIN_SCORE = 70.0
_PLACE_LEVELS = frozenset({"TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG"})
_WORDS_BY_KEY = {tuple(fold(word).split()): word for word in (*ORGAN_WORDS, *AGENCY_WORDS)}
_ORGAN_OPENINGS = tuple(f"{word} " for word in ORGAN_WORDS)
_LONGEST_WORD = max(len(key) for key in _WORDS_BY_KEY)
_RULE = re.compile(r"^[\s\-_=~.*]*$")


def _whole_words(line: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to word boundaries: alignments of garbled text stop inside words."""
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    while end < len(line) and not line[end].isspace():
        end += 1
    return start, end


def is_motto(line: str) -> bool:
    """True when the whole line is one of the motto lines, however garbled."""
    key = fold(squash(line))
    return any(fuzz.ratio(motto, key) >= _MOTTO_MIN_SCORE for motto in _MOTTO_KEYS)


def strip_motto(line: str) -> str:
    """The line with any part of the national motto (right column) removed."""
    for motto in _MOTTO_KEYS:
        key = fold(line)
        alignment = fuzz.partial_ratio_alignment(motto, key)
        if alignment is not None and alignment.score >= _MOTTO_MIN_SCORE:
            span = alignment.dest_end - alignment.dest_start
            if span >= len(motto) // 2:
                start, end = _whole_words(line, alignment.dest_start, alignment.dest_end)
                line = line[:start] + " " + line[end:]
    return squash(line)


def _place_name(tokens: list[str]) -> str | None:
    province = match_province(" ".join(tokens))
    return province.upper() if province else None


def restore_agency_line(line: str) -> str:
    """An agency line in uppercase with marks, known words and place names read through OCR damage.

    `UBND TiNH QUANG NGAI` -> "UBND TỈNH QUẢNG NGÃI"; unknown words keep their printed letters.
    """
    tokens = line.split()
    keys = fold(line).split()
    out: list[str] = []
    index = 0
    while index < len(tokens):
        for size in range(min(_LONGEST_WORD, len(tokens) - index), 0, -1):
            word = _WORDS_BY_KEY.get(tuple(keys[index:index + size]))
            if word:
                out.append(word)
                index += size
                break
        else:
            if out and out[-1] in _PLACE_LEVELS and (place := _place_name(tokens[index:])):
                out.append(place)
                break
            out.append(tokens[index].upper())
            index += 1
    return " ".join(out)


def agency_lines(lines: list[str]) -> list[str]:
    """The agency names printed above the number line, motto and rules removed.

    A line that does not open with an organ word (`TỈNH QUẢNG NGÃI`, `THÔNG`) continues the name above it.
    """
    names: list[str] = []
    for raw in lines:
        line = strip_motto(raw)
        if _RULE.match(line):
            continue
        restored = restore_agency_line(line)
        if names and not f"{restored} ".startswith(_ORGAN_OPENINGS):
            names[-1] = f"{names[-1]} {restored}"
        else:
            names.append(restored)
    return names
