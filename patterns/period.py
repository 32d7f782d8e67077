"""The period a report covers: `6 tháng đầu năm 2023`, `Quý I năm 2023`, `tháng 02 năm 2024`, `năm 2023`."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass

from patterns.dates import extract_dates
from patterns.text import fold, squash

_YEAR = r"((?:19|20)\d{2})"
_YEAR_WORD = r"n\S{1,3}\s+" + _YEAR  # năm / nam / nim
_SPELLED_COUNTS = {"sau": 6, "chin": 9, "ba": 3}
# Ordered most specific first; all on the folded text.
# `9 tháng năm 2023` counts from January, like `9 tháng đầu năm 2023`.
_PART_OF_YEAR = re.compile(r"\b(\d{1,2}|sau|chin|ba)\s+thang\s+(?:(dau|cuoi)\s+)?" + _YEAR_WORD)
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|" + r"n\S{1,3})\s*)" + _YEAR)
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|n\S{1,3}\s+)\s*" + _YEAR)
_WHOLE_YEAR = re.compile(r"\b" + _YEAR_WORD)
# `quý năm 2021`, `quý TH năm 2024`: OCR lost the quarter's numeral or read it as no numeral.
_BARE_QUARTER = re.compile(r"\bquy\s+(?:(?!(?:iv|iii|ii|i|[1-4])\s)\S{1,3}\s+)?(?=" + _YEAR_WORD + ")")
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_CONFIRMATIONS = 2  # mentions of another period that outweigh the title's
_MONTHS_IN_YEAR = 12
# The tasks a report sets for the next period, after the results of its own (`và phương hướng,
# nhiệm vụ quý II`).
_TASKS_AHEAD = re.compile(r",?\s+va\s+(?:phuong\s+huong|nhiem\s+vu|ke\s+hoach)(?![a-z])")
_ENDS_WITH_YEAR_WORD = re.compile(r"\sn\S{1,3}$")
# A day's date names no period: a title cites a document by it (`… thực hiện Chỉ thị số 49-CT/TW
# ngày 28 tháng 6 năm 2025 …` was read as June 2025).
_DAY_DATE = re.compile(r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+" + _YEAR_WORD)


@dataclass(frozen=True)
class Period:
    start: str  # ISO date
    end: str
    text: str  # as printed


def _month_span(year: int, first_month: int, last_month: int) -> tuple[str, str]:
    last_day = calendar.monthrange(year, last_month)[1]
    return f"{year:04d}-{first_month:02d}-01", f"{year:04d}-{last_month:02d}-{last_day:02d}"


def _part_of_year(match: re.Match[str]) -> tuple[str, str] | None:
    count = int(match[1]) if match[1].isdigit() else _SPELLED_COUNTS[match[1]]
    if not 1 <= count <= 12:
        return None
    year = int(match[3])
    return _month_span(year, 13 - count, 12) if match[2] == "cuoi" else _month_span(year, 1, count)


def _quarter(match: re.Match[str]) -> tuple[str, str]:
    number = int(match[1]) if match[1].isdigit() else _QUARTER_NUMBERS[match[1]]
    return _month_span(int(match[2]), 3 * number - 2, 3 * number)


def _month(match: re.Match[str]) -> tuple[str, str] | None:
    month = int(match[1])
    return _month_span(int(match[2]), month, month) if 1 <= month <= 12 else None


def _whole_year(match: re.Match[str]) -> tuple[str, str]:
    return _month_span(int(match[1]), 1, 12)


# Periods of several months; a month alone is too often a date's (`ngày 05 tháng 4 năm 2023`).
_SEVERAL_MONTHS = ((_PART_OF_YEAR, _part_of_year), (_QUARTER, _quarter))
_PATTERNS = (*_SEVERAL_MONTHS, (_MONTH, _month), (_WHOLE_YEAR, _whole_year))


def parse_period(text: str) -> Period | None:
    """The most specific period named in `text` (a title), as ISO start and end dates.

    A date range (`từ ngày 15/12/2022 đến ngày 14/3/2023`) wins; then `N tháng đầu/cuối năm`,
    `quý`, `tháng`, and finally a bare `năm YYYY`, unless a quarter lost its numeral (`quý năm
    2024`): that period is unknown. A title that goes on to the tasks ahead (`Quý I và phương
    hướng, nhiệm vụ Quý II năm 2023`) reports on the period before them, in the year printed after.
    """
    ranges = [mention for mention in extract_dates(text) if mention.end_date]
    if ranges:
        return Period(ranges[0].date, ranges[0].end_date, squash(ranges[0].text))
    key = _DAY_DATE.sub(lambda date: " " * len(date[0]), fold(text))
    ahead = _TASKS_AHEAD.search(key)
    if ahead and ahead.start() > 0:
        reported = _period_in(text[:ahead.start()], _with_year(key[:ahead.start()], key[ahead.end():]))
        if reported and reported.text:  # a period of the words before `và phương hướng`, not of the year alone
            return reported
    return _period_in(text, key)


def _with_year(key: str, rest: str) -> str:
    """Folded `key` completed with the year `rest` prints first (`quy i` -> `quy i nam 2023`, `6
    thang dau nam` -> `6 thang dau nam 2023`); unchanged when `rest` prints none."""
    year = re.search(_YEAR, rest)
    if not year:
        return key
    return f"{key} {year[1]}" if _ENDS_WITH_YEAR_WORD.search(key) else f"{key} nam {year[1]}"


def _period_in(text: str, key: str) -> Period | None:
    """The most specific period of folded `key`; its text is `text`'s, which `key` may run past."""
    for pattern, span in _PATTERNS:
        if pattern is _WHOLE_YEAR and _BARE_QUARTER.search(key):
            return None  # `quý năm 2024`: a quarter whose numeral OCR lost, not the whole year
        for match in pattern.finditer(key):
            bounds = span(match)
            if bounds:
                return Period(bounds[0], bounds[1], squash(text[match.start():match.end()]))
    return None


