"""`sohoa report`: one self-contained HTML file about an output folder, for people without SQL.

Documents per agency and year, the most reported figures over time, how often each header field
was found, and the pages to check by eye. Charts are drawn at build time by matplotlib as inline
SVG and the styles are inline, so the file opens anywhere, offline, and can be mailed as it is.
"""

from __future__ import annotations

import html
import io
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.dataset import atomic_write
from pipeline.workspace import CANNED_QUERIES, REVIEW_CONFIDENCE, ensure_database

REPORT_FILE = "report.html"
HEADER_FIELDS = (
    "agency", "parent_agency", "doc_type", "number", "symbol", "place", "issue_date", "title", "recipients",
    "signer", "signer_title", "period_start", "period_end",
)
HEADLINE_FIGURES = 4  # (label, unit) pairs charted over time: those stated by the most documents
UNKNOWN = "(not found)"
STYLE = """
body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ddd; padding: 3px 8px; }
td.number { text-align: right; } svg { max-width: 100%; height: auto; }
"""


@dataclass(frozen=True)
class Section:
    title: str
    note: str  # what the section shows and how it was counted
    body: str  # HTML: a chart and/or a table


def write_report(out_dir: Path) -> Path:
    """Write `OUT/report.html` from the workspace database; its path."""
    with closing(sqlite3.connect(ensure_database(out_dir))) as connection:
        def frame(sql: str) -> pd.DataFrame:
            return pd.read_sql_query(sql, connection)

        documents = frame("SELECT * FROM documents")
        sections = [
            documents_per_agency(frame(CANNED_QUERIES["documents_per_agency_and_year"].sql)),
            figures_over_time(frame(
                "SELECT f.doc_id, f.measure || ' ' || coalesce(f.subject, '') AS label, f.unit, d.agency, "
                "d.period_end, f.value FROM figures f JOIN unique_documents d USING (doc_id) "
                "WHERE d.period_end IS NOT NULL")),
            extraction_coverage(documents),
            review_list(frame(CANNED_QUERIES["pages_to_review"].sql)),
        ]
    unique = int(documents["duplicate_of"].isna().sum())
    title = f"sohoa report: {unique} documents ({len(documents)} files) in {out_dir}"
    page = render(title, sections)
    path = out_dir / REPORT_FILE
    atomic_write(path, lambda temporary: temporary.write_text(page, encoding="utf-8"))
    return path


def documents_per_agency(counts: pd.DataFrame) -> Section:
    counts = counts.fillna({"agency": UNKNOWN, "parent_agency": ""})
    counts["agency"] = (counts["agency"] + " " + counts["parent_agency"]).str.strip()
    counts["year"] = counts["year"].map(lambda year: UNKNOWN if pd.isna(year) else str(int(year)))
    table = counts.pivot_table(index="agency", columns="year", values="documents", aggfunc="sum", fill_value=0)
    # Figure, not pyplot: no display, no global figure to close; the charts only ever become SVG text.
    figure = Figure(figsize=(9, 0.5 + 0.4 * len(table)))
    axes = figure.subplots()
    table.plot.barh(stacked=True, ax=axes, width=0.7)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # documents are counted, not measured
    axes.set_xlabel("documents")
    axes.set_ylabel("")
    axes.invert_yaxis()
    axes.legend(title="year of issue", loc="upper left", bbox_to_anchor=(1.01, 1))
    return Section("Documents per agency and year", "Counted by issuing agency and year of the issue date.",
                   svg(figure) + table_html(table.reset_index()))


def figures_over_time(statistics: pd.DataFrame) -> Section:
    note = ("The headline figures (the figures table: each report's own totals, never its breakdowns) "
            "stated by the most documents, each document once, each point one report's figure at the end "
            "of its period, per agency. None are added up: percentages do not add, and reports may overlap.")
    if statistics.empty:
        return Section("Figures over time", note, "<p>No figure is stated in a document with a reporting period.</p>")
    statistics = statistics.fillna({"agency": UNKNOWN, "unit": ""})
    statistics["period_end"] = pd.to_datetime(statistics["period_end"], errors="coerce")
    pairs = statistics.groupby(["label", "unit"])["doc_id"].nunique().sort_values(ascending=False)
    pairs = pairs.head(HEADLINE_FIGURES).index
    figure = Figure(figsize=(9, 2.6 * len(pairs)))
    for (label, unit), axes in zip(pairs, figure.subplots(len(pairs), 1, squeeze=False)[:, 0], strict=True):
        chosen = statistics[(statistics["label"] == label) & (statistics["unit"] == unit)]
        for agency, points in chosen.groupby("agency"):
            axes.plot(points["period_end"], points["value"], "o", label=agency)
        axes.set_title(f"{label} ({unit})" if unit else label, fontsize=10)
        axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.autofmt_xdate()
    return Section("Figures over time", note, svg(figure))


def extraction_coverage(documents: pd.DataFrame) -> Section:
    shares = pd.DataFrame({
        "field": HEADER_FIELDS,
        "documents": [int(documents[f].notna().sum()) for f in HEADER_FIELDS],
    })
    shares["share %"] = (100 * shares["documents"] / max(len(documents), 1)).round(1)
    figure = Figure(figsize=(9, 4.5))
    axes = figure.subplots()
    axes.barh(shares["field"], shares["share %"])
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of documents")
    axes.invert_yaxis()
    return Section("Extraction coverage", "Share of documents in which each header field was found.",
                   svg(figure) + table_html(shares))


def review_list(pages: pd.DataFrame) -> Section:
    note = (f"Scanned pages whose mean OCR confidence is below {REVIEW_CONFIDENCE:g}: check their "
            "values against the page image (`sohoa serve`, the page's row).")
    body = table_html(pages) if len(pages) else "<p>No page below the threshold.</p>"
    return Section(f"Pages to review ({len(pages)})", note, body)


def svg(figure: Figure) -> str:
    """The figure as inline SVG text; the same data gives the same bytes (no date, fixed ids)."""
    # fonttype none: text stays text (smaller, selectable, drawn in the reader's font).
    with matplotlib.rc_context({"svg.hashsalt": "sohoa", "svg.fonttype": "none"}):
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def table_html(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    rows = "".join(
        "<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value) -> str:
    if pd.isna(value):
        return "<td></td>"
    if isinstance(value, int | float):
        return f'<td class="number">{value:g}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def render(title: str, sections: list[Section]) -> str:
    body = "".join(
        f"<section><h2>{html.escape(s.title)}</h2><p>{html.escape(s.note)}</p>{s.body}</section>" for s in sections
    )
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n")
