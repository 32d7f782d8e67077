"""The records passed between the stages: what OCR saw on a page, what the extractors found in a
document, and the document's whole result. Plain frozen dataclasses, shared by every package
(`pipeline`, `diacritics`, `patterns`) and imported by none of them from another.

`to_json` / `from_json` turn any of them into JSON-ready data and back, which is how the cache
stores them: the dataset's rows are derived from these records on every run, never cached.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from domain.naming import sentence_case_agency

# Field metadata of values that travel between processes but are never stored (page PDFs and images).
TRANSIENT = {"transient": True}


@dataclass(frozen=True)
class SourceFile:
    """An input file, identified by its content."""

    path: Path
    kind: str  # "pdf" | "image" | "text"
    sha256: str
    size_bytes: int


@dataclass(frozen=True)
class WordBox:
    """One OCR word with its box, as Tesseract's image_to_data reports it."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    paragraph: int
    line: int

    @property
    def line_key(self) -> tuple[int, int, int]:
        """The Tesseract line the word belongs to: line numbers restart in each block and paragraph."""
        return self.block, self.paragraph, self.line


@dataclass(frozen=True)
class HandwrittenField:
    """A number, day or month written by hand in a blank of the printed header (`Số:  /QĐ-UBND`,
    `ngày  tháng 01 năm 2025`, `ngày  tháng  năm 2021`), as the digit recogniser read the ink
    there (pipeline.handwriting)."""

    kind: str  # "number" | "day" | "month"
    text: str | None  # the digits as written ("04"); None when a glyph was unsure: never guessed
    confidence: float  # 0-100: the recogniser's probability for its least sure glyph
    box: tuple[int, int, int, int]  # left, top, width, height of the ink read, on the cleaned page


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    text: str  # restored page text
    words: tuple[WordBox, ...] = ()  # empty for text-only inputs
    handwritten: tuple[HandwrittenField, ...] = ()  # the page's handwritten number, day and month, when written by hand


@dataclass(frozen=True)
class DateMention:
    page: int
    text: str  # as printed
    date: str  # ISO: YYYY-MM-DD, or YYYY-MM when the day is blank or illegible
    end_date: str | None = None  # set for ranges such as `từ 15/12/2022 - 14/3/2023`


@dataclass(frozen=True)
class Header:
    agency: str | None = None  # as printed, uppercase with marks: "VĂN PHÒNG"
    parent_agency: str | None = None  # "UBND TỈNH QUẢNG NGÃI"
    doc_type: str | None = None  # Vietnamese name in sentence case: "Báo cáo"
    number: str | None = None  # None for a draft printed as `Số: /BC-VP`
    symbol: str | None = None  # "BC-VP"
    number_symbol: str | None = None  # "937/BC-VP"
    place: str | None = None
    issue_date: str | None = None  # ISO, YYYY-MM when the day is blank
    title: str | None = None
    recipients: tuple[str, ...] = ()
    signer: str | None = None
    signer_authority: str | None = None  # "KT.", "TL.", "TM.", "Q.", "TUQ."
    signer_title: str | None = None  # "Phó Chánh Văn phòng"
    period_start: str | None = None
    period_end: str | None = None
    period_text: str | None = None

    @property
    def issuer(self) -> str | None:
        """Agency and parent in sentence case: "Văn phòng UBND tỉnh Quảng Ngãi"."""
        parts = [part for part in (self.agency, self.parent_agency) if part]
        return sentence_case_agency(" ".join(parts)) if parts else None


@dataclass(frozen=True)
class Reference:
    """A document cited in the text."""

    ref_type: str  # Vietnamese name: "Quyết định", "Công văn"
    number: str
    year: int | None  # the year in the number (`37/2020/...`), else the year of ref_date
    symbol: str  # "QĐ-UBND"
    number_symbol: str  # "124/QĐ-UBND", "37/2020/QĐ-UBND", "02-CTr/BCĐ"
    ref_date: str | None
    issuer: str | None  # as printed after `của`
    page: int
    context: str


