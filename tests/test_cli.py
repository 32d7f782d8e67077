"""The `sohoa` command: ingest a folder end to end, report bad files, keep going."""

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import ExitCode
from tests.conftest import write_scanned_pdf


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_ingest_processes_the_good_pdf_and_reports_the_corrupt_one(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_scanned_pdf(inbox / "good.pdf")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\ntruncated")
    result = CliRunner().invoke(main, ["ingest", str(inbox), "--out", str(tmp_path / "out"), "--workers", "2"])
    assert result.exit_code == ExitCode.SOME_DOCUMENTS_FAILED
    assert f"error: {inbox / 'broken.pdf'}: [input/corrupt] PDF cannot be parsed" in result.output
    documents = read_csv(tmp_path / "out" / "documents.csv")
    good = str(inbox / "good.pdf")
    assert [(d["source_path"], d["input_kind"], d["pages"]) for d in documents] == [(good, "pdf", "1")]
    pages = read_csv(tmp_path / "out" / "pages.csv")
    assert "Quảng Ngãi, ngày 05 tháng 6 năm 2023" in pages[0]["raw_text"]
    errors = read_csv(tmp_path / "out" / "errors.csv")
    broken = str(inbox / "broken.pdf")
    assert [(e["source_path"], e["stage"], e["error_type"]) for e in errors] == [(broken, "input", "corrupt")]


def test_ingest_exits_zero_and_prints_a_summary_when_every_document_succeeds(tmp_path: Path):
    (tmp_path / "old.txt").write_text("Tiếp nhận 55.653 hồ sơ\fTrang hai", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "old.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.OK
    assert "1 documents, 2 pages (0 OCR'd in this run), 0 errors" in result.output
    assert (tmp_path / "out" / "text").is_dir()


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for command in ("ingest", "reprocess", "restore", "extract", "query", "search", "serve", "report"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example: sohoa " + command in result.output


def test_restore_reads_stdin_and_writes_restored_text_with_the_same_lines():
    result = CliRunner().invoke(main, ["restore"], input="UBND tinh Quang Ngai\nS6: 937 /BC-VP\n")
    assert (result.exit_code, result.output) == (0, "UBND tỉnh Quảng Ngãi\nSố: 937 /BC-VP\n")


def test_extract_prints_the_record_as_json_with_diacritics(tmp_path: Path):
    (tmp_path / "legacy.txt").write_text(
        "UBND TINH QUANG NGAI\nVAN PHONG\nS6: 937 /BC-VP Quang Ngai, ngay 05 thang 6 nam 2023\nBAO CAO\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "legacy.txt")])
    record = json.loads(result.output)
    header = record["header"]
    assert (header["number_symbol"], header["place"], header["issue_date"], header["doc_type"]) == (
        "937/BC-VP", "Quảng Ngãi", "2023-06-05", "Báo cáo",
    )
    assert '"Quảng Ngãi"' in result.output


def test_ingest_with_pdf_writes_a_searchable_pdf_of_each_scan(tmp_path: Path):
    import pypdf

    write_scanned_pdf(tmp_path / "scan.pdf", pages=2)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "scan.pdf"), "--out", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == ExitCode.OK
    [searchable] = (tmp_path / "out" / "pdf").iterdir()
    reader = pypdf.PdfReader(searchable)
    assert len(reader.pages) == 2 and "Quảng Ngãi" in reader.pages[1].extract_text()


def test_an_internal_error_names_itself_and_verbose_prints_its_traceback(tmp_path: Path, monkeypatch):
    from pipeline import orchestrator

    def broken_extractor(pages):
        return {}["header"]

    monkeypatch.setattr(orchestrator, "extract_document", broken_extractor)
    (tmp_path / "legacy.txt").write_text("BAO CAO", encoding="utf-8")
    quiet = CliRunner().invoke(main, ["extract", str(tmp_path / "legacy.txt")])
    verbose = CliRunner().invoke(main, ["--verbose", "extract", str(tmp_path / "legacy.txt")])
    assert quiet.exit_code == verbose.exit_code == ExitCode.SOME_DOCUMENTS_FAILED
    assert f"sohoa: {tmp_path / 'legacy.txt'}: [extract/internal] KeyError: 'header'" in quiet.output
    assert "Traceback" not in quiet.output
    assert "Traceback (most recent call last)" in verbose.output and 'return {}["header"]' in verbose.output


def test_a_locked_output_folder_exits_with_status_4(tmp_path: Path):
    from pipeline.cache import Cache

    (tmp_path / "old.txt").write_text("Trang một", encoding="utf-8")
    with Cache(tmp_path / "out").locked():
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "old.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.OUTPUT_LOCKED
    assert "sohoa: another sohoa run is writing" in result.output


def test_sql_that_duckdb_refuses_exits_with_status_2(tmp_path: Path):
    (tmp_path / "old.txt").write_text("Trang một", encoding="utf-8")
    CliRunner().invoke(main, ["ingest", str(tmp_path / "old.txt"), "--out", str(tmp_path / "out")])
    result = CliRunner().invoke(main, ["query", "SELECT nothing FROM documents", "--out", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith("sohoa: Binder Error")
