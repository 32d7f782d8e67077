"""Batches: ingest many files into one output folder, resumably and incrementally.

`ingest` identifies the inputs, takes what it can from the cache, sends the rest through the
orchestrator and writes the dataset. Work is saved per page the moment it is done, so a run
killed at any point loses at most the pages in flight, and the dataset files are replaced
atomically only at the end. A page that cannot be read fails alone: its document keeps its other
pages (status `partial`), and the next run reads that page again.
"""

from __future__ import annotations

import errno
import logging
import re
import sys
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
from domain.records import DocumentResult, PageReading, SourceFile
from pipeline import cleanup, handwriting, ocr
from pipeline._exec import tesseract
from pipeline.cache import Cache, error_record, fingerprint, package_hash
from pipeline.config import Config
from pipeline.corrections import CORRECTIONS_FILE, apply_corrections, read_corrections
from pipeline.dataset import TABLES, atomic_write, doc_id, document_rows, mark_duplicates, table_frame, write_table
from pipeline.errors import DocumentError, InternalError, OutputUnwritable, StrictStop
from pipeline.excel import WORKBOOK_FILE, write_workbook
from pipeline.inputs import count_pages, discover_inputs, source_file
from pipeline.orchestrator import PageOutcome, ScanJob, finish_document, read_scans, read_text_document
from pipeline.page_images import image_path
from pipeline.review import add_words
from pipeline.searchable_pdf import check_font, merge_pages

STAGES = ("cleanup", "ocr", "restore", "extract")  # the stages `reprocess --from` accepts
LOG_FILE = "sohoa.log"  # in the output folder: the traceback of every internal error
log = logging.getLogger("sohoa")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    with _writing(out_dir), cache.locked(), _logging_to(out_dir / LOG_FILE):
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
    with _writing(out_dir), cache.locked(), _logging_to(out_dir / LOG_FILE):
        return _run(cache, cache.manifest(), out_dir, config, options, progress=progress, redo_from=from_stage)


def stage_keys(config: Config) -> tuple[str, str]:
    """Cache keys of (page readings, document results) under the current code and settings.

    OCR is expensive, so its stages (and the handwriting read beside it) carry an explicit VERSION
    bumped by hand. Restoration and extraction are cheap to redo and change with their code and
    model files, so their version is
    the hash of their packages' contents (and of the records they fill): rebuilding the language
    model or editing an extractor re-runs them automatically. Rows are derived from the results
    on every run, so the dataset writer needs no key at all.
    """
    read_key = fingerprint(cleanup.VERSION, ocr.VERSION, handwriting.VERSION, config.cleanup, config.ocr,
                           config.pdf_dpi)
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
    for info in manifest.values():
        if "sha256" in info:
            info.pop("error", None)  # identified sources are retried: their failure may be fixed
    entries = [_Entry(path, _source(path, info)) for path, info in sorted(manifest.items()) if "sha256" in info]
    bar = tqdm(total=sum(manifest[e.path]["pages"] for e in entries), unit="page", desc="sohoa",
               disable=not progress, dynamic_ncols=True)
    for path, info in sorted(manifest.items()):
        if "sha256" not in info:
            bar.write(_error_line(path, info["error"]))
    run = _Run(cache, manifest, out_dir, config, options, bar, redo_from)
    try:
        run.documents(entries)
    finally:
        bar.close()
        cache.save_manifest(manifest)
    tables = _write_dataset(cache, manifest, out_dir, (run.read_key, run.result_key), options)
    return BatchSummary(documents=len(tables["documents"]), pages=len(tables["pages"]), pages_ocr=run.pages_ocr,
                        errors=tables["errors"], seconds=time.monotonic() - started)


