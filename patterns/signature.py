"""The closing block: `Kính gửi` / `Nơi nhận` recipients and the signer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from patterns.text import fold, squash
from patterns.vocab import AUTHORITIES, DEPUTIES, POSITIONS

# Markers at a line start, markup allowed around them (`***Nơi nhận:***`).
_TO = re.compile(r"^[\s*_]*k[^\s:]{2,3}\s+g[^\s:]{1,3}[\s*_]*:[ \t*_]*", re.M)  # Kính gửi / Kinh gtri
_RECEIVERS = re.compile(r"^[\s*_]*n\S{1,2}i\s+nh[^\s:]{1,3}[\s*_]*:[ \t*_]*", re.M)  # Nơi nhận / Noi nhin
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


@dataclass(frozen=True)
class Signature:
    authority: str | None
    title: str | None
    name: str | None


def _squashed_lines(text: str) -> list[str]:
    """Lines without markup: restored pages print `***Nơi nhận:***` and `**KT. CHÁNH VĂN PHÒNG**`."""
    return [squash(line) for line in text.splitlines()]


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


def _position(line: str) -> tuple[str | None, str | None]:
    """(authority mark, position) printed on a line; the position is read fuzzily."""
    key = _LEADING_MARKS.sub("", fold(line))  # OCR prints rules and specks before the column
    authority = _AUTHORITY.match(key)
    mark = None
    if authority:
        mark = next(m for m in AUTHORITIES if fold(m) == authority[1])
        key = key[authority.end():]
    best = process.extractOne(key, _POSITION_KEYS, scorer=fuzz.ratio, score_cutoff=_POSITION_MIN_SCORE)
    return mark, _POSITIONS_BY_KEY[best[0]] if best else None


def _signature_lines(text: str) -> list[str]:
    """The last lines, with `Nơi nhận:` and its items replaced by what follows on the marker line."""
    lines: list[str] = []
    for line in _squashed_lines("\n".join(text.splitlines()[-_TAIL_LINES:])):
        receivers = _RECEIVERS.match(fold(line))
        if receivers:
            line = line[receivers.end():]
        right = _RIGHT_OF_ITEM.match(line)
        if right:
            line = right[1]
        if line.strip() and not _ITEM.match(line):
            lines.append(line.strip())
    return lines


def _deputy(authority: str | None, title: str | None) -> str | None:
    """`KT.` (signing for the head) means a deputy signs: `KT. GIÁM ĐỐC` is signed by a Phó Giám đốc,
    even when OCR lost the deputy's own line."""
    if authority != "KT." or title is None or title.startswith("Phó") or title in DEPUTIES.values():
        return title
    deputy = DEPUTIES.get(title, f"Phó {title}")
    return deputy if deputy in POSITIONS else title


def _is_personal_name(line: str) -> bool:
    """Two to five capitalised words, as a signer's name is printed (`Lê Chí Phương`, `Nguyễn Thị Y`);
    the debris OCR makes of a signature under a seal (`z hi`, `c SN`) is not one."""
    words = line.split()
    return 2 <= len(words) <= 5 and len(words[0]) > 1 and all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower()) for word in words
    )


def extract_signature(text: str) -> Signature:
    """Authority mark, position (`Phó Chánh Văn phòng`) and name of the signer at the end of `text`.

    After `TL.` or `TUQ.` the position on the mark's line is the principal's (`TL. CHỦ TỊCH`), not
    the signer's, who is named on the next line (`CHÁNH VĂN PHÒNG`).
    """
    authority = title = name = None
    for line in _signature_lines(text):
        mark, position = _position(line)
        if mark in _FOR_PRINCIPAL:
            authority, title, name = mark, None, None
        elif position:
            authority, title, name = mark or authority, position, None
        elif mark and title is None:
            authority = mark
        elif title and name is None and _is_personal_name(line):
            name = line
    return Signature(authority, _deputy(authority, title), name)
