"""Typesetting a document on A4 pages as Decree 30/2020/NĐ-CP prescribes, at 300 DPI.

The layout is a list of bands stacked from the top margin; a band that does not fit starts a new
page. Each band carries its marks (what is drawn) and its transcription (what a reader types).

Transcription convention (the ground truth OCR is scored against): lines top to bottom; where a
band has two columns (header, signature block) the whole left column comes before the right one;
a table row is one line, its non-empty cells joined by a space; the page number of pages 2+ is the
first line; the seal and the handwritten signature are not text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from evaluation.documents import Document, Header, Paragraph, Table

DPI = 300
MM = DPI / 25.4
PAGE_WIDTH, PAGE_HEIGHT = round(210 * MM), round(297 * MM)
LEFT, RIGHT = round(30 * MM), PAGE_WIDTH - round(20 * MM)
TOP, BOTTOM = round(20 * MM), PAGE_HEIGHT - round(20 * MM)
TEXT_WIDTH = RIGHT - LEFT
INDENT = round(12.7 * MM)
PARAGRAPH_GAP = round(6 / 72 * DPI)
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


@dataclass(frozen=True)
class Style:
    size_pt: float = 14
    bold: bool = False
    italic: bool = False

    @property
    def pitch(self) -> int:
        """Baseline-to-baseline distance of single-spaced lines, in pixels."""
        return round(self.size_pt / 72 * DPI * 1.22)


BODY = Style()
BOLD = Style(bold=True)


@lru_cache(maxsize=32)
def font(style: Style) -> ImageFont.FreeTypeFont:
    variant = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}
    path = FONT_DIR / f"LiberationSerif-{variant[style.bold, style.italic]}.ttf"
    return ImageFont.truetype(str(path), round(style.size_pt / 72 * DPI), layout_engine=ImageFont.Layout.BASIC)


def text_width(text: str, style: Style) -> int:
    return round(font(style).getlength(text))


@dataclass(frozen=True)
class Text:
    x: int
    y: int  # top of the line box
    text: str
    style: Style
    justify_to: int | None = None  # spread the words over this width
    underline: bool = False


@dataclass(frozen=True)
class Rule:
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True)
class Seal:
    cx: int
    cy: int
    radius: int
    ring_text: str


@dataclass(frozen=True)
class Signature:
    x: int
    y: int
    width: int
    height: int


Mark = Text | Rule | Seal | Signature


@dataclass(frozen=True)
class Band:
    height: int
    marks: tuple[Mark, ...]  # y relative to the band's top
    lines: tuple[str, ...]
    needs: int = 0  # room required below the band's top to place it here (keeps headings with text)


@dataclass(frozen=True)
class Page:
    number: int
    marks: tuple[Mark, ...]
    lines: tuple[str, ...]

    @property
    def has_seal(self) -> bool:
        return any(isinstance(mark, Seal) for mark in self.marks)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def wrap(text: str, style: Style, width: int, first_indent: int = 0) -> list[str]:
    """Greedy line breaking at spaces; the first line is `first_indent` narrower."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        available = width - (first_indent if not lines else 0)
        if current and text_width(candidate, style) > available:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def balanced_wrap(text: str, style: Style, width: int) -> list[str]:
    """As few lines as `wrap` at `width`, but of even length, as titles are set (no orphan word)."""
    count = len(wrap(text, style, width))
    narrowest = width
    while narrowest > width // 3 and len(wrap(text, style, narrowest - 20)) == count:
        narrowest -= 20
    return wrap(text, style, narrowest)


def _shifted(mark: Mark, dy: int) -> Mark:
    if isinstance(mark, Rule):
        return replace(mark, y0=mark.y0 + dy, y1=mark.y1 + dy)
    if isinstance(mark, Seal):
        return replace(mark, cy=mark.cy + dy)
    return replace(mark, y=mark.y + dy)


