"""Error taxonomy and exit codes.

Every failure of one document is a `DocumentError`: it names the stage that failed and a short
machine-readable `error_type`, and becomes one row of errors.csv while the batch goes on.
"""

from __future__ import annotations

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
    INTERRUPTED = 130  # Ctrl-C; a re-run resumes where this one stopped


class DocumentError(Exception):
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


class TextEncodingError(DocumentError):
    stage, error_type = "input", "encoding"


class OcrTimeout(DocumentError):
    stage, error_type = "ocr", "timeout"


class OcrFailed(DocumentError):
    stage, error_type = "ocr", "ocr_failed"


class MissingDependency(Exception):
    """A system program the pipeline needs is absent: fatal for the whole run, not one document."""


@contextmanager
def reported_as(stage: str, where: str = "") -> Iterator[None]:
    """Turn any unexpected failure inside a stage into this document's error, not a crash.

    A bug or a library failure on one odd document must not stop a batch of thousands.
    """
    prefix = f"{where}: " if where else ""
    try:
        yield
    except (DocumentError, MissingDependency):
        raise
    except MemoryError:
        raise DocumentError(f"{prefix}out of memory", stage=stage) from None
    except Exception as error:
        raise DocumentError(f"{prefix}{type(error).__name__}: {error}", stage=stage) from None
