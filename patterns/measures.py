"""What a statistic measures, what it counts and at which level, read from the words that govern its
number; each function takes folded text (`patterns.text.fold`) and returns a controlled value.

The vocabularies are in `domain.vocab` (`MEASURES`, `SUBJECTS`, `LEVELS`) and in docs/schema.md.
"""

from __future__ import annotations

import re

from domain.vocab import MEASURED_UNITS

# The measure of a clause, most specific first: a clause that names a qualifier (`tiếp nhận trực
# tuyến`, `giải quyết đúng hạn`) is about that qualifier, not about the verb it qualifies. Keys are
# folded, so that the legacy OCR's readings (`di giai quyet` for `đã giải quyết`) still match.
MEASURE_WORDS: tuple[tuple[str, str], ...] = (
    ("carried_over", r"ky truoc chuyen sang|chuyen tiep|ton dong|ton ky truoc"),
    ("returned", r"tra lai|tu choi|khong du dieu kien"),
    ("overdue", r"qua han|tre han|cham tra|cham giai quyet"),
    ("resolved_on_time", r"truoc han va dung han|dung han|dung thoi han"),
    ("resolved_early", r"truoc han|som han|tra ket qua som"),
    ("pending", r"dang giai quyet|chua giai quyet|dang xu ly|chua xu ly|dang thu ly"),
    ("satisfied", r"hai long"),
    ("digitised", r"so hoa"),
    ("postal", r"buu chinh"),
    ("in_person", r"truc tiep"),
    ("paid", r"thanh toan"),
    ("money_saved", r"tiet kiem"),
    ("procedures_new", r"moi ban hanh"),
    ("procedures_amended", r"sua doi"),
    ("procedures_abolished", r"bai bo"),
    ("procedures_replaced", r"thay the"),
    ("online", r"truc tuyen"),
    ("resolved_on_the_spot", r"tai cho"),
    # `kết quả giải quyết` names the results of resolving (a heading, a message's content), no count.
    ("resolved", r"(?<!ket\squa\s)giai quyet|xu ly|tra ket qua"),
    ("received", r"tiep nhan|nhan duoc"),
    ("procedures_published", r"cong bo"),
)


def _words(alternatives: str) -> re.Pattern[str]:
    """Whole words, a line break as good as a space between them (`thanh` / `toán`), and OCR may
    glue them (`xửlý`)."""
    return re.compile(r"(?<![a-z])(?:" + alternatives.replace(" ", r"\s*") + r")(?![a-z])")


# All measures in one pattern, a group per measure in order of precedence, so that a clause is
# scanned once; where two overlap the more specific, listed first, is the one matched.
_ANY_MEASURE = _words("|".join(f"(?P<m{rank}>{words})" for rank, (_, words) in enumerate(MEASURE_WORDS)))

# What is counted, by the words that name it; a dossier of a procedure (`hồ sơ TTHC`) is a dossier.
_SUBJECT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hồ sơ", _words("ho so")),
    ("PAKN", _words("phan anh|kien nghi|pakn")),
    ("TTHC", _words("tthc|thu tuc")),
    ("giao dịch", _words("giao dich")),
)
# Units that are themselves the thing counted, under the subject's name.
_SUBJECT_OF_UNIT: dict[str, str] = {
    "hồ sơ": "hồ sơ", "thủ tục": "TTHC", "TTHC": "TTHC", "phản ánh": "PAKN", "kiến nghị": "PAKN",
    "PAKN": "PAKN", "giao dịch": "giao dịch",
}
_LEVEL = re.compile(r"(?<![a-z])cap\s+(tinh|huyen|xa)(?![a-z])")
_LEVEL_NAMES = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
# `khoảng 58.000`, `hơn 27.834`, `đạt trên 99%`, `gần 300`: the word right before the number.
_APPROXIMATE = re.compile(r"(?<![a-z])(?:khoang|hon|tren|gan|xap\s+xi|uoc|uoc\s+tinh)\s*$")
# Words that open a breakdown of the total stated before them.
BREAKDOWN_OPENER = _words("trong do|rieng|bao gom")
# A share stated as the part a count is of a total: `(chiếm tỷ lệ) 46,9% (trên) tổng số hồ sơ tiếp
# nhận`; right before the number, and right after it up to the total's words or number.
SHARE_OF_COUNT = re.compile(r"(?<![a-z])(?:chiem|bang)(?:\s+(?:ty\s+le|khoang))?\s*$")
# `…, đạt 66,7%` with no words of its own in its clause: the share the count before it is.
SHARE_RIGHT_AFTER_COUNT = re.compile(r"\s*dat(?:\s+(?:ty\s+le|khoang|muc))?\s*")
SHARE_BASE = re.compile(r"\s*(?:(?:tren|cua|so\s+voi)\s+)?tong\s+so(?![a-z])")


