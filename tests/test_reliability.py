"""Reliability: hostile inputs and faults an operator meets, each handled without a person.

Hostile files are generated here, small on disk. Anything that could eat the machine if it
regressed runs in a subprocess under RLIMIT_AS, so a regression fails the test instead.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import numpy
import pytest

from patterns.references import extract_references
from patterns.text import CONTEXT_CHARS, sentence_around
from pipeline import orchestrator
from pipeline.batch import OutputOptions, ingest
from pipeline.config import Config
from pipeline.errors import StageTimeout, TextEncodingError, UnreadableInput, UnsupportedInput, reported_as
from pipeline.inputs import legacy_text_pages, source_file
from tests.conftest import write_scanned_pdf
from tests.test_batch import DATASET, make_inbox
from tests.test_cli import read_csv
from tests.test_inputs import png_header_only

REPO = Path(__file__).parent.parent
GIB = 1 << 30
INGEST = [sys.executable, "-m", "pipeline.cli", "ingest", "--workers", "2"]


def run_limited(code: str, *, memory: int, timeout: float, cwd: Path = REPO) -> str:
    """Run `code` in a fresh Python whose address space is capped at `memory` bytes; its stdout."""
    preamble = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
    result = subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1",
                              "OMP_NUM_THREADS": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# --- 1. extractors linear in the input -----------------------------------------------------


def test_a_context_is_its_sentence_cut_to_whole_words_within_the_window_either_side():
    citation = "Quyết định số 1/QĐ-UBND"
    text = "word " * 200 + citation + " word" * 200  # one sentence of 2,000 words, no end
    start = text.index(citation)
    context = sentence_around(text, start, start + len(citation))
    words = CONTEXT_CHARS // len("word ")
    assert context == " ".join(["word"] * words + [citation] + ["word"] * words)


def test_a_short_sentence_is_kept_whole():
    text = "Mở đầu. Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2023; tiếp theo."
    start = text.index("1/QĐ")
    assert sentence_around(text, start, start + 9) == "Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2023;"


def test_an_appendix_of_3000_citations_one_a_line_keeps_each_with_a_bounded_context():
    text = "".join(f"Quyết định số {n}/QĐ-UBND ngày 1/1/2023\n" for n in range(1, 3001))
    references = extract_references(text)
    assert [r.number for r in references] == [str(n) for n in range(1, 3001)]
    assert max(len(r.context) for r in references) <= 2 * CONTEXT_CHARS + len("Quyết định số 3000/QĐ-UBND")


def test_citations_past_the_cap_of_a_page_are_dropped_with_a_warning(caplog):
    text = "".join(f"Quyết định số {n}/QĐ-UBND\n" for n in range(1, 5003))
    references = extract_references(text, page=4)
    assert (len(references), references[-1].number) == (5000, "5000")
    assert caplog.messages == ["page 4 cites 5002 documents; only the first 5000 are kept"]


def test_940_kb_of_one_citation_repeated_is_processed_in_bounded_memory(tmp_path: Path):
    unit = "Quyết định số 1/QĐ-UBND ngày 1/1/2023 "
    path = tmp_path / "citations.txt"
    path.write_text(unit * (940_000 // len(unit.encode())), encoding="utf-8")  # no sentence end at all
    output = run_limited(f"""
        from pathlib import Path
        from pipeline.config import Config
        from pipeline.inputs import source_file
        from pipeline.orchestrator import process_document
        result = process_document(source_file(Path({str(path)!r})), Config(workers=1))
        print([(r.number_symbol, r.ref_date) for r in result.extraction.references])
    """, memory=1 * GIB, timeout=60)
    assert output == "[('1/QĐ-UBND', '2023-01-01')]\n"


# --- 1b. no page is made larger than the pixel budget, nor takes longer than its time limit -------


def minimal_pdf(path: Path, content: bytes, mediabox: str = "0 0 612 792") -> Path:
    """A one-page PDF drawing `content` (deflated) in Helvetica on a page of `mediabox`."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font "
        b"/Subtype /Type1 /BaseFont /Helvetica >> >> >> >>" % mediabox.encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"xref\n0 5\n0000000000 65535 f \n%strailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        xref, len(data))
    path.write_bytes(data)
    return path


