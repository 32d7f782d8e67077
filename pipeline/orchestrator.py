"""The orchestrator: the one place that knows the order of the stages.

For one document:

    scan:   page_images → clean_page → ocr_image      (per page, in worker processes)
    text:   legacy_text_pages                          (legacy OCR text enters here)
    both:   restore_diacritics → extract_document      (per document)

`read_page` is the expensive, per-page unit of work and the boundary of the OCR cache;
`finish_document` turns the pages' readings into the document's result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from diacritics import restore_diacritics
from domain.records import DocumentResult, PageReading, PageResult, PageText, SourceFile
from patterns import extract_document
from pipeline.cleanup import clean_page
from pipeline.config import Config
from pipeline.errors import DocumentError, reported_as
from pipeline.inputs import count_pages, legacy_text_pages, page_images
from pipeline.ocr import ocr_image
from pipeline.page_images import preview_png
from pipeline.searchable_pdf import page_pdf


def read_page(source: SourceFile, number: int, config: Config) -> PageReading:
    """Render, clean and OCR one page of a scanned document, keeping a downscaled PNG of the cleaned
    page; with `config.searchable_pdf`, also render it as a one-page searchable PDF, its text layer
    the words OCR kept."""
    where = f"page {number}"
    with reported_as("input", where):
        page = next(page_images(source, config, numbers=[number]))
    with reported_as("cleanup", where):
        clean = clean_page(page, config.cleanup)
        image = preview_png(clean.image)
    del page  # the colour scan is the largest object alive; free it before OCR
    with reported_as("ocr", where):
        ocr = ocr_image(clean.image, clean.dpi, config.ocr, number=number)
    with reported_as("pdf", where):
        pdf = page_pdf(clean.image, clean.dpi, ocr.words, config.pdf_font) if config.searchable_pdf else None
    return PageReading(
        number=number,
        raw_text=ocr.text,
        words=ocr.words,
        mean_confidence=ocr.mean_confidence,
        low_confidence_share=ocr.low_confidence_share,
        skew_angle=clean.skew_angle,
        rotation=clean.rotation,
        cleanup_steps=clean.steps,
        pdf=pdf,
        image=image,
    )


def read_text_document(source: SourceFile) -> tuple[PageReading, ...]:
    """Legacy OCR text skips the scan stages: each form-feed page is one reading."""
    return tuple(PageReading(number=i, raw_text=text) for i, text in enumerate(legacy_text_pages(source), 1))


def finish_document(source: SourceFile, readings: Iterable[PageReading]) -> DocumentResult:
    """Restore diacritics page by page, then extract the document's records."""
    pages = []
    for reading in sorted(readings, key=lambda r: r.number):
        with reported_as("restore", f"page {reading.number}"):
            restoration = restore_diacritics(reading.raw_text)
        pages.append(
            PageResult(
                reading=reading,
                text=restoration.text,
                restored_words=restoration.restored_words,
                low_confidence_words=restoration.low_confidence_words,
            )
        )
    with reported_as("extract"):
        extraction = extract_document([PageText(p.reading.number, p.text, p.reading.words) for p in pages])
    return DocumentResult(source=source, pages=tuple(pages), extraction=extraction)


def process_document(source: SourceFile, config: Config) -> DocumentResult:
    """The whole pipeline for one document, in this process (for tools and tests)."""
    if source.kind == "text":
        return finish_document(source, read_text_document(source))
    pages = count_pages(source, config)
    return finish_document(source, [read_page(source, n, config) for n in range(1, pages + 1)])


# --- many documents ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanJob:
    source: SourceFile
    pages: int


def read_scans(
    jobs: Iterable[ScanJob], config: Config, on_page: Callable[[], None] = lambda: None
) -> Iterator[tuple[ScanJob, tuple[PageReading, ...] | DocumentError]]:
    """Read every page of every scan, spreading pages over `config.workers` processes.

    Yields each document's readings, or the error that stopped it, as soon as its last page is
    done. At most two pages per worker are in flight, so memory stays flat however large the
    batch, and the pages of one long document still use every core.
    """
    if config.workers <= 1:
        for job in jobs:
            try:
                yield job, tuple(_read_counted(job.source, n, config, on_page) for n in range(1, job.pages + 1))
            except DocumentError as error:
                yield job, error
        return
    tasks = ((key, job, n) for key, job in enumerate(jobs) for n in range(1, job.pages + 1))
    in_flight: dict[Future, tuple[int, ScanJob, int]] = {}
    collected: dict[int, dict[int, PageReading]] = {}
    failed: set[int] = set()
    with ProcessPoolExecutor(max_workers=config.workers) as pool:
        while True:
            while len(in_flight) < 2 * config.workers and (task := next(tasks, None)) is not None:
                if task[0] not in failed:
                    in_flight[pool.submit(read_page, task[1].source, task[2], config)] = task
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                key, job, number = in_flight.pop(future)
                if key in failed:
                    continue
                try:
                    reading = future.result()
                except DocumentError as error:
                    failed.add(key)
                    collected.pop(key, None)
                    yield job, error
                    continue
                on_page()
                readings = collected.setdefault(key, {})
                readings[number] = reading
                if len(readings) == job.pages:
                    del collected[key]
                    yield job, tuple(readings[n] for n in sorted(readings))


def _read_counted(source: SourceFile, number: int, config: Config, on_page: Callable[[], None]) -> PageReading:
    reading = read_page(source, number, config)
    on_page()
    return reading

