"""`sohoa search`: accent- and case-insensitive, phrases across line breaks, ranked hits with snippets."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import OutputOptions, ingest
from pipeline.cli import main
from pipeline.config import Config
from pipeline.errors import BadQuery
from pipeline.search import query_phrases, search, snippet


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    inbox = tmp_path_factory.mktemp("inbox")
    (inbox / "reform.txt").write_text(
        "BÁO CÁO\nKết quả công tác cải cách hành\nchính năm 2023\fTrang hai: cải cách thủ tục.\n",
        encoding="utf-8")
    (inbox / "party.txt").write_text("Đảng ủy khối cơ quan tỉnh\nĐề án số hóa hồ sơ\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    ingest([inbox], out, Config(workers=1), OutputOptions(), progress=False)
    return out


def pages_found(out: Path, query: str) -> list[tuple[str, int]]:
    return [(Path(hit.source_path).name, hit.page) for hit in search(out, query)]


def test_an_unaccented_phrase_finds_the_page_where_it_is_printed_with_marks(dataset):
    assert pages_found(dataset, '"cai cach hanh chinh"') == [("reform.txt", 1)]


def test_a_phrase_with_marks_finds_the_same_pages_as_without(dataset):
    assert pages_found(dataset, '"Cải cách hành chính"') == pages_found(dataset, '"cai cach hanh chinh"')


def test_d_with_stroke_is_found_by_a_plain_d(dataset):
    assert pages_found(dataset, "dang uy") == [("party.txt", 1)]


def test_every_word_must_be_on_the_page(dataset):
    assert sorted(pages_found(dataset, "cai cach")) == [("reform.txt", 1), ("reform.txt", 2)]
    assert pages_found(dataset, "cai cach dang") == []


def test_a_phrase_is_matched_as_a_phrase_not_as_words_anywhere_on_the_page(dataset):
    assert pages_found(dataset, '"hanh chinh cai cach"') == []


def test_the_snippet_marks_the_match_in_the_text_as_printed_across_the_line_break():
    text = "Kết quả công tác cải cách hành\nchính năm 2023"
    assert snippet(text, query_phrases('"cai cach hanh chinh"')) == "Kết quả công tác «cải cách hành chính» năm 2023"


def test_a_query_without_words_is_a_bad_query(dataset):
    with pytest.raises(BadQuery, match="no words"):
        search(dataset, '" "')


def test_the_command_prints_hits_as_json(dataset):
    result = CliRunner().invoke(main, ["search", "so hoa ho so", "--out", str(dataset), "--json"])
    assert result.exit_code == 0
    [hit] = json.loads(result.stdout)
    assert (Path(hit["source_path"]).name, hit["page"], hit["snippet"]) == (
        "party.txt", 1, "Đảng ủy khối cơ quan tỉnh Đề án «số» «hóa» «hồ» «sơ»")  # words, not a phrase
