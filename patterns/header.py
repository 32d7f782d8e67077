"""The header of a Decree 30/2020/NĐ-CP document: agency, number and symbol, place and date, type, title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from domain.records import Header
from domain.vocab import AGENCY_CODES, DOC_TYPES, OFFICIAL_LETTER
from patterns.agency import agency_lines, is_motto
from patterns.codes import (
    Symbol,
    agency_code,
    number_symbol,
    parse_party_symbol,
    parse_state_symbol,
    repaired_symbol,
)
from patterns.dates import DAY_WORD, extract_dates
from patterns.period import confirmed_period, numbered_quarter, parse_period, restated_title
from patterns.places import could_name, match_province, province_after_level
from patterns.signature import extract_recipients, extract_signature
from patterns.text import fold, squash
from patterns.wording import respelled_title, with_about_opening

_HEAD_LINES = 20  # the number, place and type lines sit in the first lines of page 1
# Parent, agency and a wrapped line or two sit above the number; OCR may put stray text higher up.
_AGENCY_BLOCK_LINES = 5
# `ð` is OCR's Eth for the Đ of a code (`QĐÐ-BGDĐT`); codes.py reads it back as Đ.
_SEG = r"[a-z0-9ð]*[a-zð][a-z0-9ð]*"
# The slot a number is written in: printed digits, or a handwritten number OCR reads as digits and
# signs (`⁄‡6`, `4‡`, `4/35`), a lone letter (`Ý`) or letters after a digit (`2MI`); never a word,
# which would be no number line.
_SLOT = r"(\d[^\s/-]{0,5}|(?:[^\sa-z/]|/(?=\d)|(?<![a-z])[a-z](?![a-z])){0,6}?)"
# `Số: 937/BC-VP`, `S6: 937 /BC-VP`, `S6: 2342 [VP-TTHC`, draft `Số: /BC-VP`, Party `Số 177-KH/TU`,
# handwritten `Số: 4‡ /QĐ-UBND`. OCR may print `Số:` as `56;` or lose it behind specks
# (`». 2056/KH-STC`); then a printed number must follow. A speck may follow the slash
# (`/€CT-CS`) and a space open before a hyphen (`/TTr -UBND`): no symbol has either.
_NUMBER_LINE = re.compile(
    r"^[\W_]*(?:s\S{0,2}\s*[:;.]?\s*(?=\S*\s?[/\[|])" + _SLOT + r"|(?:\d{1,2}\s*[:;.]\s*)?(\d+))\s?"
    + r"(?:[/\[|]\s?[^\w\s/-]?(?:((?:19|20)\d{2})/)?(" + _SEG + r"(?:\s?-" + _SEG + r")*)"
    + r"|-(" + _SEG + r")/(" + _SEG + r"(?:-" + _SEG + r")*))(?!\w|-\w)"  # a stray `-` may end the line
)
_SO = re.compile(r"[\W_]*s\S{0,2}\s*(?:[:;.]|(?=[\d/]))")
_CONSOLIDATED = re.compile(r"/\s*vbhn\b")
_UNMARKED_NUMBER_LINES = 6
# `ngày` as patterns.dates reads it (against the day's digits, `ngày22`, or a pen's mark read as
# letters, `ngàyÂtháng`), so that the line whose date it reads is found as the date line
_DATE_OPENING = re.compile(r",\s*(" + DAY_WORD + ")")  # `, ngày` after the place name
# OCR lost the comma: `ngày` then opens the date, not a clause (`ngày.`, `ngày,`)
_UNMARKED_DATE_OPENING = re.compile(r"\s(" + DAY_WORD + r")(?![^\w\s])")
# `năm 2026` closes a date line, also one whose day and month are handwritten and unread (its
# place and year are printed); a line that goes on past it cites a document
_YEAR = r"\bn\S{1,3}\s+((?:19|20)\d{2})"
_YEAR_CLOSE = re.compile(_YEAR + r"\b")
_YEAR_END = re.compile(_YEAR + r"[\W_]*$")
# A line of its own that is a place and a date (`Hà Nội ngày 09 tháng 4 năm 2026`), the comma lost:
# a body line that cites a date has more words before it.
_DATE_LINE = re.compile(r"^[\W_]*(?:[^\W\d_]\S*\s+){1,4}" + DAY_WORD + ".*" + _YEAR + r"[\W_]*$")
_DATE_LINES_AFTER_NUMBER = 3
_UNMARKED_DATE_LINES = 8
_PLACE_WORD = re.compile(r"\S*[^\W\d_]\S*|[-–]")  # OCR mixes digits and signs into names: `Hạ NG6i`
_MAX_PLACE_WORDS = 6
# `V/v` opens a công văn's subject; OCR may read its slash as another stroke or a point, or lose
# it (`VWw`, `V.v`).
_SUBJECT = re.compile(r"^\s*v\s?[/|\\l1iw.]?\s?[vw]\b\.?\s*:?\s*")
_GARBLED_SUBJECT = re.compile(r"^\W*[^\W\d_]{1,3}\W*\s+")
# `Kính gửi:` opens the body, its colon perhaps lost, or its K read as another letter (`tính gửi:`)
_RESIDUE_BEFORE_ABOUT = re.compile(r"^(?:\S*[^\w\s]\S*\s+|\S*\d\S*\s+){1,3}(?=v\S{0,2}\s+viec\b)")
_BODY_START = re.compile(r"^\s*(?:k\S{2,3}\s+g\S{1,3}\s*(?::|$)|[a-z]\S{2,3}\s+g\S{1,3}\s*:|[ivx]+\.\s|\d+\.\s)")
# The words a body opens with, capitalised; in lowercase they go on with a title's line (`… để hỗ trợ
# nhà đầu tư` / `thực hiện dự án sử dụng vốn …`).
_BODY_OPENING = re.compile(r"^\s*(?:can\s+cu|theo|thuc\s+hien)\b")
_TYPE_NAMES = {fold(name): name for name in (*DOC_TYPES.values(), OFFICIAL_LETTER)}
_TYPE_KEYS = tuple(_TYPE_NAMES)
_TYPE_CODES = {name: code for code, name in DOC_TYPES.items()}
_TYPE_MIN_SCORE = 85.0
_MAX_TITLE_LINES = 8  # a decree's title runs to 7 lines; the cap keeps a title from running into the body
_CAPITALS_SHARE = 0.8
_FULL_LINE = 0.85  # of the body's width: a paragraph's first line is indented, its others are justified
_SPECKS = r"""\-~_:;.'"‘’“”»«©|=—"""
_SPECK_EDGES = re.compile(rf"^[{_SPECKS}\s]+|[{_SPECKS}\s]+$")
_ATTACHED_END = re.compile(r"(?<=[^\W_])([;,]|[”\"»)]+)\s*$")
_SPACED_DASH_END = re.compile(r"[^\W_]\s+[-–]\s*$")
_SPECK_WORD = re.compile(r"(?<!\S)[~_:;'\"‘’“”»«©|=—]+(?!\S)")
# A comma opening a word after a space is a speck (`và ,hướng dẫn`): a printed comma stands against
# the word before it; OCR set one so once in 31,000 words of the real scans and the samples, a speck.
_SPECK_COMMA = re.compile(r"(?<=\s),(?=[^\W\d_])")
# A point between a word and a lowercase one is a speck in a title (`thủ tục.hành`, `hành. chính`).
_SPECK_POINT = re.compile(r"(?<=[^\W\d_])\.\s*(?=[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])")


