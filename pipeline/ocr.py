"""Stage 3 — OCR: Tesseract `vie` (through `pipeline._exec.tesseract`), keeping words, lines, boxes and confidences.

One Tesseract run reads the page; what it makes of signature strokes, seal remnants and specks is
dropped, and one more run over small crops, each read as a single line, recovers the lone lines
its layout analysis drops (page numbers) and rereads the words it was unsure of. The text is laid
out as a reader types it: two-column bands (header, signer block) column by column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import groupby, takewhile
from statistics import fmean, median

import cv2
import numpy as np

from diacritics.syllable import is_syllable
from domain.records import WordBox
from pipeline._exec import tesseract
from pipeline.cleanup import PUNCTUATION, plain_grey, plausible_word
from pipeline.config import OcrConfig
from pipeline.marks import with_dots_checked

# Bump when a change alters what this stage produces: cached results of older versions are redone.
VERSION = "15"

# A gap between words wider than this many word heights separates two columns: word spaces,
# even in justified lines, stay under one height, the header's columns are three or more apart.
COLUMN_GAP = 2.5
# A smaller print typed beside a header's column (a note of numbered lines beside the `V/v` block)
# can stand a word space from it, so that Tesseract reads both as one line. A line is cut where a
# word starts at the left edge (within COLUMN_EDGE letter heights) of segments of COLUMN_LINES other
# lines within COLUMN_NEAR heights of it, when the words from there on are in those lines' print
# and the words before it are not: their print sizes (a lower quartile of word heights, over at
# least PRINT_WORDS words) differ by PRINT_SIZE or more. In the case (1.pdf of the real scans) the
# two prints are 1.24 to 1.29 apart. Words at such an edge are common (280 in the real scans and
# samples: a list's text under an indented line's start) but few have three measured words on
# either side: besides the case's two, two lines, whose sides are 1.04 and 1.12 from the column's print.
COLUMN_EDGE = 0.25
COLUMN_LINES = 2
COLUMN_NEAR = 6
PRINT_SIZE = 1.2
PRINT_WORDS = 3
# Tesseract reads a large print's detached tone marks as words of a line of their own (`*`, `vị`,
# `trọ` over `dịp`, `và`, `kỳ`). A line's words that each lie within a word of another line, above
# its middle, are such marks when they are, as a median, under MARK_SIZE of that line's word height:
# marks measured 0.23 to 0.31, real words overlapping a next line's 0.53 and more (180 cases over the
# real scans and samples).
MARK_SIZE = 0.4
# The header band, where both rules apply, ends at the body's first paragraph: two lines in a row
# each spanning BODY_SPAN of the page's text width. Below it the marks are left: in a signing
# block, taking them out reorders the columns the closing block's place and date are read from.
BODY_SPAN = 0.75
# A rule runs straight for this many inches, longer than any letter's stroke (half the cleanup's
# horizontal RULE_INCHES: received stamps' borders ran 0.6 and 1.3 in along two real titles), and
# is thinner than this share of the height of the letters it runs into (6-7 pixels under 41-55).
RULE_INCHES = 0.3
RULE_THICKNESS = 0.25
# A tone mark left out of a word's box: a blob of ink 1/8 to 1/2 of the word's height, at most as
# wide as that, no further than MARK_GAP of the height above the box (the acute over `Yến` stood
# 2 pixels above its 43-pixel box).
MARK_BLOB = (1 / 8, 1 / 2)
MARK_GAP = 0.5
SINGLE_LINE = 7  # Tesseract's page segmentation mode for a crop holding one line of text
# Confidence under which a word with no, one, or more letters and digits is debris, not text.
DEBRIS_CONFIDENCE = (80.0, 50.0, 0.0)
INK_LEVEL = 128  # darker is ink on a cleaned page (bilevel, or grey on near-white paper)
# Not a hyphen: Vietnamese joins a loanword's syllables (`mô-đun`, `vắc-xin`; one in 6,600 words
# of the corpus) and paired words (`chính trị-xã hội`) by one, which Tesseract may read unsurely
# (a real title's `Dần-năm` at 88).
SPECK_JOIN = re.compile(r"(\w)[.:](?=(\w))")
SPECK_JOIN_CONFIDENCE = 90.0  # a web address, which has such points, is read surely
SINGLE_QUOTES = ("'", "‘", "’", "`")
GLUED_NUMBER = re.compile(r"(?P<before>[^\W\d_]{2,})(?P<number>\d{1,4})|(?P<digits>\d{1,4})(?P<after>[^\W\d_]{2,})")
STRAY_QUOTE = re.compile(r"['‘`]\w")
# Words read under these confidences, without and with a digit, are read again on their own.
# Samples and held-out CER fell a little with each (digits under 80, then any word under 60).
REREAD_CONFIDENCE = 60.0
REREAD_NUMBER_CONFIDENCE = 80.0
WORD_MARGIN = 4  # pixels around a word's box kept when it is cut out: its anti-aliased edge
CROP_BORDER = 16  # pixels of white around a cut-out line, which Tesseract needs to find it
# What only an e-signature stamp prints: its labels and its signing time with the time zone
# (`Ký bởi: …`, `Thời gian ký: 05.02.2025 15:35:18 +07:00`); no body text or header has them.
SIGNATURE_STAMP = re.compile(
    r"(?i)\bký\s+bởi\b|thời\s+gian\s+ký|người\s+ký\s*:|\d{1,2}:\d{2}:\d{2}\s*[+-]\d{2}:?\d{2}"
)
# What only a received stamp prints (`CÔNG VĂN ĐẾN`, `Số: … Ngày: …`, `Chuyển: …`): ĐẾN in
# capitals, which text and headers print in lowercase (`đến`), and its `Chuyển:` label.
RECEIVED_STAMP = re.compile(r"\b[ĐD][ẾEÉÊ]N\b(?!\s+N[ĂA]M)|(?i:\bchuyển\s*:)")  # not `ĐẾN NĂM 2030`
# A stamp is at most this many of its letters' heights tall (six rows: issuing centre, e-mail,
# signer, agency, time).
STAMP_HEIGHT = 9
STAMP_ROW_GAP = 1.5  # letter heights between two rows of a stamp, at most
# A stamp prints its rows in one size of letters: the header under an e-signature stamp's small
# print is 1.6 times its height. A row in other letters (the stamp's logo read as text, `4GC A`)
# joins only when it lies wholly within the stamp, a row in its letters when most of it does
# (a handwritten register number runs past the printed labels).
STAMP_LETTERS = 1.4
STAMP_ROW_SHARE = {True: 0.6, False: 0.9}  # by whether the row's letters are the stamp's size
# `SAO Y BẢN CHÍNH` (or `SAO Y`) opens the copying agency's block under the document: its own
# name, number, date, recipients and signer, none of them the document's.
COPY_BLOCK = re.compile(r"\bSAO\s+Y\b")
# `Nơi nhận:` (`Noi nhin.`, a speck before it: `XNơi nhận:`), beside which the signing block stands
RECEIVERS = re.compile(r"^\W*[^\W\d_]?N[oơôóò]\S?i\s+nh\S{1,3}\s*[:.]", re.IGNORECASE)
UNIFORM_BLOCK = 6  # Tesseract's page segmentation mode for a cut-out block of text
# The signing block read again: from this many letter heights above the `Nơi nhận:` line (the
# signing authority stands on its row, its larger letters a little higher; a page number above
# the list of a page that opens with it is no part of the block) to this many below (position,
# signature, name under it), or to the last word read beside the list within the second many.
SIGNING_ABOVE = 1.5
SIGNING_BELOW = (14, 24)
SEAL_GREYS = (40, 200)  # the levels a seal's ink takes on a grey page
SEAL_PEAK = 3.0  # times the median count of those levels that a seal's level counts
SEAL_CUT = 0.85  # of the seal's level: lighter is the seal's ink (its mode is narrow) or paper


@dataclass(frozen=True)
class OcrPage:
    number: int
    text: str  # lines joined by "\n", blocks separated by a blank line
    words: tuple[WordBox, ...]
    mean_confidence: float | None  # over words, 0-100; None when the page has no words
    low_confidence_share: float  # share of words under OcrConfig.low_confidence


def ocr_image(image: np.ndarray, dpi: int, config: OcrConfig, number: int = 1) -> OcrPage:
    """Read one page image; raises OcrTimeout past `config.timeout_seconds`."""
    table = _run_tesseract([image], dpi, config, config.page_segmentation)
    words = tuple(word for word in _words(table) if not _debris(word))
    words = _ruled_lines_read_again(image, dpi, config, words)
    words = tuple(_unglued(_split_at_speck(word)) for word in _second_reading(image, dpi, config, words))
    words = _signing_block_read_again(image, dpi, config, words)
    words = with_dots_checked(plain_grey(image), words)
    words = _without_copy_block(_without_stamps(_without_stray_quotes(words)))
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


def _run_tesseract(images: list[np.ndarray], dpi: int, config: OcrConfig, segmentation: int) -> list[dict]:
    return tesseract.read_tsv(images, config.language, segmentation, dpi, config.timeout_seconds)


def _debris(word: WordBox) -> bool:
    """True for what Tesseract makes of a signature stroke, a seal's remnant or a speck: marks
    without a letter or digit, or a lone letter, that it is unsure of. Printed dashes and
    punctuation it reads at 90 and more."""
    letters = sum(c.isalnum() for c in word.text)
    return word.confidence < DEBRIS_CONFIDENCE[min(letters, 2)]


def _split_at_speck(word: WordBox) -> WordBox:
    """`word` with a point or colon between two small letters turned back into the space it stands
    in, when Tesseract is unsure of the word: a speck in the gap joined two words (`tục.hành`,
    `Cơ:quan`), which no Vietnamese word, number or document symbol does."""
    if word.confidence >= SPECK_JOIN_CONFIDENCE:
        return word
    return replace(word, text=SPECK_JOIN.sub(_space_between_small_letters, word.text))


def _unglued(word: WordBox) -> WordBox:
    """`word` with the space OCR lost between a lowercase word and a number put back (`ngày22`,
    `tháng9`, `10năm`): restoration would read the pair as one misspelt word and drop the digits.
    Codes (`QH15`, `C29`) and units (`km2`, no syllable) keep their digits."""
    glued = GLUED_NUMBER.fullmatch(word.text)
    if not glued:
        return word
    letters = glued["before"] or glued["after"]
    if not letters.islower() or not is_syllable(letters):
        return word
    return replace(word, text=" ".join(part for part in glued.groups() if part))


def _without_stray_quotes(words: tuple[WordBox, ...]) -> tuple[WordBox, ...]:
    """`words` without the opening single quote Tesseract reads in a speck before a word (`Sở
    'Tư pháp`, `Huỳnh 'Thanh Hòa`, `'684`) on a line where no single quote closes. Vietnamese
    reports quote with double quotes; a quote that opens and closes on its line is kept."""
    closes = {word.line_key for word in words if word.text.endswith(SINGLE_QUOTES)}
    return tuple(
        replace(word, text=word.text[1:])
        if STRAY_QUOTE.match(word.text) and word.line_key not in closes else word
        for word in words
    )


def _without_stamps(words: tuple[WordBox, ...]) -> tuple[WordBox, ...]:
    """`words` without those of the stamps over the page: an e-signature stamp's signer, agency,
    e-mail and time, a received stamp's agency, register number and date, which landed at the top
    of the text and in the header's agency, number and title.

    A stamp is found by a row that only a stamp prints (`_is_stamp_line`) and grown by the rows of
    text above and below it that lie within its width (`_stamp_region`). Tesseract often makes one
    block, or one line, of a stamp and the header or title printed beside it: those keep their
    words."""
    lines = groupby(words, key=lambda word: word.line_key)
    segments = [segment for _, line in lines for segment in _segments(list(line))]
    stamped: set[int] = set()
    for seed in segments:
        if _is_stamp_line(seed.text) and id(seed.words[0]) not in stamped:
            stamped.update(id(word) for word in _stamp_region(seed, segments))
    return tuple(word for word in words if id(word) not in stamped)


def _is_stamp_line(text: str) -> bool:
    return bool(SIGNATURE_STAMP.search(text) or RECEIVED_STAMP.search(text))


def _stamp_region(seed: Segment, segments: list[Segment]) -> list[WordBox]:
    """The words of the stamp that `seed` is a row of: the rows (segments) next to the region found
    so far, above or below it by less than a line, that lie within its width (`STAMP_ROW_SHARE`),
    and the part inside it of a row that runs on from inside the stamp into the text beside it
    (`_run_inside`), while the region stays a stamp's height."""
    height = median(word.height for word in seed.words)
    region = Region.around(seed.words)
    taken: dict[int, tuple[WordBox, ...]] = {id(seed): seed.words}
    # rows that join whole first, as they widen the region; a row part of which joined may join whole later
    for whole in (True, False, True):
        grown = True
        while grown:
            grown = False
            for segment in segments:
                before = taken.get(id(segment), ())
                part = () if before == segment.words else _stamp_part(segment, region, height, whole or bool(before))
                joined = region.union(Region.around(part)) if part else region
                if part and part != before and joined.bottom - joined.top <= STAMP_HEIGHT * height:
                    taken[id(segment)] = part
                    region, grown = joined, True
    return [word for part in taken.values() for word in part]


