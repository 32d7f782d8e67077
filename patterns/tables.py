"""Statistics tables, rebuilt from OCR word boxes or from text whose columns survived as `|` or wide gaps."""

from __future__ import annotations

import re
import statistics as stats
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from domain.records import Statistic, WordBox
from domain.vocab import UNITS, VND_PER_UNIT
from patterns.measures import measure_of, subject_of
from patterns.statistics import label_words
from patterns.text import fold, fold_short, is_page_margin, parse_number, squash
from patterns.units import unit_after

Grid = tuple[tuple[str, ...], ...]

# A gap this many word-heights wide separates columns; word spacing is about a third of a height.
_COLUMN_GAP_HEIGHTS = 1.5
# Words whose vertical centres are this close (in word-heights) share a row.
_ROW_OVERLAP_HEIGHTS = 0.5
# Grid rules OCR'd as text are flat: under half a word height.
_RULE_HEIGHTS = 0.5
# A bordered grid row (text plus padding) is about three word-heights tall.
_GRID_PITCH_HEIGHTS = 3.0
# A number and a word this far apart in a row of columns are in two cells (word spaces: a third).
_NUMBER_GAP_HEIGHTS = 0.8
# A row number in a narrow `STT` column, centred, may sit closer to its label (0.76 word-heights on
# a 200 DPI scan); a word space is a third of a height.
_ROW_NUMBER_GAP_HEIGHTS = 0.5
# Column titles are set a cell padding apart, a word-height or more; word spaces are a third of it.
_TITLE_GAP_HEIGHTS = 0.9
# The title row sits within this many body-row pitches above the first row; the lines of a title
# wrapped in its cell within this many of each other.
_HEADER_REACH = 1.6
_WRAPPED_TITLE_REACH = 0.75
_MAX_HEADER_ROWS = 3
# A number filling its cell; OCR adds specks of the grid at its ends (`.96,3`, `4.024.`, `62.700:`,
# `6.977-`) and may read a thousands dot as a space (`15 645`).
_NUMERIC_CELL = re.compile(r"^[\s._'‘’|\-]*(\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(%?)[\s.,:;'‘’|\-]*$")
_LOST_DECIMAL = re.compile(r"\d{3}")
_ORDINAL = re.compile(r"^[\s.'‘’|]*(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxlIVXL]+\.?|[a-zđ]\))\s*$")
_TEXT_CELLS = re.compile(r"\s*\|\s*|\s{2,}")
_RULE_ROW = re.compile(r"^[\s|:\-+=]*$")
_HEADER_UNIT = re.compile(r"\(([^)]+)\)")
_BRACKETED = re.compile(r"\([^)]*(?:\)|$)")
_UNIT_HEADERS = ("don vi tinh", "dvt")  # a bare `Đơn vị` column names the reporting unit
_ORDINAL_HEADERS = ("stt", "tt", "so tt")
_NOTE_HEADERS = ("ghi chu",)
_WHOLE_HEADERS = ("tiep nhan",)
_SHARE_HEADERS = ("ty le", "ty le giai quyet")  # not `Tỷ lệ đúng hạn`, a share of another count
_PART_HEADERS = ("da giai quyet",)
# Rows of procedures' sectors: a count under a measure there (`Tiếp nhận`) is of dossiers when no
# unit or subject is named, as TTHC are filed by sector.
_SECTOR_HEADERS = ("linh vuc",)
# A printed share this close to its counts' ratio is read right (a count OCR misread by a digit
# moves the ratio less); one further off is OCR's misreading of the short share cell.
_SHARE_TOLERANCE = 2.0
_MIN_TEXT_CELLS = 3
# A row whose label is only a total word sums the others; `Tổng số hồ sơ đã tiếp nhận` is one indicator.
_TOTAL_ROW = re.compile(r"\W*(?:tong cong|tong so|tong|cong|toan (?:tinh|huyen|xa|thanh pho))\W*$")
# A row number as OCR prints it, a `.` read as `,` or `:` (`1.2:2.`), specks of the grid around it.
_ROW_NUMBER_SPECKS = re.compile(r"^[\s|'‘’{}\-]*(\d{1,2}(?:[.,:]\d{1,2})*)[.,]?[\s|'‘’{}\-.]*$")
_PLAIN_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)%?")
_MAX_UNIT_WORDS = max(len(unit.split()) for unit in UNITS)  # a unit cell's words, at most
_MAX_CONTINUATION_WORDS = 8  # the rest of a label wrapped in its cell, at most
# A dotted leader joining a row's label to its values (`Số hồ sơ quá hạn ........ 45`, `…`).
_LEADER = re.compile(r"\s*(?:\.{3,}|…)[.…\s]*")
# Titles of value columns that count another period than the report's: their cells are no headline.
_OTHER_PERIOD_TITLES = re.compile(r"(?<![a-z])(?:luy ke|cung ky|nam truoc|ky truoc|ke hoach)(?![a-z])")


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


@dataclass(frozen=True)
class _Table:
    """Where one table lies among a page's visual rows: [start, end) of its body, header rows above."""

    start: int
    end: int
    header: int  # number of header rows right above `start`


def _legible(words: Sequence[WordBox]) -> list[WordBox]:
    """Words with a letter, a digit or `%` (a unit cell), less grid rules read as flat strokes (`có`
    14 px high); `|`, `_` and `—` are grid rules too."""
    words = [word for word in words if any(char.isalnum() or char == "%" for char in word.text)]
    if not words:
        return []
    height = stats.median(word.height for word in words)
    return [word for word in words if word.height >= _RULE_HEIGHTS * height]


