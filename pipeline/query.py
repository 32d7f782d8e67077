"""`sohoa query`: SQL over an output folder, with each table as a DuckDB view."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipeline.dataset import DTYPES, TABLES
from pipeline.errors import BadQuery

SQL_TYPES = {"Int64": "BIGINT", "Float64": "DOUBLE"}


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per dataset table found in `out_dir` (Parquet preferred),
    `unique_documents` (one copy of each) and `citations`, the `references` table under a name
    that needs no quotes."""
    connection = duckdb.connect(":memory:")
    for name, columns in TABLES.items():
        parquet, csv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
        if parquet.exists():
            source = f"read_parquet('{_quoted(parquet)}')"
        elif csv.exists():
            types = ", ".join(f"'{c}': '{SQL_TYPES.get(DTYPES.get(c, ''), 'VARCHAR')}'" for c in columns)
            source = f"read_csv('{_quoted(csv)}', header = true, columns = {{{types}}})"
        else:
            continue
        connection.execute(f'CREATE VIEW "{name}" AS SELECT * FROM {source}')
        if name == "documents":
            # Each document once, whatever number of copies (scan and legacy text) came in.
            connection.execute("CREATE VIEW unique_documents AS SELECT * FROM documents WHERE duplicate_of IS NULL")
        if name == "references":
            # `references` is a reserved word in SQL: unquoted it fails with a bare syntax error.
            connection.execute(f"CREATE VIEW citations AS SELECT * FROM {source}")
    return connection


def run_query(out_dir: Path, sql: str) -> pd.DataFrame:
    """The result of `sql` over the dataset in `out_dir`; BadQuery when DuckDB refuses it."""
    if not out_dir.is_dir():
        raise BadQuery(f"no output folder at {out_dir} (run `sohoa ingest` first)")
    try:
        return connect(out_dir).execute(sql).df()
    except duckdb.Error as error:
        raise BadQuery(str(error).splitlines()[0]) from error


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
