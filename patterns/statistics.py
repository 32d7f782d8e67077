"""Counted quantities in running text: `Tiếp nhận 55.653 hồ sơ`, `đạt 99,8%`, `23,6 tỷ đồng`."""

from __future__ import annotations

import re

from domain.records import Statistic
from domain.vocab import MEASURED_UNITS, VND_PER_UNIT
from patterns.text import SO_AS_DIGITS, fold, parse_number, sentence_around, sentence_start, squash
from patterns.units import UnitMatch, unit_after

# Vietnamese notation; not part of a date, a document number (`/`), a time (`14:30`) or a code
# (`s6`, `B6`, and `$6`, `¢6`: `số` misread). OCR may read a thousands point as a colon (`17:850`).
# The lookbehind sits after the first digit so that the regex engine can skip ahead to digits.
# In a percentage OCR prints some digits as the letters they look like (`75,B%`, `7B%`); read in
# folded text, where each letter is one character as in the page text.
_PERCENT_WITH_LETTERS = re.compile(r"(?<![\w.,])\d[\dbgols]*(?:,[\dbgols]+)?(?=\s?%)")
_LETTERS_AS_DIGITS = str.maketrans("bgols", "86015")
_NUMBER = re.compile(r"(\d(?<![\w.,:/$¢§]\d)(?:\d{0,2}(?:[.:]\d{3})+(?:,\d+)?|\d*(?:,\d+)?))(?!\w|[.,:/]\d)")
# `tổng số` with `số` misread as digits (`tổng 56 hồ sơ`): no count follows `tổng` directly.
_SO_MISREAD_AFTER_TOTAL = re.compile(r"(?:^|\s)tong\s+" + SO_AS_DIGITS + "$")
# A comma before three digits in a count of whole things is a misread thousands point (`69,609 hồ sơ`).
_THOUSANDS_AS_DECIMALS = re.compile(r"\d{1,3},\d{3}")
# A number after these words is a date part, an ordinal or an article, not a count.
_NOT_A_COUNT_AFTER = re.compile(r"(?:^|\s)(?:n\S{1,2}m|ngay|thang|quy|khoan|dieu|muc|diem|chuong|thu|tiet)\s*$")
# What was counted, as reports word it; the nearest one before the number is the label.
LABEL_PHRASES: tuple[str, ...] = (
    "tiếp nhận", "đã giải quyết", "đang giải quyết", "chưa giải quyết", "trước hạn và đúng hạn",
    "trước hạn", "đúng hạn", "trễ hạn", "quá hạn", "trực tuyến", "thanh toán", "số hóa", "đánh giá",
    "hài lòng", "bưu chính", "tại chỗ", "công bố", "mới ban hành", "sửa đổi, bổ sung", "bãi bỏ",
    "thay thế", "tái sử dụng", "cắt giảm", "đơn giản hóa", "kiểm tra", "tập huấn", "xử lý",
    "tuyên truyền", "giải ngân", "thu ngân sách", "chi ngân sách",
)
_LABELS = re.compile(
    r"(?<![a-z])("
    + "|".join(sorted((re.escape(fold(phrase)) for phrase in LABEL_PHRASES), key=len, reverse=True))
    + r")(?![a-z])"
)
_CLAUSE_BREAK = re.compile(r"(?:^|\n)\s*[-+•]\s|[,;:()]|\.(?=\s)|\n\s*\n")
# Words that qualify a number without saying what it counts (`hơn`, `khoảng`, `bình quân đạt`).
_FILLERS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (tuple(phrase.split()) for phrase in (
            "hon", "khoang", "tren", "gan", "dat", "voi", "tong so", "tong", "co", "la", "duoc", "chi",
            "den", "len", "toi", "it nhat", "toi thieu", "binh quan", "trong do", "va", "cua", "nhu",
            "ty le", "muc", "da", "so",
        )),
        key=len,
        reverse=True,
    )
)
# A small integer opening a line, the ordinal of a table row when its neighbours count on from it.
_LINE_OPENING_INTEGER = re.compile(r"^[ \t]*(\d{1,2})[ \t]", re.M)
_ORDINAL_REACH = 3  # line-opening integers this close in the list are compared
_MAX_LABEL_WORDS = 6
_PARAGRAPH_REACH = 600


def _filler_at(keys: list[str], from_end: bool) -> int:
    """How many words of a filler phrase sit at the end (or start) of `keys`; 0 when none does."""
    for filler in _FILLERS:
        edge = keys[-len(filler):] if from_end else keys[:len(filler)]
        if tuple(edge) == filler:
            return len(filler)
    return 0


