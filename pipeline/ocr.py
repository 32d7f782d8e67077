"""Stage 3 — OCR: Tesseract `vie` via pytesseract, keeping words, lines, boxes and confidences."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from statistics import fmean, median

import cv2
import numpy as np
import pytesseract
from patterns import WordBox

from pipeline.config import OcrConfig
from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout


# Bump when a change alters what this stage produces: cached results of older versions are redone.
VERSION = "3"

# A gap between words wider than this many word heights separates two columns: word spaces,
# even in justified lines, stay under one height, the header's columns are three or more apart.
COLUMN_GAP = 2.5


@dataclass(frozen=True)
class OcrPage:
    number: int
    text: str  # lines joined by "\n", blocks separated by a blank line
    words: tuple[WordBox, ...]
    mean_confidence: float | None  # over words, 0-100; None when the page has no words
    low_confidence_share: float  # share of words under OcrConfig.low_confidence
    pdf: bytes | None = None  # one-page searchable PDF, when asked for


def check_tesseract(language: str) -> None:
    """Fail the whole run early, with an actionable message, when Tesseract cannot do the job."""
    if shutil.which("tesseract") is None:
        raise MissingDependency("tesseract is not installed (apt-get install tesseract-ocr)")
    if language not in pytesseract.get_languages():
        raise MissingDependency(
            f"Tesseract has no '{language}' model (apt-get install tesseract-ocr-{language})"
        )


def ocr_image(
    image: np.ndarray, dpi: int, config: OcrConfig, number: int = 1, *, searchable_pdf: bool = False
) -> OcrPage:
    """Read one page image; raises OcrTimeout past `config.timeout_seconds`.

    With `searchable_pdf`, the same Tesseract run also renders the page as a one-page PDF: the
    image with the recognised text laid invisibly over it (`OcrPage.pdf`).
    """
    outputs = _run_tesseract(image, dpi, config, number, ("tsv", "pdf") if searchable_pdf else ("tsv",))
    words = _words(pytesseract.pytesseract.file_to_dict(outputs["tsv"].decode("utf-8"), "\t", -1))
    confidences = [word.confidence for word in words]
    return OcrPage(
        number=number,
        text=_layout_text(words),
        words=words,
        mean_confidence=round(fmean(confidences), 2) if confidences else None,
        low_confidence_share=(
            round(sum(c < config.low_confidence for c in confidences) / len(confidences), 4) if confidences else 0.0
        ),
        pdf=outputs.get("pdf"),
    )


def _run_tesseract(
    image: np.ndarray, dpi: int, config: OcrConfig, number: int, renderers: tuple[str, ...]
) -> dict[str, bytes]:
    """One Tesseract run over `image`, returning each renderer's output file ("tsv", "pdf")."""
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as directory:
        page_file = Path(directory) / "page.png"
        _write_page(image, page_file)
        base = Path(directory) / "page"
        try:
            pytesseract.pytesseract.run_tesseract(
                str(page_file), str(base), " ".join(renderers), config.language,
                config=f"--psm {config.page_segmentation} --dpi {dpi} -c tessedit_create_tsv=1",
                timeout=config.timeout_seconds,
            )
        except RuntimeError as error:
            if "timeout" in str(error).lower():
                raise OcrTimeout(f"page {number}: Tesseract took longer than {config.timeout_seconds:g} s") from None
            raise OcrFailed(f"page {number}: {error}") from None
        except pytesseract.TesseractError as error:
            raise OcrFailed(f"page {number}: Tesseract failed ({error.message.strip()})") from None
        return {renderer: base.with_suffix(f".{renderer}").read_bytes() for renderer in renderers}


def _write_page(image: np.ndarray, path: Path) -> None:
    """PNG, fast to write; a black-and-white page as 1 bit per pixel, which the PDF renderer then
    stores with CCITT G4 (tens of kilobytes a page) instead of JPEG."""
    bilevel = image.ndim == 2 and not np.any((image > 0) & (image < 255))
    cv2.imwrite(str(path), image, [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_BILEVEL, int(bilevel)])


def _words(data: dict[str, list]) -> tuple[WordBox, ...]:
    words = []
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if confidence < 0 or not text.strip():  # structural rows (page/block/line) carry conf -1
            continue
        words.append(
            WordBox(
                text=unicodedata.normalize("NFC", text.strip()),
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                confidence=confidence,
                block=int(data["block_num"][i]),
                paragraph=int(data["par_num"][i]),
                line=int(data["line_num"][i]),
            )
        )
    return tuple(words)


