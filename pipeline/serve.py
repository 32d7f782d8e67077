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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasette import hookimpl
from markupsafe import Markup, escape
from PIL import Image

from pipeline.page_images import FOLDER as IMAGE_FOLDER
from pipeline.page_images import WIDTH as IMAGE_WIDTH
from pipeline.page_images import image_path
from pipeline.review import digits, value_digits
from pipeline.search import match_expression, query_phrases, snippet
from pipeline.workspace import CANNED_QUERIES, IMAGE_URL, REVIEW_CONFIDENCE, ensure_database, schema_descriptions

TEMPLATES = Path(__file__).parent / "templates"
FACETS = {
    "documents": ["parent_agency", "agency", "doc_type", "year"],
    "references": ["ref_type", "year"],
    "statistics": ["measure", "subject", "unit", "source"],
    "figures": ["measure", "subject", "unit"],
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
def extra_template_vars(view_name: str, table: str | None, request, datasette):
    async def variables() -> dict:
        found = {"image_url": IMAGE_URL}
        if view_name == "row" and table == "pages" and request is not None:
            doc_id, _, page = request.url_vars.get("pks", "").partition(",")
            database = datasette.get_database("sohoa")
            words = [dict(row) for row in await database.execute(
                "SELECT text, line, left, top, width, height, confidence FROM words WHERE doc_id = ? AND page = ?",
                (doc_id, page))]
            values = [tuple(row) for row in await database.execute(
                "SELECT line, value FROM statistics WHERE doc_id = ? AND page = ?", (doc_id, page))]
            path = image_path(Path(database.path).parent, doc_id, int(page)) if page.isdigit() else None
            if path is not None and path.exists():
                with Image.open(path) as opened:
                    found["page_image_size"] = opened.size
                found["page_boxes"] = page_boxes(path, words, values)
        return found

    return variables


@dataclass(frozen=True)
class Box:
    """A word to point out on the page image, in the image's pixels."""

    kind: str  # "value": prints an extracted value; "low": OCR was unsure of it (below REVIEW_CONFIDENCE)
    x: float
    y: float
    width: float
    height: float
    title: str  # shown on hover


def page_boxes(image: Path, words: list[dict], values: list[tuple[int | None, float]]) -> list[Box]:
    """The boxes over `image` of the words that print `values` ((line, value) of the page's
    statistics) and of the words OCR was unsure of; none when the words cannot be placed on it."""
    place = image_placement(image, words)
    if place is None:
        return []
    boxes = []
    for word in words:
        prints_value = any(digits(word["text"]) == value_digits(value) and line in (None, word["line"])
                           for line, value in values)
        kinds = ["value"] * prints_value + ["low"] * (word["confidence"] < REVIEW_CONFIDENCE)
        for kind in kinds:
            x, y = place(word["left"], word["top"])
            x2, y2 = place(word["left"] + word["width"], word["top"] + word["height"])
            boxes.append(Box(kind, *(round(float(n), 1) for n in (x, y, x2 - x, y2 - y)),
                             f"{word['text']} ({word['confidence']:g})"))
    return boxes


def image_placement(image: Path, words: list[dict]):
    """The function from page pixels (the words' boxes) to `image` pixels, or None.

    The image is the cleaned page scaled to IMAGE_WIDTH, and the page's own width is not recorded,
    so the scale is measured: the ink on the image spans what the words span on the page. A page
    narrower than IMAGE_WIDTH was not scaled. Where the two axes disagree (a ruled frame or a
    stamp beyond the text), no box is drawn rather than a box in the wrong place."""
    if not words:
        return None
    with Image.open(image) as opened:
        grey = np.asarray(opened.convert("L"))
    if grey.shape[1] < IMAGE_WIDTH:
        return lambda x, y: (x, y)
    columns, rows = np.flatnonzero((grey < 128).any(axis=0)), np.flatnonzero((grey < 128).any(axis=1))
    left, top = min(w["left"] for w in words), min(w["top"] for w in words)
    right, bottom = max(w["left"] + w["width"] for w in words), max(w["top"] + w["height"] for w in words)
    if not len(columns) or right <= left or bottom <= top:
        return None
    across, down = (columns[-1] + 1 - columns[0]) / (right - left), (rows[-1] + 1 - rows[0]) / (bottom - top)
    if abs(across - down) > 0.03 * across:
        return None
    scale = (across + down) / 2
    return lambda x, y: (columns[0] + (x - left) * scale, rows[0] + (y - top) * scale)


def _match(query: str | None) -> str:
    # An empty query (the form before anything is typed) matches nothing rather than failing.
    return match_expression(query_phrases(query or "")) or '""'


def _snippet(text: str | None, query: str | None) -> str:
    return snippet(text or "", query_phrases(query or ""))

