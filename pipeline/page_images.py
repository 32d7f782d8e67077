"""The page images the workspace shows beside each page's text: the cleaned page (what OCR read,
deskewed and binarised), downscaled to a width a screen shows whole, as PNG.

They are outputs, like the searchable PDF: made while the page is read, written to
`OUT/pages/<doc_id>-<page>.png`, never cached.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

WIDTH = 1000  # pixels: a page fits a laptop screen beside its text, and its words stay legible
FOLDER = "pages"  # in the output folder


def preview_png(image: np.ndarray) -> bytes:
    """`image` (a cleaned page) as PNG, at most WIDTH pixels wide."""
    height, width = image.shape[:2]
    if width > WIDTH:
        # INTER_AREA averages the pixels it drops: thin strokes stay visible where nearest-neighbour loses them.
        image = cv2.resize(image, (WIDTH, round(height * WIDTH / width)), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:
        raise ValueError("OpenCV could not encode the page as PNG")
    return encoded.tobytes()


def image_path(out_dir: Path, doc_id: str, page: int) -> Path:
    return out_dir / FOLDER / f"{doc_id}-{page}.png"
