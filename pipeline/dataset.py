"""The dataset: one row per entity, a stable column order per table, written atomically.

`docs/schema.md` documents every column; tests/test_dataset.py keeps the two in step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from domain.records import DocumentResult, HandwrittenField, Header, Statistic

TABLES: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id", "source_path", "source_sha256", "input_kind", "pages", "agency", "parent_agency",
        "doc_type", "number", "symbol", "number_symbol", "place", "issue_date", "title", "recipients",
        "signer", "signer_title", "period_start", "period_end", "ocr_mean_confidence", "restored_words",
        "low_confidence_words", "status", "pipeline_version", "checks", "issuer", "period_text",
        "duplicate_of", "number_confidence", "corrected", "number_source", "day_source", "day_confidence",
        "number_page",
    ),
    "references": (
        "doc_id", "ref_type", "number", "year", "symbol", "number_symbol", "ref_date", "issuer", "page", "context",
    ),
    "statistics": (
        "doc_id", "page", "label", "value", "unit", "value_vnd", "context", "source", "table_row", "table_col",
        "measure", "subject", "scope", "part_of", "approximate", "line", "base_measure", "base_value",
        "confidence", "corrected",
    ),
    "figures": (
        "doc_id", "measure", "subject", "unit", "value", "value_vnd", "approximate", "page", "line", "statistic",
        "context", "confidence", "corrected",
    ),
    "pages": (
        "doc_id", "page", "text", "raw_text", "mean_confidence", "skew_angle", "rotation", "cleanup_steps",
    ),
    "words": ("doc_id", "page", "line", "text", "left", "top", "width", "height", "confidence"),
    "errors": ("source_path", "stage", "error_type", "message", "time"),
}
# Pandas dtypes that keep integer columns integer when they contain blanks.
DTYPES: dict[str, str] = {
    "pages": "Int64", "restored_words": "Int64", "low_confidence_words": "Int64", "year": "Int64",
    "page": "Int64", "table_row": "Int64", "table_col": "Int64", "rotation": "Int64", "part_of": "Int64",
    "line": "Int64", "statistic": "Int64", "approximate": "boolean",
    "value": "Float64", "value_vnd": "Float64", "base_value": "Float64", "ocr_mean_confidence": "Float64",
    "mean_confidence": "Float64", "skew_angle": "Float64", "confidence": "Float64", "number_confidence": "Float64",
    "day_confidence": "Float64", "number_page": "Int64",
    "left": "Int64", "top": "Int64", "width": "Int64", "height": "Int64",
}
PLAN = "Kế hoạch"
# Two copies of one document: their agency lines read alike (OCR may damage a letter or two), and
# their first pages alike when a date was misread. On the 12 bundled samples a scan and its legacy
# OCR text score 84-100 (token set ratio of the first 3,000 characters), two different documents at
# most 83 (two decisions of one city, from one template): a date must then also agree.
SAME_AGENCY = 85
SAME_TEXT = 90
SIMILAR_TEXT_CHARS = 3000
LIST_SEPARATOR = "; "  # multi-valued cells (recipients, cleanup steps)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # what Excel evaluates at the start of a cell


def doc_id(sha256: str) -> str:
    """Documents are identified by content: the same scan under two names is one document."""
    return sha256[:16]


@dataclass
class DocumentRows:
    """All rows one document contributes to the dataset (everything except errors)."""

    documents: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)
    words: list[dict] = field(default_factory=list)


def headline_figures(statistics: Sequence[Statistic]) -> list[tuple[int, Statistic]]:
    """(index, statistic) of the report's own figure for each measure, subject and unit: the first
    one stated for the whole reporting unit, neither a level or sector (`scope`) nor a breakdown of
    a total of its own measure, so that a figure is never a sum of its parts nor one of them. A
    part of another measure's total is the whole unit's figure of its measure (`tiếp nhận 12.000
    hồ sơ, trong đó trực tuyến 8.000` states the online dossiers of the unit)."""
    chosen: dict[tuple[str, str, str], tuple[int, Statistic]] = {}
    for index, statistic in enumerate(statistics):
        total = statistics[statistic.part_of] if statistic.part_of is not None else None
        if statistic.measure and not statistic.scope and (total is None or total.measure != statistic.measure):
            chosen.setdefault((statistic.measure, statistic.subject, statistic.unit), (index, statistic))
    return list(chosen.values())


def document_checks(header: Header, statistics: Sequence[Statistic]) -> list[str]:
    """The consistency checks a document fails, by name (docs/schema.md lists them)."""
    failed = []
    if header.period_start and header.issue_date and header.doc_type != PLAN:  # a plan's period is ahead of it
        known = min(len(header.period_start), len(header.issue_date))  # a partial date keeps what is known
        if header.period_start[:known] > header.issue_date[:known]:
            failed.append("period_after_issue")
    if any(s.unit == "%" and s.value > 100 for s in statistics):
        failed.append("share_over_100")
    if any(
        s.part_of is not None and statistics[s.part_of].unit == s.unit and s.value > statistics[s.part_of].value
        for s in statistics
    ):
        failed.append("part_over_total")
    counts = {s.measure: s.value for _, s in headline_figures(statistics) if s.subject == "hồ sơ" and s.unit == "hồ sơ"}
    if {"resolved", "resolved_on_time", "overdue"} <= counts.keys():
        if counts["resolved_on_time"] + counts["overdue"] != counts["resolved"]:
            failed.append("on_time_plus_overdue_not_resolved")
    return failed


def handwriting_checks(fields: Sequence[HandwrittenField]) -> list[str]:
    """`handwritten_number_unsure`, `handwritten_day_unsure`, `handwritten_month_unsure`: a
    handwritten field the recogniser could not read surely, left empty."""
    return [f"handwritten_{field.kind}_unsure" for field in fields if field.text is None]


def value_source(value: str | None, kind: str, fields: Sequence[HandwrittenField]) -> str | None:
    """`handwritten` when the handwritten field of `kind` gave `value`, `printed` when OCR did;
    None without a value."""
    if value is None:
        return None
    return "handwritten" if any(field.kind == kind and field.text for field in fields) else "printed"


def document_rows(result: DocumentResult, source_path: str, pipeline_version: str) -> DocumentRows:
    """The document's rows, but for its words and the confidences of its values (pipeline.review)."""
    ident = doc_id(result.source.sha256)
    header, handwritten = result.extraction.header, result.extraction.handwritten
    confidences = [p.reading.mean_confidence for p in result.pages if p.reading.mean_confidence is not None]
    document = {
        "doc_id": ident,
        "source_path": source_path,
        "source_sha256": result.source.sha256,
        "input_kind": result.source.kind,
        "pages": len(result.pages),
        "agency": header.agency,
        "parent_agency": header.parent_agency,
        "doc_type": header.doc_type,
        "number": header.number,
        "symbol": header.symbol,
        "number_symbol": header.number_symbol,
        "place": header.place,
        "issue_date": header.issue_date,
        "title": header.title,
        "recipients": LIST_SEPARATOR.join(header.recipients) or None,
        "signer": header.signer,
        "signer_title": header.signer_title,
        "period_start": header.period_start,
        "period_end": header.period_end,
        "ocr_mean_confidence": round(sum(confidences) / len(confidences), 2) if confidences else None,
        "restored_words": sum(p.restored_words for p in result.pages),
        "low_confidence_words": sum(p.low_confidence_words for p in result.pages),
        "status": "ok",
        "pipeline_version": pipeline_version,
        "checks": LIST_SEPARATOR.join(
            document_checks(header, result.extraction.statistics) + handwriting_checks(handwritten)) or None,
        "issuer": header.issuer,
        "period_text": header.period_text,
        "number_confidence": next((f.confidence for f in handwritten if f.kind == "number" and f.text), None),
        "number_source": value_source(header.number, "number", handwritten),
        "day_source": value_source(header.issue_date if len(header.issue_date or "") == len("2025-02-04") else None,
                                   "day", handwritten),
        "day_confidence": next((f.confidence for f in handwritten if f.kind == "day" and f.text), None),
        "number_page": result.extraction.head_page if header.number else None,
    }
    references = [
        {
            "doc_id": ident, "ref_type": r.ref_type, "number": r.number, "year": r.year, "symbol": r.symbol,
            "number_symbol": r.number_symbol, "ref_date": r.ref_date, "issuer": r.issuer, "page": r.page,
            "context": r.context,
        }
        for r in result.extraction.references
    ]
    statistics = [
        {
            "doc_id": ident, "page": s.page, "label": s.label, "value": s.value, "unit": s.unit,
            "value_vnd": s.value_vnd, "context": s.context, "source": s.source, "table_row": s.table_row,
            "table_col": s.table_col, "measure": s.measure or None, "subject": s.subject or None,
            "scope": s.scope or None, "part_of": s.part_of, "approximate": s.approximate, "line": s.line,
            "base_measure": s.base_measure or None, "base_value": s.base_value,
        }
        for s in result.extraction.statistics
    ]
    figures = [
        {
            "doc_id": ident, "measure": s.measure, "subject": s.subject or None, "unit": s.unit, "value": s.value,
            "value_vnd": s.value_vnd, "approximate": s.approximate, "page": s.page, "line": s.line,
            "statistic": index, "context": s.context,
        }
        for index, s in headline_figures(result.extraction.statistics)
    ]
    pages = [
        {
            "doc_id": ident, "page": p.reading.number, "text": p.text, "raw_text": p.reading.raw_text,
            "mean_confidence": p.reading.mean_confidence, "skew_angle": p.reading.skew_angle,
            "rotation": p.reading.rotation, "cleanup_steps": LIST_SEPARATOR.join(p.reading.cleanup_steps),
        }
        for p in result.pages
    ]
    return DocumentRows([document], references, statistics, figures, pages)