def _centre(word: WordBox) -> float:
    return word.top + word.height / 2


def _row_centre(row: list[WordBox]) -> float:
    return stats.median(_centre(word) for word in row)


def _rows_of_words(words: Sequence[WordBox], height: float) -> list[list[WordBox]]:
    """Words grouped into visual rows by vertical centre, rows top to bottom, words left to right.

    Tesseract's own lines are not used: it often reads a grid column by column."""
    rows: list[list[WordBox]] = []
    for word in sorted(words, key=_centre):
        if rows and abs(_centre(word) - _centre(rows[-1][-1])) <= _ROW_OVERLAP_HEIGHTS * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.left) for row in rows]


def _cells_of_row(row: list[WordBox], gap: float, number_gap: float | None = None,
                  opening_gap: float | None = None) -> list[_Cell]:
    """The row's words joined into cells wherever the space between two words is at most `gap`,
    or at most `number_gap` where a number meets a word, or `opening_gap` after the row number
    opening the row (both set for rows already split in columns)."""
    cells: list[_Cell] = []
    for index, word in enumerate(row):
        space = word.left - cells[-1].right if cells else 0
        if index == 1 and opening_gap is not None and space > opening_gap and _row_number(row[0].text):
            cells.append(_Cell(word.text, word.left, word.left + word.width))
        elif cells and _joins(row, index, space, gap, number_gap):
            last = cells[-1]
            cells[-1] = _Cell(f"{last.text} {word.text}", last.left, word.left + word.width)
        else:
            cells.append(_Cell(word.text, word.left, word.left + word.width))
    return cells


def _joins(row: list[WordBox], index: int, space: float, gap: float, number_gap: float | None) -> bool:
    """Whether word `index` (not the first) is in the cell of the word before it, `space` apart;
    whether each is a number (a row number too: `2.1.1` | `Tiếp nhận trực tuyến` in a narrow `STT`
    column) is asked only when the space alone does not decide."""
    if space > gap:
        return False
    if number_gap is None or space <= number_gap:
        return True
    return _number_like(row[index - 1].text) == _number_like(row[index].text)


def _number_like(text: str) -> bool:
    return bool(_numeric(text) or _row_number(text))


def _row_cells(row: list[WordBox], height: float) -> list[_Cell]:
    """A visual row's cells. In a row that already splits into columns, a number and a word a cell's
    padding apart sit in two cells (`34.725` | `Trực tuyến` in a narrow grid), though closer than
    columns usually are; prose, whose words all sit a word space apart, stays one cell."""
    cells = _cells_of_row(row, _COLUMN_GAP_HEIGHTS * height)
    if len(cells) < 2:
        return cells
    return _cells_of_row(row, _COLUMN_GAP_HEIGHTS * height, _NUMBER_GAP_HEIGHTS * height,
                         _ROW_NUMBER_GAP_HEIGHTS * height)


def _is_data_row(cells: list[_Cell]) -> bool:
    """A label (or ordinal) cell, then at least one number standing in a cell of its own."""
    return len(cells) >= 2 and any(_numeric(cell.text) for cell in cells[1:])


def _stands_alone(cells: list[_Cell]) -> bool:
    """A one-row table (the last row of a table begun on the previous page) needs two numbers or
    three cells: a label and one number apart could be a line of a form."""
    return len(cells) >= 3 or sum(1 for cell in cells[1:] if _numeric(cell.text)) >= 2


def _titles_group(cells: list[list[_Cell]], index: int) -> bool:
    """A row number and a title with no value over a data row: the title row of a group of rows
    (`1` | `Hồ sơ thủ tục hành chính` over `1.1` | `Tổng số hồ sơ …` | `Hồ sơ` | `25.866`)."""
    row = cells[index]
    return (len(row) == 2 and _row_number(row[0].text) is not None and not _number_like(row[1].text)
            and index + 1 < len(cells) and _is_data_row(cells[index + 1]))


def _bodies(cells: list[list[_Cell]]) -> list[tuple[int, int]]:
    """Row ranges [start, end) of table bodies: data rows and the group rows over them, bridging one
    unreadable row between two."""
    bodies: list[tuple[int, int]] = []
    for index, row in enumerate(cells):
        if not _is_data_row(row) and not _titles_group(cells, index):
            continue
        if bodies and index - bodies[-1][1] <= 1:
            bodies[-1] = (bodies[-1][0], index + 1)
        else:
            bodies.append((index, index + 1))
    return bodies


def _pitch(rows: list[list[WordBox]], height: float) -> float:
    """Median distance between successive row centres; a lone row is taken as a usual grid row."""
    centres = [_row_centre(row) for row in rows]
    steps = [lower - upper for upper, lower in zip(centres, centres[1:])]
    return stats.median(steps) if steps else _GRID_PITCH_HEIGHTS * height


def _header_size(rows: list[list[WordBox]], start: int, pitch: float, height: float) -> int:
    """How many rows right above the body at `start` are its column titles.

    The first sits one grid row above and splits into two or more cells (titles are centred in
    their columns, further apart than words); lines above it belong to it only at text line
    spacing, as a title wrapped in its cell."""
    size = 0
    below = _row_centre(rows[start])
    while size < _MAX_HEADER_ROWS and start - size > 0:
        row = rows[start - size - 1]
        reach = (_HEADER_REACH if size == 0 else _WRAPPED_TITLE_REACH) * pitch
        cells = _cells_of_row(row, _TITLE_GAP_HEIGHTS * height)
        if below - _row_centre(row) > reach or any(_numeric(cell.text) for cell in cells):
            break
        if all(_is_debris(cell.text) for cell in cells):
            break  # specks above the titles; counted as a title line, they would reach up to the prose
        if size == 0 and len(cells) < 2:
            break
        below = _row_centre(row)
        size += 1
    return size


