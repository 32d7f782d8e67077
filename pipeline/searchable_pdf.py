"""Searchable PDF output: the one-page PDFs Tesseract renders (scan image plus an invisible text
layer, see `ocr_image(..., searchable_pdf=True)`) merged into one document."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pypdf

from pipeline.dataset import atomic_write


def merge_pages(pages: Sequence[bytes], path: Path) -> None:
    """Write `pages` (one-page PDFs, in reading order) to `path` as one PDF, atomically."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    writer = pypdf.PdfWriter()
    for page in pages:
        writer.append(pypdf.PdfReader(io.BytesIO(page)))
    atomic_write(path, lambda temporary: writer.write(temporary))
