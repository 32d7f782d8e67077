"""The closing block: `Kính gửi` / `Nơi nhận` recipients and the signer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from domain.vocab import AUTHORITIES, DEPUTIES, POSITIONS, SURNAMES
from patterns.text import fold, squash

# Markers at a line start, markup allowed around them (`***Nơi nhận:***`).
_TO = re.compile(r"^[\s*_]*k[^\s:]{2,3}\s+g[^\s:]{1,3}[\s*_]*:[ \t*_]*", re.M)  # Kính gửi / Kinh gtri
# Nơi nhận / Noi nhin; OCR may read the colon as a point and a speck before it as a letter (`XNơi nhận:`)
_RECEIVERS = re.compile(r"^[\s*_]*[^\W\d_]?n\S{1,2}i\s+nh[^\s:.]{1,3}[\s*_]*[:.][ \t*_]*", re.M)
_ITEM = re.compile(r"^\s*[-+•]\s*")
_NOT_RECIPIENT = re.compile(r"^(?:luu\b|nhu\s+tren)")  # `Lưu: VT` is filing, `Như trên` repeats
_AUTHORITY = re.compile(r"^\s*(" + "|".join(re.escape(fold(mark)) for mark in AUTHORITIES) + r")\s*")
_POSITIONS_BY_KEY = {fold(position): position for position in POSITIONS}
_POSITION_KEYS = tuple(_POSITIONS_BY_KEY)
_POSITION_MIN_SCORE = 85.0
# The signature column printed right of a `Nơi nhận` item: `- Như trên; PHÓ GIÁM ĐỐC`.
_RIGHT_OF_ITEM = re.compile(r"^\s*[-+•~].*?[;.]\s+(.*\w.*)$")
_LEADING_MARKS = re.compile(r"^[\W_]+")
_FOR_PRINCIPAL = frozenset({"TL.", "TUQ."})  # signing by order or by authorisation of the head
_TAIL_LINES = 40
_MAX_POSITION_WORDS = 4  # `PHÓ CHÁNH VĂN PHÒNG`
# Marks around a word that no name holds: quotes, rules, OCR's reading of seal and signature.
_SPECKS = re.compile(r"^[\W_]+|[\W_]+$")
_MENTIONS = frozenset({"ông", "bà"})  # `ông Nguyễn Văn A` mentions a person: Ông is no family name here
_LEADING_DIGITS = re.compile(r"^\d+(?=[^\W\d_])")  # a seal's debris read as a digit before a name's letters
_SURNAME_SET = frozenset(SURNAMES)
_FUZZY_SURNAME_LETTERS = 4
_MIN_NAME_WORDS = 2
_MIN_NAME_WORDS_AFTER_DEBRIS = 3
_MAX_NAME_WORDS = 5
# An item of the `Nơi nhận` list opens with a word after its dash (which OCR may read as `~` or
# `_`); a dash before specks is debris of the signature column (`-_:, GIÁM ĐỐC`).
_LISTED = re.compile(r"^\s*[-+•~_]\s*[^\W_]")
_FILING = re.compile(r"^\s*[-+•]\s*luu\b")  # `- Lưu: VT` closes the list
_BODY_END = re.compile(r"\./\.\s*$")  # `./.` closes the body; the signature comes after it
# Military and police ranks (`Thượng tướng`, `Đại tá`) and academic degrees (`PGS.TS.`, `ThS.`) that
# a signer's name line may open with, on the folded line.
_RANK = re.compile(r"^\W*(?:(?:dai|thuong|trung|thieu)\s+(?:tuong|ta|uy)\s+|(?:(?:p?gs|ts|ths|bs|ks)\.\s*)+)")


@dataclass(frozen=True)
class Signature:
    authority: str | None
    title: str | None
    name: str | None


def _squashed_lines(text: str) -> list[str]:
    """Lines without markup: restored pages print `***Nơi nhận:***` and `**KT. CHÁNH VĂN PHÒNG**`."""
    return [squash(line) for line in text.splitlines()]


def lists_receivers(text: str) -> bool:
    """True when `text` holds a `Nơi nhận:` list, which the signing block stands beside."""
    return bool(_RECEIVERS.search(fold(text)))


def _clean_item(line: str) -> str:
    return _ITEM.sub("", line).rstrip(";,.").strip()


def _list_after(text: str, position: int, same_line_is_item: bool) -> list[str]:
    """Items on the marker's own line (from `position`) and on the item lines right after it."""
    own_line, _, rest = text[position:].partition("\n")
    first = _clean_item(squash(own_line)) if same_line_is_item else ""
    items = [first] if first else []
    for raw in rest.splitlines():
        line = squash(raw)
        if not line:
            if items:
                break
            continue
        if not _ITEM.match(line):
            break
        items.append(_clean_item(line))
    return items


