"""Stage 1 — inputs: find source files, identify them, and yield their pages one at a time.

A PDF is rasterised page by page (pdftoppm, pipeline._exec.pdftoppm), so a 200-page PDF never
sits in memory whole. Every page's size is checked before any pixel is made: an image's from its
file header, a PDF page's from its MediaBox, both at the resolution cleanup will bring them to
(`working_dpi`), so no page is decoded, rendered or upscaled past Config.max_page_pixels.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import math
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdf
from PIL import Image, UnidentifiedImageError

from domain.records import SourceFile
from pipeline._exec import pdftoppm
from pipeline.config import Config
from pipeline.errors import (
    CorruptInput,
    EmptyInput,
    EncryptedInput,
    InputTooLarge,
    TextEncodingError,
    UnreadableInput,
    UnsupportedInput,
)

KIND_BY_SUFFIX = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
}
GROUND_TRUTH_SUFFIX = ".gt.json"  # sidecars of the bundled samples, never an input
# Files a .txt name can hide, recognised by their first bytes so the message says what they are.
_NOT_TEXT = (
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\0", "TIFF"),
    (b"MM\0*", "TIFF"), (b"PK\x03\x04", "ZIP (or .docx/.xlsx)"), (b"\xd0\xcf\x11\xe0", "Word/Excel 97"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Windows Notepad's "Unicode"; its byte-order mark says so
PAGE_BREAK = "\f"  # legacy OCR text files separate pages with form feeds

# We enforce our own, lower limit before decoding (Config.max_page_pixels); PIL's bomb check
# would otherwise fire first with a less helpful message.
Image.MAX_IMAGE_PIXELS = None
# pypdf logs every repair it makes to a damaged file; we report failures ourselves, once.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    image: np.ndarray  # uint8, 2-D grey or 3-D BGR, as scanned
    dpi: int


def discover_inputs(paths: Iterable[Path]) -> list[Path]:
    """Every file under `paths` (recursively), sorted, without hidden files and ground truth."""
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for candidate in candidates:
            relative = candidate.relative_to(path) if path.is_dir() else Path(candidate.name)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if candidate.name.endswith(GROUND_TRUTH_SUFFIX) or candidate.is_dir():
                continue
            found.append(candidate)
    return found


def source_file(path: Path) -> SourceFile:
    """Identify a file by extension and content hash; refuse unsupported and empty files."""
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(KIND_BY_SUFFIX))
        raise UnsupportedInput(f"unsupported file type '{path.suffix or path.name}' (supported: {supported})")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the batch on open, a device never end
            raise UnsupportedInput("not a regular file (a pipe, socket or device)")
        if info.st_size == 0:
            raise EmptyInput("file is empty (0 bytes)")
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise UnreadableInput(_unreadable_reason(path, error)) from None
    return SourceFile(path=path, kind=kind, sha256=digest.hexdigest(), size_bytes=info.st_size)


def _unreadable_reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link that leads back to itself (a loop)"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"symbolic link to a file that does not exist ({os.readlink(path)})"
    return f"cannot be read ({error.strerror})"


def count_pages(source: SourceFile, config: Config) -> int:
    """Number of pages, read from the file's structure without rendering anything."""
    if source.kind == "pdf":
        count = len(_open_pdf(source.path).pages)
    elif source.kind == "image":
        with _open_image(source.path) as image:
            count = getattr(image, "n_frames", 1)
    elif source.size_bytes > config.max_text_bytes:
        raise InputTooLarge(f"{source.size_bytes:,} bytes of text exceeds the limit of {config.max_text_bytes:,} bytes "
                            "(Config.max_text_bytes); split the file at its form feeds")
    else:
        count = len(legacy_text_pages(source))
    if count > config.max_pages:
        raise InputTooLarge(f"{count} pages exceeds the limit of {config.max_pages} pages")
    if count == 0:
        raise EmptyInput("document has no pages")
    return count


def page_images(source: SourceFile, config: Config, numbers: Iterable[int] | None = None) -> Iterator[PageImage]:
    """Yield the pages of a PDF or image file one at a time (all pages, or only `numbers`)."""
    wanted = list(numbers) if numbers is not None else range(1, count_pages(source, config) + 1)
    for number in wanted:
        if source.kind == "pdf":
            yield _pdf_page(source.path, number, config)
        elif source.kind == "image":
            yield _image_page(source.path, number, config)
        else:
            raise ValueError(f"{source.path} is a text file and has no page images")


