"""`sohoa search`: accent- and case-insensitive full-text search over the restored page text.

The index is an SQLite FTS5 table (standard library, nothing to download) of each page's text
folded by `patterns.text.fold` — lowercase, marks dropped, `đ` as `d` — so `cai cach hanh chinh`
and `Cải cách hành chính` find the same pages. FTS5 matches a phrase token by token, whatever
separates them, so a phrase broken across lines is found. The index is `OUT/search.sqlite`,
rebuilt whenever `pages.csv` has changed since it was built.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from patterns.text import fold
from pipeline.dataset import atomic_write
from pipeline.errors import BadQuery

INDEX_FILE = "search.sqlite"
SNIPPET_CONTEXT = 60  # characters of page text shown either side of the first match
MARK = ("«", "»")  # around each match in a snippet
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    doc_id: str
    page: int
    source_path: str
    title: str
    snippet: str  # page text around the first match, matches between MARK, whitespace collapsed
    score: float  # FTS5 bm25: lower is better


def search(out_dir: Path, query: str, limit: int = 20) -> list[Hit]:
    """Pages that hold every word and "quoted phrase" of `query`, best first."""
    phrases = query_phrases(query)
    if not phrases:
        raise BadQuery("the search has no words")
    index = ensure_index(out_dir)
    match = " ".join(f'"{" ".join(tokens)}"' for tokens in phrases)
    with sqlite3.connect(index) as connection:
        rows = connection.execute(
            "SELECT p.doc_id, p.page, p.source_path, p.title, p.text, bm25(page_text) AS score "
            "FROM page_text JOIN pages p ON p.rowid = page_text.rowid "
            "WHERE page_text MATCH ? ORDER BY score, p.doc_id, p.page LIMIT ?",
            (match, limit),
        ).fetchall()
    return [Hit(doc, page, source, title, snippet(text, phrases), score)
            for doc, page, source, title, text, score in rows]


def query_phrases(query: str) -> list[list[str]]:
    """The query's words and quoted phrases, each as its folded tokens."""
    phrases = []
    for quoted, word in _TERM.findall(query):
        tokens = _TOKEN.findall(fold(unicodedata.normalize("NFC", quoted or word)))
        if tokens:
            phrases.append(tokens)
    return phrases


def snippet(text: str, phrases: list[list[str]]) -> str:
    """`text` around its first match, every match of every phrase marked. `fold` keeps lengths,
    so a match found in the folded text has the same offsets in the text as printed."""
    folded = fold(text)
    spans = sorted(
        match.span()
        for tokens in phrases
        for match in re.finditer(r"\b" + r"\W+".join(map(re.escape, tokens)) + r"\b", folded)
    )
    if not spans:
        return " ".join(text[: 2 * SNIPPET_CONTEXT].split())
    start = max(0, spans[0][0] - SNIPPET_CONTEXT)
    end = min(len(text), spans[0][1] + SNIPPET_CONTEXT)
    parts, cursor = [], start
    for left, right in spans:
        if left < cursor or right > end:
            continue
        parts += [text[cursor:left], MARK[0], text[left:right], MARK[1]]
        cursor = right
    parts.append(text[cursor:end])
    return " ".join("".join(parts).split())


def ensure_index(out_dir: Path) -> Path:
    """The search index of `out_dir`, (re)built when it is missing or older than pages.csv."""
    pages_csv = out_dir / "pages.csv"
    if not pages_csv.exists():
        raise BadQuery(f"no dataset at {out_dir} (run `sohoa ingest` first)")
    stamp = f"{pages_csv.stat().st_size}:{pages_csv.stat().st_mtime_ns}"
    index = out_dir / INDEX_FILE
    if index.exists():
        with sqlite3.connect(index) as connection:
            built_from = connection.execute("SELECT value FROM meta WHERE key = 'pages_csv'").fetchone()
        if built_from == (stamp,):
            return index
    atomic_write(index, lambda temporary: _build(temporary, out_dir, stamp))
    return index


def _build(path: Path, out_dir: Path, stamp: str) -> None:
    pages = pd.read_csv(out_dir / "pages.csv", dtype=str, keep_default_na=False, usecols=["doc_id", "page", "text"])
    documents = pd.read_csv(out_dir / "documents.csv", dtype=str, keep_default_na=False,
                            usecols=["doc_id", "source_path", "title"])
    rows = pages.merge(documents, on="doc_id", how="left").fillna("")
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE pages (doc_id TEXT, page INTEGER, source_path TEXT, title TEXT, text TEXT);"
            # The folded text is all FTS5 sees; diacritics are already gone, so no tokenizer folding.
            "CREATE VIRTUAL TABLE page_text USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0');"
        )
        connection.execute("INSERT INTO meta VALUES ('pages_csv', ?)", (stamp,))
        for rowid, row in enumerate(rows.itertuples(index=False), 1):
            connection.execute("INSERT INTO pages (rowid, doc_id, page, source_path, title, text) VALUES (?, ?, ?, ?, ?, ?)",
                               (rowid, row.doc_id, int(row.page), row.source_path, row.title, row.text))
            connection.execute("INSERT INTO page_text (rowid, folded) VALUES (?, ?)", (rowid, fold(row.text)))
    connection.close()
