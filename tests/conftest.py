"""Shared test fixtures: real Vietnamese pages rendered with a font that has the glyphs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
A4_INCHES = (8.27, 11.69)

REPORT_LINES = (
    "UBND TỈNH QUẢNG NGÃI",
    "Số: 937/BC-VP",
    "Quảng Ngãi, ngày 05 tháng 6 năm 2023",
    "BÁO CÁO",
    "Kết quả thực hiện công tác cải cách thủ tục hành chính",
    "Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ, đạt 99,8%.",
)


def render_page(lines=REPORT_LINES, dpi: int = 300, point_size: float = 14) -> Image.Image:
    """An A4 greyscale page with `lines` typeset at `point_size`, as a scanner at `dpi` sees it."""
    width, height = (round(side * dpi) for side in A4_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(point_size * dpi / 72))
    line_height = round(point_size * dpi / 72 * 1.6)
    for i, line in enumerate(lines):
        draw.text((dpi, dpi + i * line_height), line, font=font, fill=0)
    return page


def page_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.uint8)


def write_scanned_pdf(path: Path, pages: int = 1, lines=REPORT_LINES, dpi: int = 300) -> Path:
    images = [render_page(lines, dpi) for _ in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    return write_scanned_pdf(tmp_path / "report.pdf", pages=2)
