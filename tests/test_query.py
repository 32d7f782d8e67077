"""`sohoa query`: the README's analyst questions, answered over a dataset folder."""

import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from domain.records import DocumentResult, PageReading, PageResult, PageText, SourceFile
from evaluation.evaluate import gold_figures
from patterns.document import extract_document
from pipeline.cli import main
from pipeline.dataset import TABLES, document_rows, table_frame, write_table
from pipeline.query import run_query

README = Path(__file__).parent.parent / "README.md"
SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    documents = [
        {"doc_id": "a", "parent_agency": "UBND TỈNH QUẢNG NGÃI", "agency": "VĂN PHÒNG", "issue_date": "2023-06-05",
         "period_start": "2023-01-01", "period_end": "2023-06-30", "pages": 3, "number_symbol": "937/BC-VP"},
        {"doc_id": "b", "parent_agency": "UBND TỈNH QUẢNG NGÃI", "agency": "VĂN PHÒNG", "issue_date": "2023-11",
         "period_start": "2023-07-01", "period_end": "2023-09-30", "pages": 2},
        # The legacy OCR text of document a: every count below is the same with it as without.
        {"doc_id": "a-text", "parent_agency": "UBND TỈNH QUẢNG NGÃI", "agency": "VĂN PHÒNG",
         "issue_date": "2023-06-05", "period_start": "2023-01-01", "period_end": "2023-06-30", "pages": 3,
         "duplicate_of": "a"},
    ]
    statistics = [
        {"doc_id": "a", "label": "tiếp nhận", "value": 55653, "unit": "hồ sơ"},
        {"doc_id": "a", "label": "đã giải quyết", "value": 52192, "unit": "hồ sơ"},
        {"doc_id": "b", "label": "Tiếp nhận", "value": 18000, "unit": "hồ sơ"},
        {"doc_id": "a-text", "label": "tiếp nhận", "value": 55653, "unit": "hồ sơ"},
    ]
    figures = [
        {"doc_id": "a", "measure": "received", "subject": "hồ sơ", "unit": "hồ sơ", "value": 55653},
        {"doc_id": "a", "measure": "resolved_on_time", "subject": "hồ sơ", "unit": "%", "value": 98.5},
        {"doc_id": "b", "measure": "received", "subject": "hồ sơ", "unit": "hồ sơ", "value": 18000},
        {"doc_id": "b", "measure": "received", "subject": "PAKN", "unit": "phản ánh", "value": 40},
    ]
    references = [
        {"doc_id": "a", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
        {"doc_id": "b", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
        {"doc_id": "b", "ref_type": "Quyết định", "number_symbol": "1085/QĐ-TTg"},
        {"doc_id": "a-text", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
    ]
    for name, rows in (("documents", documents), ("statistics", statistics), ("figures", figures),
                       ("references", references), ("pages", []), ("errors", [])):
        write_table(table_frame(name, rows), tmp_path / f"{name}.csv")
    return tmp_path


def readme_queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Querying the dataset"):text.index("## Accuracy")]
    return [match[1] for match in re.findall(r"sohoa query ([\"'])(.*?)\1\n", section, flags=re.S)]


def test_documents_per_agency_and_year(dataset: Path):
    frame = run_query(dataset, readme_queries()[0])
    assert frame.values.tolist() == [["UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "2023", 2]]


def test_ho_so_received_per_quarter(dataset: Path):
    frame = run_query(dataset, readme_queries()[1])
    assert frame.values.tolist() == [[2023, 2, 55653.0], [2023, 3, 18000.0]]


def test_share_resolved_on_time_per_report(dataset: Path):
    frame = run_query(dataset, readme_queries()[2])
    assert frame.values.tolist() == [["937/BC-VP", 98.5]]


def test_most_cited_decisions(dataset: Path):
    frame = run_query(dataset, readme_queries()[3])
    assert frame.values.tolist() == [["124/QĐ-UBND", 2], ["1085/QĐ-TTg", 1]]


def test_query_prints_json_records_with_diacritics(dataset: Path):
    sql = "SELECT agency FROM documents LIMIT 1"
    result = CliRunner().invoke(main, ["query", sql, "--out", str(dataset), "--json"])
    assert json.loads(result.output) == [{"agency": "VĂN PHÒNG"}]


def test_bad_sql_is_a_usage_error(dataset: Path):
    result = CliRunner().invoke(main, ["query", "SELEC nothing", "--out", str(dataset)])
    assert result.exit_code == 2 and result.output.startswith("sohoa: Parser Error")


def test_bad_sql_keeps_duckdbs_hints_after_its_first_line(dataset: Path):
    result = CliRunner().invoke(main, ["query", "SELECT agenc FROM documents", "--out", str(dataset)])
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [
        'sohoa: Binder Error: Referenced column "agenc" not found in FROM clause!',
        'Candidate bindings: "agency", "pages", "parent_agency", "signer", "ocr_mean_confidence"',
    ]


def test_a_page_text_of_5_mb_in_one_cell_is_queried(dataset: Path):
    write_table(table_frame("pages", [{"doc_id": "a", "page": 1, "text": "Số 1 " * 1_000_000}]), dataset / "pages.csv")
    assert run_query(dataset, "SELECT doc_id, length(text) FROM pages").values.tolist() == [["a", 5_000_000]]


def test_a_damaged_table_fails_the_queries_that_read_it_with_its_name_and_no_other(dataset: Path):
    (dataset / "statistics.csv").write_bytes(b'doc_id,label\n"a,\xff\n1,2,3,4,5\n')
    assert run_query(dataset, "SELECT count(*) FROM documents").values.tolist() == [[3]]
    result = CliRunner().invoke(main, ["query", "SELECT * FROM statistics", "--out", str(dataset)])
    assert result.exit_code == 5
    assert result.output.startswith("sohoa: table statistics (statistics.csv) cannot be read: ")
    assert result.output.endswith("; run `sohoa ingest` again on the same output folder to rewrite it\n")


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY documents TO 'copy.csv'",
    "SET enable_external_access = true",
    "INSTALL httpfs",
])
def test_read_only_queries_read_the_dataset_and_nothing_else(dataset: Path, sql: str):
    assert run_query(dataset, "SELECT count(*) FROM documents", read_only=True).values.tolist() == [[3]]
    result = CliRunner().invoke(main, ["query", sql, "--out", str(dataset), "--read-only"])
    assert result.exit_code == 2 and not (dataset / "copy.csv").exists(), result.output


REPORT = """UBND TỈNH BÌNH AN
Số: 210/BC-UBND
Bình An, ngày 08 tháng 7 năm 2024

BÁO CÁO
Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2024

1. Trong kỳ, toàn tỉnh tiếp nhận 12.400 hồ sơ, trong đó cấp tỉnh tiếp nhận 5.100 hồ sơ, cấp huyện
tiếp nhận 4.300 hồ sơ, cấp xã tiếp nhận 3.000 hồ sơ. Đã giải quyết 11.950 hồ sơ, trong đó đúng hạn
11.800 hồ sơ.
2. Hồ sơ tiếp nhận trực tuyến 7.020 hồ sơ.
"""


def test_readme_query_gives_the_report_own_total_not_its_sum_with_its_parts(tmp_path: Path):
    text = REPORT
    source = SourceFile(tmp_path / "report.txt", "text", "ab" * 32, len(text))
    page = PageResult(PageReading(1, text), text, 0, 0)
    result = DocumentResult(source, (page,), extract_document([PageText(1, text)]))
    rows = document_rows(result, "report.txt", "test")
    for name in TABLES:
        write_table(table_frame(name, getattr(rows, name, [])), tmp_path / f"{name}.csv")
    frame = run_query(tmp_path, readme_queries()[1])
    assert frame.values.tolist() == [[2024, 2, 12400.0]]


def test_the_references_table_is_also_citations_a_name_that_needs_no_quotes(dataset: Path):
    sql = "SELECT number_symbol, count(*) AS n FROM {} GROUP BY 1 ORDER BY 1"
    assert run_query(dataset, sql.format("citations")).to_dict("records") == [
        {"number_symbol": "1085/QĐ-TTg", "n": 1}, {"number_symbol": "124/QĐ-UBND", "n": 3}]
    assert run_query(dataset, sql.format('"references"')).equals(run_query(dataset, sql.format("citations")))


# The README's queries on the bundled samples, read from their true page text (no OCR), against the
# totals of their ground truth (`evaluation.evaluate.gold_figures`).


def _gold() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SAMPLES.glob("*.gt.json"))]


@pytest.fixture(scope="module")
def samples_dataset(tmp_path_factory) -> Path:
    """The dataset `sohoa ingest` writes for the samples, each read from its true page text."""
    out = tmp_path_factory.mktemp("samples-dataset")
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for truth in _gold():
        pages = [PageText(page["page"], page["text"]) for page in truth["pages"]]
        source = SourceFile(SAMPLES / truth["scan"], "text", hashlib.sha256(truth["id"].encode()).hexdigest(), 0)
        results = tuple(PageResult(PageReading(page.number, page.text), page.text, 0, 0) for page in pages)
        rows = document_rows(DocumentResult(source, results, extract_document(pages)), truth["scan"], "test")
        for name, found in tables.items():
            found += getattr(rows, name, [])
    for name, found in tables.items():
        write_table(table_frame(name, found), out / f"{name}.csv")
    return out


def _quarter(day: str) -> tuple[int, int]:
    period_end = date.fromisoformat(day)
    return period_end.year, (period_end.month - 1) // 3 + 1


def test_readme_ho_so_received_per_quarter_on_the_samples_is_the_sum_of_their_gold_totals(samples_dataset: Path):
    expected: dict[tuple[int, int], float] = defaultdict(float)
    for truth in _gold():
        total = gold_figures(truth).get(("received", "hồ sơ", "hồ sơ"))
        if total is not None and truth["header"]["period_end"]:
            expected[_quarter(truth["header"]["period_end"])] += total
    assert expected
    assert run_query(samples_dataset, readme_queries()[1]).values.tolist() == [
        [year, quarter, total] for (year, quarter), total in sorted(expected.items())
    ]


def test_readme_share_resolved_on_time_per_report_on_the_samples_is_their_gold_share(samples_dataset: Path):
    expected = sorted(
        [truth["header"]["number_symbol"], share] for truth in _gold()
        if (share := gold_figures(truth).get(("resolved_on_time", "hồ sơ", "%"))) is not None
    )
    assert expected
    assert run_query(samples_dataset, readme_queries()[2]).values.tolist() == expected


def _name(value) -> str | None:
    """An agency as the gold writes it and as printed in capitals compare alike; a blank is None."""
    return None if pd.isna(value) else value.casefold()


def test_readme_documents_per_agency_and_year_on_the_samples_counts_their_gold_headers(samples_dataset: Path):
    expected = Counter(
        (_name(truth["header"]["parent_agency"]), _name(truth["header"]["agency"]), truth["header"]["issue_date"][:4])
        for truth in _gold()
    )
    frame = run_query(samples_dataset, readme_queries()[0])
    found = {(_name(parent), _name(agency), year): n for parent, agency, year, n in frame.values.tolist()}
    assert Counter(found) == expected


def test_readme_most_cited_decisions_on_the_samples_are_those_their_gold_cites(samples_dataset: Path):
    citing = Counter(
        number_symbol for truth in _gold()
        for number_symbol in {r["number_symbol"] for r in truth["references"] if r["ref_type"] == "Quyết định"}
    )
    expected = sorted(citing.items(), key=lambda item: (-item[1], item[0]))[:10]
    assert [tuple(row) for row in run_query(samples_dataset, readme_queries()[3]).values.tolist()] == expected
