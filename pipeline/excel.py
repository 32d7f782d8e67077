"""`--excel`: the dataset as a real workbook, `OUT/sohoa.xlsx`, one sheet per table.

CSV makes Excel guess: with Vietnamese regional settings it expects `;` and decimal commas, reads
`01` as 1 and shows a formula guard's apostrophe. A workbook says what each cell is: numbers are
numbers (integers without a decimal part), full ISO dates are dates, text is text (never a
formula), and a cell longer than Excel holds is cut with a marker saying so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd
import xlsxwriter

from pipeline.dataset import atomic_write

WORKBOOK_FILE = "sohoa.xlsx"
CELL_LIMIT = 32_767  # characters Excel keeps in a cell
CUT_MARKER = " […cut: {length} characters, the full text is in the CSV]"
DATE_COLUMNS = frozenset({"issue_date", "period_start", "period_end", "ref_date"})
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def write_workbook(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    """Write each frame (a dataset table, its dtypes from `table_frame`) as a sheet, atomically."""
    atomic_write(path, lambda temporary: _write(frames, temporary))


def fitted_text(text: str) -> str:
    """`text`, or its start and a marker when Excel could not hold it whole."""
    if len(text) <= CELL_LIMIT:
        return text
    marker = CUT_MARKER.format(length=len(text))
    return text[: CELL_LIMIT - len(marker)] + marker


def _write(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    # Written row by row: constant memory however long the pages' text; no string is ever read
    # as a formula, a number or a URL.
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
               "strings_to_urls": False}
    with xlsxwriter.Workbook(str(path), options) as book:
        integer = book.add_format({"num_format": "0"})
        iso_date = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, frame in frames.items():
            sheet = book.add_worksheet(name)
            sheet.freeze_panes(1, 0)
            sheet.write_row(0, 0, list(frame.columns))
            kinds = [str(frame[column].dtype) for column in frame.columns]
            for row_number, row in enumerate(frame.itertuples(index=False), 1):
                for column_number, (column, kind, value) in enumerate(zip(frame.columns, kinds, row, strict=True)):
                    if pd.isna(value):
                        continue
                    if kind == "Int64":
                        sheet.write_number(row_number, column_number, int(value), integer)
                    elif kind == "Float64":
                        sheet.write_number(row_number, column_number, float(value))
                    elif column in DATE_COLUMNS and _FULL_DATE.fullmatch(value):
                        sheet.write_datetime(row_number, column_number, date.fromisoformat(value), iso_date)
                    else:  # partial dates (`2023-06`) stay text: Excel has no month-only date
                        sheet.write_string(row_number, column_number, fitted_text(str(value)))
