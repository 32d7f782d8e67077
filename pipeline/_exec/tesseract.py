"""Tesseract: the one place that runs it (OCR, orientation detection, and the benchmarks' raw
baseline), with one thread per run, a time limit, and the checks that say what to install.

Every run is `tesseract IMAGE stdout [options]` in a subprocess: a run past its time limit is
killed (`subprocess.TimeoutExpired`) and becomes `OcrTimeout`, a failed run `OcrFailed`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytesseract
from PIL import Image

from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout

PROGRAM = "tesseract"
# Tesseract's OpenMP threads compete with our own page-level process pool for the same cores;
# one thread per run is fastest on a loaded machine (and never slower on 2 cores).
THREAD_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}
AUTOMATIC_SEGMENTATION = 3  # --psm 3, Tesseract's default: find the layout, no orientation
MINIMUM_VERSION = (4, 1)  # the LSTM `vie` model and TSV output with page numbers
TIFF_UNCOMPRESSED = 1  # libtiff's COMPRESSION_NONE

# A page as OpenCV holds it (grey, or colour in BGR order) or as PIL does (without alpha).
PageImage = np.ndarray | Image.Image


@dataclass(frozen=True)
class Orientation:
    rotate: int  # degrees clockwise that turn the page upright, as Tesseract says
    confidence: float


def check(languages: Iterable[str]) -> None:
    """Fail early, saying what to install, when Tesseract or one of `languages` is missing or the
    installed version is too old."""
    try:
        version = pytesseract.get_tesseract_version()
    except pytesseract.TesseractNotFoundError:
        raise MissingDependency("tesseract is not installed (apt-get install tesseract-ocr)") from None
    if (version.major, version.minor) < MINIMUM_VERSION:
        raise MissingDependency(
            f"tesseract {version} is too old; {'.'.join(map(str, MINIMUM_VERSION))} or newer is needed"
        )
    installed = installed_languages()
    for language in languages:
        if language not in installed:
            package = "tesseract-ocr" if language == "osd" else f"tesseract-ocr-{language}"
            raise MissingDependency(f"Tesseract has no '{language}' model (apt-get install {package})")


@cache
def installed_languages() -> frozenset[str]:
    return frozenset(pytesseract.get_languages())


def version() -> str:
    """The installed version (`5.3.0`), for cache keys and environment checks."""
    return str(pytesseract.get_tesseract_version())


def read_tsv(
    images: Sequence[PageImage], language: str, psm: int, dpi: int, timeout: float | None = None
) -> list[dict]:
    """One run over `images` (its pages 1, 2, ...): a row per TSV line, numbers as ints and `text`
    as printed. Confidences come as whole percents, as pytesseract's image_to_data reports them."""
    with _image_files(images) as source:
        output = _run([source, "stdout", "-l", language, "--psm", str(psm), "--dpi", str(dpi), "tsv"], timeout)
    return _tsv_rows(output.decode("utf-8"))


def read_text(image: PageImage, language: str, psm: int, dpi: int, timeout: float | None = None) -> str:
    """The plain text Tesseract reads on one image, in its own reading order."""
    with _image_files([image]) as source:
        output = _run([source, "stdout", "-l", language, "--psm", str(psm), "--dpi", str(dpi)], timeout)
    return output.decode("utf-8")


def detect_orientation(image: PageImage, dpi: int, timeout: float) -> Orientation | None:
    """Tesseract's orientation detection (`--psm 0`); None when it finds too little text."""
    with _image_files([image]) as source:
        try:
            output = _run([source, "stdout", "--psm", "0", "--dpi", str(dpi)], timeout)
        except OcrFailed:
            return None  # "Too few characters", Tesseract's answer for a sparse page
    fields = dict(line.split(":", 1) for line in output.decode("utf-8").splitlines() if ":" in line)
    if "Rotate" not in fields:
        return None
    return Orientation(int(fields["Rotate"]), float(fields["Orientation confidence"]))


def _run(arguments: list[str], timeout: float | None) -> bytes:
    try:
        completed = subprocess.run(
            [PROGRAM, *arguments], capture_output=True, timeout=timeout,
            env={**os.environ, **THREAD_ENVIRONMENT},
        )
    except FileNotFoundError:
        raise MissingDependency("tesseract is not installed (apt-get install tesseract-ocr)") from None
    except subprocess.TimeoutExpired:
        raise OcrTimeout(f"Tesseract took longer than {timeout:g} s") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed ({message[-1] if message else f'exit status {completed.returncode}'})")
    return completed.stdout


@contextmanager
def _image_files(images: Sequence[PageImage]) -> Iterator[str]:
    """The images as files in a temporary folder (`_write_image`); yields the path to give
    Tesseract (a list file for several images: Tesseract reads a file that is no image as a list
    of them)."""
    with tempfile.TemporaryDirectory(prefix="sohoa-tesseract-") as directory:
        paths = [_write_image(image, Path(directory) / f"page-{i}") for i, image in enumerate(images, 1)]
        if len(paths) == 1:
            yield str(paths[0])
            return
        listing = Path(directory) / "pages.txt"
        listing.write_text("".join(f"{path}\n" for path in paths))
        yield str(listing)


def _write_image(image: PageImage, stem: Path) -> Path:
    """The image written beside `stem` in a format Tesseract decodes to the same pixels; returns
    its path. Black and white goes as PNG at 1 bit per pixel, grey and colour as uncompressed TIFF:
    a grey 300 DPI A4 page took 100 ms (clean) to 220 ms (grainy) to write as PNG, 9 ms as TIFF,
    which Leptonica reads as fast (PGM it reads a byte at a time: 8 % of a page's OCR). A PIL
    image goes as PNG, in whatever mode it has."""
    if isinstance(image, Image.Image):
        path = stem.with_suffix(".png")
        image.save(path, compress_level=1)
    elif image.ndim == 2 and _bilevel(image):
        path = stem.with_suffix(".png")
        cv2.imwrite(str(path), image, [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_BILEVEL, 1])
    else:
        path = stem.with_suffix(".tif")
        cv2.imwrite(str(path), image, [cv2.IMWRITE_TIFF_COMPRESSION, TIFF_UNCOMPRESSED])
    return path


def _bilevel(image: np.ndarray) -> bool:
    """True when every pixel is black (0) or white (255)."""
    return cv2.countNonZero(cv2.inRange(image, 1, 254)) == 0


def _tsv_rows(tsv: str) -> list[dict]:
    lines = tsv.rstrip("\n").split("\n")
    if len(lines) < 2:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))  # the last row lacks its empty text cell
        row = {name: cell if name == "text" else int(float(cell)) for name, cell in zip(header, cells)}
        rows.append(row)
    return rows
