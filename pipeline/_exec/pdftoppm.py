"""pdftoppm (poppler): the one place that renders a PDF page to pixels.

pdf2image ran it with its whole stderr kept in memory and no time limit: a content stream that
inflates to 200 MB of `0 ` operands makes poppler print 5.7 GB of "Syntax Error" lines (measured:
20 MB of operands, 535 MB of stderr in 20 s), which pdf2image held as one bytes object (13.8 GB
peak). Here stderr is read as it comes and only its first lines are kept, the image comes as one
PPM on stdout (no temporary file that could fill /tmp) read straight into its array (pdf2image
held the PPM bytes, a PIL image and two arrays: 4 copies of a 237 MB page), and a run past its
time limit is killed.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np

from pipeline.errors import CorruptInput, InputTooLarge, MissingDependency, StageTimeout

PROGRAM = "pdftoppm"
STDERR_KEPT = 4096  # bytes of poppler's messages kept for the error message; the rest is read and dropped


def render(path: Path, number: int, dpi: int, timeout: float, max_pixels: int) -> np.ndarray:
    """Page `number` of the PDF at `path` at `dpi`, as an RGB array; refused past `max_pixels`."""
    command = [PROGRAM, "-r", str(dpi), "-f", str(number), "-l", str(number), str(path)]
    try:
        run = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise MissingDependency("poppler-utils (pdftoppm) is not installed (apt-get install poppler-utils)") from None
    stderr = bytearray()
    drain = threading.Thread(target=_keep_start, args=(run.stderr, stderr), daemon=True)
    expired = threading.Event()
    timer = threading.Timer(timeout, lambda: (expired.set(), run.kill()))
    with run:
        drain.start()
        timer.start()
        try:
            image = _read_ppm(run.stdout, number, max_pixels)
            run.stdout.close()  # anything more poppler wrote would be no page of ours
            run.wait()
        except BaseException:
            run.kill()  # or it would block on the pipe nobody reads, and the drain wait for it
            raise
        finally:
            timer.cancel()
            drain.join()
    if expired.is_set():
        raise StageTimeout(f"page {number}: rendering took longer than {timeout:g} s", stage="input")
    if run.returncode != 0 or image is None:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[0] if message else f"exit status {run.returncode}"
        raise CorruptInput(f"page {number} cannot be rendered (pdftoppm: {reason})")
    return image


def _read_ppm(stream, number: int, max_pixels: int) -> np.ndarray | None:
    """The binary PPM (`P6`, 8 bits) on `stream`, or None when there is none or it is cut short."""
    header = [stream.readline() for _ in range(3)]  # P6 / width height / 255, as poppler writes them
    try:
        width, height = map(int, header[1].split())
    except ValueError:
        return None
    if header[0].strip() != b"P6":
        return None
    if width * height > max_pixels:
        raise InputTooLarge(f"page {number} rendered to {width}x{height} pixels, over the limit of {max_pixels:,}")
    image = np.empty((height, width, 3), np.uint8)
    buffer, filled = memoryview(image).cast("B"), 0
    while filled < len(buffer) and (count := stream.readinto(buffer[filled:])):
        filled += count
    return image if filled == len(buffer) else None


def _keep_start(stream, kept: bytearray) -> None:
    """Read `stream` to its end, keeping its first STDERR_KEPT bytes."""
    for block in iter(lambda: stream.read(1 << 16), b""):
        kept += block[: max(0, STDERR_KEPT - len(kept))]
