"""Reading document symbols (`QĐ-UBND`, `CTr/BCĐ`) through OCR damage against the known codes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from domain.vocab import AGENCY_CODES, DOC_TYPES

# Glyphs an OCR engine prints for a letter of a code: `0P`, `Qb` and `QD` all stand for `QĐ`.
_MISREAD_AS: dict[str, frozenset[str]] = {
    "Đ": frozenset("DPBÐ0"),
    "D": frozenset("ĐPBÐ0"),
    "Q": frozenset("0O"),
    "O": frozenset("0Q"),
    "I": frozenset("1L|"),
    "L": frozenset("1I|"),
    "G": frozenset("6"),
    "T": frozenset("I1"),
    "S": frozenset("5"),
}
_SPLIT_D = frozenset("ĐDPBÐ")  # the bar of Đ read as a glyph of its own: `PD`, `ĐD`
_MISREAD_COST = 0.5
_WRONG_LETTER_COST = 2.0
_MAX_REPAIR_EDITS = 2
_LETTERS_DIGITS = re.compile(r"^(.*?[^\d])(\d*)$")


@dataclass(frozen=True)
class Symbol:
    """A document symbol split into its parts, codes canonical."""

    year: int | None  # `37/2020/QĐ-UBND` -> 2020
    type_code: str | None  # None for a công văn
    text: str  # "QĐ-UBND", or for Party documents "CTr/BCĐ"


def _is_marked(letter: str) -> bool:
    """A Vietnamese letter with a tone or vowel mark (`Ủ`, `À`); codes print none but Đ, so such a
    letter is a misread (`UBNỦ` for UBND) or a restorer's guess at a code letter."""
    return letter != "Đ" and len(unicodedata.normalize("NFD", letter)) > 1


def _distance(printed: str, code: str) -> float | None:
    """Per-letter cost of reading `code` as `printed`; None when lengths differ. A marked letter
    may stand for any letter of a code whose other letters are printed right (`UBNỦ`): it tells
    nothing of the letter it replaced, so it does not add to other misreads (`BÊ` is no ĐU)."""
    if len(printed) != len(code):
        return None
    pairs = [(seen, true) for seen, true in zip(printed.upper(), code.upper(), strict=True) if seen != true]
    marked = [seen for seen, _ in pairs if _is_marked(seen)]
    if marked:
        return _MISREAD_COST if len(pairs) == len(marked) == 1 else None
    return sum(_MISREAD_COST if seen in _MISREAD_AS.get(true, ()) else _WRONG_LETTER_COST for seen, true in pairs)


def _tolerance(length: int) -> float:
    """Two misread letters at most; one outright wrong letter only in codes of 5+ letters."""
    return 2 * _MISREAD_COST if length <= 4 else _WRONG_LETTER_COST + _MISREAD_COST


def _split_d_joined(printed: str) -> list[str]:
    """`printed` with one pair of glyphs joined back into the Đ that OCR split in two (`HPDND`)."""
    return [
        printed[:i] + "Đ" + printed[i + 2:]
        for i in range(len(printed) - 1)
        if printed[i].upper() in _SPLIT_D and printed[i + 1].upper() in _SPLIT_D
    ]


@lru_cache(maxsize=8192)
def canonical_code(printed: str, type_first: bool) -> str | None:
    """The known code `printed` stands for, or None; `type_first` breaks ties toward type codes."""
    groups = (DOC_TYPES, AGENCY_CODES) if type_first else (AGENCY_CODES, DOC_TYPES)
    for group in groups:
        if printed in group:
            return printed
    for group in groups:
        for joined in _split_d_joined(printed):
            if joined in group:
                return joined
    for group in groups:
        nearest = _nearest(printed, group)
        if nearest:
            return nearest
    return _with_letter_dropped(printed, groups)


