"""Batches: resumable after kill -9, incremental reprocessing, locking, every failure a row."""

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import batch, dataset, orchestrator
from pipeline.batch import OutputOptions, ingest, reprocess
from pipeline.cache import Cache
from pipeline.cli import main
from pipeline.config import Config
from pipeline.errors import CorruptInput, OutputLocked
from tests.conftest import render_page, write_scanned_pdf
from tests.test_cli import read_csv

DATASET = ("documents.csv", "references.csv", "statistics.csv", "pages.csv")


def make_inbox(root: Path, scans: int) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    for i in range(scans):
        write_scanned_pdf(inbox / f"scan{i}.pdf", lines=[f"Báo cáo số {i + 1}", "Tiếp nhận 1.234 hồ sơ"])
    (inbox / "legacy.txt").write_text("UBND tinh Quang Ngai\nS6: 937 /BC-VP", encoding="utf-8")
    return inbox


def test_a_run_killed_mid_batch_resumes_to_exactly_the_rows_of_an_uninterrupted_run(tmp_path: Path):
    inbox = make_inbox(tmp_path, scans=4)
    command = [sys.executable, "-m", "pipeline.cli", "ingest", str(inbox), "--workers", "2", "--out"]
    subprocess.run([*command, str(tmp_path / "clean")], check=True, capture_output=True)

    killed = subprocess.Popen([*command, str(tmp_path / "resumed")], stderr=subprocess.DEVNULL, start_new_session=True)
    done_dir = tmp_path / "resumed" / ".sohoa-cache" / "done"
    deadline = time.monotonic() + 120
    while not (done_dir.is_dir() and any(done_dir.glob("*.json"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)  # the CLI and its OCR workers, mid-batch
    killed.wait()
    assert not (tmp_path / "resumed" / "documents.csv").exists()

    subprocess.run([*command, str(tmp_path / "resumed")], check=True, capture_output=True)
    for name in DATASET:
        assert (tmp_path / "resumed" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_reprocess_from_restore_reuses_cached_ocr_without_running_tesseract(tmp_path: Path):
    inbox = make_inbox(tmp_path, scans=1)
    out = tmp_path / "out"
    first = ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)
    cached_ocr = {p: p.stat().st_mtime_ns for p in (out / ".sohoa-cache" / "read").iterdir()}

    again = reprocess(out, "restore", Config(workers=1), OutputOptions(), progress=False)

    assert (first.pages_ocr, again.pages_ocr) == (1, 0)
    assert {p: p.stat().st_mtime_ns for p in (out / ".sohoa-cache" / "read").iterdir()} == cached_ocr
    assert again.documents == first.documents == 2


def test_reprocess_from_ocr_reads_every_page_again(tmp_path: Path):
    out = tmp_path / "out"
    ingest([make_inbox(tmp_path, scans=1)], out, Config(workers=1), OutputOptions(), progress=False)
    assert reprocess(out, "ocr", Config(workers=1), OutputOptions(), progress=False).pages_ocr == 1


def test_a_second_ingest_of_the_same_files_does_no_work(tmp_path: Path):
    inbox = make_inbox(tmp_path, scans=1)
    ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)
    assert ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False).pages_ocr == 0


def test_two_runs_cannot_write_one_output_folder(tmp_path: Path):
    with Cache(tmp_path / "out").locked(), pytest.raises(OutputLocked, match="another sohoa run"):
        ingest([make_inbox(tmp_path, scans=0)], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)


def test_bad_inputs_become_error_rows_while_good_files_succeed(tmp_path: Path):
    inbox = make_inbox(tmp_path, scans=1)
    (inbox / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    locked = inbox / "encrypted.pdf"
    import pypdf

    writer = pypdf.PdfWriter(clone_from=write_scanned_pdf(tmp_path / "plain.pdf"))
    writer.encrypt(user_password="mật khẩu")
    writer.write(locked)
    (inbox / "empty.pdf").write_bytes(b"")
    render_page(["Hồ sơ"]).save(inbox / "whole.png")
    (inbox / "truncated.png").write_bytes((inbox / "whole.png").read_bytes()[:5000])
    (inbox / "whole.png").unlink()
    (inbox / "cp1258.txt").write_bytes(unicodedata.normalize("NFD", "Quảng Ngãi").encode("cp1258"))
    (inbox / "report.docx").write_bytes(b"PK\x03\x04")

    summary = ingest([inbox], tmp_path / "out", Config(workers=2), OutputOptions(), progress=False)

    rows = read_csv(tmp_path / "out" / "errors.csv")
    errors = {Path(e["source_path"]).name: (e["stage"], e["error_type"]) for e in rows}
    assert errors == {
        "corrupt.pdf": ("input", "corrupt"),
        "encrypted.pdf": ("input", "encrypted"),
        "empty.pdf": ("input", "empty"),
        "truncated.png": ("input", "corrupt"),
        "cp1258.txt": ("input", "encoding"),
        "report.docx": ("input", "unsupported"),
    }
    documents = read_csv(tmp_path / "out" / "documents.csv")
    assert sorted(Path(d["source_path"]).name for d in documents) == ["legacy.txt", "scan0.pdf"]
    assert (summary.documents, len(summary.errors)) == (2, 6)


def test_a_column_added_to_the_dataset_is_filled_from_the_cache_without_reading_again(tmp_path: Path, monkeypatch):
    inbox = make_inbox(tmp_path, scans=1)
    out = tmp_path / "out"
    ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)

    original_rows = dataset.document_rows

    def with_word_count(result, source_path, version):
        rows = original_rows(result, source_path, version)
        rows.documents[0]["words"] = len(result.text.split())
        return rows

    monkeypatch.setitem(dataset.TABLES, "documents", (*dataset.TABLES["documents"], "words"))
    monkeypatch.setattr(batch, "document_rows", with_word_count)
    again = ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)

    documents = {Path(d["source_path"]).name: d["words"] for d in read_csv(out / "documents.csv")}
    assert again.pages_ocr == 0
    assert documents == {"legacy.txt": "7", "scan0.pdf": "9"}  # "UBND tỉnh Quảng Ngãi Số: 937 /BC-VP"; "Báo cáo số 1 Tiếp nhận 1.234 hồ sơ"