def _first_list(text: str, marker: re.Pattern[str], same_line_is_item: bool) -> list[str]:
    match = marker.search(fold(text))
    return _list_after(text, match.end(), same_line_is_item) if match else []


def extract_recipients(text: str) -> tuple[str, ...]:
    """Recipients from `Kính gửi:` then `Nơi nhận:`, without `Như trên` and `Lưu`.

    Text after `Nơi nhận:` on its own line belongs to the signature column, not to the list.
    """
    found = [*_first_list(text, _TO, True), *_first_list(text, _RECEIVERS, False)]
    unique = dict.fromkeys(item for item in found if item and not _NOT_RECIPIENT.match(fold(item)))
    return tuple(unique)


def _marked_position(text: str) -> tuple[str | None, str | None]:
    """(authority mark, position) that `text` spells, the position read fuzzily."""
    key = _LEADING_MARKS.sub("", fold(text))  # OCR prints rules and specks before the column
    authority = _AUTHORITY.match(key)
    mark = None
    if authority:
        mark = next(m for m in AUTHORITIES if fold(m) == authority[1])
        key = key[authority.end():]
    best = process.extractOne(key, _POSITION_KEYS, scorer=fuzz.ratio, score_cutoff=_POSITION_MIN_SCORE)
    return mark, _POSITIONS_BY_KEY[best[0]] if best else None


def _position(line: str) -> tuple[str | None, str | None]:
    """(authority mark, position) printed on a line, or in the capitals that end it: OCR may turn
    what stands left of the column into debris (`... :_..E. CHỦ TỊCH`)."""
    mark, position = _marked_position(line)
    words = line.split()
    for size in range(min(_MAX_POSITION_WORDS, len(words) - 1), 0, -1):
        if position is not None:
            break
        tail = words[-size:]
        if all(word.isupper() for word in tail):
            mark, position = _marked_position(" ".join(tail))
    return mark, position


def _signature_lines(text: str) -> list[str]:
    """The last lines, with `Nơi nhận:` and its items replaced by what follows on the marker line;
    after the list's closing `Lưu` item, a dash is OCR's reading of a speck (`- Hồ Minh Phương`)."""
    lines: list[str] = []
    filed = False
    for line in _squashed_lines("\n".join(text.splitlines()[-_TAIL_LINES:])):
        key = fold(line)
        receivers = _RECEIVERS.match(key)
        if receivers:
            line, filed = line[receivers.end():], False
        is_item = bool(_LISTED.match(line)) and not filed
        filed = filed or bool(_FILING.match(key))
        if is_item:
            right = _RIGHT_OF_ITEM.match(line)
            if not right:
                continue
            line = right[1]
        if line.strip():
            lines.append(_ITEM.sub("", line).strip() if filed else line.strip())
    return lines


def _deputy(authority: str | None, title: str | None) -> str | None:
    """`KT.` (signing for the head) means a deputy signs: `KT. GIÁM ĐỐC` is signed by a Phó Giám đốc,
    even when OCR lost the deputy's own line."""
    if authority != "KT." or title is None or title.startswith("Phó") or title in DEPUTIES.values():
        return title
    deputy = DEPUTIES.get(title, f"Phó {title}")
    return deputy if deputy in POSITIONS else title


