"""Writing agency names the way running text does: `VĂN PHÒNG` -> `Văn phòng`."""

from __future__ import annotations

from domain.vocab import AGENCY_CODES, DOC_TYPES

# Words after which a proper name follows: `tỉnh Quảng Ngãi`, `huyện Tư Nghĩa`.
_LEVELS = frozenset({"TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "THỊ", "PHỐ", "TP.", "TRẤN"})
# Organ words whose own name starts with a capital: `Sở Tư pháp`, `Bộ Nội vụ`, `Ban Chỉ đạo`.
_ORGANS = frozenset({"SỞ", "BỘ", "BAN", "CỤC", "VỤ", "PHÒNG", "TRUNG TÂM"})
_JOINERS = frozenset({"VÀ", "-"})
_ACRONYMS = frozenset(code.upper() for code in (*AGENCY_CODES, *DOC_TYPES) if len(code) > 1)


def _after_organ(words: list[str], index: int) -> bool:
    """True when words[index] starts an organ's own name (`SỞ` `TƯ PHÁP`, not `ỦY BAN` `NHÂN`)."""
    if index == 0 or words[index - 1].upper() not in _ORGANS:
        return False
    return index < 2 or words[index - 2].upper() not in {"ỦY", "UỶ"}


def _after_joiner(words: list[str], index: int) -> bool:
    """True after `và`, `-` or a comma: a coordinated part of a name (`Kế hoạch và Đầu tư`)."""
    previous = words[index - 1] if index else ""
    return previous.upper() in _JOINERS or previous.endswith(",")


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def sentence_case_agency(name: str) -> str:
    """`VĂN PHÒNG UBND TỈNH QUẢNG NGÃI` -> "Văn phòng UBND tỉnh Quảng Ngãi".

    Acronyms keep their case, place names after a level word are capitalised word by word,
    the word after an organ word and after `và`, `-` or a comma inside its name is capitalised
    (`Sở Kế hoạch và Đầu tư`, `Sở Lao động - Thương binh và Xã hội`), everything else is lowercase.
    """
    words = name.split()
    out: list[str] = []
    in_place = in_organ_name = False
    for index, word in enumerate(words):
        upper = word.upper()
        joined = in_organ_name and _after_joiner(words, index)
        if upper in _ACRONYMS:
            out.append(word if word.isupper() else upper)
            in_place = in_organ_name = False
        elif in_place or index == 0 or joined or _after_organ(words, index):
            out.append(_capitalised(word))
            in_organ_name = not in_place
        else:
            out.append(word.lower())
        if upper in _LEVELS and not joined:
            in_place = upper not in {"THỊ"}  # `THỊ XÃ`: the name starts after `XÃ`
    return " ".join(out)
