"""The dataset tables: documented schema, Excel-safe export, atomic writes."""

import re
from pathlib import Path

import pandas as pd

from domain.records import DocumentResult, Extraction, HandwrittenField, Header, SourceFile, Statistic
from pipeline.dataset import (
    TABLES,
    atomic_write,
    document_checks,
    document_rows,
    headline_figures,
    mark_duplicates,
    table_frame,
    write_table,
)

SCHEMA_DOC = Path(__file__).parent.parent / "docs" / "schema.md"


def documented_columns() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    current = None
    for line in SCHEMA_DOC.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"## (\w+)\.csv", line):
            current = tables.setdefault(heading.group(1), [])
        elif line.startswith("## "):
            current = None  # a section about something else (corrections.csv) lists no table's columns
        elif current is not None and (row := re.match(r"\| (\w+) \|", line)) and row.group(1) != "column":
            current.append(row.group(1))
    return tables


def test_docs_schema_lists_every_table_and_column_in_order():
    assert documented_columns() == {name: list(columns) for name, columns in TABLES.items()}


def test_a_table_has_exactly_its_columns_in_order_even_when_empty():
    assert list(table_frame("references", []).columns) == list(TABLES["references"])


def test_excel_export_has_a_bom_and_neutralises_formula_cells(tmp_path: Path):
    frame = table_frame("errors", [{"source_path": "=HYPERLINK(\"x\")", "stage": "+1", "error_type": "-2",
                                    "message": "@SUM(A1)", "time": "ok"}])
    write_table(frame, tmp_path / "errors.csv", excel=True)
    data = (tmp_path / "errors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),ok"


def test_plain_csv_keeps_cells_as_they_are_and_has_no_bom(tmp_path: Path):
    frame = table_frame("errors", [{"source_path": "-a.pdf", "stage": "input", "error_type": "empty",
                                    "message": "Đồng Nai", "time": "t"}])
    write_table(frame, tmp_path / "errors.csv")
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8").splitlines()[1] == "-a.pdf,input,empty,Đồng Nai,t"


def test_integer_columns_stay_integer_with_blanks(tmp_path: Path):
    frame = table_frame("references", [{"doc_id": "a", "year": 2023, "page": 1}, {"doc_id": "b", "page": 2}])
    write_table(frame, tmp_path / "references.parquet")
    assert pd.read_parquet(tmp_path / "references.parquet")["year"].tolist()[0] == 2023
    write_table(frame, tmp_path / "references.csv")
    assert (tmp_path / "references.csv").read_text().splitlines()[1:] == ["a,,,2023,,,,,1,", "b,,,,,,,,2,"]


def test_a_failed_write_leaves_the_previous_file_untouched(tmp_path: Path):
    target = tmp_path / "documents.csv"
    target.write_text("old")

    def crash(temporary: Path) -> None:
        temporary.write_text("half")
        raise RuntimeError("killed")

    try:
        atomic_write(target, crash)
    except RuntimeError:
        pass
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["documents.csv"]


def _count(value: float, measure: str, unit: str = "hồ sơ", part_of: int | None = None) -> Statistic:
    return Statistic(1, "", value, unit, None, "", "text", measure=measure, subject="hồ sơ", part_of=part_of)


def test_a_consistent_report_fails_no_check():
    header = Header(issue_date="2024-07-05", period_start="2024-01-01")
    statistics = [_count(900, "resolved"), _count(880, "resolved_on_time"), _count(20, "overdue"),
                  _count(97.8, "resolved_on_time", "%"), _count(500, "received", part_of=None)]
    assert document_checks(header, statistics) == []


def test_a_period_starting_after_the_issue_date_is_flagged():
    # A report on `Quý I và phương hướng Quý II` issued in March, read as the period of Quý II.
    assert document_checks(Header(issue_date="2024-03-14", period_start="2024-04-01"), []) == ["period_after_issue"]
    assert document_checks(Header(issue_date="2024-03", period_start="2024-03-01"), []) == []


def test_a_plan_for_the_coming_period_is_no_inconsistency():
    header = Header(doc_type="Kế hoạch", issue_date="2024-11-20", period_start="2025-01-01")
    assert document_checks(header, []) == []


def test_shares_over_100_parts_over_totals_and_counts_that_do_not_add_up_are_flagged():
    statistics = [_count(900, "resolved"), _count(850, "resolved_on_time"), _count(30, "overdue"),
                  _count(912, "online", part_of=0), _count(104.5, "resolved_on_time", "%")]
    assert document_checks(Header(), statistics) == [
        "share_over_100", "part_over_total", "on_time_plus_overdue_not_resolved",
    ]


def _handwritten_row(header: Header, *fields: HandwrittenField) -> dict:
    source = SourceFile(Path("575.pdf"), "pdf", "ab" * 32, 1)
    result = DocumentResult(source, (), Extraction(header, (), (), (), handwritten=fields))
    row = document_rows(result, "575.pdf", "test").documents[0]
    return {key: row[key] for key in ("number", "number_source", "number_confidence", "issue_date", "day_source",
                                      "day_confidence", "checks")}


def test_a_handwritten_number_and_day_carry_their_source_and_confidence():
    header = Header(number="575", symbol="UBND-KTTH", issue_date="2025-02-04")
    fields = (HandwrittenField("number", "575", 98.2, (1, 2, 3, 4)), HandwrittenField("day", "04", 99.6, (5, 6, 7, 8)))
    assert _handwritten_row(header, *fields) == {
        "number": "575", "number_source": "handwritten", "number_confidence": 98.2, "issue_date": "2025-02-04",
        "day_source": "handwritten", "day_confidence": 99.6, "checks": None}


def test_printed_number_and_day_say_so():
    row = _handwritten_row(Header(number="2827", symbol="QĐ-BGDĐT", issue_date="2025-10-14"))
    assert (row["number_source"], row["day_source"], row["day_confidence"]) == ("printed", "printed", None)


def test_unsure_handwriting_leaves_the_fields_empty_and_flagged():
    fields = (HandwrittenField("number", None, 41.0, (1, 2, 3, 4)), HandwrittenField("day", None, 12.5, (5, 6, 7, 8)))
    assert _handwritten_row(Header(symbol="QĐ-UBND", issue_date="2025-01"), *fields) == {
        "number": None, "number_source": None, "number_confidence": None, "issue_date": "2025-01",
        "day_source": None, "day_confidence": None, "checks": "handwritten_number_unsure; handwritten_day_unsure"}


def test_an_unsure_handwritten_month_leaves_the_year_and_is_flagged():
    fields = (HandwrittenField("month", None, 40.2, (1, 2, 3, 4)),)
    assert _handwritten_row(Header(symbol="CT-UBND", issue_date="2021"), *fields) == {
        "number": None, "number_source": None, "number_confidence": None, "issue_date": "2021",
        "day_source": None, "day_confidence": None, "checks": "handwritten_month_unsure"}


def test_documents_carry_the_issuer_and_the_period_as_printed(tmp_path: Path):
    from pipeline.batch import OutputOptions, ingest
    from pipeline.config import Config

    (tmp_path / "legacy.txt").write_text(
        "UBND TINH QUANG NGAI\nVAN PHONG\nS6: 937 /BC-VP Quang Ngai, ngay 05 thang 6 nam 2023\nBAO CAO\n"
        "Ket qua cong tac cai cach tu phap 6 thang dau nam 2023\n", encoding="utf-8")
    ingest([tmp_path / "legacy.txt"], tmp_path / "out", Config(workers=1), OutputOptions(), progress=False)
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", usecols=["issuer", "period_text"])
    assert documents.to_dict("records") == [
        {"issuer": "Văn phòng UBND tỉnh Quảng Ngãi", "period_text": "6 tháng đầu năm 2023"}]


def test_a_scan_and_its_legacy_text_are_one_document_counted_once_the_scan():
    def document(doc_id: str, kind: str, path: str, number: str | None = "937") -> dict:
        return {"doc_id": doc_id, "input_kind": kind, "source_path": path, "number": number, "symbol": "BC-VP",
                "issue_date": "2023-06-05"}

    documents = [
        document("text", "text", "a/report.legacy.txt"), document("scan", "pdf", "b/report.pdf"),
        document("rescan", "image", "c/report.png"), document("other", "pdf", "d/other.pdf", number="12"),
        document("draft1", "pdf", "e/draft.pdf", number=None), document("draft2", "text", "e/draft.txt", number=None),
    ]
    mark_duplicates(documents, {})
    assert {d["doc_id"]: d["duplicate_of"] for d in documents} == {
        "text": "scan", "scan": None, "rescan": "scan", "other": None, "draft1": None, "draft2": None}


REPORT_TEXT = ("Kết quả thực hiện công tác cải cách hành chính quý II năm 2025. Tiếp nhận 1.234 hồ sơ, "
               "đã giải quyết 1.200 hồ sơ, đạt 97,2%. Tổ chức 3 hội nghị tập huấn cho cán bộ, công chức.")


def _copy(doc_id: str, kind: str, date: str, agency: str = "SỞ NỘI VỤ") -> dict:
    return {"doc_id": doc_id, "input_kind": kind, "source_path": f"{doc_id}.{kind}", "number": "1004",
            "symbol": "BC-SNV", "issue_date": date, "agency": agency}


def test_a_copy_whose_date_ocr_misread_is_the_same_document_when_its_text_is():
    documents = [_copy("scan", "pdf", "2025-06-11"), _copy("legacy", "text", "2025-08-11")]
    mark_duplicates(documents, {"scan": REPORT_TEXT, "legacy": REPORT_TEXT.replace("97,2%", "97.2 %")})
    assert [d["duplicate_of"] for d in documents] == [None, "scan"]


def test_the_same_number_a_year_later_is_another_document():
    documents = [_copy("this_year", "pdf", "2025-06-11"), _copy("last_year", "pdf", "2024-06-11")]
    mark_duplicates(documents, {"this_year": REPORT_TEXT, "last_year": REPORT_TEXT})
    assert [d["duplicate_of"] for d in documents] == [None, None]


def test_the_same_number_and_day_from_another_agency_is_another_document():
    documents = [_copy("interior", "pdf", "2025-06-11"), _copy("justice", "pdf", "2025-06-11", "SỞ TƯ PHÁP")]
    mark_duplicates(documents, {})
    assert [d["duplicate_of"] for d in documents] == [None, None]


def test_whole_numbers_are_written_as_integers_and_fractions_as_decimals(tmp_path: Path):
    frame = table_frame("figures", [
        {"doc_id": "a", "measure": "received", "unit": "hồ sơ", "value": 55653.0, "value_vnd": None, "page": 1},
        {"doc_id": "a", "measure": "resolved", "unit": "%", "value": 99.8, "value_vnd": 23600000000.0, "page": 1},
    ])
    write_table(frame, tmp_path / "figures.csv")
    assert (tmp_path / "figures.csv").read_text().splitlines()[1:] == [
        "a,received,,hồ sơ,55653,,,1,,,,,", "a,resolved,,%,99.8,23600000000,,1,,,,,"]
    write_table(frame, tmp_path / "figures.parquet")
    assert pd.read_parquet(tmp_path / "figures.parquet")["value"].tolist() == [55653.0, 99.8]  # typed: stays float


def test_a_run_writing_one_format_removes_the_tables_an_earlier_run_wrote_in_the_other(tmp_path: Path):
    from pipeline.batch import OutputOptions, ingest
    from pipeline.config import Config

    (tmp_path / "legacy.txt").write_text("BAO CAO\nTiep nhan 1.234 ho so.\n", encoding="utf-8")
    out = tmp_path / "out"
    ingest([tmp_path / "legacy.txt"], out, Config(workers=1), OutputOptions(formats=("csv", "parquet")), progress=False)
    assert len(list(out.glob("*.csv"))) == len(list(out.glob("*.parquet"))) == len(TABLES)
    ingest([tmp_path / "legacy.txt"], out, Config(workers=1), OutputOptions(formats=("csv",)), progress=False)
    assert sorted(path.name for path in out.glob("*.parquet")) == []
    ingest([tmp_path / "legacy.txt"], out, Config(workers=1), OutputOptions(formats=("parquet",)), progress=False)
    assert sorted(path.name for path in out.glob("*.csv")) == []
    assert sorted(path.name for path in out.glob("*.parquet")) == sorted(f"{name}.parquet" for name in TABLES)


def _stated(measure: str, value: float, unit: str = "hồ sơ", part_of: int | None = None, scope: str = "") -> Statistic:
    return Statistic(1, measure, value, unit, None, "", "text", measure=measure, subject="hồ sơ", part_of=part_of,
                     scope=scope)


def test_a_headline_figure_is_the_first_whole_unit_value_of_its_measure():
    statistics = [_stated("received", 9000), _stated("received", 4000, scope="huyện"), _stated("received", 8000)]
    assert [index for index, _ in headline_figures(statistics)] == [0]


def test_a_breakdown_of_a_total_by_level_or_sector_is_no_headline_figure():
    statistics = [_stated("received", 9000), _stated("received", 5000, part_of=0), _stated("received", 4000, part_of=0)]
    assert [index for index, _ in headline_figures(statistics)] == [0]


def test_a_part_of_another_measures_total_is_the_headline_of_its_own_measure():
    statistics = [_stated("resolved", 9000), _stated("resolved_on_time", 8800, part_of=0), _stated("overdue", 200, part_of=0)]
    assert [(s.measure, s.value) for _, s in headline_figures(statistics)] == [
        ("resolved", 9000), ("resolved_on_time", 8800), ("overdue", 200),
    ]