def _trimmed(words: list[str], from_end: bool) -> list[str]:
    """Drop filler phrases from the side of the clause that touches the number."""
    keys = [fold(word) for word in words]
    while words and (size := _filler_at(keys, from_end)):
        words, keys = (words[:-size], keys[:-size]) if from_end else (words[size:], keys[size:])
    return words


def _clause_before(text: str, key: str, start: int) -> str:
    left = max(0, start - 300)
    for boundary in _CLAUSE_BREAK.finditer(key, left, start):
        left = boundary.end()
    return " ".join(_trimmed(text[left:start].split(), from_end=True)[-_MAX_LABEL_WORDS:])


def _clause_after(text: str, key: str, end: int) -> str:
    stop = _CLAUSE_BREAK.search(key, end)
    return " ".join(_trimmed(text[end:stop.start() if stop else len(text)].split(), from_end=False)[:_MAX_LABEL_WORDS])


def _last_phrase(text: str, key: str, left: int, start: int) -> str:
    phrases = list(_LABELS.finditer(key, left, start))
    return squash(text[phrases[-1].start():phrases[-1].end()]) if phrases else ""


def _label(text: str, key: str, start: int, end: int) -> str:
    """What the number counts, from nearest to loosest evidence: a known label phrase earlier in
    its sentence, the words of its clause (before, then after), a label phrase in its paragraph."""
    label = (
        _last_phrase(text, key, sentence_start(text, start), start)
        or squash(_clause_before(text, key, start))
        or squash(_clause_after(text, key, end))
        or _last_phrase(text, key, max(0, start - _PARAGRAPH_REACH), start)
    )
    return label.rstrip(" .")


def _alone_on_line(key: str, start: int, end: int) -> bool:
    """A number on a line of its own is a page number or a table cell, not a count in prose."""
    line_start = key.rfind("\n", 0, start) + 1
    line_end = key.find("\n", end)
    return not key[line_start:start].strip() and not key[end:line_end if line_end >= 0 else len(key)].strip()


def _row_ordinals(key: str) -> frozenset[int]:
    """Offsets of the row numbers of a table printed as text (`1 Hồ sơ đã giải quyết Hồ sơ 55.945`,
    `2 TTHC được công bố Thủ tục 30`): line-opening integers next to one less or one more."""
    openings = [(match.start(1), int(match[1])) for match in _LINE_OPENING_INTEGER.finditer(key)]
    ordinals = set()
    for index, (start, value) in enumerate(openings):
        near = openings[max(0, index - _ORDINAL_REACH):index + _ORDINAL_REACH + 1]
        if any(abs(other - value) == 1 for _, other in near):
            ordinals.add(start)
    return frozenset(ordinals)


def _opens_next_row(text: str, unit: UnitMatch) -> bool:
    """A capitalised word after a number opens the next table row or heading (`96,7` / `Giáo dục`,
    `1 Hồ sơ đã giải quyết`), so it is no unit; acronym units (`TTHC`) are all capitals."""
    word = text[unit.start:unit.end].split(maxsplit=1)[0]
    return word[:1].isupper() and not word.isupper()


def _count(printed: str, unit: str) -> float:
    """The number printed, in a unit of whole things (hồ sơ, người) never a fraction."""
    if unit not in MEASURED_UNITS and _THOUSANDS_AS_DECIMALS.fullmatch(printed):
        return parse_number(printed.replace(",", "."))
    return parse_number(printed)


def extract_statistics(text: str, page: int = 1, until: int | None = None) -> tuple[Statistic, ...]:
    """Every number followed by a known unit, with what it counts and the sentence it came from.

    Numbers from offset `until` on are not read: there `text` goes on into the next page only so
    that a number the page ends with finds its unit."""
    key = _PERCENT_WITH_LETTERS.sub(lambda match: match[0].translate(_LETTERS_AS_DIGITS), fold(text))
    ordinals = _row_ordinals(key)
    found: list[Statistic] = []
    for match in _NUMBER.finditer(key, 0, len(key) if until is None else until):
        if _NOT_A_COUNT_AFTER.search(key, max(0, match.start() - 12), match.start()):
            continue
        if _SO_MISREAD_AFTER_TOTAL.search(key, max(0, match.start() - 8), match.end()):
            continue
        if match.start() in ordinals or _alone_on_line(key, match.start(), match.end()):
            continue
        unit = unit_after(key, match.end())
        if unit is None or _opens_next_row(text, unit):
            continue
        value = _count(match[1], unit.unit) * unit.factor
        per_unit = VND_PER_UNIT.get(unit.unit)
        found.append(
            Statistic(
                page=page,
                label=_label(text, key, match.start(), unit.end),
                value=value,
                unit=unit.unit,
                value_vnd=value * per_unit if per_unit is not None else None,
                context=sentence_around(text, match.start(), unit.end),
                source="text",
            )
        )
    return tuple(found)
