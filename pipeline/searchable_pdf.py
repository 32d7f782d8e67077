"""Searchable PDF output: each cleaned page image with our final OCR words laid invisibly over it
(`page_pdf`), the one-page PDFs merged into one document (`merge_pages`).

The text layer holds exactly `OcrPage.words`, after the debris is dropped and the unsure words are
read again, each word over its box, so that searching a document finds what the dataset holds and
selecting a word highlights it on the scan.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

import numpy as np
import pypdf
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

from domain.records import WordBox
from pipeline.dataset import atomic_write
from pipeline.errors import MissingDependency

POINTS_PER_INCH = 72
JPEG_QUALITY = 75  # Pillow's default; search reads the text layer, not the picture


def check_font(font: Path) -> None:
    """Fail the whole run early, with an actionable message, when the text layer's font is missing."""
    if not font.is_file():
        raise MissingDependency(f"font {font} is missing (apt-get install fonts-liberation2)")


def page_pdf(image: np.ndarray, dpi: int, words: Sequence[WordBox], font: Path) -> bytes:
    """One page as a one-page PDF: the grey page `image` (as read by OCR, `dpi` dots per inch)
    filling the page, and `words` over it as invisible text in `font`, a TrueType font.

    Each word's text is stretched over its box's width; across its line's height, set on the
    line's baseline. Words of one line are separated by a space, so that extracted text reads as
    lines of words.
    """
    scale = POINTS_PER_INCH / dpi
    pdf = FPDF(unit="pt", format=(image.shape[1] * scale, image.shape[0] * scale))
    pdf.set_margin(0)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.image(_stored_image(image), x=0, y=0, w=pdf.w, h=pdf.h)
    # Liberation Serif has a glyph for every character Tesseract's `vie` model reads (its
    # unicharset): fpdf2 leaves out of the text layer a character the font has no glyph for.
    pdf.add_font("text", fname=font)
    pdf.set_font("text")
    pdf.text_mode = TextMode.INVISIBLE
    for _, group in groupby(words, key=lambda word: word.line_key):
        _place_line(pdf, list(group), scale)
    return bytes(pdf.output())


def _place_line(pdf: FPDF, line: list[WordBox], scale: float) -> None:
    """The words of one line at one size and on one baseline, from the line's height: the size
    makes the font's ascent and descent span the line's boxes, so a highlight covers the line,
    and the baseline sits the descent above their bottom. A word's own box would not do: a
    dash's is a few pixels high, and text set that small and high is no longer on its line for
    text extraction."""
    top, bottom = min(word.top for word in line), max(word.top + word.height for word in line)
    ascent, descent = pdf.current_font.desc.ascent / 1000, pdf.current_font.desc.descent / 1000  # descent < 0
    size = (bottom - top) * scale / (ascent - descent)
    pdf.set_font_size(size)
    for i, word in enumerate(line, 1):
        natural = pdf.get_string_width(word.text) * 100 / pdf.font_stretching
        pdf.set_stretching(100 * word.width * scale / natural)
        # The space goes with the word: extractors need not guess it from the gap.
        pdf.text(word.left * scale, bottom * scale + descent * size, word.text + (" " if i < len(line) else ""))


def _stored_image(image: np.ndarray) -> Image.Image | io.BytesIO:
    """The page image in the encoding that keeps the PDF small, as fpdf2 takes it.

    Measured on the cleaned pages of samples/ (A4, 300 DPI), per page:
    - a bilevel page (cleanup binarised it) as 1 bit per pixel, which fpdf2 stores with CCITT G4:
      25-55 KB, lossless (Flate: 77-170 KB; JPEG: 350 KB and more, ringing around each letter);
    - a grey page in Flate (lossless) or JPEG, whichever is smaller: a near-binary page (white
      paper, grey only at letter edges) is 300 KB in Flate against 630 KB in JPEG, but a page whose
      paper grain was kept is 1.9 MB in Flate against 600 KB in JPEG.
    """
    grey = Image.fromarray(image)
    if not np.any((image > 0) & (image < 255)):
        return grey.convert("1", dither=Image.Dither.NONE)
    jpeg = io.BytesIO()
    grey.save(jpeg, format="JPEG", quality=JPEG_QUALITY)
    return grey if len(zlib.compress(image.tobytes())) <= jpeg.tell() else jpeg


def merge_pages(pages: Sequence[bytes], path: Path) -> None:
    """Write `pages` (one-page PDFs, in reading order) to `path` as one PDF, atomically."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    writer = pypdf.PdfWriter()
    for page in pages:
        writer.append(pypdf.PdfReader(io.BytesIO(page)))
    atomic_write(path, lambda temporary: writer.write(temporary))
