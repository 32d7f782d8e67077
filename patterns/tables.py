"""Statistics tables, rebuilt from OCR word boxes or from text whose columns survived as `|` or wide gaps."""

from __future__ import annotations

import re
import statistics as stats
from collections.abc import Sequence
from dataclasses import dataclass

from patterns.model import Statistic, WordBox
from patterns.text import fold, parse_number, squash
from patterns.units import unit_after
from patterns.vocab import VND_PER_UNIT

Grid = tuple[tuple[str, ...], ...]

# A gap this many word-heights wide separates columns; word spacing is about a third of a height.
_COLUMN_GAP_HEIGHTS = 1.5
# Words whose vertical centres are this close (in word-heights) share a row.
_ROW_OVERLAP_HEIGHTS = 0.5
_NUMERIC_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(%?)\s*$")
_ORDINAL = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxlIVXL]+\.?|[a-zđ]\))\s*$")
_TEXT_CELLS = re.compile(r"\s*\|\s*|\s{2,}")
_RULE_ROW = re.compile(r"^[\s|:\-+=]*$")
_HEADER_UNIT = re.compile(r"\(([^)]+)\)")
_UNIT_HEADERS = ("don vi tinh", "dvt")  # a bare `Đơn vị` column names the reporting unit
_ORDINAL_HEADERS = ("stt", "tt", "so tt")
_NOTE_HEADERS = ("ghi chu",)
_MIN_TEXT_CELLS = 3


@dataclass(frozen=True)
class Table:
    page: int
    header: tuple[str, ...]  # column titles; empty strings where none was printed
    rows: Grid  # data rows, cells aligned to the header's columns
    statistics: tuple[Statistic, ...]


@dataclass(frozen=True)
class _Cell:
    text: str
    left: int
    right: int


def _numeric(cell: str) -> re.Match[str] | None:
    return _NUMERIC_CELL.match(cell)


# --- word boxes to grid -----------------------------------------------------------------------


def _rows_of_words(words: Sequence[WordBox]) -> list[list[WordBox]]:
    """Words grouped into visual rows by vertical centre, each row left to right."""
    height = stats.median(word.height for word in words)
    rows: list[list[WordBox]] = []
    for word in sorted(words, key=lambda w: w.top + w.height / 2):
        centre = word.top + word.height / 2
        if rows and abs(centre - (rows[-1][-1].top + rows[-1][-1].height / 2)) <= _ROW_OVERLAP_HEIGHTS * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.left) for row in rows]


def _cells_of_row(row: list[WordBox], gap: float) -> list[_Cell]:
    cells: list[_Cell] = []
    for word in row:
        if cells and word.left - cells[-1].right <= gap:
            last = cells[-1]
            cells[-1] = _Cell(f"{last.text} {word.text}", last.left, word.left + word.width)
        else:
            cells.append(_Cell(word.text, word.left, word.left + word.width))
    return cells


def _column_spans(rows: list[list[_Cell]]) -> list[tuple[int, int]]:
    """Horizontal extents of the columns: cell extents of all rows merged where they overlap."""
    spans: list[tuple[int, int]] = []
    for left, right in sorted((cell.left, cell.right) for row in rows for cell in row):
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans


def _aligned(rows: list[list[_Cell]]) -> Grid:
    spans = _column_spans(rows)
    grid = []
    for row in rows:
        cells = [""] * len(spans)
        for cell in row:
            index = next(i for i, (left, right) in enumerate(spans) if left <= cell.left <= right)
            cells[index] = f"{cells[index]} {cell.text}".strip()
        grid.append(tuple(cells))
    return tuple(grid)


def _runs(rows: list, is_table_row) -> list[list]:
    """Maximal runs of consecutive rows that look like table rows, at least two long."""
    runs: list[list] = [[]]
    for row in rows:
        if is_table_row(row):
            runs[-1].append(row)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= 2]


def grids_from_words(words: Sequence[WordBox]) -> list[Grid]:
    """Column-aligned grids of the tables on a page: runs of rows that split into 2+ cells."""
    words = [word for word in words if word.text.strip()]
    if not words:
        return []
    gap = _COLUMN_GAP_HEIGHTS * stats.median(word.height for word in words)
    rows = [_cells_of_row(row, gap) for row in _rows_of_words(words)]
    return [_aligned(run) for run in _runs(rows, lambda cells: len(cells) >= 2)]


# --- text to grid -----------------------------------------------------------------------------


def _text_cells(line: str) -> tuple[str, ...]:
    if "|" not in line and "  " not in line.strip():
        return (line.strip(),)  # the common prose line: one cell, no splitting needed
    if _RULE_ROW.match(line):
        return ()
    return tuple(squash(cell) for cell in _TEXT_CELLS.split(line.strip().strip("|")))


