"""Build the handwritten digit readers (`pipeline/data/digits*.npz`): `python -m training.build_digits`.

Trained only on what we make or packages ship, never on archive scans: digits rendered from the
handwriting-style fonts of Debian packages (DIGIT_FONTS, installed by `make digit-data`), digits
drawn here as pen strokes in the styles the fonts lack (PEN_DIGITS), scikit-learn's bundled
handwritten digits (`load_digits`, 8x8 scans of 43 writers) and OpenCV's sample sheet of MNIST
digits (OPENCV_DIGITS, package opencv-doc), each glyph distorted as pens and
scanners distort them (slant, rotation, stroke width, blur, noise, broken strokes). The eleventh
class, REJECT, is what a slot may hold that is no digit: printed and handwritten letters (not
those shaped like a digit, nor A and + which a hand's `1` and barred `7` resemble), punctuation,
dotted and ruled lines, seal arcs, specks, and two digits run together.

Two readers are built from two RECIPES (pipeline.handwriting reads a digit where both name it and
one is sure): `plain`, the sources above; `bent`, the same sources also bent by elastic
distortions, with more pen styles.

Deterministic (fixed seeds, one BLAS thread): the same fonts and packages give the same file byte
for byte. Two fonts and the last quarter of `load_digits` are held out of training; the script
prints the classifier's accuracy on them and how many glyphs each confidence threshold leaves
unread, which is how pipeline.handwriting.SURE was chosen.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from pipeline import handwriting
from pipeline.handwriting import MODEL_PATHS, REJECT, SURE, DigitModel, Glyph, agreed_digits, glyph_features

FONT_ROOT = Path("/usr/share/fonts")
# Debian package → its font files with handwritten-looking digits. Left out: fonts-femkeklaver and
# fonts-cabinsketch (outlined or hatched strokes), fonts-joscelyn (digits with long swashes).
DIGIT_FONTS = {
    "fonts-bwht": [f"opentype/bwht/BecauseWe{name}-Regular.otf"
                   for name in ("Build", "Connect", "Create", "Learn", "Mentor", "Organize")],
    "fonts-comic-neue": [f"opentype/comic-neue/ComicNeue-{style}.otf"
                         for style in ("Regular", "Bold", "Italic", "BoldItalic", "Light", "LightItalic")],
    "fonts-dancingscript": ["opentype/dancingscript/DancingScript-Regular.otf",
                            "opentype/dancingscript/DancingScript-Bold.otf"],
    "fonts-kaushanscript": ["opentype/kaushanscript/KaushanScript-Regular.otf"],
    "fonts-breip": ["truetype/breip/Breip.ttf"],
    "fonts-ecolier-court": ["truetype/ecolier-court/Ecolier-court.ttf"],
    "fonts-dkg-handwriting": [f"truetype/fifthhorseman/dkg{style}.ttf" for style in ("", "Bd", "It", "BI")],
    "fonts-humor-sans": ["truetype/humor-sans/Humor-Sans.ttf"],
    "fonts-kiloji": [f"truetype/kiloji/kiloji{style}.ttf" for style in ("", "_b", "_d", "_p")],
    "fonts-klee": ["truetype/klee/KleeOne-Regular.ttf", "truetype/klee/KleeOne-SemiBold.ttf"],
    "fonts-kristi": ["truetype/kristi/Kristi.ttf"],
}
# Never trained on: the glyphs the printed accuracy and the threshold table are measured on.
HELD_OUT_FONTS = ("opentype/bwht/BecauseWeOrganize-Regular.otf", "truetype/klee/KleeOne-Regular.ttf")
# The printed letters a blank's neighbourhood holds (anchors, the symbol, the line above or below).
# Their digits are not trained on: with them, fewer handwritten digits of real scans were read
# surely (8 numbers and 8 days of the dev pages, against 9 and 11).
PRINTED_FONTS = [f"truetype/liberation2/Liberation{face}-{style}.ttf"
                 for face in ("Serif", "Sans") for style in ("Regular", "Bold", "Italic", "BoldItalic")]
# Letters drawn as REJECT examples: Vietnamese letters and punctuation, less those a hand may
# shape like a digit (o/O/D for 0, l/I/i/j and slashes for 1, z/Z for 2, S/s for 5, b/G for 6,
# T for 7, B for 8, g/q for 9) and brackets (a slanted `1`).
LETTERS = "".join(sorted(set(
    "aáàảãạăắằẳẵặâấầẩẫậcdđeéèẻẽẹêếềểễệhkmnpruúùủũụưứừửữựvwxyýỳỷỹỵ"
    "AÁÀẢÃẠĂÂCĐEÊHKLMNPRUƯVWXYỐỒỔỖỘƠỚỜỞỠỢ" + ":.,-_…;\"'*+=#%&@?!"
)))
# Left out of both readers' rejects: an upturned-V `1` is an A without its bar, and a barred `7` a
# `+` under a bar. Among the `plain` reader's rejects, they made it read the lead-in `1`s of real
# days as REJECT at 0.92-1.00. The held-out rejects keep them (how often such a letter reads as a digit).
DIGIT_LIKE = "AÁÀẢÃẠĂÂ+"
REJECT_LETTERS = "".join(letter for letter in LETTERS if letter not in DIGIT_LIKE)

SEED = 2025
DIGIT_VARIANTS = 120  # distortions of each digit of each training font
PEN_VARIANTS = 2000  # distortions of each digit drawn by PEN_DIGITS
# The `1` with a lead-in is the Vietnamese clerk's, and days and numbers are full of 1s; the other
# sources have none of it, so its pen styles are drawn this many times as often.
PEN_WEIGHT = {1: 3}
SKLEARN_VARIANTS = 8  # distortions of each training image of load_digits
SKLEARN_HELD_OUT = 0.25  # the last share of load_digits, never trained on
# OpenCV's sample sheet of handwritten digits (package opencv-doc): 500 of each digit from MNIST's
# writers, 20x20 cells in rows of 100, five rows a digit. The last HELD_OUT share of each digit is
# never trained on.
OPENCV_DIGITS = Path("/usr/share/doc/opencv-doc/examples/data/digits.png")
OPENCV_CELL = 20
OPENCV_VARIANTS = 8  # distortions of each training image of the sheet
OPENCV_HELD_OUT = 0.2
REJECT_COUNT = 40_000
HIDDEN = 160  # hidden units: ~54k weights a member, ~90 kB as float16
MEMBERS = 3
EPOCHS = 60
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)


@dataclass(frozen=True)
class Samples:
    features: np.ndarray
    labels: np.ndarray


def font_path(relative: str) -> Path:
    path = FONT_ROOT / relative
    if not path.exists():
        package = next((name for name, files in DIGIT_FONTS.items() if relative in files), "fonts-liberation2")
        raise SystemExit(f"build_digits: {path} is missing; install it: apt-get install {package} (make digit-data)")
    return path


def rendered(text: str, font: Path, height: int) -> np.ndarray:
    """`text` drawn in `font` at about `height` pixels per em, as an ink mask cropped to its ink."""
    face = ImageFont.truetype(str(font), height)
    canvas = Image.new("L", (height * (2 + 2 * len(text)), height * 3), 0)
    ImageDraw.Draw(canvas).text((height // 2, height // 2), text, font=face, fill=255)
    return _cropped(np.asarray(canvas) > 127)


def _cropped(ink: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(ink)
    if rows.size == 0:
        return ink
    return ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def distorted(ink: np.ndarray, rng: np.random.Generator, elastic: bool = False) -> np.ndarray:
    """`ink` as a hand and a scanner might have made it: slanted, turned, squeezed, with
    `elastic` every other one bent, its strokes thinner or thicker, blurred and thresholded
    (ragged edges), perhaps broken or holed."""
    height = rng.uniform(28, 64)
    scale = height / ink.shape[0]
    glyph = cv2.resize(ink.astype(np.float32), None, fx=scale * rng.uniform(0.75, 1.25), fy=scale,
                       interpolation=cv2.INTER_LINEAR)
    pad = int(height)
    glyph = cv2.copyMakeBorder(glyph, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    angle, shear = rng.uniform(-12, 12), rng.uniform(-0.35, 0.35)
    centre = (glyph.shape[1] / 2, glyph.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    matrix[0, 1] += shear
    matrix[0, 2] -= shear * centre[1]
    glyph = cv2.warpAffine(glyph, matrix, (glyph.shape[1], glyph.shape[0]), flags=cv2.INTER_LINEAR)
    if elastic and rng.random() < 0.5:
        glyph = _bent(glyph, height, rng)
    stroke = int(rng.integers(-2, 4)) * max(1, round(height / 40))
    half_width = cv2.distanceTransform((glyph > 0.5).astype(np.uint8), cv2.DIST_L2, 3).max()
    if stroke > 0 or half_width > 2 - stroke:  # thin only strokes that stay more than 2 pixels wide
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (abs(stroke) + 1,) * 2)
        glyph = cv2.dilate(glyph, kernel) if stroke > 0 else cv2.erode(glyph, kernel)
    blur = rng.uniform(0.6, 1.6)
    noise = rng.normal(0, rng.uniform(0, 0.2), glyph.shape).astype(np.float32)
    ink = _cropped(_without_specks(cv2.GaussianBlur(glyph + noise, (0, 0), blur) > rng.uniform(0.35, 0.6)))
    if not ink.any() or ink.shape[0] < height / 2:  # the noise ate a hairline glyph: keep it clean
        clean = cv2.GaussianBlur(glyph, (0, 0), blur)
        ink = _cropped(clean > clean.max() / 2)
    return _cropped(_broken(ink, rng)) if ink.any() and rng.random() < 0.25 else ink


def _bent(glyph: np.ndarray, height: float, rng: np.random.Generator) -> np.ndarray:
    """`glyph` bent as a hand bends strokes: moved by a smooth random field (Simard et al. 2003)."""
    sigma, reach = height * rng.uniform(0.12, 0.2), height * rng.uniform(0.05, 0.12)
    dx, dy = (cv2.GaussianBlur(rng.uniform(-1, 1, glyph.shape).astype(np.float32), (0, 0), sigma) for _ in range(2))
    dx *= reach / (np.abs(dx).max() + 1e-6)
    dy *= reach / (np.abs(dy).max() + 1e-6)
    rows, cols = np.indices(glyph.shape, dtype=np.float32)
    return cv2.remap(glyph, cols + dx, rows + dy, cv2.INTER_LINEAR, borderValue=0)


def _without_specks(ink: np.ndarray) -> np.ndarray:
    """`ink` without the blobs under a twentieth of its largest one, as the slot reader drops them."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if count <= 2:
        return ink
    areas = stats[1:, cv2.CC_STAT_AREA]
    return np.isin(labels, 1 + np.flatnonzero(areas >= areas.max() / 20))


