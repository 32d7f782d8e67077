"""corrections.csv: a person's corrections hold through every later run, and the file stays theirs."""

import hashlib
import sqlite3
from pathlib import Path

import pandas as pd

from pipeline.batch import OutputOptions, ingest, reprocess
from pipeline.config import Config
from pipeline.dataset import doc_id
from pipeline.search import search
from pipeline.workspace import ensure_database

REPORT = (
    "UBND TINH QUANG NGAI\nVAN PHONG\nS6: 12 /BC-VP Quang Ngai, ngay 05 thang 6 nam 2023\nBAO CAO\n"
    "Ket qua cong tac cai cach hanh\nchinh nam 2023\nVan phong tiep nhan 1.234 ho so.\n"
)


def test_a_corrected_field_and_figure_hold_through_a_reprocess_in_the_csv_the_database_and_search(
        tmp_path: Path, capsys):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    ident = doc_id(hashlib.sha256(source.read_bytes()).hexdigest())
    out = tmp_path / "out"
    ingest([source], out, Config(workers=1), OutputOptions(), progress=False)
    corrections = out / "corrections.csv"
    corrections.write_text(
        "doc_id,table,field,match,value,note\n"
        f"{ident},documents,title,,Kết quả cải cách hành chính năm 2023,checked on paper\n"
        f"{ident},statistics,value,page=1; value=1234,1243,the paper says 1.243\n"
        f"{ident},statistics,value,page=2; value=1234,1,no such figure\n",
        encoding="utf-8")
    written = corrections.read_bytes()

    reprocess(out, "extract", Config(workers=1), OutputOptions(), progress=False)

    documents = pd.read_csv(out / "documents.csv", usecols=["title", "corrected"])
    assert documents.to_dict("records") == [{"title": "Kết quả cải cách hành chính năm 2023", "corrected": "title"}]
    assert (out / "statistics.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        f"{ident},1,tiếp nhận,1243,hồ sơ,")
    figures = pd.read_csv(out / "figures.csv", usecols=["measure", "value", "corrected"])
    assert figures.to_dict("records") == [{"measure": "received", "value": 1243, "corrected": "value"}]
    assert corrections.read_bytes() == written  # read, never written
    assert capsys.readouterr().err == (
        f"warning: {corrections} line 4: no statistics row of document {ident} matches\n")
    with sqlite3.connect(ensure_database(out)) as connection:
        assert connection.execute("SELECT value, corrected FROM statistics").fetchall() == [(1243.0, "value")]
    assert [hit.title for hit in search(out, "cai cach hanh chinh")] == ["Kết quả cải cách hành chính năm 2023"]

    ingest([source], out, Config(workers=1), OutputOptions(), progress=False)  # a later ingest: still corrected
    assert pd.read_csv(out / "statistics.csv")["value"].tolist() == [1243]


def test_a_line_naming_an_unknown_field_is_a_warning_and_changes_nothing(tmp_path: Path, capsys):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "corrections.csv").write_text("doc_id,table,field,match,value,note\nx,documents,colour,,red,\n"
                                         "x,statistics,value,,3,\n", encoding="utf-8")
    ingest([source], out, Config(workers=1), OutputOptions(), progress=False)
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {out / 'corrections.csv'} line 2: field 'colour' of documents cannot be corrected",
        f"warning: {out / 'corrections.csv'} line 3: a statistic is named by its match, such as "
        "`page=2; value=55653`",
    ]
    assert pd.read_csv(out / "documents.csv")["corrected"].isna().all()
