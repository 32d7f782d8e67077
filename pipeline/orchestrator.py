"""The orchestrator: the one place that knows the order of the stages.

For one document:

    scan:   page_images → clean_page → ocr_image      (per page, in worker processes)
            → read_handwritten                         (handwritten number, day, month)
    text:   legacy_text_pages                          (legacy OCR text enters here)
    both:   restore_diacritics → extract_document      (per document)

`read_page` is the expensive, per-page unit of work and the boundary of the OCR cache;
`finish_document` turns the pages' readings into the document's result.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace

from diacritics import restore_diacritics
from domain.records import DocumentResult, PageReading, PageResult, PageText, SourceFile
from patterns import extract_document
from pipeline.cleanup import clean_page
from pipeline.config import Config
from pipeline.errors import DocumentError, StageTimeout, WorkerDied, reported_as
from pipeline.handwriting import read_handwritten
from pipeline.inputs import count_pages, legacy_text_pages, page_images, working_dpi
from pipeline.ocr import ocr_image
from pipeline.page_images import preview_png
from pipeline.searchable_pdf import page_pdf

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def read_page(source: SourceFile, number: int, config: Config) -> PageReading:
    """Render, clean and OCR one page of a scanned document and read the handwritten number, day
    and month of its number and date lines (page 1's head, a later page's `Số:` line: a consolidated
    text's), keeping a downscaled PNG of the cleaned page; with `config.searchable_pdf`, also render
    it as a one-page searchable PDF, its text layer the words OCR kept."""
    where = f"page {number}"
    with reported_as("input", where):
        page = next(page_images(source, config, numbers=[number]))
    # Cleanup upscales a low-resolution page to its target; a page so large that the target would
    # exceed the pixel budget is brought to the resolution that fits instead (checked in inputs).
    height, width = page.image.shape[:2]
    target = working_dpi(width / page.dpi, height / page.dpi, config.cleanup.target_dpi, config, number)
    with reported_as("cleanup", where), time_limit(config.cleanup_timeout_seconds, where, "cleanup"):
        clean = clean_page(page, replace(config.cleanup, target_dpi=target))
        image = preview_png(clean.image)
    del page  # the colour scan is the largest object alive; free it before OCR
    with reported_as("ocr", where):
        ocr = ocr_image(clean.image, clean.dpi, config.ocr, number=number)
    with reported_as("handwriting", where):
        handwritten = read_handwritten(clean.image, ocr.words, first_page=number == 1)
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
        handwritten=handwritten,
        pdf=pdf,
        image=image,
    )


@contextmanager
def time_limit(seconds: float, where: str, stage: str) -> Iterator[None]:
    """End the block with StageTimeout after `seconds` of wall-clock time (SIGALRM).

    Python runs the handler between two bytecodes, so one long OpenCV call finishes first (all of
    cleanup takes 7 s on the largest page the pixel budget allows). Signals reach the main thread
    only; elsewhere (a Dask worker's task thread) the block runs without a limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame) -> None:
        raise StageTimeout(f"{where}: {stage} took longer than {seconds:g} s", stage=stage)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
        extraction = extract_document(
            [PageText(p.reading.number, p.text, p.reading.words, p.reading.handwritten) for p in pages])
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
    done: frozenset[int] = frozenset()  # pages read by an earlier run (page checkpoints), not to read again

    def numbers(self) -> list[int]:
        return [n for n in range(1, self.pages + 1) if n not in self.done]


PageOutcome = PageReading | DocumentError


def read_scans(
    jobs: Iterable[ScanJob], config: Config, on_page: Callable[[ScanJob, PageReading], None] = lambda job, page: None
) -> Iterator[tuple[ScanJob, dict[int, PageOutcome]]]:
    """Read the pages of every scan (but those it has `done`), spreading them over `config.workers`
    processes; `on_page` gets each reading the moment it is made.

    Yields each document's pages, by number, as soon as its last one is done: the reading of each,
    or the error that stopped that page alone. At most two pages per worker are in flight, so
    memory stays flat however large the batch, and the pages of one long document still use
    every core.

    A worker that dies (the OOM killer, a crash in a library) breaks the whole pool and every page
    in flight with it, and nothing says which page killed it: the pool is rebuilt and those pages
    are read again one at a time. A page that kills its worker while read alone is read once more
    (the death may have been the machine's, not the page's); a second death fails that page
    (WorkerDied) and the batch goes on.
    """
    if config.workers <= 1:
        for job in jobs:
            yield job, {n: _read_here(job, n, config, on_page) for n in job.numbers()}
        return
    tasks = ((key, job, n) for key, job in enumerate(jobs) for n in job.numbers())
    suspects: deque[tuple[int, ScanJob, int]] = deque()  # in flight when a worker died, to be read alone
    alone: tuple[int, ScanJob, int] | None = None  # the suspect being read alone now
    deaths: Counter[tuple[int, int]] = Counter()  # workers a (document, page) killed while read alone
    in_flight: dict[Future, tuple[int, ScanJob, int]] = {}
    collected: dict[int, dict[int, PageOutcome]] = {}

    def settle(key: int, job: ScanJob, number: int, outcome: PageOutcome) -> dict[int, PageOutcome] | None:
        """Keep a page's outcome; all of its document's once they are in."""
        pages = collected.setdefault(key, {})
        pages[number] = outcome
        if len(pages) < job.pages - len(job.done):
            return None
        del collected[key]
        return dict(sorted(pages.items()))

    pool = _worker_pool(config)
    try:
        while True:
            while suspects and not in_flight:
                task = suspects.popleft()
                in_flight[pool.submit(read_page, task[1].source, task[2], config)] = alone = task
            while alone is None and len(in_flight) < 2 * config.workers and (task := next(tasks, None)) is not None:
                in_flight[pool.submit(read_page, task[1].source, task[2], config)] = task
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            lost = []
            for future in done:
                key, job, number = task = in_flight.pop(future)
                alone = None if task is alone else alone
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    lost.append(task)
                    continue
                except DocumentError as error:
                    outcome = error
                else:
                    on_page(job, outcome)
                if (pages := settle(key, job, number, outcome)) is not None:
                    yield job, pages
            if not lost:
                continue
            lost.extend(in_flight.values())  # the broken pool fails every page it held
            in_flight.clear()
            pool.shutdown(wait=True)
            pool = _worker_pool(config)
            if len(lost) > 1:
                suspects.extend(lost)
                continue
            key, job, number = lost[0]
            deaths[key, number] += 1
            if deaths[key, number] == 1:
                suspects.appendleft(lost[0])
                continue
            died = WorkerDied(f"page {number}: the process reading it died, twice (out of memory, "
                              "or killed by a signal)")
            if (pages := settle(key, job, number, died)) is not None:
                yield job, pages
    except BaseException:  # interrupted (Ctrl-C, SIGTERM), or the caller stopped reading (--strict)
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True)


def _worker_pool(config: Config) -> ProcessPoolExecutor:
    """Worker processes that hold nothing of their parent's and die with it.

    `spawn` starts each worker from a fresh interpreter: a forked one would share the output
    folder's lock, and one outliving a killed parent kept the folder locked for every re-run."""
    return ProcessPoolExecutor(max_workers=config.workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(), config.worker_memory_bytes))


def _start_worker(parent: int, memory: int | None) -> None:
    """Ask Linux to kill this worker when its parent dies (kill -9 included), and exit at once if
    the parent is already gone, so no orphan goes on reading pages for nobody. With `memory`, cap
    the worker's address space: a page that needs more fails (MemoryError, out_of_memory) alone."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pages in flight at once: a shutdown would wait minutes for pages to be thrown away.
    concurrent.futures has no public way to stop running tasks before Python 3.14."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((pool._processes or {}).values()):
        process.kill()


def _read_here(job: ScanJob, number: int, config: Config,
               on_page: Callable[[ScanJob, PageReading], None]) -> PageOutcome:
    try:
        reading = read_page(job.source, number, config)
    except DocumentError as error:
        return error
    on_page(job, reading)
    return reading
