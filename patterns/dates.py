"""Dates anywhere in the text: `dd/mm/yyyy`, `ngày dd tháng mm năm yyyy`, and ranges of them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from domain.records import DateMention
from patterns.text import fold

# Matched on the folded text; OCR garbles the words (`thding`, `nim`) but rarely the digits.
# Lookbehinds sit after the first character so that the regex engine can skip ahead to it.
_NUMERIC = re.compile(r"(\d(?<![\d/.]\d)\d?)\s?([/.-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2})(?!\d)")
# OCR may read a space as a mark (`09:tháng`, `tháng'9`), so gaps also take a few marks.
_GAP = r"[\s:.'‘’]"
_MONTH_GAP = r"[\s:.'‘’_-]"  # a speck may sit before the month too: `tháng -12`
# OCR may also lose the space between a word and a number (`ngày22`, `tháng 10năm`, a pen's day
# against the month: `0†tháng 02`, or against `ngày`: `ngày% tháng 01`, `ngàyÂtháng 01`, which
# lost three real scans their printed month and year) and the g of `ngày` (`này24`, `này 24`:
# before digits only, `này` is a common word). patterns.header finds the date line by the same
# `ngày` (folded), so that every date this module reads there opens one.
DAY_WORD = r"n(?<!\wn)(?:g\S{1,2}y(?!\w)|g\S{1,2}y(?=[^\s\d]{1,3}th)|g?\S{1,2}y(?=\s?\d))"
_SPELLED = re.compile(
    DAY_WORD + _GAP + r"*(?:([^\s:.'‘’]{1,3})" + _GAP + r"*)?th[^\s\d]{1,4}"
    + _MONTH_GAP + r"*(\d{1,2})\s*,?" + _GAP + r"*n\S{1,3}\s+((?:19|20)\d{2})(?!\d)"
)
_RANGE_LINK = re.compile(r"\s*(?:-|–|den|toi)\s*(?:ngay\s+)?")


def iso_date(year: int, month: int, day: str | None) -> str | None:
    """ISO date; YYYY-MM when the day is missing or not a valid day; None for an invalid month."""
    if not 1 <= month <= 12:
        return None
    if day and day.isdigit():
        try:
            return datetime.date(year, month, int(day)).isoformat()
        except ValueError:
            pass
    return f"{year:04d}-{month:02d}"


def _single_dates(text: str, key: str, page: int) -> list[tuple[int, int, DateMention]]:
    found = []
    for match in _NUMERIC.finditer(key):
        date = iso_date(int(match[4]), int(match[3]), match[1])
        if date and len(date) == 10:  # a numeric date with an impossible day is no date
            found.append((match.start(), match.end(), DateMention(page, text[match.start():match.end()], date)))
    for match in _SPELLED.finditer(key):
        date = iso_date(int(match[3]), int(match[2]), match[1])
        if date:
            found.append((match.start(), match.end(), DateMention(page, text[match.start():match.end()], date)))
    return sorted(found, key=lambda item: item[0])


@dataclass(frozen=True)
class LocatedDate:
    start: int  # offsets in the text it was found in
    end: int
    mention: DateMention


def located_dates(text: str, key: str, page: int = 1) -> list[LocatedDate]:
    """Every single date (no ranges) with its offsets, in reading order; `key` is `fold(text)`."""
    return [LocatedDate(start, end, mention) for start, end, mention in _single_dates(text, key, page)]


def extract_dates(text: str, page: int = 1) -> tuple[DateMention, ...]:
    """Every date in reading order; two dates joined by `-` or `đến` become one range."""
    key = fold(text)
    singles = _single_dates(text, key, page)
    mentions: list[DateMention] = []
    index = 0
    while index < len(singles):
        start, end, mention = singles[index]
        if index + 1 < len(singles):
            next_start, next_end, next_mention = singles[index + 1]
            if _RANGE_LINK.fullmatch(key, end, next_start):
                mention = DateMention(page, text[start:next_end], mention.date, next_mention.date)
                index += 1
        mentions.append(mention)
        index += 1
    return tuple(mentions)
