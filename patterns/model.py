"""Records passed between the OCR stage, the extractors and the dataset writer."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from patterns.naming import sentence_case_agency


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
class PageText:
    number: int  # 1-based
    text: str  # restored page text
    words: tuple[WordBox, ...] = ()  # empty for text-only inputs


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
        }
