"""Stage 3b — handwritten digits: the number, the day and now and then the month a clerk writes by
hand in the blanks of a printed header (`Số:      /QĐ-UBND`, `Quảng Ngãi, ngày      tháng 01 năm
2025`, `ngày    tháng    năm 2021`), on about four documents in five of a provincial archive.
Tesseract reads them as guesses (`575` as `915`, `86` as `66`, `16` as `§`); here the printed
anchors locate each blank (on page 1, or on the last page where a consolidated text prints its
number and date, in its `XÁC THỰC VĂN BẢN HỢP NHẤT` block), the ink in it is cut into glyphs,
and two small digit classifiers trained apart (`training/build_digits.py`, numpy only at run
time) read each glyph: a digit is read where both name it and one is sure. A slot with a glyph
they are unsure of gives no digits at all: an empty field is a miss, an invented one an error.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import ImageFont

from domain.records import HandwrittenField, WordBox
from patterns.text import fold_short
from pipeline.cleanup import plain_grey
from pipeline.errors import MissingDependency

# Bump when a change alters what this stage produces (the model file included): cached page
# readings of older versions are redone.
VERSION = "8"
# The readers: `plain` and `bent` (training.build_digits.RECIPES).
MODEL_PATHS = (Path(__file__).parent / "data" / "digits.npz", Path(__file__).parent / "data" / "digits-bent.npz")

REJECT = 10  # the classifier's eleventh class: no digit (a letter, a fragment, a seal arc, two glyphs)
GLYPH_FRAME = 28  # pixels of the square a glyph is drawn into, its longer side GLYPH_BOX long
GLYPH_BOX = 20
HOG_CELLS = 4  # cells per side of the gradient histogram grid
ORIENTATIONS = 8  # signed gradient directions per cell
PIXEL_GRID = 14  # side of the downsampled glyph also given to the classifier

HEAD_SHARE = 0.4  # the number and date lines sit in the top part of page 1
# A consolidated text prints its number and date where it ends, anywhere on its last page, the date
# beside the number: on the 21 first pages of real scans with both lines, the date line's top lay 0
# to 0.51 text heights from the number line's.
BESIDE = 1.0  # text heights between the tops of the number line and a date line beside it
# Tesseract reads printed digits at 90-96; the handwritten numbers it misread on real scans it read
# at 60-86 (`915` for 575 at 79, `66` for 86 at 86), as docs/schema.md's review threshold says.
PRINTED_CONFIDENCE = 90.0
# `Số:`, `Số`, OCR's `S6:` or `số:`, opening its line, capital or followed by its colon: a line of
# prose may open with `số 12/2023/NĐ-CP`, and Tesseract reads a printed `Số:` as `số:` now and then.
_NUMBER_ANCHOR = re.compile(r"[\W_]*s[o6]([:;.])?")  # on the folded word
_CAPITAL_S = re.compile(r"[\W_]*S")
# The symbol's slash (`/QĐ-UBND`), as OCR may print it: a slash before a letter, or before a mark
# OCR made of a stamp's or the pen's ink over the symbol's first letter (`/€CT-CS`).
_SEPARATOR = re.compile(r"/(?=[^\s\d])|[\[|](?=[a-z])")
_DAY_ANCHOR = re.compile(r"ngay")
# `tháng`, also with its vowel misread: Tesseract reads an italic `tháng` beside a pen's digit
# `thủng` (at 46, a Cục Thuế công văn), which left its day and month slots unfound.
_MONTH_ANCHOR = re.compile(r"th[^\W\d_]{1,2}ng")
_YEAR_ANCHOR = re.compile(r"n[^\W\d_]m")  # `năm`, before the printed year
# The least probability a glyph's digit needs to be read (from the readers that agree on it, see
# agreed_digits); below it the field stays empty. Measured on glyphs neither reader trained on
# (`make digits` prints the tables): at 0.9 the two readers agreeing read wrong none of the digits
# read of two held-out fonts, 0.47 % of the held-out bundled digits and 0.74 % of the held-out
# MNIST digits of OpenCV's sheet, and take 2.0 % of non-digits for a digit; at 0.95, 0 %, 0.48 %,
# 0.75 % and 1.8 %, leaving more unread (2.5 %, 7.3 %, 6.4 % against 2.1 %, 6.2 %, 5.2 %). Before
# the sheet was trained on, the pair read only 60 % of its digits at 0.95, 2.1 % of them wrong.
# On the real scans' handwritten numbers and days (never trained on), neither threshold read one
# wrong; both read 30 of the 41 (a day's tens read as 0-3, see _classified).
SURE = 0.9
MAX_NUMBER_DIGITS = 5
_LAST = {"day": 31, "month": 12}  # the highest day and month a date's slot may hold
# Liberation Serif has the advance widths of Times New Roman, the type Decree 30/2020 prescribes:
# it measures the printed part of an anchor OCR joined to handwriting.
METRIC_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
METRIC_SIZE = 1000
# A word box wider than its text set in METRIC_FONT by this factor holds ink besides the text:
# boxes fit the ink, which is narrower than the advance by the side bearings, so only ink that was
# not read makes a box much wider.
JOINED = 1.3
RAISED = 0.2  # of the digits' height: a bottom this far above the anchors' baseline was written in
# Sizes in the line's text height: a slot narrower than MIN_SLOT holds no number; blobs smaller
# than a SPECK square, flatter than RULE_HEIGHT (dots, underscores) or taller than MAX_GLYPH_HEIGHT
# (a flourish, a seal's ring) are no digit; blobs STACKED over a share of their width are one glyph.
MIN_SLOT = 0.5
SPECK = 0.15
RULE_HEIGHT = 0.3
MAX_GLYPH_HEIGHT = 3.0
STACKED = 0.5
# A blob under FRAGMENT of the text height whose columns reach into a neighbour's is a stroke the
# pen or the scan broke off it (the lead-in of a `1`), no digit of its own: 0.5 is less than the
# smallest digit of the real scans' dev pages (0.75, a `0`).
FRAGMENT = 0.5
SPLIT_ASPECT = 0.9  # a glyph wider than this times its height may be two digits written touching
JOINT = 0.3  # at most this share of its height in ink, a column may be where two digits touch
# Wider still, the glyph may be two digits touching along a stretch (a `0` against a `6`, the foot
# of a `2` run into a `0`), where no column is a thin joint. Held-out MNIST digits put touching
# (`make digits` prints it): cut anywhere when this wide, 444 of 542 pairs were read right and 21
# wrong, against 313 and 21 cut at thin joints only; of 1,000 single digits 6 were cut in two,
# against 3.
WIDE = 1.05
# The best of some thirty cuts is read more surely than chance alone would have it, so its parts
# need more than SURE: at SURE, a real scan's touching `06` was cut into a `95` read at 0.92 (an
# impossible day, so unread), and held-out touching pairs give 451 right and 26 wrong readings
# (444 and 21 at CUT_SURE), single digits 8 cut in two of 1,000 (6).
CUT_SURE = 0.95
PART_HEIGHT = 0.6  # each part of a cut glyph is at least this share of its height


def glyph_features(ink: np.ndarray) -> np.ndarray:
    """The classifier's input for one glyph: `ink` is a 2-D mask (nonzero = ink) holding it.

    The glyph is cropped to its ink, scaled to GLYPH_BOX pixels on its longer side (its aspect
    kept: a `1` stays narrow) and centred in a GLYPH_FRAME square; the features are histograms of
    its gradient directions on a HOG_CELLS grid (robust to stroke width and small shifts), its
    pixels at PIXEL_GRID resolution, and the log of its aspect ratio."""
    rows, cols = np.nonzero(ink)
    glyph = (ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1] > 0).astype(np.float32)
    height, width = glyph.shape
    scale = GLYPH_BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = cv2.resize(glyph, size, interpolation=cv2.INTER_AREA)
    frame = np.zeros((GLYPH_FRAME, GLYPH_FRAME), np.float32)
    top, left = (GLYPH_FRAME - size[1]) // 2, (GLYPH_FRAME - size[0]) // 2
    frame[top : top + size[1], left : left + size[0]] = small
    frame = cv2.GaussianBlur(frame, (3, 3), 0.8)
    pixels = cv2.resize(frame, (PIXEL_GRID, PIXEL_GRID), interpolation=cv2.INTER_AREA).ravel()
    return np.concatenate([_gradient_histograms(frame), pixels, [np.log(width / height)]]).astype(np.float32)


def _gradient_histograms(frame: np.ndarray) -> np.ndarray:
    """Magnitude-weighted histograms of gradient direction (ORIENTATIONS signed bins, each
    direction shared linearly between its two nearest bins) per cell, L2-normalised as a whole."""
    dx = cv2.Sobel(frame, cv2.CV_32F, 1, 0, ksize=3)
    dy = cv2.Sobel(frame, cv2.CV_32F, 0, 1, ksize=3)
    magnitude = np.hypot(dx, dy)
    position = (np.arctan2(dy, dx) % (2 * np.pi)) * (ORIENTATIONS / (2 * np.pi))
    lower = np.floor(position).astype(int) % ORIENTATIONS
    upper_share = position - np.floor(position)
    cell = GLYPH_FRAME // HOG_CELLS
    histograms = np.empty((ORIENTATIONS, HOG_CELLS, HOG_CELLS), np.float32)
    for orientation in range(ORIENTATIONS):
        weight = magnitude * np.where(lower == orientation, 1 - upper_share, 0)
        weight += magnitude * np.where((lower + 1) % ORIENTATIONS == orientation, upper_share, 0)
        histograms[orientation] = weight.reshape(HOG_CELLS, cell, HOG_CELLS, cell).sum(axis=(1, 3))
    flat = histograms.transpose(1, 2, 0).ravel()
    return flat / (np.linalg.norm(flat) + 1e-6)


@dataclass(frozen=True)
class DigitModel:
    """One-hidden-layer perceptrons over standardised glyph features, classes digits 0-9 and
    REJECT, trained alike from different seeds; their probabilities are averaged. Weights are
    stacked along a first axis, one row per member."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    output_weights: np.ndarray
    output_bias: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per row of `features`."""
        standard = (features - self.mean) / self.scale
        hidden = np.maximum(np.einsum("nf,mfh->mnh", standard, self.hidden_weights) + self.hidden_bias[:, None], 0)
        logits = np.einsum("mnh,mhc->mnc", hidden, self.output_weights) + self.output_bias[:, None]
        exp = np.exp(logits - logits.max(axis=2, keepdims=True))
        return (exp / exp.sum(axis=2, keepdims=True)).mean(axis=0)

    def save(self, path: Path) -> None:
        """An npz of float16 arrays, byte for byte the same for the same model: numpy's own savez
        stamps each member with the time of writing."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.__dataclass_fields__:
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, getattr(self, name).astype(np.float16), allow_pickle=False)
                member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                archive.writestr(member, buffer.getvalue(), zipfile.ZIP_DEFLATED)

    @classmethod
    def load(cls, path: Path) -> DigitModel:
        with np.load(path) as stored:
            return cls(**{name: stored[name].astype(np.float32) for name in cls.__dataclass_fields__})