def first_page_limited(path: Path, config: str = "Config()", memory: int = 1 * GIB) -> str:
    """`page_images` of `path`'s first page, in a process capped at `memory`: its dpi and shape, or its error."""
    return run_limited(f"""
        from pathlib import Path
        from pipeline.config import Config
        from pipeline.errors import DocumentError
        from pipeline.inputs import page_images, source_file
        try:
            page = next(page_images(source_file(Path({str(path)!r})), {config}))
            print(page.dpi, page.image.shape)
        except DocumentError as error:
            print(f"[{{error.stage}}/{{error.error_type}}] {{error}}")
    """, memory=memory, timeout=60).rstrip("\n")


def test_an_image_declaring_50_dpi_for_8900_pixels_is_refused_before_it_is_upscaled_6_times(tmp_path: Path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(width=8900, height=8900, dpi=50))
    assert first_page_limited(path) == (
        "[input/too_large] page 1 is 178.0x178.0 inches: within the limit of 80,000,000 pixels it could be "
        "read at 50 DPI only, below the 100 DPI its text needs"
    )


def test_a_flipped_media_box_is_measured_by_its_size_not_its_signed_width(tmp_path: Path):
    path = minimal_pdf(tmp_path / "flipped.pdf", b"", mediabox="6400 0 0 6400")  # width -6400 pt, 89 inches
    assert first_page_limited(path) == "100 (8889, 8889, 3)"  # the resolution that fits 80 Mpx, not 300 DPI


def test_a_25_by_50_inch_poster_is_read_at_the_highest_resolution_that_fits(tmp_path: Path):
    path = minimal_pdf(tmp_path / "poster.pdf", b"BT /F1 200 Tf 100 3000 Td (SO LIEU 2023) Tj ET",
                       mediabox="0 0 1800 3600")  # 7500x15000 pixels at 300 DPI, OCRmyPDF's poster.pdf
    assert first_page_limited(path) == "252 (12600, 6300, 3)"


def test_poppler_printing_hundreds_of_megabytes_of_errors_keeps_the_page_in_bounded_memory(tmp_path: Path):
    path = minimal_pdf(tmp_path / "operands.pdf", b"0 " * 8_000_000)  # 16 MB of operands in a 16 KB file
    assert path.stat().st_size < 20_000
    # pdftoppm prints 214 MB of "Syntax Error" lines; pdf2image kept them, twice, over this cap
    assert first_page_limited(path, memory=1 * GIB) == "300 (3300, 2550, 3)"


def test_rendering_past_its_time_limit_fails_that_page(tmp_path: Path):
    path = minimal_pdf(tmp_path / "operands.pdf", b"0 " * 8_000_000)
    assert first_page_limited(path, "Config(render_timeout_seconds=1)") == (
        "[input/timeout] page 1: rendering took longer than 1 s"
    )


