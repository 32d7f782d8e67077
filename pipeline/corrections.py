"""Corrections a person made: `OUT/corrections.csv`, applied every time the tables are written.

The dataset is derived afresh on every ingest and reprocess, so a fix typed into documents.csv
would be lost on the next run. A fix goes into corrections.csv instead, which sohoa reads and
never writes: each line names a document, a table (`documents` or `statistics`), the rows it
concerns (`match`: `column=value` conditions joined by `;`, empty for the document's own row), the
field and its right value. Rows are matched against the values as extracted, which the next run
derives again, so a correction keeps finding its row. A corrected row names its corrected fields
in `corrected`; a headline figure follows its corrected statistic. docs/schema.md documents it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.dataset import DTYPES, LIST_SEPARATOR, TABLES, DocumentRows

CORRECTIONS_FILE = "corrections.csv"
COLUMNS = ("doc_id", "table", "field", "match", "value", "note")
# Fields a person may correct: what was read, not what identifies a row or is computed from others.
CORRECTABLE = {
    "documents": frozenset(TABLES["documents"]) - {"doc_id", "source_path", "source_sha256", "input_kind", "pages",
                                                    "pipeline_version", "duplicate_of", "corrected"},
    "statistics": frozenset(TABLES["statistics"]) - {"doc_id", "confidence", "corrected"},
}
FOLLOWED_BY_FIGURES = frozenset(TABLES["figures"]) & CORRECTABLE["statistics"]


@dataclass(frozen=True)
class Correction:
    line: int  # in corrections.csv, the header being line 1: named in every warning
    doc_id: str
    table: str
    field: str
    match: tuple[tuple[str, str], ...]  # (column, value as written in the CSV)
    value: object  # typed as the column is; None empties the field


def read_corrections(out_dir: Path) -> tuple[list[Correction], list[str]]:
    """The corrections of `out_dir` and one warning per line that cannot be applied as written."""
    path = out_dir / CORRECTIONS_FILE
    if not path.exists():
        return [], []
    # utf-8-sig: a file saved by Excel starts with a BOM. Every cell is text, blanks stay "".
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in COLUMNS if column != "note" and column not in frame.columns]
    if missing:
        return [], [f"{path}: no column {', '.join(missing)} (the columns are {', '.join(COLUMNS)})"]
    corrections, warnings = [], []
    for line, row in enumerate(frame.to_dict("records"), 2):
        try:
            corrections.append(_correction(line, row))
        except ValueError as error:
            warnings.append(f"{path} line {line}: {error}")
    return corrections, warnings


def _correction(line: int, row: dict[str, str]) -> Correction:
    table, field = row["table"].strip(), row["field"].strip()
    if table not in CORRECTABLE:
        raise ValueError(f"table '{table}' cannot be corrected (one of: {', '.join(CORRECTABLE)})")
    if field not in CORRECTABLE[table]:
        raise ValueError(f"field '{field}' of {table} cannot be corrected")
    match = []
    for condition in filter(None, (part.strip() for part in row["match"].split(";"))):
        column, equals, value = condition.partition("=")
        if not equals or column.strip() not in TABLES[table]:
            raise ValueError(f"match '{condition}' is no `column=value` of {table}")
        match.append((column.strip(), value.strip()))
    if table == "statistics" and not match:
        raise ValueError("a statistic is named by its match, such as `page=2; value=55653`")
    return Correction(line, row["doc_id"].strip(), table, field, tuple(match), typed(field, row["value"]))


def typed(column: str, text: str) -> object:
    """The value as the column holds it: blank is empty, numbers are numbers, booleans true/false."""
    text = text.strip()
    kind = DTYPES.get(column)
    if not text:
        return None
    try:
        if kind == "Int64":
            return int(text)
        if kind == "Float64":
            return float(text)
    except ValueError:
        raise ValueError(f"{column} is a number, not '{text}'") from None
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"{column} is true or false, not '{text}'")
        return text.lower() == "true"
    return text


def apply_corrections(rows: DocumentRows, corrections: Sequence[Correction]) -> set[int]:
    """Correct the document's rows in place; the lines of the corrections that found a row."""
    applied = set()
    # Matched against the rows as extracted: a second correction of a row finds it by the same values.
    extracted = {table: [dict(row) for row in getattr(rows, table)] for table in CORRECTABLE}
    for correction in corrections:
        for row, as_extracted in zip(getattr(rows, correction.table), extracted[correction.table], strict=True):
            if all(_matches(as_extracted.get(column), value) for column, value in correction.match):
                _correct(row, correction.field, correction.value)
                applied.add(correction.line)
    for figure in rows.figures:  # a headline figure is its statistic: it shows the corrected one
        statistic = rows.statistics[figure["statistic"]]
        if statistic.get("corrected"):
            figure.update({column: statistic[column] for column in FOLLOWED_BY_FIGURES})
            figure["corrected"] = statistic["corrected"]
    return applied


def _matches(cell: object, written: str) -> bool:
    """`written` (text from the CSV) names `cell`: numbers by value (`55653` is 55653.0)."""
    if cell is None:
        return written == ""
    if isinstance(cell, bool):
        return written.lower() == str(cell).lower()
    if isinstance(cell, int | float):
        try:
            return float(written) == cell
        except ValueError:
            return False
    return str(cell) == written


def _correct(row: dict, field: str, value: object) -> None:
    if field == "value" and row.get("value_vnd") is not None and row["value"] and value is not None:
        row["value_vnd"] = row["value_vnd"] * value / row["value"]  # the same amount in đồng, corrected
    row[field] = value
    marked = row.get("corrected").split(LIST_SEPARATOR) if row.get("corrected") else []
    row["corrected"] = LIST_SEPARATOR.join(dict.fromkeys([*marked, field]))
