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
from pathlib import Path

import pytest

from patterns.references import extract_references
from patterns.text import CONTEXT_CHARS, sentence_around
from pipeline import orchestrator
from pipeline.batch import OutputOptions, ingest
from pipeline.config import Config
from pipeline.errors import TextEncodingError, UnreadableInput, UnsupportedInput
from pipeline.inputs import legacy_text_pages, source_file
from tests.conftest import write_scanned_pdf
from tests.test_batch import DATASET, make_inbox
from tests.test_cli import read_csv

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
