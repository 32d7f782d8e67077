"""Searchable PDF: each cleaned page with our final OCR words as its invisible text layer, each word
over its box, the pages merged into one document."""

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pypdf
import pytesseract
import pytest
from PIL import ImageDraw

from domain.records import WordBox
from pipeline.config import Config, OcrConfig
from pipeline.errors import MissingDependency
from pipeline.ocr import ocr_image
from pipeline.searchable_pdf import check_font, merge_pages, page_pdf
from tests.conftest import page_array, render_page

FONT = Config().pdf_font
FIRST = ("UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi, ngày 05 tháng 6 năm 2023")
SECOND = ("Đồng Nai đã giải quyết 52.192 hồ sơ", "thủ tục hành chính đạt 99,8%")


def searchable(image: np.ndarray, dpi: int = 300) -> bytes:
    """The page PDF of `image` with the words our OCR reads on it."""
    return page_pdf(image, dpi, ocr_image(image, dpi, OcrConfig()).words, FONT)


def text_lines(page: pypdf.PageObject) -> list[str]:
    return [line for line in unicodedata.normalize("NFC", page.extract_text()).splitlines() if line]


def test_the_text_layer_reads_as_the_pages_ocr_text_line_by_line():
    image = page_array(render_page(FIRST + SECOND))
    ocr = ocr_image(image, 300, OcrConfig())
    [page] = pypdf.PdfReader(io.BytesIO(page_pdf(image, 300, ocr.words, FONT))).pages
    assert text_lines(page) == ocr.text.splitlines() == list(FIRST + SECOND)


def test_each_word_spans_its_box_across_its_lines_height(tmp_path: Path):
    image = page_array(render_page(FIRST))
    words = ocr_image(image, 300, OcrConfig()).words
    (tmp_path / "page.pdf").write_bytes(page_pdf(image, 300, words, FONT))
    bbox = subprocess.run(["pdftotext", "-bbox", tmp_path / "page.pdf", "-"], capture_output=True, text=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', bbox)

    def line_of(w: WordBox) -> list[WordBox]:
        return [v for v in words if v.line_key == w.line_key]

    spans = [
        (w.left, min(v.top for v in line_of(w)), w.left + w.width, max(v.top + v.height for v in line_of(w)))
        for w in words
    ]
    assert [text for *_, text in found] == [word.text for word in words]
    assert [tuple(float(side) for side in box) for *box, _ in found] == [
        pytest.approx(tuple(side * 72 / 300 for side in span), abs=0.1) for span in spans
    ]


def test_the_page_is_the_image_at_its_dpi():
    image = page_array(render_page(FIRST, dpi=200))
    [page] = pypdf.PdfReader(io.BytesIO(page_pdf(image, 200, (), FONT))).pages
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (image.shape[1] * 72 / 200, image.shape[0] * 72 / 200)
    )
    [drawn] = page.images
    assert drawn.image.size == (image.shape[1], image.shape[0])


def binarised(image: np.ndarray) -> np.ndarray:
    return np.where(image < 128, 0, 255).astype(np.uint8)


def grey_at_letter_edges(image: np.ndarray) -> np.ndarray:
    return image  # the rendered page: white paper, anti-aliased letters


def grainy(image: np.ndarray) -> np.ndarray:
    """`image` with the paper grain of a scanner kept in (noise of 8 grey levels)."""
    return np.clip(image + np.random.default_rng(0).normal(0, 8, image.shape), 0, 255).astype(np.uint8)


@pytest.mark.parametrize(
    ("scan", "encoding"),
    [(binarised, "/CCITTFaxDecode"), (grey_at_letter_edges, "/FlateDecode"), (grainy, "/DCTDecode")],
)
def test_the_page_image_is_stored_in_its_smallest_encoding(scan, encoding):
    image = scan(page_array(render_page(FIRST)))
    [page] = pypdf.PdfReader(io.BytesIO(page_pdf(image, 300, (), FONT))).pages
    [stored] = page["/Resources"]["/XObject"].values()
    assert stored.get_object()["/Filter"] == encoding


def test_a_pen_stroke_our_ocr_drops_as_debris_is_not_in_the_text_layer():
    page = render_page(FIRST)
    ImageDraw.Draw(page).line([(1300, 380), (1330, 320), (1360, 380), (1390, 320)], fill=0, width=5)
    image = page_array(page)
    assert "'/" in pytesseract.image_to_string(image, lang="vie", config="--psm 3 --dpi 300")  # Tesseract reads it
    [reader_page] = pypdf.PdfReader(io.BytesIO(searchable(image))).pages
    assert text_lines(reader_page) == list(FIRST)


def test_merged_pages_keep_their_order(tmp_path: Path):
    path = tmp_path / "pdf" / "report.pdf"
    merge_pages([searchable(page_array(render_page(lines))) for lines in (FIRST, SECOND)], path)
    assert [text_lines(page) for page in pypdf.PdfReader(path).pages] == [list(FIRST), list(SECOND)]
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_document_without_pages_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="at least one page"):
        merge_pages([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()


def test_a_missing_font_stops_the_run_with_the_package_to_install(tmp_path: Path):
    with pytest.raises(MissingDependency, match="apt-get install fonts-liberation2"):
        check_font(tmp_path / "LiberationSerif-Regular.ttf")
