"""`sohoa search`: accent- and case-insensitive full-text search over the restored page text.

The index is the workspace database's SQLite FTS5 table (standard library, nothing to download) of
each page's text folded by `patterns.text.fold` — lowercase, marks dropped, `đ` as `d` — so `cai
cach hanh chinh` and `Cải cách hành chính` find the same pages; the query is folded the same way.
FTS5 matches a phrase token by token, whatever separates them, so a phrase broken across lines is
found. `pipeline.workspace` rebuilds the database whenever the dataset has changed.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from patterns.text import fold
from pipeline.errors import BadQuery
from pipeline.workspace import ensure_database

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
    with closing(sqlite3.connect(ensure_database(out_dir))) as connection:
        rows = connection.execute(
            "SELECT p.doc_id, p.page, d.source_path, d.title, p.text, bm25(page_text) AS score "
            "FROM page_text JOIN pages p ON p.rowid = page_text.rowid LEFT JOIN documents d USING (doc_id) "
            "WHERE page_text MATCH ? ORDER BY score, p.doc_id, p.page LIMIT ?",
            (match_expression(phrases), limit),
        ).fetchall()
    return [Hit(doc, page, source or "", title or "", snippet(text or "", phrases), score)
            for doc, page, source, title, text, score in rows]


def match_expression(phrases: list[list[str]]) -> str:
    """The FTS5 query holding every phrase (a single word is a phrase of one token)."""
    return " ".join(f'"{" ".join(tokens)}"' for tokens in phrases)


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
