"""Field extractors for Vietnamese administrative documents (Decree 30/2020/NĐ-CP layout).

Input is restored OCR text; every extractor tolerates surviving OCR damage (`S6`, `Quyét dinh`,
`0P` for `QĐ`, `PONGNAI`) by matching on a folded key and known vocabularies.
"""

from domain.records import DateMention, Extraction, Header, PageText, Reference, Statistic, WordBox
from patterns.dates import extract_dates
from patterns.document import extract_document
from patterns.header import extract_header
from patterns.period import Period, parse_period
from patterns.places import match_province
from patterns.references import extract_references
from patterns.signature import Signature, extract_recipients, extract_signature
from patterns.statistics import extract_statistics
from patterns.tables import Table, extract_tables, extract_text_tables

__all__ = [
    "DateMention",
    "Extraction",
    "Header",
    "PageText",
    "Period",
    "Reference",
    "Signature",
    "Statistic",
    "Table",
    "WordBox",
    "extract_dates",
    "extract_document",
    "extract_header",
    "extract_recipients",
    "extract_references",
    "extract_signature",
    "extract_statistics",
    "extract_tables",
    "extract_text_tables",
    "match_province",
    "parse_period",
]
