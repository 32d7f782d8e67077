"""Drawing typeset pages as printed paper: black text, a blue-ink signature and a red seal, 300 DPI RGB."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw

from evaluation.layout import DPI, PAGE_HEIGHT, PAGE_WIDTH, Page, Rule, Seal, Signature, Style, Text, font

INK = (22, 22, 22)
SIGNATURE_INK = (25, 40, 120)
SEAL_INK = np.array([205, 32, 40], dtype=np.float32)
LINE_WIDTH = 3


def render_page(page: Page, rng: np.random.Generator) -> np.ndarray:
    """The page as an RGB uint8 array of PAGE_HEIGHT x PAGE_WIDTH; the seal is stamped last, over the ink."""
    image = Image.new("RGB", (PAGE_WIDTH, PAGE_HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    for mark in page.marks:
        if isinstance(mark, Text):
            _draw_text(draw, mark)
        elif isinstance(mark, Rule):
            draw.line((mark.x0, mark.y0, mark.x1, mark.y1), fill=INK, width=LINE_WIDTH)
        elif isinstance(mark, Signature):
            _draw_signature(draw, mark, rng)
    pixels = np.asarray(image).copy()
    for mark in page.marks:
        if isinstance(mark, Seal):
            pixels = _stamp(pixels, _seal_mask(mark, rng))
    return pixels


def _draw_text(draw: ImageDraw.ImageDraw, mark: Text) -> None:
    typeface = font(mark.style)
    words = mark.text.split(" ")
    if mark.justify_to is None or len(words) < 2:
        draw.text((mark.x, mark.y), mark.text, font=typeface, fill=INK)
        width = typeface.getlength(mark.text)
    else:
        gap = (mark.justify_to - sum(typeface.getlength(word) for word in words)) / (len(words) - 1)
        x = float(mark.x)
        for word in words:
            draw.text((round(x), mark.y), word, font=typeface, fill=INK)
            x += typeface.getlength(word) + gap
        width = mark.justify_to
    if mark.underline:
        y = mark.y + round(_pixels(mark.style) * 1.08)
        draw.line((mark.x, y, mark.x + width, y), fill=INK, width=LINE_WIDTH)


def _pixels(style: Style) -> float:
    return style.size_pt / 72 * DPI


def _draw_signature(draw: ImageDraw.ImageDraw, box: Signature, rng: np.random.Generator) -> None:
    """A few connected pen strokes: cubic Bézier curves looping through the box."""
    points = np.column_stack([
        box.x + rng.uniform(0, box.width, 6).cumsum() / 6 * 1.6,
        box.y + rng.uniform(0.2, 0.8, 6) * box.height,
    ])
    for start, c1, c2, end in zip(points[:-3], points[1:-2], points[2:-1], points[3:]):
        t = np.linspace(0, 1, 60)[:, None]
        curve = (1 - t) ** 3 * start + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t**2 * c2 + t**3 * end
        draw.line([tuple(p) for p in curve.round().astype(int)], fill=SIGNATURE_INK, width=5, joint="curve")


def _seal_mask(seal: Seal, rng: np.random.Generator) -> np.ndarray:
    """Ink coverage (0..1, float32, page-sized) of a round seal: rings, text around, star inside."""
    mask = Image.new("L", (PAGE_WIDTH, PAGE_HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    r, cx, cy = seal.radius, seal.cx, seal.cy
    for radius, width in ((r, 9), (r - 14, 3), (r - 78, 3)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=width)
    _ring_text(mask, seal)
    star = [
        (cx + (0.32 if i % 2 == 0 else 0.13) * r * math.sin(math.pi * i / 5),
         cy - (0.32 if i % 2 == 0 else 0.13) * r * math.cos(math.pi * i / 5))
        for i in range(10)
    ]
    draw.polygon(star, fill=255)
    coverage = np.asarray(mask, dtype=np.float32) / 255
    # Stamp ink is uneven: a blotchy field thins it in places.
    blotches = cv2.GaussianBlur(rng.random((PAGE_HEIGHT // 8, PAGE_WIDTH // 8), dtype=np.float32), (0, 0), 2)
    blotches = cv2.resize(blotches, (PAGE_WIDTH, PAGE_HEIGHT), interpolation=cv2.INTER_LINEAR)
    return coverage * np.clip(0.8 + (blotches - 0.5) * 4, 0.45, 1.0)


def _ring_text(mask: Image.Image, seal: Seal) -> None:
    """Capitals around the ring from its top, evenly spaced up to 300 degrees, each turned to face outwards."""
    style = Style(11, bold=True)
    typeface = font(style)
    radius = seal.radius - 46
    count = len(seal.ring_text)
    for i, char in enumerate(seal.ring_text):
        angle = (i + 0.5 - count / 2) * min(300 / count, 13)
        size = round(_pixels(style) * 1.6)
        glyph = Image.new("L", (size, size), 0)
        ImageDraw.Draw(glyph).text((size / 2, size / 2), char, font=typeface, fill=255, anchor="mm")
        turned = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC)
        x = seal.cx + radius * math.sin(math.radians(angle)) - size / 2
        y = seal.cy - radius * math.cos(math.radians(angle)) - size / 2
        mask.paste(255, (round(x), round(y)), turned)


def _stamp(pixels: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """Red ink over the page: like ink on paper it darkens, so black text stays black under it."""
    tint = 1 - coverage[..., None] * (1 - SEAL_INK / 255)
    return (pixels.astype(np.float32) * tint).round().astype(np.uint8)
