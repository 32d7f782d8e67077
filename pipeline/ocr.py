"""Stage 3 — OCR: Tesseract `vie` via pytesseract, keeping words, lines, boxes and confidences."""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from statistics import fmean

import numpy as np
import pytesseract
from patterns import WordBox

from pipeline.config import OcrConfig
from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout


# Bump when a change alters what this stage produces: cached results of older versions are redone.
VERSION = "1"


@dataclass(frozen=True)
class OcrPage:
    number: int
    text: str  # lines joined by "\n", blocks separated by a blank line
    words: tuple[WordBox, ...]
    mean_confidence: float | None  # over words, 0-100; None when the page has no words
    low_confidence_share: float  # share of words under OcrConfig.low_confidence


def check_tesseract(language: str) -> None:
    """Fail the whole run early, with an actionable message, when Tesseract cannot do the job."""
    if shutil.which("tesseract") is None:
        raise MissingDependency("tesseract is not installed (apt-get install tesseract-ocr)")
    if language not in pytesseract.get_languages():
        raise MissingDependency(
            f"Tesseract has no '{language}' model (apt-get install tesseract-ocr-{language})"
        )


def ocr_image(image: np.ndarray, dpi: int, config: OcrConfig, number: int = 1) -> OcrPage:
    """Read one page image; raises OcrTimeout past `config.timeout_seconds`."""
    try:
        data = pytesseract.image_to_data(
            image,
            lang=config.language,
            config=f"--psm {config.page_segmentation} --dpi {dpi}",
            output_type=pytesseract.Output.DICT,
            timeout=config.timeout_seconds,
        )
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise OcrTimeout(f"page {number}: Tesseract took longer than {config.timeout_seconds:g} s") from None
        raise OcrFailed(f"page {number}: {error}") from None
    except pytesseract.TesseractError as error:
        raise OcrFailed(f"page {number}: Tesseract failed ({error.message.strip()})") from None
    words = _words(data)
    confidences = [word.confidence for word in words]
    return OcrPage(
        number=number,
        text=_layout_text(words),
        words=words,
        mean_confidence=round(fmean(confidences), 2) if confidences else None,
        low_confidence_share=(
            round(sum(c < config.low_confidence for c in confidences) / len(confidences), 4) if confidences else 0.0
        ),
    )


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


def _layout_text(words: tuple[WordBox, ...]) -> str:
    """Rebuild the page text as Tesseract laid it out: one line per text line, blocks apart."""
    lines: list[str] = []
    previous_block = previous_line = None
    for word in words:
        line_key = (word.block, word.paragraph, word.line)
        if line_key != previous_line:
            if previous_block is not None and word.block != previous_block:
                lines.append("")
            lines.append(word.text)
        else:
            lines[-1] += " " + word.text
        previous_block, previous_line = word.block, line_key
    return "\n".join(lines)