def test_a_bug_in_a_stage_is_an_internal_error_with_its_traceback_in_the_log(tmp_path: Path, monkeypatch):
    def broken_extractor(pages):
        return {}["header"]

    monkeypatch.setattr(orchestrator, "extract_document", broken_extractor)
    inbox = make_inbox(tmp_path, scans=0)

    summary = ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)

    assert [(e["stage"], e["error_type"], e["message"]) for e in summary.errors] == [
        ("extract", "internal", "KeyError: 'header'")
    ]
    log = (tmp_path / "out" / "sohoa.log").read_text(encoding="utf-8")
    assert "[extract/internal] KeyError: 'header'" in log
    assert "Traceback (most recent call last)" in log and 'return {}["header"]' in log


def read_page_failing_page_2(source, number, config):
    """Runs in a worker: page 2 of `long.pdf` cannot be read."""
    if source.path.name == "long.pdf" and number == 2:
        raise CorruptInput("page 2 cannot be rendered (pdftoppm: Syntax Error: damaged)")
    return orchestrator.read_page(source, number, config)


def test_a_page_that_cannot_be_read_fails_alone_and_is_read_again_by_the_next_run(tmp_path: Path, monkeypatch):
    inbox = make_inbox(tmp_path, scans=0)
    write_scanned_pdf(inbox / "long.pdf", pages=3, lines=["Báo cáo số 5"])
    monkeypatch.setattr(orchestrator, "read_page", read_page_failing_page_2)

    first = ingest([inbox], tmp_path / "out", Config(workers=2), OutputOptions(), progress=False)

    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [(Path(e["source_path"]).name, e["stage"], e["error_type"], e["message"]) for e in errors] == [
        ("long.pdf", "input", "corrupt", "page 2 cannot be rendered (pdftoppm: Syntax Error: damaged)"),
    ]
    documents = {Path(d["source_path"]).name: d for d in read_csv(tmp_path / "out" / "documents.csv")}
    assert {name: (d["status"], d["pages"]) for name, d in documents.items()} == {
        "legacy.txt": ("ok", "1"), "long.pdf": ("partial", "2"),
    }
    pages = read_csv(tmp_path / "out" / "pages.csv")
    assert [p["page"] for p in pages if p["doc_id"] == documents["long.pdf"]["doc_id"]] == ["1", "3"]
    assert first.pages_ocr == 2

    monkeypatch.undo()
    again = ingest([inbox], tmp_path / "out", Config(workers=2), OutputOptions(), progress=False)

    assert (again.pages_ocr, again.errors) == (1, [])
    documents = read_csv(tmp_path / "out" / "documents.csv")
    assert {Path(d["source_path"]).name: (d["status"], d["pages"]) for d in documents} == {
        "legacy.txt": ("ok", "1"), "long.pdf": ("ok", "3"),
    }


READ_PAGE = orchestrator.read_page


def read_page_interrupted_at_page_3(source, number, config):
    if number == 3:
        raise KeyboardInterrupt  # as a kill would stop the run, with pages 1 and 2 read
    return READ_PAGE(source, number, config)


def test_a_long_document_stopped_part_way_resumes_at_its_next_page(tmp_path: Path, monkeypatch):
    inbox = make_inbox(tmp_path, scans=0)
    write_scanned_pdf(inbox / "long.pdf", pages=4, lines=["Báo cáo số 5"])
    ingest([inbox], tmp_path / "clean", Config(workers=1), OutputOptions(), progress=False)
    monkeypatch.setattr(orchestrator, "read_page", read_page_interrupted_at_page_3)
    with pytest.raises(KeyboardInterrupt):
        ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)
    saved = sorted(p.name for p in (tmp_path / "out" / ".sohoa-cache" / "pages").glob("*/*"))
    assert saved == ["1.json", "2.json"]

    monkeypatch.undo()
    again = ingest([inbox], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)

    assert again.pages_ocr == 2
    assert list((tmp_path / "out" / ".sohoa-cache" / "pages").iterdir()) == []  # merged into read/
    for name in DATASET:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "no space left on the device"),
                                              (errno.EROFS, "the filesystem is read-only"),
                                              (errno.EACCES, "permission denied")])
def test_an_output_folder_that_cannot_be_written_stops_the_run_with_one_line_and_status_7(
    tmp_path: Path, monkeypatch, code: int, reason: str
):
    def refused(path, write):
        raise OSError(code, os.strerror(code), str(path))

    inbox = make_inbox(tmp_path, scans=0)
    monkeypatch.setattr(batch, "atomic_write", refused)  # the first file the run writes: text/<doc_id>.txt

    result = CliRunner().invoke(main, ["ingest", str(inbox), "--out", str(tmp_path / "out"), "--workers", "1"])

    text = tmp_path / "out" / "text" / f"{hashlib.sha256((inbox / 'legacy.txt').read_bytes()).hexdigest()[:16]}.txt"
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        7, f"sohoa: cannot write {text}: {reason}; fix it and run the same command again to resume")
