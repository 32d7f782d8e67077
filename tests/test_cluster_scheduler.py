"""The scheduler going away mid-batch: the run stops with a clear message and exit status 6, and
the same command resumes from the cache on a new cluster. `dask scheduler` and `dask worker` run
as subprocesses on 127.0.0.1, as an operator starts them."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import ExitCode
from tests.conftest import write_scanned_pdf

pytestmark = pytest.mark.slow
DASK = str(Path(sys.executable).parent / "dask")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cluster(port: int) -> list[subprocess.Popen]:
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--dashboard-address", ":0"], stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "1",
                               "--host", "127.0.0.1", "--dashboard-address", ":0"], stderr=subprocess.DEVNULL)
    return [worker, scheduler]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.kill()
        process.wait()


def test_a_lost_scheduler_stops_the_run_and_the_same_command_resumes(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):
        write_scanned_pdf(inbox / f"scan{i}.pdf", lines=[f"Báo cáo số {i + 1}", "Tiếp nhận 1.234 hồ sơ"])
    port = free_port()
    command = [sys.executable, "-m", "pipeline.cli", "ingest", str(inbox), "--out", str(tmp_path / "out"),
               "--scheduler", f"tcp://127.0.0.1:{port}"]
    cluster = start_cluster(port)
    try:
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        done = tmp_path / "out" / ".sohoa-cache" / "done"
        deadline = time.monotonic() + 120
        while not (done.is_dir() and any(done.glob("*.json"))) and time.monotonic() < deadline:
            time.sleep(0.1)
        stop(cluster[1:])  # the scheduler dies; its worker is left without one
        _, stderr = run.communicate(timeout=120)
    finally:
        stop(cluster)
    assert run.returncode == ExitCode.CLUSTER, stderr
    assert "lost the Dask scheduler" in stderr and "run the same command again" in stderr

    cluster = start_cluster(port)
    try:
        resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        stop(cluster)
    assert resumed.returncode == 0, resumed.stderr
    assert "4 documents, 4 pages" in resumed.stderr