def _broken(ink: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`ink` with a thin gap cut across it, as a dry pen or a light scan leaves one."""
    rows, cols = np.nonzero(ink)
    pick = rng.integers(rows.size)
    row, col = rows[pick], cols[pick]
    angle = rng.uniform(0, np.pi)
    length = ink.shape[0] / 6
    start = (int(col - length * np.cos(angle)), int(row - length * np.sin(angle)))
    end = (int(col + length * np.cos(angle)), int(row + length * np.sin(angle)))
    cut = ink.astype(np.uint8)
    cv2.line(cut, start, end, 0, int(rng.integers(1, 3)))
    return cut > 0


# Digits as a pen draws them, as strokes through points of a box 0.6 wide and 1 high (y down), in
# the styles the fonts lack and Vietnamese clerks write: the `1` with a long lead-in from the lower
# left (down to an upturned `V`), the `7` with a bar across, the flat-topped `3`, the open `4`.
PEN_DIGITS: dict[int, list[list[list[tuple[float, float]]]]] = {
    0: [[[(0.3, 0), (0.05, 0.25), (0.05, 0.75), (0.3, 1), (0.55, 0.75), (0.55, 0.25), (0.3, 0), (0.15, 0.1)]]],
    1: [[[(0.35, 0), (0.3, 1)]],
        [[(0.0, 0.45), (0.2, 0.2), (0.4, 0), (0.35, 1)]],
        [[(0.05, 0.3), (0.4, 0), (0.38, 1)]],
        [[(0.0, 0.65), (0.35, 0), (0.45, 1)]],
        [[(0.0, 0.85), (0.3, 0), (0.55, 1)]],
        [[(0.05, 0.75), (0.25, 0.3), (0.35, 0), (0.42, 0.5), (0.5, 1)]],
        [[(0.1, 0.25), (0.4, 0), (0.38, 1)], [(0.1, 1), (0.6, 1)]],
        [[(0.0, 0.7), (0.62, 0), (0.58, 1)]],
        [[(0.0, 0.85), (0.3, 0.4), (0.65, 0), (0.6, 1)]],
        [[(0.0, 0.55), (0.6, 0), (0.52, 1)]]],
    2: [[[(0.05, 0.25), (0.3, 0), (0.55, 0.25), (0.3, 0.65), (0.0, 1), (0.6, 1)]],
        [[(0.05, 0.2), (0.3, 0), (0.55, 0.2), (0.45, 0.5), (0.05, 0.95), (0.15, 0.85), (0.3, 0.95), (0.6, 1)]]],
    3: [[[(0.05, 0.1), (0.3, 0), (0.55, 0.2), (0.25, 0.45), (0.55, 0.7), (0.3, 1), (0.0, 0.9)]],
        [[(0.05, 0), (0.55, 0), (0.2, 0.4), (0.55, 0.65), (0.35, 1), (0.0, 0.9)]]],
    4: [[[(0.45, 1), (0.45, 0), (0.0, 0.65), (0.6, 0.65)]],
        [[(0.1, 0), (0.0, 0.6), (0.6, 0.6)], [(0.45, 0.25), (0.45, 1)]]],
    5: [[[(0.55, 0), (0.1, 0)], [(0.1, 0), (0.05, 0.45), (0.35, 0.38), (0.55, 0.62), (0.4, 0.95), (0.0, 0.88)]],
        [[(0.1, 0), (0.05, 0.45), (0.35, 0.38), (0.55, 0.62), (0.4, 0.95), (0.0, 0.88)], [(0.1, 0.02), (0.6, 0)]]],
    6: [[[(0.5, 0.05), (0.2, 0.3), (0.05, 0.7), (0.25, 1), (0.5, 0.85), (0.45, 0.55), (0.2, 0.5), (0.05, 0.7)]]],
    7: [[[(0.0, 0), (0.6, 0), (0.2, 1)]],
        [[(0.0, 0.1), (0.0, 0), (0.6, 0), (0.25, 1)], [(0.15, 0.5), (0.55, 0.5)]],
        [[(0.0, 0), (0.6, 0), (0.3, 0.5), (0.25, 1)]]],
    8: [[[(0.5, 0.1), (0.3, 0), (0.05, 0.15), (0.3, 0.45), (0.55, 0.75), (0.3, 1), (0.05, 0.75), (0.3, 0.45),
          (0.55, 0.15), (0.5, 0.1)]]],
    9: [[[(0.55, 0.2), (0.3, 0), (0.05, 0.2), (0.3, 0.45), (0.55, 0.25), (0.55, 0.2), (0.5, 1)]],
        [[(0.55, 0.2), (0.3, 0), (0.05, 0.2), (0.3, 0.45), (0.55, 0.25), (0.55, 0.2), (0.45, 0.7), (0.2, 1)]]],
}
# The `bent` reader's styles besides: the `1` whose lead-in starts at the baseline, the `7` with an
# upright stem, a hooked top or a bar across its middle, the `3` with a flat top over a round bowl.
MORE_PEN_DIGITS = {
    1: [[[(0.0, 1), (0.3, 0), (0.45, 1)]],
        [[(0.05, 0.9), (0.4, 0), (0.35, 1)]]],
    3: [[[(0.0, 0.05), (0.55, 0), (0.25, 0.4), (0.5, 0.55), (0.55, 0.8), (0.3, 1), (0.0, 0.85)]]],
    7: [[[(0.05, 0.2), (0.05, 0), (0.6, 0), (0.4, 0.45), (0.35, 1)], [(0.1, 0.5), (0.6, 0.45)]],
        [[(0.0, 0), (0.6, 0), (0.45, 0.35), (0.4, 1)], [(0.05, 0.55), (0.6, 0.5)]],
        [[(0.0, 0.05), (0.55, 0), (0.35, 0.5), (0.3, 1)], [(0.1, 0.45), (0.5, 0.4)]],
        [[(0.0, 0.05), (0.6, 0), (0.35, 0.5), (0.25, 1)], [(0.1, 0.5), (0.95, 0.4)]]],
}


@dataclass(frozen=True)
class Recipe:
    """How one reader's training glyphs are made."""

    path: Path
    pen_styles: dict[int, list[list[list[tuple[float, float]]]]]
    pen_variants: int  # distortions of each digit drawn in pen_styles
    letters: str  # drawn as REJECT examples
    elastic: bool  # bend half the glyphs (distorted)


RECIPES = {
    "plain": Recipe(MODEL_PATHS[0], PEN_DIGITS, PEN_VARIANTS, REJECT_LETTERS, elastic=False),
    "bent": Recipe(MODEL_PATHS[1], {digit: styles + MORE_PEN_DIGITS.get(digit, []) for digit, styles in PEN_DIGITS.items()},
                   3000, REJECT_LETTERS, elastic=True),
}
PLAIN = RECIPES["plain"]


def pen_digit(digit: int, rng: np.random.Generator, styles: dict = PEN_DIGITS) -> np.ndarray:
    """One of `digit`'s `styles` drawn with jittered points and a random pen width."""
    strokes = styles[digit][rng.integers(len(styles[digit]))]
    size = 96
    canvas = np.zeros((size * 2, size * 2), np.uint8)
    for stroke in strokes:
        points = np.array(stroke) + rng.normal(0, 0.03, (len(stroke), 2))
        curve = (_catmull_rom(points) * size + size / 2).astype(np.int32)
        cv2.polylines(canvas, [curve], False, 1, int(rng.integers(4, 14)), cv2.LINE_AA)
    return _cropped(canvas > 0)


def _catmull_rom(points: np.ndarray, steps: int = 12) -> np.ndarray:
    """A smooth curve through `points` (a Catmull-Rom spline, its ends repeated)."""
    padded = np.vstack([points[:1], points, points[-1:]])
    curve = [points[:1]]
    t = np.linspace(0, 1, steps + 1)[1:, None]
    for p0, p1, p2, p3 in zip(padded, padded[1:], padded[2:], padded[3:], strict=False):
        curve.append(0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                            + (3 * p1 - p0 - 3 * p2 + p3) * t**3))
    return np.vstack(curve)