def grids_from_text(text: str) -> list[Grid]:
    """Grids of the tables in plain text: runs of lines with 3+ cells split by `|` or 2+ spaces."""
    lines = [line for line in text.splitlines() if not (line.strip() and _RULE_ROW.match(line))]
    rows = [_text_cells(line) for line in lines]
    return [tuple(run) for run in _runs(rows, lambda cells: len(cells) >= _MIN_TEXT_CELLS)]


# --- grid to statistics -----------------------------------------------------------------------


def _split_header(grid: Grid) -> tuple[tuple[str, ...], Grid]:
    """Leading rows without numbers are the header (cells of multi-line titles joined)."""
    width = max(len(row) for row in grid)
    padded = [row + ("",) * (width - len(row)) for row in grid]
    count = 0
    while count < len(padded) and not any(_numeric(cell) for cell in padded[count]):
        count += 1
    header = tuple(" ".join(filter(None, (row[i] for row in padded[:count]))) for i in range(width))
    return header, tuple(padded[count:])


def _header_is(header: str, names: tuple[str, ...]) -> bool:
    key = fold(header).strip(" .:")
    return key in names


def _label_column(header: tuple[str, ...], rows: Grid, skipped: set[int]) -> int | None:
    for index in range(len(header)):
        if index in skipped:
            continue
        texts = [row[index] for row in rows if row[index]]
        if texts and sum(1 for cell in texts if not _numeric(cell)) * 2 > len(texts):
            return index
    return None


def _ordinal_column(header: tuple[str, ...], rows: Grid) -> int | None:
    for index, title in enumerate(header):
        if _header_is(title, _ORDINAL_HEADERS):
            return index
    first = [row[0] for row in rows if row[0]]
    if first and all(_ORDINAL.match(cell) for cell in first) and len(header) > 2:
        return 0
    return None


def _unit_of_text(text: str) -> str | None:
    found = unit_after(fold(f"0 {text}"), 1)
    return found.unit if found else None


def _column_unit(title: str) -> str:
    """`Tỷ lệ (%)` -> %, `Số hồ sơ (hồ sơ)` -> hồ sơ, `Tỷ lệ` -> %; "" when the title names none."""
    bracket = _HEADER_UNIT.search(title)
    if bracket and (unit := _unit_of_text(bracket[1])):
        return unit
    if fold(title).startswith("ty le"):
        return "%"
    return ""


def table_statistics(grid: Grid, page: int) -> Table:
    """Each numeric cell as a Statistic labelled by its row; unit from the unit column or header."""
    header, rows = _split_header(grid)
    ordinal = _ordinal_column(header, rows)
    unit_column = next((i for i, title in enumerate(header) if _header_is(title, _UNIT_HEADERS)), None)
    notes = {i for i, title in enumerate(header) if _header_is(title, _NOTE_HEADERS)}
    skipped = {i for i in (ordinal, unit_column) if i is not None} | notes
    label_column = _label_column(header, rows, skipped)
    value_columns = [i for i in range(len(header)) if i not in skipped and i != label_column]
    found: list[Statistic] = []
    for row_index, row in enumerate(rows):
        label = row[label_column] if label_column is not None else ""
        for column in value_columns:
            number = _numeric(row[column])
            if not number:
                continue
            unit = "%" if number[2] else (
                (unit_column is not None and _unit_of_text(row[unit_column])) or _column_unit(header[column])
            )
            value = parse_number(number[1])
            per_unit = VND_PER_UNIT.get(unit)
            titled = f"{label} ({header[column]})" if len(value_columns) > 1 and header[column] else label
            found.append(Statistic(
                page=page, label=titled, value=value, unit=unit,
                value_vnd=value * per_unit if per_unit is not None else None,
                context=" | ".join(cell for cell in row if cell), source="table",
                table_row=row_index, table_col=column,
            ))
    return Table(page, header, rows, tuple(found))


def _with_numbers(tables: list[Table]) -> list[Table]:
    return [table for table in tables if table.statistics]


def extract_tables(words: Sequence[WordBox], page: int) -> list[Table]:
    """Statistics tables of a page from its OCR word boxes."""
    return _with_numbers([table_statistics(grid, page) for grid in grids_from_words(words)])


def extract_text_tables(text: str, page: int) -> list[Table]:
    """Statistics tables of a text-only page (`|` separated or column-aligned with spaces)."""
    return _with_numbers([table_statistics(grid, page) for grid in grids_from_text(text)])


def without_table_lines(text: str, tables: list[Table]) -> str:
    """The text with lines that repeat a table row or cell blanked, so prose extraction skips them."""
    if not tables:
        return text
    covered = {" ".join(filter(None, row)) for table in tables for row in (table.header, *table.rows)}
    covered |= {cell for table in tables for row in table.rows for cell in row if cell}
    return "\n".join(
        "" if " ".join(filter(None, _text_cells(line))) in covered else line for line in text.splitlines()
    )
