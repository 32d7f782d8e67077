"""The analysts' workspace database: `OUT/sohoa.db`, the dataset's tables in one SQLite file.

`sohoa serve` browses it (Datasette), `sohoa search` and `sohoa report` query it. It is derived
from the table files (`*.csv`, or `*.parquet` where present, as `sohoa query` reads them) and
rebuilt whenever one of them (or this module) has changed since it was built, so it is never
stale and never needs a step of its own. Beside the tables it holds:

- `pages.image`: the URL path of the page's image (`OUT/pages/`), for the page view;
- `documents.year`: the year of issue, to facet on;
- `unique_documents`: a view of each document once (`duplicate_of` empty);
- `review`: a view of the values and pages OCR was unsure of, least sure first;
- `page_text`: an FTS5 index of each page's text folded by `patterns.text.fold` (lowercase, marks
  dropped, `đ` as `d`), rowid = the page's rowid, so unaccented words find restored text.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from patterns.text import fold
from pipeline.dataset import DTYPES, TABLES, atomic_write
from pipeline.errors import BadQuery
from pipeline.page_images import image_path
from pipeline.query import connect

DATABASE_FILE = "sohoa.db"
IMAGE_URL = "/page-images"  # where `sohoa serve` mounts OUT/pages/
SCHEMA_DOC = Path(__file__).parent.parent / "docs" / "schema.md"
SQL_TYPES = {"Int64": "INTEGER", "Float64": "REAL"}
PRIMARY_KEYS = {"documents": ("doc_id",), "pages": ("doc_id", "page")}
# Pages below this mean OCR confidence, and values whose words are below it, are worth a human look:
# clean print reads at 90-96, a misread digit at 60-70.
REVIEW_CONFIDENCE = 80.0

# Columns the database adds to a table, after the table's own (filled by `_extra_values`).
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("year", "INTEGER"),),
    "pages": (("image", "TEXT"),),
}


@dataclass(frozen=True)
class CannedQuery:
    title: str
    description: str
    sql: str  # SQLite; `:name` parameters are asked for by Datasette


# The README's everyday questions, in SQLite: Datasette offers them as forms, the report uses them.
CANNED_QUERIES: dict[str, CannedQuery] = {
    "documents_per_agency_and_year": CannedQuery(
        "Documents per agency and year", "How many documents each agency issued, per year of issue.",
        "SELECT parent_agency, agency, year, count(*) AS documents FROM unique_documents "
        "GROUP BY parent_agency, agency, year ORDER BY parent_agency, agency, year",
    ),
    "ho_so_received_per_quarter": CannedQuery(
        "Hồ sơ received per quarter",
        "From each report's own total (figures), never its breakdowns; a report counts in the quarter "
        "its reporting period ends.",
        "SELECT CAST(substr(d.period_end, 1, 4) AS INTEGER) AS year, "
        "(CAST(substr(d.period_end, 6, 2) AS INTEGER) + 2) / 3 AS quarter, sum(f.value) AS ho_so_tiep_nhan "
        "FROM figures f JOIN unique_documents d USING (doc_id) "
        "WHERE f.measure = 'received' AND f.subject = 'hồ sơ' AND f.unit = 'hồ sơ' AND d.period_end IS NOT NULL "
        "GROUP BY year, quarter ORDER BY year, quarter",
    ),
    "most_cited_decisions": CannedQuery(
        "Decisions cited most", "Quyết định cited, by the number of documents citing them.",
        "SELECT number_symbol, count(DISTINCT doc_id) AS cited_by FROM \"references\" "
        "WHERE ref_type = 'Quyết định' AND doc_id IN (SELECT doc_id FROM unique_documents) "
        "GROUP BY number_symbol ORDER BY cited_by DESC, number_symbol LIMIT 10",
    ),
    "pages_to_review": CannedQuery(
        "Values and pages to review",
        f"Figures and document numbers read from words, and scanned pages, under {REVIEW_CONFIDENCE:g} OCR "
        "confidence and not corrected yet, least sure first: check them on the page image.",
        "SELECT r.kind, r.doc_id, r.page, r.line, d.title, r.field, r.value, r.unit, r.confidence "
        "FROM review r JOIN documents d USING (doc_id) ORDER BY r.confidence, r.doc_id, r.page, r.line",
    ),
}
# Values (a statistic, a document's number) and pages to check by eye; a corrected value is checked.
# `value` is text, a figure's whole number without `.0`: a document number (`01`) is no number. A
# number is on page 1 in a dataset written before `number_page`.
REVIEW_VIEW = f"""CREATE VIEW review AS
SELECT 'value' AS kind, doc_id, page, line, label AS field,
  CASE WHEN value = CAST(value AS INTEGER) THEN CAST(CAST(value AS INTEGER) AS TEXT)
    ELSE CAST(value AS TEXT) END AS value,
  unit, confidence FROM statistics
  WHERE confidence < {REVIEW_CONFIDENCE} AND corrected IS NULL