def sklearn_digits() -> tuple[list[np.ndarray], np.ndarray]:
    """scikit-learn's bundled handwritten digits as ink masks: 8x8 grey, upscaled and thresholded."""
    bundled = load_digits()
    masks = [cv2.resize(image.astype(np.float32) / 16, (32, 32), interpolation=cv2.INTER_CUBIC) > 0.45
             for image in bundled.images]
    return masks, bundled.target


def opencv_digits() -> tuple[list[np.ndarray], np.ndarray]:
    """The sheet's digits as ink masks, in its order (by digit, then writer), empty cells left out."""
    if not OPENCV_DIGITS.exists():
        raise SystemExit(f"build_digits: {OPENCV_DIGITS} is missing; install it: apt-get install opencv-doc (make digit-data)")
    sheet = cv2.imread(str(OPENCV_DIGITS), cv2.IMREAD_GRAYSCALE)
    rows, cols = sheet.shape[0] // OPENCV_CELL, sheet.shape[1] // OPENCV_CELL
    per_digit = rows * cols // 10
    masks, labels = [], []
    for index in range(rows * cols):
        row, col = divmod(index, cols)
        cell = sheet[row * OPENCV_CELL : (row + 1) * OPENCV_CELL, col * OPENCV_CELL : (col + 1) * OPENCV_CELL]
        ink = cv2.resize(cell.astype(np.float32) / 255, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC) > 0.45
        if ink.any():
            masks.append(_cropped(ink))
            labels.append(index // per_digit)
    return masks, np.array(labels)


def _opencv_split(labels: np.ndarray) -> np.ndarray:
    """Whether each sheet digit is held out: the last OPENCV_HELD_OUT of its digit's cells."""
    rank = np.array([np.sum(labels[:index] == label) for index, label in enumerate(labels)])
    counts = np.bincount(labels, minlength=10)
    return rank >= (1 - OPENCV_HELD_OUT) * counts[labels]


def digit_samples(fonts: list[Path], variants: int, rng: np.random.Generator,
                  recipe: Recipe = PLAIN) -> Iterator[tuple[np.ndarray, int]]:
    for font in fonts:
        for digit in range(10):
            base = rendered(str(digit), font, 96)
            for _ in range(variants):
                yield distorted(base, rng, recipe.elastic), digit


def pen_samples(recipe: Recipe, rng: np.random.Generator) -> Iterator[tuple[np.ndarray, int]]:
    for digit in range(10):
        for _ in range(recipe.pen_variants * PEN_WEIGHT.get(digit, 1)):
            yield distorted(pen_digit(digit, rng, recipe.pen_styles), rng, recipe.elastic), digit


def reject_samples(fonts: list[Path], count: int, rng: np.random.Generator,
                   recipe: Recipe = PLAIN) -> Iterator[np.ndarray]:
    """`count` glyphs that are no single digit, of every kind a blank may hold."""
    printed = [font_path(font) for font in PRINTED_FONTS]
    letters = recipe.letters
    makers = (
        lambda: rendered(letters[rng.integers(len(letters))], _any(printed + fonts, rng), 96),
        lambda: rendered(letters[rng.integers(len(letters))], _any(fonts, rng), 96),
        lambda: _pair(fonts, rng, recipe.pen_styles),
        lambda: _arc(rng),
        lambda: _stroke(rng),
        lambda: _blob(rng),
    )
    for index in range(count):
        yield distorted(makers[index % len(makers)](), rng, recipe.elastic)


def _any(fonts: list[Path], rng: np.random.Generator) -> Path:
    return fonts[rng.integers(len(fonts))]


def _pair(fonts: list[Path], rng: np.random.Generator, styles: dict) -> np.ndarray:
    """Two digits written close enough to touch: the segmenter must split them, not read one."""
    first, second = (rendered(str(rng.integers(10)), _any(fonts, rng), 96) if rng.random() < 0.5
                     else pen_digit(int(rng.integers(10)), rng, styles) for _ in range(2))
    height = max(first.shape[0], second.shape[0])
    overlap = int(rng.integers(0, max(1, min(first.shape[1], second.shape[1]) // 3)))
    canvas = np.zeros((height, first.shape[1] + second.shape[1] - overlap), bool)
    canvas[height - first.shape[0] :, : first.shape[1]] |= first
    canvas[height - second.shape[0] :, first.shape[1] - overlap :] |= second
    return canvas


def _arc(rng: np.random.Generator) -> np.ndarray:
    """A stretch of a seal's ring, or of a signature's curve, across the line: its top or bottom.
    Its sides, upright like a `(`, are what a `1` written with a curved lead-in looks like: with
    them among the rejects, such a `1` of a real scan went to REJECT at 1.00."""
    size = 200
    canvas = np.zeros((size, size), np.uint8)
    sweep = rng.uniform(60, 160)
    start = 90 + 180 * int(rng.integers(2)) + rng.uniform(-30, 30) - sweep / 2
    cv2.ellipse(canvas, (size // 2, size // 2), (int(rng.integers(40, 95)), int(rng.integers(40, 95))),
                0, start, start + sweep, 1, int(rng.integers(3, 14)))
    return _cropped(canvas > 0)


def _stroke(rng: np.random.Generator) -> np.ndarray:
    """A straight stroke, but none near the vertical (a `1`): a dash, a rule, an underscore, a
    slant. Steeper than 35 degrees, a stroke is a short `1` as a hurried hand writes it."""
    angle = np.radians(rng.uniform(-35, 35))
    length = rng.uniform(30, 120)
    canvas = np.zeros((160, 160), np.uint8)
    dx, dy = length * np.cos(angle) / 2, length * np.sin(angle) / 2
    cv2.line(canvas, (int(80 - dx), int(80 - dy)), (int(80 + dx), int(80 + dy)), 1, int(rng.integers(2, 10)))
    return _cropped(canvas > 0)


def _blob(rng: np.random.Generator) -> np.ndarray:
    """A filled speck or smudge, round enough not to be a stroke (a `1`)."""
    canvas = np.zeros((120, 120), np.uint8)
    width = int(rng.integers(4, 40))
    cv2.ellipse(canvas, (60, 60), (width, int(width * rng.uniform(0.5, 2))), rng.uniform(0, 180), 0, 360, 1, -1)
    return _cropped(canvas > 0)


def featurised(glyphs: Iterator[tuple[np.ndarray, int]]) -> Samples:
    features, labels = [], []
    for ink, label in glyphs:
        if ink.any():  # a letter a font lacks draws nothing
            features.append(glyph_features(ink))
            labels.append(label)
    return Samples(np.array(features, np.float32), np.array(labels))


def training_set(recipe: Recipe, rng: np.random.Generator) -> Samples:
    fonts = [font_path(f) for files in DIGIT_FONTS.values() for f in files if f not in HELD_OUT_FONTS]
    masks, targets = sklearn_digits()
    trained = int(len(masks) * (1 - SKLEARN_HELD_OUT))
    bundled = ((distorted(masks[i], rng, recipe.elastic), int(targets[i]))
               for i in range(trained) for _ in range(SKLEARN_VARIANTS))
    sheet, sheet_labels = opencv_digits()
    sheet_trained = np.flatnonzero(~_opencv_split(sheet_labels))
    written = ((distorted(sheet[i], rng, recipe.elastic), int(sheet_labels[i]))
               for i in sheet_trained for _ in range(OPENCV_VARIANTS))
    rejects = ((ink, REJECT) for ink in reject_samples(fonts, REJECT_COUNT, rng, recipe))
    digits = featurised(digit_samples(fonts, DIGIT_VARIANTS, rng, recipe))
    others = featurised(item for source in (pen_samples(recipe, rng), bundled, written, rejects) for item in source)
    return Samples(np.concatenate([digits.features, others.features]), np.concatenate([digits.labels, others.labels]))


def held_out_sets(rng: np.random.Generator) -> dict[str, Samples]:
    """Glyphs never trained on: the held-out fonts, distorted alike; the held-out part of
    load_digits, as scanned; rejects drawn from the held-out fonts, letters shaped like a digit too."""
    fonts = [font_path(f) for f in HELD_OUT_FONTS]
    masks, targets = sklearn_digits()
    first = int(len(masks) * (1 - SKLEARN_HELD_OUT))
    sheet, sheet_labels = opencv_digits()
    return {
        "held-out fonts": featurised(digit_samples(fonts, 40, rng)),
        "held-out load_digits": featurised((masks[i], int(targets[i])) for i in range(first, len(masks))),
        "held-out opencv sheet": featurised((sheet[i], int(sheet_labels[i]))
                                            for i in np.flatnonzero(_opencv_split(sheet_labels))),
        "held-out rejects": featurised((ink, REJECT) for ink in reject_samples(fonts, 2000, rng, replace(PLAIN, letters=LETTERS))),
    }


def train(samples: Samples) -> DigitModel:
    """MEMBERS perceptrons from different seeds: averaged, they are less often sure of a wrong
    digit than one (held-out fonts at 0.9: 1.0 % of the digits read wrong against 2.3 %)."""
    mean = samples.features.mean(axis=0)
    scale = samples.features.std(axis=0) + 1e-3
    members = []
    for member in range(MEMBERS):
        network = MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=1e-4, batch_size=256, learning_rate_init=1e-3,
                                max_iter=EPOCHS, early_stopping=False, random_state=SEED + 10 * member, tol=0.0,
                                n_iter_no_change=EPOCHS)
        with threadpool_limits(1), warnings.catch_warnings():  # one BLAS thread: the same sums, the same weights
            warnings.simplefilter("ignore", ConvergenceWarning)  # a fixed number of epochs, by design
            network.fit((samples.features - mean) / scale, samples.labels)
        members.append(network)
    return DigitModel(mean, scale, *(np.stack([getattr(n, part)[layer] for n in members])
                                     for part, layer in (("coefs_", 0), ("intercepts_", 0),
                                                         ("coefs_", 1), ("intercepts_", 1))))


def report(readers: tuple[DigitModel, ...], sets: dict[str, Samples]) -> None:
    """Per held-out set: accuracy, and per threshold the share of glyphs left unread and the
    share of those read that are wrong (for rejects: read as a digit at all). With several
    readers, a glyph is read as pipeline.handwriting reads it: where they agree (agreed_digits)."""
    print("set                    n  top-1  " + "  ".join(f"@{t:<4} unread/wrong" for t in THRESHOLDS))
    for name, samples in sets.items():
        probabilities = [reader.probabilities(samples.features) for reader in readers]
        if len(readers) == 1:
            best, sure = probabilities[0].argmax(axis=1), probabilities[0].max(axis=1)
        else:
            best, sure = agreed_digits(probabilities)
        cells = []
        for threshold in THRESHOLDS:
            read = (sure >= threshold) & (best != REJECT)
            wrong = read & (best != samples.labels)
            cells.append(f"{1 - read.mean():6.1%}/{wrong.sum() / max(1, read.sum()):6.2%}")
        print(f"{name:20} {len(best):5} {np.mean(best == samples.labels):6.1%}  " + "  ".join(cells))


def report_cuts(rng: np.random.Generator, pairs: int = 1000) -> None:
    """How pipeline.handwriting reads held-out sheet digits as the shipped readers do, cutting
    wide glyphs: each digit alone (cut in two: a number invented), and two put touching."""
    masks, labels = opencv_digits()
    held = np.flatnonzero(_opencv_split(labels))
    singles = [(_at_height(masks[i]), str(labels[i])) for i in held]
    touching = []
    for first, second in rng.choice(held, (pairs, 2)):
        left, right = _at_height(masks[first]), _at_height(masks[second])
        overlap = int(rng.integers(0, max(1, min(left.shape[1], right.shape[1]) // 4)))
        canvas = np.zeros((left.shape[0], left.shape[1] + right.shape[1] - overlap), bool)
        canvas[:, : left.shape[1]] |= left
        canvas[:, left.shape[1] - overlap :] |= right
        if cv2.connectedComponents(canvas.astype(np.uint8))[0] == 2:  # background and one glyph
            touching.append((canvas, f"{labels[first]}{labels[second]}"))
    for name, glyphs in (("single digits", singles), ("touching pairs", touching)):
        tally = dict.fromkeys(("right", "wrong", "cut wrongly", "unread"), 0)
        for mask, expected in glyphs:
            read = handwriting._read_glyph(Glyph(mask, 0, 0))
            text = "".join(str(digit) for _, digit, _ in read)
            verdict = ("unread" if min(p for *_, p in read) < handwriting.SURE else "right" if text == expected
                       else "cut wrongly" if len(text) != len(expected) else "wrong")
            tally[verdict] += 1
        print(f"held-out sheet, {name} ({len(glyphs)}): " + ", ".join(f"{k} {v}" for k, v in tally.items()))


def _at_height(mask: np.ndarray, height: int = 50) -> np.ndarray:
    """`mask` scaled to `height` pixels, about a handwritten digit's on a 300 dpi page."""
    width = max(1, round(mask.shape[1] * height / mask.shape[0]))
    return cv2.resize(mask.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR) > 0.5


def build(name: str, recipe: Recipe, out: Path) -> None:
    started = time.monotonic()
    samples = training_set(recipe, np.random.default_rng(SEED))
    print(f"{name}: {len(samples.labels)} training glyphs ({np.sum(samples.labels == REJECT)} rejects) "
          f"in {time.monotonic() - started:.0f} s")
    out.parent.mkdir(parents=True, exist_ok=True)
    train(samples).save(out)
    print(f"{name}: wrote {out} ({out.stat().st_size // 1024} kB) in {time.monotonic() - started:.0f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", choices=sorted(RECIPES), action="append",
                        help="build only this reader (repeatable; default: all)")
    parser.add_argument("--dir", type=Path, help="write the readers here instead of pipeline/data")
    args = parser.parse_args(argv)
    paths = {name: (args.dir / recipe.path.name if args.dir else recipe.path) for name, recipe in RECIPES.items()}
    for name in args.reader or sorted(RECIPES, key=list(RECIPES).index):
        build(name, RECIPES[name], paths[name])
    sets = held_out_sets(np.random.default_rng(SEED + 1))
    readers = {name: DigitModel.load(path) for name, path in paths.items() if path.exists()}
    for name, reader in readers.items():
        print(f"reader {name}, held out:")
        report((reader,), sets)
    if len(readers) > 1:
        print(f"readers {' + '.join(readers)} agreeing (as pipeline.handwriting reads; SURE = {SURE}), held out:")
        report(tuple(readers.values()), sets)
    if not args.dir:  # pipeline.handwriting reads with the readers at MODEL_PATHS only
        report_cuts(np.random.default_rng(SEED + 2))


if __name__ == "__main__":
    main()
