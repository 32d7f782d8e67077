"""`sohoa query`: SQL over an output folder, with each table as a DuckDB view."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipeline.dataset import DTYPES, TABLES
from pipeline.errors import BadQuery, DamagedTable

SQL_TYPES = {"Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN"}
# A page's text is one CSV cell, and one page of a legacy .txt can be megabytes long (DuckDB's
# default limit is 2 MB a line); the reader's buffer grows only as far as the longest line needs.
MAX_LINE_BYTES = 1 << 30


def connect(out_dir: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per dataset table found in `out_dir` (Parquet preferred),
    `unique_documents` (one copy of each) and `citations`, the `references` table under a name
    that needs no quotes."""
    return _connect(out_dir, read_only)[0]


def run_query(out_dir: Path, sql: str, *, read_only: bool = False) -> pd.DataFrame:
    """The result of `sql` over the dataset in `out_dir`; BadQuery when DuckDB refuses it,
    DamagedTable when a table it reads cannot be read."""
    if not out_dir.is_dir():
        raise BadQuery(f"no output folder at {out_dir} (run `sohoa ingest` first)")
    connection, files = _connect(out_dir, read_only)
    try:
        return connection.execute(sql).df()
    except duckdb.Error as error:
        text = str(error)
        for name, path in files.items():
            if f"table {name} ({path.name}) cannot be read" in text or str(path) in text:
                raise DamagedTable(_damaged(name, path, text)) from error
        raise BadQuery(text.strip()) from error  # all of it: the hints (`Candidate bindings`) come after the first line


def _connect(out_dir: Path, read_only: bool) -> tuple[duckdb.DuckDBPyConnection, dict[str, Path]]:
    """The connection, and the file behind each table.

    A table that cannot be read becomes a view that fails with its name when used, so queries of
    the other tables still run. `read_only`: the SQL can read the dataset's files and nothing
    else: no other file, no writing, no extension installed or loaded, no setting changed back."""
    connection = duckdb.connect(":memory:")
    files = {name: path for name in TABLES if (path := _table_file(out_dir, name)) is not None}
    if read_only:
        allowed = ", ".join(f"'{_quoted(path)}'" for path in files.values())
        for setting in (f"allowed_paths = [{allowed}]", "enable_external_access = false",
                        "autoinstall_known_extensions = false", "autoload_known_extensions = false",
                        "lock_configuration = true"):
            connection.execute(f"SET {setting}")
    for name, path in files.items():
        try:
            connection.execute(f'CREATE VIEW "{name}" AS SELECT * FROM {_reader(name, path)}')
        except duckdb.Error as error:
            message = _damaged(name, path, str(error)).replace("'", "''")
            connection.execute(f"""CREATE VIEW "{name}" AS SELECT error('{message}')""")
    if "documents" in files:
        # Each document once, whatever number of copies (scan and legacy text) came in.
        connection.execute("CREATE VIEW unique_documents AS SELECT * FROM documents WHERE duplicate_of IS NULL")
    if "references" in files:
        # `references` is a reserved word in SQL: unquoted it fails with a bare syntax error.
        connection.execute('CREATE VIEW citations AS SELECT * FROM "references"')
    return connection, files


def _table_file(out_dir: Path, name: str) -> Path | None:
    for path in (out_dir / f"{name}.parquet", out_dir / f"{name}.csv"):
        if path.exists():
            return path
    return None


def _reader(name: str, path: Path) -> str:
    if path.suffix == ".parquet":
        return f"read_parquet('{_quoted(path)}')"
    types = ", ".join(f"'{c}': '{SQL_TYPES.get(DTYPES.get(c, ''), 'VARCHAR')}'" for c in TABLES[name])
    return f"read_csv('{_quoted(path)}', header = true, columns = {{{types}}}, max_line_size = {MAX_LINE_BYTES})"


def _damaged(name: str, path: Path, error: str) -> str:
    """One line naming the table, its file and DuckDB's reason (the reason alone if already named)."""
    reason = error.splitlines()[0]
    prefix = f"table {name} ({path.name}) cannot be read: "
    if prefix in reason:
        return reason[reason.index(prefix):]
    return f"{prefix}{reason}; run `sohoa ingest` again on the same output folder to rewrite it"


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
