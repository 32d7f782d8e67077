"""Peak memory of a long scanned PDF through `pipeline.orchestrator.read_scans` (default config).

    python -m evaluation.bench_memory [--samples samples] [--pages 200] [--out build/bench-memory]

The PDF is assembled from the pages of the sample PDFs, repeated in turn, and written to `--out`
(not committed). Peak resident memory is read from the kernel: this process (RUSAGE_SELF) and the
largest of its finished descendants (RUSAGE_CHILDREN: a worker process, or a Tesseract it ran).
The whole run's peak is at most the main process's plus one largest child per worker.
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import pypdf

from pipeline.config import Config
from pipeline.dataset import atomic_write
from pipeline.errors import DocumentError
from pipeline.inputs import count_pages, source_file
from pipeline.orchestrator import ScanJob, read_scans

TARGET_MB = 1024


@dataclass(frozen=True)
class MemoryReport:
    pages: int
    seconds: float
    main_mb: float
    largest_child_mb: float
    workers: int

    @property
    def bound_mb(self) -> float:
        return self.main_mb + self.workers * self.largest_child_mb

    def lines(self) -> str:
        verdict = "within" if self.bound_mb < TARGET_MB else "OVER"
        return "\n".join([
            f"{self.pages} pages in {self.seconds:.0f} s ({60 * self.pages / self.seconds:.1f} pages/min, {self.workers} workers)",
            f"peak RSS: main process {self.main_mb:.0f} MB, largest worker or Tesseract {self.largest_child_mb:.0f} MB",
            f"whole run at most {self.bound_mb:.0f} MB (main + {self.workers} x largest child): {verdict} the {TARGET_MB} MB target",
        ])


def long_scan(samples: Path, pages: int, path: Path) -> Path:
    """A `pages`-page PDF cycling through the pages of the sample PDFs."""
    sources = [page for pdf in sorted(samples.glob("*.pdf")) for page in pypdf.PdfReader(pdf).pages]
    if not sources:
        raise SystemExit(f"no sample PDFs in {samples}")
    writer = pypdf.PdfWriter()
    for i in range(pages):
        writer.add_page(sources[i % len(sources)])
    atomic_write(path, lambda temporary: writer.write(temporary))
    return path


def measure(path: Path, config: Config) -> MemoryReport:
    source = source_file(path)
    pages = count_pages(source, config)
    started = time.monotonic()
    for _, outcome in read_scans([ScanJob(source, pages)], config):
        if isinstance(outcome, DocumentError):
            raise SystemExit(f"the document failed: {outcome}")
    seconds = time.monotonic() - started
    return MemoryReport(
        pages=pages,
        seconds=seconds,
        main_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux reports KiB
        largest_child_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        workers=config.workers,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=Path("samples"))
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path("build/bench-memory"))
    args = parser.parse_args()
    path = long_scan(args.samples, args.pages, args.out / f"scan-{args.pages}.pdf")
    print(measure(path, Config()).lines())


if __name__ == "__main__":
    main()