def _nearest(printed: str, codes: dict[str, str]) -> str | None:
    """The one code of `codes` within tolerance and nearest to `printed`; None when two are as near
    (`VÀ` could be VP or VX): a code is not guessed."""
    scored = sorted(
        (cost, code) for code in codes
        if (cost := _distance(printed, code)) is not None and cost <= _tolerance(len(code))
    )
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _with_letter_dropped(printed: str, groups: tuple[dict[str, str], ...]) -> str | None:
    """The known code of three letters or more that `printed` is with one stray glyph inserted
    (`TTEg` for TTg). Only for codes with a small letter, which the few mixed-case codes (TTg, CTr,
    TTr) explain; an unknown code in capitals is more likely one not listed (`BCVT` is no BCT)."""
    if len(printed) < 4 or printed.isupper():
        return None
    for group in groups:
        found = {printed[:i] + printed[i + 1:] for i in range(len(printed))} & group.keys()
        if len(found) == 1:
            return found.pop()
    return None


def _segment(printed: str, type_first: bool) -> str:
    """One code segment; trailing digits (`QH15`) are kept, unknown codes stay as printed."""
    match = _LETTERS_DIGITS.match(printed)
    letters, digits = (match[1], match[2]) if match else (printed, "")
    return (canonical_code(letters, type_first) or letters) + digits


def parse_state_symbol(printed: str, year: int | None) -> Symbol:
    """`Qb-UBND` -> QĐ-UBND (type QĐ); `UBND-TTHC` -> công văn symbol with no type."""
    segments = [part for part in re.split(r"\s*-\s*", printed.strip()) if part]
    first = _segment(segments[0], type_first=True)
    rest = [_segment(part, type_first=False) for part in segments[1:]]
    type_code = first if first in DOC_TYPES and rest else None
    return Symbol(year, type_code, "-".join([first, *rest]))


def parse_party_symbol(printed_type: str, printed_issuer: str) -> Symbol:
    """Party documents number as `02-CTr/BCĐ`: type before the slash, issuer after it."""
    type_code = _segment(printed_type, type_first=True)
    issuer = "-".join(_segment(part, type_first=False) for part in printed_issuer.split("-") if part)
    return Symbol(None, type_code if type_code in DOC_TYPES else None, f"{type_code}/{issuer}")


def number_symbol(number: str, symbol: Symbol) -> str:
    """`124/QĐ-UBND`, `37/2020/QĐ-UBND`, or for Party documents `02-CTr/BCĐ`."""
    if "/" in symbol.text:
        return f"{number}-{symbol.text}"
    year = f"{symbol.year}/" if symbol.year else ""
    return f"{number}/{year}{symbol.text}"


def agency_code(name: str) -> str | None:
    """The symbol code of an agency named in a header (`SỞ TƯ PHÁP` -> STP, `ỦY BAN NHÂN DÂN TỈNH X` -> UBND)."""
    matches = [code for code, full in AGENCY_CODES.items() if f"{name} ".startswith(f"{full} ")]
    return max(matches, key=lambda code: len(AGENCY_CODES[code]), default=None)


def _known(code: str) -> bool:
    return code in DOC_TYPES or code in AGENCY_CODES


def _near(printed: str, code: str) -> bool:
    """Within two edits, the first letter kept: `STTT1` of STTTT, `C` of BC."""
    return Levenshtein.distance(printed.upper(), code.upper()) <= _MAX_REPAIR_EDITS and (
        printed[:1].upper() == code[:1].upper() or len(printed) < len(code)
    )


def repaired_symbol(symbol: Symbol, type_code: str | None, issuer_code: str | None) -> Symbol:
    """A state symbol whose unknown codes are read as what the header prints: Decree 30 builds it from
    the document type's code and the issuing agency's (`C-UBND` under BÁO CÁO -> BC-UBND, `BC-STTT1`
    from SỞ THÔNG TIN VÀ TRUYỀN THÔNG -> BC-STTTT). Known codes and Party symbols are kept."""
    if "/" in symbol.text:
        return symbol
    codes = symbol.text.split("-")
    found_type = symbol.type_code
    if found_type is None and type_code and len(codes) > 1 and not _known(codes[0]) and _near(codes[0], type_code):
        codes[0], found_type = type_code, type_code
    issuer = 1 if found_type else 0
    if issuer_code and issuer < len(codes) and not _known(codes[issuer]) and _near(codes[issuer], issuer_code):
        codes[issuer] = issuer_code
    return Symbol(symbol.year, found_type, "-".join(codes))