def _personal_name(line: str) -> str | None:
    """The name a line prints: two to five capitalised words (`Lê Chí Phương`, `Nguyễn Thị Y`),
    once the specks and one-letter debris OCR sets around it are dropped (`¬>„ Hồ Chí Đạt`,
    `l Hoàng Ngọc Phương`), and a rank or degree printed before it (`Thượng tướng`, `PGS.TS.`);
    the debris OCR makes of a signature under a seal (`z hi`, `c SN`) is no name."""
    rank = _RANK.match(fold(line))
    words = [_SPECKS.sub("", word) for word in line[rank.end() if rank else 0:].split()]
    words = [word for word in words if word]
    printed = len(words)
    while words and len(words[0]) == 1:
        words.pop(0)
    fragment = _LEADING_DIGITS.sub("", words[0]) if words else ""
    if (
        len(words) > _MIN_NAME_WORDS and fragment[:1].islower() and fragment not in _MENTIONS
        and (whole := _surname_ending(fragment))
    ):
        # the seal took the family name's first letters, or its capital (`ạm Trường Thọ`, `trần`)
        words[0] = whole
        printed = len(words)
    # debris may be what is left of the family name (`i Văn Hưng`): then a whole name must remain
    shortest = _MIN_NAME_WORDS if len(words) == printed else _MIN_NAME_WORDS_AFTER_DEBRIS
    is_name = shortest <= len(words) <= _MAX_NAME_WORDS and all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower()) for word in words
    )
    surname = _surname(words[0]) if is_name else None
    return " ".join([surname, *words[1:]]) if surname else None


def _surnames_by_key() -> dict[str, tuple[str, ...]]:
    spelled: dict[str, tuple[str, ...]] = {}
    for name in SURNAMES:
        spelled[fold(name)] = (*spelled.get(fold(name), ()), name)
    return spelled


_SURNAMES_BY_KEY = _surnames_by_key()
_FUZZY_SURNAME_KEYS = tuple(key for key in _SURNAMES_BY_KEY if len(key) >= _FUZZY_SURNAME_LETTERS)


def _surname(word: str) -> str | None:
    """The family name `word` spells, as the name list writes it when OCR or restoration garbled it
    and only one family name is that close: folding alike (`Le` -> Lê, but `La` may be La or Lã),
    or, for names of four letters or more, one letter apart (`Nguyễu` -> Nguyễn, but `Huàng` may be
    Hoàng or Quang)."""
    if word in _SURNAME_SET:
        return word
    key = fold(word)
    spelled = _SURNAMES_BY_KEY.get(key, ())
    if not spelled and len(key) >= _FUZZY_SURNAME_LETTERS:
        # no key folds alike, so every key within one edit is exactly one letter apart
        near = process.extract(key, _FUZZY_SURNAME_KEYS, scorer=Levenshtein.distance, score_cutoff=1, limit=2)
        spelled = _SURNAMES_BY_KEY[near[0][0]] if len(near) == 1 else ()
    return spelled[0] if len(spelled) == 1 else None


@lru_cache(maxsize=4096)
def _surname_ending(tail: str) -> str | None:
    """The family name `tail` spells without its capital, else the one family name that ends in
    `tail` (two letters or more), with its marks, or else without them (restoration may have
    re-marked the fragment: `rắn` for Trần); None when none or several do."""
    if len(tail) < 2:
        return None
    if whole := _surname(tail.capitalize()):
        return whole
    for key, ending in ((str.lower, tail.lower()), (fold, fold(tail))):
        found = {name for name in SURNAMES if len(name) > len(tail) and key(name).endswith(ending)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def extract_signature(text: str) -> Signature:
    """Authority mark, position (`Phó Chánh Văn phòng`) and name of the signer at the end of `text`.

    After `TL.` or `TUQ.` the position on the mark's line is the principal's (`TL. CHỦ TỊCH`), not
    the signer's, who is named on the next line (`CHÁNH VĂN PHÒNG`).
    """
    authority = title = name = None
    names: list[str] = []
    for line in _signature_lines(text):
        mark, position = _position(line)
        printed_name = _personal_name(line)
        if printed_name:
            names.append(printed_name)
        elif _BODY_END.search(line):
            names.clear()
        if mark in _FOR_PRINCIPAL:
            authority, title, name = mark, None, None
        elif position:
            authority, title, name = mark or authority, position, None
        elif mark and title is None:
            authority = mark
        elif title and name is None and printed_name:
            name = printed_name
    if title is None and authority is None and names:
        name = names[-1]  # OCR lost the position above the name; the name closes the document
    return Signature(authority, _deputy(authority, title), name)
