"""Stage 2 — cleanup: turn a scanned page into the image Tesseract reads best."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.config import CleanupConfig
from pipeline.inputs import PageImage


# Bump when a change alters what this stage produces: cached results of older versions are redone.
VERSION = "1"


@dataclass(frozen=True)
class CleanPage:
    number: int
    image: np.ndarray  # uint8, 2-D, ready for OCR
    dpi: int  # after any rescaling
    skew_angle: float = 0.0  # degrees that were corrected
    rotation: int = 0  # 0/90/180/270 that was corrected
    steps: tuple[str, ...] = ()


def clean_page(page: PageImage, config: CleanupConfig) -> CleanPage:
    """Greyscale the page and bring it to the resolution Tesseract expects."""
    steps: list[str] = []
    image = page.image
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        steps.append("grey")
    dpi = page.dpi
    if dpi < config.target_dpi * 0.9:
        scale = config.target_dpi / dpi
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        dpi = config.target_dpi
        steps.append(f"upscale:{page.dpi}")
    return CleanPage(number=page.number, image=image, dpi=dpi, steps=tuple(steps))
