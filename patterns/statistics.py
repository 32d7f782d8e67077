"""Counted quantities in running text: `Tiếp nhận 55.653 hồ sơ`, `đạt 99,8%`, `23,6 tỷ đồng`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from domain.records import Statistic
from domain.vocab import MEASURED_UNITS, VND_PER_UNIT
from patterns.measures import (
    BREAKDOWN_OPENER,
    SHARE_BASE,
    SHARE_OF_COUNT,
    SHARE_RIGHT_AFTER_COUNT,
    counts_other_things,
    is_approximate,
    is_comparison,
    is_target,
    level_of,
    measure_of,
    measure_right_before,
    subject_of,
)
from patterns.text import SO_AS_DIGITS, fold, fold_short, parse_number, sentence_around, sentence_start, squash
from patterns.units import UnitMatch, unit_after

# Vietnamese notation; not part of a date, a document number (`/`), a time (`14:30`) or a code
# (`s6`, `B6`, and `$6`, `¢6`: `số` misread). OCR may read a thousands point as a colon (`17:850`).
# The lookbehind sits after the first digit so that the regex engine can skip ahead to digits.
# In a percentage OCR prints some digits as the letters they look like (`75,B%`, `7B%`); read in
# folded text, where each letter is one character as in the page text.
_PERCENT_WITH_LETTERS = re.compile(r"(?<![\w.,])\d[\dbgols]*(?:,[\dbgols]+)?(?=\s?%)")
_LETTERS_AS_DIGITS = str.maketrans("bgols", "86015")
# A number may be glued to the unit after it (`1.414hd so`): only one followed by a unit counts.
_NUMBER = re.compile(r"(\d(?<![\w.,:/$¢§]\d)(?:\d{0,2}(?:[.:]\d{3})+(?:,\d+)?|\d*(?:,\d+)?))(?![\d_]|[.,:/]\d)")
# `tổng số` with `số` misread as digits (`tổng 56 hồ sơ`): no count follows `tổng` directly.
_SO_MISREAD_AFTER_TOTAL = re.compile(r"(?:^|\s)tong\s+" + SO_AS_DIGITS + "$")
# A comma before three digits in a count of whole things is a misread thousands point (`69,609 hồ sơ`).
_THOUSANDS_AS_DECIMALS = re.compile(r"\d{1,3},\d{3}")
# What before a number makes it no count, in one pattern as it is asked of every number: a date
# part, an ordinal or an article (`năm`, `Điều`); a lone digit, as OCR split one number in two
# (`đạt 9 6` for 96); a telephone line (`đường dây nóng 1022`, `điện thoại: 3822`).
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:(?:^|\s)(?:n\S{1,2}m|ngay|thang|quy|khoan|dieu|muc|diem|chuong|thu|tiet|\d)"
    r"|dien thoai|day nong|hotline|tong dai|fax)[\s:.]*$"
)
_NOT_A_COUNT_REACH = 16
# The scope of a figure planned, not achieved (a plan's objective), as a table's `Kế hoạch` column.
PLANNED = "kế hoạch"
# The `eng` model prints `lệ` and `là` as `18` (`Tỷ lệ` -> `Ty 18`, restored as `Từ 18`; `đây là` ->
# `day 18`): after these words a `18` is that word, not a count.
_WORD_READ_AS_18 = re.compile(r"(?:^|\s)(?:ty|tu|day)\s+$")
# Likewise `lỗi` as `161` in `xin lỗi` (to apologise).
_WORD_READ_AS_161 = re.compile(r"(?:^|\s)xin\s+$")
# A sentence about one part of the reporting unit opens with `Đối với` and names it up to a comma.
_WITH = re.compile(r"\s*voi\s")
_SEGMENT = re.compile(r"\s*doi voi\s+([^,;:.\n]+)")
# A year printed where a count would be (counts of a thousand or more carry a thousands point).
_YEAR = re.compile(r"(?:19|20)\d\d")
# Characters a label never holds: OCR's reading of specks, quotes and stamps (`‘ - €6`).
_LABEL_JUNK = re.compile(r"[^\w\s,/%()-]|_")
_ANOTHER_QUANTITY = re.compile(r"\d|(?<![a-z])(?:voi|trong do|so voi)(?![a-z])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A total and its parts (`trong đó …`) are this close; text further apart is another sentence.
_BREAKDOWN_REACH = 400
# A sentence or paragraph ends a breakdown; `;` does not: reports list the parts of a total as
# `; `-separated items.
_SENTENCE_OR_PARAGRAPH_END = re.compile(r"\.(?=\s)|\n\s*\n\s*")
# What was counted, as reports word it; the nearest one before the number is the label.
LABEL_PHRASES: tuple[str, ...] = (
    "tiếp nhận", "đã giải quyết", "giải quyết", "đang giải quyết", "chưa giải quyết", "trước hạn và đúng hạn",
    "trước hạn", "đúng hạn", "trễ hạn", "quá hạn", "trực tuyến", "thanh toán", "số hóa", "đánh giá",
    "hài lòng", "bưu chính", "tại chỗ", "công bố", "mới ban hành", "sửa đổi, bổ sung", "bãi bỏ",
    "thay thế", "tái sử dụng", "cắt giảm", "đơn giản hóa", "kiểm tra", "tập huấn", "xử lý",
    "tuyên truyền", "giải ngân", "thu ngân sách", "chi ngân sách", "ban hành",
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
_COMPARISON_REACH = 24  # characters after a share in which `so với` makes it a comparison
_CLAUSE_REACH = 160  # characters before a number in which its clause's words are looked for
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
    keys = [fold_short(word) for word in words]
    while words and (size := _filler_at(keys, from_end)):
        words, keys = (words[:-size], keys[:-size]) if from_end else (words[size:], keys[size:])
    return words


def _clause_start(key: str, start: int, floor: int) -> int:
    """Where the clause holding the number at `start` begins: after the last clause break, and
    never before `floor` (the end of the statistic before it, whose words are not this one's) nor
    further back than a label's words reach."""
    left = max(floor, start - _CLAUSE_REACH)
    for boundary in _CLAUSE_BREAK.finditer(key, left, start):
        left = boundary.end()
    return left


def _clause_end(key: str, end: int) -> int:
    """Where the words after a unit stop governing its number: a clause break, or a word that
    brings in another quantity (`với tổng số hồ sơ tiếp nhận 58.000`), or the next number."""
    stop = _CLAUSE_BREAK.search(key, end)
    limit = stop.start() if stop else len(key)
    other = _ANOTHER_QUANTITY.search(key, end, limit)
    return other.start() if other else limit


def label_words(text: str) -> list[str]:
    """The words of a label, without junk characters and without words that keep no letter."""
    return [word for word in _LABEL_JUNK.sub("", text).split() if any(char.isalpha() for char in word)]


def _last_phrase(text: str, key: str, left: int, start: int) -> str:
    phrases = list(_LABELS.finditer(key, left, start))
    return squash(text[phrases[-1].start():phrases[-1].end()]) if phrases else ""


def _label(text: str, key: str, clause: tuple[int, int], start: int, end: int) -> str:
    """What the number counts, from nearest to loosest evidence: a known label phrase in its own
    clause before it; the words after its unit when none precede it in the clause (`84 TTHC sửa
    đổi`), or a label phrase among them; a label phrase earlier in its sentence; the words of its
    clause; a label phrase in its paragraph."""
    own = _last_phrase(text, key, clause[0], start)
    if own:
        return own  # the common case, decided before the clause's words are sorted out
    before = " ".join(_trimmed(label_words(text[clause[0]:start]), from_end=True)[-_MAX_LABEL_WORDS:])
    after = " ".join(_trimmed(label_words(text[end:clause[1]]), from_end=False)[:_MAX_LABEL_WORDS])
    label = (
        (not before and after)
        or _last_phrase(text, key, end, clause[1])
        or _last_phrase(text, key, sentence_start(text, start), start)
        or before
        or after
        or _last_phrase(text, key, max(0, start - _PARAGRAPH_REACH), start)
    )
    return squash(label).strip(" .,-")


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


# Document types are capitalised in running text (`ban hành 20 Quyết định công bố …`).
_DOCUMENT_UNITS = frozenset({"quyết định", "kế hoạch", "công văn", "báo cáo", "văn bản"})


def _opens_next_row(text: str, start: int, unit: UnitMatch) -> bool:
    """A capitalised word after a number opens the next table row or heading (`96,7` / `Giáo dục`,
    `1 Hồ sơ đã giải quyết`), so it is no unit; acronym units (`TTHC`) are all capitals, and a
    document type counted on the line of the words before it is a count (`ban hành 20 Quyết định`)."""
    word = text[unit.start:unit.end].split(maxsplit=1)[0]
    if unit.unit in _DOCUMENT_UNITS and "\n" not in text[start:unit.start]:
        line_start = text.rfind("\n", 0, start) + 1
        return not text[line_start:start].strip()
    return word[:1].isupper() and not word.isupper()


def _count(printed: str, unit: str) -> float:
    """The number printed, in a unit of whole things (hồ sơ, người) never a fraction."""
    if unit not in MEASURED_UNITS and _THOUSANDS_AS_DECIMALS.fullmatch(printed):
        return parse_number(printed.replace(",", "."))
    return parse_number(printed)


def _is_debris(key: str, match: re.Match[str]) -> bool:
    """A number that is no count: a date part or ordinal, `số` or a word misread as digits, a row
    number, a number alone on its line, a fragment of a split number, a telephone number, a year."""
    start, before = match.start(), key[max(0, match.start() - _NOT_A_COUNT_REACH):match.start()]
    return bool(
        _NOT_A_COUNT_AFTER.search(before)
        or _SO_MISREAD_AFTER_TOTAL.search(key, max(0, start - 8), match.end())
        or (match[1] == "18" and _WORD_READ_AS_18.search(before))
        or (match[1] == "161" and _WORD_READ_AS_161.search(before))
        or _YEAR.fullmatch(match[1])
        or _alone_on_line(key, start, match.end())
    )


@dataclass
class _Breakdown:
    """Statistics of the current sentence so far, and from which of them on a breakdown runs."""

    first: int = 0  # index of the sentence's first statistic
    parts_from: int | None = None  # index of the first statistic after `trong đó`, while one runs

    def total_for(self, found: list[Statistic], unit: str, scope: str) -> int | None:
        """The statistic a part breaks down: the last one stated before the breakdown opened in
        the part's unit, else the last one stated before it; None when they name two levels
        (`cấp huyện` after `cấp tỉnh` is a sibling, not a part)."""
        if self.parts_from is None or self.parts_from == self.first:
            return None
        candidates = range(self.parts_from - 1, self.first - 1, -1)
        total = next((i for i in candidates if found[i].unit == unit), self.parts_from - 1)
        if found[total].unit != unit and unit == "%":
            return None  # a share stated in a breakdown of counts is a share, no part of a count
        return None if scope and found[total].scope not in ("", scope) else total


def _last_sentence_end(between: str) -> int | None:
    """Offset of the last sentence end in `between`: a full stop, or a blank line before a capital
    (a blank line before a lowercase word is a page or column break inside the sentence). A gap
    longer than a breakdown's reach ends the sentence at its start."""
    if len(between) > _BREAKDOWN_REACH:
        return 0
    ends = [
        end.start() for end in _SENTENCE_OR_PARAGRAPH_END.finditer(between)
        if end[0] == "." or between[end.end():end.end() + 1].isupper() or end.end() == len(between)
    ]
    return ends[-1] if ends else None


def _update(breakdown: _Breakdown, text: str, key: str, count: int) -> None:
    """Follow the text between the previous statistic and the next (printed and folded): a sentence
    end closes a running breakdown unless `trong đó` comes after it (`… 100 hồ sơ. Trong đó, …`)."""
    end = _last_sentence_end(text)
    opener = BREAKDOWN_OPENER.search(key)
    if end is not None and not (opener and opener.start() > end):
        breakdown.first, breakdown.parts_from = count, None
    elif opener:
        breakdown.parts_from = count


def _segment(text: str, key: str, start: int) -> str:
    """The part of the reporting unit that `Đối với` at `start` names up to a comma (`Đối với hồ sơ
    đất đai của hộ gia đình, …` -> `hồ sơ đất đai của hộ gia đình`): a sentence opening with it is
    about that part, and so is a number followed by it (`đạt 99% đối với các sở`); or ""."""
    found = _SEGMENT.match(key, start)
    return " ".join(text[found.start(1):found.end(1)].split()[:_MAX_LABEL_WORDS + 2]) if found else ""


def _base_of_share(found: list[Statistic], before: str) -> str:
    """The measure of the share a count is the base of (`đạt 66,1%, với hơn 27.834 hồ sơ`): a
    count brought in by `với` without words of its own, after a share of its sentence."""
    if not found or found[-1].unit != "%" or not _WITH.match(before) or measure_of(before):
        return ""
    return found[-1].measure


def _measure_of(index: int | None, found: list[Statistic]) -> str:
    """A part without words of its own measures what its total measures."""
    return found[index].measure if index is not None else ""


def _count_shared(found: list[Statistic], first: int, before: str) -> Statistic | None:
    """The count a share is the part of (`tiếp nhận 5.533 hồ sơ trực tuyến, chiếm 46,9% …`): the
    statistic right before it in its sentence (from index `first`), when `chiếm` brings it in, or
    `đạt` alone in the share's clause (`trong đó trực tuyến 8.000 hồ sơ, đạt 66,7%`)."""
    if len(found) <= first or found[-1].unit == "%":
        return None
    return found[-1] if SHARE_OF_COUNT.search(before) or SHARE_RIGHT_AFTER_COUNT.fullmatch(before) else None


def _base_by_arithmetic(found: list[Statistic], first: int, share: Statistic, printed: str) -> Statistic | None:
    """The total a share is of, when its sentence (from index `first`) states both the count the
    share measures and that total: the earlier count in the count's unit that the count divided by
    gives the share as printed, to its last digit (`tiếp nhận 12.000 …, trực tuyến 8.000 …, đạt 66,7%`)."""
    sentence = found[first:]
    counts = [s for s in sentence if s.unit != "%" and s.measure == share.measure and s.subject == share.subject]
    if not counts:
        return None
    part = counts[-1]
    tolerance = 10.0 ** -len(printed.partition(",")[2])  # a share is rounded or cut to its last digit
    return next(
        (s for s in reversed(sentence) if s is not part and s.unit == part.unit and s.measure != part.measure
         and s.value > part.value and abs(100 * part.value / s.value - share.value) <= tolerance),
        None,
    )


def _base_named(after: str) -> str:
    """The measure of the total a share names after it (`46,9% tổng số hồ sơ tiếp nhận` -> received)."""
    named = SHARE_BASE.match(after)
    return measure_of(after[named.end():]) if named else ""


def _is_base_of(previous: Statistic | None, between: str) -> bool:
    """Whether a count is the total the share before it is of: only `(trên) tổng số` between them
    (`đạt 95,2% trên tổng số 1.200 hồ sơ`)."""
    named = SHARE_BASE.match(between)
    return previous is not None and previous.unit == "%" and named is not None and not between[named.end():].strip()


def _series_before(found: list[Statistic], key: str, start: int, end: int, unit: str) -> Statistic | None:
    """The statistic this one continues a series of (`cấp tỉnh đạt 88,2%; cấp huyện đạt 63,4%`):
    the one right before it, in the same unit and paragraph."""
    if not found or found[-1].unit != unit or _PARAGRAPH_BREAK.search(key, start, end):
        return None
    return found[-1]


def extract_statistics(text: str, page: int = 1, until: int | None = None) -> tuple[Statistic, ...]:
    """Every number followed by a known unit, with what it counts and the sentence it came from.

    Numbers from offset `until` on are not read: there `text` goes on into the next page only so
    that a number the page ends with finds its unit. `part_of` indexes the returned tuple."""
    key = _PERCENT_WITH_LETTERS.sub(lambda match: match[0].translate(_LETTERS_AS_DIGITS), fold(text))
    ordinals = _row_ordinals(key)
    line, line_counted_to = 1, 0
    found: list[Statistic] = []
    breakdown = _Breakdown()
    previous_end = 0
    for match in _NUMBER.finditer(key, 0, len(key) if until is None else until):
        if match.start() in ordinals or _is_debris(key, match):
            continue
        unit = unit_after(key, match.end())
        if unit is None or _opens_next_row(text, match.start(), unit):
            continue
        _update(breakdown, text[previous_end:match.start()], key[previous_end:match.start()], len(found))
        clause = (_clause_start(key, match.start(), previous_end), _clause_end(key, unit.end))
        before, after = key[clause[0]:match.start()], key[unit.end:clause[1]]
        line, line_counted_to = line + key.count("\n", line_counted_to, match.start()), match.start()
        opening = sentence_start(text, match.start())
        sentence = key[opening:match.start()]
        label = _label(text, key, clause, match.start(), unit.end)
        segment = _segment(text, key, opening) or _segment(text, key, unit.end)
        scope = PLANNED if is_target(sentence) else level_of(sentence) or level_of(fold_short(segment)) or segment
        total = breakdown.total_for(found, unit.unit, scope)
        series = _series_before(found, key, previous_end, match.start(), unit.unit)
        shared = _count_shared(found, breakdown.first, before) if unit.unit == "%" else None
        if counts_other_things(unit.unit):
            measure = measure_right_before(before)
        elif unit.unit == "%" and is_comparison(before, key[unit.end:unit.end + _COMPARISON_REACH]):
            measure = ""
        else:
            measure = (
                (shared.measure if shared else "") or _base_of_share(found, before)
                or measure_of(f"{before}|{after}") or _measure_of(total, found) or measure_of(sentence)
                or (series.measure if series else measure_of(fold_short(label)))
            )
        subject = subject_of(unit.unit, f"{sentence}|{after}")
        value = _count(match[1], unit.unit) * unit.factor
        per_unit = VND_PER_UNIT.get(unit.unit.split("/")[0])  # `đồng/năm` is money too
        found.append(
            Statistic(
                page=page,
                label=label,
                value=value,
                unit=unit.unit,
                value_vnd=value * per_unit if per_unit is not None else None,
                context=sentence_around(text, match.start(), unit.end),
                source="text",
                measure=measure,
                subject=subject or (series.subject if series else ""),
                scope=scope,
                part_of=total,
                approximate=is_approximate(key[max(0, match.start() - 12):match.start()]),
                line=line,
                base_measure=_base_named(after) if unit.unit == "%" else "",
            )
        )
        if unit.unit == "%" and not found[-1].base_measure:
            base = _base_by_arithmetic(found[:-1], breakdown.first, found[-1], match[1])
            if base is not None:
                found[-1] = replace(found[-1], base_measure=base.measure, base_value=base.value)
        if _is_base_of(found[-2] if len(found) > 1 else None, key[previous_end:match.start()]):
            found[-2] = replace(found[-2], base_measure=found[-1].measure, base_value=found[-1].value)
        previous_end = unit.end
    return tuple(found)
