"""Pages per minute through a 2-worker local Dask cluster beside the process pool, on the same
scans in one run, and the figures of the throughput model for larger clusters.

    python -m evaluation.bench_cluster [--samples samples] [--workers 2] [--out build/bench-cluster]

Both runs ingest the sample scans (PDF, PNG, TIFF; not the legacy .txt) into fresh output folders,
so every page is read; the cluster run includes starting the cluster, as a user's run would.
The model's inputs are measured here: compute per page (OCR, then restoration and extraction),
the scheduler's overhead per task (no-op tasks through the same cluster), and the bytes a page
moves (input file share, and the page's records coming back).
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import time
from pathlib import Path

from distributed import Client

from pipeline.batch import OutputOptions, ingest
from pipeline.cluster import local_cluster
from pipeline.config import ClusterConfig, Config
from pipeline.inputs import count_pages, discover_inputs, source_file
from pipeline.orchestrator import finish_document, read_page

ARCHIVE_PAGES = 300_000
CLUSTER_SIZES = (10, 50, 200)
NO_OP_TASKS = 500


def timed_ingest(scans: list[Path], out: Path, config: Config) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    summary = ingest(scans, out, config, OutputOptions(), progress=False)
    return time.monotonic() - started, summary.pages_ocr


def per_task_overhead(workers: int) -> float:
    with local_cluster(workers, ClusterConfig().retries) as cluster, Client(cluster) as client:
        client.gather(client.map(abs, range(50)))  # warm up
        started = time.monotonic()
        client.gather(client.map(abs, range(NO_OP_TASKS)))
        return (time.monotonic() - started) / NO_OP_TASKS


def page_costs(scans: list[Path]) -> tuple[float, float, float, float]:
    """Seconds per page of reading and of finishing (one core), input bytes and record bytes per page."""
    config = Config(workers=1)
    read_seconds = finish_seconds = 0.0
    pages = input_bytes = record_bytes = 0
    for path in scans:
        source = source_file(path)
        started = time.monotonic()
        readings = [read_page(source, n, config) for n in range(1, count_pages(source, config) + 1)]
        read_seconds += time.monotonic() - started
        started = time.monotonic()
        result = finish_document(source, readings)
        finish_seconds += time.monotonic() - started
        pages += len(readings)
        input_bytes += source.size_bytes
        record_bytes += len(pickle.dumps(result))
    return read_seconds / pages, finish_seconds / pages, input_bytes / pages, record_bytes / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=Path("samples"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("build/bench-cluster"))
    args = parser.parse_args()
    scans = [path for path in discover_inputs([args.samples]) if path.suffix != ".txt"]

    pool_seconds, pages = timed_ingest(scans, args.out / "pool", Config(workers=args.workers))
    started = time.monotonic()
    with local_cluster(args.workers, ClusterConfig().retries) as cluster, Client(cluster) as client:
        client.wait_for_workers(args.workers)
        start_seconds = time.monotonic() - started
        config = Config(workers=args.workers, cluster=ClusterConfig(scheduler=cluster.scheduler_address))
        cluster_seconds, _ = timed_ingest(scans, args.out / "cluster", config)
    pool_rate, cluster_rate = 60 * pages / pool_seconds, 60 * pages / cluster_seconds
    print(f"{pages} pages, {args.workers} workers, same scans, one run:")
    print(f"  process pool        {pool_rate:6.1f} pages/min ({pool_seconds:.1f} s, its workers' start included)")
    print(f"  local Dask cluster  {cluster_rate:6.1f} pages/min ({cluster_seconds:.1f} s, once its workers had joined)")
    print(f"  cluster / pool      {cluster_rate / pool_rate:6.2f}")
    print(f"  starting the cluster took {start_seconds:.1f} s more ({60 * pages / (cluster_seconds + start_seconds):.1f} "
          "pages/min with it)")

    overhead = per_task_overhead(args.workers)
    read, finish, input_bytes, record_bytes = page_costs(scans)
    print(f"\nper page: reading {read:.2f} s + restoration and extraction {finish:.2f} s (one core); "
          f"{input_bytes / 1e3:.0f} kB in, {record_bytes / 1e3:.0f} kB of records back")
    print(f"scheduler overhead: {overhead * 1e3:.1f} ms per task (2 tasks a page, plus one a document)")
    for workers in CLUSTER_SIZES:
        compute_rate = workers / (read + finish)  # pages/s the workers can do, one core each
        scheduler_rate = 1 / (2 * overhead)  # pages/s the scheduler can hand out
        rate = min(compute_rate, scheduler_rate)
        bandwidth = rate * (input_bytes + record_bytes) / 1e6
        print(f"  {workers:3d} one-core workers: {60 * rate:8.0f} pages/min "
              f"({'compute' if compute_rate <= scheduler_rate else 'scheduler'}-bound), "
              f"{ARCHIVE_PAGES:,} pages in {ARCHIVE_PAGES / rate / 3600:5.1f} h, {bandwidth:5.1f} MB/s through the client")


if __name__ == "__main__":
    main()