@dataclass(frozen=True)
class _NumberLine:
    index: int
    number: str | None
    symbol: Symbol
    end: int  # where the number part ends on its line


def _number_line(lines: list[str]) -> _NumberLine | None:
    """The `Số:` line; one whose `Số` OCR lost only among the first lines, where no body line
    opening with a cited number (`2529/NQ-HĐND ngày ...`) can be."""
    printed = 0
    for index, line in enumerate(lines[:_HEAD_LINES]):
        key = fold(line)
        printed += bool(key.strip())
        match = _NUMBER_LINE.match(key)
        if not match or (printed > _UNMARKED_NUMBER_LINES and not _SO.match(key)):
            continue
        slot = match[1] if match[1] is not None else match[2]
        number = slot if slot.isdigit() else None  # a slot OCR could not read is left empty
        if match[4]:
            printed_symbol = line[match.start(4):match.end(4)].replace(" ", "")
            symbol = parse_state_symbol(printed_symbol, int(match[3]) if match[3] else None)
            return _NumberLine(index, number, symbol, match.end())
        symbol = parse_party_symbol(line[match.start(5):match.end(5)], line[match.start(6):match.end(6)])
        return _NumberLine(index, number, symbol, match.end())
    return None


def _place(printed: str | None, expected: str | None) -> str | None:
    """The province named by the last words before `, ngày`, else those words as printed.

    `expected` is the province the agency block names: Decree 30 has provincial bodies print it as
    their place, so a reading that could be it, or one naming no province at all, is it. Words left
    of the name may be OCR residue of the number column; a single last word is otherwise read
    exactly, so that a district (`Tư Nghĩa`) is not taken for a province it resembles (`Nghệ An`).
    """
    if expected and (not printed or could_name(printed, expected)):
        return expected
    words = printed.split() if printed else []
    for size in range(len(words), 0, -1):
        province = match_province(" ".join(words[-size:]), fuzzy=size > 1 or size == len(words))
        if province:
            return province
    return expected or (squash(printed) if printed else None)


