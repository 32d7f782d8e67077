"""Synthetic OCR data for learning the channel: render clean corpus text to page images, scan them
as the sample set's tiers do (`evaluation.degrade`: desk scanner, poor photocopy at 150-200 DPI),
OCR them with Tesseract the way legacy archives were made, and pair each OCR word with the clean
word."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from diacritics.syllable import skeleton
from diacritics.tokens import Kind, Tokenizer
from evaluation.degrade import TIERS, Scan, scan
from evaluation.layout import DPI
from pipeline._exec import tesseract

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
_FONTS = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")
_PAGE_WIDTH_INCHES = 6.3  # A4 text block between 2.5 cm / 2 cm margins
_MIN_SKELETON_SIMILARITY = 0.5  # pairs less alike than this are misalignments, not garbling


@dataclass(frozen=True)
class PageSpec:
    """How one synthetic page is produced."""

    lines: tuple[str, ...]
    seed: int
    font_points: float
    bold: bool
    tier: str  # how the page is scanned: "clean", "office" or "hard" (`evaluation.degrade.TIERS`)
    language: str  # Tesseract model: "eng" (legacy archives) or "vie"


@dataclass(frozen=True)
class WordPair:
    clean: str  # NFC word as written in the corpus
    observed: str  # what Tesseract read in its place


def _wrap(lines: tuple[str, ...], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break paragraphs into printed lines no wider than `width` pixels."""
    printed = []
    for paragraph in lines:
        current = ""
        for word in paragraph.split():
            attempt = f"{current} {word}" if current else word
            if current and font.getlength(attempt) > width:
                printed.append(current)
                current = word
            else:
                current = attempt
        if current:
            printed.append(current)
    return printed


def render(spec: PageSpec) -> Image.Image:
    """A grey-level page image of the spec's lines at the sample set's print resolution (DPI)."""
    font_file = FONT_DIR / _FONTS[spec.bold]
    font = ImageFont.truetype(str(font_file), round(spec.font_points * DPI / 72))
    width = round(_PAGE_WIDTH_INCHES * DPI)
    margin = DPI // 3
    printed = _wrap(spec.lines, font, width)
    line_height = round(font.size * 1.5)
    image = Image.new("L", (width + 2 * margin, line_height * len(printed) + 2 * margin), 255)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(printed):
        draw.text((margin, margin + row * line_height), text, font=font, fill=0)
    return image


def scanned(spec: PageSpec) -> Scan:
    """The rendered page scanned as its tier prescribes; the page's own text, mirrored, stands in
    for the reverse side that bleeds through a photocopy."""
    rng = np.random.default_rng(spec.seed)
    tier = TIERS[spec.tier]
    page = np.asarray(render(spec).convert("RGB"))
    return scan(page, page, has_seal=False, tier=tier, dpi=int(rng.choice(tier.dpis)), rng=rng)


def ocr(spec: PageSpec) -> str:
    """Tesseract's reading of the scanned page."""
    page = scanned(spec)
    return tesseract.read_text(page.picture(), spec.language, psm=6, dpi=page.dpi)


def align_words(clean_text: str, observed_text: str) -> list[WordPair]:
    """Pair clean words with OCR words by aligning the pages' whitespace-separated chunks.

    Chunks are aligned on their skeletons; runs of equal length that differ are paired in order.
    Punctuation around a word is stripped from both sides when OCR kept it.
    """
    clean_chunks = clean_text.split()
    observed_chunks = observed_text.split()
    matcher = difflib.SequenceMatcher(
        None,
        [skeleton(chunk) for chunk in clean_chunks],
        [skeleton(chunk) for chunk in observed_chunks],
        autojunk=False,
    )
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            for clean, observed in zip(clean_chunks[i1:i2], observed_chunks[j1:j2]):
                pair = _word_pair(clean, observed)
                if pair is not None:
                    pairs.append(pair)
    return pairs


def _word_pair(clean_chunk: str, observed_chunk: str) -> WordPair | None:
    tokens = Tokenizer().tokens(clean_chunk)
    words = [token for token in tokens if token.kind is Kind.WORD]
    if len(words) != 1 or any(token.kind is Kind.NUMBER for token in tokens):
        return None
    prefix, suffix = clean_chunk[: words[0].start], clean_chunk[words[0].end :]
    if not (observed_chunk.startswith(prefix) and observed_chunk.endswith(suffix)):
        return None
    observed = observed_chunk[len(prefix) : len(observed_chunk) - len(suffix)]
    clean = words[0].text
    similarity = Levenshtein.normalized_similarity(skeleton(clean), skeleton(observed))
    if not observed or similarity < _MIN_SKELETON_SIMILARITY:
        return None
    return WordPair(clean, observed)


def ocr_pairs(spec: PageSpec) -> tuple[str, list[WordPair]]:
    """Render, OCR and align one page (the unit of work of the channel build's process pool);
    returns the Tesseract model used and the word pairs."""
    return spec.language, align_words("\n".join(spec.lines), ocr(spec))