def _centred(text: str, style: Style, centre: int, y: int) -> Text:
    return Text(centre - text_width(text, style) // 2, y, text, style)


def _column(lines: list[tuple[str, Style]], centre: int, y: int) -> tuple[list[Text], int]:
    """Lines centred on `centre` from `y` down; returns them and the y below the last."""
    marks = []
    for text, style in lines:
        marks.append(_centred(text, style, centre, y))
        y += style.pitch
    return marks, y


def header_band(header: Header) -> Band:
    """Agency and number left, national motto and place-date right, as two centred columns."""
    split = LEFT + round(TEXT_WIDTH * 0.42)
    # Printed headers reach a little past the body's margins on both sides.
    left_centre, right_centre = (LEFT - 60 + split) // 2, (split + RIGHT + 60) // 2
    agency_style, motto_style = Style(13, bold=True), Style(12.5, bold=True)
    left_lines = [(header.agency_lines[0], Style(13, bold=header.parent_agency is None))]
    left_lines += [(line, agency_style) for line in wrap(header.agency_lines[1], agency_style, split - LEFT)]
    left, left_bottom = _column(left_lines, left_centre, 0)
    motto, tagline = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    right, right_bottom = _column([(motto, motto_style), (tagline, Style(13, bold=True))], right_centre, 0)
    right[-1] = replace(right[-1], underline=True)
    rule_half = max(text_width(line, agency_style) for line, _ in left_lines[1:]) // 6
    rule_y = left_bottom + 10
    number_y = max(left_bottom, right_bottom) + round(5 * MM)
    number_line = f"Số: {header.number_symbol}"
    subject = [(line, Style(12)) for line in wrap(f"V/v {header.title}", Style(12), split - LEFT)] if header.recipients else []
    lower_left, lower_bottom = _column([(number_line, Style(13)), *subject], left_centre, number_y)
    date_mark = _centred(header.date_line(), Style(14, italic=True), right_centre, number_y)
    marks = (*left, Rule(left_centre - rule_half, rule_y, left_centre + rule_half, rule_y), *lower_left,
             *right, date_mark)
    lines = (*[t for t, _ in left_lines], number_line, *[t for t, _ in subject], motto, tagline, date_mark.text)
    height = max(lower_bottom, number_y + date_mark.style.pitch) + round(6 * MM)
    return Band(height, marks, lines)


def title_band(header: Header) -> Band:
    """The document type in capitals and the bold title under it, centred, with a short rule."""
    centre = LEFT + TEXT_WIDTH // 2
    lines = [(header.doc_type.upper(), BOLD)] + [(line, BOLD) for line in balanced_wrap(header.title, BOLD, round(TEXT_WIDTH * 0.8))]
    marks, bottom = _column(lines, centre, 0)
    rule_y = bottom + 16
    rule = Rule(centre - TEXT_WIDTH // 10, rule_y, centre + TEXT_WIDTH // 10, rule_y)
    return Band(rule_y + round(6 * MM), (*marks, rule), tuple(text for text, _ in lines))


def recipients_band(recipients: tuple[str, ...]) -> Band:
    """`Kính gửi: Sở Nội vụ.` centred, or a list of recipients aligned after the label."""
    label = "Kính gửi:"
    if len(recipients) == 1:
        line = f"{label} {recipients[0]}."
        return Band(BODY.pitch + PARAGRAPH_GAP * 2, (_centred(line, BODY, LEFT + TEXT_WIDTH // 2, 0),), (line,))
    items = [f"- {name}{';' if i < len(recipients) - 1 else '.'}" for i, name in enumerate(recipients)]
    label_width = text_width(label + " ", BODY)
    x = LEFT + (TEXT_WIDTH - label_width - max(text_width(item, BODY) for item in items)) // 2
    marks = [Text(x, 0, label, BODY)] + [Text(x + label_width, i * BODY.pitch, item, BODY) for i, item in enumerate(items)]
    lines = (f"{label} {items[0]}", *items[1:])
    return Band(len(items) * BODY.pitch + PARAGRAPH_GAP * 2, tuple(marks), lines)


_ROLE_STYLES = {"body": BODY, "heading": BOLD, "basis": Style(italic=True), "centred": BOLD}


def paragraph_bands(paragraph: Paragraph) -> list[Band]:
    """One band per line, so a paragraph may break across pages; justified but for its last line."""
    style = _ROLE_STYLES[paragraph.role]
    if paragraph.role == "centred":
        lines = wrap(paragraph.text, style, TEXT_WIDTH)
        return [Band(style.pitch + PARAGRAPH_GAP, (_centred(line, style, LEFT + TEXT_WIDTH // 2, 0),), (line,))
                for line in lines]
    lines = wrap(paragraph.text, style, TEXT_WIDTH, INDENT)
    bands = []
    for i, line in enumerate(lines):
        x = LEFT + (INDENT if i == 0 else 0)
        last = i == len(lines) - 1
        mark = Text(x, 0, line, style, justify_to=None if last else RIGHT - x)
        needs = 3 * style.pitch if paragraph.role == "heading" else 0
        bands.append(Band(style.pitch + (PARAGRAPH_GAP if last else 0), (mark,), (line,), needs))
    return bands


def _two_lines(title: str, style: Style) -> list[str]:
    """A column title broken at the space that makes its longer line shortest."""
    words = title.split()
    if len(words) < 2:
        return [title]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda lines: max(text_width(line, style) for line in lines)))


def _column_widths(table: Table, cell_style: Style, head_style: Style, pad: int) -> tuple[list[int], list[list[str]]]:
    """Column widths filling the text width, and each column title's lines.

    Every cell fits its column on one line but the label column's; when the columns do not fit
    side by side, titles wider than their column's numbers break in two lines (`Cùng kỳ` / `năm
    trước`) and the label column takes what is left, its labels wrapped."""
    count = len(table.columns)
    data = [max((text_width(row[c], cell_style) for row in table.rows), default=0) for c in range(count)]
    titles = [[title] for title in table.columns]
    natural = [max(text_width(table.columns[c], head_style), data[c]) + 2 * pad for c in range(count)]
    if sum(natural) > TEXT_WIDTH and table.label_column is not None:
        titles = [_two_lines(title, head_style) if c != table.label_column else [title]
                  for c, title in enumerate(table.columns)]
        natural = [max([data[c], *(text_width(line, head_style) for line in titles[c])]) + 2 * pad
                   for c in range(count)]
    widest = table.label_column if table.label_column is not None else natural.index(max(natural))
    return [w + (TEXT_WIDTH - sum(natural) if c == widest else 0) for c, w in enumerate(natural)], titles


def table_bands(table: Table) -> list[Band]:
    """A bordered grid, one band per row so that a long table continues on the next page.

    The header row is bold and keeps at least one data row with it. Cells are on one line and
    centred, but for the label column's (`Table.label_column`), set flush left and wrapped to its
    width; a row of several lines is top-aligned, and transcribed line by line, each line the
    cells' lines at that height joined by a space. The last row leaves space below."""
    cell_style, head_style, pad = Style(13), Style(13, bold=True), round(2 * MM)
    widths, titles = _column_widths(table, cell_style, head_style, pad)
    edges = [LEFT + sum(widths[:c]) for c in range(len(widths) + 1)]
    rows = [(titles, head_style)] + [
        ([wrap(cell, cell_style, widths[c] - 2 * pad) if c == table.label_column and cell else [cell]
          for c, cell in enumerate(row)], cell_style)
        for row in table.rows
    ]
    bands = []
    for r, (cells, style) in enumerate(rows):
        last = r == len(rows) - 1
        depth = max(len(lines) for lines in cells)
        height = depth * cell_style.pitch + 2 * pad
        marks: list[Mark] = [
            Text(edges[c] + pad, pad + i * style.pitch, line, style) if c == table.label_column and r > 0
            else _centred(line, style, (edges[c] + edges[c + 1]) // 2, pad + i * style.pitch)
            for c, lines in enumerate(cells) for i, line in enumerate(lines) if line
        ]
        # Each row is boxed on its own, so a page break between rows leaves both parts closed.
        marks += [Rule(LEFT, 0, RIGHT, 0), Rule(LEFT, height, RIGHT, height), *[Rule(x, 0, x, height) for x in edges]]
        lines = tuple(" ".join(lines[i] for lines in cells if i < len(lines) and lines[i]) for i in range(depth))
        bands.append(Band(height + (2 * PARAGRAPH_GAP if last else 0), tuple(marks), lines,
                          needs=2 * height if r == 0 else 0))
    return bands


def closing_band(document: Document) -> Band:
    """`Nơi nhận` list left; authority, signature, seal and signer's name right."""
    header = document.header
    split = LEFT + round(TEXT_WIDTH * 0.45)
    receivers = [("Nơi nhận:", Style(12, bold=True, italic=True))] + [(item, Style(11)) for item in document.receivers]
    left = []
    y = 0
    for text, style in receivers:
        left.append(Text(LEFT, y, text, style))
        y += style.pitch
    centre = (split + RIGHT) // 2
    authority_style, name_style = Style(13, bold=True), Style(14, bold=True)
    authority, authority_bottom = _column([(line, authority_style) for line in header.authority], centre, 0)
    gap = round(30 * MM)
    name = _centred(header.signer, name_style, centre, authority_bottom + gap)
    signature = Signature(centre - round(25 * MM), authority_bottom + round(4 * MM), round(55 * MM), gap - round(6 * MM))
    seal = Seal(centre - round(16 * MM), authority_bottom + gap // 2, round(18 * MM), document.seal_ring)
    height = max(y, name.y + name_style.pitch) + PARAGRAPH_GAP
    lines = (*[text for text, _ in receivers], *header.authority, header.signer)
    return Band(height, (*left, *authority, signature, seal, name), lines, needs=height)


def _page_number_band(number: int) -> Band:
    style = Style(13)
    return Band(0, (_centred(str(number), style, LEFT + TEXT_WIDTH // 2, -round(11 * MM)),), (str(number),))


def document_bands(document: Document) -> list[Band]:
    header = document.header
    bands = [header_band(header)]
    bands.append(recipients_band(header.recipients) if header.recipients else title_band(header))
    for block in document.body:
        bands.extend(paragraph_bands(block) if isinstance(block, Paragraph) else table_bands(block))
    bands.append(Band(PARAGRAPH_GAP * 2, (), ()))
    bands.append(closing_band(document))
    return bands


def paginate(bands: list[Band]) -> list[Page]:
    """Stack bands from the top margin, starting a numbered page when the next does not fit."""
    pages: list[Page] = []
    marks: list[Mark] = []
    lines: list[str] = []
    y = TOP
    for band in bands:
        if marks and y + max(band.height, band.needs) > BOTTOM:
            pages.append(Page(len(pages) + 1, tuple(marks), tuple(lines)))
            number = _page_number_band(len(pages) + 1)
            marks, lines, y = [_shifted(m, TOP) for m in number.marks], list(number.lines), TOP
        marks += [_shifted(mark, y) for mark in band.marks]
        lines += band.lines
        y += band.height
    pages.append(Page(len(pages) + 1, tuple(marks), tuple(lines)))
    return pages


def typeset(document: Document) -> list[Page]:
    return paginate(document_bands(document))