@dataclass(frozen=True)
class _PlaceDate:
    place_start: int  # offsets on the line
    place_end: int
    date_start: int


def _place_date_split(key: str, opening_pattern: re.Pattern[str] = _DATE_OPENING) -> _PlaceDate | None:
    """Where the place (up to six words with letters) and the date of `Quảng Ngãi, ngày ...` sit on a
    folded line; None when the line has no `, ngày` (`opening_pattern`) after such words."""
    opening = opening_pattern.search(key)
    if not opening:
        return None
    words = key[:opening.start()].split()[-_MAX_PLACE_WORDS:]
    count = 0
    while count < len(words) and _PLACE_WORD.fullmatch(words[-1 - count]):
        count += 1
    if count == 0:
        return None
    place_end = len(key[:opening.start()].rstrip())
    place_start = place_end
    for word in reversed(words[len(words) - count:]):
        place_start = key.rindex(word, 0, place_start)
    return _PlaceDate(place_start, place_end, opening.start(1))


def _place_and_date(lines: list[str], number: _NumberLine | None) -> tuple[str | None, str | None, int | None]:
    """(place as printed, ISO issue date, line index) from the `Quảng Ngãi, ngày 05 tháng 6 năm 2023` line;
    next to the number line (or near the top without one), also when OCR lost the comma. Without a
    readable date on any such line, the place of the first one that ends in a year, and that year
    as the date (`2021`: a month written by pen, pipeline.handwriting may read it)."""
    candidates = [(index, _DATE_OPENING) for index in range(min(_HEAD_LINES, len(lines)))]
    if number:
        near = range(number.index, min(number.index + _DATE_LINES_AFTER_NUMBER, len(lines)))
    else:  # not a line citing a document (a consolidated text's first lines)
        near = [index for index in range(min(_UNMARKED_DATE_LINES, len(lines))) if _YEAR_END.search(fold(lines[index]))]
    candidates += [(index, _UNMARKED_DATE_OPENING) for index in near]
    candidates += [
        (index, _UNMARKED_DATE_OPENING) for index in range(min(_HEAD_LINES, len(lines)))
        if _DATE_LINE.match(fold(lines[index]))
    ]
    undated: tuple[str | None, str | None, int | None] = (None, None, None)
    for index, opening in candidates:
        line = lines[index]
        if number and index == number.index:
            line = " " * number.end + line[number.end:]
        split = _place_date_split(fold(line), opening)
        if not split:
            continue
        dates = extract_dates(line[split.date_start:])
        if dates:
            return line[split.place_start:split.place_end], dates[0].date, index
        year = _YEAR_CLOSE.search(fold(line[split.date_start:]))
        if undated[2] is None and year:
            undated = (line[split.place_start:split.place_end], year[1], index)
    return undated


