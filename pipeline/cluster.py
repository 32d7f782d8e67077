"""Scaling out: the scan stages and restoration run as tasks on a Dask cluster.

The client (the `sohoa` process the user started) keeps the lock, the manifest and the cache, and
alone writes the dataset, so the output folder needs no shared filesystem. Each page is one task
(`orchestrator.read_page`); each document is one more task that restores and extracts it
(`orchestrator.finish_document`) where its pages were read: restoring legacy OCR text costs
0.36 s of CPU a page (the 25 pages of the samples' `.legacy.txt`), which on the client alone would
cap a cluster at a few pages a second (scans' `vie` text is cheaper: 0.02 s a page, `make bench-cluster`).

Inputs reach the workers by path (`--shared-fs`: every worker sees the same files at the same
paths) or as bytes the client sends once per document (as a task's input, so that they survive the
death of the worker holding them); a worker that reads a page of a document fetches those bytes once, keeps them as a file while it may read more of its pages, and
renders one page at a time, so its memory stays as flat as a local worker's.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import dask
import distributed
from distributed import Client, LocalCluster, as_completed

import diacritics
import domain
import patterns
import pipeline
from domain.records import DocumentResult, PageReading, SourceFile
from pipeline import cleanup, handwriting, ocr
from pipeline._exec import tesseract
from pipeline.cache import package_hash
from pipeline.config import ClusterConfig, Config
from pipeline.errors import ClusterRefused, ClusterUnavailable, DocumentError, WorkerDied
from pipeline.orchestrator import ScanJob, finish_document, read_page

LOCAL = "local"  # --scheduler local: a cluster of worker processes on this machine, for trying it out
PAGES_IN_FLIGHT_PER_WORKER = 4  # pages submitted ahead of the workers: enough to keep them busy


@dataclass(frozen=True)
class Work:
    """A document for the cluster: its pages to read (`readings` None), or its cached readings to
    restore and extract again (`sohoa reprocess --from restore`)."""

    job: ScanJob
    readings: tuple[PageReading, ...] | None = None


@contextmanager
def connected(settings: ClusterConfig, workers: int) -> Iterator[Client]:
    """A client of the cluster `settings.scheduler` whose workers have been checked to match this
    machine's code and Tesseract; `local` starts `workers` processes on 127.0.0.1."""
    try:
        if settings.scheduler == LOCAL:
            cluster = local_cluster(workers, settings.retries)
            client = Client(cluster)
        else:
            cluster = None
            client = Client(settings.scheduler, timeout=settings.connect_timeout)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {settings.scheduler} ({error})") from None
    try:
        check_workers(client, settings.connect_timeout)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def local_cluster(workers: int, retries: int) -> LocalCluster:
    """One single-threaded worker process per core, on 127.0.0.1 only.

    Each worker is handed one task at a time (worker-saturation 1.0; Dask's default 1.1 gives a
    one-thread worker two): when a worker dies, Dask counts the death against every task it held,
    so a queued page beside a poison page would be failed with it.
    """
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, scheduler_kwargs={"allowed_failures": retries})


def worker_environment() -> dict:
    """What must be the same on the client and every worker, or the cache would mix the output of
    two versions: the code of every stage, the stage versions, Tesseract and its languages."""
    return {
        "sohoa": pipeline.__version__,
        "cleanup": cleanup.VERSION,
        "ocr": ocr.VERSION,
        "handwriting": handwriting.VERSION,
        "code": [package_hash(diacritics), package_hash(patterns), package_hash(domain)],
        "tesseract": tesseract.version() if shutil.which(tesseract.PROGRAM) else None,
        "languages": sorted(tesseract.installed_languages()) if shutil.which(tesseract.PROGRAM) else [],
    }


def check_workers(client: Client, timeout: str = "30s") -> None:
    """Refuse a cluster with no worker after `timeout`, or with a worker whose environment differs
    from ours."""
    try:
        client.wait_for_workers(1, timeout=timeout)  # workers started beside the scheduler may still be joining
    except TimeoutError:
        raise ClusterRefused(f"the Dask scheduler at {client.scheduler.address} has no workers") from None
    environments = client.run(worker_environment)
    ours = worker_environment()
    for worker, theirs in sorted(environments.items()):
        differing = [key for key in ours if theirs.get(key) != ours[key]]
        if differing:
            details = "; ".join(f"{key}: {theirs.get(key)} there, {ours[key]} here" for key in differing)
            raise ClusterRefused(f"worker {worker} does not match this machine ({details}); "
                                 "install the same sohoa and Tesseract there (make run)")


def worker_count(client: Client) -> int:
    return len(client.scheduler_info()["workers"])


