"""`sohoa ingest --scheduler`: the same dataset as one machine, on a real Dask cluster on 127.0.0.1,
and nothing lost when a worker dies. Faults are injected inside the workers by a worker plugin."""

import os
import signal
from pathlib import Path

import pytest
from distributed import Client, WorkerPlugin

from pipeline.batch import OutputOptions, ingest
from pipeline import cluster as sohoa_cluster
from pipeline.config import ClusterConfig, Config
from pipeline.errors import ClusterRefused, ClusterUnavailable
from tests.conftest import write_scanned_pdf

DATASET = ("documents.csv", "references.csv", "statistics.csv", "pages.csv")

pytestmark = pytest.mark.slow


def make_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    write_scanned_pdf(inbox / "scan.pdf", pages=2, lines=["Báo cáo số 1", "Tiếp nhận 1.234 hồ sơ"])
    write_scanned_pdf(inbox / "poison.pdf", lines=["Báo cáo số 2", "Tiếp nhận 5.678 hồ sơ"])
    (inbox / "legacy.txt").write_text("UBND tinh Quang Ngai\nS6: 937 /BC-VP", encoding="utf-8")
    return inbox


class KillWorkerReading(WorkerPlugin):
    """Fault injection: the worker that reads a page of a file named `name` dies by SIGKILL, the
    first time only when `once_marker` is given (the marker file says it happened), else always."""

    def __init__(self, name: str, once_marker: Path | None = None) -> None:
        self.name, self.once_marker = name, once_marker

    def setup(self, worker) -> None:
        from pipeline import cluster

        real_task, name, marker = cluster._read_page, self.name, self.once_marker

        def read_page_task(data, source, number, config):
            if Path(source.path).name.startswith(name) and (marker is None or not marker.exists()):
                if marker is not None:
                    marker.touch()
                os.kill(os.getpid(), signal.SIGKILL)
            return real_task(data, source, number, config)

        cluster._read_page = read_page_task


@pytest.fixture
def local_cluster():
    with sohoa_cluster.local_cluster(workers=2, retries=1) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        yield cluster, client


def on_cluster(address: str, shared_fs: bool = False) -> Config:
    return Config(workers=2, cluster=ClusterConfig(scheduler=address, shared_filesystem=shared_fs))


def test_a_local_cluster_gives_byte_identical_tables_to_the_process_pool(tmp_path: Path):
    inbox = make_inbox(tmp_path)
    ingest([inbox], tmp_path / "pool", Config(workers=2), OutputOptions(), progress=False)
    summary = ingest([inbox], tmp_path / "cluster", on_cluster("local"), OutputOptions(), progress=False)
    assert (summary.documents, summary.pages_ocr, summary.errors) == (3, 3, [])
    for name in DATASET:
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_a_worker_killed_mid_batch_has_its_page_read_again_by_another(tmp_path: Path, local_cluster):
    cluster, client = local_cluster
    client.register_plugin(KillWorkerReading("scan", once_marker=tmp_path / "killed-once"))
    summary = ingest([make_inbox(tmp_path)], tmp_path / "out", on_cluster(cluster.scheduler_address),
                     OutputOptions(), progress=False)
    assert (tmp_path / "killed-once").exists()
    assert (summary.documents, summary.errors) == (3, [])


def test_a_page_that_kills_every_worker_ends_as_an_error_row_and_the_batch_goes_on(tmp_path: Path, local_cluster):
    cluster, client = local_cluster
    client.register_plugin(KillWorkerReading("poison"))
    summary = ingest([make_inbox(tmp_path)], tmp_path / "out", on_cluster(cluster.scheduler_address, shared_fs=True),
                     OutputOptions(), progress=False)
    assert summary.documents == 2
    [error] = summary.errors
    assert (Path(error["source_path"]).name, error["stage"], error["error_type"]) == ("poison.pdf", "ocr", "worker_died")


def test_a_scheduler_that_cannot_be_reached_stops_the_run_with_a_clear_error(tmp_path: Path):
    config = Config(cluster=ClusterConfig(scheduler="tcp://127.0.0.1:9", connect_timeout="2s"))
    with pytest.raises(ClusterUnavailable, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        ingest([make_inbox(tmp_path)], tmp_path / "out", config, OutputOptions(), progress=False)


def test_a_worker_with_other_code_is_refused_by_name(tmp_path: Path, local_cluster, monkeypatch):
    cluster, _ = local_cluster
    from pipeline import ocr

    monkeypatch.setattr(ocr, "VERSION", "older")  # the client's stage version now differs from the workers'
    with pytest.raises(ClusterRefused, match=r"worker tcp://127\.0\.0\.1:\d+ does not match this machine \(ocr: "):
        ingest([make_inbox(tmp_path)], tmp_path / "out", on_cluster(cluster.scheduler_address),
               OutputOptions(), progress=False)