def _type_line(lines: list[str], start: int) -> tuple[str | None, int | None]:
    """The document type printed on a line of its own (`BÁO CÁO`), read fuzzily."""
    for index in range(start, min(start + 8, len(lines))):
        key = fold(_without_specks(squash(lines[index])))
        if not key:
            continue
        best = process.extractOne(key, _TYPE_KEYS, scorer=fuzz.ratio, score_cutoff=_TYPE_MIN_SCORE)
        if best:
            return _TYPE_NAMES[best[0]], index
    return None, None


def _first_printed(lines: list[str], start: int, end: int) -> int | None:
    """The index of the first line in `lines[start:end]` that is not blank, or None."""
    return next((index for index in range(start, min(end, len(lines))) if lines[index].strip()), None)


def _illegible_type_line(lines: list[str], start: int) -> int | None:
    """The type line OCR could not read (`BAGCAO =<) =`), when the symbol gives the type: the
    first line after the header, if it is printed in capitals as type lines are."""
    printed = _first_printed(lines, start, start + 3)
    return printed if printed is not None and _in_capitals(_without_specks(squash(lines[printed]))) else None


def _ends_title(text: str) -> bool:
    """A title (in sentence case) ends where the body, the motto column, the place-and-date line or
    an uppercase line (a decision's issuing authority, `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`) begins."""
    key = fold(text)
    return bool(
        _BODY_START.match(key) or (_BODY_OPENING.match(key) and not text.lstrip()[:1].islower())
        or _place_date_split(key) or _in_capitals(text) or is_motto(text)
    )