def _mentions(key: str) -> list[tuple[str, str, re.Match[str]]]:
    """(start, end, match) of every period of several months named in folded text."""
    return [
        (*bounds, match)
        for pattern, span in _SEVERAL_MONTHS
        for match in pattern.finditer(key)
        if (bounds := span(match))
    ]


def confirmed_period(stated: Period, text: str) -> Period:
    """The title's period, or the one the document's own text repeats instead.

    A report restates its period in its opening, its headings and its closing (`quý III năm 2021`);
    when OCR garbled the title's (`quý II`), the text names another period of the same length and
    year at least twice and the title's nowhere else. Whole years are not overruled (a plan for
    2024 may cite the results of 2023 throughout), nor single months, as dates name months too."""
    length = _months(stated.start, stated.end)
    if not 1 < length < _MONTHS_IN_YEAR:
        return stated
    mentions = _mentions(fold(text))
    counts = Counter((start, end) for start, end, _ in mentions)
    own = (stated.start, stated.end)
    if counts[own] > 1:
        return stated
    for start, end, match in mentions:
        same_span = _months(start, end) == length and start[:4] == stated.start[:4]
        if same_span and (start, end) != own and counts[start, end] >= _CONFIRMATIONS:
            return Period(start, end, squash(text[match.start():match.end()]))
    return stated


def _months(start: str, end: str) -> int:
    return (int(end[:4]) - int(start[:4])) * _MONTHS_IN_YEAR + int(end[5:7]) - int(start[5:7]) + 1


def restated_title(title: str, stated: Period, confirmed: Period) -> str:
    """The title with its period in the words the text confirmed (`quý II năm 2022` -> `quý III
    năm 2022`), the title's own spelling kept where the two agree; unchanged when the confirmed
    period is the stated one or is worded otherwise."""
    printed, repeated = stated.text.split(), confirmed.text.split()
    if confirmed == stated or len(printed) != len(repeated):
        return title
    words = [own if fold(own) == fold(other) else other for own, other in zip(printed, repeated)]
    return title.replace(stated.text, " ".join(words), 1)


def numbered_quarter(title: str, text: str) -> str:
    """The title with the numeral OCR lost from its quarter (`quy năm 2021` -> `quý I năm 2021`),
    the quarter of that year the document's `text` names most often; unchanged when the title's
    quarter has its numeral or the text names none of that year."""
    bare = _BARE_QUARTER.search(fold(title))
    if not bare:
        return title
    named = Counter(
        (match[1].upper(), text[match.start():match.start() + 3]) for match in _QUARTER.finditer(fold(text))
        if match[2] == bare[1]
    )
    if not named:
        return title
    numeral, word = named.most_common(1)[0][0]
    word = word.lower() if title[bare.start()].islower() else word.capitalize()
    return f"{title[:bare.start()]}{word} {numeral} {title[bare.end():]}"
