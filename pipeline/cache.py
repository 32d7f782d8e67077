"""The per-document cache that makes batches resumable and re-runs incremental.

Layout inside the output folder:

    .sohoa-cache/lock                      held by the run writing this folder
    .sohoa-cache/manifest.json             every source ingested: path → sha256, kind, pages, error
    .sohoa-cache/read/<sha256>-<key>.json  page readings (cleanup + OCR), the expensive part
    .sohoa-cache/pages/<sha256>-<key>/<n>.json  page n's reading, saved the moment it is made (and
                                           <n>.pdf, its searchable page with --pdf); merged into
                                           read/ and removed when the document's pages are all read
    .sohoa-cache/done/<sha256>-<key>.json  the document's result: restored pages and extraction

Keys are fingerprints of the code, versions and settings that produced an entry, so a change to
a stage misses exactly the entries that stage made. The dataset's rows are not cached: they are
derived from the results on every run, so a new or changed column is filled without any re-run.
Every file is written atomically, so a run killed at any moment leaves only whole entries.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from domain.records import DocumentResult, Extraction, PageReading, PageResult, SourceFile, from_json, to_json
from pipeline.dataset import atomic_write
from pipeline.errors import DocumentError, OutputLocked

CACHE_DIR = ".sohoa-cache"
log = logging.getLogger("sohoa")


def fingerprint(*parts: Any) -> str:
    """A short stable hash of stage versions and settings (dataclasses included)."""
    text = json.dumps([dataclasses.asdict(p) if dataclasses.is_dataclass(p) else p for p in parts], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def package_hash(package: ModuleType) -> str:
    """A hash of every source and data file of a package: its version, as far as outputs go."""
    digest = hashlib.sha256()
    root = Path(package.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Cache:
    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / CACHE_DIR

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's lock for the duration; the OS drops it if the process dies."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "lock").open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputLocked(f"another sohoa run is writing {self.root.parent}") from None
            yield

    # manifest ---------------------------------------------------------------------------

    def manifest(self) -> dict[str, dict]:
        """The sources ingested so far. A damaged manifest (a disk that filled up, an edit by hand)
        is moved aside to `manifest.json.damaged` and an empty one started: this run's inputs are
        identified again, and their cached work is found by content hash, so nothing is redone."""
        path = self.root / "manifest.json"
        if not path.exists():
            return {}
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            manifest = None
        if not isinstance(manifest, dict):
            path.replace(path.with_name("manifest.json.damaged"))
            log.warning("%s was damaged; moved aside to manifest.json.damaged and rebuilt from this run's inputs",
                        path)
            return {}
        return manifest

    def save_manifest(self, manifest: dict[str, dict]) -> None:
        self._write_json(self.root / "manifest.json", manifest)

    # page readings ----------------------------------------------------------------------

    def readings(self, sha256: str, key: str) -> tuple[PageReading, ...] | None:
        data = self._read_json(self._path("read", sha256, key))
        return None if data is None else from_json(tuple[PageReading, ...], data)

    def store_readings(self, sha256: str, key: str, readings: tuple[PageReading, ...]) -> None:
        self._write_json(self._path("read", sha256, key), to_json(readings))

    def page_readings(self, sha256: str, key: str) -> dict[int, PageReading]:
        """The pages of a document read so far by runs that stopped before its last page (a
        1,000-page scan killed at page 900 resumes at page 901)."""
        folder = self._pages(sha256, key)
        found = {}
        for path in folder.glob("*.json") if folder.is_dir() else ():
            data = self._read_json(path)
            if data is not None:
                pdf = path.with_suffix(".pdf")
                found[int(path.stem)] = dataclasses.replace(
                    from_json(PageReading, data), pdf=pdf.read_bytes() if pdf.exists() else None)
        return found

    def page_numbers(self, sha256: str, key: str) -> frozenset[int]:
        """The numbers of the pages `page_readings` holds, without reading them."""
        folder = self._pages(sha256, key)
        return frozenset(int(path.stem) for path in folder.glob("*.json")) if folder.is_dir() else frozenset()

    def store_page_reading(self, sha256: str, key: str, reading: PageReading) -> None:
        folder = self._pages(sha256, key)
        if reading.pdf is not None:
            atomic_write(folder / f"{reading.number}.pdf", lambda temporary: temporary.write_bytes(reading.pdf))
        self._write_json(folder / f"{reading.number}.json", to_json(reading))

    def drop_page_readings(self, sha256: str, key: str) -> None:
        shutil.rmtree(self._pages(sha256, key), ignore_errors=True)

    def _pages(self, sha256: str, key: str) -> Path:
        return self.root / "pages" / f"{sha256}-{key}"

    # document results -------------------------------------------------------------------

    def has_result(self, sha256: str, key: str) -> bool:
        return self._path("done", sha256, key).exists()

    def result(self, source: SourceFile, key: str) -> DocumentResult | None:
        data = self._read_json(self._path("done", source.sha256, key))
        if data is None:
            return None
        pages = from_json(tuple[PageResult, ...], data["pages"])
        return DocumentResult(source, pages, from_json(Extraction, data["extraction"]))

    def store_result(self, key: str, result: DocumentResult) -> None:
        # The words stay in the readings entry only: the result keeps what the dataset shows.
        pages = tuple(dataclasses.replace(page, reading=dataclasses.replace(page.reading, words=()))
                      for page in result.pages)
        self._write_json(self._path("done", result.source.sha256, key),
                         {"pages": to_json(pages), "extraction": to_json(result.extraction)})

    def _path(self, kind: str, sha256: str, key: str) -> Path:
        return self.root / kind / f"{sha256}-{key}.json"

    # ------------------------------------------------------------------------------------

    @staticmethod
    def _read_json(path: Path) -> Any:
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None  # a damaged entry is a miss, recomputed and overwritten

    @staticmethod
    def _write_json(path: Path, data: Any) -> None:
        text = json.dumps(data, ensure_ascii=False)
        atomic_write(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def error_record(error: DocumentError, page: int | None = None) -> dict[str, str]:
    """The errors.csv fields of a failure (all but source_path); for a failed `page`, a message
    that starts with its number (`page 2: …`, or the stage's own `page 2 cannot be rendered …`)."""
    message = str(error)
    if page is not None and not message.startswith(f"page {page}"):
        message = f"page {page}: {message}"
    return {
        "stage": error.stage,
        "error_type": error.error_type,
        "message": message,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