def _tables(rows: list[list[WordBox]], cells: list[list[_Cell]], height: float) -> list[_Table]:
    tables = []
    for start, end in _bodies(cells):
        header = _header_size(rows, start, _pitch(rows[start:end], height), height)
        if end - start > 1 or header or _stands_alone(cells[start]):
            tables.append(_Table(start, end, header))
    return tables


def _column_spans(cells: list[_Cell]) -> list[tuple[int, int]]:
    """Horizontal extents of the columns: the cell extents merged where they overlap."""
    spans: list[tuple[int, int]] = []
    for left, right in sorted((cell.left, cell.right) for cell in cells):
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans


def _straddles(cell: _Cell, others: list[tuple[int, int]]) -> bool:
    """Whether the cell holds digits and lies across two or more of the column extents `others`.
    Labels never do: a long label bridges the words of a shorter one spaced apart in another row."""
    return any(char.isdigit() for char in cell.text) and sum(
        1 for left, right in others if left <= cell.right and cell.left <= right
    ) >= 2


def _columns(body: list[list[_Cell]], titles: list[_Cell]) -> list[tuple[int, int]]:
    """Column extents from the body's cells, plus titles over no body cell (a `Ghi chú` column
    left empty). A number lying across columns that the other rows keep apart is left out: OCR
    ran two numbers into one word there (`1869.9532` for `10.869` | `9.532`), and that one cell
    would merge both columns."""
    kept: list[_Cell] = []
    for index, row in enumerate(body):
        others = _column_spans([cell for other in body[:index] + body[index + 1:] for cell in other])
        kept += [cell for cell in row if not _straddles(cell, others)]
    spans = _column_spans(kept)
    lonely = [title for title in titles if not any(title.left <= right and left <= title.right for left, right in spans)]
    return _column_spans(kept + lonely)


def _column_of(word: WordBox, spans: list[tuple[int, int]]) -> int:
    """The column nearest the word: the one it overlaps, else the one across the smaller gap."""
    right = word.left + word.width
    return min(range(len(spans)), key=lambda i: max(spans[i][0] - right, word.left - spans[i][1], 0))


def _aligned(row: list[WordBox], spans: list[tuple[int, int]]) -> tuple[str, ...]:
    cells = [""] * len(spans)
    for word in row:
        index = _column_of(word, spans)
        cells[index] = f"{cells[index]} {word.text}".strip()
    return tuple(cells)


def grids_from_words(words: Sequence[WordBox]) -> list[Grid]:
    """Column-aligned grids (title rows first) of a page's tables.

    A table is a run of rows whose numbers stand apart in cells; its columns are the extents of
    those rows' cells, and every word of the table, titles included, goes to the nearest column:
    titles sit too close together to be split by spacing alone."""
    words = _legible(words)
    if not words:
        return []
    height = stats.median(word.height for word in words)
    rows = _rows_of_words(words, height)
    cells = [_row_cells(row, height) for row in rows]
    grids = []
    for table in _tables(rows, cells, height):
        body = [row for row in cells[table.start:table.end] if _is_data_row(row)]
        titles = [
            cell for row in rows[table.start - table.header:table.start]
            for cell in _cells_of_row(row, _TITLE_GAP_HEIGHTS * height)
        ]
        spans = _columns(body, titles)
        grid = tuple(_aligned(row, spans) for row in rows[table.start - table.header:table.end])
        grids.append(_without_debris_columns(grid, table.header))
    return grids


def _is_debris(cell: str) -> bool:
    """OCR's reading of specks beside a table (`mm`, `N`, `ị`): at most two letters, no digit,
    neither an ordinal nor a unit."""
    return (
        sum(char.isalpha() for char in cell) <= 2 and not any(char.isdigit() for char in cell)
        and not _ORDINAL.match(cell) and not _unit_cell(cell)
    )


def _is_debris_column(grid: Grid, index: int, header_rows: int) -> bool:
    """An untitled column whose cells are all empty or debris."""
    return not any(row[index] for row in grid[:header_rows]) and all(
        _is_debris(row[index]) for row in grid[header_rows:]
    )


def _untitled_before_labels(grid: Grid, header_rows: int) -> int:
    """How many columns stand left of the first titled column without a number or an ordinal, when
    that column holds the row labels or ordinals: every column of a titled table has its title, so
    these are specks of the margin, whatever letters OCR read in them (`ãm»—w`). When the first
    titled column holds values instead, OCR lost the labels' title, and the labels are kept."""
    body = grid[header_rows:]
    titled = next((i for i in range(len(grid[0])) if any(row[i] for row in grid[:header_rows])), 0)
    if any(_numeric(row[i]) or _ORDINAL.match(row[i]) for row in body for i in range(titled)):
        return 0
    if any(_numeric(row[titled]) and not _ORDINAL.match(row[titled]) for row in body):
        return 0
    return titled