@cache
def digit_readers() -> tuple[DigitModel, ...]:
    """The readers shipped with the package."""
    return tuple(DigitModel.load(path) for path in MODEL_PATHS)


def agreed_digits(probabilities: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per glyph (a row of each reader's class probabilities): the digit the first reader finds
    likeliest, and the highest probability a reader gives it where every reader finds that digit
    likeliest, else 0. Readers trained from different glyphs err on different ones: a reader
    unsure of a digit the other is sure of still names it (a barred `7` at 0.3 against 0.99),
    while a glyph they read as different digits is left unread however sure each is."""
    digits = np.stack([rows[:, :REJECT].argmax(axis=1) for rows in probabilities])
    first = digits[0]
    given = np.max([rows[np.arange(len(first)), first] for rows in probabilities], axis=0)
    return first, np.where((digits == first).all(axis=0), given, 0.0)


# --- the slots --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """The blank of a header line between two printed anchors, on the cleaned page."""

    kind: str  # "number" | "day" | "month"
    left: int
    right: int
    top: int  # of the line's printed words
    bottom: int
    text_height: float  # of the line's printed words


def read_handwritten(
    image: np.ndarray, words: tuple[WordBox, ...], first_page: bool = True
) -> tuple[HandwrittenField, ...]:
    """The handwritten number, day and month of a page's number and date lines: for each slot the
    anchors locate whose content Tesseract did not read as a sure printed number, the digits the
    recogniser reads in its ink (a field without text when a glyph is unsure); none for a slot
    left blank. On page 1 the lines are looked for in its head; on a later page (the end of a
    consolidated text) the `Số:` line wherever it is and a date line beside it, so that a page
    without a `Số:` line costs a scan of its lines' first words."""
    if first_page:
        head = tuple(word for word in words if word.top < image.shape[0] * HEAD_SHARE)
        slots = (_number_slot(head), *_date_slots(head))
    else:
        slots = _signing_slots(words)
    slots = tuple(slot for slot in slots if slot is not None)
    if not slots:
        return ()
    grey = plain_grey(image)
    return tuple(field for slot in slots if (field := _read_slot(grey, slot)) is not None)


def _lines(words: tuple[WordBox, ...]) -> list[list[WordBox]]:
    lines: dict[tuple[int, int, int], list[WordBox]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    return sorted(lines.values(), key=lambda line: min(word.top for word in line))


def _number_slot(words: tuple[WordBox, ...]) -> Slot | None:
    found = _number_anchors(words)
    return found and _slot("number", *found)


def _signing_slots(words: tuple[WordBox, ...]) -> tuple[Slot | None, ...]:
    """The number's slot and the date's beside it, wherever the `Số:` line is on the page."""
    found = _number_anchors(words)
    if found is None:
        return ()
    line = found[0]
    top, height = min(w.top for w in line), float(np.median([w.height for w in line]))
    beside = tuple(word for word in words if abs(word.top - top) <= BESIDE * height)
    return (_slot("number", *found), *_date_slots(beside))


def _number_anchors(
    words: tuple[WordBox, ...]
) -> tuple[list[WordBox], tuple[WordBox, int], tuple[WordBox, int]] | None:
    """The line, and the anchors on it, of `Số:` opening a line and the symbol's separator after it
    (`/QĐ-UBND`, or `915/UBND-KTTH` when OCR joined the number to it): the first line that has both."""
    for line in _lines(words):
        word = line[0]
        anchor = _NUMBER_ANCHOR.match(fold_short(word.text))
        if anchor is None or not (anchor.group(1) or _CAPITAL_S.match(word.text)):
            continue
        symbol = _after(line, 0, anchor.end(), _SEPARATOR)
        if symbol is not None:
            return line, (word, anchor.end()), (symbol[0], symbol[1].start())
    return None


def _date_slots(words: tuple[WordBox, ...]) -> tuple[Slot | None, Slot | None]:
    """The day's slot, between `ngày` and `tháng`, on the first line that has both in this order,
    and the month's, between that `tháng` and a `năm` after it."""
    for line in _lines(words):
        for index, word in enumerate(line):
            day = _DAY_ANCHOR.search(fold_short(word.text))
            month = day and _after(line, index, day.end(), _MONTH_ANCHOR)
            if month is None:
                continue
            year = _after(line, line.index(month[0]), month[1].end(), _YEAR_ANCHOR)
            return (_slot("day", line, (word, day.end()), (month[0], month[1].start())),
                    year and _slot("month", line, (month[0], month[1].end()), (year[0], year[1].start())))
    return None, None


def _after(line: list[WordBox], index: int, start: int, anchor: re.Pattern[str]) -> tuple[WordBox, re.Match[str]] | None:
    """The first word of `line` from word `index` on (from character `start` of that word) whose
    folded text holds `anchor`, with the match."""
    return next(((later, found) for later in line[index:] if (found := anchor.search(
        fold_short(later.text), start if later is line[index] else 0))), None)


def _slot(kind: str, line: list[WordBox], opening: tuple[WordBox, int], closing: tuple[WordBox, int]) -> Slot | None:
    """The slot after character `opening[1]` of word `opening[0]` and before character
    `closing[1]` of `closing[0]`; None when Tesseract read what lies between as a printed number
    (digits only, every word at PRINTED_CONFIDENCE or more, a number on the baseline): the header
    has it already.

    An anchor's own box gives the slot's end when it is the anchor alone; where OCR joined
    handwriting to it (`ngày§`, `Số:04`, `04tháng`), or its box is wider than its text by JOINED
    (the ink beside it taken in, read as nothing: `tháng` at confidence 0 over `7tháng`), the
    printed part is measured from the word's far end."""
    (first, end), (last, start) = opening, closing
    between = line[line.index(first) + 1 : line.index(last)] if first is not last else []
    read = (first.text[end:] if first is not last else first.text[end:start]) + "".join(w.text for w in between)
    read += last.text[:start] if first is not last else ""
    joined = [w for w, cut in ((first, end < len(first.text)), (last, start > 0)) if cut]
    if read.isdigit() and all(w.confidence >= PRINTED_CONFIDENCE for w in [*between, *joined]) and not (
        kind == "number" and between and not joined and _above(between, first)
    ):
        return None
    em = _em(line)
    if end == len(first.text) and first.width <= JOINED * _advance(first.text) * em:
        left = first.left + first.width
    else:
        left = first.left + round(_advance(first.text[:end]) * em)
    if start == 0 and last.width <= JOINED * _advance(last.text) * em:
        right = last.left
    else:
        right = last.left + last.width - round(_advance(last.text[start:]) * em)
    height = float(np.median([w.height for w in line]))
    top, bottom = min(first.top, last.top), max(first.top + first.height, last.top + last.height)
    return Slot(kind, left, right, top, bottom, height)


def _above(written: list[WordBox], anchor: WordBox) -> bool:
    """Whether the digits stand clear above the baseline `Số:` sits on (no letter of it descends):
    a pen writes into the blank, above the line, where type sits on it. Tesseract reads such
    digits surely now and then, and wrongly (a Đà Nẵng công văn's pen `115`, 11 px above a 41 px
    line, read `445` at 91), while printed digits end within a pixel or two of the baseline.
    The day's anchors `ngày`, `tháng` descend: no baseline of theirs to measure against."""
    height = float(np.median([w.height for w in written]))
    return anchor.top + anchor.height - max(w.top + w.height for w in written) > RAISED * height


def _em(line: list[WordBox]) -> float:
    """The line's type size in pixels: the width of the words Tesseract read surely against their
    advance in METRIC_FONT; without any, the line's word height."""
    sure = [w for w in line if w.confidence >= PRINTED_CONFIDENCE and len(w.text) >= 2]
    if not sure:
        return float(np.median([w.height for w in line]))
    return sum(w.width for w in sure) / sum(_advance(w.text) for w in sure)


def _advance(text: str) -> float:
    """The width of `text` set in METRIC_FONT, in ems."""
    return _metric_font().getlength(text) / METRIC_SIZE


@cache
def _metric_font() -> ImageFont.FreeTypeFont:
    if not METRIC_FONT.exists():
        raise MissingDependency(f"font {METRIC_FONT} is missing (apt-get install fonts-liberation2)")
    return ImageFont.truetype(str(METRIC_FONT), METRIC_SIZE)


# --- the ink in a slot ------------------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    """One glyph's ink, cut from the slot's crop (crop coordinates, right and bottom exclusive)."""

    mask: np.ndarray  # bool, the glyph's box
    left: int
    top: int

    @property
    def right(self) -> int:
        return self.left + self.mask.shape[1]

    @property
    def bottom(self) -> int:
        return self.top + self.mask.shape[0]


def _read_slot(grey: np.ndarray, slot: Slot) -> HandwrittenField | None:
    """The field the glyphs in `slot` spell; None when it holds no glyph (a blank left blank)."""
    reach = round(slot.text_height)  # handwriting overruns the line and the anchors' estimated ends
    top, bottom = max(0, slot.top - reach), min(grey.shape[0], slot.bottom + reach)
    left, right = max(0, slot.left - reach), min(grey.shape[1], slot.right + reach)
    if slot.right - slot.left < MIN_SLOT * slot.text_height or bottom <= top:
        return None
    glyphs = _glyphs(grey[top:bottom, left:right], slot, (left, top))
    if not glyphs:
        return None
    read = [reading for glyph in glyphs for reading in _read_glyph(glyph)]
    if slot.kind in _LAST and len(read) == 2:  # a tens digit: of a day 0-3, of a month 0-1
        read[0] = _classified([read[0][0]], range(_LAST[slot.kind] // 10 + 1))[0]
    text = "".join(str(digit) for _, digit, _ in read)
    sure = min(probability for *_, probability in read)
    if sure < SURE or not _plausible(slot.kind, text):
        text = None
    box = (left + min(g.left for g, *_ in read), top + min(g.top for g, *_ in read))
    size = (left + max(g.right for g, *_ in read) - box[0], top + max(g.bottom for g, *_ in read) - box[1])
    # Python ints: the box goes into the page reading's JSON cache, which numpy's int32 breaks.
    return HandwrittenField(slot.kind, text, round(100 * sure, 1), tuple(int(n) for n in (*box, *size)))


def _read_glyph(glyph: Glyph) -> list[tuple[Glyph, int, float]]:
    """(glyph, digit, probability) of the digit `glyph` most likely is; of each of its two parts
    instead, when it is wide enough to be two digits written touching and a cut where they touch
    gives two parts of a digit's height, both read at CUT_SURE (the cut whose less sure part is
    surest).

    A cut is tried between a quarter and three quarters of the width, and only through a thin
    joint (JOINT of the height) unless the glyph is WIDE: cut anywhere, a `6` gave a surely read
    `5`, a barred `7` a `74`."""
    (whole,) = _classified([glyph])
    height, width = glyph.mask.shape
    if whole[2] >= SURE or width <= SPLIT_ASPECT * height:
        return [whole]
    columns = glyph.mask.sum(axis=0)
    anywhere = width >= WIDE * height
    parts = [_parts(glyph, cut) for cut in range(width // 4, 3 * width // 4 + 1)
             if anywhere or columns[cut] <= JOINT * height]
    parts = [pair for pair in parts if min(pair[0].mask.shape[0], pair[1].mask.shape[0]) >= PART_HEIGHT * height]
    if not parts:
        return [whole]
    read = _classified([part for pair in parts for part in pair])
    best = max((read[index : index + 2] for index in range(0, len(read), 2)), key=lambda pair: min(r[2] for r in pair))
    return best if min(r[2] for r in best) >= CUT_SURE else [whole]


def _classified(glyphs: list[Glyph], digits: range = range(REJECT)) -> list[tuple[Glyph, int, float]]:
    """Each glyph with the digit of `digits` the readers agree on and its probability (agreed_digits;
    what REJECT takes is taken from every digit).

    Told that a glyph is one of fewer digits (a day's tens), each reader's probabilities are
    renormalised over those and REJECT. On held-out handwriting at SURE, tens of days (0-3) were
    left unread less often (OpenCV's sheet 7.5 -> 6.8 %, load_digits 9.5 -> 3.9 %) and read wrong
    no more often (4 of 373 against 4 of 370; 0 of 172 against 1 of 162), and rejects were taken
    for a digit less often (2.1 -> 1.4 %)."""
    features = np.array([glyph_features(glyph.mask) for glyph in glyphs])
    kept = np.isin(np.arange(REJECT + 1), [*digits, REJECT])
    readings = [np.where(kept, reader.probabilities(features), 0.0) for reader in digit_readers()]
    best, sure = agreed_digits([rows / rows.sum(axis=1, keepdims=True) for rows in readings])
    return [(glyph, int(digit), float(probability)) for glyph, digit, probability in zip(glyphs, best, sure, strict=True)]


def _plausible(kind: str, text: str) -> bool:
    if kind in _LAST:
        return len(text) <= 2 and 1 <= int(text) <= _LAST[kind]
    return len(text) <= MAX_NUMBER_DIGITS


def _glyphs(crop: np.ndarray, slot: Slot, origin: tuple[int, int]) -> list[Glyph]:
    """The glyphs of the ink in `crop` whose middle lies in the slot, left to right: blobs of
    writing size that reach into the line's band, those stacked above one another taken as one
    glyph (a broken stroke)."""
    _, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height = slot.text_height
    band = (slot.top - origin[1] + height / 4, slot.bottom - origin[1] - height / 4)
    parts = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        middle = origin[0] + x + w / 2
        if not (slot.left <= middle <= slot.right and y < band[1] and y + h > band[0]):
            continue
        if area < (SPECK * height) ** 2 or h < RULE_HEIGHT * height or h > MAX_GLYPH_HEIGHT * height:
            continue  # a speck, a dotted or ruled line, a flourish or seal stroke
        parts.append((x, y, w, h, label))
    groups: list[list[tuple[int, int, int, int, int]]] = []
    for part in sorted(parts):
        if groups and _stacked(groups[-1], part):
            groups[-1].append(part)
        else:
            groups.append([part])
    return [_glyph(labels, group) for group in _fragments_joined(groups, FRAGMENT * height)]


def _fragments_joined(groups: list[list[tuple[int, int, int, int, int]]], fragment: float) -> list[list]:
    """The groups, left to right, each one lower than `fragment` joined to the neighbour it shares
    the most columns with, if it shares any."""
    joined: list[list[tuple[int, int, int, int, int]]] = []
    pending: list[tuple[int, int, int, int, int]] = []  # a fragment sharing columns with the next group only
    for index, group in enumerate(groups):
        group = group + pending
        pending = []
        if _extent(group, 1) >= fragment:
            joined.append(group)
            continue
        before = _overlap(group, joined[-1]) if joined else 0
        after = _overlap(group, groups[index + 1]) if index + 1 < len(groups) else 0
        if before > 0 and before >= after:
            joined[-1] = joined[-1] + group
        elif after > 0:
            pending = group
        else:
            joined.append(group)
    return joined


def _extent(group: list[tuple[int, int, int, int, int]], axis: int) -> int:
    """The group's width (axis 0) or height (axis 1)."""
    return max(p[axis] + p[axis + 2] for p in group) - min(p[axis] for p in group)


def _overlap(group: list[tuple[int, int, int, int, int]], other: list[tuple[int, int, int, int, int]]) -> int:
    """The columns two groups share."""
    return (min(max(p[0] + p[2] for p in group), max(p[0] + p[2] for p in other))
            - max(min(p[0] for p in group), min(p[0] for p in other)))


def _stacked(group: list[tuple[int, int, int, int, int]], part: tuple[int, int, int, int, int]) -> bool:
    """True when `part` overlaps the group's columns by half of the narrower of the two."""
    return _overlap(group, [part]) >= STACKED * min(_extent(group, 0), part[2])


def _glyph(labels: np.ndarray, group: list[tuple[int, int, int, int, int]]) -> Glyph:
    left, top = min(p[0] for p in group), min(p[1] for p in group)
    right, bottom = max(p[0] + p[2] for p in group), max(p[1] + p[3] for p in group)
    mask = np.isin(labels[top:bottom, left:right], [p[4] for p in group])
    return Glyph(mask, left, top)


def _parts(glyph: Glyph, cut: int) -> tuple[Glyph, Glyph]:
    """`glyph` cut in two at column `cut`."""
    return (_trimmed(Glyph(glyph.mask[:, :cut], glyph.left, glyph.top)),
            _trimmed(Glyph(glyph.mask[:, cut:], glyph.left + cut, glyph.top)))


def _trimmed(glyph: Glyph) -> Glyph:
    rows, cols = np.nonzero(glyph.mask)
    return Glyph(glyph.mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1],
                 glyph.left + int(cols.min()), glyph.top + int(rows.min()))
