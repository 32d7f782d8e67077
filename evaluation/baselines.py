"""The OCR we measure ourselves against, run as a user would run it on the same files.

- raw Tesseract: `tesseract -l vie` on the page as scanned, at the resolution the file declares (300
  without a tag, as `tesseract IMAGE` assumes), Tesseract's automatic page segmentation;
- OCRmyPDF: `ocrmypdf -l vie --force-ocr --invalidate-digital-signatures --deskew [--clean]` with
  its text taken from `--sidecar`: every page is read from its pixels, as ours is, whatever text
  layer or e-signature the PDF carries (without these OCRmyPDF refuses such files); `--clean`
  needs the `unpaper` program and is left out, and said so, where it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline._exec import tesseract
from pipeline.config import Config
from pipeline.inputs import PageImage

OCRMYPDF = "OCRmyPDF"
_SKIPPED = re.compile(r"\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]")


class BaselineUnavailable(Exception):
    """A baseline that cannot run here: not installed, or failed on the file (the reason is the message)."""


def raw_tesseract(page: PageImage, config: Config) -> str:
    """Plain `tesseract -l vie` on the page as scanned (in colour, at the page's own DPI, Tesseract's
    default automatic page segmentation)."""
    return tesseract.read_text(page.image, config.ocr.language, tesseract.AUTOMATIC_SEGMENTATION, page.dpi)


def tool(name: str) -> str | None:
    """An executable on PATH or next to this Python (the virtualenv's bin/)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def ocrmypdf_options() -> list[str]:
    """Read every page from its pixels, deskewed, and cleaned where unpaper is installed."""
    return ["--force-ocr", "--invalidate-digital-signatures", "--deskew", *(["--clean"] if tool("unpaper") else [])]


def ocrmypdf_pages(path: Path, workers: int = 1, image_dpi: int | None = None,
                   pages: list[int] | None = None) -> list[str]:
    """The text OCRmyPDF reads from each page of `path` (a PDF or an image), form-feed split; only
    `pages` (1-based) are read when given, the others come back empty. An image without a resolution
    tag needs `image_dpi`."""
    executable = tool("ocrmypdf")
    if executable is None:
        raise BaselineUnavailable("not installed: ocrmypdf")
    with tempfile.TemporaryDirectory(prefix="sohoa-ocrmypdf-") as directory:
        sidecar = Path(directory) / "text.txt"
        command = [executable, "-l", "vie", *ocrmypdf_options(), "--jobs", str(workers), "--output-type", "pdf",
                   "--sidecar", str(sidecar)]
        command += ["--image-dpi", str(image_dpi)] if image_dpi else []
        command += ["--pages", ",".join(map(str, pages))] if pages else []
        finished = subprocess.run([*command, str(path), str(Path(directory) / "out.pdf")], capture_output=True,
                                  text=True, env={**os.environ, **tesseract.THREAD_ENVIRONMENT})
        if finished.returncode != 0:
            raise BaselineUnavailable(f"failed on {path.name}: {finished.stderr.strip()[-300:]}")
        return sidecar_pages(sidecar.read_text(encoding="utf-8"))


def sidecar_pages(sidecar: str) -> list[str]:
    """Pages of an OCRmyPDF sidecar, where a run of pages it skipped is one `[OCR skipped on
    page(s) 2-5]` entry: each of them an empty page."""
    pages = []
    for text in sidecar.split("\f"):
        skipped = _SKIPPED.match(text)
        if skipped:
            first, last = int(skipped[1]), int(skipped[2] or skipped[1])
            pages += [""] * (last - first + 1)
        else:
            pages.append(text)
    return pages
