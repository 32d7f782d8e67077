"""The analysts' workspace: page images, the SQLite database, Datasette in a real browser, the report."""

import hashlib
import io
import re
import shutil
import sqlite3
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from evaluation.browser import dom, screenshot, served
from pipeline.batch import OutputOptions, ingest
from pipeline.config import Config
from pipeline.dataset import TABLES, doc_id, table_frame, write_table
from pipeline.report import HEADER_FIELDS, extraction_coverage, write_report
from pipeline.serve import Box, metadata, page_boxes
from pipeline.workspace import CANNED_QUERIES, ensure_database
from tests.conftest import write_scanned_pdf

LEGACY_REPORT = (
    "UBND TINH QUANG NGAI\nVAN PHONG\nS6: 12 /BC-VP Quang Ngai, ngay 05 thang 6 nam 2023\nBAO CAO\n"
    "Ket qua cong tac cai cach hanh\nchinh nam 2023\n"
    "Thuc hien Quyet dinh so 124/QD-UBND ngay 30/01/2023 cua UBND tinh, Van phong tiep nhan 1.234 ho so.\n"
)


@dataclass(frozen=True)
class Workspace:
    out: Path
    scan: str  # doc_id of the scanned report (one page)
    legacy: str  # doc_id of the legacy OCR text


def identity(path: Path) -> str:
    return doc_id(hashlib.sha256(path.read_bytes()).hexdigest())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    inbox = tmp_path_factory.mktemp("inbox")
    scan = write_scanned_pdf(inbox / "report.pdf")
    legacy = inbox / "reform.txt"
    legacy.write_text(LEGACY_REPORT, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)
    return Workspace(out, identity(scan), identity(legacy))


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_ingest_writes_each_scanned_page_as_a_png_1000_pixels_wide(workspace):
    assert [path.name for path in (workspace.out / "pages").iterdir()] == [f"{workspace.scan}-1.png"]
    with Image.open(workspace.out / "pages" / f"{workspace.scan}-1.png") as image:
        assert (image.format, image.size) == ("PNG", (1000, 1414))  # A4 at 300 DPI, 2481 × 3508, scaled


def test_the_database_holds_the_tables_with_each_documents_year_and_each_pages_image(workspace):
    database = ensure_database(workspace.out)
    assert rows(database, "SELECT doc_id, year, agency, parent_agency FROM documents ORDER BY source_path") == [
        (workspace.legacy, 2023, "VĂN PHÒNG", "UBND TỈNH QUẢNG NGÃI"),
        (workspace.scan, 2023, "UBND TỈNH QUẢNG NGÃI", None),
    ]
    assert sorted(rows(database, "SELECT doc_id, page, image FROM pages")) == sorted([
        (workspace.legacy, 1, None),
        (workspace.scan, 1, f"/page-images/{workspace.scan}-1.png"),
    ])


def test_the_database_is_rebuilt_when_a_table_has_changed_and_only_then(workspace, tmp_path):
    out = shutil.copytree(workspace.out, tmp_path / "out")
    built = ensure_database(out).stat().st_mtime_ns
    assert ensure_database(out).stat().st_mtime_ns == built
    errors = [{"source_path": "inbox/broken.pdf", "stage": "input", "error_type": "corrupt", "message": "m",
               "time": "t"}]
    write_table(table_frame("errors", errors), out / "errors.csv")
    assert rows(ensure_database(out), "SELECT source_path, error_type FROM errors") == [("inbox/broken.pdf", "corrupt")]


