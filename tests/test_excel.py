"""`--excel`: a real workbook whose cells are typed, so Excel shows what the dataset says."""

from datetime import datetime
from pathlib import Path

import openpyxl

from pipeline.dataset import table_frame
from pipeline.excel import CELL_LIMIT, write_workbook


def test_numbers_dates_and_text_keep_their_types_and_long_text_is_cut_with_a_marker(tmp_path: Path):
    documents = table_frame("documents", [
        {"doc_id": "01", "pages": 3, "issue_date": "2023-06-05", "period_start": "2023-06", "title": "=SUM(A1)",
         "ocr_mean_confidence": 91.4},
    ])
    statistics = table_frame("statistics", [{"doc_id": "01", "page": 2, "value": 55653, "context": "x" * 40_000}])
    write_workbook({"documents": documents, "statistics": statistics}, tmp_path / "sohoa.xlsx")
    book = openpyxl.load_workbook(tmp_path / "sohoa.xlsx")
    document = {c.value: v for c, v in zip(book["documents"][1], book["documents"][2], strict=True)}
    assert [(name, document[name].value, document[name].data_type) for name in
            ("doc_id", "pages", "issue_date", "period_start", "title", "ocr_mean_confidence", "signer")] == [
        ("doc_id", "01", "s"),  # text, not the number 1
        ("pages", 3, "n"),
        ("issue_date", datetime(2023, 6, 5), "d"),
        ("period_start", "2023-06", "s"),  # a partial date stays as printed
        ("title", "=SUM(A1)", "s"),  # text, never a formula, and no guard apostrophe
        ("ocr_mean_confidence", 91.4, "n"),
        ("signer", None, "n"),  # empty
    ]
    assert document["issue_date"].number_format == "yyyy-mm-dd"
    statistic = {c.value: v.value for c, v in zip(book["statistics"][1], book["statistics"][2], strict=True)}
    assert (statistic["page"], statistic["value"]) == (2, 55653)
    assert len(statistic["context"]) == CELL_LIMIT
    assert statistic["context"].endswith(" […cut: 40000 characters, the full text is in the CSV]")


def test_ingest_with_excel_writes_the_workbook_beside_the_csvs(tmp_path: Path):
    from click.testing import CliRunner

    from pipeline.cli import main

    (tmp_path / "old.txt").write_text("Tiếp nhận 55.653 hồ sơ", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "old.txt"), "--out", str(tmp_path / "out"), "--excel"])
    assert result.exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out" / "sohoa.xlsx")
    assert book.sheetnames == ["documents", "references", "statistics", "figures", "pages", "errors"]
    assert [cell.value for cell in book["statistics"][2]][2:5] == ["Tiếp nhận", 55653, "hồ sơ"]
