"""Batches: ingest many files into one output folder, resumably and incrementally.

`ingest` identifies the inputs, takes what it can from the cache, sends the rest through the
orchestrator and writes the dataset. Work is saved per document the moment it is done, so a run
killed at any point loses at most the documents in flight, and the dataset files are replaced
atomically only at the end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

import diacritics
import domain
import patterns
import pipeline
from domain.records import PageReading, SourceFile
from pipeline import cleanup, ocr
from pipeline._exec import tesseract
from pipeline.cache import Cache, error_record, fingerprint, package_hash
from pipeline.config import Config
from pipeline.dataset import TABLES, atomic_write, doc_id, document_rows, mark_duplicates, table_frame, write_table
from pipeline.errors import DocumentError, InternalError, StrictStop
from pipeline.excel import WORKBOOK_FILE, write_workbook
from pipeline.inputs import count_pages, discover_inputs, source_file
from pipeline.orchestrator import ScanJob, finish_document, read_scans, read_text_document
from pipeline.page_images import image_path
from pipeline.searchable_pdf import check_font, merge_pages

STAGES = ("cleanup", "ocr", "restore", "extract")  # the stages `reprocess --from` accepts
LOG_FILE = "sohoa.log"  # in the output folder: the traceback of every internal error
log = logging.getLogger("sohoa")


@dataclass(frozen=True)
class OutputOptions:
    formats: tuple[str, ...] = ("csv",)  # "csv" and/or "parquet"
    excel: bool = False  # also OUT/sohoa.xlsx; CSV with a BOM and formula-like cells neutralised
    strict: bool = False  # stop at the first failed document


@dataclass
class BatchSummary:
    documents: int = 0
    pages: int = 0
    pages_ocr: int = 0  # pages read by Tesseract in this run (the rest came from the cache)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.documents} documents, {self.pages} pages ({self.pages_ocr} OCR'd in this run), "
            f"{len(self.errors)} errors, {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class _Entry:
    path: str
    source: SourceFile


def ingest(
    paths: Iterable[Path], out_dir: Path, config: Config, options: OutputOptions, *, progress: bool = True
) -> BatchSummary:
    """Process every input under `paths` into `out_dir`, skipping documents already done."""
    cache = Cache(out_dir)
    with cache.locked(), _logging_to(out_dir / LOG_FILE):
        manifest = cache.manifest()
        for path in discover_inputs(paths):
            manifest[str(path)] = _identify(path, config)
        cache.save_manifest(manifest)
        return _run(cache, manifest, out_dir, config, options, progress=progress, redo_from=None)


def reprocess(
    out_dir: Path, from_stage: str, config: Config, options: OutputOptions, *, progress: bool = True
) -> BatchSummary:
    """Re-run every document in `out_dir` from `from_stage` on; earlier stages come from the cache."""
    if from_stage not in STAGES:
        raise ValueError(f"unknown stage '{from_stage}' (one of: {', '.join(STAGES)})")
    cache = Cache(out_dir)
    with cache.locked(), _logging_to(out_dir / LOG_FILE):
        return _run(cache, cache.manifest(), out_dir, config, options, progress=progress, redo_from=from_stage)


def stage_keys(config: Config) -> tuple[str, str]:
    """Cache keys of (page readings, document results) under the current code and settings.

    OCR is expensive, so its stages carry an explicit VERSION bumped by hand. Restoration and
    extraction are cheap to redo and change with their code and model files, so their version is
    the hash of their packages' contents (and of the records they fill): rebuilding the language
    model or editing an extractor re-runs them automatically. Rows are derived from the results
    on every run, so the dataset writer needs no key at all.
    """
    read_key = fingerprint(cleanup.VERSION, ocr.VERSION, config.cleanup, config.ocr, config.pdf_dpi)
    result_key = fingerprint(read_key, package_hash(diacritics), package_hash(patterns), package_hash(domain))
    return read_key, result_key


def _identify(path: Path, config: Config) -> dict:
    try:
        source = source_file(path)
        pages = count_pages(source, config)
    except DocumentError as error:
        return {"error": error_record(error)}
    return {"sha256": source.sha256, "kind": source.kind, "size_bytes": source.size_bytes, "pages": pages}


def _run(cache: Cache, manifest: dict[str, dict], out_dir: Path, config: Config, options: OutputOptions,
         *, progress: bool, redo_from: str | None) -> BatchSummary:
    started = time.monotonic()
    read_key, result_key = stage_keys(config)
    reuse_results = redo_from is None
    reuse_readings = redo_from in (None, "restore", "extract")
    summary = BatchSummary()
    for info in manifest.values():
        if "sha256" in info:
            info.pop("error", None)  # identified sources are retried: their failure may be fixed
    entries = [_Entry(path, _source(path, info)) for path, info in sorted(manifest.items()) if "sha256" in info]
    total_pages = sum(manifest[e.path]["pages"] for e in entries)
    bar = tqdm(total=total_pages, unit="page", desc="sohoa", disable=not progress, dynamic_ncols=True)
    for path, info in sorted(manifest.items()):
        if "sha256" not in info:
            bar.write(_error_line(path, info["error"]))

    def record_error(path: str, error: DocumentError) -> None:
        manifest[path] = {**manifest.get(path, {}), "error": error_record(error)}
        bar.write(_error_line(path, manifest[path]["error"]))
        if isinstance(error, InternalError):
            log.error("%s: [%s/internal] %s\n%s", path, error.stage, error, error.details.rstrip())
        if options.strict:
            raise StrictStop(f"stopped at the first failure (--strict): {path}")

    def complete(entry: _Entry, readings: tuple[PageReading, ...]) -> None:
        try:
            result = finish_document(entry.source, readings)
        except DocumentError as error:
            record_error(entry.path, error)
            return
        cache.store_result(result_key, result)
        _write_text(out_dir, entry.source.sha256, result.text)

    scans: list[ScanJob] = []
    by_job: dict[int, _Entry] = {}
    try:
        for entry in entries:
            sha = entry.source.sha256
            if reuse_results and cache.has_result(sha, result_key):
                bar.update(manifest[entry.path]["pages"])
                continue
            if entry.source.kind == "text":
                readings = _text_readings(entry, record_error)
            else:
                # A searchable PDF is made from the cleaned page, not cached: a missing one means reading again.
                wants_pdf = config.searchable_pdf and not _pdf_path(out_dir, sha).exists()
                readings = cache.readings(sha, read_key) if reuse_readings and not wants_pdf else None
            if readings is not None:
                bar.update(len(readings))
                complete(entry, readings)
                continue
            job = ScanJob(entry.source, manifest[entry.path]["pages"])
            by_job[id(job)] = entry
            scans.append(job)

        if scans:
            tesseract.check([config.ocr.language, "osd"])
            if config.searchable_pdf:
                check_font(config.pdf_font)

        def on_page() -> None:
            summary.pages_ocr += 1
            bar.update(1)

        for job, outcome in read_scans(scans, config, on_page=on_page):
            entry = by_job[id(job)]
            if isinstance(outcome, DocumentError):
                record_error(entry.path, outcome)
                continue
            # Before the readings are cached: a run killed in between reads the pages again, images and all.
            _write_page_images(out_dir, entry.source.sha256, outcome)
            cache.store_readings(entry.source.sha256, read_key, outcome)
            if config.searchable_pdf:
                merge_pages([reading.pdf for reading in outcome], _pdf_path(out_dir, entry.source.sha256))
            complete(entry, outcome)
    finally:
        bar.close()
        cache.save_manifest(manifest)
    tables = _write_dataset(cache, manifest, out_dir, result_key, options)
    summary.errors = tables["errors"]
    summary.documents = len(tables["documents"])
    summary.pages = len(tables["pages"])
    summary.seconds = time.monotonic() - started
    return summary


@contextmanager
def _logging_to(path: Path) -> Iterator[None]:
    """Append this run's log records (internal errors with their tracebacks) to `path`."""
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
        handler.close()