def _without_debris_columns(grid: Grid, header_rows: int) -> Grid:
    """The grid less the debris columns at its edges: specks of a scan's margin or a seal beside a
    table would otherwise count as a column and shift every column right of them. Left of the
    labels only: a short label (`Yế` for `Y tế`) opening a row of numbers is no debris."""
    width = len(grid[0])
    first = next((i for i in range(width) if not _is_debris_column(grid, i, header_rows)), width)
    if first < width and any(_numeric(row[first]) for row in grid[header_rows:]):
        first = 0
    first = max(first, _untitled_before_labels(grid, header_rows))
    last = next((i for i in reversed(range(first, width)) if not _is_debris_column(grid, i, header_rows)), first)
    return tuple(row[first:last + 1] for row in grid)


# --- text to grid -----------------------------------------------------------------------------


def _separated_grids(rows: list[tuple[str, ...]]) -> list[tuple[int, Grid]]:
    """(first row, grid) of each run of two rows or more with 3+ cells."""
    grids = []
    start = 0
    for index, cells in enumerate([*rows, ()]):
        if len(cells) < _MIN_TEXT_CELLS:
            if index - start >= 2:
                grids.append((start, tuple(rows[start:index])))
            start = index + 1
    return grids


def _text_cells(line: str) -> tuple[str, ...]:
    if "|" not in line and "  " not in line.strip():
        return (line.strip(),)  # the common prose line: one cell, no splitting needed
    if _RULE_ROW.match(line):
        return ()
    return tuple(squash(cell) for cell in _TEXT_CELLS.split(line.strip().strip("|")))


