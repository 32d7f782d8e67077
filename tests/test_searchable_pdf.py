"""Searchable PDF: Tesseract's one-page PDFs (from the same run as the text) merged into a document
whose invisible text layer holds the Vietnamese words."""

import unicodedata
from pathlib import Path

import pypdf
import pytest

from pipeline.config import OcrConfig
from pipeline.ocr import ocr_image
from pipeline.searchable_pdf import merge_pages
from tests.conftest import page_array, render_page

FIRST = ("UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi, ngày 05 tháng 6 năm 2023")
SECOND = ("Đồng Nai đã giải quyết 52.192 hồ sơ", "thủ tục hành chính đạt 99,8%")


def test_the_page_pdf_comes_only_when_asked_for():
    image = page_array(render_page(FIRST))
    assert ocr_image(image, 300, OcrConfig()).pdf is None
    assert ocr_image(image, 300, OcrConfig(), searchable_pdf=True).pdf.startswith(b"%PDF")


def test_merged_pages_keep_their_order_and_vietnamese_text(tmp_path: Path):
    pages = [ocr_image(page_array(render_page(lines)), 300, OcrConfig(), searchable_pdf=True) for lines in (FIRST, SECOND)]
    path = tmp_path / "pdf" / "report.pdf"
    merge_pages([page.pdf for page in pages], path)
    reader = pypdf.PdfReader(path)
    texts = [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]
    assert [[line.strip() for line in text.splitlines()] for text in texts] == [list(FIRST), list(SECOND)]
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_document_without_pages_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="at least one page"):
        merge_pages([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