def test_cleanup_past_its_time_limit_fails_that_page(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(orchestrator, "clean_page", lambda page, config: time.sleep(5))
    source = source_file(write_scanned_pdf(tmp_path / "scan.pdf"))
    started = time.monotonic()
    with pytest.raises(StageTimeout, match=r"^page 1: cleanup took longer than 0.5 s$") as error:
        orchestrator.read_page(source, 1, Config(cleanup_timeout_seconds=0.5))
    assert (error.value.stage, error.value.error_type) == ("cleanup", "timeout")
    assert time.monotonic() - started < 3


def read_page_allocating(source, number, config):
    """Runs in a worker: needs 2 GiB for a page."""
    with reported_as("cleanup", f"page {number}"):
        numpy.ones(2 * GIB, numpy.uint8)


def test_a_page_over_the_worker_memory_cap_fails_alone_as_out_of_memory(tmp_path: Path, monkeypatch):
    inbox = make_inbox(tmp_path, scans=1)
    monkeypatch.setattr(orchestrator, "read_page", read_page_allocating)

    summary = ingest([inbox], tmp_path / "out", Config(workers=2, worker_memory_bytes=1 * GIB), OutputOptions(),
                     progress=False)

    assert [(Path(e["source_path"]).name, e["stage"], e["error_type"], e["message"]) for e in summary.errors] == [
        ("scan0.pdf", "cleanup", "out_of_memory", "page 1: out of memory"),
    ]
    assert summary.documents == 1


# --- 2. a killed or stopped run leaves no lock and no orphan ---------------------------------


@pytest.fixture(scope="module")
def inbox_and_clean_run(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("batch")
    inbox = make_inbox(root, scans=4)
    subprocess.run([*INGEST, str(inbox), "--out", str(root / "clean")], check=True, capture_output=True)
    return inbox, root / "clean"


def start_and_wait_for_a_first_scan(inbox: Path, out: Path) -> subprocess.Popen:
    """A run with its workers busy: one scan read, three to go."""
    run = subprocess.Popen([*INGEST, str(inbox), "--out", str(out)], stderr=subprocess.PIPE, text=True)
    done = out / ".sohoa-cache" / "read"
    deadline = time.monotonic() + 120
    while not (done.is_dir() and any(done.glob("*.json"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    return run


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def wait_gone(pids: set[int], seconds: float = 20) -> set[int]:
    deadline = time.monotonic() + seconds
    while (alive := {pid for pid in pids if Path(f"/proc/{pid}").exists()}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def assert_same_dataset(out: Path, clean: Path) -> None:
    for name in DATASET:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


def test_kill_9_of_the_main_process_takes_its_workers_and_an_immediate_rerun_completes(
    inbox_and_clean_run, tmp_path: Path
):
    inbox, clean = inbox_and_clean_run
    run = start_and_wait_for_a_first_scan(inbox, tmp_path / "out")
    workers = children(run.pid)
    run.kill()  # the main process only, not its process group: nobody is there to stop the workers
    run.wait()

    assert len(workers) >= 2 and wait_gone(workers) == set()
    subprocess.run([*INGEST, str(inbox), "--out", str(tmp_path / "out")], check=True, capture_output=True)
    assert_same_dataset(tmp_path / "out", clean)


def test_sigterm_stops_the_run_like_ctrl_c_and_the_next_run_resumes(inbox_and_clean_run, tmp_path: Path):
    inbox, clean = inbox_and_clean_run
    run = start_and_wait_for_a_first_scan(inbox, tmp_path / "out")
    workers = children(run.pid)
    run.terminate()
    _, stderr = run.communicate(timeout=60)

    assert (run.returncode, stderr.splitlines()[-1]) == (130, "sohoa: interrupted; run the same command again to resume")
    assert wait_gone(workers) == set()
    again = subprocess.run([*INGEST, str(inbox), "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert again.returncode == 0 and "OCR'd in this run" in again.stderr
    assert_same_dataset(tmp_path / "out", clean)


# --- 3. a dead worker fails only the page it held ---------------------------------------------


def read_page_or_die(source, number, config):
    """Runs in a worker: `dies-once.pdf` kills its worker the first time, `dies-always.pdf` every time."""
    marker = source.path.with_suffix(".died")
    if source.path.name == "dies-always.pdf" or (source.path.name == "dies-once.pdf" and not marker.exists()):
        marker.touch()
        os._exit(9)
    return orchestrator.read_page(source, number, config)


def test_a_worker_that_dies_is_replaced_and_only_a_page_that_kills_it_twice_fails(tmp_path: Path, monkeypatch):
    inbox = make_inbox(tmp_path, scans=2)
    write_scanned_pdf(inbox / "dies-once.pdf", lines=["Báo cáo số 7"])
    write_scanned_pdf(inbox / "dies-always.pdf", lines=["Báo cáo số 8"])
    monkeypatch.setattr(orchestrator, "read_page", read_page_or_die)

    summary = ingest([inbox], tmp_path / "out", Config(workers=2), OutputOptions(), progress=False)

    assert [(Path(e["source_path"]).name, e["stage"], e["error_type"], e["message"]) for e in summary.errors] == [
        ("dies-always.pdf", "ocr", "worker_died",
         "page 1: the process reading it died, twice (out of memory, or killed by a signal)"),
    ]
    documents = read_csv(tmp_path / "out" / "documents.csv")
    assert sorted(Path(d["source_path"]).name for d in documents) == [
        "dies-once.pdf", "legacy.txt", "scan0.pdf", "scan1.pdf",
    ]


# --- 4. inputs that are not what their names say ----------------------------------------------


def test_links_that_lead_nowhere_and_files_that_are_no_files_become_error_rows(tmp_path: Path, capsys):
    inbox = make_inbox(tmp_path, scans=0)
    (inbox / "dangling.pdf").symlink_to("missing.pdf")
    (inbox / "loop.pdf").symlink_to("loop.pdf")
    os.mkfifo(inbox / "pipe.txt")  # opening it would wait for a writer forever
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up").symlink_to("..")  # a folder loop is not walked
    (inbox / "two\nlines.txt").write_bytes(b"")

    summary = ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)

    assert {(Path(e["source_path"]).name, e["error_type"], e["message"]) for e in summary.errors} == {
        ("dangling.pdf", "unreadable", "symbolic link to a file that does not exist (missing.pdf)"),
        ("loop.pdf", "unreadable", "symbolic link that leads back to itself (a loop)"),
        ("pipe.txt", "unsupported", "not a regular file (a pipe, socket or device)"),
        ("two\nlines.txt", "empty", "file is empty (0 bytes)"),
    }
    assert summary.documents == 1
    assert f"error: {inbox}/two\\nlines.txt: [input/empty] file is empty (0 bytes)\n" in capsys.readouterr().out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_an_unreadable_row(tmp_path: Path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "secret.pdf").chmod(0)
    with pytest.raises(UnreadableInput, match=r"cannot be read \(Permission denied\)"):
        source_file(tmp_path / "secret.pdf")


def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path):
    assert text_pages(tmp_path, "Số: 937/BC-VP\fTrang hai".encode("utf-16")) == ["Số: 937/BC-VP", "Trang hai"]


def test_utf16_text_without_a_byte_order_mark_is_not_called_a_legacy_8bit_encoding(tmp_path: Path):
    with pytest.raises(TextEncodingError, match="^not UTF-8: it has NUL bytes, so it is UTF-16 without a byte-order"):
        text_pages(tmp_path, "Số: 937/BC-VP".encode("utf-16-le"))


@pytest.mark.parametrize(("start", "kind"), [(b"%PDF-1.7\n\xe2\xe3", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"),
                                             (b"PK\x03\x04\x14\x00", "ZIP (or .docx/.xlsx)")])
def test_a_binary_file_named_txt_is_called_what_it_is(tmp_path: Path, start: bytes, kind: str):
    with pytest.raises(UnsupportedInput, match=rf"^a {re.escape(kind)} file named .txt: rename it"):
        text_pages(tmp_path, start + b"\xff" * 100)


def text_pages(folder: Path, data: bytes) -> list[str]:
    path = folder / "legacy.txt"
    path.write_bytes(data)
    return legacy_text_pages(source_file(path))


# --- 7. a damaged cache ------------------------------------------------------------------------


def test_a_truncated_manifest_is_moved_aside_and_rebuilt_without_reading_again(tmp_path: Path, caplog):
    inbox = make_inbox(tmp_path, scans=1)
    out = tmp_path / "out"
    ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)
    manifest = out / ".sohoa-cache" / "manifest.json"
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[: len(whole) // 2])

    again = ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)

    assert (again.documents, again.pages_ocr, len(again.errors)) == (2, 0, 0)
    assert (out / ".sohoa-cache" / "manifest.json.damaged").read_bytes() == whole[: len(whole) // 2]
    assert manifest.read_bytes() == whole
    assert caplog.messages == [
        f"{manifest} was damaged; moved aside to manifest.json.damaged and rebuilt from this run's inputs"
    ]
