"""The agency block of a Decree 30 header: printed names, with the national motto cut away."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from domain.vocab import AGENCY_WORDS, ORGAN_WORDS
from patterns.places import PROVINCES_2008, PROVINCES_2025, match_province
from patterns.text import fold, squash

MOTTO_LINES: tuple[str, ...] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_MOTTO_KEYS = tuple(fold(line) for line in MOTTO_LINES)
# OCR of the motto column is often poor (`Péc 1ap - Tu do - Hanh phiic`).
_MOTTO_MIN_SCORE = 70.0
_PLACE_LEVELS = frozenset({"TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG"})
_WORDS_BY_KEY = {tuple(fold(word).split()): word for word in (*ORGAN_WORDS, *AGENCY_WORDS)}
_ORGAN_OPENINGS = tuple(f"{word} " for word in ORGAN_WORDS)
_LONGEST_WORD = max(len(key) for key in _WORDS_BY_KEY)
_NOT_LETTER = re.compile(r"[^a-z]")
_RULE = re.compile(r"^[\s\-_=~.*]*$")
# What an e-signature stamp prints in the page's corner and no agency name holds: an e-mail
# address, a signing time or its time zone (`12.09.2024 07:49:43 +07:00`), its labels. The stamp
# sits above the agency block, so the block starts after its last such line.
_STAMP_MARK = re.compile(r"@|\d{1,2}:\d{2}|[+-]\s?\d{2}:\d{2}|\bky\s+boi\b|thoi\s+gian\s+ky|\d{1,2}\.\d{1,2}\.\d{4}")


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


def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", fold(text))


@lru_cache(maxsize=1)
def _phrases_by_letters() -> dict[str, str]:
    """Agency words and province names keyed by their letters alone: `sonoivu` splits into them."""
    phrases = {_letters(word): word for word in (*ORGAN_WORDS, *AGENCY_WORDS)}
    phrases.update({_letters(name): name.upper() for name in (*PROVINCES_2008, *PROVINCES_2025)})
    return phrases


def _spaced_phrases(letters: str) -> str | None:
    """`letters` as a run of known phrases, fewest first (`ubndtinhbacgiang` -> "UBND TỈNH BẮC GIANG"),
    or None when some part of it is no known phrase. OCR often loses the spaces of the header block."""
    phrases = _phrases_by_letters()
    lengths = sorted({len(key) for key in phrases}, reverse=True)
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for start in range(len(letters)):
        if best[start] is None:
            continue
        for length in lengths:
            end = start + length
            phrase = phrases.get(letters[start:end]) if end <= len(letters) else None
            if phrase and (best[end] is None or len(best[end]) > len(best[start]) + 1):
                best[end] = [*best[start], phrase]
    return " ".join(best[-1]) if best[-1] else None


def restore_agency_line(line: str) -> str:
    """An agency line in uppercase with marks, known words and place names read through OCR damage.

    `UBND TiNH QUANG NGAI` -> "UBND TỈNH QUẢNG NGÃI", `SONOIVU :` -> "SỞ NỘI VỤ"; unknown words keep
    their printed letters.
    """
    spaced = _spaced_phrases(_letters(line))
    if spaced:
        return spaced
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


def _after_stamp(lines: list[str]) -> list[str]:
    """The lines under the last line an e-signature stamp printed (`lines` when none did)."""
    marked = [index for index, line in enumerate(lines) if _STAMP_MARK.search(fold(line))]
    return lines[marked[-1] + 1:] if marked else lines


def _in_capitals(line: str) -> bool:
    """Half the letters or more in capitals: a header prints agency names in capitals (OCR and
    restoration lower a few), while an e-signature stamp's `Cơ quan:` field writes its agency in
    sentence case (`Ủy ban nhân dân tỉnh`)."""
    letters = [char for char in line if char.isalpha()]
    return 2 * sum(char.isupper() for char in letters) >= len(letters)


def _opens_with_organ(name: str) -> bool:
    return f"{name} ".startswith(_ORGAN_OPENINGS)


def agency_lines(lines: list[str]) -> list[str]:
    """The agency names printed above the number line, motto, rules and e-signature stamp removed.

    A line that does not open with an organ word (`TỈNH QUẢNG NGÃI`, `THÔNG`) continues the name
    above it; above the first name that does, it is stamp or seal residue (`NÀ, TRUNG TÂM CÔNG`,
    `A BẢO VÀ TIN HỌC`), no agency.
    """
    printed: list[str] = []  # each name as printed, its lines joined, so that it is restored whole
    for raw in _after_stamp(lines):
        line = strip_motto(raw)
        if _RULE.match(line) or not _in_capitals(line):
            continue
        if printed and not _opens_with_organ(restore_agency_line(line)):
            printed[-1] = f"{printed[-1]} {line}"
        else:
            printed.append(line)
    names = [restore_agency_line(name) for name in printed]
    first_organ = next((index for index, name in enumerate(names) if _opens_with_organ(name)), 0)
    return names[first_organ:]
