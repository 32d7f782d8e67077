"""Documents cited in running text: `Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh`."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable

from domain.records import Reference
from domain.vocab import AGENCY_CODES, DOC_TYPES, OFFICIAL_LETTER
from patterns.codes import Symbol, number_symbol, parse_party_symbol, parse_state_symbol
from patterns.dates import LocatedDate, located_dates
from patterns.text import SO_AS_DIGITS, fold, sentence_around, squash

# A code segment on the folded text: letters, with digits OCR put in for letters (`0p` for QĐ).
_SEG = r"[a-z0-9]*[a-z][a-z0-9]*"

def _alternatives(codes: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(fold(code)) for code in codes}, key=len, reverse=True))


# Known codes that are no Vietnamese word (`CA`, `TU` are also syllables).
_WORDLESS_CODES = _alternatives(
    code for code in (*DOC_TYPES, *AGENCY_CODES) if len(code) >= 3 or not set(fold(code)) & set("aeiouy")
)
# A hyphen may end a line (`11/KH-` / `UBND`), or OCR may put a space after it before a known code
# (`NĐ- CP`); a spaced ` - ` is punctuation, not a symbol.
_LINK = r"-(?:[ \t]*\n\s*|[ \t](?=(?:" + _WORDLESS_CODES + r")(?![\w-])))?"
# Numbers: OCR may split thousands with a space (`1 898/UBND-TTHC`).
# The lookbehinds sit after the first digit so that the regex engine can skip ahead to digits; a
# speck before the number (`.2529/2019/NQ-HĐND`, `_2529/...`) is no thousands point, and `$6` is
# `Số` misread.
_NUMBER = r"(\d(?<![^\W_]\d)(?<![/,$-]\d)(?<!\d\.\d)(?:\d{0,2}(?: \d{3})+|\d*))"
# OCR prints the slash as a bracket, a fraction slash or an apostrophe (`1487'CT-TTg`), and the one
# before a year as a point (`2317.2022/QĐ-UBND`: a thousands point has three digits after it, not four).
_SLASH = r"(?:\s?[/\[⁄'’][)(|]?\s?|\.(?=(?:19|20)\d{2}\s?/))"
# OCR may lose the slash after the year (`12/2025NQ-HĐND`); the code glued to it then needs its hyphen.
_YEAR_END = r"(?:\s?/\s?|(?=" + _SEG + r"-))"
_STATE = re.compile(
    _NUMBER
    + _SLASH + r"(?:((?:19|20)\d{2})" + _YEAR_END + r"(" + _SEG + r"(?:" + _LINK + _SEG + r")*)"
    + r"|(" + _SEG + r"(?:" + _LINK + _SEG + r")+))(?![\w-])"
)
# A number whose slash OCR lost, glued to a known type code: `545TTr-SKHĐT`.
_GLUED = re.compile(
    _NUMBER + r"(" + _alternatives(code for code in DOC_TYPES if len(code) > 1) + r")"
    + r"-(" + _SEG + r"(?:" + _LINK + _SEG + r")*)(?![\w-])"
)
_PARTY = re.compile(_NUMBER + r"-(" + _SEG + r")\s?/\s?(" + _SEG + r"(?:-" + _SEG + r")*)(?![\w-])")
_TYPE_WORDS = {fold(name): name for name in (*DOC_TYPES.values(), OFFICIAL_LETTER)}
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(sorted(map(re.escape, _TYPE_WORDS), key=len, reverse=True)) + r")\s+(?:s\S{0,2}\s*:?\s*)?$"
)
# `của` as English-model OCR prints it: cua, ciia, cta, ctia, cia, ctua.
_OF = re.compile(r"\s*c\S{0,2}a\s+")
# The issuer ends with the clause; OCR line breaks inside it are not an end.
_ISSUER_STOP = re.compile(
    r"[,;:.()]|\n\s*\n|\s(?:ve|ban\s+hanh|va|tai|trong|theo|thuc\s+hien|nham|doi\s+voi|nhu|de|sua\s+doi)\s"
)
_MAX_ISSUER_WORDS = 8
_SO_MISREAD = re.compile(SO_AS_DIGITS)
_DATE_MAX_OFFSET = 12
# More citations than any real page holds (an appendix listing 3,000 documents one a line is real):
# past it the text is junk or hostile, and the document's citation list grows quadratically.
MAX_REFERENCES_PER_PAGE = 5_000
log = logging.getLogger("sohoa.patterns")


def _without_so(printed: str, key: str, start: int) -> str:
    """The number without the `36 ` or `56 ` that English-model OCR makes of `số` right after a type
    word (`Nghị quyết 36 131/NQ-CP`), which the thousands split would read as one number (36131)."""
    first, _, rest = printed.partition(" ")
    if not rest or not _SO_MISREAD.fullmatch(first):
        return printed
    before = _TYPE_BEFORE.search(key, max(0, start - 30), start)
    return rest if before and not key[before.end(1):start].strip() else printed


def _symbol(match: re.Match[str], text: str, key: str) -> tuple[str, Symbol]:
    """Number and symbol of a match on the folded key, the code letters read from the original `text`."""
    number = _without_so(match[1], key, match.start()).replace(" ", "")
    if match.re is _PARTY:
        return number, parse_party_symbol(text[match.start(2):match.end(2)], text[match.start(3):match.end(3)])
    if match.re is _GLUED:
        return number, parse_state_symbol(re.sub(r"-\s+", "-", text[match.start(2):match.end(3)]), None)
    if match[2]:
        printed = re.sub(r"-\s+", "-", text[match.start(3):match.end(3)])
        return number, parse_state_symbol(printed, int(match[2]))
    printed = re.sub(r"-\s+", "-", text[match.start(4):match.end(4)])
    return number, parse_state_symbol(printed, None)


def _ref_type(symbol: Symbol, key: str, start: int) -> str:
    """From the type code; a code-less symbol takes the word before it, else it is a công văn."""
    if symbol.type_code:
        return DOC_TYPES[symbol.type_code]
    before = _TYPE_BEFORE.search(key, max(0, start - 30), start)
    return _TYPE_WORDS[before[1]] if before else OFFICIAL_LETTER


def _issuer(text: str, key: str, position: int) -> str | None:
    """The body after `của` that follows the citation, up to the clause's end."""
    of = _OF.match(key, position)
    if not of:
        return None
    stop = _ISSUER_STOP.search(key, of.end())
    end = stop.start() if stop else len(key)
    words = text[of.end():end].split()[:_MAX_ISSUER_WORDS]
    return squash(" ".join(words)) or None