def test_the_canned_queries_answer_the_readmes_questions(workspace):
    database = ensure_database(workspace.out)

    def answer(name: str) -> list[tuple]:
        return rows(database, CANNED_QUERIES[name].sql)

    assert answer("documents_per_agency_and_year") == [
        (None, "UBND TỈNH QUẢNG NGÃI", 2023, 1), ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", 2023, 1)]
    assert answer("ho_so_received_per_quarter") == [(2023, 4, 1234.0)]  # the legacy report covers the year 2023
    assert answer("most_cited_decisions") == [("124/QĐ-UBND", 1)]
    assert answer("pages_to_review") == []  # a clean rendered page reads above 80


def test_the_review_lists_the_values_and_pages_ocr_was_unsure_of_and_not_what_was_corrected(tmp_path):
    tables = {
        "documents": [{"doc_id": "a", "number": "937", "number_confidence": 71.0},
                      {"doc_id": "b", "number": "12", "number_confidence": 60.0, "corrected": "number"}],
        "statistics": [{"doc_id": "a", "page": 2, "line": 6, "label": "tiếp nhận", "value": 56653.0, "unit": "hồ sơ",
                        "confidence": 63.0},
                       {"doc_id": "a", "page": 2, "line": 6, "label": "giải quyết", "value": 52192.0,
                        "confidence": 96.0},
                       {"doc_id": "b", "page": 1, "line": 3, "label": "tiếp nhận", "value": 10.0, "confidence": 50.0,
                        "corrected": "value"}],
        "pages": [{"doc_id": "a", "page": 2, "mean_confidence": 78.5}, {"doc_id": "b", "page": 1}],
    }
    for name, table_rows in tables.items():
        write_table(table_frame(name, table_rows), tmp_path / f"{name}.csv")
    assert rows(ensure_database(tmp_path), CANNED_QUERIES["pages_to_review"].sql) == [
        ("value", "a", 2, 6, None, "tiếp nhận", "56653", "hồ sơ", 63.0),
        ("number", "a", 1, None, None, "number", "937", None, 71.0),
        ("page", "a", 2, None, None, None, None, None, 78.5),
    ]


def test_a_consolidated_texts_number_is_reviewed_on_the_page_it_was_read_on(tmp_path):
    documents = [{"doc_id": "c", "number": "46", "number_confidence": 64.0, "number_page": 26}]
    write_table(table_frame("documents", documents), tmp_path / "documents.csv")
    write_table(table_frame("pages", [{"doc_id": "c", "page": 26, "mean_confidence": 93.0}]), tmp_path / "pages.csv")
    assert rows(ensure_database(tmp_path), "SELECT kind, page, value FROM review") == [("number", 26, "46")]


def test_the_page_image_boxes_each_values_words_and_each_word_ocr_was_unsure_of(tmp_path):
    Image.new("L", (800, 1100), 255).save(tmp_path / "page.png")  # under 1000 pixels: not scaled
    words = [{"text": "Tiếp", "line": 6, "left": 10, "top": 20, "width": 30, "height": 12, "confidence": 96.0},
             {"text": "56.653", "line": 6, "left": 50, "top": 20, "width": 40, "height": 12, "confidence": 63.0},
             {"text": "2023", "line": 3, "left": 10, "top": 5, "width": 30, "height": 12, "confidence": 95.0}]
    assert page_boxes(tmp_path / "page.png", words, [(6, 56653.0), (None, 2023.0)]) == [
        Box("value", 50, 20, 40, 12, "56.653 (63)"), Box("low", 50, 20, 40, 12, "56.653 (63)"),
        Box("value", 10, 5, 30, 12, "2023 (95)"),  # a table cell's value: on any line of its page
    ]


def test_every_table_and_column_is_described_from_the_schema():
    tables = metadata()["databases"]["sohoa"]["tables"]
    added = {"documents": {"year"}, "pages": {"image"}}
    for name, columns in TABLES.items():
        assert set(tables[name]["columns"]) == set(columns) | added.get(name, set())
    assert tables["statistics"]["description"] == "one row per stated figure"
    assert tables["statistics"]["columns"]["value"] == (
        "the number, parsed from Vietnamese format (`55.653` → 55653, `99,8` → 99.8)")
    assert tables["documents"]["facets"] == ["parent_agency", "agency", "doc_type", "year"]


def test_extraction_coverage_is_the_share_of_documents_in_which_each_field_was_found():
    documents = pd.DataFrame({field: [None, None] for field in HEADER_FIELDS})
    documents["title"] = ["Báo cáo", None]
    documents["issue_date"] = ["2023-06-05", "2023"]
    body = extraction_coverage(documents).body
    assert '<tr><td>title</td><td class="number">1</td><td class="number">50</td></tr>' in body
    assert '<tr><td>issue_date</td><td class="number">2</td><td class="number">100</td></tr>' in body
    assert '<tr><td>signer</td><td class="number">0</td><td class="number">0</td></tr>' in body


# --- in a real browser (Debian's chromium, headless) ---------------------------------------------


@pytest.fixture(scope="module")
def server(workspace):
    with served(workspace.out) as base:
        yield base


def test_an_unaccented_phrase_typed_in_the_browser_finds_the_document_printed_with_marks(server, workspace):
    page = dom(f"{server}/sohoa/search?q=%22cai+cach+hanh+chinh%22")
    assert f'href="/sohoa/pages/{workspace.legacy},1"' in page
    assert workspace.scan not in page  # its text says "cải cách thủ tục hành chính": not the phrase
    assert "«cải cách hành chính»" in page


def test_a_page_opens_with_its_image_beside_its_text(server, workspace, tmp_path):
    page = dom(f"{server}/sohoa/pages/{workspace.scan},1")
    assert f'<img class="sohoa-page-image" src="/page-images/{workspace.scan}-1.png"' in page
    assert "Tiếp nhận 55.653 hồ sơ" in page
    # Each extracted value's word boxed on the image, its box scaled from the 2481-pixel page to 1000 pixels.
    boxes = re.findall(r'<rect class="sohoa-(\w+)" x="([\d.]+)"[^>]*><title>([^<]*)</title>', page)
    assert [(kind, title) for kind, _, title in boxes] == [
        ("value", "55.653 (96)"), ("value", "52.192 (96)"), ("value", "99,8%. (96)")]
    words = rows(ensure_database(workspace.out),
                 f"SELECT left FROM words WHERE doc_id = '{workspace.scan}' AND text = '55.653'")
    assert abs(float(boxes[0][1]) - words[0][0] * 1000 / 2481) < 1
    with urllib.request.urlopen(f"{server}/page-images/{workspace.scan}-1.png") as response:
        assert Image.open(io.BytesIO(response.read())).size == (1000, 1414)
    with Image.open(screenshot(f"{server}/sohoa/pages/{workspace.scan},1", tmp_path / "page.png")) as shot:
        assert shot.size == (1280, 900)


def test_a_document_opens_with_its_fields_and_its_pages_images(server, workspace):
    page = dom(f"{server}/sohoa/documents/{workspace.scan}")
    assert f'<img src="/page-images/{workspace.scan}-1.png" alt="page 1"' in page
    assert "UBND TỈNH QUẢNG NGÃI" in page


def test_the_documents_table_is_faceted_by_agency_type_and_year(server):
    page = dom(f"{server}/sohoa/documents")
    assert sorted(re.findall(r"facet-sohoa-documents-(\w+)", page)) == ["agency", "doc_type", "parent_agency", "year"]


def test_the_report_opens_in_the_browser_with_nothing_fetched(workspace):
    report = write_report(workspace.out)
    text = report.read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="(?!#)[^"]*"', text) == []  # only links inside the inline SVGs
    page = dom(report.as_uri())
    assert page.count("<svg") == 3  # documents per agency, figures over time, coverage
    assert "<h2>Pages to review (0)</h2>" in page
