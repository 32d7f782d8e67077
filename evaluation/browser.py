"""A real browser on the workspace: `sohoa serve` on a free loopback port, headless Chromium
loading its pages, and the README's screenshots (`make screenshots`).

    python -m evaluation.browser out/ docs/img    # screenshots of a served dataset and its report
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# As root in a container Chromium needs --no-sandbox; the rest keeps it off the network and quiet.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)
WINDOW = "1280,900"
STARTUP_SECONDS = 30.0


def chromium(*arguments: str, timeout: float = 60.0) -> str:
    """Run headless Chromium once with a throwaway profile; its stdout."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        raise RuntimeError("chromium is not installed (make test installs it: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="sohoa-chromium-") as profile:
        done = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
                              capture_output=True, text=True, timeout=timeout, check=True)
    return done.stdout


def dom(url: str) -> str:
    """The page's DOM once loaded, scripts run."""
    return chromium("--dump-dom", url)


def screenshot(url: str, path: Path, window: str = WINDOW) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    chromium(f"--screenshot={path.resolve()}", f"--window-size={window}", url)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(out_dir: Path) -> Iterator[str]:
    """`sohoa serve` on `out_dir` at a free loopback port, for the duration; its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--out", str(out_dir),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"sohoa serve did not start: {server.stderr.read().decode()}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="an output folder of `sohoa ingest`")
    parser.add_argument("images", type=Path, help="folder for the screenshots")
    arguments = parser.parse_args()
    from pipeline.report import write_report
    from pipeline.workspace import ensure_database

    with sqlite3.connect(ensure_database(arguments.out)) as connection:
        (doc_id, page), = connection.execute(
            "SELECT doc_id, page FROM pages WHERE image IS NOT NULL ORDER BY doc_id, page LIMIT 1").fetchall()
    with served(arguments.out) as base:
        screenshot(f"{base}/sohoa/documents?_facet=doc_type&_facet=year", arguments.images / "workspace-documents.png")
        screenshot(f"{base}/sohoa/search?q=cai+cach+hanh+chinh", arguments.images / "workspace-search.png")
        screenshot(f"{base}/sohoa/pages/{doc_id},{page}", arguments.images / "workspace-page.png")
    report = write_report(arguments.out)
    screenshot(report.resolve().as_uri(), arguments.images / "report.png", window="1280,1400")


if __name__ == "__main__":
    main()