UNION ALL
SELECT 'number', doc_id, coalesce(number_page, 1), NULL, 'number', number, NULL, number_confidence FROM documents
  WHERE number_confidence < {REVIEW_CONFIDENCE} AND coalesce(corrected, '') NOT LIKE '%number%'
UNION ALL
SELECT 'page', doc_id, page, NULL, NULL, NULL, NULL, mean_confidence FROM pages
  WHERE mean_confidence < {REVIEW_CONFIDENCE}"""


def ensure_database(out_dir: Path) -> Path:
    """The workspace database of `out_dir`, (re)built when missing or older than the tables."""
    sources = sorted(path for name in TABLES for path in _table_files(out_dir, name))
    if not (out_dir / "pages.csv").exists() and not (out_dir / "pages.parquet").exists():
        raise BadQuery(f"no dataset at {out_dir} (run `sohoa ingest` first)")
    # This module's code and the tables' columns are in the stamp too: a database made by an
    # earlier version (another view, another column) is rebuilt like one made from older tables.
    code = hashlib.sha256(Path(__file__).read_bytes() + repr((TABLES, DTYPES)).encode()).hexdigest()[:12]
    stamp = ";".join([code, *(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources)])
    database = out_dir / DATABASE_FILE
    if database.exists() and _built_from(database) == stamp:
        return database
    atomic_write(database, lambda temporary: _build(temporary, out_dir, stamp))
    return database


def _table_files(out_dir: Path, name: str) -> list[Path]:
    return [path for path in (out_dir / f"{name}.parquet", out_dir / f"{name}.csv") if path.exists()]


def _built_from(database: Path) -> str | None:
    try:
        with sqlite3.connect(database) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'built_from'").fetchone()
    except sqlite3.DatabaseError:
        return None  # an older or damaged file: rebuilt
    return row[0] if row else None


def _build(path: Path, out_dir: Path, stamp: str) -> None:
    tables = connect(out_dir)
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('built_from', ?)", (stamp,))
        for name, columns in TABLES.items():
            connection.execute(_create_table(name, columns))
            if not _table_files(out_dir, name):
                continue
            rows = tables.execute(f'SELECT * FROM "{name}"').fetchall()
            rows = [row + _extra_values(name, dict(zip(columns, row, strict=True)), out_dir) for row in rows]
            width = len(columns) + len(EXTRA_COLUMNS.get(name, ()))
            connection.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * width)})', rows)
        # Each document once, whatever number of copies came in (see documents.duplicate_of).
        connection.execute("CREATE VIEW unique_documents AS SELECT * FROM documents WHERE duplicate_of IS NULL")
        connection.execute(REVIEW_VIEW)
        # The page view draws a page's words over its image.
        connection.execute("CREATE INDEX words_of_a_page ON words (doc_id, page)")
        # The index holds folded text, so the tokenizer's own folding changes nothing in it; it folds
        # the words typed into Datasette's search box, which arrive unfolded (all but đ, which
        # unicode61 keeps: the canned search folds the query itself).
        connection.execute(
            "CREATE VIRTUAL TABLE page_text USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2')")
        connection.create_function("fold", 1, fold, deterministic=True)
        connection.execute("INSERT INTO page_text (rowid, folded) SELECT rowid, fold(coalesce(text, '')) FROM pages")
    connection.close()


def _create_table(name: str, columns: tuple[str, ...]) -> str:
    definitions = [f'"{c}" {SQL_TYPES.get(DTYPES.get(c, ""), "TEXT")}' for c in columns]
    definitions += [f'"{c}" {sql_type}' for c, sql_type in EXTRA_COLUMNS.get(name, ())]
    if name in PRIMARY_KEYS:
        definitions.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[name])})")
    if "doc_id" in columns and name != "documents":
        # Datasette links each row to its document, and lists a document's pages, figures and citations.
        definitions.append("FOREIGN KEY (doc_id) REFERENCES documents (doc_id)")
    return f'CREATE TABLE "{name}" ({", ".join(definitions)})'


def _extra_values(name: str, row: dict, out_dir: Path) -> tuple:
    if name == "documents":
        year = re.match(r"\d{4}", row["issue_date"] or "")
        return (int(year.group()) if year else None,)
    if name == "pages":
        image = image_path(out_dir, row["doc_id"], row["page"])
        return (f"{IMAGE_URL}/{image.name}" if image.exists() else None,)
    return ()


def schema_descriptions(schema_doc: Path = SCHEMA_DOC) -> dict[str, dict[str, str]]:
    """{table: {column: meaning, "": what a row is}} from docs/schema.md, the one place columns
    are explained; a `table.column` row (the database's own columns) belongs to that table."""
    tables: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in schema_doc.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"## (\w+)\.csv — (.+)", line):
            current = tables.setdefault(heading.group(1), {"": heading.group(2)})
        elif line.startswith("## "):
            current = {}
        elif row := re.match(r"\| (?:(\w+)\.)?(\w+) \| [^|]+ \| ([^|]+) \|", line):
            table, column, meaning = row.groups()
            target = tables.setdefault(table, {}) if table else current
            if target is not None and column != "column":
                target[column] = meaning.strip()
    return tables