def mark_duplicates(documents: list[dict], texts: Mapping[str, str]) -> None:
    """Set `duplicate_of` on each document that another one already is (a scan and its legacy OCR
    text, or two scans): the same number and symbol from the same agency, issued the same day, or
    the same year with the same text (`texts`: each document's restored text by doc_id), since OCR
    misreads a digit of a date (`11/6` as `11/8`) more often than a whole page. The copy kept is a
    scan rather than text (its OCR is ours, with confidences and page images), then the first by
    source path; drafts without a number are never taken for each other."""
    kept: dict[tuple, list[dict]] = {}
    preferred = sorted(documents, key=lambda d: (d["input_kind"] == "text", d["source_path"]))
    for document in preferred:
        document["duplicate_of"] = None
        if document["number"] is None or document["symbol"] is None:
            continue
        copies = kept.setdefault((document["number"], document["symbol"]), [])
        original = next((o for o in copies if _same_document(o, document, texts)), None)
        if original is None:
            copies.append(document)
        else:
            document["duplicate_of"] = original["doc_id"]


def _same_document(a: dict, b: dict, texts: Mapping[str, str]) -> bool:
    agencies = a.get("agency"), b.get("agency")
    if None not in agencies and fuzz.ratio(*agencies) < SAME_AGENCY:
        return False
    if a["issue_date"] == b["issue_date"]:
        return True
    same_year = (a["issue_date"] or "")[:4] == (b["issue_date"] or "")[:4] != ""
    first_pages = (texts.get(d["doc_id"], "")[:SIMILAR_TEXT_CHARS] for d in (a, b))
    return same_year and fuzz.token_set_ratio(*first_pages) >= SAME_TEXT


