"""Tone marks Tesseract reads, checked against the ink on the page.

Tesseract's `vie` model reads the round dot of an `i` as a hook (`ỉ`) where the dot is as wide as
the letter's stem, as in bold type: `Chi` as `Chỉ`, `Chinh` as `Chỉnh` in the signer's name that
Decree 30/2020 sets in bold (2 of the 27 real documents' signers), `Nghi thức` as `Nghỉ thức` in an
article's bold heading. The language model mends such words in prose (`chỉ phí` -> `chi phí`), not
in a name, where both spellings are names. The ink tells them apart: a hook's curl overhangs its
stem, a dot sits on it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import cv2
import numpy as np

from domain.records import WordBox

HOOKED_I = "ỉ"
INK_LEVEL = 128  # darker is ink on a cleaned page
MARK_BAND = 0.5  # of the word's height: a mark ends above it, over the small letters
MARK_HEIGHT = 0.4  # of the word's height: taller is a letter's stroke, not a mark
# On the cleaned real scans and samples (693 marks over a lone `i` or `ỉ`, of at least MIN_MARK px
# a side, where a smaller one shows no shape), every mark read as a hook that was at most 1.12
# times as wide as the stem under it was a dot: 3 bold ones at 1.00 (`Chi`, `Chinh`, `Nghi`) and 2
# at 1.07-1.11 (`ghi`, `chi`), like 62 of the 222 dots read as dots; no dot was narrower than its
# stem, and Liberation Serif Bold's are 1.07-1.14 as wide. The hooks were at least 1.14 as wide
# (or, once, 0.75, on a blurred page where the stem ran into its neighbours); two dots at 1.125
# stay read as hooks, for the language model to mend in prose. A dot is also filled across: its
# thickest point spans DOT_THICKNESS of its width (the hook at 1.14: 0.80).
MIN_MARK = 8
DOT_WIDTH = (0.9, 1.12)  # of the stem's width
DOT_THICKNESS = 0.85


def with_dots_checked(grey: np.ndarray, words: tuple[WordBox, ...]) -> tuple[WordBox, ...]:
    """`words` with each `ỉ` whose mark is a dot on the page read as `i`."""
    return tuple(replace(word, text=word.text.replace(HOOKED_I, "i")) if _dot_read_as_hook(grey, word) else word
                 for word in words)


def _dot_read_as_hook(grey: np.ndarray, word: WordBox) -> bool:
    """True when `word` has one `ỉ`, no other mark or dotted letter (so that the one mark found
    above its small letters is that `ỉ`'s), and that mark is a dot."""
    text = unicodedata.normalize("NFC", word.text)
    if text.count(HOOKED_I) != 1 or not _unmarked_besides(text.replace(HOOKED_I, "ı")):
        return False
    ink = (grey[word.top : word.top + word.height, word.left : word.left + word.width] < INK_LEVEL).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = [label for label in range(1, count)
             if stats[label, cv2.CC_STAT_TOP] + stats[label, cv2.CC_STAT_HEIGHT] <= MARK_BAND * word.height
             and stats[label, cv2.CC_STAT_HEIGHT] <= MARK_HEIGHT * word.height]
    if len(marks) != 1:
        return False
    left, top, width, height, _ = stats[marks[0]]
    if min(width, height) < MIN_MARK:
        return False
    stem = _stem_width(ink[top + height :], left + width // 2)
    mark = labels[top : top + height, left : left + width] == marks[0]
    return DOT_WIDTH[0] * stem <= width <= DOT_WIDTH[1] * stem and _thickness(mark) >= DOT_THICKNESS


def _unmarked_besides(text: str) -> bool:
    """True when no letter of `text` carries a mark or a dot above (`i`, `j`, `â`, `ó`...)."""
    decomposed = unicodedata.normalize("NFD", text)
    return not any(unicodedata.combining(char) or char in "ij" for char in decomposed)


def _stem_width(ink: np.ndarray, column: int) -> float:
    """The median width of the ink runs through `column`, row by row: the stem under a mark."""
    widths = []
    for row in ink:
        if row[column]:
            gaps = np.flatnonzero(row == 0)
            widths.append(gaps[gaps > column].min(initial=len(row)) - gaps[gaps < column].max(initial=-1) - 1)
    return float(np.median(widths)) if widths else 0.0


def _thickness(mark: np.ndarray) -> float:
    """Twice the largest distance from the mark's ink to paper, over its width."""
    return 2 * float(cv2.distanceTransform(np.pad(mark.astype(np.uint8), 1), cv2.DIST_L2, 5).max()) / mark.shape[1]