def _spaced_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a table row printed with single spaces (plain text keeps no column gaps), or
    None: a label then two numbers or more (`Hộ tịch 7.450 6.701 89,9`), or an ordinal, a label
    ending in its unit, one number or more and a note (`2 Hồ sơ tiếp nhận Hồ sơ 12.568 Trực tuyến`,
    `2.1.3. | Số hồ sơ quá hạn Hồ sơ 74 120`, the unit column's title garbled as `Hob số`).
    Cells open with a capital, unlike the prose a count ends (`1. Trong kỳ báo cáo, tiếp nhận
    20.531 hồ sơ, đã giải quyết`)."""
    words = line.replace("|", " ").split()
    if not words or not (words[0].isdigit() or words[-1][:1].isdigit()):
        return None  # the common prose line, decided at a glance
    numbers = [index for index, word in enumerate(words) if _PLAIN_NUMBER.fullmatch(word)]
    first_number = len(words) - len(numbers)
    label_then_numbers = numbers == list(range(first_number, len(words))) and first_number
    if len(numbers) >= 2 and label_then_numbers and _is_cell_text(words[:first_number]):
        return (" ".join(words[:first_number]), *words[first_number:])
    values = [index for index in numbers if index > 0]
    if _row_number(words[0]) is None or not values:
        return None
    first = last = values[0]
    while last + 1 < len(words) and _PLAIN_NUMBER.fullmatch(words[last + 1]):
        last += 1
    middle, note = words[1:first], words[last + 1:]
    if not _is_cell_text(middle) or (note and not _is_cell_text(note)):
        return None
    size = next((n for n in range(_MAX_UNIT_WORDS, 0, -1) if len(middle) > n and _unit_cell(" ".join(middle[-n:]))), 0)
    if not size and not words[0].isdigit():
        return None  # an indicator numbered `2.1.1.` has its unit column; without one it is a numbered sentence
    label, unit = middle[:len(middle) - size], middle[len(middle) - size:]
    return words[0], " ".join(label), " ".join(unit), *words[first:last + 1], " ".join(note)


def _leader_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a row whose label a dotted leader joins to its values, or None: (label, unit,
    value, …), the unit "" when none is printed after the values (`Tổng số hồ sơ tiếp nhận ......
    12.345`, `Số hồ sơ quá hạn ....... 45 hồ sơ`)."""
    parts = _LEADER.split(line.replace("|", " ").strip(), maxsplit=1)
    if len(parts) != 2 or not _is_cell_text(parts[0].split()):
        return None
    words = parts[1].split()
    count = next((i for i, word in enumerate(words) if not _PLAIN_NUMBER.fullmatch(word)), len(words))
    unit = " ".join(words[count:])
    if not count or (unit and not _unit_cell(unit)):
        return None
    return squash(parts[0]), unit, *words[:count]


def _is_cell_text(words: list[str]) -> bool:
    """Words of a text cell: capitalised, with letters; a digit only inside a word OCR garbled
    (`H6so`, `1éh6` for hồ sơ, lệ hồ), never a number of its own."""
    return " ".join(words)[:1].isupper() and not any(
        char.isdigit() and not any(letter.isalpha() for letter in word) for word in words for char in word
    )


def _is_indicator_row(line: str) -> bool:
    """A numbered row with its unit and values, whatever `|` the OCR read between or inside its
    cells (`1.1 | Tổng số hồ sơ … (trực tiếp và trực | H6so | 25.866 22.313`): its cells are
    found by `_spaced_cells`, not at the bars."""
    return "|" in line and line.lstrip(" |")[:1].isdigit() and _spaced_cells(line) is not None


def _spaced_titles(line: str, width: int) -> tuple[str, ...] | None:
    """Column titles printed with single spaces, split where a capitalised word opens the next
    (`Lĩnh vực Tiếp nhận Đã giải quyết Tỷ lệ (%)`); None unless that makes `width` titles."""
    if not line.strip() or any(char.isdigit() for char in line):
        return None
    titles: list[list[str]] = []
    for word in line.replace("|", " ").split():
        if word[:1].isupper() or not titles:
            titles.append([word])
        else:
            titles[-1].append(word)
    return tuple(" ".join(title) for title in titles) if len(titles) == width else None


def _titles_over(line: str, rows: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The column titles `line` prints over `rows`, or None; a note column left empty in every row
    may have no title (`STT Chỉ tiêu ĐVT Kỳ báo cáo Lũy kế` over rows that end in an empty note)."""
    width = len(rows[0])
    titles = _spaced_titles(line, width)
    if titles is None and all(not row[-1] for row in rows):
        titles = _spaced_titles(line, width - 1)
        return (*titles, "") if titles else None
    return titles


def _opens_page(lines: list[str], index: int) -> bool:
    """Only blank lines and the page number stand above line `index`."""
    return all(is_page_margin(line) for line in lines[:index])


def _group_cells(line: str) -> tuple[str, str] | None:
    """(number, title) of a numbered row with no value that opens a group of rows (`2 | Phản ánh,
    kiến nghị` over `2.1`, `2.2`), or None."""
    words = line.replace("|", " ").split()
    if len(words) < 2 or _row_number(words[0]) is None or not _is_cell_text(words[1:]):
        return None
    return words[0], " ".join(words[1:])


def _opens_group(group: tuple[str, str] | None, row: tuple[str, ...] | None) -> bool:
    """Whether `row` is numbered under the group row (`2.1` under `2`)."""
    if group is None or row is None:
        return False
    number, first = _row_number(group[0]), _row_number(row[0])
    return number is not None and first is not None and first.startswith(number + ".")


def _label_index(row: tuple[str, ...]) -> int:
    """The row's label cell: its first cell neither a row number nor a number."""
    return next((i for i, cell in enumerate(row) if cell and not _row_number(cell) and not _numeric(cell)), 0)


def _continues_label(line: str, row: tuple[str, ...]) -> bool:
    """Whether `line` is the rest of `row`'s label wrapped in its cell (`tuyến)` under `1.1 Tổng số
    hồ sơ đã tiếp nhận (trực tiếp và trực Hồ sơ 25.866`): a few words without digits, opening in
    lowercase or closing a bracket the label opened."""
    words = line.replace("|", " ").split()
    if not words or len(words) > _MAX_CONTINUATION_WORDS or any(char.isdigit() for char in line):
        return False
    label = row[_label_index(row)]
    return words[0][:1].islower() or (label.count("(") > label.count(")") and ")" in line)


def _with_continuation(row: tuple[str, ...], line: str) -> tuple[str, ...]:
    index = _label_index(row)
    cells = list(row)
    cells[index] = squash(f"{cells[index]} {line.replace('|', ' ')}")
    return tuple(cells)


def _run(lines: list[str], printed: list[int], rows: list, at: int) -> tuple[int, list[tuple[str, ...]]]:
    """The end of the run of rows of one width from printed line `at` (a row, or a group row over
    one), and its rows: group rows padded to the width, wrapped labels joined to their rows."""
    width = len(rows[at] if rows[at] is not None else rows[at + 1])
    members: list[tuple[str, ...]] = []
    end = at
    while end < len(rows):
        line, row = lines[printed[end]], rows[end]
        following = rows[end + 1] if end + 1 < len(rows) else None
        if row is not None and len(row) == width:
            members.append(row)
        elif row is None and _opens_group(group := _group_cells(line), following) and len(following) == width:
            members.append(group + ("",) * (width - 2))
        elif row is None and members and _continues_label(line, members[-1]):
            members[-1] = _with_continuation(members[-1], line)
        else:
            break
        end += 1
    return end, members


def _spaced_grids(lines: list[str], continued_width: int | None, taken: set[int]) -> list[tuple[int, Grid]]:
    """(first line, grid) of each run of single-spaced rows of one width (blank lines between them
    aside), titles from the line above when they split into as many columns (from the line above
    that when a title wrapped in its cell). A run is two rows or more, one row under its titles (a
    table the page break cuts), one row opening the page of a table continued from the previous
    page (`continued_width` columns), or rows of a dotted leader, one alone included; group rows
    (`2 | Phản ánh, kiến nghị` over `2.1`) and the rest of a label wrapped in its cell are taken
    into the run. The lines `taken` are the separated tables'; a line that `|` splits in three
    cells outside them is a row of another shape (`2.4.1 | Tổng số PAKN (trực tiếp | PAKN 214`)."""
    printed = [index for index, line in enumerate(lines) if line.strip()]
    rows = [
        None if index in taken else _leader_cells(lines[index]) or _spaced_cells(lines[index])
        for index in printed
    ]
    grids = []
    at = 0
    while at < len(rows):
        following = rows[at + 1] if at + 1 < len(rows) else None
        group = None if rows[at] is not None or following is None else _group_cells(lines[printed[at]])
        if rows[at] is None and not _opens_group(group, following):
            at += 1
            continue
        end, members = _run(lines, printed, rows, at)
        titles = _titles_over(_title_line(lines, printed, at), members) if at else None
        data = sum(1 for row in rows[at:end] if row is not None)
        continues = len(members[0]) == continued_width and _opens_page(lines, printed[at])
        if data >= 2 or titles or continues or _LEADER.search(lines[printed[at]]):
            grids.append((printed[at], ((titles,) if titles else ()) + tuple(members)))
        at = end
    return grids


def _title_line(lines: list[str], printed: list[int], at: int) -> str:
    """The line the column titles over the run at printed line `at` open on: the line above, or the
    one above that when the line above is the second line of titles wrapped in their cells (`STT
    Chỉ tiêu Đơn Kỳ báo Cùng kỳ` / `vị tính cáo năm trước`)."""
    above = lines[printed[at - 1]]
    wrapped = above.replace("|", " ").split()
    if at >= 2 and wrapped and wrapped[0][:1].islower() and not any(char.isdigit() for char in above):
        return lines[printed[at - 2]]
    return above


def grids_from_text(text: str, continued_width: int | None = None) -> list[Grid]:
    """Grids of the tables in plain text, in reading order: runs of lines with 3+ cells split by
    `|` or 2+ spaces, and runs of rows printed with single spaces."""
    lines = [line for line in text.splitlines() if not (line.strip() and _RULE_ROW.match(line))]
    separated = _separated_grids([() if _is_indicator_row(line) else _text_cells(line) for line in lines])
    taken = {start + offset for start, grid in separated for offset in range(len(grid))}
    found = separated + _spaced_grids(lines, continued_width, taken)
    return [grid for _, grid in sorted(found)]


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


def _letters(text: str) -> str:
    """The folded letters and digits of a cell: OCR drops spaces and adds specks inside cells."""
    return "".join(char for char in fold(text) if char.isalnum())


def _slips_allowed(name: str) -> int:
    """The OCR slips a word of this length absorbs: none under 5 letters."""
    return 0 if len(name) < 5 else 1 if len(name) < 10 else 2


def _near(key: str, name: str) -> bool:
    return Levenshtein.distance(key, name) <= _slips_allowed(name)


def _header_is(header: str, names: tuple[str, ...]) -> bool:
    key = _letters(header)
    return any(_near(key, _letters(name)) for name in names)


def _titled_column(header: Sequence[str], names: tuple[str, ...]) -> int | None:
    """The first column whose title is one of `names`, or None."""
    return next((i for i, title in enumerate(header) if _header_is(title, names)), None)


@lru_cache(maxsize=1)
def _unit_names() -> dict[str, str]:
    return {_letters(unit): unit for unit in UNITS}


def _unit_cell(cell: str) -> str | None:
    """The unit a whole cell names (`Hồsơ` -> hồ sơ, `%` -> %), or None."""
    key = _letters(cell)
    if not key:
        return "%" if "%" in cell else None
    return _unit_of_letters(key)


@lru_cache(maxsize=4096)
def _unit_of_letters(key: str) -> str | None:
    """The unit spelled by a cell's letters; memoised, as a table's unit cells repeat. A unit of
    two words is told apart by both, so it absorbs one OCR slip however short (`Hob số`, `hd so`
    for hồ sơ), unlike a short word (`hộ` / `họ`)."""
    for name, unit in _unit_names().items():
        slips = Levenshtein.distance(key, name, score_cutoff=2)
        if slips <= _slips_allowed(name) or (" " in unit and slips <= 1):
            return unit
    return None


def _text_column(rows: Grid, index: int) -> bool:
    texts = [row[index] for row in rows if row[index]]
    return bool(texts) and sum(1 for cell in texts if not _numeric(cell)) * 2 > len(texts)


def _unit_column_by_cells(rows: Grid, candidates: list[int]) -> int | None:
    """A column whose filled cells are mostly units, for a table whose `Đơn vị tính` title is illegible."""
    for index in candidates:
        texts = [row[index] for row in rows if row[index]]
        if texts and sum(1 for cell in texts if _unit_cell(cell)) * 2 > len(texts):
            return index
    return None


def _ordinal_column(header: tuple[str, ...], rows: Grid) -> int | None:
    for index, title in enumerate(header):
        if _header_is(title, _ORDINAL_HEADERS):
            return index
    first = [row[0] for row in rows if row[0]]
    if first and all(_ORDINAL.match(cell) or _row_number(cell) for cell in first) and len(header) > 2:
        return 0
    return None


def _row_number(cell: str) -> str | None:
    """A row's number without its final dot (`2.1.1.` -> 2.1.1), or None."""
    found = _ROW_NUMBER_SPECKS.match(cell)
    return re.sub(r"[,:]", ".", found[1]) if found else None


def _parent_rows(rows: Grid, ordinal: int | None) -> dict[int, int]:
    """Row index -> index of the row it is a sub-row of by their numbers (`2.1.1` under `2.1`)."""
    if ordinal is None:
        return {}
    numbered: dict[str, int] = {}
    parents = {}
    for index, row in enumerate(rows):
        number = _row_number(row[ordinal])
        if number is None:
            continue
        parent = number.rpartition(".")[0]
        if parent in numbered:
            parents[index] = numbered[parent]
        numbered[number] = index
    return parents


@dataclass(frozen=True)
class _Layout:
    """What each column of a table holds."""

    label: int | None  # the row labels (`Chỉ tiêu`, `Lĩnh vực`)
    unit: int | None  # the `Đơn vị tính` column
    values: tuple[int, ...]  # columns holding numbers or titled as shares, ordinals excluded
    ordinal: int | None = None  # the row numbers (`STT`)


def _layout(header: tuple[str, ...], rows: Grid) -> _Layout:
    ordinal = _ordinal_column(header, rows)
    titled_unit = _titled_column(header, _UNIT_HEADERS)
    notes = {i for i, title in enumerate(header) if _header_is(title, _NOTE_HEADERS)}
    skipped = {i for i in (ordinal, titled_unit) if i is not None} | notes
    label = next((i for i in range(len(header)) if i not in skipped and _text_column(rows, i)), None)
    unit = titled_unit if titled_unit is not None else _unit_column_by_cells(
        rows, [i for i in range(len(header)) if i not in skipped and i != label and _text_column(rows, i)]
    )
    values = tuple(
        i for i in range(len(header))
        if i not in skipped and i not in (label, unit)
        and (any(_numeric(row[i]) for row in rows) or _column_unit(header[i]) == "%")
    )
    return _Layout(label, unit, values, ordinal)


def _unit_of_text(text: str) -> str | None:
    found = unit_after(fold(f"0 {text}"), 1)
    return found.unit if found else None


def _column_unit(title: str) -> str:
    """The unit a column's title or a row's label names: `Tỷ lệ (%)` -> %, `Số hồ sơ (hồ sơ)` ->
    hồ sơ, `Tỷ lệ giải quyết đúng hạn` -> % (a share whose `%` unit cell OCR lost); "" for none."""
    bracket = _HEADER_UNIT.search(title)
    if bracket and (unit := _unit_of_text(bracket[1])):
        return unit
    if fold(title).startswith("ty le"):
        return "%"
    return ""


def _share(printed: str) -> float:
    """A percentage; three bare digits are one with its decimal comma lost to OCR (`878` -> 87.8),
    as no share exceeds 100 % and reports print shares with one decimal."""
    value = parse_number(printed)
    return value / 10 if value > 100 and _LOST_DECIMAL.fullmatch(printed) else value


@dataclass(frozen=True)
class _ShareOf:
    """A share column that is one count column over another: `Tỷ lệ (%)` = `Đã giải quyết` / `Tiếp nhận`."""

    share: int
    part: int
    whole: int


def _share_of(header: tuple[str, ...]) -> _ShareOf | None:
    """The share relation the column titles declare, or None."""
    share = _titled_column([_HEADER_UNIT.sub("", title) for title in header], _SHARE_HEADERS)
    part = _titled_column(header, _PART_HEADERS)
    whole = _titled_column(header, _WHOLE_HEADERS)
    if share is None or part is None or whole is None:
        return None
    return _ShareOf(share, part, whole)


def _counts_share(row: tuple[str, ...], relation: _ShareOf) -> float | None:
    """The share the row's counts give, to one decimal as reports print it; None unless both
    counts are legible and the part is no more than the whole."""
    part, whole = _numeric(row[relation.part]), _numeric(row[relation.whole])
    if not part or not whole:
        return None
    part_value, whole_value = parse_number(part[1]), parse_number(whole[1])
    return round(100 * part_value / whole_value, 1) if 0 < whole_value and part_value <= whole_value else None


def _row_share(row: tuple[str, ...], relation: _ShareOf) -> float | None:
    """The row's share: as printed when it agrees with the counts or they are illegible, else the
    counts' ratio, as OCR misreads the short share cell (`9,6` for 96,6, `SÙ)` for 95,0) far more
    often than both five-digit counts."""
    printed = _numeric(row[relation.share])
    computed = _counts_share(row, relation)
    if printed and (computed is None or abs(_share(printed[1]) - computed) <= _SHARE_TOLERANCE):
        return _share(printed[1])
    return computed


def _label(cell: str) -> str:
    """A row label without the specks OCR reads from the grid (`.TTHC được công bố`, `{46 số`): its
    words as a sentence's label keeps them."""
    return " ".join(label_words(cell))


def _cell_value(row: tuple[str, ...], column: int, unit: str, relation: _ShareOf | None) -> tuple[float, str] | None:
    """(value, unit) of a cell in a column of `unit`, or None for a cell without a number; a
    share column's cell is checked against the counts it is the ratio of."""
    if relation is not None and column == relation.share:
        share = _row_share(row, relation)
        return (share, "%") if share is not None else None
    number = _numeric(row[column])
    if not number:
        return None
    unit = "%" if number[2] else unit
    return (_share(number[1]) if unit == "%" else parse_number(number[1])), unit


def _is_total(label: str) -> bool:
    """A row that sums the others (`Tổng cộng`, `Cộng`, `Toàn tỉnh`)."""
    return bool(_TOTAL_ROW.match(fold_short(label)))


def _total_row(rows: Grid, label_column: int | None) -> int | None:
    """The table's total row, when one row of several is titled as one."""
    if label_column is None or len(rows) < 2:
        return None
    totals = [index for index, row in enumerate(rows) if _is_total(row[label_column])]
    return totals[0] if len(totals) == 1 else None


def _scope(label: str, label_measure: str, title_measure: str) -> str:
    """A row whose label names no measure under a column title that does is one sector or agency
    of the table (`Đất đai` under `Tiếp nhận`), unless it is the total row."""
    return label if title_measure and not label_measure and not _is_total(label) else ""


def _outside_brackets(label: str) -> str:
    """A label without what it says in brackets, an unclosed bracket (a label wrapped or cut by
    OCR) to its end: there a total names the channels it includes (`Tổng số hồ sơ đã tiếp nhận
    (trực tiếp và trực tuyến)`), which are not what it measures."""
    return _BRACKETED.sub(" ", label)


def _period_scope(title: str, title_key: str) -> str:
    """A value column that counts another period than the report's (`Lũy kế`, `Cùng kỳ năm trước`)
    scopes its cells to that period, so that they are no headline figure of the report; ""."""
    return title if _OTHER_PERIOD_TITLES.search(title_key) else ""


def _lineage(rows: Grid, parents: dict[int, int], label: int | None) -> dict[int, str]:
    """Row index -> the folded labels of the rows it is numbered under, nearest first: what a row
    whose label names no subject counts (`1.3 Tỷ lệ giải quyết đúng hạn` under `1 Hồ sơ thủ tục
    hành chính`)."""
    lineage: dict[int, str] = {}
    if label is None:
        return lineage
    for row, parent in sorted(parents.items()):
        lineage[row] = f"{fold_short(rows[parent][label])}|{lineage.get(parent, '')}"
    return lineage


def _with_totals(found: list[Statistic], parents: dict[int, int], total_row: int | None) -> list[Statistic]:
    """Each cell `part_of` the cell in its column of the row it breaks down: the row its number is
    under (`2.1.1` under `2.1`), none when that row has no value there (a group's title row); for a
    row numbered under no other, the table's total row."""
    at = {(cell.table_row, cell.table_col): index for index, cell in enumerate(found)}

    def total_of(cell: Statistic) -> int | None:
        row = parents.get(cell.table_row, total_row if cell.table_row != total_row else None)
        return at.get((row, cell.table_col))

    return [cell if (total := total_of(cell)) is None else replace(cell, part_of=total) for cell in found]


def table_statistics(grid: Grid, page: int, inherited_header: tuple[str, ...] = ()) -> Table:
    """Each numeric cell as a Statistic labelled by its row; unit from the unit column or header,
    else the subject the row or column names; measure from both; each row's cell `part_of` the
    cell in its column of the row it breaks down (`_with_totals`). `part_of` indexes the table's
    statistics.

    A grid with no titles of its own takes `inherited_header` when it has as many columns."""
    header, rows = _split_header(grid)
    if not any(header) and len(inherited_header) == len(header):
        header = inherited_header
    layout = _layout(header, rows)
    relation = _share_of(header)
    found: list[Statistic] = []
    title_keys = {column: fold_short(header[column]) for column in layout.values}
    title_measures = {column: measure_of(key) for column, key in title_keys.items()}
    by_sector = layout.label is not None and _header_is(header[layout.label], _SECTOR_HEADERS)
    parents = _parent_rows(rows, layout.ordinal)
    lineage = _lineage(rows, parents, layout.label)
    for row_index, row in enumerate(rows):
        label = _label(row[layout.label]) if layout.label is not None else ""
        label_key = fold_short(label)
        measured = _outside_brackets(label_key)
        label_measure = measure_of(measured)
        row_unit = _unit_cell(row[layout.unit]) if layout.unit is not None else None
        for column in layout.values:
            title_key = title_keys[column]
            subject = subject_of("", f"{label_key}|{title_key}")
            unit = row_unit or _column_unit(header[column]) or _column_unit(label) or subject or (
                "hồ sơ" if by_sector and title_measures[column] else "")
            read = _cell_value(row, column, unit, relation)
            if read is None:
                continue
            value, unit = read
            per_unit = VND_PER_UNIT.get(unit)
            titled = f"{label} ({header[column]})" if len(layout.values) > 1 and header[column] else label
            found.append(Statistic(
                page=page, label=titled, value=value, unit=unit,
                value_vnd=value * per_unit if per_unit is not None else None,
                context=" | ".join(cell for cell in row if cell), source="table",
                table_row=row_index, table_col=column,
                measure=measure_of(f"{measured}|{title_key}") or measure_of(f"{label_key}|{title_key}"),
                subject=subject_of(unit, f"{label_key}|{title_key}") or subject_of(unit, lineage.get(row_index, "")),
                scope=" / ".join(filter(None, (
                    _scope(label, label_measure, title_measures[column]), _period_scope(header[column], title_key),
                ))),
            ))
    found = _with_totals(found, parents, _total_row(rows, layout.label))
    return Table(page, header, rows, tuple(found))


def _page_tables(grids: list[Grid], page: int, continued: Table | None) -> list[Table]:
    """The page's grids read as tables, those without numbers left out. `continued` is the previous
    page's last table: a table that runs over a page break has its column titles only on the first
    page, so the page's first grid, if untitled, takes them."""
    inherited = continued.header if continued is not None else ()
    tables = [table_statistics(grid, page, inherited if i == 0 else ()) for i, grid in enumerate(grids)]
    return [table for table in tables if table.statistics]


def extract_tables(words: Sequence[WordBox], page: int, continued: Table | None = None) -> list[Table]:
    """Statistics tables of a page from its OCR word boxes; `continued` is the previous page's last table."""
    return _page_tables(grids_from_words(words), page, continued)


def extract_text_tables(text: str, page: int, continued: Table | None = None) -> list[Table]:
    """Statistics tables of a text-only page (`|` separated, column-aligned with spaces, or rows
    of a label and numbers); `continued` is the previous page's last table, as for word boxes."""
    width = len(continued.header) if continued is not None else None
    return _page_tables(grids_from_text(text, width), page, continued)


def without_table_lines(text: str, tables: list[Table]) -> str:
    """The text with lines that repeat a table row or cell blanked, so prose extraction skips them.

    Lines and rows are compared by their letters and digits: the text keeps specks (`3 TTHC được
    công bố . Thủ tục`) and separators that the grid's cells dropped. A unit alone on a line is
    the end of a sentence (`... là 391` / `hồ sơ.`), though a unit cell reads the same."""
    if not tables:
        return text
    covered = {_letters(" ".join(row)) for table in tables for row in (table.header, *table.rows)}
    covered |= {_letters(cell) for table in tables for row in table.rows for cell in row if cell and not _unit_cell(cell)}
    return "\n".join("" if _letters(line) in covered else line for line in text.splitlines())
