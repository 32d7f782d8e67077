"""Accuracy on real scanned documents: header fields against hand-made gold, and text CER on the
pages with exact text, ours beside raw Tesseract on the same files in the same run.

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

from evaluation.metrics import NO_ERRORS, ErrorCount, character_errors, normalise
from evaluation.paths import DATA, shared_dir
from pipeline._exec import tesseract
from pipeline.config import Config
from pipeline.errors import DocumentError
from pipeline.inputs import page_images, source_file
from pipeline.orchestrator import process_document

# Header fields scored exactly (NFC, whitespace collapsed); the handwritten ones are also reported apart.
FIELDS = ("doc_type", "agency", "parent_agency", "number", "symbol", "place", "issue_date", "title", "signer")
HANDWRITTEN = {"number": "number_handwritten", "issue_date": "date_parts_handwritten"}
# The exact-text pages are also scored brought down to this resolution: downscaled real pages, read
# as 300 DPI and not upscaled, came out three times worse than raw Tesseract (issue 13).
DOWNSCALED_DPI = 75


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


def header_scores(directory: Path, config: Config) -> dict:
    gold = json.loads((directory / "header_gold.json").read_text(encoding="utf-8"))["documents"]
    documents = {}
    for key, expected in sorted(gold.items()):
        path = directory / "scans" / key
        if not path.exists():
            continue
        try:
            header = process_document(source_file(path), config).extraction.header
            found = {field: getattr(header, field) for field in FIELDS}
        except DocumentError as error:
            found = {field: None for field in FIELDS} | {"error": str(error)}
        documents[key] = {
            field: {"expected": expected.get(field), "found": found[field],
                    "right": _same(expected.get(field), found[field]),
                    "handwritten": bool(expected.get(HANDWRITTEN.get(field, ""), False))}
            for field in FIELDS
        }
    return {"documents": documents, "totals": _totals(documents)}


def _same(expected: str | None, found: str | None) -> bool:
    if expected is None or found is None:
        return expected is found
    return normalise(expected) == normalise(found)


def _totals(documents: dict) -> dict:
    scores = [score for fields in documents.values() for score in fields.values()]
    printed = [score for score in scores if not score["handwritten"]]
    by_field = {field: sum(d[field]["right"] for d in documents.values()) for field in FIELDS}
    return {"documents": len(documents), "fields": len(scores), "right": sum(s["right"] for s in scores),
            "printed_fields": len(printed), "printed_right": sum(s["right"] for s in printed), "by_field": by_field}


def text_scores(directory: Path, config: Config, downscale_dpi: int | None = None) -> dict:
    """CER of our restored text and of raw `tesseract -l vie` on each page with exact text; with
    `downscale_dpi`, on the page brought down to that resolution and saved as a JPEG without a
    resolution tag, as web images and photos of documents come (the 300 DPI page is the truth)."""
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
            pages[entry["file"]] = _page_scores(image, reference, config)
    return pages


def _downscaled(image: Path, dpi: int, folder: Path) -> Path:
    """`image` (300 DPI) at `dpi`, as a JPEG (quality 85) without a resolution tag, in `folder`."""
    page = cv2.imread(str(image))
    small = cv2.resize(page, None, fx=dpi / 300, fy=dpi / 300, interpolation=cv2.INTER_AREA)
    path = folder / f"{image.stem}-{dpi}dpi.jpg"
    cv2.imwrite(str(path), small, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path


def _page_scores(image: Path, reference: str, config: Config) -> dict:
    """Ours and raw Tesseract's CER on one page; raw Tesseract is given the resolution the file
    declares (300 without a tag), as `tesseract IMAGE` assumes."""
    source = source_file(image)
    ours = process_document(source, config).text
    page = next(page_images(source, config))
    raw = tesseract.read_text(page.image, config.ocr.language, tesseract.AUTOMATIC_SEGMENTATION, page.dpi)
    return {"ours": _rate(character_errors(reference, ours)), "raw": _rate(character_errors(reference, raw))}


def _rate(count: ErrorCount) -> dict:
    return {"errors": count.errors, "total": count.total, "cer": round(count.rate, 4)}


def report(result: dict) -> str:
    totals = result["headers"]["totals"]
    lines = [f"Header fields right: {totals['right']} of {totals['fields']} "
             f"({totals['right'] / max(1, totals['fields']):.1%}) on {totals['documents']} documents; "
             f"printed fields only: {totals['printed_right']} of {totals['printed_fields']} "
             f"({totals['printed_right'] / max(1, totals['printed_fields']):.1%})",
             "  " + ", ".join(f"{field} {right}/{totals['documents']}" for field, right in totals["by_field"].items()),
             "", "Text CER on pages with exact text (ours, restored | raw tesseract -l vie):"]
    lines += _text_table(result["text"])
    lines += ["", f"The same pages at {DOWNSCALED_DPI} DPI, JPEG without a resolution tag (ours | raw):"]
    lines += _text_table(result["text_downscaled"])
    return "\n".join(lines)


def _text_table(pages: dict) -> list[str]:
    lines = []
    total = {"ours": NO_ERRORS, "raw": NO_ERRORS}
    for name, scores in pages.items():
        lines.append(f"  {name:28s} {scores['ours']['cer']:7.2%} | {scores['raw']['cer']:7.2%}")
        for system in total:
            total[system] += ErrorCount(scores[system]["errors"], scores[system]["total"])
    lines.append(f"  {'all pages':28s} {total['ours'].rate:7.2%} | {total['raw'].rate:7.2%}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=Path, help="a folder laid out as real-scans/ (default: see above)")
    parser.add_argument("--json", type=Path, help="write the full result here")
    args = parser.parse_args(argv)
    directory, which = real_scans_dir(args.scans)
    print(which, file=sys.stderr)
    config = Config()
    result = {"which": which, "headers": header_scores(directory, config), "text": text_scores(directory, config),
              "text_downscaled": text_scores(directory, config, DOWNSCALED_DPI)}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report(result))


if __name__ == "__main__":
    main()