def _stamp_part(segment: Segment, region: Region, height: float, whole: bool) -> tuple[WordBox, ...]:
    """What of `segment` belongs to the stamp in `region` printed in letters `height` high: the
    whole row, or (unless `whole`) the run of it inside the region."""
    box = Region.around(segment.words)
    if box.top > region.bottom + STAMP_ROW_GAP * height or box.bottom < region.top - STAMP_ROW_GAP * height:
        return ()
    alike = 1 / STAMP_LETTERS <= median(word.height for word in segment.words) / height <= STAMP_LETTERS
    if _share_within(box, region, height) >= STAMP_ROW_SHARE[alike]:
        return segment.words
    return () if whole else _run_inside(segment, region, height)


def _share_within(box: Region, region: Region, margin: float) -> float:
    """The share of `box`'s width inside `region` widened by `margin` on either side."""
    inside = min(box.right, region.right + margin) - max(box.left, region.left - margin)
    return max(0.0, inside) / max(1, box.right - box.left)


def _run_inside(segment: Segment, region: Region, height: float) -> tuple[WordBox, ...]:
    """The words of `segment` from its start (or end) that lie inside `region`, when the segment
    sits on the region's rows and starts (or ends) well inside it: a stamp row Tesseract read on
    one line with the title printed beside the stamp (`TRUNG TÂM CÔNG BÁO … Về việc tăng cường`)."""
    box = Region.around(segment.words)
    if box.bottom < region.top or box.top > region.bottom:
        return ()
    if region.left - height <= box.left < region.right - 2 * height:
        return tuple(takewhile(lambda word: _centre(word) < region.right, segment.words))
    if region.left + 2 * height < box.right <= region.right + height:
        return tuple(takewhile(lambda word: _centre(word) > region.left, reversed(segment.words)))
    return ()


