"""OCR accuracy and speed on the sample scans, side by side: our cleanup + OCR, raw Tesseract on the
unprocessed page, and OCRmyPDF (`--deskew --clean`; see `evaluation.baselines`).

    python -m evaluation.bench_ocr samples [--workers 2] [--no-ocrmypdf]

CER is `evaluation.metrics.character_errors` summed over a tier's pages (NFC, whitespace collapsed,
Levenshtein); the bag-of-words error rate beside it does not depend on reading order. Speed is
pages per minute of wall time with `--workers` processes, rasterising included: ours and raw
Tesseract spread pages over the processes as the orchestrator does, OCRmyPDF runs one document at
a time with `--jobs WORKERS`. Cleanup alone is timed on one core over the 300 DPI pages.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from evaluation.baselines import OCRMYPDF, BaselineUnavailable, ocrmypdf_pages, raw_tesseract
from evaluation.evaluate import LabelledScan, load_samples
from evaluation.metrics import NO_ERRORS, ErrorCount, bag_of_words_errors, character_errors
from pipeline.cleanup import clean_page
from pipeline.config import Config
from pipeline.inputs import PageImage, page_images, source_file
from pipeline.ocr import ocr_image

TIERS = ("clean", "office", "hard")


@dataclass(frozen=True)
class PageKey:
    sample: str
    number: int


@dataclass(frozen=True)
class MethodRun:
    """What one OCR method read from every page, and the wall time it took."""

    name: str
    texts: dict[PageKey, str]
    seconds: float
    unavailable: str | None = None  # why the method could not run at all

    @property
    def pages_per_minute(self) -> float:
        return 60 * len(self.texts) / self.seconds if self.seconds else 0.0


def ours(page: PageImage, config: Config) -> str:
    clean = clean_page(page, config.cleanup)
    return ocr_image(clean.image, clean.dpi, config.ocr, page.number).text


def read_page(reader: Callable[[PageImage, Config], str], scan: Path, number: int) -> str:
    config = Config()
    page = next(page_images(source_file(scan), config, numbers=[number]))
    return reader(page, config)


def run_pages(name: str, reader: Callable[[PageImage, Config], str], samples: list[LabelledScan], workers: int) -> MethodRun:
    keys = [PageKey(s.name, n) for s in samples for n in range(1, len(s.pages) + 1)]
    scans = {s.name: s.directory / s.truth["scan"] for s in samples}
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        texts = list(pool.map(read_page, [reader] * len(keys), [scans[k.sample] for k in keys], [k.number for k in keys]))
    return MethodRun(name, dict(zip(keys, texts)), time.monotonic() - started)


def run_ocrmypdf(samples: list[LabelledScan], workers: int) -> MethodRun:
    """OCRmyPDF on each sample file, one document at a time with `--jobs WORKERS`."""
    texts: dict[PageKey, str] = {}
    started = time.monotonic()
    try:
        for sample in samples:
            pages = ocrmypdf_pages(sample.directory / sample.truth["scan"], workers)
            texts.update({PageKey(sample.name, n): text for n, text in enumerate(pages[: len(sample.pages)], 1)})
    except BaselineUnavailable as reason:
        return MethodRun(OCRMYPDF, {}, 0.0, unavailable=str(reason))
    return MethodRun(OCRMYPDF, texts, time.monotonic() - started)


def cleanup_seconds_per_page(samples: list[LabelledScan]) -> float:
    """Mean time of `clean_page` alone on the 300 DPI pages, in this process (one core)."""
    config = Config()
    times = []
    for sample in samples:
        for page in page_images(source_file(sample.directory / sample.truth["scan"]), config):
            if page.dpi == 300:
                started = time.perf_counter()
                clean_page(page, config.cleanup)
                times.append(time.perf_counter() - started)
    return sum(times) / len(times) if times else float("nan")


def tier_errors(run: MethodRun, samples: list[LabelledScan], measure=character_errors) -> dict[str, ErrorCount]:
    errors: dict[str, ErrorCount] = defaultdict(lambda: NO_ERRORS)
    for sample in samples:
        for number, truth in enumerate(sample.pages, 1):
            errors[sample.tier] += measure(truth, run.texts.get(PageKey(sample.name, number), ""))
    return errors


def report(runs: list[MethodRun], samples: list[LabelledScan], cleanup_seconds: float) -> str:
    pages = {tier: sum(len(s.pages) for s in samples if s.tier == tier) for tier in TIERS}
    lines = ["| tier (pages) | " + " | ".join(f"{run.name} CER (bag-of-words)" for run in runs) + " |",
             "|---" * (len(runs) + 1) + "|"]
    scored = [(tier_errors(run, samples), tier_errors(run, samples, bag_of_words_errors)) for run in runs]
    for tier in (*TIERS, "all"):
        cells = []
        for run, (cer, bag) in zip(runs, scored):
            if run.unavailable:
                cells.append("unavailable")
                continue
            total_cer = sum(cer.values(), NO_ERRORS) if tier == "all" else cer[tier]
            total_bag = sum(bag.values(), NO_ERRORS) if tier == "all" else bag[tier]
            cells.append(f"{total_cer.rate:.2%} ({total_bag.rate:.2%})")
        count = sum(pages.values()) if tier == "all" else pages[tier]
        lines.append(f"| {tier} ({count}) | " + " | ".join(cells) + " |")
    lines.append("")
    ours_run = runs[0]
    for run in runs:
        if run.unavailable:
            lines.append(f"{run.name}: unavailable ({run.unavailable})")
            continue
        ratio = f", ours at {ours_run.pages_per_minute / run.pages_per_minute:.2f}x its speed" if run is not ours_run else ""
        lines.append(f"{run.name}: {run.pages_per_minute:.1f} pages/min ({len(run.texts)} pages in {run.seconds:.1f} s){ratio}")
    lines.append(f"cleanup alone: {cleanup_seconds:.3f} s per 300 DPI page (one core)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-ocrmypdf", action="store_true", help="skip the OCRmyPDF column (slow)")
    args = parser.parse_args()
    samples = load_samples(args.samples)
    runs = [run_pages("ours", ours, samples, args.workers), run_pages("raw Tesseract", raw_tesseract, samples, args.workers)]
    if not args.no_ocrmypdf:
        runs.append(run_ocrmypdf(samples, args.workers))
    print(report(runs, samples, cleanup_seconds_per_page(samples)))


if __name__ == "__main__":
    main()
