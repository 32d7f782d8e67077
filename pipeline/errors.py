"""Error taxonomy and exit codes.

Every error the `sohoa` command reports is a `SohoaError` carrying its exit code; the CLI handles
them in one place. Every failure of one document is a `DocumentError`: it names the stage that
failed and a short machine-readable `error_type`, and becomes one row of errors.csv while the
batch goes on. A bug in our own code is an `InternalError` that keeps its traceback, so it is
never mistaken for bad input.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of the `sohoa` command (documented in the README)."""

    OK = 0
    SOME_DOCUMENTS_FAILED = 1  # the batch finished; see errors.csv
    USAGE = 2  # bad arguments (click's own convention)
    MISSING_DEPENDENCY = 3  # tesseract, its `vie` model or poppler is not installed
    OUTPUT_LOCKED = 4  # another run is writing the same output folder
    DAMAGED_TABLE = 5  # `sohoa query`: a table of the dataset cannot be read
    CLUSTER = 6  # the Dask scheduler cannot be reached, was lost, or its workers do not match
    OUTPUT_UNWRITABLE = 7  # the output folder cannot be written: disk full, read-only, no permission
    INTERRUPTED = 130  # Ctrl-C or SIGTERM; a re-run resumes where this one stopped


class SohoaError(Exception):
    """An error that ends a command; `exit_code` is the status the command exits with."""

    exit_code = ExitCode.SOME_DOCUMENTS_FAILED


class MissingDependency(SohoaError):
    """A system program the pipeline needs is absent: fatal for the whole run, not one document."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class OutputLocked(SohoaError):
    """Another run holds the output folder."""

    exit_code = ExitCode.OUTPUT_LOCKED


class OutputUnwritable(SohoaError):
    """The output folder cannot be written; what was saved before is kept, a later run resumes."""

    exit_code = ExitCode.OUTPUT_UNWRITABLE


class ClusterUnavailable(SohoaError):
    """The Dask scheduler cannot be reached or went away; a later run resumes from the cache."""

    exit_code = ExitCode.CLUSTER


class ClusterRefused(SohoaError):
    """The cluster has no workers, or a worker whose code or Tesseract differs from the client's."""

    exit_code = ExitCode.CLUSTER


class BadQuery(SohoaError):
    """SQL that the query engine refused, or a dataset that is not there yet."""

    exit_code = ExitCode.USAGE


class DamagedTable(SohoaError):
    """A dataset file that the query engine cannot read (truncated, edited by hand)."""

    exit_code = ExitCode.DAMAGED_TABLE


class StrictStop(SohoaError):
    """--strict: the first failed document ends the batch."""


class DocumentError(SohoaError):
    """A document could not be processed; the batch records it and continues."""

    stage = "pipeline"
    error_type = "failed"

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        if stage is not None:
            self.stage = stage


class UnsupportedInput(DocumentError):
    stage, error_type = "input", "unsupported"


class EmptyInput(DocumentError):
    stage, error_type = "input", "empty"


class CorruptInput(DocumentError):
    stage, error_type = "input", "corrupt"


class EncryptedInput(DocumentError):
    stage, error_type = "input", "encrypted"


class InputTooLarge(DocumentError):
    stage, error_type = "input", "too_large"


class UnreadableInput(DocumentError):
    """The file is there by name but cannot be opened: a dangling or looping link, no permission."""

    stage, error_type = "input", "unreadable"


class TextEncodingError(DocumentError):
    stage, error_type = "input", "encoding"


class StageTimeout(DocumentError):
    """A page took longer than its stage's wall-clock limit (rendering, cleanup, OCR)."""

    error_type = "timeout"


class OcrTimeout(StageTimeout):
    stage = "ocr"


class OcrFailed(DocumentError):
    stage, error_type = "ocr", "ocr_failed"


class OutOfMemory(DocumentError):
    error_type = "out_of_memory"


class WorkerDied(DocumentError):
    """The process reading a page died under it, twice (the OOM killer, a crash in a library)."""

    stage, error_type = "ocr", "worker_died"


class InternalError(DocumentError):
    """An unexpected exception inside a stage: a bug of ours or of a library, on one document.

    `details` is the traceback, formatted where it happened (a worker process's traceback does
    not survive the trip back to the parent), for the log file and `--verbose`.
    """

    error_type = "internal"

    def __init__(self, message: str, *, stage: str | None = None, details: str = "") -> None:
        super().__init__(message, stage=stage)
        self.details = details


@contextmanager
def reported_as(stage: str, where: str = "") -> Iterator[None]:
    """Turn any unexpected failure inside a stage into this document's error, not a crash.

    A bug or a library failure on one odd document must not stop a batch of thousands, but it is
    reported as `internal` with its traceback, not as a fault of the input.
    """
    prefix = f"{where}: " if where else ""
    try:
        yield
    except SohoaError:
        raise
    except MemoryError as error:
        raise OutOfMemory(f"{prefix}out of memory", stage=stage) from error
    except Exception as error:
        raise InternalError(f"{prefix}{type(error).__name__}: {error}", stage=stage,
                            details=traceback.format_exc()) from error