def process_on_cluster(
    client: Client, work: Iterable[Work], config: Config, on_page: Callable[[], None] = lambda: None
) -> Iterator[tuple[ScanJob, DocumentResult | DocumentError]]:
    """Each document's result, or the error that stopped it, as its last task finishes.

    Pages are submitted a few per worker ahead, so the scheduler holds a bounded window however
    large the batch. A task whose worker died is run again elsewhere by Dask; one that has killed
    `retries` workers (a poison page) fails its document as `worker_died`.
    """
    window = PAGES_IN_FLIGHT_PER_WORKER * max(1, worker_count(client))
    pending = iter(work)
    in_flight = as_completed(loop=client.loop)  # this client's loop: a process may hold several clients
    documents: dict[str, ScanJob] = {}  # result future key → its document
    pages_out = 0
    try:
        while True:
            while pages_out < window and (item := next(pending, None)) is not None:
                result, pages = _submit(client, item, config)
                documents[result.key] = item.job
                in_flight.add(result)
                pages_out += len(pages)
                for page in pages:
                    in_flight.add(page)
            if in_flight.is_empty():
                return
            future = next(in_flight)
            if future.key not in documents:  # a page
                pages_out -= 1
                if future.status == "finished":
                    on_page()
                continue
            yield documents.pop(future.key), _outcome(future)
    except (OSError, distributed.comm.CommClosedError, TimeoutError) as error:
        raise ClusterUnavailable(f"lost the Dask scheduler ({error}); run the same command again: "
                                 "what was finished is in the cache") from None


def _submit(client: Client, item: Work, config: Config) -> tuple[distributed.Future, list[distributed.Future]]:
    """The document's result task, and the page tasks it waits for (none for cached readings)."""
    source = item.job.source
    if item.readings is not None:
        return client.submit(_finish, source, list(item.readings), pure=False), []
    # Sent as a task, not scattered: the scheduler keeps a task's inputs and runs it again when the
    # worker holding its result dies, where scattered data would be lost with that worker.
    data = source.path if config.cluster.shared_filesystem else client.submit(_sent, source.path.read_bytes(), pure=False)
    pages = [client.submit(_read_page, data, source, number, config, pure=False)
             for number in range(1, item.job.pages + 1)]
    return client.submit(_finish, source, pages, pure=False), pages


def _outcome(future: distributed.Future) -> DocumentResult | DocumentError:
    try:
        return future.result()
    except DocumentError as error:
        return error
    except distributed.KilledWorker as error:
        return WorkerDied(f"every worker that ran one of its pages died (a page that crashes Tesseract or "
                          f"exhausts memory): {error}")
    except distributed.client.FutureCancelledError as error:
        if future.client.status != "running":
            raise ClusterUnavailable(f"lost the Dask scheduler ({error}); run the same command again: "
                                     "what was finished is in the cache") from None
        return WorkerDied(f"its task was cancelled by the scheduler: {error}")


# --- on the workers ----------------------------------------------------------------------------


def _sent(data: bytes) -> bytes:
    return data


def _read_page(data: bytes | Path, source: SourceFile, number: int, config: Config) -> PageReading:
    if isinstance(data, bytes):
        source = replace(source, path=_local_copy(data, source))
    return read_page(source, number, config)


def _finish(source: SourceFile, readings: list[PageReading]) -> DocumentResult:
    return finish_document(source, readings)


# This worker process's copies of the inputs sent to it, newest last: state of the worker process,
# not of the pipeline (the client never sees it).
_COPIES: OrderedDict[str, Path] = OrderedDict()
_COPIES_KEPT = 8  # documents whose pages this worker may still be asked to read
_COPY_DIR: list[tempfile.TemporaryDirectory] = []


def _local_copy(data: bytes, source: SourceFile) -> Path:
    """The sent file as a file on this worker, written once per document (a PDF's pages are
    rendered from a file), the oldest of more than _COPIES_KEPT removed."""
    if source.sha256 in _COPIES:
        _COPIES.move_to_end(source.sha256)
        return _COPIES[source.sha256]
    if not _COPY_DIR:
        _COPY_DIR.append(tempfile.TemporaryDirectory(prefix="sohoa-worker-"))
        atexit.register(_COPY_DIR[0].cleanup)
    path = Path(_COPY_DIR[0].name) / f"{source.sha256}{source.path.suffix.lower()}"
    path.write_bytes(data)
    _COPIES[source.sha256] = path
    while len(_COPIES) > _COPIES_KEPT:
        _COPIES.popitem(last=False)[1].unlink(missing_ok=True)
    return path


