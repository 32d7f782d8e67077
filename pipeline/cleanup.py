"""Stage 2 — cleanup: turn a scanned page into the image Tesseract reads best.

Each step is applied only when a measurement of the page says it pays, so a clean 300 DPI scan
passes untouched and a poor photocopy gets the full treatment. In order (the names are the
`steps` recorded for the page):

    stamps      share of strongly coloured pixels   seals and pen lifted out by chroma, before greyscale
    redraw      no black shows through their ink    what opaque seals and pen hid drawn from around it
    (resolution x-height of the body text          the page's DPI, whatever its file declares)
    denoise     grain seen at 100 DPI               median narrower than the strokes (marks survive)
    margins     paper far darker at the edge        scanner margins and lid shadows painted white
    background  paper unevenness and greyness       the page divided by its own paper
    rotate:N    lines vertical or hanging low       90/180/270 from Tesseract OSD, asked only then
    deskew      projection-profile angle >= 0.2°    ±10°, found to 0.02°, one resample with the upscale
    upscale:N   resolution < 270 DPI                brought to 300 DPI
    rules       ink straight for 0.3 in (vertical)  table borders and underlines erased
                or 0.6 in (horizontal)
    binarise    after stamps, denoise or background Sauvola's local threshold (keeps faded toner)
    despeckle   20+ isolated dots                   dots with no letter within an x-height removed
    edges       ink within 6 mm of the sheet edge   remnants of shadows removed
    grey        a binarised page reads no better    every retouch above (all but rotate, deskew and
                than the grey one on sampled lines  upscale) undone: the grey page is read as it is
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import cv2
import numpy as np

from diacritics.syllable import is_syllable
from pipeline._exec import tesseract
from pipeline.config import CleanupConfig
from pipeline.errors import OcrTimeout
from pipeline.inputs import PageImage

# Bump when a change alters what this stage produces: cached results of older versions are redone.
VERSION = "11"

PAPER_FILTER = 9  # pixels of the quarter-resolution max filter: wider than any stroke
MEASURE_DPI = 100  # resolution of the thumbnail that page-wide measurements are made on
OSD_DPI = 150  # orientation needs no fine detail; a smaller image is sent to Tesseract faster
OSD_TIMEOUT = 60.0  # seconds; orientation detection of a 150 DPI page takes well under one
SAUVOLA_WINDOW = 61  # pixels at 300 DPI: about two lines of 13-14 pt text
# Hard-tier CER, samples/ and a held-out generated set: k 0.1 3.6/6.0%, 0.15 4.3/5.3%,
# 0.2 5.3/7.0%; at 0.05 grain turns to ink and everything fails.
SAUVOLA_K = 0.15
STAMP_LIFT = 3  # times its chroma a coloured pixel is lightened by: dark navy pen ink becomes paper too
COLOUR_CHROMA = 50  # chroma of strongly coloured ink (seal red, pen blue)
COVERING_CHROMA = 30  # chroma of coloured ink, if only its anti-aliased edge
STROKE_HOLE = 9  # pixels: wider than a text stroke at 300 DPI (5-8), a hole in a seal's ink this wide is text under it
SEEN_THROUGH_SHARE = 0.003  # black pixels within coloured ink per pixel of it, under which the ink is opaque
INPAINT_RADIUS = 3  # pixels around a covered one that it is drawn from (OpenCV's Telea)
EDGE_BAND_MM = 6  # printed text keeps a margin of 15 mm or more
# Vertical, horizontal: taller than any glyph (0.22 in with its marks at 14 pt) yet shorter than a
# table row (0.38 in); wider than any glyph run that merges at half resolution (0.3 cut headings).
RULE_INCHES = (0.3, 0.6)
# x-height in pixels of body text (13-14 pt, Decree 30/2020) scanned at 300 DPI: 24.7, 26.1, 27.7 on
# the three real pages with exact text, 24.3/26.2 in Liberation Serif 13/14 pt.
X_HEIGHT_300_DPI = 25.0
HEIGHT_BINS = 1 / 12  # octave: the x-height's histogram resolves 6 % steps
MAX_PAGE_INCHES = 17.0  # an A3 sheet's long side and a margin: a resolution that makes the page larger is wrong
# The steps that change the page's pixels beyond turning and resampling it: undone together when
# the retouched page reads worse than the grey one.
RETOUCHES = frozenset({"stamps", "denoise", "margins", "background", "rules", "binarise", "despeckle", "edges"})
UNIFORM_BLOCK = 6  # Tesseract's page segmentation mode for the sampled lines, stacked in one column
INK_LEVEL = 128  # darker is ink on a retouched page
PUNCTUATION = ".,;:!?()\"'“”-–/"
ABBREVIATION = re.compile(r"[A-ZĐ]{2,6}(-[A-ZĐ]{2,6})*")  # UBND, HĐND, BC-VP: capitals without tone marks


@dataclass(frozen=True)
class CleanPage:
    number: int
    image: np.ndarray  # uint8, 2-D, ready for OCR
    dpi: int  # after any rescaling
    skew_angle: float = 0.0  # degrees that were corrected, counter-clockwise positive
    rotation: int = 0  # 0/90/180/270 (clockwise) that was corrected
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Geometry:
    """How the page sits on the scan: quarter turns to undo, then the fine skew."""

    rotation: int  # 0/90/180/270, clockwise turn the page has on the scan
    skew_angle: float  # degrees, counter-clockwise positive (OpenCV's convention)


def clean_page(page: PageImage, config: CleanupConfig) -> CleanPage:
    """Apply the steps the page's measurements call for, and bring it to `config.target_dpi`."""
    steps: list[str] = []
    image = greyscale(page.image, config, steps)
    resolution = text_resolution(image, page.dpi, config)
    image = flatten(image, resolution, config, steps)
    geometry = page_geometry(image, resolution, config)
    image, dpi, edge_band = straighten(image, resolution, geometry, config, steps)
    rules = ruled_lines(image, dpi)
    if rules.any():
        image = erase_rules(image, rules)
        steps.append("rules")
    if {"stamps", "background", "denoise"} & set(steps):  # each leaves faint grey Tesseract may read
        image = binarise(image, dpi)
        steps.append("binarise")
        image, removed = despeckle(image, dpi, config.specks, edge_band)
        steps += removed
    if config.judged_lines and "binarise" in steps:  # what changes strokes, and so marks; rules and margins do not
        grey, _, _ = straighten(plain_grey(page.image), resolution, geometry, config, [])
        if not reads_better(image, grey, dpi, config):
            image, steps = grey, [step for step in steps if step not in RETOUCHES] + ["grey"]
    return CleanPage(page.number, image, dpi, geometry.skew_angle, geometry.rotation, tuple(steps))


