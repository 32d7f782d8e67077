"""What a person checks by eye: each OCR word with its box and confidence, and how sure OCR was of
each extracted value.

A page's confidence hides the one misread number (63 among words at 96), so a value gets its own:
the lowest confidence among the words it was read from. The words are placed on the lines of the
page text (`pages.raw_text`, whose lines restoration keeps), the numbering `statistics.line` uses,
and a value's words are found by its digits among the words of its line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from domain.records import PageReading, WordBox
from pipeline.dataset import DocumentRows

_NOT_DIGITS = re.compile(r"\D")


def add_words(rows: DocumentRows, readings: Sequence[PageReading]) -> None:
    """Give the document's rows its words (a scan's readings have them) and its values their confidence."""
    document = rows.documents[0]
    rows.words = word_rows(document["doc_id"], readings)
    if document["number_source"] != "handwritten":  # a handwritten number has the recogniser's confidence
        document["number_confidence"] = number_confidence(rows.words, document["number"], document["number_page"])
    for statistic in rows.statistics:
        statistic["confidence"] = value_confidence(rows.words, statistic["page"], statistic["line"], statistic["value"])
    for figure in rows.figures:
        figure["confidence"] = rows.statistics[figure["statistic"]]["confidence"]


def word_rows(ident: str, readings: Sequence[PageReading]) -> list[dict]:
    """One `words` row per OCR word of each page, in the order OCR gave them."""
    return [
        {"doc_id": ident, "page": reading.number, "line": line, "text": word.text, "left": word.left,
         "top": word.top, "width": word.width, "height": word.height, "confidence": round(word.confidence, 2)}
        for reading in readings
        for word, line in zip(reading.words, text_lines(reading), strict=True)
    ]


def text_lines(reading: PageReading) -> list[int | None]:
    """The line of `reading.raw_text` (1-based) each of its words is printed on, None if on none.

    The text is the words joined by spaces, line by line, but in reading order (a two-column band
    is the left column, then the right), not OCR's: each token takes the next unplaced word with
    its text, one of the same OCR line as the token before it when there is one, so a word printed
    on several lines (`năm`, `hồ`) is placed on the line it sits on."""
    unplaced: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(reading.words):
        unplaced[word.text].append(index)
    lines: list[int | None] = [None] * len(reading.words)
    for number, line in enumerate(reading.raw_text.splitlines(), 1):
        previous: WordBox | None = None
        for token in line.split():
            candidates = unplaced.get(token)
            if not candidates:
                continue
            index = next((i for i in candidates if previous and reading.words[i].line_key == previous.line_key),
                         candidates[0])
            candidates.remove(index)
            lines[index] = number
            previous = reading.words[index]
    return lines


def digits(printed: str) -> str:
    """A number's significant digits, whatever its format: `55.653`, `55653` and 55653.0 give
    `55653`, `99,8%` and 99.8 give `998`, `1,5` (nghìn) and 1500 give `15`."""
    return _NOT_DIGITS.sub("", printed).strip("0")


def value_digits(value: float) -> str:
    return digits(f"{value:.6f}")


def value_confidence(words: Sequence[dict], page: int, line: int | None, value: float) -> float | None:
    """The lowest confidence of the words on `page` (on `line`, when known: a table cell has none)
    that print `value`; None when no word does (a number split over two words, a text input)."""
    wanted = value_digits(value)
    found = [w["confidence"] for w in words
             if w["page"] == page and (line is None or w["line"] == line) and digits(w["text"]) == wanted]
    return min(found) if wanted and found else None


def number_confidence(words: Sequence[dict], number: str | None, page: int | None) -> float | None:
    """The confidence of the document's number (`Số: 937/BC-VP`): the words on `page` (1, or a
    consolidated text's last) printing its digits, on the first line that does."""
    wanted = digits(number or "")
    found = [w for w in words if w["page"] == page and w["line"] is not None and digits(w["text"]) == wanted]
    if not wanted or not found:
        return None
    first = min(w["line"] for w in found)
    return min(w["confidence"] for w in found if w["line"] == first)