def _in_capitals(text: str) -> bool:
    """Several words printed in capitals, though OCR or restoration may have lowered a few letters
    (`CHỦ TỊCH từ HAN NHÂN DÂN TỈNH`): a heading, never a title in sentence case."""
    letters = [char for char in text if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    return " " in text.strip() and len(letters) > 0 and capitals >= _CAPITALS_SHARE * len(letters)


def _without_specks(text: str) -> str:
    """A title line without the marks OCR reads from specks and rules: `: tư pháp 6 tháng :` ->
    "tư pháp 6 tháng"; a title line neither starts nor ends with them, nor holds them as words, nor
    a point inside a phrase, nor a comma opening a word."""
    text = _SPECK_COMMA.sub("", _SPECK_EDGES.sub("", text))
    return " ".join(_SPECK_POINT.sub(" ", _SPECK_WORD.sub(" ", text)).split())


def _block_after(lines: list[str], index: int) -> list[str]:
    """The non-empty lines from `index` on, skipping leading blanks, up to the title's end: a blank
    line ends it unless the next line goes on in lowercase (OCR opens gaps inside a title)."""
    block: list[str] = []
    printed: list[str] = []
    after_blank = False
    body_width = _body_width(lines)
    for line in lines[index:]:
        text = _without_specks(squash(line))
        if not text:
            after_blank = bool(block)
            continue
        ends = _ends_title(squash(line)) or (bool(block) and _opens_paragraph(block[-1], text, body_width))
        if (after_blank and not text[:1].islower()) or ends or len(block) == _MAX_TITLE_LINES:
            break
        block.append(text)
        printed.append(squash(line))
        after_blank = False
    return [_with_printed_end(text, line, following) for text, line, following in zip(block, printed, [*block[1:], ""])]


def _body_width(lines: list[str]) -> int:
    """Characters in a full line of the page's body: its justified lines outnumber every other
    kind, so the upper quartile of line lengths is one of them."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[3 * len(lengths) // 4] if lengths else 0


def _opens_paragraph(previous: str, text: str, body_width: int) -> bool:
    """`text` is a full line of the body after a title line that had room for its first word: the
    body's first paragraph, though OCR lost the blank line, the rule under the title and the
    capital (`trên địa bàn tỉnh Quảng Ngãi` / `trang thời gian qua, công tác triển khai thi hành
    Luật tố tụng hành`). A title is centred, its lines narrower than the body's."""
    full = len(text) >= _FULL_LINE * body_width
    return full and len(previous) + 1 + len(text.split()[0]) < _FULL_LINE * body_width


def _with_printed_end(text: str, line: str, following: str) -> str:
    """A title line with the punctuation it ends with as printed, which the speck cleaning took:
    `;` or a closing quote against the last word (`phục hồi;`, `“2 con số”`), and a spaced dash
    before a capitalised line (`Bộ Lao động -` / `Thương binh và Xã hội`)."""
    attached = _ATTACHED_END.search(line)
    if attached and not text.endswith(attached[1]):
        return text + attached[1]
    if _SPACED_DASH_END.search(line) and following[:1].isupper() and not text.endswith("-"):
        return text + " -"
    return text


def _from_about(title: str) -> str:
    """The title from its `Về việc` on, when OCR set residue of a stamp beside it before that
    (`0.NG Ã| Về việc tăng cường`): words with signs or digits, which no title opens with."""
    residue = _RESIDUE_BEFORE_ABOUT.match(fold(title))
    return title[residue.end():] if residue else title


def _subject(lines: list[str]) -> str | None:
    """The công văn subject: the text after `V/v`, over as many lines as it takes."""
    for index, line in enumerate(lines[:_HEAD_LINES]):
        if line.lstrip(" \t*_#`")[:1] not in ("V", "v"):
            continue  # the common case, decided without squashing
        text = squash(line)
        match = _SUBJECT.match(fold(text))
        if match:
            return " ".join([_without_specks(text[match.end():]), *_block_after(lines, index + 1)]).strip() or None
    return None


def _subject_under_number(lines: list[str], number: _NumberLine) -> str | None:
    """The subject of a công văn whose `V/v` OCR read as another short word (`MAI báo cáo ...`):
    the line right under the number line, a word of three letters or fewer, then lowercase text."""
    below = _first_printed(lines, number.index + 1, len(lines))
    if below is None:
        return None
    text = squash(lines[below])
    marker = _GARBLED_SUBJECT.match(text)
    if not marker or not text[marker.end():][:1].islower():
        return None
    return " ".join([_without_specks(text[marker.end():]), *_block_after(lines, below + 1)])


def _issuing_agency(printed: list[str], symbol: Symbol | None) -> tuple[str | None, str | None]:
    """(agency, parent) as printed; without a printed block, the agency the symbol names."""
    if len(printed) >= 2 and printed[-1] != printed[-2]:  # a name printed twice is no parent of itself
        return printed[-1], printed[-2]
    if printed:
        return printed[-1], None
    if symbol is None:
        return None, None
    codes = symbol.text.replace("/", "-").split("-")
    issuer_code = codes[0] if symbol.type_code is None else codes[1] if len(codes) > 1 else None
    return AGENCY_CODES.get(issuer_code or ""), None


def _parent_from_body(agency: str | None, text: str, place: str | None) -> str | None:
    """`VĂN PHÒNG` writes of itself as `Văn phòng UBND tỉnh`; with the place that names the parent."""
    if not agency or not place:
        return None
    pattern = re.escape(fold(agency)).replace(r"\ ", r"\s+") + r"\s+(ubnd|hdnd)\s+(tinh|thanh\s+pho|huyen)\b"
    match = re.search(pattern, fold(text))
    if not match:
        return None
    council = "HĐND" if match[1] == "hdnd" else "UBND"
    level = {"tinh": "TỈNH", "huyen": "HUYỆN"}.get(match[2], "THÀNH PHỐ")
    return f"{council} {level} {place.upper()}"


def _printed_symbol(number: _NumberLine | None, doc_type: str | None, agency: str | None) -> Symbol | None:
    """The number line's symbol, unknown codes in it read as the type and agency the header prints."""
    if number is None:
        return None
    return repaired_symbol(number.symbol, _TYPE_CODES.get(doc_type or ""), agency_code(agency) if agency else None)


@dataclass(frozen=True)
class _Head:
    """The agency block, number line and place-and-date line of a header."""

    number: _NumberLine | None
    place: str | None
    issue_date: str | None
    date_index: int | None
    agency: str | None
    parent: str | None


def _head(lines: list[str]) -> _Head:
    number = _number_line(lines)
    printed_place, issue_date, date_index = _place_and_date(lines, number)
    head_end = min(index for index in (number and number.index, date_index, len(lines)) if index is not None)
    place = _place(printed_place, province_after_level(" ".join(lines[:head_end]))) if head_end < len(lines) else None
    # without a number or date line to stand on, no line is known to be the agency's
    printed = [line for line in lines[:head_end] if line.strip()] if head_end < len(lines) else []
    block = printed[-_AGENCY_BLOCK_LINES:]
    agency, parent = _issuing_agency(agency_lines(block), number.symbol if number else None)
    return _Head(number, place, issue_date, date_index, agency, parent)


def _consolidation_head(closing_text: str) -> _Head | None:
    """The head of a consolidated text (`VBHN`), which prints it at its end, in the authentication
    block beside `XÁC THỰC VĂN BẢN HỢP NHẤT`: agency, `Số: 46/VBHN-BQP`, place and date; page 1
    holds only the motto, the type and the title."""
    lines = closing_text.splitlines()
    for index, line in enumerate(lines):
        if _SO.match(fold(line)) and _CONSOLIDATED.search(fold(line)):
            head = _head(lines[max(0, index - _AGENCY_BLOCK_LINES):])
            return head if head.number else None
    return None


def _heads(lines: list[str], closing_text: str | None) -> tuple[_Head, _Head | None]:
    """Page 1's head, and a consolidated text's from the end of `closing_text` when page 1 has
    neither a number nor a date line (None otherwise, or when it has no authentication block)."""
    first = _head(lines)
    if first.number is None and first.date_index is None and closing_text is not None:
        return first, _consolidation_head(closing_text)
    return first, None


def head_on_closing_page(text: str, closing_text: str | None) -> bool:
    """Whether extract_header takes the number and date lines from `closing_text` (a consolidated
    text's authentication block) rather than from page 1 `text`."""
    return _heads(text.splitlines(), closing_text)[1] is not None


def extract_header(text: str, closing_text: str | None = None) -> Header:
    """Header fields of a document whose first page is `text` (and last page `closing_text`)."""
    lines = text.splitlines()
    first, consolidated = _heads(lines, closing_text)
    number, date_index = first.number, first.date_index
    head = consolidated or first
    place, issue_date, agency = head.place, head.issue_date, head.agency
    parent = head.parent or _parent_from_body(agency, text, place)
    after_head = max(index for index in (number and number.index, date_index, -1) if index is not None) + 1
    doc_type, type_index = _type_line(lines, after_head)
    subject = _subject(lines)
    symbol = _printed_symbol(head.number, doc_type, agency)
    # a `V/v` subject is printed on a công văn only: its symbol's first code is then its issuer's
    # (`CT-CS`, Cục Thuế), not a type
    if doc_type is None and subject is None and symbol and symbol.type_code:
        doc_type = DOC_TYPES[symbol.type_code]
        type_index = _illegible_type_line(lines, after_head)
    if type_index is not None:
        title = " ".join(_block_after(lines, type_index + 1)) or None
    elif subject is None and number and symbol and symbol.type_code is None:
        title = subject = _subject_under_number(lines, number)
    else:
        title = subject
    if doc_type is None and (subject or symbol):
        doc_type = OFFICIAL_LETTER
    closing = closing_text if closing_text is not None else text
    signature = extract_signature(closing)
    document = text if closing_text is None else f"{text}\n{closing_text}"
    title = _from_about(title) if title else None
    title = numbered_quarter(with_about_opening(respelled_title(title, document)), document) if title else None
    stated = parse_period(title) if title else None
    period = stated and confirmed_period(stated, document)
    if title and stated and period:
        title = restated_title(title, stated, period)
    number_text = head.number.number if head.number else None
    return Header(
        agency=agency,
        parent_agency=parent,
        doc_type=doc_type,
        number=number_text,
        symbol=symbol.text if symbol else None,
        number_symbol=_own_number_symbol(number_text, symbol),
        place=place,
        issue_date=issue_date,
        title=title,
        recipients=extract_recipients(text if closing_text is None else f"{text}\n{closing_text}"),
        signer=signature.name,
        signer_authority=signature.authority,
        signer_title=signature.title,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        period_text=period.text if period else None,
    )


def _own_number_symbol(number: str | None, symbol: Symbol | None) -> str | None:
    """`937/BC-VP`; None for a draft whose number is still blank."""
    return number_symbol(number, symbol) if number and symbol else None