class _Run:
    """One ingest or reprocess: which documents need which stages, and where their results go."""

    def __init__(self, cache: Cache, manifest: dict[str, dict], out_dir: Path, config: Config,
                 options: OutputOptions, bar: tqdm, redo_from: str | None) -> None:
        self.cache, self.manifest, self.out_dir, self.config, self.options, self.bar = (
            cache, manifest, out_dir, config, options, bar)
        self.read_key, self.result_key = stage_keys(config)
        self.reuse_results = redo_from is None
        self.reuse_readings = redo_from in (None, "restore", "extract")
        self.pages_ocr = 0

    def documents(self, entries: list[_Entry]) -> None:
        # A partial document keeps its pages' checkpoints: each run tries its failed pages again.
        todo = [e for e in entries if self.cache.page_numbers(e.source.sha256, self.read_key)
                or not (self.reuse_results and self.cache.has_result(e.source.sha256, self.result_key))]
        done = {e.path for e in entries} - {e.path for e in todo}
        self.bar.update(sum(self.manifest[path]["pages"] for path in done))
        if any(entry.source.kind != "text" for entry in todo):
            tesseract.check([self.config.ocr.language, "osd"])
            if self.config.searchable_pdf:
                check_font(self.config.pdf_font)
        if self.config.cluster.scheduler:
            self._on_cluster(todo)
        else:
            self._here(todo)

    def _here(self, todo: list[_Entry]) -> None:
        """Restoration in this process, OCR in the process pool."""
        scans: dict[int, _Entry] = {}
        for entry in todo:
            readings = self._earlier_readings(entry)
            if readings is not None:
                self.bar.update(len(readings))
                self._finish(entry, readings)
            elif entry.source.kind != "text":  # a text file whose reading failed is recorded already
                scans[id(entry.source)] = entry
        jobs = []
        for entry in scans.values():
            done = self.cache.page_numbers(entry.source.sha256, self.read_key)
            self.bar.update(len(done))
            job = ScanJob(entry.source, self.manifest[entry.path]["pages"], done)
            if job.numbers():
                jobs.append(job)
            else:  # killed after its last page was saved
                self._read(entry, {})
        for job, pages in read_scans(jobs, self.config, on_page=self._checkpoint):
            self._read(scans[id(job.source)], pages)

    def _checkpoint(self, job: ScanJob, reading: PageReading) -> None:
        """Save a page the moment it is read, image and all: a run killed in the middle of a long
        document resumes at its next page."""
        _write_page_images(self.out_dir, job.source.sha256, (reading,))
        self.cache.store_page_reading(job.source.sha256, self.read_key, reading)
        self._on_page()

    def _read(self, entry: _Entry, pages: dict[int, PageOutcome]) -> None:
        """All pages of a scan are read, in this run (`pages`) or earlier ones, or failed. A document
        keeps the pages that were read; one whose every page failed fails with its first error."""
        errors = {number: error for number, error in pages.items() if isinstance(error, DocumentError)}
        readings = self.cache.page_readings(entry.source.sha256, self.read_key)
        self.manifest[entry.path].pop("page_errors", None)
        if not readings:
            self._failed(entry, errors[min(errors)])
            return
        for number, error in errors.items():
            self._failed(entry, error, page=number)
        ordered = tuple(readings[n] for n in sorted(readings))
        if not errors:  # a partial document is read again on the next run: only its failed pages
            self._keep_readings(entry, ordered)
        self._finish(entry, ordered)

    def _on_cluster(self, todo: list[_Entry]) -> None:
        """Reading, restoration and extraction as tasks on the Dask cluster (pipeline.cluster)."""
        from pipeline.cluster import Work, connected, process_on_cluster, worker_count

        entries = {id(entry.source): entry for entry in todo}
        read_now: set[int] = set()

        def work() -> Iterator[Work]:  # lazily: cached readings are loaded as the window moves on
            for entry in todo:
                readings = self._earlier_readings(entry)
                if readings is not None:
                    self.bar.update(len(readings))
                    yield Work(ScanJob(entry.source, len(readings)), readings)
                elif entry.source.kind != "text":
                    read_now.add(id(entry.source))
                    yield Work(ScanJob(entry.source, self.manifest[entry.path]["pages"]))

        with connected(self.config.cluster, self.config.workers) as client:
            self.bar.set_postfix(workers=worker_count(client))
            for job, outcome in process_on_cluster(client, work(), self.config, on_page=self._on_page):
                entry = entries[id(job.source)]
                if isinstance(outcome, DocumentError):
                    self._failed(entry, outcome)
                    continue
                if id(job.source) in read_now:
                    self._keep_readings(entry, tuple(page.reading for page in outcome.pages))
                self._save(entry, outcome)

    def _earlier_readings(self, entry: _Entry) -> tuple[PageReading, ...] | None:
        """The document's pages without OCR: a text file's, or those cached by an earlier run."""
        if entry.source.kind == "text":
            try:
                return read_text_document(entry.source)
            except DocumentError as error:
                self._failed(entry, error)
                return None
        # A searchable PDF is made from the cleaned page, not cached: a missing one means reading again.
        wants_pdf = self.config.searchable_pdf and not _pdf_path(self.out_dir, entry.source.sha256).exists()
        if not self.reuse_readings or wants_pdf:
            return None
        return self.cache.readings(entry.source.sha256, self.read_key)

    def _keep_readings(self, entry: _Entry, readings: tuple[PageReading, ...]) -> None:
        """What OCR read in this run: its page images, the searchable PDF when asked for, and
        (last: a run killed in between reads the pages again, images and all) the cache."""
        _write_page_images(self.out_dir, entry.source.sha256, readings)
        if self.config.searchable_pdf:
            merge_pages([reading.pdf for reading in readings], _pdf_path(self.out_dir, entry.source.sha256))
        self.cache.store_readings(entry.source.sha256, self.read_key, readings)
        self.cache.drop_page_readings(entry.source.sha256, self.read_key)

    def _finish(self, entry: _Entry, readings: tuple[PageReading, ...]) -> None:
        try:
            result = finish_document(entry.source, readings)
        except DocumentError as error:
            self._failed(entry, error)
            return
        self._save(entry, result)

    def _save(self, entry: _Entry, result: DocumentResult) -> None:
        self.cache.store_result(self.result_key, result)
        _write_text(self.out_dir, entry.source.sha256, result.text)

    def _on_page(self) -> None:
        self.pages_ocr += 1
        self.bar.update(1)

    def _failed(self, entry: _Entry, error: DocumentError, page: int | None = None) -> None:
        """Record a failed document, or with `page` one failed page of a document kept without it."""
        record = error_record(error, page)
        if page is None:
            self.manifest[entry.path] = {**self.manifest.get(entry.path, {}), "error": record}
        else:
            self.manifest[entry.path].setdefault("page_errors", []).append(record)
        self.bar.write(_error_line(entry.path, record))
        if isinstance(error, InternalError):
            log.error("%s: [%s/internal] %s\n%s", entry.path, error.stage, error, error.details.rstrip())
        if self.options.strict:
            raise StrictStop(f"stopped at the first failure (--strict): {entry.path}")