# An aside that lists alternatives or inclusions (`(trực tiếp hoặc qua Hệ thống)`, `(kể cả …)`)
# says what the count takes in, not what it is restricted to; OCR may cut it before its `)`.
_INCLUSIVE_ASIDE = re.compile(r"\((?=[^()]*(?<![a-z])(?:hoac|ke ca|bao gom|gom ca)(?![a-z]))[^()]*(?:\)|$)")
# Words right before a number that make what they name its measure, for counts of other things:
# nothing but these may stand between the verb and the number (`tiếp nhận khoảng 300 lượt`).
_RIGHT_BEFORE = re.compile(r"(?:\s+(?:da|duoc|la|dat|khoang|hon|tren|gan|tong so|tong cong|tong|moi))*\s*$")
# A share compared with another quantity (`sớm hơn 20% so với thời hạn`) or a change (`giảm 50%
# phí`) is a policy parameter or a trend, not the share of a measure.
_COMPARED = re.compile(r"\s*so\s+voi(?!\s+tong)")
_CHANGE = re.compile(r"(?<![a-z])(?:giam|tang|cat giam|rut ngan|som hon|nhanh hon|vuot)(?:\s+(?:toi thieu|toi da|it nhat|khoang|hon|tren|gan|duoc|them))*\s*$")


# `qua đường dây nóng và trực tiếp tại trụ sở`: a count over several channels is no one channel's.
_CHANNEL = r"(?:duong\s+day\s+nong|don\s+thu|dien\s+thoai|hotline|buu\s+chinh)"
_MIXED_CHANNELS = re.compile(
    rf"{_CHANNEL}[^|]{{0,40}}?(?<![a-z])(?:va|hoac)\s[^|]{{0,20}}?truc\s+tiep"
    rf"|truc\s+tiep[^|]{{0,40}}?(?<![a-z])(?:va|hoac)\s[^|]{{0,20}}?{_CHANNEL}"
)


def measure_of(clause: str) -> str:
    """The most specific measure `clause` names (`tiếp nhận trực tuyến` -> online), or ""."""
    clause = _MIXED_CHANNELS.sub(" ", _INCLUSIVE_ASIDE.sub(" ", clause))
    ranks = [int(found.lastgroup[1:]) for found in _ANY_MEASURE.finditer(clause)]
    return MEASURE_WORDS[min(ranks)][0] if ranks else ""


def measure_right_before(before: str) -> str:
    """The measure whose words end right before a number (`tiếp nhận khoảng 300 lượt` -> received),
    or "": in `giải quyết hồ sơ của 20 cơ quan` the verb governs the dossiers, not the count."""
    found = [match for match in _ANY_MEASURE.finditer(before) if _RIGHT_BEFORE.fullmatch(before, match.end())]
    return measure_of(before[found[-1].start():]) if found else ""


def is_comparison(before: str, after: str) -> bool:
    """Whether a share is a change or a comparison (`giảm 50%`, `20% so với thời hạn`), no measure's share."""
    return bool(_COMPARED.match(after) or _CHANGE.search(before))


def subject_of(unit: str, clause: str) -> str:
    """What is counted: the unit itself when it names a subject (`phản ánh` -> PAKN); for a share,
    an amount or a number without a unit, the first subject the clause names (a share of `hồ
    sơ`); "" for none, and for other things counted (`20 cơ quan` in a sentence about hồ sơ)."""
    base = unit.split("/")[0]
    if base in _SUBJECT_OF_UNIT:
        return _SUBJECT_OF_UNIT[base]
    if base and base not in MEASURED_UNITS:
        return ""
    return next((subject for subject, words in _SUBJECT_RULES if words.search(clause)), "")


def counts_other_things(unit: str) -> bool:
    """Whether `unit` counts things that are neither a subject nor an amount (`lớp`, `tin nhắn`,
    `cơ quan`): the measures are those of dossiers, procedures, feedback and money, so such a count
    has one only where the words right before it say so (`tiếp nhận 300 lượt`), never from the
    noun phrases after it (`tin nhắn thông báo kết quả giải quyết`) or from its sentence."""
    base = unit.split("/")[0]
    return base not in _SUBJECT_OF_UNIT and base not in MEASURED_UNITS


# A number set as a goal (`phấn đấu đạt 98%`, `mục tiêu`, `chỉ tiêu`) in the clause before it.
_TARGET = re.compile(r"(?<![a-z])(?:phan\s+dau|muc\s+tieu|chi\s+tieu|du\s+kien)(?![a-z])")


def is_target(clause: str) -> bool:
    """Whether the words before a number set it as a goal rather than report a result."""
    return bool(_TARGET.search(clause))


def level_of(clause: str) -> str:
    """The administrative level the end of `clause` names (`cấp tỉnh …, cấp huyện đạt` -> huyện), or ""."""
    levels = _LEVEL.findall(clause)
    return _LEVEL_NAMES[levels[-1]] if levels else ""


def is_approximate(before: str) -> bool:
    """Whether the words right before a number make it approximate (`khoảng`, `hơn`, `trên`, `gần`)."""
    return bool(_APPROXIMATE.search(before))
