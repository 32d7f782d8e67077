"""The per-document cache that makes batches resumable and re-runs incremental.

Layout inside the output folder:

    .sohoa-cache/lock                      held by the run writing this folder
    .sohoa-cache/manifest.json             every source ingested: path → sha256, kind, pages, error
    .sohoa-cache/read/<sha256>-<key>.json  page readings (cleanup + OCR), the expensive part
    .sohoa-cache/rows/<sha256>-<key>.json  the document's dataset rows and restored text

Keys are fingerprints of the stage versions and settings that produced an entry, so bumping a
stage's version, or changing its settings, misses exactly the entries that stage made.
Every file is written atomically, so a run killed at any moment leaves only whole entries.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from patterns import WordBox
from pipeline.dataset import DocumentRows, atomic_write
from pipeline.errors import DocumentError
from pipeline.orchestrator import PageReading

CACHE_DIR = ".sohoa-cache"


class OutputLocked(Exception):
    """Another run holds the output folder."""


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
        path = self.root / "manifest.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def save_manifest(self, manifest: dict[str, dict]) -> None:
        self._write_json(self.root / "manifest.json", manifest)

    # page readings ----------------------------------------------------------------------

    def readings(self, sha256: str, key: str) -> tuple[PageReading, ...] | None:
        data = self._read_json(self.root / "read" / f"{sha256}-{key}.json")
        return None if data is None else tuple(_reading_from_json(page) for page in data)

    def store_readings(self, sha256: str, key: str, readings: tuple[PageReading, ...]) -> None:
        pages = [dataclasses.asdict(reading) for reading in readings]
        for page in pages:
            del page["pdf"]  # an output file of its own, not part of what OCR learned
        self._write_json(self.root / "read" / f"{sha256}-{key}.json", pages)

    # dataset rows -----------------------------------------------------------------------

    def rows(self, sha256: str, key: str) -> tuple[DocumentRows, str] | None:
        data = self._read_json(self.root / "rows" / f"{sha256}-{key}.json")
        if data is None:
            return None
        return DocumentRows(**data["rows"]), data["text"]

    def store_rows(self, sha256: str, key: str, rows: DocumentRows, text: str) -> None:
        self._write_json(self.root / "rows" / f"{sha256}-{key}.json", {"rows": dataclasses.asdict(rows), "text": text})

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


def error_record(error: DocumentError) -> dict[str, str]:
    """The errors.csv fields of a failure (all but source_path)."""
    return {
        "stage": error.stage,
        "error_type": error.error_type,
        "message": str(error),
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _reading_from_json(page: dict) -> PageReading:
    return PageReading(
        **{
            **page,
            "words": tuple(WordBox(**word) for word in page["words"]),
            "cleanup_steps": tuple(page["cleanup_steps"]),
        }
    )