# Why the output folder cannot be written, by errno: the operator's problem, not one document's.
_UNWRITABLE = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the filesystem is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


@contextmanager
def _writing(out_dir: Path) -> Iterator[None]:
    """A run that cannot write its output folder stops with one line (OutputUnwritable), not a
    traceback; everything saved before stays valid (atomic writes), so a re-run resumes."""
    try:
        yield
    except OSError as error:
        if error.errno not in _UNWRITABLE:
            raise
        raise OutputUnwritable(f"cannot write {error.filename or out_dir}: {_UNWRITABLE[error.errno]}; "
                               "fix it and run the same command again to resume") from None


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
    """One console line per error, whatever the file name or a library's message holds: control
    characters (a newline in a file name) are shown escaped, as Python writes them."""
    line = f"error: {path}: [{record['stage']}/{record['error_type']}] {record['message']}"
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], line)


def _source(path: str, info: dict) -> SourceFile:
    return SourceFile(path=Path(path), kind=info["kind"], sha256=info["sha256"], size_bytes=info["size_bytes"])


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
    cache: Cache, manifest: dict[str, dict], out_dir: Path, keys: tuple[str, str], options: OutputOptions
) -> dict[str, list[dict]]:
    """Derive every table from the cached results (the words from the cached readings), in
    source-path order, apply the person's corrections (pipeline.corrections), and replace the files.
    `keys`: the cache keys of readings and results (`stage_keys`)."""
    read_key, result_key = keys
    corrections, warnings = read_corrections(out_dir)
    applied: set[int] = set()
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
        readings = cache.readings(info["sha256"], read_key) if info["kind"] != "text" else None
        rows = document_rows(result, path, pipeline.__version__)
        tables["errors"].extend({"source_path": path, **record} for record in info.get("page_errors", ()))
        if "page_errors" in info:
            rows.documents[0]["status"] = "partial"
        add_words(rows, readings or ())
        applied |= apply_corrections(rows, [c for c in corrections if c.doc_id == doc_id(info["sha256"])])
        for name, table_rows in vars(rows).items():
            tables[name].extend(table_rows)
    for correction in corrections:
        if correction.line not in applied:
            warnings.append(f"{out_dir / CORRECTIONS_FILE} line {correction.line}: no {correction.table} row of "
                            f"document {correction.doc_id} matches")
    for warning in warnings:  # on the console, and kept in sohoa.log
        tqdm.write(f"warning: {warning}", file=sys.stderr)
        log.warning("%s", warning)
    texts: dict[str, str] = {}
    for page in tables["pages"]:
        texts[page["doc_id"]] = texts.get(page["doc_id"], "") + (page["text"] or "") + "\f"
    mark_duplicates(tables["documents"], texts)
    frames = {name: table_frame(name, rows) for name, rows in tables.items()}
    for name, frame in frames.items():
        for fmt in ("csv", "parquet"):
            if fmt in options.formats:
                write_table(frame, out_dir / f"{name}.{fmt}", excel=options.excel and fmt == "csv")
            else:
                # `sohoa query` prefers Parquet: a file from an earlier run's other format would be read stale.
                (out_dir / f"{name}.{fmt}").unlink(missing_ok=True)
    if options.excel:
        # Not the words, a row per word: a large batch has more than a sheet's 1,048,576 rows.
        write_workbook({name: frame for name, frame in frames.items() if name != "words"}, out_dir / WORKBOOK_FILE)
    return tables
