"""Accuracy on real scanned documents: header fields against hand-made gold, and text CER/WER on the
pages with exact text, ours beside raw Tesseract and OCRmyPDF on the same files in the same run.

The baselines' header fields are our extractor's on their text of the first and the last page (where
the signature is), so that the columns compare OCR front ends; see `evaluation.baselines`.

    .venv/bin/python -m evaluation.real [--scans DIR] [--json FILE]

DIR is a folder laid out as `real-scans/` (`header_gold.json`, `scans/`, `text/`). Default: the full
set in `../shared/real-scans` (or `$SOHOA_SHARED/real-scans`) when it is there, else the subset
bundled in `data/real-scans`, which the command says.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import cv2

from diacritics.syllable import normalise_tones
from domain.records import PageText
from evaluation.baselines import BaselineUnavailable, ocrmypdf_options, ocrmypdf_pages, raw_tesseract
from evaluation.metrics import character_errors, normalise, word_errors
from evaluation.paths import DATA, shared_dir
from evaluation.report import real_markdown
from patterns.document import extract_document
from pipeline.config import Config
from pipeline.errors import DocumentError
from pipeline.inputs import count_pages, page_images, source_file
from pipeline.orchestrator import process_document

# Header fields scored exactly (NFC, whitespace collapsed); the handwritten ones are also reported apart.
FIELDS = ("doc_type", "agency", "parent_agency", "number", "symbol", "place", "issue_date", "title", "signer")
HANDWRITTEN = {"number": "number_handwritten", "issue_date": "date_parts_handwritten"}
# The exact-text pages are also scored brought down to this resolution: downscaled real pages, read
# as 300 DPI and not upscaled, came out three times worse than raw Tesseract (issue 13).
DOWNSCALED_DPI = 75
BASELINES = ("raw", "ocrmypdf")  # raw `tesseract -l vie`; OCRmyPDF


def real_scans_dir(requested: Path | None) -> tuple[Path, str]:
    """The folder to score and a sentence saying which one it is."""
    if requested is not None:
        return requested, f"scoring {requested}"
    shared = shared_dir()
    if shared is not None and (shared / "real-scans").is_dir():
        return shared / "real-scans", "scoring the full set in ../shared/real-scans"
    return DATA / "real-scans", (
        "the full real-scan set (../shared/real-scans) is absent: scoring the subset bundled in "
        "data/real-scans; pass --scans DIR (or set SOHOA_SHARED) for the full set"
    )


def header_scores(directory: Path, config: Config, baselines: bool = True) -> dict:
    gold = json.loads((directory / "header_gold.json").read_text(encoding="utf-8"))["documents"]
    documents: dict[str, dict] = {}
    found_by: dict[str, dict[str, dict]] = {system: {} for system in BASELINES if baselines}
    for key, expected in sorted(gold.items()):
        path = directory / "scans" / key
        if not path.exists():
            continue
        documents[key] = _scored(expected, _our_fields(path, config))
        for system in found_by:
            found_by[system][key] = _scored(expected, _baseline_fields(system, path, config))
    return {"documents": documents, "totals": _totals(documents),
            "baselines": {system: _totals(scored) for system, scored in found_by.items()}}


def _our_fields(path: Path, config: Config) -> dict:
    try:
        header = process_document(source_file(path), config).extraction.header
    except DocumentError as error:
        return {field: None for field in FIELDS} | {"error": str(error)}
    return {field: getattr(header, field) for field in FIELDS}


def _baseline_fields(system: str, path: Path, config: Config) -> dict:
    """Our extractor's header fields on a baseline's text of the first and the last page."""
    source = source_file(path)
    numbers = sorted({1, count_pages(source, config)})
    try:
        if system == "raw":
            texts = [raw_tesseract(page, config) for page in page_images(source, config, numbers=numbers)]
        else:
            dpi = next(page_images(source, config, numbers=[1])).dpi if source.kind == "image" else None
            pages = ocrmypdf_pages(path, image_dpi=dpi, pages=numbers)
            texts = [pages[number - 1] for number in numbers]
    except BaselineUnavailable as reason:
        return {field: None for field in FIELDS} | {"error": str(reason)}
    header = extract_document([PageText(n, text) for n, text in zip(numbers, texts)]).header
    return {field: getattr(header, field) for field in FIELDS}


def _scored(expected: dict, found: dict) -> dict:
    scored: dict = {
        field: {"expected": expected.get(field), "found": found[field], "right": _same(expected.get(field), found[field]),
                "handwritten": bool(expected.get(HANDWRITTEN.get(field, ""), False))}
        for field in FIELDS
    }
    return scored | ({"error": found["error"]} if "error" in found else {})


def _same(expected: str | None, found: str | None) -> bool:
    """Equal as text, tone placement aside: the gold keeps printed variants (old-style `UỶ`,
    `xoá`) and asks that placement be compared as a convention, not as an error."""
    if expected is None or found is None:
        return expected is found
    return _tones_in_place(expected) == _tones_in_place(found)


def _tones_in_place(text: str) -> str:
    return " ".join(normalise_tones(word) for word in normalise(text).split())


def _totals(documents: dict) -> dict:
    scores = [fields[field] for fields in documents.values() for field in FIELDS]
    printed = [score for score in scores if not score["handwritten"]]
    by_field = {field: sum(d[field]["right"] for d in documents.values()) for field in FIELDS}
    return {"documents": len(documents), "failed": sorted(key for key, fields in documents.items() if "error" in fields),
            "fields": len(scores), "right": sum(s["right"] for s in scores),
            "printed_fields": len(printed), "printed_right": sum(s["right"] for s in printed), "by_field": by_field}


def text_scores(directory: Path, config: Config, downscale_dpi: int | None = None, baselines: bool = True) -> dict:
    """CER and WER of our restored text, of raw `tesseract -l vie` and of OCRmyPDF on each page with
    exact text; with `downscale_dpi`, on the page brought down to that resolution and saved as a
    JPEG without a resolution tag, as web images and photos of documents come (the 300 DPI page is
    the truth)."""
    manifest = json.loads((directory / "text" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    pages = {}
    with tempfile.TemporaryDirectory(prefix="sohoa-real-") as scratch:
        for entry in manifest:
            image = directory / "text" / entry["file"]
            if not image.exists():
                continue
            if downscale_dpi is not None:
                image = _downscaled(image, downscale_dpi, Path(scratch))
            reference = (directory / "text" / entry["gt"]).read_text(encoding="utf-8")
            pages[entry["file"]] = {system: _rate(reference, text)
                                    for system, text in _page_texts(image, config, baselines).items()}
    return pages


def _downscaled(image: Path, dpi: int, folder: Path) -> Path:
    """`image` (300 DPI) at `dpi`, as a JPEG (quality 85) without a resolution tag, in `folder`."""
    page = cv2.imread(str(image))
    small = cv2.resize(page, None, fx=dpi / 300, fy=dpi / 300, interpolation=cv2.INTER_AREA)
    path = folder / f"{image.stem}-{dpi}dpi.jpg"
    cv2.imwrite(str(path), small, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path


def _page_texts(image: Path, config: Config, baselines: bool) -> dict[str, str | None]:
    """Each system's text of one page; the baselines are given the resolution the file declares
    (300 without a tag), as `tesseract IMAGE` assumes; None where a baseline cannot run."""
    source = source_file(image)
    texts: dict[str, str | None] = {"ours": process_document(source, config).text}
    if baselines:
        page = next(page_images(source, config))
        texts["raw"] = raw_tesseract(page, config)
        try:
            texts["ocrmypdf"] = ocrmypdf_pages(image, image_dpi=page.dpi)[0]
        except BaselineUnavailable:
            texts["ocrmypdf"] = None
    return texts


def _rate(reference: str, text: str | None) -> dict | None:
    if text is None:
        return None
    characters, words = character_errors(reference, text), word_errors(reference, text)
    return {"errors": characters.errors, "total": characters.total, "cer": round(characters.rate, 4),
            "word_errors": words.errors, "words": words.total, "wer": round(words.rate, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=Path, help="a folder laid out as real-scans/ (default: see above)")
    parser.add_argument("--json", type=Path, help="write the full result here")
    parser.add_argument("--no-baselines", action="store_true", help="ours only: no raw Tesseract, no OCRmyPDF (faster)")
    args = parser.parse_args(argv)
    baselines = not args.no_baselines
    directory, which = real_scans_dir(args.scans)
    print(which, file=sys.stderr)
    config = Config()
    result = {"which": which, "ocrmypdf": " ".join(["ocrmypdf -l vie", *ocrmypdf_options()]), "headers": header_scores(directory, config, baselines),
              "text": text_scores(directory, config, baselines=baselines),
              "text_downscaled": text_scores(directory, config, DOWNSCALED_DPI, baselines)}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(real_markdown(result, DOWNSCALED_DPI))


if __name__ == "__main__":
    main()