def plain_grey(image: np.ndarray) -> np.ndarray:
    """The scan in grey, as Tesseract itself would take it."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def reads_better(retouched: np.ndarray, grey: np.ndarray, dpi: int, config: CleanupConfig) -> bool:
    """True when Tesseract reads the sampled lines of the `retouched` page better than the same
    lines of the `grey` one (`reading_score`), by more than `config.retouch_margin`.

    Binarising can cost marks (on a grainy 300 DPI render, denoised and binarised, `đổi` read `đối`
    and `Thẩm` read `Thấm`; the grey page read both right), yet it is what repairs a seal over the
    text (sample 01, page 2: the grey page lost the signer's name under the seal). Only sampled
    lines are read, both pages in one run, so the choice costs a fraction of the page's OCR."""
    lines = sampled_lines(retouched, grey, dpi, config.judged_lines)
    if not lines:
        return False
    gap = np.full((round(dpi / 10), retouched.shape[1]), 255, np.uint8)
    stacks = [np.vstack([part for top, bottom in lines for part in (image[top:bottom], gap)]) for image in (retouched, grey)]
    try:
        rows = tesseract.read_tsv(stacks, config.language, UNIFORM_BLOCK, dpi, config.judge_timeout)
    except OcrTimeout:  # no verdict in time (grain slows Tesseract down): the retouch the measures called for stays
        return True
    retouched_score, grey_score = (reading_score(rows, page) for page in (1, 2))
    return retouched_score > grey_score + config.retouch_margin * abs(grey_score)


def reading_score(rows: list[dict], page: int) -> float:
    """How well Tesseract read image `page` of its run: the confidence (0-1) of each word that
    reads as text (a Vietnamese syllable, a number, an abbreviation such as `UBND`), less one for
    each word that does not (debris of seals, rules and grain, broken letters), however sure
    Tesseract is of it: on a seal it reads `TÍNHỀNC` and `Z` for the signer's name."""
    score = 0.0
    for row in rows:
        word = row["text"].strip().strip(PUNCTUATION)
        if row["page_num"] != page or row["conf"] < 0 or not row["text"].strip():
            continue
        score += row["conf"] / 100 if plausible_word(word) else -1.0
    return score


def plausible_word(word: str) -> bool:
    """True for a Vietnamese syllable, a number, or an abbreviation (`UBND`, `HĐND`, `QĐ`)."""
    return bool(word) and (is_syllable(word) or any(c.isdigit() for c in word) or ABBREVIATION.fullmatch(word) is not None)


def sampled_lines(retouched: np.ndarray, grey: np.ndarray, dpi: int, count: int) -> list[tuple[int, int]]:
    """Up to `count` text lines (top, bottom rows) of the page, in page order: half where the
    retouch changed the most ink (a seal, a signature, grain, dust), half spread over the rest.
    Lines are found on the ink of either page, so what only the grey page has is judged too."""
    _, grey_ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    retouched_ink = retouched < INK_LEVEL
    profile = np.count_nonzero(retouched_ink | grey_ink.astype(bool), axis=1)
    inked = (profile > max(2, retouched.shape[1] // 500)).astype(np.uint8)
    # Join a line's tone marks to it: they stand off their letters by less than a 40th of an inch.
    closed = cv2.morphologyEx(inked[:, None], cv2.MORPH_CLOSE, np.ones((max(3, dpi // 40), 1), np.uint8))[:, 0]
    edges = np.diff(np.concatenate([[0], closed, [0]]).astype(np.int8))
    pad, tallest = dpi // 60, dpi // 3  # a line of up to 28 pt, or two run together
    lines = [
        (max(0, top - pad), min(retouched.shape[0], bottom + pad))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
        if end - start >= dpi / 30  # taller than 10 pt text: not a rule or a row of specks
        for top, bottom in ((t, min(end, t + tallest)) for t in range(start, end, tallest))  # a seal's band cut in pieces
    ]
    if not lines:
        return []
    changed = [float(np.mean(grey_ink[top:bottom].astype(bool) != retouched_ink[top:bottom])) for top, bottom in lines]
    most_changed = sorted(range(len(lines)), key=lambda i: -changed[i])[: count // 2]
    rest = [i for i in range(len(lines)) if i not in most_changed]
    spread = [rest[round(j)] for j in np.linspace(0, len(rest) - 1, min(len(rest), count - len(most_changed)))] if rest else []
    return [lines[i] for i in sorted(set(most_changed) | set(spread))]


def text_resolution(image: np.ndarray, declared: int, config: CleanupConfig) -> int:
    """The page's resolution as its text says: the x-height of its body text against
    X_HEIGHT_300_DPI. A file's DPI tag is often missing (300 is assumed), or 72/96 from a web
    image, or the scanner's while the page was downscaled since; a page read at a wrong resolution
    is not upscaled (70 DPI pages taken for 300: 31.7 % CER against raw Tesseract's 10.5 %) or is
    upscaled fourfold for nothing. The declared resolution stays when the estimate is unsure (too
    few letters, or a page larger than MAX_PAGE_INCHES at that resolution: a noisy sparse page),
    and when both say the text is large enough."""
    x_height, letters = body_x_height(image)
    if letters < config.min_letters:
        return declared
    estimate = round(300 * x_height / X_HEIGHT_300_DPI)
    if max(image.shape) / estimate > MAX_PAGE_INCHES:
        return declared
    if estimate < 0.9 * config.target_dpi:
        return estimate
    return max(declared, config.target_dpi)


def body_x_height(image: np.ndarray) -> tuple[float, int]:
    """The most common height of the letter-like ink blobs (Otsu) of the page, in pixels, and how
    many blobs are that high: lowercase letters without ascenders outnumber capitals, ascenders
    and tone marks in any Vietnamese text. Marks that touch their letter at low resolution make
    the estimate a little high (9 px for 6.5 at 70 DPI), which only upscales a little less."""
    _, ink = cv2.threshold(image, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    width, height, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    # Taller than grain, no longer than three letters run together, not a rule, not a hollow frame.
    letter = (height >= 4) & (width <= 3 * height) & (4 * width >= height) & (area >= 0.15 * width * height)
    letter &= height <= image.shape[0] / 20
    if not letter.any():
        return 0.0, 0
    counts, edges = np.histogram(np.log2(height[letter]), bins=np.arange(2, 9 + HEIGHT_BINS, HEIGHT_BINS))
    smoothed = np.convolve(counts, [1, 2, 3, 2, 1], "same")
    peak = int(smoothed.argmax())
    return float(2 ** ((edges[peak] + edges[peak + 1]) / 2)), int(counts[max(0, peak - 2) : peak + 3].sum())


def flatten(image: np.ndarray, dpi: int, config: CleanupConfig, steps: list[str]) -> np.ndarray:
    """Denoise, whiten dark margins and even out the paper, each where measured to be needed."""
    if noise_level(image, dpi) > config.noise_sigma:
        image = denoise(image)
        steps.append("denoise")
    background = paper_background(image)
    shadow = edge_shadow(background, config.shadow_depth)
    if shadow.any():
        image, background = whiten_shadow(image, background, shadow)
        steps.append("margins")
    if background_unevenness(background) > config.unevenness:
        image = normalise_background(image, background)
        steps.append("background")
    return image


def straighten(
    image: np.ndarray, dpi: int, geometry: Geometry, config: CleanupConfig, steps: list[str]
) -> tuple[np.ndarray, int, tuple[int, int]]:
    """Undo the page's quarter turn and skew and bring it to the target resolution.

    Returns the image, its DPI, and the width of the strips along its left/right and top/bottom
    edges that lie outside the scanned sheet or within EDGE_BAND_MM of its edge.
    """
    if geometry.rotation:
        image = np.ascontiguousarray(np.rot90(image, k=geometry.rotation // 90))
        steps.append(f"rotate:{geometry.rotation}")
    scale = config.target_dpi / dpi if dpi < config.target_dpi * 0.9 else 1.0
    band = round(EDGE_BAND_MM / 25.4 * dpi * scale)
    if not geometry.skew_angle and scale == 1.0:
        return image, dpi, (band, band)
    height, width = image.shape
    image = rotate_and_scale(image, geometry.skew_angle, scale)
    steps += (["deskew"] if geometry.skew_angle else []) + ([f"upscale:{dpi}"] if scale != 1.0 else [])
    grown = (round((image.shape[1] - width * scale) / 2), round((image.shape[0] - height * scale) / 2))
    return image, round(dpi * scale), (band + grown[0], band + grown[1])


def greyscale(image: np.ndarray, config: CleanupConfig, steps: list[str]) -> np.ndarray:
    """The page in grey; coloured stamps and signatures lifted to near-white when there are any,
    and what opaque ones hid drawn again (`redraw_hidden`)."""
    if image.ndim == 2:
        return image
    if colour_ink_share(image) <= config.stamp_share:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    steps.append("stamps")
    ink = ink_colour(image)  # once: each step below reads it over the whole page
    grey = suppress_stamps(ink)
    if not hides_text(ink):
        return grey
    steps.append("redraw")
    return redraw_hidden(grey, ink)


def colour_ink_share(image: np.ndarray) -> float:
    """Share of the page's pixels that are strongly coloured ink (seal red, pen blue)."""
    sample = np.ascontiguousarray(image[::4, ::4])
    chroma = ink_colour(sample).chroma
    return float(np.count_nonzero(chroma > COLOUR_CHROMA)) / chroma.size


@dataclass(frozen=True)
class InkColour:
    """Per pixel of a colour page: its brightest channel, and that less its darkest (how coloured
    it is)."""

    brightest: np.ndarray
    chroma: np.ndarray


def ink_colour(image: np.ndarray) -> InkColour:
    blue, green, red = cv2.split(image)
    brightest = cv2.max(cv2.max(blue, green), red)
    return InkColour(brightest, cv2.subtract(brightest, cv2.min(cv2.min(blue, green), red)))


def suppress_stamps(ink: InkColour) -> np.ndarray:
    """Grey where coloured ink is lightened by STAMP_LIFT times its chroma, up to the typical
    paper: a red seal or blue signature fades into the paper around it, while black text, which
    stays black under the seal's ink, stays black. Lifting past the paper would leave the seal's
    outline as a white hole that a local threshold then fills with grain."""
    brightest, chroma = ink.brightest, ink.chroma
    paper = float(np.median(brightest[::8, ::8]))
    lifted = cv2.min(cv2.add(brightest, cv2.multiply(chroma, STAMP_LIFT)), paper)
    return cv2.max(brightest, lifted)


def hides_text(ink: InkColour) -> bool:
    """True when the page's coloured ink is opaque: no black shows through it. A seal put over
    the page as an image (e-signed documents) hides what it covers: the red band of the ring
    across `Phạm` took the middle of its letters (R 200-240, G/B 20-60 where the stems were),
    and lifting it leaves them cut. A seal printed on paper lets the black text under it show:
    black within the seal's ink, its holes as wide as a stroke closed. Per thousand pixels of
    coloured ink: 0.2-0.7 on four e-signed Bộ GD&ĐT pages, 10.3 and 10.7 on two stamped
    Quảng Ngãi pages."""
    coloured = (ink.chroma > COLOUR_CHROMA).astype(np.uint8)
    within = cv2.morphologyEx(coloured, cv2.MORPH_CLOSE, np.ones((STROKE_HOLE, STROKE_HOLE), np.uint8)) > 0
    black = (ink.chroma <= COVERING_CHROMA) & (ink.brightest < INK_LEVEL)
    return np.count_nonzero(black & within) < SEEN_THROUGH_SHARE * np.count_nonzero(coloured)


def redraw_hidden(grey: np.ndarray, ink: InkColour) -> np.ndarray:
    """`grey` with the pixels of coloured ink, which hid what lay under them, drawn again from the
    nearest pixels without colour (OpenCV's Telea inpainting): a letter's stem goes on across a
    seal's band and the paper closes over the rest (e-signed Bộ GD&ĐT decisions at 150 DPI: the
    signer's name read on 3 of 4 pages, on none lifted)."""
    covered = (ink.chroma > COVERING_CHROMA).astype(np.uint8)
    return cv2.inpaint(grey, covered, INPAINT_RADIUS, cv2.INPAINT_TELEA)


def edge_shadow(background: np.ndarray, depth: float) -> np.ndarray:
    """Where the paper is darker than `depth` times the page's typical paper, in regions touching
    the edge: scanner margins and lid shadows, where no text is printed. A mask of `background`."""
    dark = (background < depth * np.median(background)).astype(np.uint8)
    count, labels = cv2.connectedComponents(dark, connectivity=4)
    if count == 1:
        return np.zeros(background.shape, bool)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return np.isin(labels, edge_labels[edge_labels > 0])


def whiten_shadow(image: np.ndarray, background: np.ndarray, shadow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page and its paper estimate with the `shadow` region (a mask of the background) set to
    the typical paper."""
    paper = np.median(background)
    # The paper estimate's max filter shrank every dark region by its radius; grow it back, and a little.
    grown = cv2.dilate(shadow.astype(np.uint8), np.ones((PAPER_FILTER + 2, PAPER_FILTER + 2), np.uint8))
    mask = cv2.resize(grown, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
    image = image.copy()
    image[mask > 0] = paper
    background = background.copy()
    background[shadow] = paper
    return image, background


def paper_background(image: np.ndarray) -> np.ndarray:
    """The paper without its ink, at a quarter of the resolution: a max filter wider than any
    stroke erases the text, a median smooths what is left."""
    small = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((PAPER_FILTER, PAPER_FILTER), np.uint8))
    return cv2.medianBlur(paper, 21)


def background_unevenness(background: np.ndarray) -> float:
    """Grey levels between the darkest and the lightest paper (5th to 95th percentile), plus how
    far the typical paper is from white: both make a single threshold fail."""
    low, median, high = np.percentile(background, (5, 50, 95))
    return float(high - low + (255 - median))


def normalise_background(image: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Divide the page by its paper: the paper becomes white and the ink keeps its contrast."""
    paper = cv2.resize(background, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(image, paper, scale=255)


def noise_level(image: np.ndarray, dpi: int) -> float:
    """Standard deviation of the grain, in grey levels, at MEASURE_DPI (where grain that JPEG or
    resampling smoothed at full resolution still shows), by Immerkaer's estimator made robust to
    text edges by a median."""
    scale = MEASURE_DPI / dpi
    thumbnail = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA).astype(np.float32)
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = np.abs(cv2.filter2D(thumbnail, -1, kernel))
    return float(np.median(response)) * 1.4826 / 6  # the kernel multiplies the noise's deviation by 6


def page_geometry(image: np.ndarray, dpi: int, config: CleanupConfig) -> Geometry:
    """The quarter turn (only asked of Tesseract's OSD when the lines look turned) and the skew."""
    ink = ink_points(image, dpi)
    rotation = osd_rotation(image, dpi, config.osd_confidence) if looks_turned(ink, config.max_skew) else 0
    ink = ink.turned(rotation)
    angle = skew_angle(ink, config.max_skew)
    return Geometry(rotation, angle if abs(angle) >= config.min_skew else 0.0)


@dataclass(frozen=True)
class InkPoints:
    """Coordinates of the inked pixels of a MEASURE_DPI thumbnail of the page."""

    ys: np.ndarray
    xs: np.ndarray
    height: int
    width: int

    def transposed(self) -> InkPoints:
        return InkPoints(self.xs, self.ys, self.width, self.height)

    def turned(self, rotation: int) -> InkPoints:
        """The points as they lie once the page is turned back by `rotation` (clockwise degrees)."""
        if rotation == 90:  # undone by a counter-clockwise quarter turn
            return InkPoints(self.width - 1 - self.xs, self.ys, self.width, self.height)
        if rotation == 180:
            return InkPoints(self.height - 1 - self.ys, self.width - 1 - self.xs, self.height, self.width)
        if rotation == 270:
            return InkPoints(self.xs, self.height - 1 - self.ys, self.width, self.height)
        return self


def ink_points(image: np.ndarray, dpi: int) -> InkPoints:
    """The inked pixels (Otsu) of a MEASURE_DPI thumbnail of the page, specks filtered out."""
    scale = MEASURE_DPI / dpi
    small = cv2.medianBlur(cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), 3)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    return InkPoints(ys.astype(np.float32), xs.astype(np.float32), *ink.shape)


def line_profile(ink: InkPoints, angle: float) -> np.ndarray:
    """Ink per row after undoing a skew of `angle` degrees: sharp peaks when lines are level."""
    if ink.ys.size == 0:
        return np.zeros(1, np.int64)
    theta = math.radians(angle)
    rows = (ink.ys * math.cos(theta) + ink.xs * math.sin(theta)).round().astype(np.int64)
    return np.bincount(rows - rows.min())


def profile_sharpness(ink: InkPoints, angle: float) -> float:
    """Energy of the profile's row-to-row changes: high when lines and gaps alternate crisply,
    low across the lines, where the ink of a page is spread evenly."""
    changes = np.diff(line_profile(ink, angle).astype(np.float64))
    return float(np.dot(changes, changes))


def skew_angle(ink: InkPoints, max_angle: float) -> float:
    """The angle whose line profile is sharpest, searched coarse to fine to 0.02°."""
    best = 0.0
    for span, step in ((max_angle, 1.0), (1.0, 0.1), (0.1, 0.02)):
        candidates = best + np.arange(-span, span + step / 2, step)
        best = float(max(candidates, key=lambda angle: profile_sharpness(ink, angle)))
    return round(best, 2)


def looks_turned(ink: InkPoints, max_angle: float) -> bool:
    """True when the text lines run vertically, or hang below their middle as upside-down
    Vietnamese does (capitals, ascenders and tone marks rise above the line, few letters descend)."""
    angles = np.arange(-max_angle, max_angle + 0.5, 1.0)
    across = [profile_sharpness(ink, angle) for angle in angles]
    along = max(profile_sharpness(ink.transposed(), angle) for angle in angles)
    if along > max(across):
        return True
    level = angles[int(np.argmax(across))]
    above, below = ink_around_core(line_profile(ink, level))
    return below > above


def ink_around_core(profile: np.ndarray) -> tuple[int, int]:
    """Ink above and below the core (the rows at least half as inked as the line's densest) of
    every text line of a row profile; a line is a run of rows with a tenth of the page's densest."""
    above = below = 0
    inked = np.concatenate([[0], (profile > profile.max() / 10).astype(np.int8), [0]])
    starts, ends = np.flatnonzero(np.diff(inked) == 1), np.flatnonzero(np.diff(inked) == -1)
    for start, end in zip(starts, ends):
        line = profile[start:end]
        core = np.flatnonzero(line >= line.max() / 2)
        above += int(line[: core[0]].sum())
        below += int(line[core[-1] + 1 :].sum())
    return above, below


def osd_rotation(image: np.ndarray, dpi: int, min_confidence: float) -> int:
    """The clockwise turn (0/90/180/270) Tesseract's orientation detection sees; 0 when it cannot
    tell (too little text) or is less sure than `min_confidence`."""
    scale = min(1.0, OSD_DPI / dpi)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    orientation = tesseract.detect_orientation(small, round(dpi * scale), OSD_TIMEOUT)
    if orientation is None or orientation.confidence < min_confidence:
        return 0
    return (360 - orientation.rotate) % 360


def rotate_and_scale(image: np.ndarray, angle: float, scale: float) -> np.ndarray:
    """Undo a skew of `angle` degrees and resize by `scale` in one resampling, on a canvas large
    enough to keep the corners, filled with white."""
    height, width = image.shape
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    new_width = round((width * cos + height * sin) * scale)
    new_height = round((height * cos + width * sin) * scale)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, scale)
    matrix[0, 2] += (new_width - width) / 2
    matrix[1, 2] += (new_height - height) / 2
    return cv2.warpAffine(image, matrix, (new_width, new_height), flags=cv2.INTER_CUBIC, borderValue=255)


def denoise(image: np.ndarray) -> np.ndarray:
    """A median filter narrower than the strokes (3/4 of their width, odd, 3 to 7 pixels): the
    grain goes, and so does nothing thinner than half the filter, so the marks of thin type stay."""
    size = int(min(7, max(3, stroke_width(image) * 0.75)))
    return cv2.medianBlur(image, size if size % 2 else size - 1)


def stroke_width(image: np.ndarray) -> float:
    """The typical width of the ink strokes in pixels: the median length of the horizontal runs of
    ink (Otsu) along every 8th row."""
    rows = np.ascontiguousarray(image[::8])
    _, ink = cv2.threshold(rows, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    edges = np.diff(np.pad(ink, ((0, 0), (1, 1))).astype(np.int8).ravel())
    runs = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return float(np.median(runs)) if runs.size else 0.0


def ruled_lines(image: np.ndarray, dpi: int) -> np.ndarray:
    """Mask, at half resolution, of the straight rules of the page (table borders, underlines):
    ink running straight for RULE_INCHES or more, which no letter does."""
    small = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((round(RULE_INCHES[0] * dpi / 2), 1), np.uint8))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, round(RULE_INCHES[1] * dpi / 2)), np.uint8))
    return cv2.max(vertical, horizontal)


def erase_rules(image: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """The page with the ink of `rules` (a half-resolution mask, grown by its anti-aliased edge)
    turned to paper. Tesseract reads rules as "|" and "_" and splits table rows at them."""
    grown = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    mask = cv2.resize(grown, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
    return np.where(mask > 0, np.uint8(255), image)


def binarise(image: np.ndarray, dpi: int) -> np.ndarray:
    """Black ink on white paper by Sauvola's local threshold, mean * (1 + K * (deviation / 128 - 1))
    over a window of two text lines: faded toner stays ink where a page-wide threshold drops it.
    The local statistics vary slowly, so they are taken at a quarter of the resolution."""
    small = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA).astype(np.float32)
    window = (max(3, round(SAUVOLA_WINDOW * dpi / 300 / 4) | 1),) * 2
    mean = cv2.boxFilter(small, -1, window)
    squares = cv2.resize(np.square(image, dtype=np.float32), (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    deviation = np.sqrt(np.maximum(cv2.boxFilter(squares, -1, window) - mean * mean, 0))
    threshold = np.clip(np.rint(mean * (1 + SAUVOLA_K * (deviation / 128 - 1))), 0, 255).astype(np.uint8)
    threshold = cv2.resize(threshold, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.compare(image, threshold, cv2.CMP_GT)


def despeckle(
    binary: np.ndarray, dpi: int, min_specks: int, edge_band: tuple[int, int]
) -> tuple[np.ndarray, list[str]]:
    """Remove ink that cannot be text, returning the page and the steps taken:

    "despeckle": dots no larger than a full stop with no letter within an x-height of them (tone
    marks, dots and punctuation always sit by a letter; a dash, which need not, is not round),
    when there are at least `min_specks`; a few stray dots are not worth the risk.
    "edges": ink lying wholly within `edge_band` (x, y pixels) of the image's edge: remnants of
    lid shadows and scanner margins (printed text keeps a margin of 15 mm or more).
    """
    ink = (binary == 0).astype(np.uint8)
    _, labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    left, top, width, height, area = (stats[:, i] for i in range(5))
    small = area <= 80 * (dpi / 300) ** 2
    small[0] = False  # the paper
    letters = np.where(small[labels], 0, ink).astype(np.uint8)
    reach = 2 * round(25 * dpi / 300) + 1
    near_letters = cv2.dilate(letters, np.ones((reach, reach), np.uint8))
    xs, ys = centroids[:, 0].round().astype(int), centroids[:, 1].round().astype(int)
    # A list item's dash, which may stand a word space from its text: wide, and thicker than the
    # hairlines that binarising grain leaves (dust is round).
    dash = (width >= 2 * height) & (height >= 3 * dpi / 300) & (width >= 10 * dpi / 300)
    isolated = small & ~dash & (near_letters[ys, xs] == 0)
    if np.count_nonzero(isolated) < min_specks:
        isolated[:] = False
    band_x, band_y = edge_band
    at_edge = (left + width <= band_x) | (left >= binary.shape[1] - band_x) | (top + height <= band_y) | (top >= binary.shape[0] - band_y)
    at_edge[0] = False
    steps = ["despeckle"] * bool(isolated.any()) + ["edges"] * bool(at_edge.any())
    if not steps:
        return binary, steps
    cleaned = binary.copy()
    cleaned[(isolated | at_edge)[labels]] = 255
    return cleaned, steps