def _centre(word: WordBox) -> float:
    return word.left + word.width / 2


def _without_copy_block(words: tuple[WordBox, ...]) -> tuple[WordBox, ...]:
    """`words` above the row of a `SAO Y` line: the certified copy's own block is no part of the
    document it copies."""
    lines: dict[tuple[int, int, int], list[WordBox]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    copy_tops = [
        min(word.top for word in line) for line in lines.values()
        if COPY_BLOCK.search(" ".join(word.text for word in line))
    ]
    if not copy_tops:
        return words
    row = min(copy_tops)
    return tuple(word for word in words if word.top + word.height // 2 < row)


def _space_between_small_letters(match: re.Match) -> str:
    before, after = match.groups()
    return f"{before} " if before.islower() and after.islower() else match.group(0)


@dataclass(frozen=True)
class Region:
    """A box of the page, right and bottom exclusive, read again as one line of text."""

    left: int
    top: int
    right: int
    bottom: int

    @classmethod
    def of(cls, word: WordBox) -> Region:
        """The box Tesseract gave `word`."""
        return cls(word.left, word.top, word.left + word.width, word.top + word.height)

    @classmethod
    def around(cls, words: Iterable[WordBox]) -> Region:
        """The box around all `words`."""
        boxes = [cls.of(word) for word in words]
        return cls(min(b.left for b in boxes), min(b.top for b in boxes),
                   max(b.right for b in boxes), max(b.bottom for b in boxes))

    def union(self, other: Region) -> Region:
        return Region(min(self.left, other.left), min(self.top, other.top),
                      max(self.right, other.right), max(self.bottom, other.bottom))

    def grown(self, pixels: int, shape: tuple[int, ...]) -> Region:
        """The box `pixels` larger on every side, within an image of `shape`."""
        return Region(
            max(0, self.left - pixels), max(0, self.top - pixels),
            min(shape[1], self.right + pixels), min(shape[0], self.bottom + pixels),
        )


def _second_reading(
    image: np.ndarray, dpi: int, config: OcrConfig, words: tuple[WordBox, ...]
) -> tuple[WordBox, ...]:
    """`words` completed and corrected by reading a few regions again, each as one line, all in
    one more Tesseract run:

    - the lone line of the top or bottom margin that layout analysis dropped (a page number is a
      single blob, which it takes for noise): put first or last;
    - each word Tesseract was unsure of (a number sooner): in its line it loses the points and
      commas of `12.568` and `93,8` that it sees in the word alone; replaced when it is surer of
      the new reading;
    - each line with a tone mark left out of its words (`_marks_left_out`), cut out with the mark:
      such a word takes the new reading of the same letters with other marks.
    """
    if not words:
        return words
    grey = plain_grey(image)
    above, below = _margin_regions(grey, words)
    unsure = {
        word: Region.of(word)
        for word in words
        if word.confidence < (REREAD_NUMBER_CONFIDENCE if any(c.isdigit() for c in word.text) else REREAD_CONFIDENCE)
    }
    marked = _marks_left_out(grey, words)
    regions = [region for region in (above, below, *unsure.values(), *marked.values()) if region is not None]
    if not regions:
        return words
    readings = dict(zip(regions, _read_lines(image, regions, dpi, config), strict=True))
    read = (_surer(word, readings[unsure[word]]) if word in unsure else word for word in words)
    return (
        _margin_words(readings.get(above, ()), config, block=0)
        + tuple(_with_marks(word, readings[marked[word]]) if word in marked else word for word in read)
        + _margin_words(readings.get(below, ()), config, block=max(word.block for word in words) + 1)
    )


def _marks_left_out(grey: np.ndarray, words: tuple[WordBox, ...]) -> dict[WordBox, Region]:
    """The words with a tone mark left out of them, each with the region of its line and the marks
    to read again: a blob of ink in no word's box, within the word's width, above it by less than
    MARK_GAP of its height and a tone mark's size (MARK_BLOB). Tesseract's layout drops the top
    mark of a stacked pair that stands off the rest (`Yến`, `đối`, `Trần`, `Quyết` read `Yên`,
    `đôi`, `Trân`, `Quyêt`: some 60 words on page 1 of the 27 real documents)."""
    covered = np.zeros(grey.shape, bool)
    for word in words:
        covered[word.top : word.top + word.height, word.left : word.left + word.width] = True
    count, labels, stats, _ = cv2.connectedComponentsWithStats((grey < INK_LEVEL).astype(np.uint8), connectivity=8)
    loose = np.ones(count, bool)
    loose[np.unique(labels[covered & (labels > 0)])] = False
    tops: dict[WordBox, int] = {}
    for word in words:
        if not any(c.isalpha() for c in word.text):
            continue
        reach = max(0, word.top - round(MARK_GAP * word.height))
        for label in np.unique(labels[reach : word.top, word.left : word.left + word.width]):
            left, top, width, height, _ = stats[label]
            if (label and loose[label] and MARK_BLOB[0] * word.height <= height <= MARK_BLOB[1] * word.height
                    and width <= MARK_BLOB[1] * word.height and word.left <= left and left + width <= word.left + word.width):
                tops[word] = min(tops.get(word, word.top), int(top))
    lines = {key: Region.around(line) for key, line in groupby(words, key=lambda word: word.line_key)}
    regions = {key: replace(lines[key], top=min(tops[w] for w in tops if w.line_key == key)) for key in {w.line_key for w in tops}}
    return {word: regions[word.line_key] for word in tops}


def _with_marks(word: WordBox, reading: tuple[WordBox, ...]) -> WordBox:
    """`word` with the text of the word of its line's new `reading` over it, when that has the same
    letters with other marks, is a syllable and is read as surely (`Yên` -> `Yến`)."""
    over = max(reading, key=lambda new: _overlap(word, new), default=None)
    if over is None or _overlap(word, over) <= 0 or over.text == word.text:
        return word
    if _letters(over.text) != _letters(word.text) or not is_syllable(over.text.strip(PUNCTUATION)):
        return word
    if over.confidence < word.confidence:  # a hook read as an acute is read less surely (`bố` 42 for `bô` 93)
        return word
    return replace(word, text=over.text, confidence=over.confidence)


def _overlap(first: WordBox, second: WordBox) -> int:
    return min(first.left + first.width, second.left + second.width) - max(first.left, second.left)


def _letters(text: str) -> str:
    """`text` without its tone marks and vowel marks (`Yến` -> `Yen`); `đ` stays a letter."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _ruled_lines_read_again(
    image: np.ndarray, dpi: int, config: OcrConfig, words: tuple[WordBox, ...]
) -> tuple[WordBox, ...]:
    """`words` with each line that a rule runs into (`_touching_rule`) read again as one line, over
    the line and the letters on the rule, the rule taken out where no letter's stroke crosses it,
    when every word of that reads as text (a stamp's row read with the line is not) and it reads
    better (`_reading_score`). A received stamp's border drawn along a title's baseline made
    Tesseract's layout read `thực hiện dự án` as `lệ án`; the line cut out alone, the border gone,
    reads it whole."""
    grey = plain_grey(image)
    lines = [tuple(line) for _, line in groupby(words, key=lambda word: word.line_key)]
    ruled = {index: rule for index, line in enumerate(lines) if (rule := _touching_rule(grey, line, dpi))}
    if not ruled:
        return words
    unruled = grey.copy()
    regions = []
    for index, (left, right, erased) in ruled.items():
        box = Region.around(lines[index])
        unruled[box.top : box.bottom][erased] = 255
        regions.append(Region(min(box.left, left), box.top, max(box.right, right), box.bottom))
    readings = dict(zip(ruled, _read_lines(unruled, regions, dpi, config), strict=True))
    better = [
        tuple(replace(word, block=line[0].block, paragraph=line[0].paragraph, line=line[0].line) for word in read)
        if (read := tuple(word for word in readings.get(index, ()) if not _debris(word)))
        and all(plausible_word(word.text.strip(PUNCTUATION)) for word in read)
        and _reading_score(read) > _reading_score(line) else line
        for index, line in enumerate(lines)
    ]
    return tuple(word for line in better for word in line)


def _touching_rule(grey: np.ndarray, line: tuple[WordBox, ...], dpi: int) -> tuple[int, int, np.ndarray] | None:
    """A rule that runs into the letters of `line` within its height: the columns from the first
    to the last letter's stroke that crosses it, and a mask of the line's box (over the page's
    width) of the rule's ink between the strokes. A rule is straight ink RULE_INCHES long, thinner
    than RULE_THICKNESS of the line's letters, crossed by a stroke inside the line's width and by
    none along a stretch of it a word's height long: a stamp's border, an underline reaching past
    the text; not the serifs of bold letters that run together. None when no rule does."""
    box = Region.around(line)
    height = median(word.height for word in line)
    ink = (grey[box.top : box.bottom] < INK_LEVEL).astype(np.uint8)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, round(RULE_INCHES * dpi)), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    for label, (left, top, width, thickness, _) in enumerate(stats[1:count], 1):
        if thickness > RULE_THICKNESS * height or left + width <= box.left or left >= box.right:
            continue
        # a letter's stroke runs on across the rule or off it for a quarter of the letters' height
        strokes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((thickness + round(height / 4), 1), np.uint8))
        crossed = strokes[max(0, top - 1) : top + thickness + 1, left : left + width].any(axis=0)
        letters = np.flatnonzero(crossed) + left
        if not ((letters >= box.left) & (letters < box.right)).any() or _longest_run(~crossed) < height:
            continue
        rule = cv2.dilate((labels == label).astype(np.uint8), np.ones((3, 1), np.uint8)) > 0  # and its grey edge
        return int(letters[0]), int(letters[-1]) + 1, rule & (cv2.dilate(strokes, np.ones((1, 3), np.uint8)) == 0)
    return None


def _longest_run(flags: np.ndarray) -> int:
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    return int((np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)).max(initial=0))


def _signing_block_read_again(
    image: np.ndarray, dpi: int, config: OcrConfig, words: tuple[WordBox, ...]
) -> tuple[WordBox, ...]:
    """`words` with the signing block beside the `Nơi nhận:` list read again, as one block, when
    that reads better (`_reading_score`): as it is, and with the seal's grey dropped where the
    block has a seal's level of grey. Under a seal Tesseract's layout analysis loses the signer's
    position and name or reads them as debris (on 12 of 27 real documents the signer was
    missing); the block cut out alone, the seal's ink gone, reads `CHỦ TỊCH / Nguyễn Hoàng Giang`."""
    region = _signing_region(words, image.shape)
    if region is None:
        return words
    grey = plain_grey(image)
    crop = grey[region.top : region.bottom, region.left : region.right]
    crops = [crop, *([_without_seal(crop)] if _seal_level(crop) is not None else [])]
    table = _run_tesseract(crops, dpi, config, UNIFORM_BLOCK)
    inside = [word for word in words if _centre_in(word, region)]
    block = max(word.block for word in words) + 1
    best, score = (), _reading_score(inside)
    for page in range(1, len(crops) + 1):
        read = tuple(
            replace(word, left=word.left + region.left, top=word.top + region.top, block=block)
            for word in _surely_read(_words(table, page), config, block)
        )
        if _reading_score(read) > score and _last_line_words(read) >= _last_line_words(inside):
            best, score = read, _reading_score(read)
    if not best:
        return words
    kept = [word for word in words if not _centre_in(word, region)]
    # after the list beside it, as a reader goes on: the last word kept that starts above the box's end
    at = max((index + 1 for index, word in enumerate(kept) if word.top < region.bottom), default=0)
    return (*kept[:at], *best, *kept[at:])


def _signing_region(words: tuple[WordBox, ...], shape: tuple[int, ...]) -> Region | None:
    """The signing block's box: right of the `Nơi nhận:` list and of the page's middle, from under
    the last line above it that reaches further left (the body, a centred page number) down a signing block's height below the list's first line, or to the
    last line read there (the signer's name)."""
    lines = [list(line) for _, line in groupby(words, key=lambda word: word.line_key)]
    anchor = next((line for line in lines if RECEIVERS.match(" ".join(word.text for word in line))), None)
    if anchor is None:
        return None
    height = median(word.height for word in words)
    top_of_list = min(word.top for word in anchor)
    middle = (min(word.left for word in words) + max(word.left + word.width for word in words)) // 2
    listed = [line for line in lines if abs(line[0].left - anchor[0].left) < height and line[0].top >= top_of_list]
    left = max(middle, *(_segments(line)[0].right + round(height) for line in listed))
    above = [word.top + word.height for word in words if word.top < top_of_list and word.left < left]
    top = max([top_of_list - round(SIGNING_ABOVE * height), *[bottom for bottom in above if bottom < top_of_list]])
    reach = top_of_list + SIGNING_BELOW[1] * height
    below = [word.top + word.height for word in words if word.left >= left and top_of_list < word.top < reach]
    bottom = min(shape[0], round(max([top_of_list + SIGNING_BELOW[0] * height, *below]) + height))
    right = min(shape[1], max(word.left + word.width for word in words) + round(height))
    return Region(left, max(0, top), right, bottom) if right - left > 4 * height else None


def _centre_in(word: WordBox, region: Region) -> bool:
    middle = (word.left + word.width / 2, word.top + word.height / 2)
    return region.left <= middle[0] < region.right and region.top <= middle[1] < region.bottom


def _seal_level(grey: np.ndarray) -> int | None:
    """The grey level of a seal's ink in `grey`, or None: on a grey page a red seal is a second
    mode of dark pixels, lighter than the black text (near 75 against under 10 on the real
    Quảng Ngãi pages), and covers more of the block than the anti-aliased edges of letters."""
    counts = np.bincount(grey.ravel(), minlength=256)[: SEAL_GREYS[1]].astype(float)
    smooth = np.convolve(counts, np.ones(9) / 9, mode="same")
    level = SEAL_GREYS[0] + int(np.argmax(smooth[SEAL_GREYS[0]:]))
    flank = float(np.median(smooth[SEAL_GREYS[0]:]))
    return level if smooth[level] > SEAL_PEAK * max(flank, 1.0) else None


def _without_seal(grey: np.ndarray) -> np.ndarray:
    """`grey` with the seal's level of grey and everything lighter turned to paper: the black text
    printed under the seal stays, in its own greys (binarised at half the seal's level, the marks
    thinned: `Tuấn` read `Tuần`)."""
    level = _seal_level(grey) or INK_LEVEL
    return np.where(grey < SEAL_CUT * level, grey, 255).astype(np.uint8)


def _last_line_words(words: Iterable[WordBox]) -> int:
    """How many words of the lowest line read as text: the signer's name closes the signing block,
    and a reading that reads less of it (`Ngọc Hùng` for `Trần Ngọc Hùng`) loses the signer."""
    lines: dict[tuple[int, int, int], list[WordBox]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    if not lines:
        return 0
    last = max(lines.values(), key=lambda line: min(word.top for word in line))
    return sum(plausible_word(word.text.strip(PUNCTUATION)) for word in last)


def _reading_score(words: Iterable[WordBox]) -> float:
    """The confidence (0-1) of each word read as text less one for each word of debris, as the
    cleanup judges its retouches (`pipeline.cleanup.reading_score`)."""
    return sum(
        word.confidence / 100 if plausible_word(word.text.strip(PUNCTUATION)) else -1.0 for word in words
    )


def _surer(word: WordBox, reading: tuple[WordBox, ...]) -> WordBox:
    """`word` with the text of its second reading when that is one word read more confidently."""
    if len(reading) != 1 or reading[0].confidence <= word.confidence:
        return word
    return replace(word, text=reading[0].text, confidence=reading[0].confidence)


def _margin_words(found: tuple[WordBox, ...], config: OcrConfig, block: int) -> tuple[WordBox, ...]:
    """A margin line's words as one line of `block`; words under `config.low_confidence` or
    without a letter or digit are dropped (signature and speck debris)."""
    return tuple(replace(word, paragraph=1, line=1) for word in _surely_read(found, config, block))


def _surely_read(found: Iterable[WordBox], config: OcrConfig, block: int) -> tuple[WordBox, ...]:
    """The words of a region read again, in `block`, without those under `config.low_confidence`
    or without a letter or digit: the debris of a signature, a seal's ring, specks."""
    return tuple(
        replace(word, block=block)
        for word in found
        if word.confidence >= config.low_confidence and any(c.isalnum() for c in word.text)
    )


def _margin_regions(grey: np.ndarray, words: tuple[WordBox, ...]) -> tuple[Region | None, Region | None]:
    """The line of text-sized ink above all `words` and the one below them, where there is one,
    on the `grey` page."""
    height = median(word.height for word in words)
    clearance = round(height / 4)  # the marks of the first line rise above its Tesseract box by less
    top = max(0, min(word.top for word in words) - clearance)
    bottom = min(grey.shape[0], max(word.top + word.height for word in words) + clearance)
    return _text_ink_region(grey, 0, top, height), _text_ink_region(grey, bottom, grey.shape[0], height)


def _text_ink_region(grey: np.ndarray, top: int, bottom: int, height: float) -> Region | None:
    """The box around the ink blobs of rows `top` to `bottom` of the `grey` page as tall as letters
    of words `height` high and clear of the strip's sides; None when there are none or they span
    more than a line."""
    strip = grey[top:bottom]
    if strip.size == 0:
        return None
    _, _, stats, _ = cv2.connectedComponentsWithStats((strip < INK_LEVEL).astype(np.uint8), connectivity=8)
    left, up, width, tall = (stats[1:, i] for i in range(4))
    letters = (tall >= 0.4 * height) & (tall <= 1.5 * height) & (width <= 3 * height)
    letters &= (left > 0) & (up > 0) & (left + width < strip.shape[1]) & (up + tall < strip.shape[0])
    if not letters.any():
        return None
    region = Region(
        int(left[letters].min()), top + int(up[letters].min()),
        int((left + width)[letters].max()), top + int((up + tall)[letters].max()),
    )
    return None if region.bottom - region.top > 2 * height else region


def _read_lines(
    image: np.ndarray, regions: list[Region], dpi: int, config: OcrConfig
) -> list[tuple[WordBox, ...]]:
    """The words of each region, cut out with WORD_MARGIN around it, read as one line, with their
    boxes on the page."""
    white = (255, 255, 255)  # a scalar 255 would pad only the first channel of a colour page
    cuts = [region.grown(WORD_MARGIN, image.shape) for region in regions]
    crops = [
        cv2.copyMakeBorder(
            image[c.top : c.bottom, c.left : c.right], *(CROP_BORDER,) * 4,
            cv2.BORDER_CONSTANT, value=white,
        )
        for c in cuts
    ]
    table = _run_tesseract(crops, dpi, config, SINGLE_LINE)
    return [
        tuple(
            replace(word, left=word.left + c.left - CROP_BORDER, top=word.top + c.top - CROP_BORDER)
            for word in _words(table, page)
        )
        for page, c in enumerate(cuts, 1)
    ]


def _words(rows: list[dict], page: int = 1) -> tuple[WordBox, ...]:
    """The words Tesseract read on image `page` (1-based) of its run."""
    return tuple(
        WordBox(
            text=unicodedata.normalize("NFC", row["text"].strip()),
            left=row["left"],
            top=row["top"],
            width=row["width"],
            height=row["height"],
            confidence=float(row["conf"]),
            block=row["block_num"],
            paragraph=row["par_num"],
            line=row["line_num"],
        )
        # structural rows (page, block, line) carry confidence -1
        for row in rows
        if row["conf"] >= 0 and row["text"].strip() and row["page_num"] == page
    )


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
    for _, group in groupby(words, key=lambda word: word.line_key):
        line_words = list(group)
        line = Line(line_words[0].block, _segments(line_words))
        if lines and _side_by_side(lines[-1], line):
            line = Line(lines[-1].block, tuple(sorted(lines.pop().segments + line.segments, key=lambda s: s.left)))
        lines.append(line)
    head = _header_band(lines)
    marked = [_without_detached_marks(line, _overlapping(own, lines)) for line, own in zip(head, lines)]
    return [line for line in marked if line.segments] + lines[len(head):]


def _header_band(lines: list[Line]) -> list[Line]:
    """The lines before the body's first paragraph (all when there is none), each cut at the
    column edges in it; the body's lines are not cut, nor looked at past its first two."""
    if not lines:
        return []
    left = min(line.segments[0].left for line in lines)  # cutting a line moves neither end of it
    width = max(line.segments[-1].right for line in lines) - left
    head: list[Line] = []
    for line in lines:
        cut = Line(line.block, _split_at_column_edges(line, lines))
        if head and _spans(head[-1], left, width) and _spans(cut, left, width):
            return head[:-1]
        head.append(cut)
    return head


def _spans(line: Line, left: int, width: int) -> bool:
    """True for a line of one segment across BODY_SPAN of the text width: a paragraph's line."""
    return len(line.segments) == 1 and line.segments[0].right - line.segments[0].left >= BODY_SPAN * width


def _split_at_column_edges(line: Line, lines: list[Line]) -> tuple[Segment, ...]:
    return tuple(part for segment in line.segments for part in _split_at_column_edge(segment, line, lines))


def _split_at_column_edge(segment: Segment, line: Line, lines: list[Line]) -> tuple[Segment, ...]:
    """`segment` cut before each word that opens a column of other print beside it (COLUMN_EDGE)."""
    height = median(word.height for word in segment.words)
    top = line.top
    near = [s for other in lines if other is not line and abs(other.top - top) <= COLUMN_NEAR * height
            for s in other.segments]
    for index, word in enumerate(segment.words[1:], 1):
        column = [other for other in near if abs(other.left - word.left) <= COLUMN_EDGE * height]
        if len(column) < COLUMN_LINES:
            continue
        before, after = segment.words[:index], segment.words[index:]
        column_print = _print_size([w for other in column for w in other.words])
        if _same_print(after, column_print) and _same_print(before, column_print) is False:
            return (Segment(before), *_split_at_column_edge(Segment(after), line, lines))
    return (segment,)


def _same_print(words: Iterable[WordBox], size: float | None) -> bool | None:
    """Whether `words` are printed in letters of `size`; None when either is not measured."""
    own = _print_size(words)
    if own is None or size is None:
        return None
    return max(own, size) < PRINT_SIZE * min(own, size)


def _print_size(words: Iterable[WordBox]) -> float | None:
    """The lower quartile of the heights of words of two letters or digits or more: words without
    ascenders, descenders or stacked marks, whose height follows the print's x-height."""
    heights = sorted(word.height for word in words if sum(c.isalnum() for c in word.text) >= 2)
    return heights[len(heights) // 4] if len(heights) >= PRINT_WORDS else None


def _without_detached_marks(line: Line, others: list[Line]) -> Line:
    """`line` without the tone marks Tesseract read as its words over the words of `others` (MARK_SIZE)."""
    over = [(word, host) for segment in line.segments for word in segment.words
            if (host := next((other for other in others if _over(word, other)), None))]
    if not over or median(word.height for word, _ in over) >= MARK_SIZE * median(
            median(w.height for segment in host.segments for w in segment.words) for _, host in over):
        return line
    marks = {id(word) for word, _ in over}
    segments = (Segment(tuple(w for w in segment.words if id(w) not in marks)) for segment in line.segments)
    return Line(line.block, tuple(segment for segment in segments if segment.words))


def _overlapping(line: Line, lines: list[Line]) -> list[Line]:
    """The other lines that share some of `line`'s height."""
    top, bottom = line.top, line.bottom
    return [other for other in lines if other is not line and other.top < bottom and other.bottom > top]


def _over(mark: WordBox, line: Line) -> bool:
    """True when `mark` lies within the width of a word of `line`, overlapping it above its middle."""
    return any(
        word.left <= mark.left and mark.left + mark.width <= word.left + word.width
        and word.top < mark.top + mark.height and 2 * mark.top + mark.height < 2 * word.top + word.height
        for segment in line.segments for word in segment.words
    )


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
            narrowed = (max(gutter[0], segments[0].right), min(gutter[1], segments[1].left))
            if narrowed[0] >= narrowed[1]:  # the band's lines would no longer all fall on one side
                break
            gutter = narrowed
        end += 1
    return end, gutter


def _side(segment: Segment, gutter: tuple[int, int]) -> str | None:
    """Which column of a band with this gutter `segment` is in; None when it spans both."""
    if segment.left < gutter[0] and segment.right > gutter[1]:
        return None
    return "left" if segment.left + segment.right < gutter[0] + gutter[1] else "right"