def table_frame(name: str, rows: Iterable[Mapping]) -> pd.DataFrame:
    """Rows as a frame with exactly the table's columns, in order, with stable dtypes."""
    columns = TABLES[name]
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for column in columns:
        frame[column] = frame[column].astype(DTYPES.get(column, "string"))
    return frame


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells Excel would evaluate as formulas with an apostrophe (CSV injection)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == "string":
            risky = safe[column].str.startswith(FORMULA_PREFIXES).fillna(False)
            safe.loc[risky, column] = "'" + safe.loc[risky, column]
    return safe


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns with each whole value as an integer, so that CSV says `55653`, not `55653.0`."""
    written = frame.copy()
    for column in written.columns:
        if written[column].dtype == "Float64":
            values = [None if pd.isna(v) else int(v) if float(v).is_integer() else float(v) for v in written[column]]
            written[column] = pd.Series(values, index=written.index, dtype=object)
    return written


def write_table(frame: pd.DataFrame, path: Path, *, excel: bool = False) -> None:
    """Write CSV (or Parquet, by suffix) atomically: readers see the old file or the new one."""
    def write(temporary: Path) -> None:
        if path.suffix == ".parquet":
            frame.to_parquet(temporary, index=False)
        elif excel:
            neutralise_formulas(whole_numbers(frame)).to_csv(temporary, index=False, encoding="utf-8-sig")
        else:
            whole_numbers(frame).to_csv(temporary, index=False, encoding="utf-8")

    atomic_write(path, write)


def atomic_write(path: Path, write) -> None:
    """Call `write(temporary_path)` then rename over `path`; no half-written file is ever visible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb") as stream:
            os.fsync(stream.fileno())
        temporary.chmod(0o644)  # mkstemp creates 0600; the dataset is meant to be shared
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
