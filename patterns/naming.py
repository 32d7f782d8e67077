"""Writing agency names the way running text does: `VĂN PHÒNG` -> `Văn phòng`."""

from __future__ import annotations

from patterns.vocab import AGENCY_CODES, DOC_TYPES

# Words after which a proper name follows: `tỉnh Quảng Ngãi`, `huyện Tư Nghĩa`.
_LEVELS = frozenset({"TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "THỊ", "PHỐ", "TP.", "TRẤN"})
# Organ words whose own name starts with a capital: `Sở Tư pháp`, `Bộ Nội vụ`, `Ban Chỉ đạo`.
_ORGANS = frozenset({"SỞ", "BỘ", "BAN", "CỤC", "VỤ", "PHÒNG", "TRUNG TÂM"})
_ACRONYMS = frozenset(code.upper() for code in (*AGENCY_CODES, *DOC_TYPES) if len(code) > 1)


def _after_organ(words: list[str], index: int) -> bool:
    """True when words[index] starts an organ's own name (`SỞ` `TƯ PHÁP`, not `ỦY BAN` `NHÂN`)."""
    if index == 0 or words[index - 1].upper() not in _ORGANS:
        return False
    return index < 2 or words[index - 2].upper() not in {"ỦY", "UỶ"}


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def sentence_case_agency(name: str) -> str:
    """`VĂN PHÒNG UBND TỈNH QUẢNG NGÃI` -> "Văn phòng UBND tỉnh Quảng Ngãi".

    Acronyms keep their case, place names after a level word are capitalised word by word,
    the word after an organ word is capitalised, everything else is lowercase.
    """
    words = name.split()
    out: list[str] = []
    in_place = False
    for index, word in enumerate(words):
        upper = word.upper()
        if upper in _ACRONYMS:
            out.append(word if word.isupper() else upper)
            in_place = False
        elif in_place or index == 0 or _after_organ(words, index):
            out.append(_capitalised(word))
        else:
            out.append(word.lower())
        if upper in _LEVELS:
            in_place = upper not in {"THỊ"}  # `THỊ XÃ`: the name starts after `XÃ`
    return " ".join(out)
