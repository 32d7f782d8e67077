"""The header's number and issue day from handwriting.

pipeline.handwriting reads the blanks of the number and date lines that Tesseract could not read
as print (`Số:   /QĐ-UBND`, `ngày   tháng 01 năm 2025` filled in by pen): what Tesseract made of
that ink is a guess (`915` for 575, `66` for 86), so the recogniser's reading replaces it, and an
unsure reading leaves the field empty rather than keep the guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from domain.records import HandwrittenField, Header


def with_handwriting(
    header: Header, fields: Sequence[HandwrittenField]
) -> tuple[Header, tuple[HandwrittenField, ...]]:
    """`header` with its number and the day of its issue date as the handwritten `fields` read
    them, and the fields it stands on: those taken, and those left empty as unsure. A day needs
    the printed month and year; a day that makes no date with them (`31` in February) is unsure."""
    used = []
    for field in fields:
        if field.kind == "number" and _fragment_of(field.text, header.number):
            continue  # the recogniser saw part of what Tesseract read whole (`19` of a printed `1964`)
        if field.kind == "number":
            header = replace(header, number=field.text, number_symbol=_number_symbol(field.text, header))
            used.append(field)
        elif field.kind == "day" and header.issue_date and len(header.issue_date) >= len("2025-02"):
            month = header.issue_date[:7]
            issued = _dated(month, field.text) if field.text else None
            header = replace(header, issue_date=issued or month)
            used.append(field if issued or field.text is None else replace(field, text=None))
    return header, tuple(used)


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
