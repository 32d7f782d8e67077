"""`sohoa serve`: the workspace database in Datasette, documented, faceted and searchable.

Datasette shows every table with the meanings `docs/schema.md` gives its columns, facets on the
fields analysts split by, the canned queries of `pipeline.workspace`, and a `search` query that
folds what is typed exactly as `sohoa search` does (two SQL functions registered here). The row
page of a page shows its image (`OUT/pages/`, mounted at `/page-images`) beside its text; the row
page of a document, its pages.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from datasette import hookimpl
from markupsafe import Markup, escape

from pipeline.page_images import FOLDER as IMAGE_FOLDER
from pipeline.search import match_expression, query_phrases, snippet
from pipeline.workspace import CANNED_QUERIES, IMAGE_URL, ensure_database, schema_descriptions

TEMPLATES = Path(__file__).parent / "templates"
FACETS = {
    "documents": ["parent_agency", "agency", "doc_type", "year"],
    "references": ["ref_type", "year"],
    "statistics": ["unit", "label", "source"],
    "errors": ["stage", "error_type"],
}
SEARCH_SQL = (
    "SELECT p.doc_id, p.page, d.title, sohoa_snippet(p.text, :q) AS snippet, d.agency, d.issue_date, "
    "'/sohoa/pages/' || p.doc_id || ',' || p.page AS page_view "
    "FROM page_text JOIN pages p ON p.rowid = page_text.rowid JOIN documents d USING (doc_id) "
    "WHERE page_text MATCH sohoa_match(:q) ORDER BY bm25(page_text), p.doc_id, p.page LIMIT 100"
)


def metadata() -> dict:
    """Datasette metadata: table and column descriptions, facets, canned queries."""
    described = schema_descriptions()
    tables: dict[str, dict] = {
        name: {"description": columns.get("", ""), "columns": {c: m for c, m in columns.items() if c},
               "facets": FACETS.get(name, [])}
        for name, columns in described.items()
    }
    tables["unique_documents"] = {**tables["documents"], "description": "each document once: the documents whose "
                                  "duplicate_of is empty (count these)"}
    tables["review"] = {"description": "values and pages OCR was unsure of (confidence under 80), not corrected "
                        "yet: check them on the page image, correct them in corrections.csv"}
    tables["documents"]["label_column"] = "title"  # a page or figure links to its document by title
    tables["pages"]["fts_table"] = "page_text"  # the table's search box, over the folded text
    tables["pages"]["fts_pk"] = "rowid"
    for hidden in ("meta", "page_text"):
        tables[hidden] = {"hidden": True}
    queries = {
        "search": {
            "title": "Search the pages",
            "description": "Words and \"quoted phrases\", with or without marks (đ matches d), as `sohoa search`.",
            "sql": SEARCH_SQL,
        },
        **{name: {"title": q.title, "description": q.description, "sql": q.sql} for name, q in CANNED_QUERIES.items()},
    }
    return {
        "title": "sohoa workspace",
        "description": "The dataset of scanned administrative documents: every column is explained on its table.",
        "databases": {"sohoa": {"tables": tables, "queries": queries}},
    }


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve `out_dir`'s workspace until interrupted."""
    import uvicorn
    from datasette.app import Datasette
    from datasette.plugins import pm

    database = ensure_database(out_dir)
    if not pm.is_registered(sys.modules[__name__]):
        pm.register(sys.modules[__name__], name="sohoa")
    (out_dir / IMAGE_FOLDER).mkdir(exist_ok=True)
    datasette = Datasette(
        [str(database)],
        metadata=metadata(),
        template_dir=str(TEMPLATES),
        static_mounts=[(IMAGE_URL.strip("/"), str(out_dir / IMAGE_FOLDER))],
        settings={"default_page_size": 50, "facet_time_limit_ms": 1000},
    )
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")


# --- Datasette plugin hooks ----------------------------------------------------------------


@hookimpl
def prepare_connection(conn) -> None:
    conn.create_function("sohoa_match", 1, _match, deterministic=True)
    conn.create_function("sohoa_snippet", 2, _snippet, deterministic=True)


@hookimpl
def render_cell(value, column: str):
    if column == "page_view" and isinstance(value, str):
        return Markup(f'<a href="{escape(value)}">image and text</a>')
    if column == "image" and isinstance(value, str) and value.startswith(IMAGE_URL):
        return Markup(f'<a href="{escape(value)}"><img src="{escape(value)}" alt="page image" width="120"></a>')
    return None


@hookimpl
def extra_template_vars() -> dict:
    return {"image_url": IMAGE_URL}


def _match(query: str | None) -> str:
    # An empty query (the form before anything is typed) matches nothing rather than failing.
    return match_expression(query_phrases(query or "")) or '""'


def _snippet(text: str | None, query: str | None) -> str:
    return snippet(text or "", query_phrases(query or ""))