@dataclass(frozen=True)
class Statistic:
    page: int
    label: str  # what was counted: "tiếp nhận", "đã giải quyết"
    value: float
    unit: str  # "hồ sơ", "%", "tỷ đồng"; "" when a table gives none
    value_vnd: float | None  # money amounts in đồng
    context: str  # the sentence, or the table row
    source: str  # "text" or "table"
    table_row: int | None = None
    table_col: int | None = None
    measure: str = ""  # from vocab.MEASURES: "received", "resolved_on_time"; "" when no word says
    subject: str = ""  # what is counted, from vocab.SUBJECTS: "hồ sơ", "PAKN", "TTHC"
    scope: str = ""  # the part of the reporting unit it covers: a level ("huyện") or a table row's sector
    part_of: int | None = None  # index, among the document's statistics, of the total it breaks down
    approximate: bool = False  # printed after `khoảng`, `hơn`, `trên`, `gần`
    line: int | None = None  # line of the page (source = text)
    base_measure: str = ""  # of a share: the measure of the total it is a share of (`% tổng số hồ sơ tiếp nhận`)
    base_value: float | None = None  # of a share: that total, when printed with it (`% trên tổng số 1.200 hồ sơ`)


def _json_number(value: float | None) -> float | int | None:
    if value is not None and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Extraction:
    header: Header
    references: tuple[Reference, ...]
    statistics: tuple[Statistic, ...]
    dates: tuple[DateMention, ...]
    # The handwritten number, day and month the header stands on: taken, or unsure and left empty.
    handwritten: tuple[HandwrittenField, ...] = ()
    # The page the header's number and date lines are on: 1, or a consolidated text's last page.
    head_page: int = 1

    def to_dict(self) -> dict:
        """JSON-ready; integral numbers become ints, diacritics are kept."""
        header = asdict(self.header)
        header["recipients"] = list(self.header.recipients)
        header["issuer"] = self.header.issuer
        statistics = []
        for statistic in self.statistics:
            record = asdict(statistic)
            record["value"] = _json_number(statistic.value)
            record["value_vnd"] = _json_number(statistic.value_vnd)
            statistics.append(record)
        return {
            "header": header,
            "references": [asdict(reference) for reference in self.references],
            "statistics": statistics,
            "dates": [asdict(mention) for mention in self.dates],
            "handwritten": [asdict(field) for field in self.handwritten],
        }


@dataclass(frozen=True)
class PageReading:
    """What the scan stages learned about one page, before restoration."""

    number: int
    raw_text: str
    words: tuple[WordBox, ...] = ()
    mean_confidence: float | None = None
    low_confidence_share: float = 0.0
    skew_angle: float = 0.0
    rotation: int = 0
    cleanup_steps: tuple[str, ...] = ()
    handwritten: tuple[HandwrittenField, ...] = ()  # of its number and date lines; empty in caches older than the field
    # The page as a one-page searchable PDF (Config.searchable_pdf): an output, never cached.
    pdf: bytes | None = field(default=None, repr=False, metadata=TRANSIENT)
    # The cleaned page as a downscaled PNG, shown beside its text in the workspace: an output, never cached.
    image: bytes | None = field(default=None, repr=False, metadata=TRANSIENT)


@dataclass(frozen=True)
class PageResult:
    reading: PageReading
    text: str  # restored
    restored_words: int
    low_confidence_words: int


@dataclass(frozen=True)
class DocumentResult:
    source: SourceFile
    pages: tuple[PageResult, ...]
    extraction: Extraction

    @property
    def text(self) -> str:
        return "\f".join(page.text for page in self.pages)


# --- JSON round trip ----------------------------------------------------------------------


def to_json(record: Any) -> Any:
    """A record as JSON-ready data (dicts, lists, strings, numbers), transient fields left out."""
    if dataclasses.is_dataclass(record):
        return {
            f.name: to_json(getattr(record, f.name))
            for f in dataclasses.fields(record)
            if not f.metadata.get("transient")
        }
    if isinstance(record, tuple | list):
        return [to_json(item) for item in record]
    if isinstance(record, Path):
        return str(record)
    return record


def from_json(kind: Any, data: Any) -> Any:
    """The inverse of `to_json` for a record of type `kind` (a dataclass or a type hint)."""
    if data is None:
        return None
    if dataclasses.is_dataclass(kind):
        hints = _field_types(kind)
        return kind(**{name: from_json(hints[name], value) for name, value in data.items()})
    origin = typing.get_origin(kind)
    if origin is tuple:
        return tuple(from_json(typing.get_args(kind)[0], item) for item in data)
    if origin in (typing.Union, types.UnionType):
        (inner,) = (arg for arg in typing.get_args(kind) if arg is not type(None))
        return from_json(inner, data)
    if kind is Path:
        return Path(data)
    if kind is float and isinstance(data, int):
        return float(data)
    return data


@cache
def _field_types(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind, vars(sys.modules[kind.__module__]))