def _error_line(path: str, record: dict) -> str:
    return f"error: {path}: [{record['stage']}/{record['error_type']}] {record['message']}"


def _source(path: str, info: dict) -> SourceFile:
    return SourceFile(path=Path(path), kind=info["kind"], sha256=info["sha256"], size_bytes=info["size_bytes"])


def _text_readings(entry: _Entry, record_error) -> tuple[PageReading, ...] | None:
    try:
        return read_text_document(entry.source)
    except DocumentError as error:
        record_error(entry.path, error)
        return None


def _pdf_path(out_dir: Path, sha256: str) -> Path:
    return out_dir / "pdf" / f"{doc_id(sha256)}.pdf"


def _write_page_images(out_dir: Path, sha256: str, readings: tuple[PageReading, ...]) -> None:
    for reading in readings:
        if reading.image is not None:
            path = image_path(out_dir, doc_id(sha256), reading.number)
            atomic_write(path, lambda temporary, png=reading.image: temporary.write_bytes(png))


def _write_text(out_dir: Path, sha256: str, text: str) -> None:
    path = out_dir / "text" / f"{doc_id(sha256)}.txt"
    atomic_write(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def _write_dataset(
    cache: Cache, manifest: dict[str, dict], out_dir: Path, result_key: str, options: OutputOptions
) -> dict[str, list[dict]]:
    """Derive every table from the cached results, in source-path order, and replace the files."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    seen: set[str] = set()
    for path, info in sorted(manifest.items()):
        if "error" in info:
            tables["errors"].append({"source_path": path, **info["error"]})
            continue
        result = cache.result(_source(path, info), result_key)
        if result is None or doc_id(info["sha256"]) in seen:
            continue  # failed in this run (recorded above) or a duplicate of a file already listed
        seen.add(doc_id(info["sha256"]))
        rows = document_rows(result, path, pipeline.__version__)
        for name in ("documents", "references", "statistics", "pages"):
            tables[name].extend(getattr(rows, name))
    mark_duplicates(tables["documents"])
    frames = {name: table_frame(name, rows) for name, rows in tables.items()}
    for name, frame in frames.items():
        if "csv" in options.formats:
            write_table(frame, out_dir / f"{name}.csv", excel=options.excel)
        if "parquet" in options.formats:
            write_table(frame, out_dir / f"{name}.parquet")
    if options.excel:
        write_workbook(frames, out_dir / WORKBOOK_FILE)
    return tables
