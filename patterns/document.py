"""One Extraction per document, from its OCR'd pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from domain.records import Extraction, Header, PageText, Reference, Statistic
from patterns.dates import extract_dates
from patterns.handwritten import with_handwriting
from patterns.header import extract_header, head_on_closing_page
from patterns.references import extract_references
from patterns.signature import lists_receivers
from patterns.statistics import PLANNED, extract_statistics
from patterns.tables import Table, extract_tables, extract_text_tables, without_table_lines
from patterns.text import is_page_margin, nfc


def _same_document(first: Reference, later: Reference) -> bool:
    """Two citations of one number name one document unless their dates differ: Party documents
    (`17-CTr/BCĐ`) carry no year, and their numbering restarts every year."""
    return first.number_symbol == later.number_symbol and (
        first.ref_date is None or later.ref_date is None or first.ref_date == later.ref_date
    )


def _is_own_number(reference: Reference, header: Header) -> bool:
    """The document's own number read as a citation (the number line, or a mention in the body):
    undated or dated as the document, its symbol perhaps garbled by OCR (`2738/C-UBND` for
    2738/BC-UBND) but sharing the type or the last code with the repaired one."""
    if reference.number != header.number or not header.symbol:
        return False
    if reference.ref_date not in (None, header.issue_date):
        return False
    printed, own = reference.symbol.replace("/", "-").split("-"), header.symbol.replace("/", "-").split("-")
    return printed[0] == own[0] or printed[-1] == own[-1]


def _cited_documents(pages: Sequence[PageText], header: Header) -> tuple[Reference, ...]:
    """Each cited document once (first mention), the document's own number left out."""
    cited: list[Reference] = []
    for page in pages:
        for reference in extract_references(page.text, page.number):
            own = _is_own_number(reference, header)
            if not own and not any(_same_document(seen, reference) for seen in cited):
                cited.append(reference)
    return tuple(cited)


def _opening_line(text: str) -> str:
    """The first line of a page's prose, past blank lines and the page number."""
    return next((line for line in text.splitlines() if not is_page_margin(line)), "")


def _statistics(pages: Sequence[PageText]) -> tuple[Statistic, ...]:
    """Per page, table cells first, then the prose with the table lines taken out so nothing
    counts twice; a table's column titles carry over to its continuation on the next page, and a
    sentence to the next page's first line (`ghi nhận 69.505` / `giao dịch`)."""
    found: list[Statistic] = []
    previous: Table | None = None
    for page, following in zip(pages, [*pages[1:], None]):
        if page.words:
            tables = extract_tables(page.words, page.number, continued=previous)
        else:
            tables = extract_text_tables(page.text, page.number, continued=previous)
        previous = tables[-1] if tables else None
        for table in tables:
            _append(found, table.statistics)
        prose = without_table_lines(page.text, tables)
        continued = f"{prose}\n{_opening_line(following.text)}" if following else prose
        _append(found, extract_statistics(continued, page.number, until=len(prose)))
    return tuple(found)


def _append(found: list[Statistic], batch: Sequence[Statistic]) -> None:
    """Add a table's or a page's statistics, whose `part_of` index the batch, to the document's."""
    offset = len(found)
    found.extend(
        replace(statistic, part_of=statistic.part_of + offset) if statistic.part_of is not None else statistic
        for statistic in batch
    )


# Documents about what is to be done: their figures are objectives, budgets and schedules.
_PLANNING_TYPES = ("Kế hoạch", "Chương trình", "Đề án", "Phương án")


def _planned(statistics: tuple[Statistic, ...]) -> tuple[Statistic, ...]:
    """A plan's statistics scoped as planned (`phấn đấu 95% hồ sơ đúng hạn`), so that none is taken
    for a result of its period; a level it names is kept."""
    return tuple(statistic if statistic.scope else replace(statistic, scope=PLANNED) for statistic in statistics)


def _closing_page(pages: Sequence[PageText]) -> int:
    """The index of the page the document is signed on: the first with a `Nơi nhận:` list, else the
    last with text (a blank back page, with a seal's show-through at most, follows). Attachments
    follow the signature (a draft resolution, an annex) with signing blocks of their own, which are
    not the document's."""
    printed = [index for index, page in enumerate(pages) if page.text.strip()] or [len(pages) - 1]
    return next((index for index in printed if lists_receivers(pages[index].text)), printed[-1])


def extract_document(pages: Sequence[PageText]) -> Extraction:
    """Header from the first page (signature and recipients from the page it is signed on, and all
    a consolidated text prints in its authentication block there; its number, day and month from
    the handwriting of the page their lines are on, when written by hand), plus every page's
    references, statistics and dates."""
    if not pages:
        raise ValueError("a document has at least one page")
    pages = [replace(page, text=nfc(page.text)) for page in pages]  # extractors match composed letters
    closing_index = _closing_page(pages)
    closing = pages[closing_index].text if closing_index > 0 else None
    head_page = pages[closing_index] if closing and head_on_closing_page(pages[0].text, closing) else pages[0]
    header, handwritten = with_handwriting(extract_header(pages[0].text, closing), head_page.handwritten)
    statistics = _statistics(pages)
    return Extraction(
        header=header,
        references=_cited_documents(pages, header),
        statistics=_planned(statistics) if header.doc_type in _PLANNING_TYPES else statistics,
        dates=tuple(mention for page in pages for mention in extract_dates(page.text, page.number)),
        handwritten=handwritten,
        head_page=head_page.number,
    )