@dataclass(frozen=True)
class Segment:
    """Words of one text line between column gaps."""

    words: tuple[WordBox, ...]

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return self.words[-1].left + self.words[-1].width

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class Line:
    block: int
    segments: tuple[Segment, ...]  # left to right

    @property
    def top(self) -> int:
        return min(word.top for segment in self.segments for word in segment.words)

    @property
    def bottom(self) -> int:
        return max(word.top + word.height for segment in self.segments for word in segment.words)


def _layout_text(words: tuple[WordBox, ...]) -> str:
    """Rebuild the page text as a reader types it: one line per text line, blocks apart by a blank
    line, and where a band of lines has two columns (the header, the signature block), the whole
    left column before the right one, which Tesseract often reads across as single lines."""
    lines = _lines(words)
    placed: list[tuple[object, str]] = []  # (block it belongs to, text) in reading order
    start = 0
    while start < len(lines):
        end, gutter = _column_band(lines, start)
        if gutter is None:
            placed.append((lines[start].block, " ".join(segment.text for segment in lines[start].segments)))
            start += 1
            continue
        for side in ("left", "right"):
            for line in lines[start:end]:
                placed += [((start, side), s.text) for s in line.segments if _side(s, gutter) == side]
        start = end
    text: list[str] = []
    for i, (block, line_text) in enumerate(placed):
        if i and block != placed[i - 1][0]:
            text.append("")
        text.append(line_text)
    return "\n".join(text)


def _lines(words: tuple[WordBox, ...]) -> list[Line]:
    """The page's text lines, each cut into segments where a gap is too wide to be between words.

    Tesseract's lines, except that two consecutive ones side by side (the halves of one visual
    line in two columns, which Tesseract sometimes gives one after the other) are one line."""
    lines: list[Line] = []
    for _, group in groupby(words, key=lambda word: (word.block, word.paragraph, word.line)):
        line_words = list(group)
        line = Line(line_words[0].block, _segments(line_words))
        if lines and _side_by_side(lines[-1], line):
            line = Line(lines[-1].block, tuple(sorted(lines.pop().segments + line.segments, key=lambda s: s.left)))
        lines.append(line)
    return lines


def _side_by_side(first: Line, second: Line) -> bool:
    """True when the lines share most of their height and are a column gap apart."""
    overlap = min(first.bottom, second.bottom) - max(first.top, second.top)
    height = min(first.bottom - first.top, second.bottom - second.top)
    gap = max(second.segments[0].left - first.segments[-1].right, first.segments[0].left - second.segments[-1].right)
    return overlap > height / 2 and gap > COLUMN_GAP * height


def _segments(words: list[WordBox]) -> tuple[Segment, ...]:
    height = median(word.height for word in words)
    segments: list[list[WordBox]] = [[words[0]]]
    for previous, word in zip(words, words[1:]):
        if word.left - (previous.left + previous.width) > COLUMN_GAP * height:
            segments.append([])
        segments[-1].append(word)
    return tuple(Segment(tuple(segment)) for segment in segments)


def _column_band(lines: list[Line], start: int) -> tuple[int, tuple[int, int] | None]:
    """The end of the two-column band starting at `lines[start]` and its gutter (the free strip
    between the columns), or (start + 1, None) when that line is not split in two columns.

    The band goes on while no line crosses the gutter."""
    if len(lines[start].segments) != 2:
        return start + 1, None
    left, right = lines[start].segments
    gutter = (left.right, right.left)
    end = start + 1
    while end < len(lines) and len(lines[end].segments) <= 2:
        segments = lines[end].segments
        if any(_side(segment, gutter) is None for segment in segments):
            break
        if len(segments) == 2:
            gutter = (max(gutter[0], segments[0].right), min(gutter[1], segments[1].left))
            if gutter[0] >= gutter[1]:
                break
        end += 1
    return end, gutter


def _side(segment: Segment, gutter: tuple[int, int]) -> str | None:
    """Which column of a band with this gutter `segment` is in; None when it spans both."""
    if segment.left < gutter[0] and segment.right > gutter[1]:
        return None
    return "left" if segment.left + segment.right < gutter[0] + gutter[1] else "right"
