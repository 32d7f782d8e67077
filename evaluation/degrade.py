"""Scanning printed pages badly on purpose: the three degradation tiers of the sample set.

`clean` is a straight 300 DPI scan; `office` a desk scanner (slight skew, blur, sensor noise, JPEG);
`hard` a poor photocopy scanned at low resolution: the back page shows through mirrored, toner is
thick in places and missing in others, the light falls off across the sheet, the lid leaves a dark
edge, dust leaves specks, and the whole is skewed by up to 4 degrees. Every random choice comes
from the generator passed in, so a seed fixes the pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from evaluation.layout import DPI


@dataclass(frozen=True)
class Tier:
    name: str
    dpis: tuple[int, ...]  # a document's scan resolution is drawn from these
    max_skew: float  # degrees, either way
    blur_sigma: float  # at 300 DPI, in pixels
    noise_sigma: float  # grey levels, at the scan resolution
    speckles_per_megapixel: float
    photocopy: float  # 0 (none) .. 1: bleed-through, toner loss and spread, uneven light, lid shadow
    bilevel: bool  # pages without a seal thresholded to black and white (stored losslessly)
    jpeg_quality: int  # for grey and colour pages


TIERS = {
    "clean": Tier("clean", dpis=(DPI,), max_skew=0.0, blur_sigma=0.0, noise_sigma=0.0, speckles_per_megapixel=0.0,
                  photocopy=0.0, bilevel=True, jpeg_quality=75),
    "office": Tier("office", dpis=(DPI,), max_skew=1.5, blur_sigma=0.7, noise_sigma=3.0, speckles_per_megapixel=0.0,
                   photocopy=0.0, bilevel=False, jpeg_quality=60),
    "hard": Tier("hard", dpis=(200, 200, 150), max_skew=4.0, blur_sigma=1.1, noise_sigma=12.0,
                 speckles_per_megapixel=150.0, photocopy=1.0, bilevel=False, jpeg_quality=50),
}


@dataclass(frozen=True)
class Scan:
    image: np.ndarray  # uint8: 2-D grey (or 0/255) without a seal, 3-D RGB with one
    dpi: int
    bilevel: bool

    def picture(self) -> Image.Image:
        """As a PIL image in the mode it is stored in: "1", "L" or "RGB"."""
        image = Image.fromarray(self.image)
        return image.convert("1", dither=Image.Dither.NONE) if self.bilevel else image


def scan(page: np.ndarray, back: np.ndarray | None, has_seal: bool, tier: Tier, dpi: int,
         rng: np.random.Generator) -> Scan:
    """Degrade a rendered 300 DPI RGB page as `tier` prescribes and resample it to `dpi`.

    `back` is the page printed on its reverse. Pages without the (red) seal come out grey, or
    bilevel when the tier says so.
    """
    image = page.astype(np.float32)
    if tier.photocopy:
        image = _photocopy(image, tier.photocopy, rng)
    if tier.photocopy and back is not None:
        # After the copier's contrast boost, which would otherwise make the ghost as dark as the text.
        image = _bleed_through(image, back, 0.12 * tier.photocopy, rng)
    image = _skew(image, rng.uniform(-tier.max_skew, tier.max_skew), paper=float(np.percentile(image, 90)))
    if tier.blur_sigma:
        image = cv2.GaussianBlur(image, (0, 0), tier.blur_sigma)
    if dpi != DPI:
        size = (round(image.shape[1] * dpi / DPI), round(image.shape[0] * dpi / DPI))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    image = image + rng.normal(0, tier.noise_sigma, image.shape[:2])[..., None].astype(np.float32)
    image = _speckle(image, tier.speckles_per_megapixel, rng)
    pixels = np.clip(image, 0, 255).round().astype(np.uint8)
    if has_seal:
        return Scan(pixels, dpi, bilevel=False)
    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    if not tier.bilevel:
        return Scan(grey, dpi, bilevel=False)
    return Scan(np.where(grey < 160, 0, 255).astype(np.uint8), dpi, bilevel=True)


def _smooth_field(shape: tuple[int, int], cells: int, rng: np.random.Generator) -> np.ndarray:
    """Values in 0..1 varying slowly across the page (about `cells` bumps along its width)."""
    coarse = rng.random((max(2, cells * shape[0] // shape[1]), cells)).astype(np.float32)
    field = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return np.clip(field, 0, 1)


def _bleed_through(image: np.ndarray, back: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """The reverse side seen through thin paper: mirrored, blurred, faint."""
    ghost = cv2.GaussianBlur(cv2.flip(back, 1).astype(np.float32), (0, 0), 3)
    shift = np.float32([[1, 0, rng.integers(-30, 30)], [0, 1, rng.integers(-30, 30)]])
    ghost = cv2.warpAffine(ghost, shift, (ghost.shape[1], ghost.shape[0]), borderValue=(255, 255, 255))
    return image * (1 - strength * (1 - ghost.mean(axis=2, keepdims=True) / 255))


def _photocopy(image: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """Toner spread and loss, grey paper, light falling off, and the lid's shadow along one edge."""
    ink = 1 - image / 255
    spread = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    ink = np.where(_smooth_field(ink.shape[:2], 6, rng)[..., None] > 0.55, spread, ink)
    faded = _smooth_field(ink.shape[:2], 9, rng)
    dropouts = rng.random(ink.shape[:2], dtype=np.float32) < 0.12
    loss = np.clip((faded - 0.45) * 1.6, 0, 0.8) + dropouts * 0.5
    ink = ink * (1 - strength * np.clip(loss, 0, 0.9))[..., None]
    ink = np.clip(ink * 1.25, 0, 1) ** 0.8  # copies render grey strokes darker
    light = 1 - strength * (0.08 + 0.22 * _smooth_field(ink.shape[:2], 2, rng))
    paper = 255 * light * rng.uniform(0.85, 0.93)
    copied = paper[..., None] * (1 - ink)
    return _lid_shadow(copied, strength, rng)


def _lid_shadow(image: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """A dark band fading inwards along one edge, where the copier lid did not close."""
    height, width = image.shape[:2]
    depth = int(rng.integers(60, 160))
    ramp = np.clip(np.arange(width, dtype=np.float32) / depth, 0, 1)
    shade = 1 - strength * 0.7 * (1 - ramp) ** 2
    shade = shade if rng.random() < 0.5 else shade[::-1]
    return image * shade[None, :, None]


def _skew(image: np.ndarray, angle: float, paper: float) -> np.ndarray:
    if not angle:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(paper, paper, paper))


def _speckle(image: np.ndarray, per_megapixel: float, rng: np.random.Generator) -> np.ndarray:
    """Dust and toner specks: small dark dots of 1-2 px radius."""
    height, width = image.shape[:2]
    count = int(per_megapixel * height * width / 1e6)
    for x, y, radius, grey in zip(rng.integers(0, width, count), rng.integers(0, height, count),
                                  rng.integers(1, 3, count), rng.uniform(10, 90, count)):
        cv2.circle(image, (int(x), int(y)), int(radius), (float(grey),) * 3, -1)
    return image
