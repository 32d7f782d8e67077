"""`sohoa query`: the README's analyst questions, answered over a dataset folder."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.dataset import table_frame, write_table
from pipeline.query import run_query

README = Path(__file__).parent.parent / "README.md"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    documents = [
        {"doc_id": "a", "parent_agency": "UBND TỈNH QUẢNG NGÃI", "agency": "VĂN PHÒNG", "issue_date": "2023-06-05",
         "period_start": "2023-01-01", "period_end": "2023-06-30", "pages": 3},
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
    references = [
        {"doc_id": "a", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
        {"doc_id": "b", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
        {"doc_id": "b", "ref_type": "Quyết định", "number_symbol": "1085/QĐ-TTg"},
        {"doc_id": "a-text", "ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND"},
    ]
    for name, rows in (("documents", documents), ("statistics", statistics), ("references", references),
                       ("pages", []), ("errors", [])):
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


def test_most_cited_decisions(dataset: Path):
    frame = run_query(dataset, readme_queries()[2])
    assert frame.values.tolist() == [["124/QĐ-UBND", 2], ["1085/QĐ-TTg", 1]]


def test_query_prints_json_records_with_diacritics(dataset: Path):
    sql = "SELECT agency FROM documents LIMIT 1"
    result = CliRunner().invoke(main, ["query", sql, "--out", str(dataset), "--json"])
    assert json.loads(result.output) == [{"agency": "VĂN PHÒNG"}]


def test_bad_sql_is_a_one_line_usage_error(dataset: Path):
    result = CliRunner().invoke(main, ["query", "SELEC nothing", "--out", str(dataset)])
    assert result.exit_code == 2 and result.output.startswith("sohoa: Parser Error")


def test_the_references_table_is_also_citations_a_name_that_needs_no_quotes(dataset: Path):
    sql = "SELECT number_symbol, count(*) AS n FROM {} GROUP BY 1 ORDER BY 1"
    assert run_query(dataset, sql.format("citations")).to_dict("records") == [
        {"number_symbol": "1085/QĐ-TTg", "n": 1}, {"number_symbol": "124/QĐ-UBND", "n": 3}]
    assert run_query(dataset, sql.format('"references"')).equals(run_query(dataset, sql.format("citations")))