def _date_after(dates: list[LocatedDate], position: int) -> LocatedDate | None:
    """The date printed right after a citation (`... ngày 30/01/2023`), if one starts close enough."""
    index = bisect.bisect_left(dates, position, key=lambda date: date.start)
    if index < len(dates) and dates[index].start - position <= _DATE_MAX_OFFSET:
        return dates[index]
    return None


def _reference(match: re.Match[str], text: str, key: str, page: int, dates: list[LocatedDate]) -> Reference:
    number, symbol = _symbol(match, text, key)
    located = _date_after(dates, match.end())
    date = located.mention if located else None
    date_end = located.end if located else match.end()
    ref_date = date.date if date else None
    year = symbol.year or (int(ref_date[:4]) if ref_date else None)
    return Reference(
        ref_type=_ref_type(symbol, key, match.start()),
        number=number,
        year=year,
        symbol=symbol.text,
        number_symbol=number_symbol(number, symbol),
        ref_date=ref_date,
        issuer=_issuer(text, key, date_end),
        page=page,
        context=sentence_around(text, match.start(), match.end()),
    )


def extract_references(text: str, page: int = 1) -> tuple[Reference, ...]:
    """Every citation of a numbered document, in reading order, repeats included."""
    key = fold(text)
    found = (*_STATE.finditer(key), *_PARTY.finditer(key), *_GLUED.finditer(key))
    matches = sorted(found, key=lambda match: match.start())
    if len(matches) > MAX_REFERENCES_PER_PAGE:
        log.warning("page %d cites %d documents; only the first %d are kept",
                    page, len(matches), MAX_REFERENCES_PER_PAGE)
        matches = matches[:MAX_REFERENCES_PER_PAGE]
    dates = located_dates(text, key, page) if matches else []
    return tuple(_reference(match, text, key, page, dates) for match in matches)
