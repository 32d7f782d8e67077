"""The header's number and issue day, and month, from handwriting.

pipeline.handwriting reads the blanks of the number and date lines that Tesseract could not read
as print (`Số:   /QĐ-UBND`, `ngày   tháng 01 năm 2025` filled in by pen): what Tesseract made of
that ink is a guess (`915` for 575, `66` for 86), so the recogniser's reading replaces it, and an
unsure reading leaves the field empty rather than keep the guess. A month is written by pen too
now and then (`ngày 04 tháng 01 năm 2021`, the year printed): it is taken where no printed month
was read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from domain.records import HandwrittenField, Header


def with_handwriting(
    header: Header, fields: Sequence[HandwrittenField]
) -> tuple[Header, tuple[HandwrittenField, ...]]:
    """`header` with its number, and the day (and month) of its issue date, as the handwritten
    `fields` read them, and the fields it stands on: those taken, and those left empty as unsure.
    A day needs a month and the printed year; a month is taken only where the header has the year
    alone (no printed month was read); a day that makes no date with them (`31` in February) is
    unsure."""
    kinds = {field.kind: field for field in fields}
    used = []
    number = kinds.get("number")
    # a reading of fewer digits than Tesseract read is part of a number printed whole (`19` of `1964`)
    if number and not _fragment_of(number.text, header.number):
        header = replace(header, number=number.text, number_symbol=_number_symbol(number.text, header))
        used.append(number)
    issued, month, day = header.issue_date, kinds.get("month"), kinds.get("day")
    if issued and len(issued) == len("2025") and month:
        issued = f"{issued}-{int(month.text):02d}" if month.text else issued
        used.append(month)
    if issued and len(issued) >= len("2025-02") and day:
        dated = _dated(issued[:7], day.text) if day.text else None
        issued = dated or issued[:7]
        used.append(day if dated or day.text is None else replace(day, text=None))
    return replace(header, issue_date=issued), tuple(used)


def _fragment_of(read: str | None, printed: str | None) -> bool:
    """Whether a sure handwritten reading is fewer digits than Tesseract read in the slot, and its
    start: the ink it segmented is part of a number that is printed (hard-tier sample 12: `19` of
    `1964`), not a pen's guessed-at number, which Tesseract reads with as many digits or fewer."""
    return bool(read and printed and printed.isdigit() and len(read) < len(printed) and printed.startswith(read))


def _number_symbol(number: str | None, header: Header) -> str | None:
    """`575/UBND-KTTH`: the printed number-symbol with its number replaced (its year kept:
    `37/2020/QĐ-UBND`), or the number and the symbol joined as a Party document's (`02-CTr/BCĐ`)
    or a State one's."""
    if number is None or header.symbol is None:
        return None
    if header.number and header.number_symbol and header.number_symbol.startswith(header.number):
        return number + header.number_symbol[len(header.number) :]
    return f"{number}-{header.symbol}" if "/" in header.symbol else f"{number}/{header.symbol}"


def _dated(month: str, day: str) -> str | None:
    """`2025-02-04` from `2025-02` and day `04`; None when that is no date."""
    try:
        return date(int(month[:4]), int(month[5:7]), int(day)).isoformat()
    except ValueError:
        return None