def legacy_text_pages(source: SourceFile) -> list[str]:
    """The pages of a legacy OCR text file (UTF-8, form-feed separated), trailing blanks dropped."""
    raw = source.path.read_bytes()
    for magic, kind in _NOT_TEXT:
        if raw.startswith(magic):
            raise UnsupportedInput(f"a {kind} file named .txt: rename it with the right extension")
    try:
        text = raw.decode("utf-16" if raw.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\0" in raw:
            raise TextEncodingError(
                "not UTF-8: it has NUL bytes, so it is UTF-16 without a byte-order mark or not text at all; "
                "save it as UTF-8 and ingest it again"
            ) from None
        raise TextEncodingError(
            f"not UTF-8 (invalid byte at offset {error.start}); probably a legacy 8-bit Vietnamese "
            "encoding (TCVN3, VNI or Windows-1258): convert the file to UTF-8 and ingest it again"
        ) from None
    pages = text.split(PAGE_BREAK)
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def _open_pdf(path: Path) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):  # "": a PDF with an owner password only opens
            raise EncryptedInput("PDF needs a password to open: decrypt it with qpdf --decrypt "
                                 "--password=PASSWORD IN.pdf OUT.pdf and ingest OUT.pdf")
        len(reader.pages)  # forces the page tree to be parsed, where most corruption shows
    except EncryptedInput:
        raise
    except Exception as error:  # pypdf raises many types for damaged files
        if "encrypt" in str(error).lower() or "decrypt" in str(error).lower():
            raise EncryptedInput(f"PDF is encrypted and cannot be opened ({error})") from None
        raise CorruptInput(f"PDF cannot be parsed ({type(error).__name__}: {error})") from None
    return reader


def _pdf_page(path: Path, number: int, config: Config) -> PageImage:
    box = _open_pdf(path).pages[number - 1].mediabox
    # abs: a flipped box ([6400 0 0 6400]) has a negative width, whose "area" passed any limit
    width_inches, height_inches = abs(float(box.width)) / 72, abs(float(box.height)) / 72
    dpi = working_dpi(width_inches, height_inches, config.pdf_dpi, config, number)
    rgb = pdftoppm.render(path, number, dpi, config.render_timeout_seconds, config.max_page_pixels)
    return PageImage(number=number, image=cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR, dst=rgb), dpi=dpi)


def _open_image(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError) as error:
        raise CorruptInput(f"image cannot be read ({error})") from None


def _image_page(path: Path, number: int, config: Config) -> PageImage:
    with _open_image(path) as image:
        try:
            image.seek(number - 1)
            dpi = _image_dpi(image)
            if image.width * image.height > config.max_page_pixels:
                raise InputTooLarge(f"page {number} is {image.width}x{image.height} pixels, over the limit of "
                                    f"{config.max_page_pixels:,} pixels; refusing to decode it")
            working_dpi(image.width / dpi, image.height / dpi, config.cleanup.target_dpi, config, number)
            image.load()
        except (OSError, EOFError, SyntaxError, ValueError) as error:
            raise CorruptInput(f"image page {number} cannot be decoded ({error})") from None
        return PageImage(number=number, image=_to_array(image), dpi=dpi)


def _image_dpi(image: Image.Image) -> int:
    """The resolution the image declares; 300 when it declares none or nonsense."""
    declared = image.info.get("dpi", (0, 0))[0]
    try:
        dpi = round(float(declared))
    except (TypeError, ValueError):
        dpi = 0
    return dpi if 50 <= dpi <= 1200 else 300


def working_dpi(width_inches: float, height_inches: float, wanted: int, config: Config, number: int) -> int:
    """The resolution a page of this size is rendered or upscaled to: `wanted`, or for a page too
    large to fit Config.max_page_pixels at it (a poster, a map, or an image declaring 50 DPI for
    8900 px, 178 inches, that upscaling to 300 DPI would make 2.9 Gpx), the highest that fits.

    Refuses the page when that is below Config.min_dpi, where its text would be too small to read."""
    area = width_inches * height_inches
    fitting = math.floor(math.sqrt(config.max_page_pixels / area)) if area > 0 else wanted
    if fitting < config.min_dpi:
        raise InputTooLarge(
            f"page {number} is {width_inches:.1f}x{height_inches:.1f} inches: within the limit of "
            f"{config.max_page_pixels:,} pixels it could be read at {fitting} DPI only, below the "
            f"{config.min_dpi} DPI its text needs"
        )
    return min(wanted, fitting)


def _to_array(image: Image.Image) -> np.ndarray:
    if image.mode in ("1", "L", "I;16", "I"):
        return np.asarray(image.convert("L"), dtype=np.uint8)
    return cv2.cvtColor(np.asarray(image.convert("RGB"), dtype=np.uint8), cv2.COLOR_RGB2BGR)
